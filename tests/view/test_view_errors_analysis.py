"""The error classification: one verdict per predicted mention, missed gold listed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citydiplo.scoring.error_analysis import (
    CATEGORIES,
    CORRECT,
    MISSED,
    SPURIOUS,
    WRONG_BOUNDARY,
    WRONG_TYPE,
    classify,
    overlaps,
    summarize_as,
)


def verdicts(gold, pred):
    return [(j.category, j.start, j.end, j.label) for j in classify(gold, pred)]


def test_each_category():
    gold = [(0, 5, "CITY"), (10, 20, "ORG"), (30, 35, "PER"), (40, 45, "DATE"), (60, 62, "GPE")]
    pred = [(0, 5, "CITY"), (10, 20, "GPE"), (32, 38, "PER"), (50, 55, "LOC")]
    assert verdicts(gold, pred) == [
        (CORRECT, 0, 5, "CITY"),
        (WRONG_TYPE, 10, 20, "GPE"),
        (WRONG_BOUNDARY, 32, 38, "PER"),
        (MISSED, 40, 45, "DATE"),
        (SPURIOUS, 50, 55, "LOC"),
        (MISSED, 60, 62, "GPE"),
    ]


def test_wrong_type_names_the_gold_types_and_boundary_the_overlapped_ones():
    judged = classify([(0, 5, "CITY"), (0, 12, "ORG")], [(0, 5, "GPE"), (3, 8, "ORG")])
    by_span = {(j.start, j.end): j for j in judged}
    assert by_span[(0, 5)].category == WRONG_TYPE and by_span[(0, 5)].gold == ((0, 5, "CITY"),)
    assert by_span[(3, 8)].category == WRONG_BOUNDARY
    assert set(by_span[(3, 8)].gold) == {(0, 5, "CITY"), (0, 12, "ORG")}


def test_a_wrongly_bounded_gold_mention_is_not_also_missed():
    assert verdicts([(0, 10, "ORG")], [(0, 4, "ORG")]) == [(WRONG_BOUNDARY, 0, 4, "ORG")]


def test_touching_spans_do_not_overlap():
    assert not overlaps((0, 5), (5, 9))
    assert verdicts([(0, 5, "CITY")], [(5, 9, "CITY")]) == [(MISSED, 0, 5, "CITY"), (SPURIOUS, 5, 9, "CITY")]


def test_summary_has_every_category():
    assert summarize_as([], CATEGORIES) == dict.fromkeys(CATEGORIES, 0)
    assert summarize_as(classify([(0, 1, "X")], []), CATEGORIES)[MISSED] == 1


spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 6), st.sampled_from(["CITY", "ORG", "PER"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=8,
)


@given(spans, spans)
def test_properties(gold, pred):
    judged = classify(gold, pred)
    counts = summarize_as(judged, CATEGORIES)
    # one verdict per distinct predicted mention
    assert sum(counts[c] for c in CATEGORIES if c != MISSED) == len(set(pred))
    # correct = exact matches; missed = gold mentions no prediction overlaps
    assert counts[CORRECT] == len(set(gold) & set(pred))
    assert counts[MISSED] == sum(1 for g in set(gold) if not any(overlaps(g, p) for p in pred))
    for j in judged:
        if j.category == SPURIOUS:
            assert not any(overlaps((j.start, j.end), g) for g in gold)
        if j.category == WRONG_TYPE:
            assert all((g[0], g[1]) == (j.start, j.end) and g[2] != j.label for g in j.gold)


@given(spans)
def test_gold_against_itself_is_all_correct(gold):
    assert {j.category for j in classify(gold, gold)} <= {CORRECT}
