"""One label inventory, read entirely from annotation.conf: change a realis value or a
status there, and the prediction readers, the JSON Schemas, the dataset features, the LLM
prompt and its parser all change together."""

from __future__ import annotations

import shutil

import pytest
from fixtures import REPO

import citydiplo
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.errors import InputError
from citydiplo.evaluation.llm.parse import clean_answer
from citydiplo.evaluation.llm.prompt import inventory_blocks
from citydiplo.formats.chars import chars_to_predictions
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.json_schemas import chars_schema, strings_schema, tokens_schema
from citydiplo.formats.predictions import check_record
from citydiplo.formats.schema import parse_schema
from citydiplo.release.features import config_features, label_sets

CONF = (REPO / "annotations" / "annotation.conf").read_text(encoding="utf-8")


@pytest.fixture
def changed(project):
    """A project with the real gold whose annotation.conf has one more realis value
    (HYPOTHETICAL) and one more status (ENDED)."""
    for ann in (REPO / "annotations").glob("*.ann"):
        shutil.copy(ann, project / "annotations" / ann.name)
    conf = CONF.replace("Value:ACTUAL|FUTURE|OTHER", "Value:ACTUAL|FUTURE|OTHER|HYPOTHETICAL")
    conf = conf.replace("Value:ESTABLISHED|PLANNED", "Value:ESTABLISHED|PLANNED|ENDED")
    assert conf != CONF
    (project / "annotations" / "annotation.conf").write_text(conf, encoding="utf-8")
    return project


def _record(bench, realis="HYPOTHETICAL", status="ENDED") -> tuple[str, dict]:
    sid, rec = next(iter(bench.records.items()))
    n = len(rec.tokens)
    return sid, {"id": sid, "events": [{"type": "MEET", "trigger": [0, 1], "realis": realis}],
                 "relations": [{"arg1": [0, 1], "arg2": [n - 1, n], "status": status}]}


def _features(inv: Inventory, config: str, column: str):
    return next(f for f in config_features(config, inv) if f.name == column)


def test_the_inventory_is_everything_annotation_conf_declares(root):
    inv = load_benchmark(root).inventory
    assert inv.ner_types == ("PER", "ORG", "CITY", "GPE", "LOC", "DATE", "MISC")
    assert inv.argument_span_types == ("ITEM",)  # fills only the AID role named after it
    assert inv.realis == ("ACTUAL", "FUTURE", "OTHER") and inv.statuses == ("ESTABLISHED", "PLANNED")
    assert inv.relations == ("PARTNER_OF",) and inv.default_relation == "PARTNER_OF"
    assert inv.event_types == ("MEET", "VISIT", "AGREE", "AID", "INVITE", "COOPERATE")
    assert inv.fillers[("AID", "Item")] == ("ITEM",) and inv.fillers[("MEET", "Time")] == ("DATE",)
    assert inv.ner_tags[:3] == ("O", "B-PER", "I-PER")


def test_a_new_entity_type_in_the_conf_is_a_named_entity_type():
    conf = CONF.replace("MISC\nITEM", "MISC\nFAC\nITEM").replace("Place?:CITY|GPE|LOC|ORG,", "Place?:CITY|GPE|LOC|ORG|FAC,")
    inv = Inventory.from_schema(parse_schema(conf))
    assert inv.ner_types[-1] == "FAC" and "B-FAC" in inv.ner_tags and inv.argument_span_types == ("ITEM",)


def test_changing_realis_and_status_in_the_conf_changes_readers_schemas_features_and_llm(changed, root):
    bench, checkout = load_benchmark(changed), load_benchmark(root)
    inv = bench.inventory
    assert inv.realis[-1] == "HYPOTHETICAL" and inv.statuses[-1] == "ENDED"

    # the tokens reader: accepted with the changed conf, refused with the checkout's
    sid, record = _record(bench)
    pred = check_record(record, bench.shapes, inv, "<p>", 1)
    assert pred.events[0].realis == "HYPOTHETICAL" and pred.relations[0].status == "ENDED"
    with pytest.raises(InputError, match="HYPOTHETICAL"):
        check_record(record, checkout.shapes, checkout.inventory, "<p>", 1)
    with pytest.raises(InputError, match="ENDED"):
        check_record(_record(checkout, realis="ACTUAL")[1], checkout.shapes, checkout.inventory, "<p>", 1)

    # the chars reader (and through it the strings one and the LLM harness)
    doc = bench.documents[0]
    chars = {"doc_id": doc.id, "events": [{"type": "MEET", "trigger": {"start": 0, "end": 1}, "realis": "HYPOTHETICAL"}]}
    assert chars_to_predictions(chars, doc, inv)[0]
    with pytest.raises(InputError, match="HYPOTHETICAL"):
        chars_to_predictions(chars, checkout.documents[0], checkout.inventory)

    # the public API, with --root's conf
    sentences = [{"id": s} for s in bench.records]
    sentences[0] = record
    assert citydiplo.score(sentences, root=changed, samples=100).sentences == len(bench.records)

    # the JSON Schemas of every format
    for make in (tokens_schema, chars_schema, strings_schema):
        defs = make(inv)["$defs"]
        assert defs["realis"]["enum"] == ["ACTUAL", "FUTURE", "OTHER", "HYPOTHETICAL", None]
        assert defs["status"]["enum"] == ["ESTABLISHED", "PLANNED", "ENDED", None]
        assert "HYPOTHETICAL" not in make(checkout.inventory)["$defs"]["realis"]["enum"]

    # the dataset features (ClassLabel names) and Croissant's label sets
    realis = next(f for f in _features(inv, "events", "events").fields if f.name == "realis")
    assert realis.labels == inv.realis
    assert label_sets(inv)["statuses"] == ("ESTABLISHED", "PLANNED", "ENDED")

    # the LLM prompt and the parser of its answers
    assert "HYPOTHETICAL" in inventory_blocks(inv, {})["realis"]
    assert "ENDED" in inventory_blocks(inv, {})["relations"]
    answer = {"events": [{"type": "MEET", "trigger": "x", "realis": "HYPOTHETICAL"}],
              "relations": [{"arg1": "a", "arg2": "b", "status": "ENDED"}]}
    assert clean_answer(answer, inv).events[0]["realis"] == "HYPOTHETICAL"
    assert clean_answer(answer, inv).relations[0]["status"] == "ENDED"
    old = clean_answer(answer, checkout.inventory)
    assert old.events[0]["realis"] is None and old.relations[0]["status"] is None
    assert old.counts["labels_outside_inventory"] == 2


def test_the_committed_json_schemas_are_generated_from_the_inventory(root):
    from citydiplo.formats.json_schemas import schema_files

    for name, content in schema_files(load_benchmark(root).inventory).items():
        assert (REPO / "benchmark" / "citydiplo" / "formats" / name).read_text(encoding="utf-8") == content
