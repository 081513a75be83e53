"""Error classes of every layer (citydiplo.scoring.error_analysis): levels, linking,
arguments, relations, confusion matrices. Pure functions on offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplo.scoring.error_analysis import (
    ARGUMENT_CATEGORIES, CORRECT, LINKED, MISSED, NO_ID, OTHER_LEVEL, SPURIOUS, SPURIOUS_ID, WRONG_BOUNDARY,
    WRONG_ID, WRONG_ROLE, WRONG_STATUS, WRONG_TRIGGER, WRONG_TYPE, classify, classify_arguments, classify_level,
    classify_links, classify_relations, confusion, summarize_as,
)


def verdicts(judged):
    return [(j.category, j.start, j.end, j.label) for j in judged]


# --------------------------------------------------------------------------- levels

def test_right_span_other_level_is_its_own_class_and_the_outer_gold_is_missed():
    outer = [(0, 25, "ORG")]  # "Daugavpils pilsētas domes"
    inner = [(0, 10, "CITY")]  # "Daugavpils" inside it
    judged = classify_level(outer, inner, [(0, 10, "CITY")])
    assert verdicts(judged) == [(OTHER_LEVEL, 0, 10, "CITY"), (MISSED, 0, 25, "ORG")]
    assert judged[0].gold == ((0, 10, "CITY"),)
    # plain classify calls the same prediction a boundary error and misses nothing
    assert verdicts(classify(outer, [(0, 10, "CITY")])) == [(WRONG_BOUNDARY, 0, 10, "CITY")]


def test_other_level_needs_the_exact_span_and_leaves_same_level_verdicts_alone():
    outer, inner = [(0, 25, "ORG"), (30, 35, "PER")], [(0, 10, "CITY")]
    judged = classify_level(outer, inner, [(0, 9, "CITY"), (0, 25, "ORG"), (30, 35, "LOC")])
    assert verdicts(judged) == [(WRONG_BOUNDARY, 0, 9, "CITY"), (CORRECT, 0, 25, "ORG"), (WRONG_TYPE, 30, 35, "LOC")]


def test_inner_level_prediction_with_an_outer_span():
    judged = classify_level([(0, 10, "CITY")], [(0, 10, "CITY"), (20, 24, "GPE")], [(20, 24, "GPE")])
    assert verdicts(judged) == [(MISSED, 0, 10, "CITY"), (OTHER_LEVEL, 20, 24, "GPE")]


spans = st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5), st.sampled_from(["CITY", "ORG"])).map(
    lambda t: (t[0], t[0] + t[1], t[2])), max_size=6)


@given(spans, spans, spans)
def test_level_classes_refine_classify(gold, other, pred):
    plain = {(j.start, j.end, j.label): j.category for j in classify(gold, pred) if j.predicted}
    for j in classify_level(gold, other, pred):
        if j.category == OTHER_LEVEL:
            assert plain[(j.start, j.end, j.label)] in (WRONG_BOUNDARY, SPURIOUS)
            assert all((g[0], g[1]) == (j.start, j.end) for g in j.gold) and j.gold
        elif j.category != MISSED:
            assert plain[(j.start, j.end, j.label)] == j.category
    assert sum(j.category != MISSED for j in classify_level(gold, other, pred)) == len(set(pred))


# --------------------------------------------------------------------------- linking

def test_link_classes():
    gold = [(0, 5, "CITY", "GeoNames:1"), (10, 15, "CITY", "GeoNames:2"), (20, 25, "GPE", "ISO3166:CN"),
            (30, 35, "PER", None), (40, 45, "PER", None)]
    pred = [(0, 5, "CITY", "GeoNames:1"), (10, 15, "CITY", "GeoNames:9"), (20, 25, "GPE", None),
            (30, 35, "PER", "GeoNames:3"), (40, 45, "PER", None), (50, 55, "CITY", "GeoNames:4"),
            (10, 14, "CITY", "GeoNames:2")]
    assert [(j.category, j.start, j.gold_id, j.predicted_id) for j in classify_links(gold, pred)] == [
        (LINKED, 0, "GeoNames:1", "GeoNames:1"), (WRONG_ID, 10, "GeoNames:2", "GeoNames:9"),
        (NO_ID, 20, "ISO3166:CN", None), (SPURIOUS_ID, 30, None, "GeoNames:3")]


def test_a_mention_of_the_wrong_type_is_not_judged_for_its_link():
    assert classify_links([(0, 5, "CITY", "GeoNames:1")], [(0, 5, "GPE", "GeoNames:2")]) == []


# --------------------------------------------------------------------------- arguments

GOLD_EVENTS = [
    (10, 15, "MEET", (("Participant", 0, 5), ("Participant2", 20, 25), ("Time", 30, 35))),
    (50, 55, "AID", (("Giver", 60, 65),)),
]


def args(pred):
    return [(j.category, j.trigger, j.role, j.start, j.gold_role, j.gold_trigger)
            for j in classify_arguments(GOLD_EVENTS, pred)]


def test_argument_classes():
    pred = [(10, 15, "MEET", (("Participant", 0, 5), ("Time", 20, 25), ("Place", 60, 65), ("Place", 70, 75)))]
    assert args(pred) == [
        (CORRECT, (10, 15), "Participant", 0, "Participant", (10, 15)),
        (WRONG_ROLE, (10, 15), "Time", 20, "Participant2", (10, 15)),
        (MISSED, (10, 15), "Time", 30, "Time", (10, 15)),
        (WRONG_TRIGGER, (10, 15), "Place", 60, "Giver", (50, 55)),
        (SPURIOUS, (10, 15), "Place", 70, None, None),
        (MISSED, (50, 55), "Giver", 60, "Giver", (50, 55)),
    ]


def test_arguments_pair_by_trigger_span_whatever_the_type():
    """A trigger of the wrong type is the trigger layer's error; its arguments are still judged."""
    pred = [(50, 55, "VISIT", (("Giver", 60, 65),))]
    assert summarize_as(classify_arguments(GOLD_EVENTS, pred), ARGUMENT_CATEGORIES) == {
        CORRECT: 1, WRONG_ROLE: 0, WRONG_TRIGGER: 0, SPURIOUS: 0, MISSED: 3}


def test_an_event_nothing_pairs_with_makes_its_known_arguments_wrong_trigger():
    pred = [(80, 85, "MEET", (("Participant", 0, 5),))]
    assert [a[:3] for a in args(pred) if a[0] != MISSED] == [(WRONG_TRIGGER, (80, 85), "Participant")]
    assert sum(a[0] == MISSED for a in args(pred)) == 4


@given(st.lists(st.tuples(st.sampled_from([(10, 15), (50, 55), (80, 85)]), st.sampled_from(["MEET", "AID"]),
                          st.lists(st.tuples(st.sampled_from(["Participant", "Giver", "Time"]),
                                             st.sampled_from([(0, 5), (20, 25), (60, 65), (70, 75)])), max_size=4)),
                max_size=3))
def test_argument_properties(raw):
    pred = [(t[0], t[1], et, tuple((r, s[0], s[1]) for r, s in a)) for t, et, a in raw]
    judged = classify_arguments(GOLD_EVENTS, pred)
    predicted = {(p[0], p[1], p[2], a) for p in pred for a in p[3]}
    assert sum(j.category != MISSED for j in judged) == len({(t0, t1, et, a) for t0, t1, et, a in predicted})
    assert classify_arguments(GOLD_EVENTS, GOLD_EVENTS) == [j for j in classify_arguments(GOLD_EVENTS, GOLD_EVENTS)
                                                            if j.category == CORRECT]


# --------------------------------------------------------------------------- relations

def test_relation_classes_ignore_argument_order():
    gold = [((0, 5), (10, 15), "ESTABLISHED"), ((20, 25), (30, 35), "PLANNED"), ((40, 45), (50, 55), "PLANNED")]
    pred = [((10, 15), (0, 5), "ESTABLISHED"), ((20, 25), (30, 35), "ESTABLISHED"), ((0, 5), (30, 35), "PLANNED")]
    assert [(j.category, j.arg1, j.arg2, j.status, j.gold_status) for j in classify_relations(gold, pred)] == [
        (CORRECT, (0, 5), (10, 15), "ESTABLISHED", "ESTABLISHED"),
        (SPURIOUS, (0, 5), (30, 35), "PLANNED", None),
        (WRONG_STATUS, (20, 25), (30, 35), "ESTABLISHED", "PLANNED"),
        (MISSED, (40, 45), (50, 55), "PLANNED", "PLANNED"),
    ]


# --------------------------------------------------------------------------- confusion

def test_confusion_matrix():
    gold = [(0, 5, "CITY"), (10, 15, "ORG"), (20, 25, "PER")]
    pred = [(0, 5, "CITY"), (10, 15, "CITY"), (30, 35, "GPE")]
    assert confusion(gold, pred) == {("CITY", "CITY"): 1, ("ORG", "CITY"): 1, ("PER", "—"): 1, ("—", "GPE"): 1}


@given(spans, spans)
def test_confusion_counts_every_mention_once_per_side(gold, pred):
    m = confusion(gold, pred)
    assert sum(n for (g, _), n in m.items() if g != "—") == len(set(gold))
    assert sum(n for (_, p), n in m.items() if p != "—") == len(set(pred))
    assert sum(n for (g, p), n in m.items() if g == p) == len(set(gold) & set(pred))


def test_language_intervals_resample_within_each_language():
    import numpy as np

    from citydiplo.scoring.bootstrap import confidence_interval, intervals_by_group

    rows = np.array([[1, 1, 1], [0, 1, 1], [2, 2, 3], [1, 2, 1], [0, 0, 1], [3, 3, 3]])
    other = rows[::-1].copy()
    langs = ["lv", "fa", "lv", "fa", "lv", "fa"]
    got = intervals_by_group({"a": rows, "b": other}, langs, samples=200, seed=7)
    assert set(got) == {"a", "b"} and set(got["a"]) == {"lv", "fa"}
    assert got["a"]["lv"] == confidence_interval(rows[[0, 2, 4]], 200, 7)
    assert got["a"]["fa"] == confidence_interval(rows[[1, 3, 5]], 200, 7)
    assert got["b"]["fa"] == confidence_interval(other[[1, 3, 5]], 200, 7)
    assert got["a"]["lv"] != got["a"]["fa"]
    with pytest.raises(ValueError):
        intervals_by_group({"a": rows}, langs[:-1])
