"""croissant.json describes the built directory and validates with mlcroissant, offline."""

from __future__ import annotations

import hashlib
import json

import pytest

from citydiplo.version import DATASET_VERSION
from citydiplo.corpus.project import content_hash


@pytest.fixture(scope="module")
def croissant(built):
    return json.loads((built / "croissant.json").read_text(encoding="utf-8"))


def test_mlcroissant_loads_it_without_errors(built):
    import mlcroissant as mlc

    ds = mlc.Dataset(jsonld=str(built / "croissant.json"))  # raises ValidationError on any error
    assert not ds.metadata.ctx.issues.errors
    names = [rs.name for rs in ds.metadata.record_sets]
    assert names[:3] == ["ner", "events", "documents"]
    first = next(iter(ds.records("ner")))
    assert first["ner/id"] == b"000-lv-001"
    assert first["ner/ner_tags"][:3] == [b"B-CITY", b"O", b"B-CITY"]


def test_it_names_version_content_and_files(croissant, built, gold_project):
    assert croissant["version"] == DATASET_VERSION
    assert croissant["identifier"] == f"sha256:{content_hash(gold_project)}"
    assert croissant["license"] == "https://creativecommons.org/licenses/by/4.0/"
    files = {f["contentUrl"]: f for f in croissant["distribution"]}
    assert sorted(files) == ["documents/test.jsonl", "events/test.jsonl", "ner/test.jsonl"]
    for path, entry in files.items():
        data = (built / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["encodingFormat"] == "application/jsonlines"


def test_record_set_fields_follow_the_features(croissant):
    sets = {rs["@id"]: rs for rs in croissant["recordSet"]}
    ner = {f["name"]: f for f in sets["ner"]["field"]}
    assert list(ner) == ["id", "doc_id", "language", "tokens", "ner_tags", "ner_tags_inner"]
    assert ner["tokens"]["repeated"] is True and ner["tokens"]["dataType"] == "sc:Text"
    assert "labels-ner-tags" in ner["ner_tags"]["description"]
    events = {f["name"]: f for f in sets["events"]["field"]}
    arguments = {f["name"]: f for f in events["events"]["subField"]}["arguments"]
    assert [f["name"] for f in arguments["subField"]] == ["role", "span"]
    assert arguments["subField"][1]["dataType"] == "sc:Integer"
    labels = sets["labels-event-types"]
    assert [row["labels-event-types/name"] for row in labels["data"]][:2] == ["MEET", "VISIT"]
