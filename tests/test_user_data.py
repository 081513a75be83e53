"""Never lose or misreport a user's data (issue 22), replayed on the ``bench`` CLI by class:
folders, fields, labels, out-vs-input, concurrency, the gold pin, OSError and the rest.

Each test is a case a hostile but realistic user tried: a folder the command did not make,
a misspelt field, a label outside annotation.conf, an --out that is an input, two runs on
one --out, gold changed behind the pin, a full disk. The right outcome is a clear
``error:`` line with exit 2 and nothing touched (or, where the run is legitimate, a correct
result); never a traceback, a silent zero, or a lost file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures import REPO, copy_release, retype_in_every_version, run, without_warnings
from citydiplo.corpus.pinning import RELEASED_GOLD, check_pinned
from citydiplo.version import DATASET_VERSION
from citydiplo.cli import main
from citydiplo.errors import InputError
from citydiplo.files import MARKER, write_atomic
from citydiplo.formats.bio import nesting_levels
from citydiplo.formats.json_schemas import schema_files
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.schema import load_schema
from citydiplo.formats.strict import closest, schema, unknown_keys

# The sha256 of annotations/SHA256SUMS of every released data version, held here apart from
# the code and CHANGELOG.md: editing either cannot move it. A release adds one line.
RELEASED = {
    "0.1.0": "fc2e9213c92358413f42ad77fbe4fd7c06833148b74009b79d501db315ccf94b",
    "0.2.0": "8adfbd49decbdd2712b00d7d9fd92b384901fbfb4883fd72f034d3f063dabfc0",
    "0.3.0": "5881efaea0f8dbd304c649d96bb950c5eb820d796a624ae6ffdf9cac2f798727",
}


def refused(result, *words: str) -> str:
    """The run ended in one ``error:`` line (after any warnings) and exit code 2."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output and isinstance(result.exception, (SystemExit, type(None))), \
        repr(result.exception)
    rest = without_warnings(result.output).strip().splitlines()
    assert len(rest) == 1 and rest[0].startswith("error: "), result.output
    for w in words:
        assert w in rest[0], rest[0]
    return rest[0]


def tree(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` (or the file itself) with its bytes: to show nothing changed."""
    if path.is_file():
        return {"": path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rel(tmp_path_factory) -> Path:
    """A released project (read-only for the tests that take it)."""
    return copy_release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def gold(rel, tmp_path_factory) -> dict[str, Path]:
    """The gold as predictions, in each of the four formats."""
    out = tmp_path_factory.mktemp("gold-preds")
    paths = {}
    for fmt, name in (("tokens", "t.jsonl"), ("chars", "c.jsonl"), ("strings", "s.jsonl"), ("brat", "brat")):
        result = run("gold-predictions", "--root", rel, "--format", fmt, "--out", out / name)
        assert result.exit_code == 0, result.output
        paths[fmt] = out / name
    return paths


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_records(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- folders


def test_export_refuses_a_folder_of_results_files(rel, tmp_path):
    mine = tmp_path / "results"
    shutil.copytree(rel / "results", mine)
    before = tree(mine)
    refused(run("export", "--root", rel, "--format", "jsonl", "--out", mine), "not a CityDiplo export", MARKER)
    assert tree(mine) == before


def test_export_refuses_a_built_config(rel, tmp_path):
    ds = tmp_path / "ds"
    assert run("build", "--root", rel, "--out", ds).exit_code == 0
    before = tree(ds)
    refused(run("export", "--root", rel, "--format", "conll", "--out", ds / "ner"), "not a CityDiplo export")
    assert tree(ds) == before
    assert not list(ds.glob(".*.lock"))  # a refused run leaves nothing, not even a lock, in the build
    assert run("build", "--root", rel, "--out", ds).exit_code == 0  # which stays the build's own


def test_view_refuses_a_folder_with_a_users_page(rel, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "cv.html").write_text("<p>my cv</p>", encoding="utf-8")
    refused(run("view", "000-lv", "--root", rel, "--out", site), "not a CityDiplo site", "cv.html")
    assert tree(site) == {"cv.html": b"<p>my cv</p>"}


@pytest.mark.parametrize("command", [
    ["export", "--format", "jsonl"], ["view", "000-lv"], ["build"], ["gold-predictions", "--format", "brat"]])
def test_a_folder_is_replaced_only_when_the_same_command_wrote_it_and_nothing_was_added(rel, tmp_path, command):
    out = tmp_path / "out"
    args = [command[0], "--root", rel, *command[1:], "--out", out]
    assert run(*args).exit_code == 0
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["written_by"] == f"bench {command[0]}" and set(marker["files"]) == set(tree(out)) - {MARKER}
    assert run(*args).exit_code == 0  # a rerun replaces its own folder
    (out / "mine.txt").write_text("mine", encoding="utf-8")
    refused(run(*args), "mine.txt", "did not write")
    assert (out / "mine.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_another_command_wrote_is_refused(rel, tmp_path):
    site = tmp_path / "site"
    assert run("view", "000-lv", "--root", rel, "--out", site).exit_code == 0
    before = tree(site)
    refused(run("export", "--root", rel, "--format", "jsonl", "--out", site), "written by bench view")
    assert tree(site) == before


# --------------------------------------------------------------------------- fields


def _rename(d: dict, old: str, new: str) -> None:
    d[new] = d.pop(old)


def _first(recs: list[dict], layer: str, key: str | None = None) -> dict:
    return next(x for r in recs for x in r.get(layer) or [] if key is None or key in x)


FIELD_CASES = [
    # (format, what to do to the records, the field meant)
    ("chars", lambda r: [_rename(x, "entities", "entites") for x in r], "entities"),
    ("chars", lambda r: [_rename(x, "entities", "ents") for x in r], "entities"),
    ("strings", lambda r: [_rename(x, "entities", "entites") for x in r], "entities"),
    ("strings", lambda r: [_rename(x, "entities", "ents") for x in r], "entities"),
    ("tokens", lambda r: _rename(next(x for x in r if "ner_tags" in x), "ner_tags", "ner_tag"), "ner_tags"),
    *[(fmt, lambda r: _rename(_first(r, "events"), "arguments", "argumnets"), "arguments")
      for fmt in ("tokens", "chars", "strings")],
    *[(fmt, lambda r: _rename(_first(r, "events"), "realis", "realsi"), "realis") for fmt in ("tokens", "chars", "strings")],
    *[(fmt, lambda r: _rename(_first(r, "relations"), "status", "stauts"), "status")
      for fmt in ("tokens", "chars", "strings")],
    *[(fmt, lambda r: _rename(_first(r, "entities", "norm"), "norm", "nrom"), "norm") for fmt in ("chars", "strings")],
    ("tokens", lambda r: _rename(_first(r, "norm"), "id", "idd"), "id"),
    ("tokens", lambda r: _rename(_first(r, "events")["arguments"][0], "span", "spam"), "span"),
]


@pytest.mark.parametrize("fmt, change, meant", FIELD_CASES)
def test_a_misspelt_field_at_any_depth_is_an_error_with_its_line_and_the_field_meant(gold, rel, tmp_path, fmt, change,
                                                                                    meant):
    recs = records(gold[fmt])
    change(recs)
    path = write_records(tmp_path / "p.jsonl", recs)
    line = refused(run("evaluate", path, "--root", rel, "--samples", 100), f"did you mean '{meant}'?")
    assert re.match(rf"error: {re.escape(str(path))}:[1-9]\d*: ", line), line


def test_the_closest_field_is_the_one_meant_for_common_typos():
    top = ("doc_id", "entities", "events", "relations")
    assert closest("entites", top) == "entities" and closest("ents", top) == "entities"
    assert closest("evnets", top) == "events" and closest("relatoins", top) == "relations"
    assert closest("xyz", top) is None


def test_nested_keys_are_named_by_json_pointer():
    rec = {"doc_id": "000-lv", "events": [{"type": "MEET", "trigger": {"start": 0, "end": 1, "strat": 2}}]}
    [found] = unknown_keys(rec, "chars")
    assert found.pointer == "/events/0/trigger/strat" and found.suggestion == "start"


def test_unknown_keys_is_total_on_any_shape():
    for value in (None, 3, "x", [], [1, {"a": 2}], {"entities": "no"}, {"events": [None, {"trigger": [1]}]}):
        for fmt in ("tokens", "chars", "strings"):
            assert isinstance(unknown_keys(value, fmt), list)


def test_the_schemas_close_every_object_and_agree_with_the_readers():
    inv = Inventory.from_schema(load_schema(REPO / "annotations"))
    generated = schema_files(inv)
    for fmt, name in (("tokens", "predictions.schema.json"), ("chars", "chars.schema.json"),
                      ("strings", "strings.schema.json")):
        committed = schema(fmt)
        assert json.loads(generated[name]) == committed, f"{name} is stale: regenerate it"

        def objects(node):
            if isinstance(node, dict):
                if "properties" in node:
                    yield node
                for k, v in node.items():
                    if k != "examples":
                        yield from objects(v)
            elif isinstance(node, list):
                for v in node:
                    yield from objects(v)

        found = list(objects(committed))
        assert found and all(o.get("additionalProperties") is False for o in found)
        for example in committed["examples"]:  # what the schema allows, the reader reads
            assert unknown_keys(example, fmt) == []
        # and every key the readers refuse is one the schema leaves out
        assert unknown_keys({**committed["examples"][0], "extra": 1}, fmt)[0].key == "extra"


def test_the_gold_in_every_format_has_no_unknown_key(gold):
    for fmt in ("tokens", "chars", "strings"):
        assert all(unknown_keys(r, fmt) == [] for r in records(gold[fmt]))


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize("record, words", [
    ({"entities": [{"text": "Springfield", "type": "VILLAGE"}]}, ["entities[0].type 'VILLAGE'"]),
    ({"entities": [{"text": "Daugavpils", "type": "VILLAGE"}]}, ["entities[0].type 'VILLAGE'"]),
    ({"events": [{"type": "PARTY", "trigger": "zzzqqq"}]}, ["events[0].type 'PARTY'"]),
    ({"events": [{"type": "MEET", "trigger": "zzzqqq", "realis": "MAYBE"}]}, ["realis 'MAYBE'"]),
    ({"events": [{"type": "MEET", "trigger": "zzzqqq", "arguments": [{"role": "Buyer", "text": "x"}]}]},
     ["role 'Buyer'"]),
    ({"relations": [{"arg1": "zzz", "arg2": "qqq", "status": "SOON"}]}, ["status 'SOON'"]),
])
def test_a_strings_label_outside_the_schema_is_an_error_whether_or_not_its_text_resolves(gold, rel, tmp_path,
                                                                                        record, words):
    recs = records(gold["strings"])
    recs[0] = {"doc_id": recs[0]["doc_id"], **record}
    path = write_records(tmp_path / "s.jsonl", recs)
    refused(run("evaluate", path, "--root", rel, "--samples", 100), f"{path}:1:", *words)


@pytest.mark.parametrize("edit, words", [
    (lambda s: s.replace("\tCITY ", "\tVILLAGE ", 1), ["entity type 'VILLAGE'"]),
    (lambda s: re.sub(r"^(A\d+\tRealis \S+) ACTUAL$", r"\1 MAYBE", s, count=1, flags=re.M), ["Realis 'MAYBE'"]),
    (lambda s: re.sub(r"^(E\d+\t)MEET:", r"\1PARTY:", s, count=1, flags=re.M), ["event type 'PARTY'"]),
])
def test_brat_errors_cite_the_line_of_the_ann_file(gold, rel, tmp_path, edit, words):
    brat = tmp_path / "brat"
    shutil.copytree(gold["brat"], brat)
    ann = brat / "000-lv.ann"
    text = ann.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text
    changed = next(i for i, (a, b) in enumerate(zip(text.splitlines(), new.splitlines()), 1) if a != b)
    ann.write_text(new, encoding="utf-8")
    line = refused(run("evaluate", brat, "--root", rel, "--samples", 100), *words)
    assert f"{ann}:{changed}: " in line and "[0]" not in line, line


# --------------------------------------------------------------------------- out vs input


def test_gold_predictions_cannot_write_over_the_gold(tmp_path):
    rel = copy_release(tmp_path / "r")  # its own copy: a regression here must not spoil other tests' gold
    ann = rel / "annotations" / "000-lv.ann"
    before = tree(rel / "annotations")
    refused(run("gold-predictions", "--root", rel, "--out", ann), "input")
    refused(run("gold-predictions", "--root", rel, "--out", rel / "annotations" / "new.jsonl"), "input")
    refused(run("gold-predictions", "--root", rel, "--format", "brat", "--out", rel / "annotations"), "input")
    assert tree(rel / "annotations") == before


def test_leaderboard_cannot_write_over_a_result_it_reads(tmp_path):
    rel = copy_release(tmp_path / "r")
    before = tree(rel / "results")
    refused(run("leaderboard", rel / "results", "--out", rel / "results" / "gazetteer.json"), "input")
    assert tree(rel / "results") == before


def test_evaluate_and_predict_cannot_write_into_their_inputs(gold, tmp_path):
    rel = copy_release(tmp_path / "r")
    brat = tmp_path / "brat"
    shutil.copytree(gold["brat"], brat)
    before = tree(brat)
    refused(run("evaluate", brat, "--root", rel, "--samples", 100, "--out", brat / "r.json"), "input")
    refused(run("predict", brat, "--root", rel, "--out", brat / "000-lv.ann"), "input")
    refused(run("evaluate", gold["tokens"], "--root", rel, "--samples", 100, "--out", rel / "corpus" / "r.json"),
            "input")
    assert tree(brat) == before and not (rel / "corpus" / "r.json").exists()


# --------------------------------------------------------------------------- concurrency


def test_concurrent_writers_of_one_file_end_with_one_complete_file(tmp_path):
    target = tmp_path / "r.json"
    contents = [json.dumps({"writer": k, "pad": "x" * 200_000}) for k in range(8)]
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for _ in range(5):
                write_atomic(target, contents[k])
        except BaseException as exc:  # pragma: no cover - what the test looks for
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_text(encoding="utf-8") in contents
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_a_planted_temp_name_link_does_not_redirect_the_write(gold, rel, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "r.json"
    for name in ("r.json.tmp", ".r.json.tmp"):
        os.symlink(victim, tmp_path / name)
    result = run("evaluate", gold["tokens"], "--root", rel, "--samples", 100, "--out", out)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious" and json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["lock", "building", "old"])
def test_a_planted_link_beside_an_output_folder_is_refused_and_not_followed(rel, tmp_path, kind):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    os.symlink(victim, tmp_path / f".site.{kind}")
    refused(run("view", "000-lv", "--root", rel, "--out", tmp_path / "site"), "symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious"


def test_gold_predictions_brat_writes_its_folder_at_once(rel, tmp_path, monkeypatch):
    """A write that fails half-way (here: the third file) leaves no folder at all; the
    folder appears complete, with the five files, or not at all."""
    import citydiplo.files as files

    out = tmp_path / "brat"
    real, calls = files._write_files, []

    def failing(folder, content):
        calls.append(folder)
        for k, (rel_name, data) in enumerate(content.items()):
            if k == 2:
                raise OSError(28, "No space left on device")
            real(folder, {rel_name: data})

    monkeypatch.setattr(files, "_write_files", failing)
    refused(run("gold-predictions", "--root", rel, "--format", "brat", "--out", out), "no space left")
    assert calls and not out.exists() and [p.name for p in tmp_path.iterdir()] == [".brat.lock"]  # the lock only
    monkeypatch.undo()
    assert run("gold-predictions", "--root", rel, "--format", "brat", "--out", out).exit_code == 0
    assert len(list(out.glob("*.ann"))) == 5


# --------------------------------------------------------------------------- the gold pin


def test_released_gold_digests_are_anchored_here():
    """The code's RELEASED_GOLD is this test's list: a release adds a line to both."""
    assert RELEASED_GOLD == RELEASED


def test_the_checkout_is_the_released_gold(root):
    from citydiplo.version import DATASET_VERSION

    digest = hashlib.sha256((root / "annotations" / "SHA256SUMS").read_bytes()).hexdigest()
    assert RELEASED.get(DATASET_VERSION, digest) == digest


def _change_gold(root: Path) -> None:
    assert retype_in_every_version(root, "001-ru", "PER", "ORG")


def test_a_missing_checksum_file_fails_validate_in_a_release(tmp_path):
    root = copy_release(tmp_path / "r")
    _change_gold(root)
    (root / "annotations" / "SHA256SUMS").unlink()
    result = run("validate", "--root", root)
    assert result.exit_code == 1 and "SHA256SUMS:0: missing" in result.output


def test_rewriting_the_released_changelog_line_does_not_move_the_pin(tmp_path):
    root = copy_release(tmp_path / "r")
    _change_gold(root)
    assert run("pin-gold", "--root", root).exit_code == 0
    digest = hashlib.sha256((root / "annotations" / "SHA256SUMS").read_bytes()).hexdigest()
    log = root / "CHANGELOG.md"
    text = log.read_text(encoding="utf-8")
    newest = max(RELEASED, key=lambda v: tuple(int(x) for x in v.split(".")))
    released_entry = text.index(f"## {newest}")  # the newest released entry, whatever is above it
    log.write_text(text[:released_entry] + re.sub(r"Gold: sha256:[0-9a-f]{64}", f"Gold: sha256:{digest}",
                                                  text[released_entry:], count=1), encoding="utf-8")
    result = run("validate", "--root", root)
    assert result.exit_code == 1 and "released entries are never edited" in result.output
    assert any(f"not the checksum file released as {newest}" in p.message
               for p in check_pinned(root, version=newest))


@pytest.mark.parametrize("command", [
    ["evaluate", "{tokens}", "--samples", "100", "--out", "{tmp}/r.json"],
    ["export", "--format", "jsonl", "--out", "{tmp}/ex"],
    ["view", "000-lv", "--out", "{tmp}/site"],
    ["gold-predictions", "--out", "{tmp}/g.jsonl"],
    ["predict", "{tokens}", "--out", "{tmp}/p.jsonl"],
])
def test_every_command_reading_changed_gold_warns_and_results_say_so(gold, tmp_path, command):
    root = copy_release(tmp_path / "r")
    _change_gold(root)
    args = [a.format(tokens=gold["tokens"], tmp=tmp_path) for a in command]
    result = CliRunner().invoke(main, [args[0], "--root", str(root), *args[1:]])
    assert result.exit_code == 0, result.output
    assert "warning: the gold is not the pinned gold" in result.stderr
    assert "001-ru.ann" in result.stderr or "001-en.ann" in result.stderr  # the first changed version named
    if command[0] == "evaluate":
        data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert data["gold_pinned"] is False
        board = tmp_path / "board"
        board.mkdir()
        shutil.copy(tmp_path / "r.json", board / "r.json")
        refused(run("leaderboard", board), "gold_pinned: false")


def test_the_released_gold_gives_no_warning(gold, rel, tmp_path):
    result = CliRunner().invoke(main, ["evaluate", str(gold["tokens"]), "--root", str(rel), "--samples", "100",
                                       "--out", str(tmp_path / "r.json")])
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert "gold_pinned" not in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("figure", ["NaN", "Infinity", "-Infinity"])
def test_the_leaderboard_and_the_viewer_refuse_figures_that_are_not_numbers(rel, tmp_path, figure):
    board = tmp_path / "board"
    shutil.copytree(rel / "results", board)
    path = board / "gazetteer.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'("entity_f1": \{\s*"f1": )[0-9.]+', rf"\g<1>{figure}", text, count=1), encoding="utf-8")
    line = refused(run("leaderboard", board), f"{figure} is not a figure")
    assert re.match(rf"error: {re.escape(str(path))}:[1-9]", line)
    refused(run("view", "000-lv", "--root", rel, "--results", path, "--out", tmp_path / "site"),
            f"{figure} is not a figure")


# --------------------------------------------------------------------------- OSError and the rest


def _bench(*args: object, fsize: int | None = None, memory: int | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess:
    """``bench`` in a child process, with a file-size and a memory limit if given."""
    def limit() -> None:  # pragma: no cover - runs in the child
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "benchmark"), str(REPO / "baselines"),
                                                       os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "citydiplo.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, preexec_fn=limit, timeout=timeout)


@pytest.mark.parametrize("command", [["evaluate", "{tokens}", "--samples", "100", "--out", "{tmp}/r.json"],
                                     ["view", "000-lv", "--out", "{tmp}/site"]])
def test_a_full_disk_is_one_error_line_and_leaves_nothing(gold, rel, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(tokens=gold["tokens"], tmp=out) for a in command]
    proc = _bench(args[0], "--root", rel, *args[1:], fsize=2048)  # writes over 2 KiB fail with EFBIG
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: ") and "too large" in proc.stderr
    assert [p.name for p in out.iterdir() if not p.name.endswith(".lock")] == []


def test_an_oserror_anywhere_is_one_error_line(rel, monkeypatch):
    import citydiplo.evaluation.evaluate as ev

    def broken(*a, **k):
        raise PermissionError(13, "Permission denied", "/somewhere/secret")

    monkeypatch.setattr(ev, "load_benchmark", broken)
    result = run("evaluate", "gazetteer", "--root", rel)
    assert result.exit_code == 2 and result.output.strip().splitlines()[-1] == \
        "error: /somewhere/secret: Permission denied"


def test_a_sentence_id_with_a_non_ascii_digit_is_unknown(gold, rel, tmp_path):
    recs = records(gold["strings"]) + [{"id": "000-lv-\u00b9", "entities": []}]
    path = write_records(tmp_path / "s.jsonl", recs)
    refused(run("evaluate", path, "--root", rel, "--samples", 100), "unknown sentence id")


def test_a_symlink_loop_or_a_device_as_input_is_refused(gold, tmp_path):
    root = copy_release(tmp_path / "r")
    loop = tmp_path / "loop.jsonl"
    os.symlink(loop, loop)
    refused(run("evaluate", loop, "--root", root, "--samples", 100))
    ann = root / "annotations" / "000-lv.ann"
    ann.unlink()
    os.symlink("/dev/zero", ann)
    # in a child with a memory limit and a timeout: an unbounded read must fail this test, not hang the suite
    proc = _bench("evaluate", gold["tokens"], "--root", root, "--samples", 100, memory=4 << 30, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert proc.stderr.strip().splitlines()[-1] == f"error: {ann}: is not a regular file (a device, a pipe or a socket)"


def test_a_models_print_goes_to_stderr_and_json_stays_clean(gold, rel, tmp_path, monkeypatch):
    (tmp_path / "talking_model.py").write_text(
        "import json\n"
        f"RECORDS = [json.loads(l) for l in open({str(gold['tokens'])!r}, encoding='utf-8')]\n"
        "print('importing the model')\n"
        "def predict(docs):\n"
        "    print('loading weights')\n"
        "    for r in RECORDS:\n"
        "        print('predicting', r['id'])\n"
        "        yield r\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    result = CliRunner().invoke(main, ["evaluate", "talking_model:predict", "--root", str(rel), "--samples", "100",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["headline"]["entity_f1"]["f1"] == 1.0
    assert "loading weights" in result.stderr and "predicting" in result.stderr


def _drop_ids(gold: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    out = {}
    for fmt in ("tokens", "chars", "strings"):
        recs = records(gold[fmt])
        for r in recs:
            r.pop("norm", None)
            for e in r.get("entities", []):
                e.pop("norm", None)
        out[fmt] = write_records(tmp_path / f"{fmt}.jsonl", recs)
    brat = tmp_path / "brat"
    shutil.copytree(gold["brat"], brat)
    for ann in brat.glob("*.ann"):
        ann.write_text("".join(line + "\n" for line in ann.read_text(encoding="utf-8").splitlines()
                               if not line.startswith("N")), encoding="utf-8")
    out["brat"] = brat
    return out


def test_a_system_without_ids_has_no_linking_figures_in_any_format(gold, rel, tmp_path):
    for fmt, path in _drop_ids(gold, tmp_path).items():
        result = CliRunner().invoke(main, ["evaluate", str(path), "--root", str(rel), "--samples", "100",
                                           "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["linking"]["predicted"] is False, fmt


def test_two_ids_for_one_mention_are_an_error_in_every_format(gold, rel, tmp_path):
    t = records(gold["tokens"])
    first = next(r for r in t if r.get("norm"))
    first["norm"].append({"span": first["norm"][0]["span"], "id": "GeoNames:1"})
    refused(run("evaluate", write_records(tmp_path / "t.jsonl", t), "--root", rel, "--samples", 100),
            "a second id")
    c = records(gold["chars"])
    ent = next(e for e in c[0]["entities"] if "norm" in e)
    c[0]["entities"].append({**ent, "norm": "GeoNames:1"})
    refused(run("evaluate", write_records(tmp_path / "c.jsonl", c), "--root", rel, "--samples", 100),
            "a second id")
    brat = tmp_path / "brat"
    shutil.copytree(gold["brat"], brat)
    ann = brat / "000-lv.ann"
    n_line = next(line for line in ann.read_text(encoding="utf-8").splitlines() if line.startswith("N"))
    _, body, surface = n_line.split("\t")
    n = len(ann.read_text(encoding="utf-8").splitlines()) + 1
    with open(ann, "a", encoding="utf-8") as fh:
        fh.write(f"N999\tReference {body.split()[1]} GeoNames:1\t{surface}\n")
    refused(run("evaluate", brat, "--root", rel, "--samples", 100), f"{ann}:{n}: N999: a second id")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)), max_size=40))
def test_nesting_levels_counts_the_spans_that_contain_each_one(raw):
    spans = [(s, s + n) for s, n in raw]
    expected = [1 + sum(1 for o in spans if o[0] <= s and e <= o[1] and o != (s, e)) for s, e in spans]
    assert nesting_levels(spans) == expected


class CountingList(list):
    """A list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_nesting_levels_walks_the_spans_a_fixed_number_of_times_not_once_per_span():
    """O(n log n), not the pairwise count (100,000 entities in one document took over a
    minute): a chain of 2,000 spans, each inside all before it, is walked a few times in
    all, never once per span; its levels are the depths 1..n."""
    n = 2_000
    spans = CountingList((k, 2 * n - k) for k in range(n))
    CountingList.walks = 0
    assert nesting_levels(spans) == list(range(1, n + 1))
    assert CountingList.walks <= 5


def test_input_errors_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        from citydiplo.files import read_text

        read_text(tmp_path)


def test_a_prediction_line_is_read_with_a_size_limit(gold, rel, tmp_path, monkeypatch):
    import citydiplo.formats.predictions as predictions

    monkeypatch.setattr(predictions, "MAX_LINE_BYTES", 4096)
    path = tmp_path / "long.jsonl"
    path.write_bytes(b"{" + b" " * 10_000)  # no newline: a reader without a limit takes it whole
    refused(run("evaluate", path, "--root", rel, "--samples", 100), f"{path}:1:", "longer than")


def _schema_keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node.get("properties", {})) | {k for v in node.values() for k in _schema_keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _schema_keys(v)}
    return set()


_KEYS = sorted(set().union(*(_schema_keys(schema(f)) for f in ("tokens", "chars", "strings")))) + ["entites", "spam", "x"]
_json = st.recursive(st.none() | st.booleans() | st.integers(-2, 5) | st.sampled_from(["O", "MEET", "x"]),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
                     max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), _json, max_size=6) | _json)
def test_the_quick_key_check_agrees_with_the_walk_that_names_the_keys(record):
    """``has_unknown_keys`` (asked of every record) is true exactly when ``unknown_keys``
    finds a key, in every format, on records of any shape and depth."""
    from citydiplo.formats.strict import has_unknown_keys

    for fmt in ("tokens", "chars", "strings", "records"):
        assert has_unknown_keys(record, fmt) == bool(unknown_keys(record, fmt)), fmt


_INV = Inventory.from_schema(load_schema(REPO / "annotations"))
_good_span = st.integers(0, 4).flatmap(lambda a: st.integers(a + 1, 5).map(lambda b: [a, b]))
_event_span = _good_span | _good_span | st.tuples(st.integers(-1, 6), st.integers(-1, 6)).map(list) \
    | st.sampled_from([[True, 2], [0, 1, 2], (0, 1), None, "0-1", [0.0, 1]])


def _event_of(etype):
    good = st.sampled_from(_INV.event_roles.get(etype, ("Time",)))
    argument = st.one_of(*[st.fixed_dictionaries({"role": good, "span": _good_span})] * 4,
                         st.fixed_dictionaries({"role": good | st.sampled_from(["Nobody", 1, "Visitor"]),
                                                "span": _event_span}), st.sampled_from([[], "arg", None]))
    return st.fixed_dictionaries(
        {"type": st.just(etype), "trigger": _event_span},
        optional={"realis": st.sampled_from(list(_INV.realis) + [None, "actual", 0]),
                  "arguments": st.lists(argument, max_size=3) | st.sampled_from([None, {}, "x"])})


_event_item = st.sampled_from(list(_INV.event_roles) + ["MEETING", None]).flatmap(_event_of)


@settings(max_examples=400, deadline=None)
@given(st.lists(_event_item | st.sampled_from([[], "ev", None]), max_size=3))
def test_the_quick_events_check_agrees_with_the_checker_that_names_problems(events):
    """``_events_as_given`` (asked of every events list) gives exactly what ``_Checker.events``
    gives, or None where that raises or the list is not plain (it then names the problem)."""
    from citydiplo.formats.predictions import _Checker, _events_as_given

    quick = _events_as_given(events, 5, _INV)
    try:
        named = _Checker("p", 1, "000-lv-001", 5, _INV).events(events)
    except InputError:
        assert quick is None
    else:
        assert quick is None or quick == named
        if all(type(v) is dict for v in events):  # plain well-formed items are taken quickly
            assert quick == named


def _shaped(node, root, depth=0):
    """Values shaped like the schema ``node`` describes (objects with its properties, lists of
    its items, a branch of a oneOf/anyOf), now and then with a stray key or a value of any shape,
    so that the key checks are asked about keys deep in well-formed records."""
    while isinstance(node, dict) and "$ref" in node:
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    stray = _json if depth < 4 else st.none()
    if not isinstance(node, dict) or depth > 5:
        return stray
    branches = [b for k in ("oneOf", "anyOf") for b in node.get(k, ())]
    if branches:
        return st.one_of(*[_shaped(b, root, depth + 1) for b in branches])
    if "properties" in node:
        props = node["properties"]
        fields = st.fixed_dictionaries({}, optional={k: _shaped(v, root, depth + 1) for k, v in props.items()})
        extra = st.dictionaries(st.sampled_from(_KEYS), stray, max_size=1)
        return st.one_of(fields, fields, fields, st.tuples(fields, extra).map(lambda p: {**p[0], **p[1]}), stray)
    if "items" in node:
        return st.lists(_shaped(node["items"], root, depth + 1), max_size=3) | stray
    return stray


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["tokens", "chars", "strings", "records"]).flatmap(
    lambda fmt: st.tuples(st.just(fmt), _shaped(schema(fmt), schema(fmt)))))
def test_the_quick_key_check_agrees_with_the_walk_on_records_shaped_like_the_schema(case):
    """The same agreement on records that follow the format's schema down to its deepest
    objects (an argument of an event, a filler), with or without a stray key somewhere."""
    from citydiplo.formats.strict import has_unknown_keys

    fmt, record = case
    assert has_unknown_keys(record, fmt) == bool(unknown_keys(record, fmt)), (fmt, unknown_keys(record, fmt))
