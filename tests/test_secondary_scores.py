"""Partial-match (nervaluate), linking and trigger-overlap figures; their place in the
results, the reports, the leaderboard and bench compare."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplo.formats.model import TokenEvent
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.tokens import Token
from citydiplo.scoring.report import leaderboard_table as table
from citydiplo.scoring.linking import LinkingAccumulator
from citydiplo.scoring.partial import PartialAccumulator
from citydiplo.scoring.results import Results
from citydiplo.scoring.scorer import Scorer
from citydiplo.scoring.trigger_overlap import match

TYPES = ("CITY", "ORG")
tags = st.lists(st.sampled_from(["O", "B-CITY", "I-CITY", "B-ORG", "I-ORG"]), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(tags, tags), min_size=1, max_size=4))
def test_summed_sentence_counts_equal_one_nervaluate_run(pairs):
    from nervaluate import Evaluator

    from citydiplo.scoring.partial import _spans

    pairs = [(g, (p + ["O"] * len(g))[:len(g)]) for g, p in pairs]
    acc = PartialAccumulator()
    for g, p in pairs:
        acc.add(g, ["O"] * len(g), p, None, "xx")
    ours = acc.summary()["outer"]
    theirs = Evaluator([_spans(g) for g, _ in pairs], [_spans(p) for _, p in pairs], list(TYPES), loader="dict").evaluate()
    for mode, name in (("strict", "strict"), ("exact", "exact"), ("partial", "partial"), ("type", "ent_type")):
        ref = theirs["overall"][name]
        assert (ours[mode]["correct"], ours[mode]["partial"], ours[mode]["missed"], ours[mode]["spurious"]) == \
            (ref.correct, ref.partial, ref.missed, ref.spurious)
        assert ours[mode]["f1"] == pytest.approx(ref.f1)


def test_partial_mode_credits_half_an_overlap():
    acc = PartialAccumulator()
    row = acc.add(["B-ORG", "I-ORG", "I-ORG"], ["O"] * 3, ["B-ORG", "I-ORG", "O"], None, "lv")
    s = acc.summary()
    assert s["outer"]["strict"]["f1"] == 0.0 and s["outer"]["partial"]["f1"] == 0.5 and s["outer"]["type"]["f1"] == 1.0
    assert 2 * row[0] / (row[1] + row[2]) == 0.5  # the bootstrap row gives nervaluate's partial F1
    assert s["outer"]["partial"]["per_language"]["lv"]["f1"] == 0.5


def test_union_puts_both_levels_together():
    acc = PartialAccumulator()
    acc.add(["B-ORG", "I-ORG"], ["B-CITY", "O"], ["B-ORG", "I-ORG"], ["O", "O"], "lv")
    s = acc.summary()
    assert s["outer"]["strict"]["f1"] == 1.0 and s["inner"]["strict"]["recall"] == 0.0
    assert s["union"]["strict"]["recall"] == 0.5 and s["union"]["strict"]["precision"] == 1.0


def test_linking_accuracy_and_end_to_end():
    acc = LinkingAccumulator()
    gold = [((0, 1), "CITY", "GeoNames:1"), ((3, 4), "CITY", "GeoNames:2"), ((5, 6), "GPE", "ISO3166:LV")]
    pred = ["B-CITY", "O", "O", "B-CITY", "O", "B-ORG"]
    row = acc.add(gold, pred, None, [((0, 1), "GeoNames:1"), ((3, 4), "GeoNames:9"), ((5, 6), "ISO3166:LV")], "lv")
    s = acc.summary()
    assert row == (1, 3, 3)  # the ORG with an id is a predicted link of the wrong type
    assert s["found"] == 2 and s["accuracy"] == 0.5
    assert s["per_type"]["CITY"]["accuracy"] == 0.5 and s["per_type"]["GPE"]["found"] == 0
    assert s["per_language"]["lv"]["end_to_end"]["f1"] == pytest.approx(1 / 3)
    assert s["predicted"] is True


def test_trigger_overlap_is_one_to_one():
    gold = [((2, 4), "MEET"), ((6, 7), "VISIT")]
    assert match(gold, [((3, 4), "MEET")]) == 1
    assert match(gold, [((3, 4), "MEET"), ((2, 3), "MEET")]) == 1  # one gold trigger, credited once
    assert match(gold, [((6, 8), "MEET")]) == 0  # the type must agree
    assert match(gold, [((2, 4), "MEET"), ((3, 4), "MEET")]) == 1  # the exact pair is matched first


def _record(tags_, events=(), norms=()):
    n = len(tags_)
    return SentenceRecord("000-lv-001", "000-lv", "lv", 1, 0, 0, [Token("w", i, i + 1) for i in range(n)],
                          list(tags_), ["O"] * n, list(events), [], list(norms))


def _results(pred: Prediction, gold: SentenceRecord) -> Results:
    scorer = Scorer()
    scorer.add(gold, pred)
    return scorer.results(100)


def test_scorer_puts_the_blocks_in_results_and_keeps_the_headline():
    gold = _record(["B-CITY", "I-CITY", "O"], [TokenEvent("MEET", (2, 3), "ACTUAL")], [((0, 2), "CITY", "GeoNames:1")])
    pred = Prediction("000-lv-001", ["B-CITY", "O", "O"], None, [TokenEvent("MEET", (1, 3), "ACTUAL")], None,
                      norm=[((0, 1), "GeoNames:1")])
    r = _results(pred, gold)
    d = r.to_dict()
    assert list(d["headline"]) == ["entity_f1", "trigger_classification_f1", "argument_classification_f1", "relation_f1"]
    assert set(d["secondary"]) == {"entity_partial_f1", "linking_f1", "trigger_overlap_f1"}
    assert d["secondary"]["entity_partial_f1"]["f1"] == 0.5 and d["secondary"]["trigger_overlap_f1"]["f1"] == 1.0
    assert d["linking"]["found"] == 0 and d["secondary"]["linking_f1"]["f1"] == 0.0
    assert r.figure("trigger_overlap_f1") == 1.0 and r.figure("entity_f1") == 0.0
    again = Results.from_dict(json.loads(json.dumps(d)))
    assert again.figure("entity_partial_f1") == 0.5
    for fmt in ("table", "markdown"):
        text = r.render(fmt)
        assert "entity_partial_f1" in text and "trigger_classification_overlap" in text and "accuracy (found)" in text


def test_leaderboard_shows_partial_and_linking_columns_only_for_results_that_have_them(root):
    from citydiplo.scoring.results_files import read_results

    blocks = ("partial", "linking", "trigger_overlap", "secondary", "input")
    old = [Results.from_dict({k: v for k, v in r.to_dict().items() if k not in blocks})
           for r in read_results(root / "results")]  # results written before the blocks existed
    assert "Link F1" not in table(old) and "partial" not in table(old)
    gold = _record(["B-CITY", "O"], norms=[((0, 1), "CITY", "GeoNames:1")])
    pred = Prediction("000-lv-001", ["B-CITY", "O"], norm=[((0, 1), "GeoNames:1")])
    new = _results(pred, gold).with_provenance("linker", old[0].dataset, "0", "2026-01-01")
    text = table(old + [new])
    header = text.splitlines()[0]
    assert "Entity F1 partial" in header and "Link F1 (acc.)" in header
    row = next(line for line in text.splitlines() if "`linker`" in line)
    assert "100.0 (100.0)" in row
    gaz = next(line for line in text.splitlines() if "`gazetteer`" in line)
    assert "| – | – |" in gaz


def test_compare_tests_the_secondary_figures_too(tmp_path):
    from click.testing import CliRunner

    from citydiplo.cli import main

    gold_path = tmp_path / "gold"
    assert CliRunner().invoke(main, ["gold-predictions", "--format", "chars", "--out", str(gold_path)]).exit_code == 0
    res = CliRunner().invoke(main, ["compare", str(gold_path), "tests.test_input_formats:strings_model", "--format",
                                    "json", "--samples", "100"])
    assert res.exit_code == 0, res.output
    tests = json.loads(res.output)["tests"]
    assert {"entity_partial_f1", "linking_f1", "trigger_overlap_f1", "entity_f1"} <= set(tests)
    assert tests["linking_f1"]["f1_a"] == 1.0 and tests["linking_f1"]["f1_b"] == 0.0
    assert 0 < tests["entity_partial_f1"]["f1_b"] < 1
    assert tests["linking_f1"]["p_value"] < 0.05


def test_the_api_scores_chars_and_strings_records():
    import citydiplo
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.formats.gold_exports import gold_chars, gold_strings

    docs = load_benchmark().documents
    for convert, fmt in ((gold_chars, "chars"), (gold_strings, "strings")):
        r = citydiplo.score([convert(d) for d in docs], samples=100)
        assert r.extra["input"]["format"] == fmt
        assert r.figure("entity_f1") == 1.0 and r.figure("linking_f1") == 1.0


@settings(max_examples=60, deadline=None)
@given(tags, st.booleans(), st.booleans())
def test_the_shortcut_counts_equal_nervaluate(gold_tags, same, empty_pred):
    from nervaluate import Evaluator

    from citydiplo.scoring.partial import MODES, _spans, _trivial

    gold = _spans(gold_tags)
    pred = [] if empty_pred else (list(gold) if same else _spans(["O"] + gold_tags[:-1]))
    quick = _trivial(gold, pred)
    if quick is None or not (gold or pred):
        return
    labels = sorted({e["label"] for e in gold + pred})
    ref = Evaluator([gold], [pred], labels, loader="dict").evaluate()
    for mode, name in MODES.items():
        assert quick[mode]["all"] == {c: getattr(ref["overall"][name], c) for c in quick[mode]["all"]}
        for tag in labels:
            assert quick[mode][tag] == {c: getattr(ref["entities"][tag][name], c) for c in quick[mode][tag]}
