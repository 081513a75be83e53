"""The document-level layer released: the `clusters` column, the `records` config and
`citydiplo.load("records")`, and the PLOVER export of the gold records."""

from __future__ import annotations

import json

import pytest

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.schema import load_schema
from citydiplo.release.build import dataset_files, rows
from citydiplo.release.features import CONFIGS, config_features
from citydiplo.release.ontology import EVENT_ONTOLOGY, PLOVER_EVENT, PLOVER_OTHER_ROLES, PLOVER_ROLES
from fixtures import REPO, run


def test_documents_rows_carry_the_clusters(doclevel_project):
    bench = load_benchmark(doclevel_project)
    (doc,) = rows(bench, "documents")
    clusters = {c["id"]: c for c in doc["clusters"]}
    assert clusters["C2"] == {"id": "C2", "type": "CITY", "norm": "GeoNames:2037013", "mentions": ["T2", "T6", "T9"]}
    assert {m for c in doc["clusters"] for m in c["mentions"]} == {e["id"] for e in doc["entities"]}


def test_records_rows_need_no_join(doclevel_project):
    records = rows(load_benchmark(doclevel_project), "records")
    assert [r["id"] for r in records] == ["R1", "R2", "R3"]
    r2 = records[1]
    assert (r2["doc_id"], r2["language"], r2["type"], r2["realis"], r2["date"], r2["events"]) == (
        "000-lv", "lv", "MEET", "ACTUAL", "2020-08-12", ["E2", "E3"])
    participants = next(a["clusters"] for a in r2["arguments"] if a["role"] == "Participant")
    assert participants[0] == {"id": "C1", "norm": "GeoNames:460413", "mentions": ["Daugavpils", "Daugavpilij"]}
    assert [c["id"] for c in participants] == ["C1", "C5", "C7"]


def test_every_column_of_the_new_rows_is_declared(doclevel_project):
    bench = load_benchmark(doclevel_project)
    for config in ("documents", "records"):
        declared = [f.name for f in config_features(config, bench.inventory)]
        assert list(rows(bench, config)[0]) == declared, config


def _without_records(tmp_path):
    """The checkout's benchmark as if no document had a records file yet."""
    import shutil

    from fixtures import copy_release

    rel = copy_release(tmp_path / "rel")
    shutil.rmtree(rel / "annotations" / "records")
    return load_benchmark(rel)


def test_the_records_config_is_left_out_while_no_document_has_records(tmp_path, gold):
    files = dataset_files(_without_records(tmp_path))
    assert "records/test.jsonl" not in files and "documents/test.jsonl" in files
    assert "records" in CONFIGS
    assert "records/test.jsonl" in dataset_files(gold)  # the checkout's gold has records


def test_cluster_types_come_from_the_schema():
    inv = Inventory.from_schema(load_schema(REPO / "annotations"))
    cluster = next(f for f in config_features("documents", inv) if f.name == "clusters")
    assert next(f for f in cluster.fields if f.name == "type").labels == inv.span_types
    assert "ITEM" in inv.span_types


def test_load_records_from_a_build(doclevel_project, tmp_path):
    from citydiplo import load

    out = doclevel_project / "dataset"
    result = run("build", "--root", doclevel_project, "--out", out)
    assert result.exit_code == 0, result.output
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "config_name: records" in card
    croissant = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert any(rs["@id"] == "records" for rs in croissant["recordSet"])
    test = load("records", root=doclevel_project, cache_dir=tmp_path / "cache")["test"]
    assert test.num_rows == 3
    names = test.features["type"].names
    assert names[test[1]["type"]] == "MEET" and test[1]["date"] == "2020-08-12"
    roles = test.features["arguments"].feature["role"].names
    first = test[1]["arguments"][0]
    assert roles[first["role"]] == "Participant" and first["clusters"][0]["mentions"] == ["Daugavpils", "Daugavpilij"]
    docs = load("documents", root=doclevel_project, cache_dir=tmp_path / "cache")["test"]
    assert docs[0]["clusters"][1]["mentions"] == ["T2", "T6", "T9"]


def test_croissant_readers_read_the_records(doclevel_project, tmp_path):
    import mlcroissant as mlc

    out = tmp_path / "ds"
    assert run("build", "--root", doclevel_project, "--out", out).exit_code == 0
    ds = mlc.Dataset(jsonld=str(out / "croissant.json"))
    assert not ds.metadata.ctx.issues.errors
    rows = list(ds.records("records"))
    assert [r["records/id"] for r in rows] == [b"R1", b"R2", b"R3"]
    assert str(rows[1]["records/date"].date()) == "2020-08-12" and rows[1]["records/events"] == [b"E2", b"E3"]
    assert [a["records/arguments/role"] for a in rows[1]["records/arguments"]] == [b"Participant", b"Time"]


def test_load_records_without_the_layer_says_so(tmp_path):
    from citydiplo.release.build import write_tree
    from citydiplo.release.loader import load

    write_tree(tmp_path / "ds", dataset_files(_without_records(tmp_path)))
    with pytest.raises(InputError, match="no 'records' config"):
        load("records", directory=tmp_path / "ds")


# --------------------------------------------------------------------------- PLOVER


def test_the_plover_mapping_covers_every_role_and_agrees_with_the_ontology_table():
    inv = Inventory.from_schema(load_schema(REPO / "annotations"))
    assert set(PLOVER_EVENT) == set(PLOVER_ROLES) == set(inv.event_types)
    for etype, roles in inv.event_roles.items():
        actor, recipient, place = PLOVER_ROLES[etype]
        assert set(roles) == set(actor) | set(recipient) | set(place) | (set(roles) & set(PLOVER_OTHER_ROLES)), etype
        assert EVENT_ONTOLOGY[etype][0].startswith(PLOVER_EVENT[etype][0]), etype
        for mode in PLOVER_EVENT[etype][1]:
            assert mode in EVENT_ONTOLOGY[etype][0], etype


def _export(project, out):
    result = run("export", "--root", project, "--format", "plover", "--out", out)
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in (out / "all.jsonl").read_text(encoding="utf-8").splitlines()]


def test_plover_export_of_the_gold_records(doclevel_project, tmp_path):
    records = _export(doclevel_project, tmp_path / "plover")
    assert sorted(p.name for p in (tmp_path / "plover").iterdir() if not p.name.startswith(".")) == ["all.jsonl",
                                                                                                    "lv.jsonl"]
    r1, r2, r3 = records
    assert r1["id"].endswith("-000-lv-R1") and r1["event"] == ["CONSULT"] and r1["recipient"] == []
    assert [(a["identifier_id"], a["identifier_text"], a["code"]) for a in r1["actor"]] == [
        ("GeoNames:460413", "Daugavpils", "LVA"), ("GeoNames:2037013", "Harbin", "CHN")]
    assert r2["date"] == "2020-08-12" and r2["event_text"] == ["tikās", "Saruna"]
    assert r2["text_info"]["sequence"] == [2, 4]
    assert r2["text_info"]["text_story"][1].startswith("Saruna iesākās ar Harbinas mēra Sun Zhe")
    assert [a["entity_text"] for a in r2["actor"]] == ["Daugavpils", "Igors Prelatovs", "Sun Zhe"]
    assert r2["cite_info"]["language"] == "lv" and r2["doc_id"] == "000-lv" and r2["context"] == ["diplomatic"]
    # a planned visit: PLOVER's `future` auxiliary in the context; the destination as event location
    assert r3["event"] == ["CONSULT"] and r3["mode"] == ["visit"] and r3["context"] == ["diplomatic", "future"]
    assert r3["event_loc"]["country_code"] == "CHN" and r3["event_loc"]["extracted_place"] == "Ķīnu"
    assert r3["citydiplo"]["realis"] == "FUTURE" and r3["actor"] == []


def test_visit_and_aid_roles_split_into_actor_and_recipient(doclevel_project, tmp_path):
    ann = doclevel_project / "annotations" / "000-lv.ann"
    text = ann.read_text(encoding="utf-8")
    ann.write_text(text.replace("E4\tVISIT:T14 Destination:T13", "E4\tVISIT:T14 Destination:T13 Visitor:T13"),
                   encoding="utf-8")
    r3 = _export(doclevel_project, tmp_path / "p")[2]
    assert [a["citydiplo_cluster"] for a in r3["actor"]] == ["C13"] and r3["recipient"] == []


def test_plover_export_refuses_a_folder_it_did_not_make_and_needs_records(doclevel_project, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("export", "--root", doclevel_project, "--format", "plover", "--out", out)
    assert result.exit_code == 2 and (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    (doclevel_project / "annotations" / "records" / "000-lv.json").unlink()
    result = run("export", "--root", doclevel_project, "--format", "plover", "--out", tmp_path / "new")
    assert result.exit_code == 2 and "no document has event records yet" in result.output
    assert not (tmp_path / "new").exists()
