"""bench evaluate: gold-as-predictions, MODEL kinds, bad inputs, output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citydiplo.formats.records import record_to_prediction_json
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.evaluation.evaluate import evaluate
from fixtures import run


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory, gold) -> Path:
    path = tmp_path_factory.mktemp("preds") / "gold.jsonl"
    path.write_text("".join(json.dumps(record_to_prediction_json(r), ensure_ascii=False) + "\n"
                            for r in gold.records.values()), encoding="utf-8")
    return path


def test_gold_as_predictions_scores_one_everywhere(gold_file, gold):
    results = evaluate(str(gold_file), samples=50).to_dict()
    for level in ("outer", "inner"):
        for mode in ("strict", "default"):
            block = results["entities"][level][mode]
            assert block["micro"]["f1"] == 1.0 and block["macro"]["f1"] == 1.0
            assert all(c["f1"] == 1.0 for c in block["per_type"].values())
            assert all(b["micro"]["f1"] == 1.0 for b in block["per_language"].values())
    assert any(r.events for r in gold.records.values()) and any(r.relations for r in gold.records.values())
    for metric in ("trigger_identification", "trigger_classification", "argument_identification",
                   "argument_classification", "argument_identification_attached",
                   "argument_classification_attached", "relation", "relation_with_status"):
        assert results["events"][metric]["f1"] == 1.0, metric
    assert results["events"]["realis_accuracy"]["accuracy"] == 1.0
    assert results["headline"]["entity_f1"]["ci95"] == [1.0, 1.0]
    assert results["sentences"] == len(gold.records)


def test_output_file_has_what_a_leaderboard_needs(gold_file, tmp_path):
    out = tmp_path / "results.json"
    result = run("evaluate", gold_file, "--out", out, "--samples", 100, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| entity_f1 |" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["model"] == str(gold_file)
    assert len(data["dataset"]["content_hash"]) == 64 and data["dataset"]["version"]
    assert data["package_version"] and data["time"]
    assert set(data["headline"]) == {"entity_f1", "trigger_classification_f1", "argument_classification_f1", "relation_f1"}


def test_json_format_parses(gold_file):
    result = run("evaluate", gold_file, "--format", "json", "--samples", 100)
    assert json.loads(result.output)["entities"]["outer"]["strict"]["micro"]["f1"] == 1.0


def system_all_o(documents):
    """A module:function model: predicts O everywhere and one spurious event."""
    from citydiplo.formats.records import sentence_records

    for doc in documents:
        for rec in sentence_records(doc):
            yield {"id": rec.id, "ner_tags": ["O"] * len(rec.tokens),
                   "events": [{"type": "MEET", "trigger": [0, 1], "realis": "ACTUAL", "arguments": []}]}


def test_module_function_model():
    results = evaluate("tests.test_evaluate:system_all_o", samples=10).to_dict()
    assert results["entities"]["outer"]["strict"]["micro"]["f1"] == 0.0
    assert results["events"]["trigger_classification"]["pred"] == results["sentences"]


def test_compare_gold_with_empty_system(gold_file):
    result = run("compare", gold_file, "tests.test_evaluate:system_all_o", "--samples", 200, "--format", "json")
    assert result.exit_code == 0, result.output
    tests = json.loads(result.output)["tests"]
    assert tests["entity_f1"]["delta"] == 1.0 and tests["entity_f1"]["p_value"] < 0.05


def bad_lines(gold, tmp_path, mutate) -> Path:
    records = [record_to_prediction_json(r) for r in gold.records.values()]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    mutate(records, lines)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _set(i, **fields):
    def mutate(records, lines):
        records[i].update(fields)
        lines[i] = json.dumps(records[i], ensure_ascii=False)
    return mutate


@pytest.mark.parametrize("mutate, where, message", [
    (_set(2, id="999-xx-001"), ":3:", "unknown sentence id"),
    (_set(0, ner_tags=["O"]), ":1:", "tags but the sentence has"),
    (_set(1, ner_tags=None), ":2:", "must be a list of tags"),
    (lambda r, l: l.__setitem__(4, '{"id": "000-lv-001", '), ":5:", "malformed JSON"),
    (lambda r, l: l.__setitem__(3, l[2]), ":4:", "predicted twice"),
    (lambda r, l: l.pop(), "bad.jsonl:", "have no prediction"),
    (lambda r, l: l.__setitem__(0, "[1, 2]"), ":1:", "must be a JSON object"),
    (_set(0, events=[{"type": "PARTY", "trigger": [0, 1]}]), ":1:", "events[0].type 'PARTY'"),
    (_set(0, events=[{"type": "MEET", "trigger": [0, 999]}]), ":1:", "outside the sentence"),
    (_set(0, events=[{"type": "MEET", "trigger": [0, 1], "arguments": [{"role": "Giver", "span": [0, 1]}]}]),
     ":1:", "role 'Giver'"),
])
def test_bad_predictions_exit_2_with_file_and_line(gold, tmp_path, mutate, where, message):
    path = bad_lines(gold, tmp_path, mutate)
    out = tmp_path / "never.json"
    result = run("evaluate", path, "--out", out, "--samples", 100)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(path) in result.output and where in result.output and message in result.output
    assert not out.exists()


def test_label_outside_the_tag_set(gold, tmp_path):
    def mutate(records, lines):
        records[0]["ner_tags"][0] = "B-TOWN"
        lines[0] = json.dumps(records[0], ensure_ascii=False)
    result = run("evaluate", bad_lines(gold, tmp_path, mutate))
    assert result.exit_code == 2 and "'B-TOWN' is not a tag of the set" in result.output


def test_orphan_i_tags_are_counted_and_scored_like_seqeval(gold, tmp_path):
    def mutate(records, lines):
        tags = records[0]["ner_tags"]
        first = next(i for i, t in enumerate(tags) if t.startswith("B-"))
        tags[first] = "I-" + tags[first][2:]
        lines[0] = json.dumps(records[0], ensure_ascii=False)
    path = bad_lines(gold, tmp_path, mutate)
    results = evaluate(str(path), samples=5).to_dict()
    assert results["entities"]["orphan_i_tags"] == 1
    assert results["entities"]["outer"]["strict"]["micro"]["f1"] < 1.0
    assert results["entities"]["outer"]["default"]["micro"]["f1"] == 1.0  # conlleval reads I- as a start


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    result = run("evaluate", path)
    assert result.exit_code == 2 and "holds no predictions" in result.output


def test_wrong_encoding(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "000-lv-001"}\n{"id": "Šobrīd"}\n'.encode("cp1257"))
    result = run("evaluate", path)
    assert result.exit_code == 2 and "latin1.jsonl:2: not UTF-8" in result.output


def test_unknown_model(tmp_path):
    result = run("evaluate", "no-such-model")
    assert result.exit_code == 2 and "not a registered model" in result.output
    result = run("evaluate", "no_such_module:f")
    assert result.exit_code == 2 and "cannot import module" in result.output


def test_gold_records_match_the_published_json_schema(gold):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "benchmark" / "citydiplo" / "formats" / "predictions.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for rec in gold.records.values():
        validator.validate(record_to_prediction_json(rec))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"id": "000-lv-001", "ner_tags": ["B-TOWN"]})


def test_predict_writes_a_file_that_scores_the_same(tmp_path):
    out = tmp_path / "p.jsonl"
    result = run("predict", "tests.test_evaluate:system_all_o", "--out", out)
    assert result.exit_code == 0, result.output
    direct = evaluate("tests.test_evaluate:system_all_o", samples=10)
    via_file = evaluate(str(out), samples=10)
    assert via_file.entities == direct.entities and via_file.events == direct.events


def spy_model(documents):
    """Fails unless it is handed the five documents' text and metadata without any gold."""
    from citydiplo.formats.records import sentence_records

    documents = list(documents)
    assert len(documents) == 5 and all(d.text and d.meta.sentences for d in documents)
    leaked = [d.id for d in documents if d.entities or d.events or d.relations or d.items]
    assert not leaked, f"gold handed to the model: {leaked}"
    return [{"id": r.id} for d in documents for r in sentence_records(d)]


def test_models_are_given_text_and_metadata_but_no_gold():
    results = evaluate("tests.test_evaluate:spy_model", samples=5).to_dict()
    assert results["sentences"] == len(load_benchmark().records) and results["predicted_fields"] == []
