"""The document-level gold (GUIDELINES part 3): entity clusters from Coref lines and event
records from records files, read, validated, pinned and released."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.errors import InputError
from citydiplo.formats.doclevel import build_clusters, is_iso_date, parse_records
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import TextBound
from citydiplo.formats.schema import load_schema
from fixtures import REPO, run


def test_coref_is_an_equivalence_not_a_scored_relation():
    schema = load_schema(REPO / "annotations")
    assert schema.equivalences == ("Coref",) and schema.coref_type == "Coref"
    assert "Coref" not in schema.relations and Inventory.from_schema(schema).relations == ("PARTNER_OF",)


def test_clusters_and_records_of_a_document(doclevel_project):
    bench = load_benchmark(doclevel_project)
    clusters = {c.id: c for c in bench.gold_clusters("000-lv")}
    assert list(clusters) == ["C1", "C2", "C4", "C5", "C7", "C13"]  # order of first mention
    assert clusters["C1"].mentions == ("T1", "T11") and clusters["C1"].texts == ("Daugavpils", "Daugavpilij")
    assert clusters["C1"].norm == "GeoNames:460413" and clusters["C1"].type == "CITY"
    assert clusters["C5"].mentions == ("T5",) and clusters["C5"].norm is None  # a singleton
    records = {r.id: r for r in bench.gold_records("000-lv")}
    r2 = records["R2"]
    assert (r2.type, r2.realis, r2.date, r2.events) == ("MEET", "ACTUAL", "2020-08-12", ("E2", "E3"))
    # Sun Zhe of E2 and of E3 is one cluster; Daugavpilij of E3 joins Prelatovs
    assert r2.arguments == {"Participant": ("C1", "C5", "C7"), "Time": ("C4",)}
    assert records["R3"].realis == "FUTURE" and records["R3"].arguments == {"Destination": ("C13",)}
    assert [d.id for d in bench.record_documents] == ["000-lv"]


def test_a_document_without_coref_lines_has_no_cluster_layer(tmp_path):
    from fixtures import copy_release

    rel = copy_release(tmp_path / "rel")
    ann = rel / "annotations" / "000-lv.ann"
    ann.write_text("".join(line for line in ann.read_text(encoding="utf-8").splitlines(True)
                           if not line.startswith("*")), encoding="utf-8")
    (rel / "annotations" / "records" / "000-lv.json").unlink()
    docs = {d.id: d for d in load_benchmark(rel).documents}
    assert docs["000-lv"].clusters == [] and docs["000-lv"].event_records == []
    assert all(d.clusters and d.event_records for i, d in docs.items() if i != "000-lv")


def test_build_clusters_merges_lines_sharing_a_mention_and_numbers_by_lowest_member():
    spans = [TextBound(f"T{i}", "CITY", 10 * i, 10 * i + 5, f"c{i}") for i in (3, 7, 12, 24)]
    clusters = build_clusters("d", spans, [("T24", "T7"), ("T7", "T12")], {"T24": "GeoNames:1"})
    assert [(c.id, c.mentions, c.norm) for c in clusters] == [
        ("C3", ("T3",), None), ("C7", ("T7", "T12", "T24"), "GeoNames:1")]


@pytest.mark.parametrize("value, ok", [("2020-08-12", True), ("2020-08", True), ("2020", True),
                                       ("2020-02-30", False), ("12.08.2020", False), ("2020-8-1", False), (2020, False)])
def test_iso_dates(value, ok):
    assert is_iso_date(value) is ok


def test_a_misspelt_records_key_is_an_error_with_a_suggestion():
    text = '{"doc_id": "000-lv",\n "records": [\n  {"id": "R1", "evnets": ["E1"]}]}'
    with pytest.raises(InputError, match=r"records\[0\] \(R1\): unknown key 'evnets'; did you mean 'events'") as e:
        parse_records(text, "r.json")
    assert e.value.line == 3


def _validate(project: Path) -> tuple[int, str]:
    result = run("validate", "--root", project)
    return result.exit_code, result.output


def test_the_doclevel_fixture_is_valid_and_counted(doclevel_project):
    code, out = _validate(doclevel_project)
    assert code == 0, out
    assert "clusters in 1 of 1 gold document(s), records in 1 of 1" in out


def _edit_ann(project: Path, old: str, new: str) -> Path:
    path = project / "annotations" / "000-lv.ann"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _edit_records(project: Path, change) -> Path:
    path = project / "annotations" / "records" / "000-lv.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, code, line", [
    ("*\tCoref T7 T10\n", "*\tCoref T7 T10 T9\n", "coref-two-clusters", 31),
    ("*\tCoref T7 T10\n", "*\tCoref T7 T99\n", "coref-unknown-id", 31),
    ("*\tCoref T7 T10\n", "*\tCoref T7 T8\n", "coref-not-entity", 31),
    ("*\tCoref T7 T10\n", "*\tCoref T7 T5\n", "coref-order", 31),
    ("*\tCoref T7 T10\n", "*\tKoref T7 T10\n", "coref-unknown-type", 31),
    ("*\tCoref T7 T10\n", "*\tCoref T5 T6\n", "cluster-mixed-types", 30),  # T6 joins T5 to Harbin's line
    ("*\tCoref T1 T11\n", "*\tCoref T1 T13\n", "cluster-mixed-types", 29),
    ("N5\tReference T11 GeoNames:460413", "N5\tReference T11 GeoNames:2037013", "cluster-mixed-norms", 29),
    ("*\tCoref T1 T11\n", "", "cluster-split-norm", 0),
])
def test_cluster_problems_are_coded_and_located(doclevel_project, old, new, code, line):
    path = _edit_ann(doclevel_project, old, new)
    status, out = _validate(doclevel_project)
    assert status == 1
    problems = [x for x in out.splitlines() if f"[{code}]" in x]
    assert problems, out
    if line:
        assert problems[0].startswith(f"{path}:{line}: [{code}]"), problems


def _set(index: int, key: str, value):
    def change(data):
        data["records"][index][key] = value
    return change


@pytest.mark.parametrize("change, code", [
    (_set(0, "events", ["E1", "E2"]), "record-event-twice"),
    (_set(2, "events", ["E9"]), "record-unknown-event"),
    (lambda d: (d["records"][0].update(events=["E1", "E4"]), d["records"].pop()), "record-mixed-types"),
    (lambda d: d["records"].pop(), "record-missing-event"),
    (_set(1, "date", "12.08.2020"), "record-bad-date"),
    (_set(1, "date_evidence", "T99"), "record-bad-evidence"),
    (_set(0, "realis", "PLANNED"), "record-bad-realis"),
    (_set(1, "evnets", ["E2"]), "records-unknown-key"),
    (_set(1, "id", "R7"), "record-order"),
    (lambda d: d.update(doc_id="001-ru"), "records-doc-id"),
])
def test_record_problems_are_coded(doclevel_project, change, code):
    path = _edit_records(doclevel_project, change)
    status, out = _validate(doclevel_project)
    assert status == 1 and f"{path}:" in out and f"[{code}]" in out, out


def test_mixed_realis_needs_an_override(doclevel_project):
    _edit_ann(doclevel_project, "A3\tRealis E3 ACTUAL", "A3\tRealis E3 FUTURE")
    status, out = _validate(doclevel_project)
    assert status == 1 and "[record-mixed-realis]" in out and "(R2)" in out
    _edit_records(doclevel_project, _set(1, "realis", "ACTUAL"))
    assert _validate(doclevel_project)[0] == 0
    assert load_benchmark(doclevel_project).gold_records("000-lv")[1].realis == "ACTUAL"


def test_records_need_gold_and_the_layer_is_optional(doclevel_project):
    records = doclevel_project / "annotations" / "records"
    (records / "001-ru.json").write_text('{"doc_id": "001-ru", "records": []}', encoding="utf-8")
    status, out = _validate(doclevel_project)
    assert status == 1 and f"{records / '001-ru.json'}:0: [records-no-gold]" in out
    (records / "001-ru.json").unlink()
    (records / "000-lv.json").unlink()  # gold without records yet: accepted
    status, out = _validate(doclevel_project)
    assert status == 0 and "records in 0 of 1" in out


def test_records_without_clusters_are_refused(doclevel_project):
    path = doclevel_project / "annotations" / "000-lv.ann"
    path.write_text("".join(x for x in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not x.startswith("*")), encoding="utf-8")
    status, out = _validate(doclevel_project)
    assert status == 1 and "[records-no-clusters]" in out


def test_a_bad_records_file_stops_reading_with_file_and_line(doclevel_project):
    _edit_records(doclevel_project, _set(1, "dates", "2020"))
    result = run("build", "--root", doclevel_project, "--out", doclevel_project / "ds")
    assert result.exit_code == 1 and "[records-unknown-key]" in result.output and "did you mean 'date'" in result.output
    with pytest.raises(InputError, match="did you mean 'date'"):
        load_benchmark(doclevel_project)


def test_pin_gold_covers_the_records(doclevel_project):
    assert run("pin-gold", "--root", doclevel_project).exit_code == 0
    sums = (doclevel_project / "annotations" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  records/000-lv.json\n" in sums and "  000-lv.ann\n" in sums
    from citydiplo.corpus.pinning import check_pinned

    def gold_problems() -> list:  # (not the DATASET_VERSION ones: this scratch gold is no release)
        return [p for p in check_pinned(doclevel_project) if p.path.endswith((".ann", ".json"))]

    assert gold_problems() == []
    _edit_records(doclevel_project, _set(1, "date", "2020-08-13"))
    assert [p.path for p in gold_problems() if "changed since" in p.message] == [
        str(doclevel_project / "annotations" / "records" / "000-lv.json")]
