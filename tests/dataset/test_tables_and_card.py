"""The release answers a reader's questions: references resolve inside each `documents`
row, the flat tables hold every annotation once, and the card is a valid Hub card with the
standard sections."""

from __future__ import annotations

import pytest

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.release.build import card_inputs, rows as release_rows
from citydiplo.release.tables import flat_tables

SECTIONS = (
    "# Dataset Card for CityDiplo", "## Dataset Details", "### Dataset Sources", "## Uses",
    "### Supported Tasks and Leaderboards", "## Dataset Structure", "### Data Instances", "### Data Fields",
    "## Dataset Creation", "### Curation Rationale", "#### Who are the annotators?",
    "#### Personal and Sensitive Information", "## Bias, Risks, and Limitations", "## Licensing Information",
    "## Citation", "## Dataset Card Contact",
)


def _every_documents_reference_resolves(rows: list[dict]) -> int:
    checked = 0
    for row in rows:
        entities = {e["id"]: e for e in row["entities"]}
        spans = entities | {t["id"]: t for t in row["items"]}
        assert len(spans) == len(row["entities"]) + len(row["items"]), f"{row['id']}: an id is used twice"
        for ev in row["events"]:
            assert row["text"][ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
            for a in ev["arguments"]:
                target = spans.get(a["ref"])
                assert target is not None, f"{row['id']} {ev['id']}: {a['ref']} is not in the row"
                assert (target["start"], target["end"], target["text"]) == (a["start"], a["end"], a["text"])
                assert (a["filler_type"] == "ITEM") == (a["ref"] not in entities)
                checked += 1
        for r in row["relations"]:
            assert r["arg1"] in entities and r["arg2"] in entities, f"{row['id']} {r['id']}"
            checked += 1
    return checked


def test_every_reference_in_documents_resolves_in_the_fixture(gold_project):
    assert _every_documents_reference_resolves(release_rows(load_benchmark(gold_project), "documents")) == 7 + 2


def test_every_reference_in_documents_resolves_in_the_real_data(root):
    rel = load_benchmark(root)
    if not rel.documents:
        pytest.skip("no gold yet")
    rows = release_rows(rel, "documents")
    n_items = sum(len(r["items"]) for r in rows)
    assert _every_documents_reference_resolves(rows) == sum(len(a.arguments) for d in rel.documents
                                                            for a in d.events) + sum(len(d.relations)
                                                                                     for d in rel.documents)
    assert n_items == sum(len(d.items) for d in rel.documents) > 0  # the ITEM fillers that used to dangle


def test_flat_tables_hold_every_annotation_once_with_its_ids(root):
    rel = load_benchmark(root)
    docs = release_rows(rel, "documents")
    tables = flat_tables(docs)
    assert len(tables["entities"]) == sum(len(d["entities"]) for d in docs)
    assert len(tables["event_mentions"]) == sum(len(d["events"]) for d in docs)
    assert len(tables["relations"]) == sum(len(d["relations"]) for d in docs)
    events = {(e["doc_id"], e["id"]): e for e in tables["event_mentions"]}
    by_doc = {d["id"]: d for d in docs}
    for a in tables["arguments"]:
        ev = events[(a["doc_id"], a["event_id"])]
        assert a["event_type"] == ev["type"]
        assert by_doc[a["doc_id"]]["text"][a["start"]:a["end"]] == a["text"]
    assert sum(e["n_arguments"] for e in events.values()) == len(tables["arguments"]) == sum(
        len(e["arguments"]) for d in docs for e in d["events"])
    sentences = {r["id"] for r in release_rows(rel, "events")}
    for name, rows in tables.items():
        assert all(r["sentence_id"] in sentences for r in rows), name
        assert all(not isinstance(v, (list, dict)) for r in rows for v in r.values()), f"{name} is not flat"


def test_one_span_convention_across_configs(gold_project):
    """No span is a list: every one is a *_start/*_end pair, in every config."""
    rel = load_benchmark(gold_project)

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                assert not (isinstance(v, list) and v and all(isinstance(x, int) for x in v)), f"{path}.{k} is a list"
                if k.endswith("start"):
                    assert k.removesuffix("start") + "end" in value, f"{path}.{k} has no end"
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for v in value:
                walk(v, path)

    for config in ("events", "documents", "entities", "event_mentions", "arguments", "relations"):
        for row in release_rows(rel, config):
            walk(row, config)


def test_card_is_a_hub_card_with_the_standard_sections(built):
    from huggingface_hub import DatasetCard, DatasetCardData

    card = DatasetCard((built / "README.md").read_text(encoding="utf-8"))
    assert isinstance(card.data, DatasetCardData)
    DatasetCardData(**card.data.to_dict())  # validates as card data, without errors ignored
    assert card.data.license == "other" and card.data.license_link == "LICENSE.md"
    assert "CC BY 4.0" in (built / "LICENSE.md").read_text(encoding="utf-8")
    headings = [line for line in card.text.splitlines() if line.startswith("#")]
    missing = [s for s in SECTIONS if s not in headings]
    assert not missing, missing
    assert "DATASHEET.md](https://" in card.text
    assert "machine-generated" in card.data.annotations_creators


def test_card_shows_leaderboard_and_agreement_of_the_project(root):
    inputs = card_inputs(load_benchmark(root))
    from citydiplo.scoring.report import leaderboard_table
    from citydiplo.scoring.results_files import read_results

    assert inputs.leaderboard == leaderboard_table(read_results(root / "results"))
    assert "| overall |" in inputs.agreement and "Read these figures with care" in inputs.agreement
    card = (root / "dataset" / "README.md").read_text(encoding="utf-8")
    assert inputs.leaderboard.strip() in card and inputs.agreement in card
    assert [c for c, _ in inputs.examples] == ["events", "event_mentions", "arguments", "entities"]


def test_citydiplo_tables_gives_flat_frames_with_label_names(built, tmp_path):
    import citydiplo
    from citydiplo.release.loader import table

    assert "tables" in citydiplo.__all__
    frame = table("arguments", directory=built, cache_dir=tmp_path)
    assert len(frame) == 7
    assert list(frame.columns[:4]) == ["doc_id", "language", "sentence_id", "event_id"]
    first = frame.iloc[0]
    assert (first["event_id"], first["event_type"], first["role"], first["text"]) == (
        "E1", "MEET", "Participant", "Daugavpils")
    with pytest.raises(citydiplo.InputError, match="unknown table"):
        table("ner", directory=built)
