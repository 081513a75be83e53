"""The dataset build: rows, determinism, staleness, the card, and the `bench build` command."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from citydiplo.version import DATASET_VERSION
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.corpus.benchmark import track_content_hash
from citydiplo.corpus.project import content_hash
from citydiplo.release.build import (
    build,
    dataset_files,
    rows as release_rows,
    stale_paths,
    tree_files,
    write_tree,
)
from citydiplo.release.card import size_category
from citydiplo.cli import main
from citydiplo.corpus.documents import read_document
from citydiplo.errors import InputError
from citydiplo.formats.records import sentence_records



def _card_yaml(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def _jsonl(data: bytes) -> list[dict]:
    import json

    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


# --------------------------------------------------------------------------- content hash


def test_content_hash_is_stable_and_names_the_content(gold_project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(gold_project, copy, ignore=shutil.ignore_patterns("dataset"))
    assert content_hash(gold_project) == content_hash(copy)
    assert len(content_hash(gold_project)) == 64

    (copy / "annotations" / "passes").mkdir()
    (copy / "annotations" / "passes" / "000-lv.ann").write_text("T1\tCITY 0 10\tDaugavpils\n", encoding="utf-8")
    assert content_hash(copy) == content_hash(gold_project), "annotators' passes are not the released data"

    ann = copy / "annotations" / "004-vi.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("T6\tGPE", "T6\tLOC"), encoding="utf-8")
    assert content_hash(copy) != content_hash(gold_project)


# --------------------------------------------------------------------------- rows


def test_only_annotated_documents_are_released(gold_project):
    rel = load_benchmark(gold_project)
    assert [d.id for d in rel.documents] == ["000-lv", "003-uk", "004-vi"]
    assert rel.languages == ["lv", "uk", "vi"]


def test_ner_rows_are_the_sentence_records(gold_project):
    rows = release_rows(load_benchmark(gold_project), "ner")
    expected = [r for d in ("000-lv", "003-uk", "004-vi") for r in sentence_records(read_document(d, gold_project))]
    assert [r["id"] for r in rows] == [r.id for r in expected]
    for row, rec in zip(rows, expected):
        assert row["tokens"] == [t.text for t in rec.tokens]
        assert row["ner_tags"] == rec.ner_tags and row["ner_tags_inner"] == rec.ner_tags_inner
    second = rows[1]
    assert second["id"] == "000-lv-002"
    assert second["ner_tags"][:5] == ["B-DATE", "I-DATE", "B-ORG", "I-ORG", "I-ORG"]
    assert second["ner_tags_inner"][:5] == ["O", "O", "B-CITY", "O", "O"]


def test_events_rows_hold_events_and_relations_in_token_spans(gold_project):
    rows = {r["id"]: r for r in release_rows(load_benchmark(gold_project), "events")}
    first = rows["000-lv-001"]
    assert first["events"] == [{"id": "E1", "type": "MEET", "trigger_start": 5, "trigger_end": 6, "realis": "ACTUAL",
                                "arguments": [{"role": "Participant", "ref": "T1", "start": 0, "end": 1},
                                              {"role": "Participant", "ref": "T2", "start": 2, "end": 3}]}]
    assert first["relations"] == [{"id": "R1", "type": "PARTNER_OF", "arg1": "T1", "arg2": "T2", "arg1_start": 0,
                                   "arg1_end": 1, "arg2_start": 2, "arg2_end": 3, "status": "ESTABLISHED"}]
    visit = rows["000-lv-003"]["events"]
    assert visit == [{"id": "E3", "type": "VISIT", "trigger_start": 1, "trigger_end": 2, "realis": "OTHER",
                      "arguments": []}]
    assert rows["004-vi-001"]["events"] == [] and rows["004-vi-001"]["relations"] == []


def test_document_rows_keep_everything(gold_project):
    docs = {d["id"]: d for d in release_rows(load_benchmark(gold_project), "documents")}
    lv = docs["000-lv"]
    assert lv["text"].startswith("Daugavpils un Harbinas")
    assert [e["level"] for e in lv["entities"] if e["text"] == "Daugavpils"] == [1, 2]
    meet = lv["events"][1]
    assert (meet["id"], meet["trigger"], meet["trigger_start"], meet["realis"]) == (
        "E2", "tikās", lv["text"].index("tikās"), "ACTUAL")
    assert [(a["role"], a["ref"], a["text"], a["filler_type"]) for a in meet["arguments"]] == [
        ("Participant", "T7", "Igors Prelatovs", "PER"), ("Participant", "T10", "Sun Zhe", "PER"),
        ("Time", "T4", "12. augustā", "DATE")]
    assert lv["removals"][0] == {
        "seed_start": 0, "seed_end": 19, "first_line": 1, "last_line": 2,
        "reason": "site header: the section banner 'Šobrīd Daugavpilī' ('Now in Daugavpils')",
        "text": "Šobrīd Daugavpilī\n\n",
    }
    for e in lv["entities"]:
        assert lv["text"][e["start"]:e["end"]] == e["text"]
    assert docs["003-uk"]["relations"][0]["status"] == "PLANNED"


def test_no_gold_means_nothing_to_build(tmp_path, make_project):
    root = make_project(tmp_path / "p", gold=False)
    with pytest.raises(InputError, match="no gold annotation"):
        dataset_files(load_benchmark(root))


# --------------------------------------------------------------------------- determinism


def test_building_twice_gives_byte_identical_files(gold_project, built, tmp_path):
    again, _, files = build(gold_project, tmp_path / "again")
    assert tree_files(again) == tree_files(built) == files
    build(gold_project, again)  # rebuilding in place
    assert tree_files(again) == files
    assert sorted(files) == ["LICENSE.md", "README.md", "arguments/test.jsonl", "croissant.json",
                             "documents/test.jsonl", "entities/test.jsonl", "event_mentions/test.jsonl",
                             "events/test.jsonl", "ner/test.jsonl", "parallel/test.jsonl", "relations/test.jsonl"]
    assert not any(p.suffix == ".py" for p in again.rglob("*")), "a .py file would stop datasets 5 loading it"


def test_stale_paths_names_changed_missing_and_extra_files(gold_project, built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    files = tree_files(built)
    assert stale_paths(copy, files) == []
    (copy / "ner" / "test.jsonl").write_text("", encoding="utf-8")
    (copy / "croissant.json").unlink()
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    assert stale_paths(copy, files) == ["croissant.json", "extra.txt", "ner/test.jsonl"]


def test_write_tree_refuses_to_replace_a_foreign_directory(tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a CityDiplo build"):
        write_tree(foreign, {"README.md": b"x"})
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_committed_dataset_is_up_to_date(root):
    """dataset/ must be what `bench build` makes from corpus/ and annotations/ now."""
    committed = root / "dataset"
    rel = load_benchmark(root)
    if not rel.documents:
        assert not committed.exists(), "there is no gold yet, so there must be no dataset/ either"
        return
    stale = stale_paths(committed, dataset_files(rel))
    assert not stale, f"dataset/ is stale ({', '.join(stale)}): run `bench build` and commit dataset/"


# --------------------------------------------------------------------------- card


def test_card_metadata(built):
    meta = _card_yaml((built / "README.md").read_text(encoding="utf-8"))
    assert meta["pretty_name"] == "CityDiplo"
    assert meta["license"] == "other"
    assert meta["license_name"] == "cc-by-4.0-annotations-publisher-copyright-texts"
    assert meta["license_link"] == "LICENSE.md" and (built / "LICENSE.md").is_file()
    assert meta["language"] == ["lv", "uk", "vi"]
    assert meta["multilinguality"] == "multilingual"
    assert meta["task_categories"] == ["token-classification"]
    assert meta["task_ids"] == ["named-entity-recognition", "entity-linking-classification",
                                "other-event-extraction", "other-relation-extraction"]
    assert meta["size_categories"] == ["n<1K"]
    assert [(c["config_name"], c["data_files"]) for c in meta["configs"]] == [
        (c, [{"split": "test", "path": f"{c}/test.jsonl"}])
        for c in ("ner", "events", "documents", "entities", "event_mentions", "arguments", "relations", "parallel")]
    infos = {i["config_name"]: i for i in meta["dataset_info"]}
    assert infos["ner"]["splits"] == [{"name": "test", "num_bytes": (built / "ner/test.jsonl").stat().st_size,
                                       "num_examples": 41}]
    assert infos["documents"]["splits"][0]["num_examples"] == 3
    tags = next(f for f in infos["ner"]["features"] if f["name"] == "ner_tags")
    assert tags["sequence"]["class_label"]["names"]["0"] == "O"
    assert len(tags["sequence"]["class_label"]["names"]) == 15


def test_card_body_names_version_hash_licence_and_counts(gold_project, built):
    body = (built / "README.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert f"**Version:** {DATASET_VERSION}" in body
    assert f"sha256:{track_content_hash(gold_project, 'default')}" in body
    assert "copyright stays with the original publishers" in body
    assert "| **all** | 3 | 41 | 1213 | 18 | 2 | 4 | 7 | 2 |" in body
    assert "left out: 001-ru, 002-fa" in body
    assert "@misc{citydiplo" in body


@pytest.mark.parametrize("n, bucket", [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (2_000_000, "n>1M")])
def test_size_category(n, bucket):
    assert size_category(n) == bucket


# --------------------------------------------------------------------------- command


def test_bench_build_builds_and_checks(gold_project, tmp_path):
    out = tmp_path / "ds"
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--root", str(gold_project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "rows: ner 41, events 41, documents 3" in result.output
    assert runner.invoke(main, ["build", "--root", str(gold_project), "--out", str(out), "--check"]).exit_code == 0
    (out / "README.md").write_text("---\npretty_name: CityDiplo\n---\n", encoding="utf-8")
    stale = runner.invoke(main, ["build", "--root", str(gold_project), "--out", str(out), "--check"])
    assert stale.exit_code == 1 and "README.md" in stale.output


def test_bench_build_refuses_invalid_gold(tmp_path, make_project):
    root = make_project(tmp_path / "p")
    ann = root / "annotations" / "004-vi.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "T9\tCITY 0 3\tXYZ\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(tmp_path / "ds")])
    assert result.exit_code == 1
    assert "004-vi.ann" in result.output
    assert not (tmp_path / "ds").exists()


def test_bench_build_without_gold_exits_2(tmp_path, make_project):
    root = make_project(tmp_path / "p", gold=False)
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 2 and "no gold annotation" in result.output
    assert "Traceback" not in result.output
