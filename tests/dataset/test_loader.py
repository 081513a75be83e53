"""The built directory opens with plain `datasets.load_dataset`, offline, no loading script."""

from __future__ import annotations

import pytest

from citydiplo.formats.bio import iob2_labels
from citydiplo.corpus.documents import read_document
from citydiplo.errors import InputError
from citydiplo.release.loader import load
from citydiplo.formats.records import sentence_records
from citydiplo.corpus.benchmark import load_inventory

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types

GOLD_DOCS = ("000-lv", "003-uk", "004-vi")


@pytest.fixture(scope="module")
def loaded(built, tmp_path_factory):
    """All three configs, each through plain load_dataset, with a cache in tmp."""
    import datasets

    cache = tmp_path_factory.mktemp("hf_cache")
    assert datasets.config.HF_HUB_OFFLINE, "tests must run offline"
    return {c: datasets.load_dataset(str(built), c, cache_dir=str(cache)) for c in ("ner", "events", "documents")}


@pytest.fixture(scope="module")
def gold(gold_project):
    return [r for d in GOLD_DOCS for r in sentence_records(read_document(d, gold_project))]


def test_ner_config_has_label_names_and_gold_tags(loaded, gold):
    import datasets

    ds = loaded["ner"]
    assert list(ds) == ["test"]
    test = ds["test"]
    assert test.num_rows == len(gold) == 41
    for column in ("ner_tags", "ner_tags_inner"):
        feature = test.features[column]
        assert isinstance(feature.feature, datasets.ClassLabel)
        assert feature.feature.names == iob2_labels(NER_TYPES)
    names = test.features["ner_tags"].feature.names
    for row, rec in zip(test, gold):
        assert row["id"] == rec.id and row["language"] == rec.language
        assert row["tokens"] == [t.text for t in rec.tokens]
        assert [names[i] for i in row["ner_tags"]] == rec.ner_tags
        assert [names[i] for i in row["ner_tags_inner"]] == rec.ner_tags_inner
    assert sum(t != 0 for row in test for t in row["ner_tags_inner"]) == 3  # Daugavpils, TP HCM (2 tokens)


def test_events_config_decodes_to_the_gold_events(loaded, gold):
    test = loaded["events"]["test"]
    assert test.num_rows == 41
    event = test.features["events"].feature
    types, realis = event["type"], event["realis"]
    role = event["arguments"].feature["role"]
    status = test.features["relations"].feature["status"]
    assert types.names == ["MEET", "VISIT", "AGREE", "AID", "INVITE", "COOPERATE"]
    assert realis.names == ["ACTUAL", "FUTURE", "OTHER"]
    for row, rec in zip(test, gold):
        got = [(types.int2str(e["type"]), (e["trigger_start"], e["trigger_end"]), realis.int2str(e["realis"]),
                [(role.int2str(a["role"]), (a["start"], a["end"])) for a in e["arguments"]]) for e in row["events"]]
        want = [(e.type, e.trigger, e.realis, [(a.role, a.span) for a in e.arguments]) for e in rec.events]
        assert got == want, rec.id
        assert [((r["arg1_start"], r["arg1_end"]), (r["arg2_start"], r["arg2_end"]), status.int2str(r["status"]))
                for r in row["relations"]] == [
            (r.arg1, r.arg2, r.status) for r in rec.relations]
    assert sum(len(r["events"]) for r in test) == 4


def test_documents_config_has_full_texts_and_offsets(loaded, gold_project):
    test = loaded["documents"]["test"]
    assert test["id"] == list(GOLD_DOCS)
    entity_type = test.features["entities"].feature["type"]
    for row in test:
        doc = read_document(row["id"], gold_project)
        assert row["text"] == doc.text
        assert [(entity_type.int2str(e["type"]), e["start"], e["end"], e["level"]) for e in row["entities"]] == [
            (e.type, e.start, e.end, e.level) for e in doc.entities]
        assert [(s["start"], s["end"]) for s in row["sentences"]] == [(s.start, s.end) for s in doc.meta.sentences]
    assert test[0]["entities"][0]["norm_id"] == "460413"


def test_python_api_loads_without_a_script(built, tmp_path):
    ds = load("ner", directory=built, cache_dir=tmp_path)
    assert ds["test"].num_rows == 41
    assert load("documents", root=built.parent, cache_dir=tmp_path)["test"].num_rows == 3


def test_python_api_errors(tmp_path):
    with pytest.raises(InputError, match="unknown config"):
        load("sentences", directory=tmp_path)
    with pytest.raises(InputError, match="run `bench build`"):
        load("ner", directory=tmp_path)
