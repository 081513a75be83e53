"""The parallel track's language x article decomposition and same-articles means (issue
28): by hand on small full and incomplete matrices, its properties (Hypothesis), the
within-document bootstrap, the gold on the real parallel track, the report and the
leaderboard tables."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citydiplo
from citydiplo.evaluation.submission import schema_problems
from citydiplo.scoring.decomposition import decompose, effect_intervals, language_means, resampled_cell_sums
from citydiplo.scoring.parallel import with_effects
from citydiplo.scoring.report import parallel_language_tables, render_parallel
from citydiplo.scoring.results import Results


# ------------------------------------------------------------------ by hand


def test_full_matrix_by_hand():
    # rows A, B; columns x, y, z:  A .9 .6 .3 / B .7 .6 .5  -> grand mean .6, row means .6 .6,
    # column means .8 .6 .4; fitted A,x = .8 (residual +.1) ... SSres = 4 * .01, SStot = .2
    values = {("A", "x"): .9, ("A", "y"): .6, ("A", "z"): .3, ("B", "x"): .7, ("B", "y"): .6, ("B", "z"): .5}
    fit = decompose(values)
    assert fit.identifiable and fit.residual_df == 2
    assert fit.mu == pytest.approx(.6)
    assert fit.article == pytest.approx({"A": 0.0, "B": 0.0})
    assert fit.language == pytest.approx({"x": .2, "y": 0.0, "z": -.2})
    assert fit.residual_share == pytest.approx(.04 / .2)


def test_a_missing_cell_by_hand():
    # A: x .8, y .6; B: x .4, y .2; C: x .5 and no y. A and B are exactly additive, so
    # x - y = .2 -> x +.1, y -.1; then mu + a = .7, .3 and .4 (C's x cell minus .1), with
    # sum a = 0: mu = 1.4 / 3. Naive column means would give x - y = .567 - .4 = .167.
    values = {("A", "x"): .8, ("A", "y"): .6, ("B", "x"): .4, ("B", "y"): .2, ("C", "x"): .5}
    fit = decompose(values)
    assert fit.identifiable and fit.residual_df == 1  # 5 cells, 4 parameters (and an exact fit here)
    assert fit.mu == pytest.approx(1.4 / 3)
    assert fit.language == pytest.approx({"x": .1, "y": -.1})
    assert fit.article == pytest.approx({"A": .7 - 1.4 / 3, "B": .3 - 1.4 / 3, "C": .4 - 1.4 / 3})
    assert fit.residual_share == pytest.approx(0.0, abs=1e-12)
    means = language_means({c: {"tp": 1, "pred": 1, "gold": 1, "f1": v} for c, v in values.items()},
                           ["A", "B", "C"], ["x", "y"])
    assert means["articles"] == ["A", "B"] and means["missing"] == ["C-y"]
    assert means["languages"]["x"]["mean_f1"] == pytest.approx(.6)
    assert means["languages"]["y"]["mean_f1"] == pytest.approx(.4)


def test_cells_that_do_not_connect_articles_and_languages_are_not_identifiable():
    fit = decompose({("A", "x"): .5, ("B", "y"): .7})
    assert not fit.identifiable and fit.language is None and fit.mu is None


def test_same_articles_micro_f1_sums_the_counts():
    cells = {("A", "x"): {"tp": 1, "pred": 2, "gold": 2, "f1": .5}, ("B", "x"): {"tp": 3, "pred": 3, "gold": 3, "f1": 1.0},
             ("A", "y"): {"tp": 0, "pred": 0, "gold": 0, "f1": 0.0}, ("B", "y"): {"tp": 2, "pred": 2, "gold": 4, "f1": 2 / 3}}
    means = language_means(cells, ["A", "B"], ["x", "y"])
    assert means["articles"] == ["B"] and means["missing"] == ["A-y"]  # nothing to score counts as absent
    assert means["languages"]["x"] == {"mean_f1": 1.0, "micro_f1": 1.0, "tp": 3, "pred": 3, "gold": 3}
    assert means["languages"]["y"]["micro_f1"] == pytest.approx(2 / 3)


# ------------------------------------------------------------------ properties

ARTICLES = ["a0", "a1", "a2", "a3"]
LANGUAGES = ["l0", "l1", "l2"]
f1s = st.floats(0, 1, allow_nan=False)


@st.composite
def matrices(draw, full: bool = False):
    values = {(a, lang): draw(f1s) for a in ARTICLES for lang in LANGUAGES}
    if not full:  # drop up to three cells, never a whole first row or first column (keeps it connected)
        for cell in draw(st.lists(st.sampled_from([(a, lg) for a in ARTICLES[1:] for lg in LANGUAGES[1:]]),
                                  max_size=3, unique=True)):
            del values[cell]
    return values


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_effects_sum_to_zero_and_fit_the_mean(values):
    fit = decompose(values, ARTICLES, LANGUAGES)
    assert fit.identifiable and fit.article is not None and fit.language is not None
    assert sum(fit.article.values()) == pytest.approx(0.0, abs=1e-9)
    assert sum(fit.language.values()) == pytest.approx(0.0, abs=1e-9)
    assert fit.residual_share is None or -1e-9 <= fit.residual_share <= 1 + 1e-9


@settings(max_examples=60, deadline=None)
@given(matrices(full=True))
def test_a_full_matrix_gives_row_and_column_means_minus_the_grand_mean(values):
    fit = decompose(values, ARTICLES, LANGUAGES)
    grand = np.mean(list(values.values()))
    assert fit.mu == pytest.approx(grand)
    for a in ARTICLES:
        assert fit.article[a] == pytest.approx(np.mean([values[(a, lg)] for lg in LANGUAGES]) - grand, abs=1e-9)
    for lg in LANGUAGES:
        assert fit.language[lg] == pytest.approx(np.mean([values[(a, lg)] for a in ARTICLES]) - grand, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(matrices(), st.sampled_from(LANGUAGES), st.floats(-0.5, 0.5, allow_nan=False))
def test_shifting_one_language_moves_only_that_languages_effect(values, shifted, c):
    """Adding c to every cell of one language moves that language's effect, relative to
    every other language, by exactly c, and nothing else: the other languages' differences,
    the article effects, the fitted residuals. (With sum-to-zero effects the shift is shared
    out: mu moves by c/L and every effect by -c/L, the shifted one by c - c/L.)"""
    before = decompose(values, ARTICLES, LANGUAGES)
    after = decompose({k: v + c if k[1] == shifted else v for k, v in values.items()}, ARTICLES, LANGUAGES)
    n = len(LANGUAGES)
    assert after.mu == pytest.approx(before.mu + c / n, abs=1e-9)
    for lg in LANGUAGES:
        moved = c - c / n if lg == shifted else -c / n
        assert after.language[lg] == pytest.approx(before.language[lg] + moved, abs=1e-9)
        for other in LANGUAGES:
            delta = (c if lg == shifted else 0.0) - (c if other == shifted else 0.0)
            assert (after.language[lg] - after.language[other]
                    == pytest.approx(before.language[lg] - before.language[other] + delta, abs=1e-9))
    assert after.article == pytest.approx(before.article, abs=1e-9)
    if before.residual_share is not None and after.residual_share is not None:
        ss_before = before.residual_share * np.var(list(values.values())) * len(values)
        shifted_values = [v + c if k[1] == shifted else v for k, v in values.items()]
        ss_after = after.residual_share * np.var(shifted_values) * len(values)
        assert ss_after == pytest.approx(ss_before, abs=1e-9)


# ------------------------------------------------------------------ the bootstrap


def _rows(rng, n, p_right):
    gold = rng.integers(1, 4, size=n)
    tp = rng.binomial(gold, p_right)
    return np.stack([tp, gold, gold], axis=1)


def test_within_document_bootstrap_is_seeded_and_brackets_a_clear_language_effect():
    rng = np.random.default_rng(0)
    rows = {(a, lg): _rows(rng, 30, .9 if lg == "good" else .3) for a in ("a0", "a1", "a2") for lg in ("good", "bad")}
    values = {c: 2 * r[:, 0].sum() / (r[:, 1].sum() + r[:, 2].sum()) for c, r in rows.items()}
    fit = decompose(values)
    ci = effect_intervals(resampled_cell_sums(rows, 300, 7), fit)
    assert ci == effect_intervals(resampled_cell_sums(rows, 300, 7), fit)  # the same seed, the same intervals
    assert ci != effect_intervals(resampled_cell_sums(rows, 300, 8), fit)
    lo, hi = ci["language"]["good"]
    assert 0 < lo <= fit.language["good"] <= hi
    lo, hi = ci["language"]["bad"]
    assert lo <= fit.language["bad"] <= hi < 0
    # each document resampled on its own: a cell of one sentence only ever resamples to itself
    one = resampled_cell_sums({("a", "x"): np.array([[1, 2, 3]]), ("a", "y"): np.array([[0, 1, 1], [1, 1, 1]])}, 50, 1)
    assert (one[("a", "x")] == [1, 2, 3]).all() and set(one[("a", "y")][:, 0]) <= {0, 1, 2}


def test_a_resample_that_empties_a_cell_refits_without_it():
    rows = {("a0", "x"): np.array([[1, 1, 1]] * 5), ("a0", "y"): np.array([[1, 1, 1], [0, 0, 0], [0, 0, 0]]),
            ("a1", "x"): np.array([[0, 1, 1]] * 4), ("a1", "y"): np.array([[1, 1, 1]] * 4)}
    values = {c: 2 * r[:, 0].sum() / max(1, r[:, 1].sum() + r[:, 2].sum()) for c, r in rows.items()}
    fit = decompose(values)
    sums = resampled_cell_sums(rows, 400, 3)
    emptied = (sums[("a0", "y")][:, 1:] == 0).all(axis=1)
    assert 0 < emptied.sum() < 400  # (2/3)^3 of the resamples draw only the empty sentences of a0-y
    ci = effect_intervals(sums, fit)
    assert all(v is not None for group in ci.values() for v in group.values())
    assert fit.residual_df == 1


# ------------------------------------------------------------------ the real parallel track


def test_gold_predictions_give_zero_effects_and_means_of_100(parallel_gold_results):
    block = parallel_gold_results.parallel_block()
    assert block["decomposition"]["bootstrap"] == {"samples": 100, "seed": 12345, "unit": "sentence within document"}
    for m, fit in block["decomposition"]["metrics"].items():
        assert fit["identifiable"] and fit["mu"] == {"value": 1.0, "ci95": [1.0, 1.0]}
        for group in ("language", "article"):
            assert fit[group] and all(e == {"effect": 0.0, "ci95": [0.0, 0.0]} for e in fit[group].values())
        assert fit["residual_share"] is None  # every cell is 100: no variance to share
        assert set(fit["language"]) == set(block["languages"]) and set(fit["article"]) == set(block["matrix"])
    cells = {(a, lg) for a, by_lang in block["matrix"].items() for lg in by_lang}
    for m, same in block["same_articles"].items():
        expected = [a for a in block["matrix"] if all((a, lg) in cells for lg in block["languages"])]
        assert same["articles"] == expected
        assert len(same["missing"]) == len(block["matrix"]) * len(block["languages"]) - len(cells)
        for lang, got in same["languages"].items():
            assert got["mean_f1"] == got["micro_f1"] == (1.0 if expected else None)
    data = parallel_gold_results.with_provenance("m", parallel_gold_results.dataset, "0", "2026-01-01T00:00:00+00:00").to_dict()
    assert schema_problems(data) == []
    broken = copy.deepcopy(data)
    broken["parallel"]["decomposition"]["metrics"]["entity_f1"]["residual_share"] = 2.0
    assert schema_problems(broken)
    older = copy.deepcopy(data)  # a results file written before issue 28 stays valid
    del older["parallel"]["decomposition"], older["parallel"]["same_articles"]
    assert schema_problems(older) == []


def test_a_system_blind_in_one_language_gets_a_negative_effect_with_its_interval(parallel_gold_records):
    records = copy.deepcopy(parallel_gold_records)
    for rec in records:
        if rec["id"].split("-")[1] == "en":  # every English version: no entities
            rec["ner_tags"] = ["O"] * len(rec["ner_tags"])
            rec["ner_tags_inner"] = ["O"] * len(rec["ner_tags_inner"])
    block = citydiplo.score(records, samples=200, track="parallel").parallel_block()
    again = citydiplo.score(records, samples=200, track="parallel").parallel_block()
    other = citydiplo.score(records, samples=200, seed=1, track="parallel").parallel_block()
    assert again["decomposition"] == block["decomposition"]  # seeded: the same figures every run
    assert other["decomposition"]["bootstrap"]["seed"] == 1  # (every cell is 0 or 100 here: no resample moves it)
    fit = block["decomposition"]["metrics"]["entity_f1"]
    en = fit["language"]["en"]
    assert en["effect"] < 0 and en["ci95"][1] < 0
    # en is 0 everywhere, every other cell 100: en - other is -1 whatever the other
    assert all(en["effect"] - e["effect"] == pytest.approx(-1.0) for lg, e in fit["language"].items() if lg != "en")
    assert all(e["effect"] == pytest.approx(0.0, abs=1e-9) for e in fit["article"].values())
    untouched = block["decomposition"]["metrics"]["trigger_classification_f1"]["language"]["en"]
    assert untouched == {"effect": 0.0, "ci95": [0.0, 0.0]}
    text = "\n".join(render_parallel(block))
    assert "language en" in text and "decomposition (F1 points)" in text and "same articles" in text


# ------------------------------------------------------------------ report and leaderboard


def _full_matrix_results(parallel_gold_results: Results, entity: dict, argument: dict) -> Results:
    """parallel_gold_results with a synthetic full 2 x 2 parallel block written before issue 28
    (no same_articles or decomposition: the leaderboard recomputes them from the matrix)."""
    def cell(f1: float) -> dict:
        tp = int(round(10 * f1))
        return {"precision": f1, "recall": f1, "f1": f1, "tp": tp, "pred": 10, "gold": 10}

    matrix = {a: {lg: {"entity_f1": cell(entity[(a, lg)]), "argument_classification_f1": cell(argument[(a, lg)])}
                  for lg in ("lv", "en")} for a in ("000", "001")}
    block = {**parallel_gold_results.parallel_block(), "languages": ["lv", "en"], "matrix": matrix}
    del block["decomposition"], block["same_articles"]
    r = parallel_gold_results.with_provenance("synthetic", parallel_gold_results.dataset, "0", "2026-01-01T00:00:00+00:00")
    return Results.from_dict({**r.to_dict(), "parallel": block})


def test_the_leaderboard_tables_per_language_on_the_same_articles(parallel_gold_results):
    entity = {("000", "lv"): .8, ("000", "en"): .6, ("001", "lv"): .6, ("001", "en"): .4}
    argument = {("000", "lv"): .5, ("000", "en"): .5, ("001", "lv"): .3, ("001", "en"): .1}
    synthetic = _full_matrix_results(parallel_gold_results, entity, argument)
    gold = parallel_gold_results.with_provenance("gold", parallel_gold_results.dataset, "0", "2026-01-01T00:00:00+00:00")
    text = parallel_language_tables([synthetic])
    assert "| model | lv | en |" in text
    assert "| `synthetic` | 70.0 / 40.0 | 50.0 / 30.0 |" in text  # means over 000 and 001
    assert "| `synthetic` | +10.0 / +5.0 | -10.0 / -5.0 |" in text  # point effects, no interval: older file
    assert "over the same articles (000,001;" in text and "Residual degrees of freedom 0" not in text
    text = parallel_language_tables([gold])
    assert "| `gold` | +0.0 [+0.0, +0.0] / +0.0 [+0.0, +0.0] |" in text  # with the bootstrap's interval
    same = gold.parallel_block()["same_articles"]["entity_f1"]["articles"]
    assert ("| `gold` | 100.0 / 100.0 |" in text) == bool(same)
    assert with_effects(synthetic.parallel_block())["decomposition"]["metrics"]["entity_f1"]["residual_df"] == 1


def test_an_extension_with_nothing_scored_gives_empty_blocks():
    from citydiplo.scoring.parallel import ParallelTrack

    block = ParallelTrack({}, {}, []).block({})
    assert block["same_articles"] == {} and block["decomposition"]["metrics"] == {}
    assert render_parallel(block)  # and its report renders
