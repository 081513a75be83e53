"""Mention and event lists anchor to offsets; agreement between passes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citydiplo.scoring.agreement import agreement
from citydiplo.annotation.anchoring import anchor, anchor_events, parse_mention_list
from citydiplo.formats.brat import serialize_ann
from citydiplo.cli import main
from citydiplo.corpus.documents import read_corpus, read_document
from citydiplo.errors import InputError


@pytest.fixture(scope="module")
def lv(root):
    return read_document("000-lv", root, annotations_dir=root / "nowhere")


def test_anchor_nth_occurrence_and_normalisation(lv):
    rows = parse_mention_list("2\tORG\t1.Harbinas slimnīcas\t1\n2\tCITY\tHarbinas\t2\tGeoNames:2037013\n", "m.tsv")
    ann = anchor(rows, lv.text, lv.meta.sentences, "m.tsv")
    org, city = ann.textbounds
    assert lv.text[city.start:city.end] == "Harbinas" and org.start < city.start < city.end == org.end - len(" slimnīcas")
    assert ann.normalizations[0].target == city.id and ann.normalizations[0].db_id == "2037013"


@pytest.mark.parametrize("content, message", [
    ("99\tCITY\tHarbinas\t1\n", "no sentence 99"),
    ("2\tCITY\tHarbinas\t5\n", "does not occur 5 time(s)"),
    ("2\tCITY\tHarbinas\n", "expected 4 or 5"),
    ("2\tCITY\tHarbinas\tone\n", "whole numbers"),
    ("2\tCITY\tHarbinas\t1\n2\tCITY\tHarbinas\t1\n", "listed twice"),
    ("2\tCITY\tHarbinas\t1\tGeoNames\n", "must be DB:ID"),
])
def test_anchor_errors(lv, content, message):
    with pytest.raises(InputError) as err:
        anchor(parse_mention_list(content, "m.tsv"), lv.text, lv.meta.sentences, "m.tsv")
    assert message in err.value.problem


def test_anchor_events_resolves_arguments_against_the_entity_layer(lv):
    base = anchor(parse_mention_list("2\tDATE\t12. augustā\t1\n2\tCITY\tHarbinas\t1\n", "m"), lv.text, lv.meta.sentences, "m")
    content = ("E\t2\tMEET\ttikās\t1\tACTUAL\nA\tTime\tDATE\t12. augustā\t1\nA\tParticipant\tCITY\tHarbinas\t1\n"
               "E\t8\tAID\tpalīdzību\t1\tACTUAL\nA\tItem\tITEM\tmedicīnas maskas\t1\n")
    ann = anchor_events(content, lv.text, lv.meta.sentences, base, "e")
    assert [e.type for e in ann.events] == ["MEET", "AID"]
    assert [r for r, _ in ann.events[0].args] == ["Time", "Participant"]
    assert {a.value for a in ann.attributes} == {"ACTUAL"}
    assert any(t.type == "ITEM" and t.text == "medicīnas maskas" for t in ann.textbounds)
    with pytest.raises(InputError, match="no PER mention"):
        anchor_events("E\t2\tMEET\ttikās\t1\tACTUAL\nA\tParticipant\tPER\tHarbinas\t1\n", lv.text, lv.meta.sentences, base, "e")
    with pytest.raises(InputError, match="must follow an E line"):
        anchor_events("A\tTime\tDATE\t12. augustā\t1\n", lv.text, lv.meta.sentences, base, "e")


def test_anchor_events_keeps_the_entity_clusters_of_the_base(lv):
    from citydiplo.formats.model import Equivalence

    base = anchor(parse_mention_list("2\tCITY\tHarbinas\t1\n4\tCITY\tHarbinas\t1\n", "m"), lv.text,
                  lv.meta.sentences, "m")
    base.equivalences.append(Equivalence("Coref", ("T1", "T2")))
    ann = anchor_events("E\t2\tMEET\ttikās\t1\tACTUAL\n", lv.text, lv.meta.sentences, base, "e")
    assert ann.equivalences == [Equivalence("Coref", ("T1", "T2"))]


def test_agreement_identical_and_different_passes(root, project):
    gold = read_corpus(root)
    same = agreement(gold, gold)
    assert same["overall"]["entity_f1"]["f1"] == 1.0 and same["overall"]["token_kappa_outer"] == 1.0
    # a second pass that drops every PER mention of the Latvian document
    pass_b = project / "b"
    pass_b.mkdir()
    lv_ann = (root / "annotations" / "000-lv.ann").read_text(encoding="utf-8")
    kept = [line for line in lv_ann.splitlines() if "\tPER " not in line]
    (pass_b / "000-lv.ann").write_text("\n".join(kept) + "\n", encoding="utf-8")
    other = agreement([d for d in gold if d.id == "000-lv"], read_corpus(root, pass_b), with_events=False)
    n_per = sum(1 for e in gold[0].entities if e.type == "PER")
    assert n_per > 0
    lv = other["lv"]["entity_f1"]
    assert lv["tp"] == lv["gold"] - n_per and lv["precision"] == 1.0
    assert other["lv"]["token_kappa_outer"] < 1.0
    assert other["lv"]["normalisation_f1"]["f1"] == 1.0  # PER mentions carry no ids


def test_agreement_command_prints_every_language(root):
    passes = root / "annotations" / "passes"
    if not (passes / "a").exists():
        pytest.skip("no annotation passes in this checkout")
    result = CliRunner().invoke(main, ["agreement", str(passes / "a"), str(passes / "b"), "--entities-only",
                                       "--format", "markdown"])
    assert result.exit_code == 0
    for lang in ("overall", "lv", "ru", "fa", "uk", "vi"):
        assert f"| {lang} |" in result.output


def test_serialised_anchor_output_validates(lv):
    rows = parse_mention_list("1\tCITY\tDaugavpils\t1\tGeoNames:460413\n", "m")
    text = serialize_ann(anchor(rows, lv.text, lv.meta.sentences, "m"))
    assert text == "T1\tCITY 0 10\tDaugavpils\nN1\tReference T1 GeoNames:460413\tDaugavpils\n"
