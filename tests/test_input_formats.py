"""Every prediction format scores through one path: gold in each format scores 100.0,
snapped and unresolved spans are counted, bad input exits 2 with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citydiplo.formats.detect import record_format, stream_format
from citydiplo.formats.json_schemas import schema_files
from fixtures import run

FORMATS = ("tokens", "chars", "brat", "strings")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("gold")
    out = {}
    for fmt in FORMATS:
        out[fmt] = base / f"gold-{fmt}"
        res = run("gold-predictions", "--format", fmt, "--out", out[fmt])
        assert res.exit_code == 0, res.output
    return out


def evaluate_json(path, *extra) -> dict:
    res = run("evaluate", path, "--format", "json", "--samples", 100, *extra)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _f1s(block, path=""):
    """Every (path, f1) pair inside a results block."""
    if isinstance(block, dict):
        for k, v in block.items():
            if k == "f1":
                if block.get("gold", block.get("possible", 1)) or block.get("pred", block.get("actual", 1)):
                    yield path, v  # (a figure with nothing in gold and nothing predicted is 0 by definition)
            else:
                yield from _f1s(v, f"{path}.{k}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_gold_in_every_format_scores_100_everywhere(exports, fmt):
    r = evaluate_json(exports[fmt])
    assert r["input"]["format"] == fmt
    assert {k: h["f1"] for k, h in r["headline"].items()} == dict.fromkeys(r["headline"], 1.0)
    assert {k: h["f1"] for k, h in r["secondary"].items()} == dict.fromkeys(r["secondary"], 1.0)
    not_one = [(p, v) for block in ("entities", "events", "partial", "linking", "trigger_overlap")
               for p, v in _f1s(r[block], block) if v != 1.0]
    assert not_one == []
    assert r["linking"]["accuracy"] == 1.0 and r["linking"]["found"] == r["linking"]["end_to_end"]["gold"] > 50
    assert r["events"]["realis_accuracy"]["accuracy"] == 1.0
    assert set(r["partial"]) == {"outer", "inner", "union"}
    assert set(r["partial"]["outer"]) == {"strict", "exact", "partial", "type"}
    a = r["input"]["alignment"]
    assert a["misaligned"] == a["cross_sentence"] == a["empty"] == a["overlapping"] == 0
    if fmt == "strings":
        assert r["input"]["strings"]["unresolved"] == 0 and r["input"]["strings"]["ambiguous"] == 0


def test_spans_off_token_boundaries_are_snapped_and_counted(exports, tmp_path):
    records = [json.loads(line) for line in exports["chars"].read_text(encoding="utf-8").splitlines()]
    moved = 0
    for rec in records:
        for ent in rec["entities"]:
            if ent["end"] - ent["start"] > 3 and moved < 7:
                ent["start"] += 1  # inside the first token
                ent["end"] -= 1  # inside the last token
                moved += 1
    path = tmp_path / "shifted.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    r = evaluate_json(path)
    assert r["input"]["alignment"]["misaligned"] == 7
    assert r["headline"]["entity_f1"]["f1"] == 1.0  # growing to token boundaries restores these spans
    table = run("evaluate", path, "--samples", 100).output
    assert "7 misaligned" in table


def test_an_invented_string_is_reported_unresolved(exports, tmp_path):
    records = [json.loads(line) for line in exports["strings"].read_text(encoding="utf-8").splitlines()]
    records[0]["entities"].append({"text": "Atlantis-sur-Mer", "type": "CITY"})
    path = tmp_path / "invented.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    r = evaluate_json(path)
    s = r["input"]["strings"]
    assert s["unresolved"] == 1 and s["unresolved_by_reason"]["not_found"] == 1
    assert s["unresolved_examples"][0]["text"] == "Atlantis-sur-Mer"
    assert r["headline"]["entity_f1"]["f1"] == 1.0
    assert "'Atlantis-sur-Mer'" in run("evaluate", path, "--samples", 100).output


def test_strings_without_hints_are_resolved_by_the_rule_and_guesses_counted(exports, tmp_path):
    def strip(value):
        if isinstance(value, dict):
            value.pop("occurrence", None)
            for v in value.values():
                strip(v)
        elif isinstance(value, list):
            for v in value:
                strip(v)
    records = [json.loads(line) for line in exports["strings"].read_text(encoding="utf-8").splitlines()]
    strip(records)
    path = tmp_path / "plain.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    r = evaluate_json(path)
    s = r["input"]["strings"]
    assert s["hinted"] == 0 and s["ambiguous"] > 0 and s["spans"] == 488
    assert 0.9 < r["headline"]["entity_f1"]["f1"] <= 1.0


def test_input_format_can_be_forced(exports):
    res = run("evaluate", exports["chars"], "--input-format", "tokens", "--samples", 100)
    assert res.exit_code == 2 and "the record has no string 'id'" in res.output


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r["entities"][0].update(type="TOWN"), "entities[0].type 'TOWN' is not one of"),
    (lambda r: r["entities"][0].update(end=10 ** 6), "is outside the document's"),
    (lambda r: r.update(doc_id="999-xx"), "unknown document id '999-xx'"),
    (lambda r: r["entities"][0].update(norm="460413"), "norm must be an id DB:KEY"),
])
def test_bad_chars_input_names_file_and_line_and_writes_nothing(exports, tmp_path, mutate, message):
    records = [json.loads(line) for line in exports["chars"].read_text(encoding="utf-8").splitlines()]
    mutate(records[1])
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "results.json"
    res = run("evaluate", path, "--out", out, "--samples", 100)
    assert res.exit_code == 2 and f"error: {path}:2: " in res.output and message in res.output
    assert not out.exists()


def test_brat_over_another_text_is_refused(exports, tmp_path):
    bad = tmp_path / "brat"
    bad.mkdir()
    for f in exports["brat"].glob("*.ann"):
        (bad / f.name).write_text(f.read_text(encoding="utf-8").replace("\tCITY 0 10\tDaugavpils", "\tCITY 0 10\tDaugavpilx"),
                                  encoding="utf-8")
    res = run("evaluate", bad, "--samples", 100)
    assert res.exit_code == 2 and "differs from 000-lv's text" in res.output
    (bad / "000-lv.ann").unlink()
    res = run("evaluate", bad, "--samples", 100)
    assert res.exit_code == 2 and "have no .ann file: 000-lv" in res.output


def test_detection_reads_the_content():
    assert record_format({"id": "000-lv-001", "ner_tags": ["O"]}) == "tokens"
    assert record_format({"id": "000-lv-001", "events": [{"type": "MEET", "trigger": [0, 1]}]}) == "tokens"
    assert record_format({"doc_id": "000-lv", "entities": [{"start": 0, "end": 3, "type": "CITY"}]}) == "chars"
    assert record_format({"doc_id": "000-lv", "entities": [{"text": "Rīga", "type": "CITY"}]}) == "strings"
    assert record_format({"id": "000-lv-001", "relations": [{"arg1": "Rīga", "arg2": "Cēsis"}]}) == "strings"
    assert record_format({"doc_id": "000-lv", "entities": []}) is None
    assert stream_format([{"doc_id": "000-lv", "entities": []}]) == "chars"
    assert stream_format([{"id": "000-lv-001"}]) == "tokens"


def test_callables_may_return_any_format(gold):
    from citydiplo.evaluation.api import score  # noqa: F401  (API stays importable)
    from citydiplo.evaluation.evaluate import score_model

    scorer = score_model("tests.test_input_formats:strings_model", gold)
    results = scorer.results(100)
    assert results.extra["input"]["format"] == "strings"
    assert results.figure("entity_f1") > 0 and results.extra["input"]["strings"]["unresolved"] == 0


def strings_model(documents):
    """A tiny LLM-like system: every sentence's first word as a CITY, per-sentence strings."""
    for doc in documents:
        for i, s in enumerate(doc.meta.sentences, 1):
            yield {"id": f"{doc.id}-{i:03d}", "entities": [{"text": doc.text[s.start:s.end].split()[0], "type": "CITY"}]}


def test_committed_json_schemas_are_the_generated_ones(root, gold, exports):
    import jsonschema

    for name, content in schema_files(gold.inventory).items():
        assert (root / "benchmark" / "citydiplo" / "formats" / name).read_text(encoding="utf-8") == content, name
    for fmt in ("chars", "strings"):
        validator = jsonschema.Draft202012Validator(json.loads(schema_files(gold.inventory)[f"{fmt}.schema.json"]))
        for line in exports[fmt].read_text(encoding="utf-8").splitlines():
            validator.validate(json.loads(line))


def test_tokens_records_carry_norm_and_a_bad_one_is_refused(exports, tmp_path):
    lines = exports["tokens"].read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["norm"] and all(n["id"].split(":")[0] in ("GeoNames", "ISO3166") for n in first["norm"])
    first["norm"][0]["id"] = "460413"
    path = tmp_path / "bad-norm.jsonl"
    path.write_text("\n".join([json.dumps(first, ensure_ascii=False)] + lines[1:]) + "\n", encoding="utf-8")
    res = run("evaluate", path, "--samples", 100)
    assert res.exit_code == 2 and f"{path}:1: " in res.output and "norm[0].id must be an id DB:KEY" in res.output
