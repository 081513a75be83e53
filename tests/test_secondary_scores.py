"""Partial-match (nervaluate), linking and trigger-overlap figures; their place in the
results, the reports, the leaderboard and bench compare."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.formats.model import TokenEvent
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.tokens import Token
from citydiplo.scoring.bootstrap import confidence_interval
from citydiplo.scoring.report import leaderboard_table as table
from citydiplo.scoring.results import Results
from citydiplo.scoring.scorer import Scorer
from citydiplo.scoring.trigger_overlap import match

TYPES = ("CITY", "ORG")
COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")
NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
tags = st.lists(st.sampled_from(["O", "B-CITY", "I-CITY", "B-ORG", "I-ORG"]), min_size=1, max_size=8)


def _spans(tags_: list[str]) -> list[dict]:
    return [{"label": t, "start": a, "end": b - 1} for a, b, t in iob2_to_token_spans(tags_)]


def _fit(gold: list[str], *others: list[str]) -> list[list[str]]:
    """The other tag lists cut or padded to the gold's length."""
    return [(list(t) + ["O"] * len(gold))[:len(gold)] for t in others]


def _reading_order(spans: list[dict]) -> list[dict]:
    """The union's documented order: first token, longer span first, type name."""
    return sorted(spans, key=lambda e: (e["start"], -e["end"], e["label"]))


def _partial(sentences, blocks=("partial",)) -> dict:
    """The partial block of a scorer fed (gold outer, gold inner, pred outer, pred inner, language)."""
    scorer = Scorer(blocks)
    for k, (go, gi, po, pi, lang) in enumerate(sentences):
        scorer.add(SentenceRecord(f"s-{k}", "s", lang, k, 0, 0, [], go, gi), Prediction(f"s-{k}", po, pi))
    return scorer.results(10).extra["partial"]


@pytest.mark.parametrize("block", [None, 1, 3])
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(tags, tags, tags, tags, st.sampled_from(["lv", "ru"])), min_size=1, max_size=5))
def test_partial_counts_equal_one_nervaluate_run_on_every_level(block, raw):
    """Outer, inner and union (in the documented reading order), overall, per type and per
    language: every count equal to one nervaluate run over the whole set, however many
    sentences are counted together (``partial.BLOCK``: None, the default; 1, one sentence a block)."""
    from nervaluate import Evaluator

    from citydiplo.scoring import partial

    sentences = [(go, *_fit(go, gi, po, pi), lang) for go, gi, po, pi, lang in raw]
    with pytest.MonkeyPatch.context() as mp:
        if block is not None:
            mp.setattr(partial, "BLOCK", block)
        ours = _partial(sentences)
    docs = {"outer": ([_spans(s[0]) for s in sentences], [_spans(s[2]) for s in sentences]),
            "inner": ([_spans(s[1]) for s in sentences], [_spans(s[3]) for s in sentences]),
            "union": ([_reading_order(_spans(s[0]) + _spans(s[1])) for s in sentences],
                      [_reading_order(_spans(s[2]) + _spans(s[3])) for s in sentences])}
    for level, (gold, pred) in docs.items():
        theirs = Evaluator(gold, pred, list(TYPES), loader="dict").evaluate()
        for mode, name in NERVALUATE.items():
            block = ours[level][mode]
            assert tuple(block[c] for c in COUNTS) == tuple(getattr(theirs["overall"][name], c) for c in COUNTS)
            assert block["f1"] == pytest.approx(theirs["overall"][name].f1)
            for t, ref in theirs["entities"].items():
                assert tuple(block["per_type"][t][c] for c in COUNTS) == tuple(getattr(ref[name], c) for c in COUNTS)
            for lang, got in block["per_language"].items():
                idx = [i for i, s in enumerate(sentences) if s[4] == lang]
                ref = Evaluator([gold[i] for i in idx], [pred[i] for i in idx], list(TYPES), loader="dict").evaluate()
                assert tuple(got[c] for c in COUNTS) == tuple(getattr(ref["overall"][name], c) for c in COUNTS)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(tags, tags, tags, tags), min_size=1, max_size=4))
def test_the_union_does_not_depend_on_which_level_comes_first(raw):
    sentences = [(go, *_fit(go, gi, po, pi), "lv") for go, gi, po, pi in raw]
    swapped = [(gi, go, pi, po, lang) for go, gi, po, pi, lang in sentences]
    assert _partial(sentences)["union"] == _partial(swapped)["union"]


def test_the_union_level_is_read_in_reading_order():
    """A prediction overlapping an outer and a nested gold entity is matched as nervaluate
    matches it in reading order (the outer mention first), whichever level lists it."""
    from nervaluate import Evaluator

    gold_outer, gold_inner = ["B-ORG", "I-ORG", "I-ORG"], ["O", "B-CITY", "O"]
    pred_outer, pred_inner = ["O", "B-ORG", "I-ORG"], ["O", "O", "O"]
    union = _partial([(gold_outer, gold_inner, pred_outer, pred_inner, "lv")])["union"]
    ordered = Evaluator([_reading_order(_spans(gold_outer) + _spans(gold_inner))], [_spans(pred_outer)], list(TYPES),
                        loader="dict").evaluate()["overall"]
    assert union["type"]["correct"] == ordered["ent_type"].correct == 1
    assert union["strict"]["incorrect"] == 1 and union["strict"]["missed"] == 1


def test_an_overlap_under_nervaluates_threshold_does_not_match():
    """A one-token prediction inside a 150-token gold entity overlaps it by less than 1% of
    its span: spurious and missed, as nervaluate counts it."""
    from nervaluate import Evaluator

    gold = ["B-ORG"] + ["I-ORG"] * 149
    pred = ["O"] * 70 + ["B-ORG"] + ["O"] * 79
    ours = _partial([(gold, ["O"] * 150, pred, None, "lv")])["outer"]
    theirs = Evaluator([_spans(gold)], [_spans(pred)], list(TYPES), loader="dict").evaluate()["overall"]
    for mode, name in NERVALUATE.items():
        assert tuple(ours[mode][c] for c in COUNTS) == tuple(getattr(theirs[name], c) for c in COUNTS) == (0, 0, 0, 1, 1)


def test_partial_mode_credits_half_an_overlap():
    scorer = Scorer(("partial",))
    scorer.add(SentenceRecord("s-0", "s", "lv", 0, 0, 0, [], ["B-ORG", "I-ORG", "I-ORG"], ["O"] * 3),
               Prediction("s-0", ["B-ORG", "I-ORG", "O"]))
    s = scorer.results(10).extra["partial"]
    row = scorer.table("entity_partial_f1")[0]
    assert s["outer"]["strict"]["f1"] == 0.0 and s["outer"]["partial"]["f1"] == 0.5 and s["outer"]["type"]["f1"] == 1.0
    assert 2 * row[0] / (row[1] + row[2]) == 0.5  # the bootstrap row gives nervaluate's partial F1
    assert s["outer"]["partial"]["per_language"]["lv"]["f1"] == 0.5


def test_union_puts_both_levels_together():
    s = _partial([(["B-ORG", "I-ORG"], ["B-CITY", "O"], ["B-ORG", "I-ORG"], ["O", "O"], "lv")])
    assert s["outer"]["strict"]["f1"] == 1.0 and s["inner"]["strict"]["recall"] == 0.0
    assert s["union"]["strict"]["recall"] == 0.5 and s["union"]["strict"]["precision"] == 1.0


def test_linking_accuracy_and_end_to_end():
    gold = [((0, 1), "CITY", "GeoNames:1"), ((3, 4), "CITY", "GeoNames:2"), ((5, 6), "GPE", "ISO3166:LV")]
    scorer = Scorer(("linking",))
    scorer.add(SentenceRecord("s-0", "s", "lv", 0, 0, 0, [], ["O"] * 6, ["O"] * 6, norms=gold),
               Prediction("s-0", ["B-CITY", "O", "O", "B-CITY", "O", "B-ORG"],
                          norm=[((0, 1), "GeoNames:1"), ((3, 4), "GeoNames:9"), ((5, 6), "ISO3166:LV")]))
    s = scorer.results(10).extra["linking"]
    assert scorer.table("linking_f1").tolist() == [[1, 3, 3]]  # the ORG with an id is a predicted link of the wrong type
    assert s["found"] == 2 and s["accuracy"] == 0.5
    assert s["per_type"]["CITY"]["accuracy"] == 0.5 and s["per_type"]["GPE"]["found"] == 0
    assert s["per_language"]["lv"]["end_to_end"]["f1"] == pytest.approx(1 / 3)
    assert s["predicted"] is True


def test_linking_reads_mentions_of_both_levels():
    gold = [((1, 2), "CITY", "GeoNames:1")]
    scorer = Scorer(("linking",))
    scorer.add(SentenceRecord("s-0", "s", "lv", 0, 0, 0, [], ["O"] * 3, ["O"] * 3, norms=gold),
               Prediction("s-0", ["B-ORG", "I-ORG", "O"], ["O", "B-CITY", "O"], norm=[((1, 2), "GeoNames:1")]))
    s = scorer.results(10).extra["linking"]
    assert s["end_to_end"]["f1"] == 1.0 and s["found"] == 1


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
    assert set(d["secondary"]) == {"entity_partial_f1", "linking_f1", "trigger_overlap_f1", "string_f1"}
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
           for r in read_results(root / "results") if r.task == "e2e"]  # results written before the blocks existed
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


def _benchmark_gold_as_records() -> list[dict]:
    """The benchmark's gold as records of the predictions format, with their links (norm)."""
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.formats.records import record_to_prediction_json

    return [{**record_to_prediction_json(r), "language": r.language,
             "norm": [{"span": list(span), "id": ident} for span, _, ident in r.norms]}
            for r in load_benchmark().records.values()]


def test_user_gold_keeps_its_links():
    import citydiplo

    gold = _benchmark_gold_as_records()
    assert any(g["norm"] for g in gold)
    r = citydiplo.score(gold, gold=gold, samples=100)
    assert r.figure("linking_f1") == 1.0 and r.extra["linking"]["found"] > 0
    without_ids = [{k: v for k, v in g.items() if k != "norm"} for g in gold]
    r = citydiplo.score(without_ids, gold=gold, samples=100)
    assert r.figure("linking_f1") == 0.0 and r.extra["linking"]["accuracy"] == 0.0 and r.extra["linking"]["found"] > 0


def test_a_gold_link_must_sit_on_a_gold_entity():
    import citydiplo
    from citydiplo.errors import InputError

    gold = [{"id": "s1", "ner_tags": ["B-CITY", "O"], "norm": [{"span": [1, 2], "id": "GeoNames:1"}]}]
    with pytest.raises(InputError, match=r"norm\[0\]\.span \[1, 2\] is not an entity"):
        citydiplo.score([{"id": "s1", "ner_tags": ["B-CITY", "O"]}], gold=gold)


def test_blocks_choose_the_secondary_blocks_and_change_no_other_figure():
    import citydiplo

    gold = _benchmark_gold_as_records()
    preds = [{"id": g["id"], "ner_tags": g["ner_tags"][::-1], "events": g["events"][:1]} for g in gold]
    every = citydiplo.score(preds, gold=gold, samples=100)
    assert {"partial", "linking", "trigger_overlap", "secondary"} <= set(every.extra)
    only = citydiplo.score(preds, gold=gold, samples=100, blocks=["linking"])
    assert "linking" in only.extra and "partial" not in only.extra and "trigger_overlap" not in only.extra
    assert set(only.extra["secondary"]) == {"linking_f1"}
    assert only.extra["secondary"]["linking_f1"] == every.extra["secondary"]["linking_f1"]
    none = citydiplo.score(preds, gold=gold, samples=100, blocks=())
    assert not {"partial", "linking", "trigger_overlap", "secondary"} & set(none.extra)
    for r in (only, none):
        assert r.headline == every.headline and r.entities == every.entities and r.events == every.events
    with pytest.raises(ValueError, match="unknown block 'linkng'; did you mean 'linking'"):
        citydiplo.score(preds, gold=gold, blocks=["linkng"])


class _Realis:
    """A toy extension: realis of exact triggers as an F1 row per sentence."""

    name = "toy_realis"

    def __init__(self) -> None:
        self.table: list[tuple[int, int, int]] = []

    def add(self, gold, pred) -> None:
        g = {(e.trigger, e.type, e.realis) for e in gold.events}
        p = {(e.trigger, e.type, e.realis) for e in pred.events or []}
        self.table.append((len(g & p), len(p), len(g)))

    def rows(self):
        import numpy as np

        return {"toy_realis_f1": np.array(self.table, dtype=np.int64).reshape(-1, 3)}

    def block(self, intervals):
        return {"ci95": list(intervals["toy_realis_f1"])}


def test_an_extension_is_resampled_with_the_same_draws():
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.scoring.scorer import score

    gold = load_benchmark().records
    preds = [Prediction(sid, events=[TokenEvent(e.type, e.trigger, "OTHER") for e in r.events][: len(r.events) // 2 + 1])
             for sid, r in gold.items()]
    ext = _Realis()
    scorer = score(gold, preds, extensions=[ext])
    results = scorer.results(200, seed=7)
    rows = ext.rows()["toy_realis_f1"]
    assert len(rows) == len(gold) and rows[:, 1].sum() > 0
    assert results.extra["toy_realis"]["ci95"] == list(confidence_interval(rows, 200, 7))
    assert results.headline["trigger_classification_f1"].ci95 == confidence_interval(
        scorer.table("trigger_classification_f1"), 200, 7)


def test_the_string_track_is_an_extension_resampled_in_the_one_bootstrap():
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.scoring.bootstrap import intervals_by_group
    from citydiplo.scoring.scorer import score

    gold = load_benchmark().records
    preds = [Prediction(sid, ner_tags=r.ner_tags[::-1], events=list(r.events)[:1]) for sid, r in gold.items()]
    scorer = score(gold, preds)
    results = scorer.results(200, seed=3)
    rows = scorer.rows["string_f1"]
    assert len(rows) == len(gold) and rows[:, 2].sum() > 0
    sec = results.extra["secondary"]["string_f1"]
    assert sec["f1"] == results.extra["string_track"]["micro"]["f1"]
    assert tuple(sec["ci95"]) == confidence_interval(rows, 200, 3)
    languages = [r.language for r in gold.values()]
    expected = intervals_by_group({k: scorer.table(k) for k in results.headline}, languages, 200, 3)
    assert results.language_ci95 == expected and set(expected["entity_f1"]) == set(languages)
    headline_only = score(gold, preds, blocks=()).results(200, seed=3)
    assert "string_track" not in headline_only.extra and headline_only.language_ci95 == results.language_ci95


def _overlap_side(n):
    span = st.integers(0, n - 1).flatmap(lambda a: st.integers(a, n).map(lambda b: (a, b)))  # empty spans too
    return st.lists(st.builds(TokenEvent, st.sampled_from(("MEET", "AID", "VISIT")), span, st.just("ACTUAL")), max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.sampled_from(("lv", "ru", "uk")), st.data()), min_size=1, max_size=8))
def test_trigger_overlap_counted_at_once_equals_it_sentence_by_sentence(sentences):
    """``table_counts`` (array operations where each side has at most one distinct trigger,
    ``match`` elsewhere) gives the per-sentence rows and the summary (per language and all)
    that ``OverlapAccumulator.add`` of each sentence gives (duplicates, overlaps, exact pairs
    first, empty spans, sentences without events)."""
    import numpy as np

    from citydiplo.scoring.events import EventTable
    from citydiplo.scoring.trigger_overlap import OverlapAccumulator, table_counts

    table, reference, rows, languages = EventTable(), OverlapAccumulator(), [], []
    names: dict[str, int] = {}
    for i, (n, lang, data) in enumerate(sentences):
        gold, pred = data.draw(_overlap_side(n)), data.draw(_overlap_side(n))
        languages.append(names.setdefault(lang, len(names)))
        if gold or pred:
            table.add(i, gold, pred)
        rows.append(list(reference.add(gold, pred, lang)))
    reference.languages(list(names))
    acc, got = table_counts(table, np.array(languages, dtype=np.intp), list(names), len(sentences))
    assert got.tolist() == rows
    assert acc.summary() == reference.summary()
