"""Bad inputs to `bench evaluate` / `predict` / `compare` end in exit 2 and one
``error: file:line: problem`` line, never a traceback or a silent score: output paths
(item 1), models that misbehave (item 3), prediction files (item 5)."""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path

import pytest

from citydiplo.errors import InputError
from citydiplo.evaluation import evaluate as evaluate_module
from citydiplo.files import write_atomic
from citydiplo.formats.records import record_to_prediction_json
from fixtures import run, without_warnings


@pytest.fixture(scope="module")
def gold_lines(gold) -> list[str]:
    return [json.dumps(record_to_prediction_json(r), ensure_ascii=False) for r in gold.records.values()]


@pytest.fixture
def preds(tmp_path, gold_lines) -> Path:
    path = tmp_path / "preds.jsonl"
    path.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    return path


def refused(result, *words: str, lines: int = 1) -> str:
    """Exit 2, ``error: ...`` on one line, no traceback, the words in the message."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output, result.output
    assert without_warnings(result.output).startswith("error: "), result.output
    assert len(result.output.strip().splitlines()) == lines, result.output
    for w in words:
        assert w in result.output, result.output
    return result.output


# --------------------------------------------------------------------------- 1. output paths


def test_out_in_a_missing_folder_is_refused_before_the_run(preds, tmp_path, monkeypatch):
    ran = []
    monkeypatch.setattr(evaluate_module, "load_benchmark", lambda *a, **k: ran.append(1))
    refused(run("evaluate", preds, "--out", tmp_path / "nope" / "r.json"), "does not exist", "nope")
    assert ran == []


def usage_error(result, *words: str) -> None:
    """click's own refusal of an option value: exit 2, no traceback."""
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "Error: Invalid value for '--out'" in result.output, result.output
    for w in words:
        assert w in result.output, result.output


def test_out_that_is_a_directory_is_refused(preds, tmp_path):
    usage_error(run("evaluate", preds, "--out", tmp_path), "is a directory")
    from citydiplo.files import check_output

    with pytest.raises(InputError, match="names a directory"):
        check_output(tmp_path)
    with pytest.raises(InputError, match="names a file"):
        check_output(preds, directory=True)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX only")
def test_out_in_a_read_only_folder_is_refused(preds, tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    import citydiplo.files as files

    if os.geteuid() == 0:  # root writes anywhere: stand in for a read-only mount
        def denied(*a, **k):
            raise PermissionError(13, "Read-only file system")
        monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    else:
        ro.chmod(0o500)
    try:
        refused(run("evaluate", preds, "--out", ro / "r.json"), "cannot write --out", "Read-only")
    finally:
        ro.chmod(0o700)
    assert list(ro.iterdir()) == []


@pytest.mark.parametrize("command", ["evaluate", "predict"])
def test_the_predictions_file_is_never_overwritten_by_its_own_results(preds, command):
    before = preds.read_bytes()
    refused(run(command, preds, "--out", preds), "is the input", "itself")
    assert preds.read_bytes() == before


def test_the_input_named_another_way_is_still_the_input(preds, tmp_path, monkeypatch):
    link = tmp_path / "link.jsonl"
    link.symlink_to(preds)
    before = preds.read_bytes()
    monkeypatch.chdir(tmp_path)
    refused(run("evaluate", "preds.jsonl", "--out", "./link.jsonl"), "is the input")
    (tmp_path / "sub").mkdir()
    refused(run("evaluate", "sub/../preds.jsonl", "--out", "preds.jsonl"), "is the input")
    refused(run("evaluate", preds, "--out", link), "is the input")
    assert preds.read_bytes() == before


def test_other_commands_check_their_out_first(tmp_path, preds):
    refused(run("gold-predictions", "--out", tmp_path / "missing" / "g.jsonl"), "does not exist")
    refused(run("predict", preds, "--out", tmp_path / "missing" / "p.jsonl"), "does not exist")
    refused(run("export", "--format", "conll", "--out", tmp_path / "missing" / "x"), "does not exist")
    usage_error(run("view", "--out", preds), "is a file")


def test_a_crash_during_a_write_leaves_the_old_file_and_no_tmp(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")

    def crash(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(InputError, match="r.json: cannot write the file: no space left on the device"):
        write_atomic(target, "new")  # a full disk is the user's problem to fix: one clear error
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \udc80 surrogate")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


# --------------------------------------------------------------------------- 3. models


@pytest.mark.parametrize("spec, words", [
    ("tests.bad_models:raises", ["tests.bad_models:raises: the model raised ValueError: weights not found"]),
    ("tests.bad_models:returns_int", ["returned int, not an iterable"]),
    ("tests.bad_models:returns_none", ["returned NoneType, not an iterable"]),
    ("tests.bad_models:returns_a_dict", ["returned dict, not an iterable"]),
    ("tests.bad_models:returns_wrong_records", ["a prediction must be a JSON object, found int"]),
    ("tests.bad_models:exits", ["called sys.exit(3)"]),
    ("tests.bad_models:exits_while_yielding", ["called sys.exit('bye')"]),
    ("tests.bad_models:fails_midway", ["raised RuntimeError: CUDA out of memory after"]),
    ("tests.bad_models:yields_nothing", ["holds no predictions", "first: 000-lv-001"]),
    ("tests.bad_models:not_callable", ["no callable 'not_callable'"]),
    ("tests.broken_model_import:predict", ["importing module 'tests.broken_model_import' raised ZeroDivisionError"]),
    ("tests.no_such_module:predict", ["cannot import module 'tests.no_such_module'"]),
])
def test_a_misbehaving_module_function_model_ends_in_one_line(spec, words):
    refused(run("evaluate", spec, "--samples", 100), spec, *words)


def test_debug_shows_the_models_traceback():
    result = run("evaluate", "tests.bad_models:raises", "--samples", 100, "--debug")
    assert result.exit_code == 2
    assert "Traceback" in result.output and 'raise ValueError("weights not found")' in result.output
    assert result.output.strip().splitlines()[-1].startswith("error: tests.bad_models:raises: the model raised")


def test_predict_and_compare_also_end_in_one_line(tmp_path, preds):
    refused(run("predict", "tests.bad_models:exits", "--out", tmp_path / "p.jsonl"), "called sys.exit(3)")
    assert not (tmp_path / "p.jsonl").exists()
    refused(run("compare", preds, "tests.bad_models:raises", "--samples", 100), "raised ValueError")
    assert "Traceback" in run("compare", preds, "tests.bad_models:raises", "--samples", 100, "--debug").output


def test_a_registered_model_that_fails_or_cannot_load(monkeypatch):
    eps = {name: metadata.EntryPoint(name, value, "citydiplo.models") for name, value in [
        ("boom", "tests.bad_models:raises"), ("gone", "tests.no_such_module:predict"),
        ("broken", "tests.broken_model_import:predict"), ("quits", "tests.bad_models:exits")]}
    monkeypatch.setattr(evaluate_module, "registered_models", lambda: eps)
    refused(run("evaluate", "boom", "--samples", 100), "<model boom>", "raised ValueError")
    refused(run("evaluate", "gone", "--samples", 100), "<model gone>", "cannot load tests.no_such_module:predict",
            "ModuleNotFoundError")
    refused(run("evaluate", "broken", "--samples", 100), "<model broken>", "ZeroDivisionError")
    refused(run("evaluate", "quits", "--samples", 100), "<model quits>", "sys.exit(3)")


# --------------------------------------------------------------------------- 5. prediction files


def test_deeply_nested_json_is_a_clear_error(tmp_path, gold_lines):
    path = tmp_path / "deep.jsonl"
    path.write_text(gold_lines[0] + "\n" + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    refused(run("evaluate", path), f"{path}:2:", "nested too deeply")


def test_deeply_nested_field_is_a_clear_error(tmp_path, gold_lines):
    path = tmp_path / "deep.jsonl"
    rec = json.loads(gold_lines[0])
    line = json.dumps(rec)[:-1] + ', "events": ' + "[" * 50_000 + "]" * 50_000 + "}"
    path.write_text(line + "\n", encoding="utf-8")
    refused(run("evaluate", path), f"{path}:1:", "nested too deeply")


@pytest.mark.parametrize("field, hint", [("ner_tag", "did you mean 'ner_tags'?"),
                                         ("event", "did you mean 'events'?"),
                                         ("Relations", "did you mean 'relations'?"),
                                         ("confidence", "")])
def test_an_unknown_field_is_refused_not_read_as_all_O(tmp_path, gold_lines, field, hint):
    rec = json.loads(gold_lines[0])
    rec[field] = rec.pop("ner_tags") if field == "ner_tag" else []
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join([json.dumps(rec)] + gold_lines[1:]) + "\n", encoding="utf-8")
    out = refused(run("evaluate", path), f"{path}:1:", f"unknown field {field!r}", hint)
    if not hint:
        assert "did you mean" not in out


def test_the_fields_of_the_schema_the_gazetteer_and_the_dataset_rows_are_allowed(tmp_path, gold):
    rec = next(iter(gold.records.values()))
    row = record_to_prediction_json(rec) | {"norm": [], "doc_id": rec.doc_id, "language": rec.language,
                                            "tokens": [t.text for t in rec.tokens]}
    lines = [json.dumps(row)] + [json.dumps(record_to_prediction_json(r)) for r in list(gold.records.values())[1:]]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("evaluate", path, "--samples", 100).exit_code == 0


def test_an_empty_file_names_the_first_missing_id(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    refused(run("evaluate", path), "holds no predictions", "first: 000-lv-001")


def test_missing_sentences_name_the_first_missing_id(tmp_path, gold_lines):
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(gold_lines[:-1]) + "\n", encoding="utf-8")
    last = json.loads(gold_lines[-1])["id"]
    refused(run("evaluate", path), "1 sentence(s) have no prediction", f"first: {last}")


def test_a_truncated_line_reports_its_own_line_and_column(tmp_path, gold_lines):
    cut = gold_lines[1][:40]
    path = tmp_path / "p.jsonl"
    path.write_text(gold_lines[0] + "\n" + cut + "\n" + "\n".join(gold_lines[2:]) + "\n", encoding="utf-8")
    out = refused(run("evaluate", path), f"{path}:2:", "malformed JSON")
    column = int(out.rsplit("column ", 1)[1].rstrip(")\n"))
    assert 1 < column <= len(cut) + 1  # inside (or just past) the truncated line, not "column 1" of line 3
    path.write_text(gold_lines[0] + "\n" + gold_lines[1][:-1] + ",\r\n", encoding="utf-8")
    out = refused(run("evaluate", path), f"{path}:2:")
    assert int(out.rsplit("column ", 1)[1].rstrip(")\n")) == len(gold_lines[1]) + 1


def test_a_number_with_thousands_of_digits(tmp_path, gold_lines):
    rec = json.loads(gold_lines[0])
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(rec)[:-1] + ', "events": [{"type": "MEET", "trigger": [' + "9" * 5000 + ', 1]}]}\n',
                    encoding="utf-8")
    out = refused(run("evaluate", path), f"{path}:1:")
    assert len(out) < 400


def test_a_directory_or_link_loop_as_the_predictions_file(tmp_path):
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    refused(run("evaluate", loop))
