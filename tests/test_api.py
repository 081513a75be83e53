"""The public API: what `import citydiplo` offers, and that it gives what the CLI gives."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import citydiplo
from citydiplo.cli import main
from citydiplo.corpus.benchmark import load_benchmark, load_inventory
from citydiplo.formats.bio import iob2_labels
from citydiplo.formats.records import record_to_prediction_json

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types


@pytest.fixture(scope="module")
def gold_records():
    return [record_to_prediction_json(r) for r in load_benchmark().records.values()]


def test_all_names_exist():
    assert set(citydiplo.__all__) >= {"load", "score", "evaluate", "Results", "InputError", "__version__"}
    for name in citydiplo.__all__:
        assert getattr(citydiplo, name) is not None
    assert isinstance(citydiplo.Results, type) and isinstance(citydiplo.Headline, type)


def test_import_is_light():
    code = "import sys, citydiplo; print(sorted(m for m in ('numpy', 'seqeval', 'datasets', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_score_gold_records_is_perfect(gold_records):
    results = citydiplo.score(gold_records, samples=100)
    assert isinstance(results, citydiplo.Results)
    assert all(h.f1 == 1.0 for h in results.headline.values())
    assert results.model == "<predictions>" and len(results.dataset.content_hash) == 64


def test_integer_tag_ids_as_load_dataset_gives_them(gold_records):
    labels = iob2_labels(NER_TYPES)
    as_ids = [{**r, "ner_tags": [labels.index(t) for t in r["ner_tags"]]} for r in gold_records]
    assert citydiplo.score(as_ids, samples=100).figure("entity_f1") == 1.0
    as_ids[0]["ner_tags"] = [len(labels)] + as_ids[0]["ner_tags"][1:]  # an id outside the label set
    with pytest.raises(citydiplo.InputError, match=r"<predictions>:1: .*ner_tags\[0\]"):
        citydiplo.score(as_ids, samples=100)


def test_integer_tag_ids_on_both_levels_of_own_gold_and_predictions():
    labels = iob2_labels(NER_TYPES)
    ids = {t: labels.index(t) for t in ("O", "B-CITY", "I-CITY", "B-PER")}
    gold = [{"id": "a-1", "ner_tags": ["B-CITY", "I-CITY", "O"], "ner_tags_inner": ["O", "O", "B-PER"]}]
    as_ids = [{"id": "a-1", "ner_tags": [ids["B-CITY"], ids["I-CITY"], ids["O"]],
               "ner_tags_inner": [ids["O"], ids["O"], ids["B-PER"]]}]
    by_names = citydiplo.score(gold, gold=gold, samples=100)
    for pred, ref in ((as_ids, gold), (gold, as_ids), (as_ids, as_ids)):
        results = citydiplo.score(pred, gold=ref, samples=100)
        assert results.entities == by_names.entities and results.figure("entity_f1") == 1.0
    assert as_ids[0]["ner_tags"][0] == ids["B-CITY"]  # the caller's records are left as they were
    with pytest.raises(citydiplo.InputError, match=r"<gold>:1: a-1: ner_tags_inner\[0\] = True"):
        citydiplo.score(gold, gold=[{**as_ids[0], "ner_tags_inner": [True, 0, 0]}], samples=100)


def test_own_gold():
    gold = [{"id": "a-1", "ner_tags": ["B-CITY", "I-CITY", "O"], "language": "lv"},
            {"id": "a-2", "ner_tags": ["B-PER", "O"], "language": "ru"}]
    pred = [{"id": "a-1", "ner_tags": ["B-CITY", "I-CITY", "O"]}, {"id": "a-2", "ner_tags": ["O", "B-PER"]}]
    results = citydiplo.score(pred, gold=gold, samples=100)
    assert results.figure("entity_f1") == pytest.approx(0.5)
    assert results.figure("entity_f1", "lv") == 1.0 and results.figure("entity_f1", "ru") == 0.0
    with pytest.raises(citydiplo.InputError, match="unknown sentence id 'zzz'"):
        citydiplo.score([{"id": "zzz"}], gold=gold)


def test_too_few_resamples_are_refused(gold_records):
    with pytest.raises(citydiplo.InputError, match="too few"):
        citydiplo.score(gold_records, samples=10)
    result = CliRunner().invoke(main, ["evaluate", "gazetteer", "--samples", "10"])
    assert result.exit_code == 2 and "100" in result.output


def test_results_round_trip_and_json_is_to_dict(tmp_path, gold_records):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold_records), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json", "--samples", "100",
                                       "--name", "my-system", "--out", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed == json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert printed["model"] == "my-system"
    again = citydiplo.Results.from_dict(printed)
    assert again.to_dict() == printed
    assert str(again.headline["entity_f1"]) == "100.0 [100.0, 100.0]"
    for fmt in ("table", "markdown"):
        assert "entity_f1" in again.render(fmt)


def test_models_lists_registered_names_and_a_typo_gets_a_suggestion():
    listed = CliRunner().invoke(main, ["models"])
    assert listed.exit_code == 0 and "gazetteer" in listed.output and "crf" in listed.output
    typo = CliRunner().invoke(main, ["evaluate", "gazeteer"])
    assert typo.exit_code == 2 and "did you mean 'gazetteer'" in typo.output


def test_train_transformer_comes_from_the_baselines_entry_point():
    result = CliRunner().invoke(main, ["train-transformer", "--help"])
    assert result.exit_code == 0 and "leave-one-document-out" in result.output


def test_scoring_leaves_no_reference_cycles_behind():
    """Everything a score call makes is freed by reference counting as it returns (a cycle
    would keep the user's gold alive until a collection, and make the collector walk it)."""
    import gc

    gold = [{"id": f"d-{k}", "ner_tags": ["B-CITY", "O", "B-PER"], "tokens": ["Riga", "and", "Anna"], "language": "lv",
             "events": [{"type": "MEET", "trigger": [1, 2], "arguments": [{"role": "Participant", "span": [2, 3]}]}]}
            for k in range(20)]
    citydiplo.score(gold, gold=gold, samples=100)  # imports and caches made once
    gc.collect()
    gc.disable()
    try:
        results = citydiplo.score(gold, gold=gold, samples=100)
        left = gc.collect()
    finally:
        gc.enable()
    assert results.figure("entity_f1") == 1.0 and left == 0
