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


# --- the one-pass reader against seqeval, bit for bit -------------------------------

from seqeval.metrics import f1_score  # noqa: E402
from seqeval.metrics.sequence_labeling import get_entities  # noqa: E402
from seqeval.scheme import Entities  # noqa: E402

from citydiplo.formats.predictions import Prediction  # noqa: E402
from citydiplo.formats.records import SentenceRecord  # noqa: E402
from citydiplo.scoring.counts import f1  # noqa: E402
from citydiplo.scoring.entities import TagCodes, TagStream, chunks, read_chunks, sentence_entities  # noqa: E402
from citydiplo.scoring.scorer import Scorer  # noqa: E402

many_tags = st.sampled_from(["O", "O", "O", "B-PER", "I-PER", "B-CITY", "I-CITY", "B-ORG", "I-ORG",
                             "B-GPE", "I-GPE", "B-DATE", "I-DATE", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
                             "B-EVENT", "I-EVENT"])
# tags outside plain IOB2: other schemes' prefixes and types seqeval's two readers name differently
odd_tags = st.sampled_from(["O", "B-PER", "I-PER", "E-PER", "S-PER", "B-X-", "I-X-", "B--Y", "B-", "I-"])


def seqeval_sets(tags: list[str], mode: str) -> set:
    if mode == "strict":
        return {(e.tag, e.start, e.end - 1) for e in Entities([tags], IOB2).entities[0]}
    return set(get_entities(tags))


@settings(max_examples=300, deadline=None)
@given(st.lists(many_tags, max_size=30))
def test_one_pass_reads_both_modes_as_seqeval(tags):
    found = chunks(tags)
    assert {(t, a, b) for t, a, b, _ in found} == seqeval_sets(tags, "default")
    assert {(t, a, b) for t, a, b, strict in found if strict} == seqeval_sets(tags, "strict")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(many_tags, max_size=12), min_size=1, max_size=8))
def test_chunks_of_all_sentences_at_once_equal_the_one_pass_reader(sentences):
    """``read_chunks`` over the coded tags of many sentences (empty ones too) finds exactly
    the chunks ``chunks`` finds sentence by sentence, none across a sentence boundary."""
    codes = TagCodes()
    stream = TagStream(codes)
    for s in sentences:
        stream.extend(s, len(s))
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sentences])])
    found = read_chunks(stream.array(), offsets)
    got = [(int(k), codes.types[t], int(a - offsets[k]), int(b - offsets[k] - 1), bool(strict))
           for k, a, b, t, strict in zip(found.sentence, found.start, found.end, found.type, found.strict)]
    assert got == [(k, *c) for k, s in enumerate(sentences) for c in chunks(s)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(many_tags, max_size=12), min_size=1, max_size=8), st.integers(1, 9))
def test_a_tag_stream_keeps_every_tag_across_its_blocks(sentences, block):
    """A stream coded a few tags at a time (``BLOCK``) keeps its tags other than ``O`` with
    their positions: every tag read back, and the same chunks as ``read_chunks`` of all of them."""
    codes = TagCodes()
    stream = TagStream(codes)
    stream.BLOCK = block
    for s in sentences:
        stream.extend(s, len(s))
    stream.extend(None, 3)
    every = [t for s in sentences for t in s] + ["O"] * 3
    assert stream.array().tolist() == [codes.code[t] for t in every]
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sentences]), [len(every)]])
    found, expected = stream.chunks(offsets), read_chunks(stream.array(), offsets)
    for field in ("start", "end", "type", "strict", "sentence"):
        assert getattr(found, field).dtype == getattr(expected, field).dtype
        assert getattr(found, field).tolist() == getattr(expected, field).tolist()


def test_the_tag_codes_refuse_a_tag_outside_iob2():
    stream = TagStream(TagCodes())
    stream.extend(["O", "S-PER"], 2)
    with pytest.raises(ValueError, match="'S-PER' is not an IOB2 tag"):
        stream.array()


@settings(max_examples=100, deadline=None)
@given(st.lists(odd_tags, max_size=12))
def test_tags_outside_iob2_are_read_by_seqeval_itself(tags):
    for mode in ("strict", "default"):
        try:
            expected = seqeval_sets(list(tags), mode)
        except Exception:  # seqeval's strict reader rejects some schemes' prefixes
            continue
        assert sentence_entities(tags, mode) == expected


def _sentence(k: int, outer: list[str], inner: list[str] | None = None, language: str = "lv") -> SentenceRecord:
    return SentenceRecord(f"s-{k}", "s", language, k, 0, 0, [], outer, inner or ["O"] * len(outer))


def scored(gold: list[list[str]], pred: list[list[str] | None], langs: list[str] | None = None,
           inner: tuple[list[list[str]], list[list[str] | None]] | None = None) -> Scorer:
    """A headline-only scorer fed outer (and optionally inner) tag lists."""
    scorer = Scorer(blocks=())
    for k, (g, p) in enumerate(zip(gold, pred)):
        gi, pi = (inner[0][k], inner[1][k]) if inner else (None, None)
        scorer.add(_sentence(k, g, gi, langs[k] if langs else "lv"), Prediction(f"s-{k}", p, pi))
    return scorer


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(many_tags, max_size=15), min_size=1, max_size=10), st.data())
def test_entities_are_bit_identical_to_seqeval_per_language_on_both_levels(gold, data):
    """Counts, P, R and F1 (micro, macro, per type) exactly equal to classification_report,
    overall and per language, on both levels, and the headline rows sum to seqeval's strict
    f1_score."""
    def draw_pred(g):
        return data.draw(st.one_of(st.just(g), st.lists(many_tags, min_size=len(g), max_size=len(g))))

    pred = [draw_pred(g) for g in gold]
    gold_inner = [data.draw(st.lists(many_tags, min_size=len(g), max_size=len(g))) for g in gold]
    pred_inner = [draw_pred(g) for g in gold_inner]
    langs = [data.draw(st.sampled_from(["lv", "ru"])) for _ in gold]
    scorer = scored(gold, pred, langs, (gold_inner, pred_inner))
    rows = scorer.table("entity_f1")
    entities = scorer.results(samples=10).entities
    groups = {"all": list(range(len(gold))), **{lang: [i for i, x in enumerate(langs) if x == lang] for lang in set(langs)}}
    for level, (gl, pl) in (("outer", (gold, pred)), ("inner", (gold_inner, pred_inner))):
        block = entities[level]
        for mode, kwargs in (("default", {}), ("strict", {"mode": "strict", "scheme": IOB2})):
            for group, idx in groups.items():
                ours = block[mode] if group == "all" else block[mode]["per_language"][group]
                g, p = [gl[i] for i in idx], [pl[i] for i in idx]
                if not ours["per_type"]:
                    assert all(not seqeval_sets(s, mode) for s in g + p)
                    continue
                theirs = classification_report(g, p, output_dict=True, zero_division=0, **kwargs)
                for key in ("precision", "recall", "f1"):
                    assert ours["micro"][key] == theirs["micro avg"][key.replace("f1", "f1-score")]
                    assert ours["macro"][key] == theirs["macro avg"][key.replace("f1", "f1-score")]
                assert set(ours["per_type"]) == set(theirs) - {"micro avg", "macro avg", "weighted avg"}
                for t, c in ours["per_type"].items():
                    assert (c["precision"], c["recall"], c["f1"], c["gold"]) == (
                        theirs[t]["precision"], theirs[t]["recall"], theirs[t]["f1-score"], theirs[t]["support"]), (mode, t)
    tp, npred, ngold = rows.sum(axis=0)
    assert (tp, npred, ngold) == tuple(entities["outer"]["strict"]["micro"][k] for k in ("tp", "pred", "gold"))
    assert len(rows) == len(gold)
    if npred + ngold:
        assert f1(tp, npred, ngold) == f1_score(gold, pred, mode="strict", scheme=IOB2, zero_division=0)
    orphans = sum(1 for tags in pred + pred_inner for c in chunks(tags) if not c[3])
    assert entities["orphan_i_tags"] == orphans


def test_orphan_i_tags_are_counted_on_both_levels():
    scorer = scored([["B-CITY", "O"]], [["I-CITY", "O"]], inner=([["O", "B-ORG"]], [["O", "I-ORG"]]))
    entities = scorer.results(samples=10).entities
    assert entities["orphan_i_tags"] == 2
    assert entities["inner"]["default"]["micro"]["f1"] == 1.0 and entities["inner"]["strict"]["micro"]["f1"] == 0.0


def test_a_missing_prediction_counts_as_all_o_and_every_language_is_seen():
    scorer = scored([["B-CITY", "I-CITY", "O"], ["O", "O"], ["B-CITY", "O"]], [None, ["O", "O"], ["B-CITY", "O"]],
                    ["lv", "fa", "lv"])
    assert scorer.table("entity_f1").tolist() == [[0, 0, 1], [0, 0, 0], [1, 1, 1]]
    block = scorer.results(samples=10).entities["outer"]
    assert sorted(block["strict"]["per_language"]) == ["fa", "lv"]
    assert block["strict"]["per_language"]["fa"]["micro"]["f1"] == 0.0
    assert block["strict"]["micro"]["recall"] == 0.5


def test_f1_is_computed_as_seqeval_computes_it():
    # 1 correct of 1 predicted, 5 in gold: 2TP/(pred+gold) and 2PR/(P+R) differ in the last
    # bit; seqeval (and so the benchmark) gives the latter
    gold = [["B-CITY", "O", "B-CITY", "O", "B-CITY", "O", "B-CITY", "O", "B-CITY"]]
    pred = [["B-CITY", "O", "O", "O", "O", "O", "O", "O", "O"]]
    assert 2 * 1 / (1 + 5) != f1(1, 1, 5)
    assert f1(1, 1, 5) == f1_score(gold, pred, mode="strict", scheme=IOB2)
    entities = scored(gold, pred).results(samples=10).entities
    assert entities["outer"]["strict"]["micro"]["f1"] == f1_score(gold, pred, mode="strict", scheme=IOB2)
    assert entities["outer"]["default"]["micro"]["f1"] == f1_score(gold, pred)


def _naive_interval(rows: np.ndarray, draws: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    f1s = [f1(*rows[d].sum(axis=0)) for d in draws]
    alpha = (1 - level) / 2
    return float(np.quantile(f1s, alpha)), float(np.quantile(f1s, 1 - alpha))


def test_vectorised_bootstrap_equals_resampling_one_at_a_time(monkeypatch):
    """Blocks of resamples (several blocks here) give exactly the intervals of summing each
    resample's rows one by one with ``counts.f1``, for the same draws."""
    from citydiplo.scoring import bootstrap

    monkeypatch.setattr(bootstrap, "BLOCK_CELLS", 7 * 200)  # blocks of 7 resamples
    rng = np.random.default_rng(3)
    tables = {k: np.stack([rng.integers(0, 2, 200), rng.integers(0, 4, 200), rng.integers(0, 4, 200)], axis=1)
              for k in ("a", "b")}
    for t in tables.values():
        t[:, 0] = np.minimum(t[:, 0], np.minimum(t[:, 1], t[:, 2]))
    draws = np.random.default_rng(9).integers(0, 200, size=(300, 200), dtype=np.int32)
    together = bootstrap.confidence_intervals(tables, samples=300, seed=9)
    for k, t in tables.items():
        assert together[k] == _naive_interval(t, draws) == confidence_interval(t, samples=300, seed=9)


def test_scorer_skips_sentences_without_events_exactly():
    """Sentences with no events or relations on either side add nothing to the event
    figures but still count (zero rows for the bootstrap, their language reported)."""
    from citydiplo.formats.predictions import Prediction
    from citydiplo.formats.records import SentenceRecord
    from citydiplo.formats.tokens import Token
    from citydiplo.scoring.scorer import Scorer

    def rec(sid, lang, events):
        return SentenceRecord(sid, sid[:6], lang, 0, 0, 0, [Token(f"w{i}", 3 * i, 3 * i + 2) for i in range(4)],
                              ["O"] * 4, ["O"] * 4, events)

    sentences = [(rec("000-lv-000", "lv", [ev("MEET", (0, 1))]), Prediction("000-lv-000", events=[ev("MEET", (0, 1))])),
                 (rec("000-lv-001", "lv", []), Prediction("000-lv-001")),
                 (rec("001-ru-000", "ru", []), Prediction("001-ru-000", events=[])),
                 (rec("001-ru-001", "ru", []), Prediction("001-ru-001", events=[ev("AID", (2, 3))]))]
    scorer = Scorer()
    reference = EventAccumulator()
    for gold, pred in sentences:
        scorer.add(gold, pred)
        reference.add(score_sentence(gold.events, pred.events or []))
    results = scorer.results(samples=100)
    assert results.events["trigger_classification"] == reference.summary()["trigger_classification"]
    assert sorted(results.events["per_language"]) == ["lv", "ru"]
    assert scorer.table("trigger_classification_f1").tolist() == [[1, 1, 1], [0, 0, 0], [0, 0, 0], [0, 1, 0]]


def test_every_bootstrap_row_has_one_entry_per_sentence():
    """Each metric keeps one count row per scored sentence, whatever shortcut a sentence took
    (a sentence without events on either side skips the event scorer, not the other rows)."""
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.formats.predictions import Prediction
    from citydiplo.scoring.scorer import score

    gold = load_benchmark()
    scorer = score(gold.records, (Prediction(sid) for sid in gold.records))
    assert {key: len(scorer.table(key)) for key in scorer.rows} == dict.fromkeys(scorer.rows, len(gold.records))


spans = st.tuples(st.integers(0, 3), st.integers(1, 2)).map(lambda p: (p[0], p[0] + p[1]))
events = st.builds(ev, st.sampled_from(["MEET", "AID"]), spans, st.sampled_from(["ACTUAL", "OTHER", None]),
                   st.lists(st.tuples(st.sampled_from(["Time", "Place"]), spans), max_size=2))
relations = st.builds(TokenRelation, st.just("PARTNER_OF"), spans, spans, st.sampled_from([None, "ESTABLISHED"]))
event_sentence = st.tuples(st.lists(events, max_size=3), st.lists(events, max_size=3), st.lists(relations, max_size=2),
                           st.lists(relations, max_size=2), st.integers(0, 2))


@settings(max_examples=200, deadline=None)
@given(st.lists(event_sentence, min_size=1, max_size=8))
def test_event_table_counts_every_sentence_at_once_as_score_sentence(sentences):
    """``EventTable``'s counts, per sentence and per group (every metric, per type, realis),
    equal ``score_sentence`` summed sentence by sentence (duplicates, repeated triggers with
    another realis, relations in either order, sentences with nothing on one side)."""
    from citydiplo.scoring.events import METRICS, EventTable, sentence_rows

    table = EventTable()
    reference = [EventAccumulator() for _ in range(3)]
    rows = {m: [] for m in METRICS}
    for i, (g_ev, p_ev, g_rel, p_rel, group) in enumerate(sentences):
        table.add(i, g_ev, p_ev, g_rel, p_rel)
        s = score_sentence(g_ev, p_ev, g_rel, p_rel)
        reference[group].add(s)
        for m in METRICS:
            rows[m].append(list(s.counts[m]))
    found = table.matches()
    n = len(sentences)
    assert {m: r.tolist() for m, r in sentence_rows(found, METRICS, n).items()} == rows
    groups = np.array([s[4] for s in sentences], dtype=np.intp)
    assert [a.summary() for a in found.accumulators(groups, 3)] == [a.summary() for a in reference]


_column = st.one_of(st.integers(0, 40), st.integers(-5, 5), st.integers(0, 2**61), st.integers(-2**62, 2**62))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.tuples(*[_column] * k), min_size=1, max_size=40)))
def test_row_keys_are_equal_and_ordered_exactly_as_the_rows(rows):
    """Keys equal for equal rows only, and sorted as the rows sort (column by column),
    whatever the values: small, negative, or so large that the radix must be renumbered."""
    from citydiplo.scoring.keyed import row_keys

    keys = row_keys([np.array(col, dtype=np.int64) for col in zip(*rows)]).tolist()
    for a, b in zip(range(len(rows)), range(1, len(rows))):
        for i, j in ((a, b), (b, a), (0, b)):
            assert (keys[i] == keys[j]) == (rows[i] == rows[j])
            assert (keys[i] < keys[j]) == (rows[i] < rows[j])
