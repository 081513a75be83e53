"""Entity scores equal seqeval (and conlleval on hand-derived fixtures); event scores;
bootstrap."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from citydiplo.scoring.bootstrap import confidence_interval, paired_test
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.entities import sentence_type_counts, summarise
from citydiplo.formats.model import TokenArgument, TokenEvent, TokenRelation
from citydiplo.scoring.events import EventAccumulator, score_sentence


def corpus_scores(gold: list[list[str]], pred: list[list[str]], mode: str) -> dict:
    per_type: dict[str, Counts] = defaultdict(Counts)
    for g, p in zip(gold, pred):
        for t, c in sentence_type_counts(g, p, mode).items():
            per_type[t] += c
    return summarise(per_type)


# Hand-derived with the conlleval rules: an I- tag that does not continue an entity of
# its type starts one (default mode); strict IOB2 drops such entities.
GOLD = [["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-CITY"], ["B-PER"], ["I-PER", "O"]]
PRED = [["B-PER", "I-PER", "O", "I-ORG", "I-ORG", "O", "B-GPE"], ["B-PER"], ["I-PER", "B-ORG"]]


def test_conlleval_fixture_default_mode():
    s = corpus_scores(GOLD, PRED, "default")
    # gold: PER(s0) ORG CITY PER(s1) PER(s2 from I-) = 5; pred: PER ORG GPE PER PER ORG = 6; correct 4
    assert (s["micro"]["tp"], s["micro"]["pred"], s["micro"]["gold"]) == (4, 6, 5)
    assert s["micro"]["precision"] == pytest.approx(4 / 6)
    assert s["micro"]["recall"] == pytest.approx(4 / 5)
    assert s["micro"]["f1"] == pytest.approx(2 * 4 / 11)
    assert s["per_type"]["PER"]["f1"] == 1.0 and s["per_type"]["CITY"]["f1"] == 0.0
    assert s["per_type"]["ORG"]["precision"] == 0.5 and s["per_type"]["ORG"]["recall"] == 1.0
    # macro over CITY, GPE, ORG, PER: F1 0, 0, 2/3, 1
    assert s["macro"]["f1"] == pytest.approx((0 + 0 + 2 / 3 + 1) / 4)


def test_conlleval_fixture_strict_mode():
    s = corpus_scores(GOLD, PRED, "strict")
    # strict drops entities that start with I-: gold PER PER ORG CITY = 4 (s2's I-PER dropped)
    # pred: PER GPE PER ORG(s2, B-) = 4 (the I-ORG I-ORG one dropped, s2's I-PER dropped); correct PER, PER = 2
    assert (s["micro"]["tp"], s["micro"]["pred"], s["micro"]["gold"]) == (2, 4, 4)
    assert s["micro"]["f1"] == pytest.approx(0.5)


tags = st.sampled_from(["O", "O", "B-PER", "I-PER", "B-CITY", "I-CITY", "B-ORG", "I-ORG"])
sentences = st.lists(st.lists(tags, min_size=0, max_size=12), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(sentences, st.data())
def test_equals_seqeval_classification_report(gold, data):
    pred = [data.draw(st.lists(tags, min_size=len(g), max_size=len(g))) for g in gold]
    for mode, kwargs in (("default", {}), ("strict", {"mode": "strict", "scheme": IOB2})):
        ours = corpus_scores(gold, pred, mode)
        theirs = classification_report(gold, pred, output_dict=True, zero_division=0, **kwargs)
        if not ours["per_type"]:
            continue
        assert ours["micro"]["f1"] == pytest.approx(theirs["micro avg"]["f1-score"])
        assert ours["micro"]["precision"] == pytest.approx(theirs["micro avg"]["precision"])
        assert ours["macro"]["f1"] == pytest.approx(theirs["macro avg"]["f1-score"])
        for t, c in ours["per_type"].items():
            assert c["f1"] == pytest.approx(theirs[t]["f1-score"]), (mode, t)


def ev(etype, trig, realis="ACTUAL", args=()):
    return TokenEvent(etype, trig, realis, tuple(TokenArgument(r, s) for r, s in args))


def test_event_matching_rules():
    gold = [ev("MEET", (3, 4), args=[("Participant", (0, 1)), ("Time", (5, 7))]),
            ev("AID", (9, 10), "FUTURE", args=[("Giver", (8, 9))])]
    pred = [ev("MEET", (3, 4), "FUTURE", args=[("Participant", (0, 1)), ("Place", (5, 7))]),  # realis wrong, role wrong
            ev("VISIT", (9, 10), args=[("Visitor", (8, 9))]),                                   # trigger span right, type wrong
            ev("COOPERATE", (12, 13))]                                                          # spurious
    s = score_sentence(gold, pred)
    assert s.counts["trigger_identification"] == (2, 3, 2)
    assert s.counts["trigger_classification"] == (1, 3, 2)
    assert s.counts["argument_identification"] == (2, 3, 3)  # (MEET,(0,1)) and (MEET,(5,7)) match on span + event type
    assert s.counts["argument_classification"] == (1, 3, 3)
    assert s.counts["argument_identification_attached"] == (2, 3, 3)
    assert (s.realis_matched, s.realis_correct) == (1, 0)


def test_attached_arguments_need_the_trigger():
    gold = [ev("MEET", (3, 4), args=[("Participant", (0, 1))])]
    pred = [ev("MEET", (5, 6), args=[("Participant", (0, 1))])]
    s = score_sentence(gold, pred)
    assert s.counts["argument_classification"] == (1, 1, 1)
    assert s.counts["argument_classification_attached"] == (0, 1, 1)


def test_relations_ignore_argument_order_but_not_status():
    gold = [TokenRelation("PARTNER_OF", (0, 1), (4, 5), "PLANNED")]
    pred = [TokenRelation("PARTNER_OF", (4, 5), (0, 1), "ESTABLISHED")]
    s = score_sentence([], [], gold, pred)
    assert s.counts["relation"] == (1, 1, 1)
    assert s.counts["relation_with_status"] == (0, 1, 1)


def test_event_accumulator_sums_sentences():
    acc = EventAccumulator()
    acc.add(score_sentence([ev("MEET", (0, 1))], [ev("MEET", (0, 1))]))
    acc.add(score_sentence([ev("AID", (0, 1))], []))
    out = acc.summary()
    assert out["trigger_classification"]["f1"] == pytest.approx(2 * 1 / 3)
    assert out["trigger_classification_per_type"]["AID"]["recall"] == 0.0
    assert out["realis_accuracy"]["accuracy"] == 1.0


def test_bootstrap_interval_contains_the_estimate_and_is_deterministic():
    rng = np.random.default_rng(0)
    rows = np.stack([rng.integers(0, 3, 200), rng.integers(2, 5, 200), rng.integers(2, 5, 200)], axis=1)
    rows[:, 0] = np.minimum(rows[:, 0], np.minimum(rows[:, 1], rows[:, 2]))
    f1 = 2 * rows[:, 0].sum() / (rows[:, 1].sum() + rows[:, 2].sum())
    lo, hi = confidence_interval(rows, samples=500, seed=1)
    assert lo < f1 < hi and hi - lo < 0.2
    assert (lo, hi) == confidence_interval(rows, samples=500, seed=1)


def test_paired_test_separates_clear_and_null_differences():
    good = np.array([[3, 3, 3]] * 50)
    bad = np.array([[1, 3, 3]] * 50)
    assert paired_test(good, bad, samples=500)["p_value"] < 0.01
    assert paired_test(good, good, samples=500)["p_value"] == 1.0
