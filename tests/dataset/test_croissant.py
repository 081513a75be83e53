"""croissant.json describes the built directory and validates with mlcroissant, offline."""

from __future__ import annotations

import hashlib
import json

import pytest

from citydiplo.version import DATASET_VERSION
from citydiplo.corpus.benchmark import track_content_hash


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
    assert croissant["identifier"] == f"sha256:{track_content_hash(gold_project, 'default')}"
    assert croissant["license"] == "https://creativecommons.org/licenses/by/4.0/"
    files = {f["contentUrl"]: f for f in croissant["distribution"]}
    assert sorted(files) == ["arguments/test.jsonl", "documents/test.jsonl", "entities/test.jsonl",
                             "event_mentions/test.jsonl", "events/test.jsonl", "ner/test.jsonl",
                             "parallel/test.jsonl", "relations/test.jsonl"]
    for path, entry in files.items():
        data = (built / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["encodingFormat"] == "application/jsonlines"


def test_record_set_fields_follow_the_features(croissant):
    sets = {rs["@id"]: rs for rs in croissant["recordSet"]}
    ner = {f["name"]: f for f in sets["ner"]["field"]}
    assert list(ner) == ["id", "doc_id", "language", "tokens", "ner_tags", "ner_tags_inner",
                        "text", "start", "token_starts", "token_ends"]
    assert ner["tokens"]["repeated"] is True and ner["tokens"]["dataType"] == "sc:Text"
    assert "labels-ner-tags" in ner["ner_tags"]["description"]
    events = {f["name"]: f for f in sets["events"]["field"]}
    event = {f["name"]: f for f in events["events"]["subField"]}
    assert list(event) == ["id", "type", "trigger_start", "trigger_end", "realis"]  # no list in a list
    assert "record set `arguments`" in events["events"]["description"]
    arguments = {f["name"]: f for f in sets["arguments"]["field"]}
    assert list(arguments)[:4] == ["doc_id", "language", "sentence_id", "event_id"]
    assert arguments["start"]["dataType"] == "sc:Integer"
    labels = sets["labels-event-types"]
    assert [row["labels-event-types/name"] for row in labels["data"]][:2] == ["MEET", "VISIT"]


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _records(ds, name):
    prefix = f"{name}/"

    def plain(value):
        if isinstance(value, bytes):
            return value.decode("utf-8")
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k.rsplit("/", 1)[-1]: plain(v) for k, v in value.items()}
        return value

    return [{k.removeprefix(prefix): plain(v) for k, v in r.items()} for r in ds.records(name)]


@pytest.mark.parametrize("project", ["fixture", "real"])
def test_mlcroissant_gives_every_annotation_attached(project, built, root):
    """Through mlcroissant itself: every entity, event, argument (with its event) and
    relation of the JSONL comes back, and nothing else."""
    import mlcroissant as mlc

    directory = built if project == "fixture" else root / "dataset"
    ds = mlc.Dataset(jsonld=str(directory / "croissant.json"))
    docs = _jsonl(directory / "documents" / "test.jsonl")
    want_entities = [(d["id"], e["id"], e["type"], e["start"], e["end"]) for d in docs for e in d["entities"]]
    want_events = [(d["id"], e["id"], e["type"], e["trigger_start"], e["realis"]) for d in docs for e in d["events"]]
    want_args = [(d["id"], e["id"], a["role"], a["ref"], a["start"], a["end"])
                 for d in docs for e in d["events"] for a in e["arguments"]]
    want_rels = [(d["id"], r["id"], r["arg1"], r["arg2"], r["status"]) for d in docs for r in d["relations"]]

    entities = _records(ds, "entities")
    assert [(r["doc_id"], r["id"], r["type"], r["start"], r["end"]) for r in entities] == want_entities
    events = _records(ds, "event_mentions")
    assert [(r["doc_id"], r["id"], r["type"], r["trigger_start"], r["realis"]) for r in events] == want_events
    arguments = _records(ds, "arguments")
    assert [(r["doc_id"], r["event_id"], r["role"], r["ref"], r["start"], r["end"]) for r in arguments] == want_args
    assert all(r["event_id"] is not None for r in arguments)
    relations = _records(ds, "relations")
    assert [(r["doc_id"], r["id"], r["arg1"], r["arg2"], r["status"]) for r in relations] == want_rels

    # The nested record sets: no padding, and the event ids that the arguments name.
    nested = _records(ds, "documents")
    assert [[e["id"] for e in d["events"] or []] for d in nested] == [[e["id"] for e in d["events"]] for d in docs]
    assert [len(d["items"] or []) for d in nested] == [len(d["items"]) for d in docs]
    sentences = _records(ds, "events")
    rows = _jsonl(directory / "events" / "test.jsonl")
    assert [[(e["id"], e["trigger_start"]) for e in s["events"] or []] for s in sentences] == [
        [(e["id"], e["trigger_start"]) for e in r["events"]] for r in rows]
    if project == "real":
        assert (len(want_entities), len(want_events), len(want_args), len(want_rels)) == (239, 93, 138, 9)
