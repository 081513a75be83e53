"""The string track (normaliser, multiset F1, the perfect string answer scoring 100), the
four tasks, and realis scored the TAC-KBP way."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import citydiplo
from citydiplo.cli import main
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.evaluation.gold_output import gold_prediction_files
from citydiplo.evaluation.training import run_model
from citydiplo.formats.string_tuples import StringTuples, normalise
from citydiplo.scoring.string_track import StringAccumulator, match
from llm_server import ChatServer, Reply, last_user_text


@pytest.mark.parametrize("a, b", [
    ("Rīga", "RĪGA"),
    ("«Daugavpils»,", "daugavpils"),
    ("  Хэйхэ  ", "хэйхэ"),
    ("Sahalīnas\n  apgabala", "sahalīnas apgabala"),
    ("Straße", "STRASSE"),  # casefold, not lower
    ("e\u0301", "\u00e9"),  # NFC
    ("علي", "علی"),  # Arabic yeh -> Persian yeh
    ("كرمان", "کرمان"),  # Arabic kaf -> keheh
    ("تهـران", "تهران"),  # tatweel
    ("می\u200cشود", "می\u200c\u200cشود"),  # one ZWNJ per run
    ("\u200cشهر\u200c", "شهر"),  # ZWNJ at the edges
    ("می \u200cشود", "می شود"),  # ZWNJ beside a space
])
def test_normalise_equates(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("a, b", [
    ("Rīga", "Riga"),  # no transliteration or accent stripping
    ("Rīgas", "Rīga"),  # no stemming
    ("می\u200cشود", "میشود"),  # ZWNJ inside a word is kept
    ("Ho Chi Minh", "HoChiMinh"),  # inner space kept (collapsed, not removed)
])
def test_normalise_keeps_apart(a, b):
    assert normalise(a) != normalise(b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_normalise_is_idempotent_and_ignores_case_and_surrounding_punctuation(s):
    n = normalise(s)
    assert normalise(n) == n
    assert normalise(f' «{s}», ') == n
    assert normalise(s.casefold()) == n
    assert n == n.strip()


def _tuples(entities=(), triggers=(), arguments=(), relations=()):
    t = StringTuples()
    for etype, text in entities:
        t.add_entity(etype, text)
    for etype, trig, args in triggers:
        t.add_event(etype, trig, args)
    for a1, a2, status in relations:
        t.add_relation(a1, a2, status)
    return t


def test_multiset_f1_counts_repeats_and_ignores_order_of_relation_ends():
    gold = _tuples(entities=[("CITY", "Rīga"), ("CITY", "Rīga"), ("GPE", "Latvija")],
                   triggers=[("MEET", "tikās", [("Participant", "Rīga")])],
                   relations=[("Rīga", "Harbina", "ESTABLISHED")])
    pred = _tuples(entities=[("CITY", "rīga"), ("CITY", "Rīga"), ("CITY", "Rīga"), ("CITY", "Latvija")],
                   triggers=[("MEET", "Tikās", [("Participant", "Rīga"), ("Time", "vakar")])],
                   relations=[("harbina", "rīga", "ESTABLISHED")])
    counts = match(gold, pred)
    ent = counts["entity"]
    assert (ent["CITY"].tp, ent["CITY"].pred, ent["CITY"].gold) == (2, 4, 2)  # the third Rīga is one too many
    assert (ent["GPE"].tp, ent["GPE"].pred, ent["GPE"].gold) == (0, 0, 1)
    assert counts["trigger"]["MEET"].tp == 1
    assert (counts["argument"]["MEET"].tp, counts["argument"]["MEET"].pred) == (1, 2)
    assert counts["relation"]["ESTABLISHED"].tp == 1
    acc = StringAccumulator()
    assert acc.add(gold, pred, "lv") == (5, 8, 6)
    summary = acc.summary()
    assert summary["micro"]["tp"] == 5 and summary["per_language"]["lv"]["entity"]["gold"] == 3


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["CITY", "ORG"]), st.sampled_from(["Rīga", "rīga", "Kyiv", "Київ"])),
                max_size=8),
       st.lists(st.tuples(st.sampled_from(["CITY", "ORG"]), st.sampled_from(["Rīga", "Kyiv", "Київ", "x"])),
                max_size=8))
def test_multiset_counts_equal_a_counter_intersection(gold_items, pred_items):
    counts = match(_tuples(entities=gold_items), _tuples(entities=pred_items), ("entity",))["entity"]
    key = lambda items: Counter((t, normalise(s)) for t, s in items)  # noqa: E731
    assert sum(c.tp for c in counts.values()) == sum((key(gold_items) & key(pred_items)).values())
    assert sum(c.pred for c in counts.values()) == len(pred_items)


_WORDS = ("Rīga", "RĪGA", "rīga,", "Kyiv", "Київ", "«Київ»", "and", "-", "")


@st.composite
def _tagged(draw, length, types):
    tags = ["O"] * length
    for i in range(length):
        kind = draw(st.sampled_from(("O", "O", "B", "I")))
        if kind != "O":
            tags[i] = f"{kind}-{draw(st.sampled_from(types))}"
    return tags


@st.composite
def _user_sentences(draw):
    types = list(load_benchmark().inventory.ner_types[:3])
    out = []
    for k in range(draw(st.integers(1, 6))):
        n = draw(st.integers(1, 8))
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=n, max_size=n))
        tags = [draw(_tagged(n, types)) for _ in range(4)]
        out.append((f"s{k}", draw(st.sampled_from(("lv", "uk"))), words, tags))
    return out


@pytest.mark.parametrize("block", [None, 1])
@settings(max_examples=60, deadline=None)
@given(_user_sentences())
def test_the_entity_layer_counted_from_the_chunks_equals_it_sentence_by_sentence(block, sentences):
    """The scorer counts the string track's entity layer from its chunk arrays, for all
    sentences at once (or a block of about ``block`` chunks at a time); the figures equal
    ``from_tokens`` and ``match`` sentence by sentence (repeated texts, texts equal once
    normalised, orphan ``I-`` tags, both levels)."""
    from citydiplo.formats.tokens import Words
    from citydiplo.scoring import string_track
    from citydiplo.scoring.string_track import from_tokens

    gold = [{"id": sid, "language": lang, "tokens": words, "ner_tags": t[0], "ner_tags_inner": t[1]}
            for sid, lang, words, t in sentences]
    preds = [{"id": sid, "ner_tags": t[2], "ner_tags_inner": t[3]} for sid, _, _, t in sentences]
    with pytest.MonkeyPatch.context() as mp:
        if block is not None:
            mp.setattr(string_track, "_SPANS", block)
        results = citydiplo.score(preds, gold=gold, blocks=("string_track",), samples=100)
    reference = StringAccumulator()
    for sid, lang, words, t in sentences:
        reference.add(from_tokens(Words(words), t[0], t[1], (), ()), from_tokens(Words(words), t[2], t[3], (), ()), lang)
    assert results.extra["string_track"] == reference.summary()


@pytest.mark.parametrize("granularity", ["document", "sentence"])
def test_gold_strings_without_hints_score_100_on_every_string_figure(root, granularity):
    text = gold_prediction_files(root, "strings", hints=False, granularity=granularity)[""]
    records = [json.loads(line) for line in text.splitlines()]
    assert all("occurrence" not in json.dumps(r) for r in records)
    results = citydiplo.score(records, root=root, samples=100)
    track = results.extra["string_track"]
    assert results.figure("string_f1") == 1.0 and results.secondary("string_f1").ci95 == (1.0, 1.0)
    assert track["units"] == ({"document": 5} if granularity == "document" else {"sentence": 74})
    for layer in ("entity", "trigger", "argument", "relation"):
        assert track[layer]["gold"] > 0 and track[layer]["f1"] == 1.0, layer
        assert all(c["f1"] == 1.0 for c in track[layer]["per_type"].values())
    assert all(b["micro"]["f1"] == 1.0 for b in track["per_language"].values())
    # the span track goes through the resolution rule, and loses on the same answer
    assert results.figure("relation_f1") < 1.0


def test_a_wrong_string_answer_is_not_100(root):
    text = gold_prediction_files(root, "strings", hints=False)[""]
    records = [json.loads(line) for line in text.splitlines()]
    records[0]["entities"] = records[0]["entities"][1:]
    records[1]["events"] = records[1]["events"][1:]
    results = citydiplo.score(records, root=root, samples=100)
    track = results.extra["string_track"]
    assert track["entity"]["recall"] < 1.0 and track["entity"]["precision"] == 1.0
    assert track["trigger"]["recall"] < 1.0 and results.figure("string_f1") < 1.0


@pytest.mark.parametrize("fmt", ["tokens", "chars", "brat", "strings"])
def test_every_input_format_gets_the_string_track(root, tmp_path, fmt):
    """Spans of any format are read back as their surface text: the gold in each format
    scores 100 on the string track, in sentence units."""
    out = tmp_path / ("gold" if fmt == "brat" else "gold.jsonl")
    if fmt == "brat":
        out.mkdir()
    for name, content in gold_prediction_files(root, fmt).items():
        (out / name if name else out).write_text(content, encoding="utf-8")
    results = citydiplo.evaluate(str(out), root=root, samples=100)
    units = {"document": 5} if fmt == "strings" else {"sentence": 74}
    assert results.figure("string_f1") == 1.0 and results.extra["string_track"]["units"] == units


def test_gold_predictions_cli_writes_sentence_records_without_hints(root, tmp_path):
    out = tmp_path / "g.jsonl"
    result = CliRunner().invoke(main, ["gold-predictions", "--format", "strings", "--no-hints", "--granularity",
                                       "sentence", "--out", str(out), "--root", str(root)])
    assert result.exit_code == 0, result.output
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["id"].endswith("-001") and "doc_id" not in first
    bad = CliRunner().invoke(main, ["gold-predictions", "--format", "tokens", "--no-hints", "--out",
                                    str(tmp_path / "t.jsonl"), "--root", str(root)])
    assert bad.exit_code == 2 and "strings format only" in bad.output


def test_realis_is_scored_as_evmeval_does(root):
    records = [json.loads(line) for line in gold_prediction_files(root, "tokens")[""].splitlines()]
    perfect = citydiplo.score(records, root=root, samples=100)
    for m in ("trigger_realis", "trigger_classification_realis"):
        assert perfect.events[m]["f1"] == 1.0 and perfect.events[m]["macro"]["f1"] == 1.0
        assert perfect.events[m]["macro"]["documents"] == 5
    flipped = [dict(r, events=[dict(e, realis="FUTURE" if e["realis"] != "FUTURE" else "ACTUAL")
                               for e in r.get("events", [])]) for r in records]
    wrong = citydiplo.score(flipped, root=root, samples=100)
    assert wrong.events["trigger_classification"]["f1"] == 1.0
    assert wrong.events["trigger_realis"]["f1"] == 0.0 and wrong.events["trigger_classification_realis"]["f1"] == 0.0


def test_eae_documents_carry_the_gold_triggers_and_no_other_gold(root):
    gold = load_benchmark(root).require_documents()
    seen = []
    list(run_model(lambda docs: seen.extend(docs) or [], gold.documents, task="eae"))
    for doc, full in zip(seen, gold.documents):
        assert doc.task == "eae" and not doc.entities and not doc.relations
        assert [(e.type, e.start, e.end) for e in doc.events] == [(e.type, e.start, e.end) for e in full.events]
        assert all(e.realis is None and not e.arguments for e in doc.events)
    seen.clear()
    list(run_model(lambda docs: seen.extend(docs) or [], gold.documents, task="ner"))
    assert all(d.task == "ner" and not d.events for d in seen)


def test_every_task_scores_only_its_layers(root):
    records = [json.loads(line) for line in gold_prediction_files(root, "tokens")[""].splitlines()]
    path = None
    for task, headline in (("ner", ["entity_f1"]), ("ed", ["trigger_classification_f1"]),
                           ("eae", ["argument_classification_f1"])):
        from citydiplo.formats.predictions import check_stream
        from citydiplo.scoring.scorer import score

        gold = load_benchmark(root).require_documents()
        scorer = score(gold.records, check_stream(enumerate(records, 1), gold.shapes, gold.inventory, "<p>"), task=task)
        results = scorer.results(20)
        assert list(results.headline) == headline and results.task == task
        assert all(h.f1 == 1.0 for h in results.headline.values())
        assert results.extra["string_track"]["layers_in_scope"] == {"ner": ["entity"], "ed": ["trigger"],
                                                                      "eae": ["argument"]}[task]
        if task != "ner":
            assert results.entities["outer"]["strict"]["micro"]["tp"] == 0  # not counted, not missed
            assert results.events["relation"]["gold"] == 0
    assert path is None


def test_gazetteer_runs_every_task_and_does_better_on_arguments_given_the_triggers(root):
    figures = {t: citydiplo.evaluate("gazetteer", root=root, samples=100, task=t) for t in ("ner", "ed", "eae", "e2e")}
    assert {t: r.task for t, r in figures.items()} == {t: t for t in figures}
    assert figures["ner"].figure("entity_f1") == figures["e2e"].figure("entity_f1")
    assert figures["ed"].figure("trigger_classification_f1") == figures["e2e"].figure("trigger_classification_f1")
    assert figures["eae"].events["trigger_classification"]["f1"] == 1.0  # every given trigger answered
    assert figures["eae"].figure("argument_classification_f1") > figures["e2e"].figure("argument_classification_f1")
    assert figures["ner"].predicted_fields == ("ner_tags", "ner_tags_inner")


def test_an_unknown_task_is_a_usage_error(root):
    result = CliRunner().invoke(main, ["evaluate", "gazetteer", "--task", "srl", "--root", str(root)])
    assert result.exit_code == 2 and "srl" in result.output


def _echo_given_triggers(req, n):
    """An LLM that answers every eae request with the triggers it was given, no arguments."""
    given = json.loads(last_user_text(req).rsplit("reading order):", 1)[1])
    return Reply(json.dumps({"events": [{**g, "realis": "ACTUAL", "arguments": []} for g in given]}))


def test_the_llm_harness_sends_the_task_prompt_and_places_answers_on_the_given_triggers(root, tmp_path):
    with ChatServer(_echo_given_triggers) as server:
        results = citydiplo.evaluate("llm:echo", root=root, samples=100, task="eae", base_url=server.base_url,
                                     cache=False)
        system = server.requests[0]["messages"][0]["content"]
    assert "arguments of given city-diplomacy events" in system
    assert results.task == "eae" and results.extra["llm"]["task"] == "eae"
    assert results.extra["llm"]["prompt_version"] == "v1-eae"
    assert results.events["trigger_classification"]["f1"] == 1.0 and results.extra["eae"]["dropped_events"] == 0
    with ChatServer(lambda req, n: Reply(json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY"}]}))) as server:
        ner = citydiplo.evaluate("llm:ner", root=root, samples=100, task="ner", base_url=server.base_url, cache=False)
        assert "You recognise named entities" in server.requests[0]["messages"][0]["content"]
    assert list(ner.headline) == ["entity_f1"] and ner.figure("string_f1") > 0


def test_a_document_answer_is_one_bootstrap_row_on_its_first_sentence(root):
    from citydiplo.formats.readers import predictions_from_records
    from citydiplo.scoring.scorer import score

    gold = load_benchmark(root).require_documents()
    text = gold_prediction_files(root, "strings", hints=False)[""]
    numbered = enumerate((json.loads(line) for line in text.splitlines()), 1)
    stream, report = predictions_from_records(numbered, gold.documents, gold.shapes, gold.inventory, "<p>")
    scorer = score(gold.records, stream, string_answers=report.answers)
    results = scorer.results(100)
    rows = scorer.table("string_f1")
    assert len(rows) == len(gold.records)
    micro = results.extra["string_track"]["micro"]
    assert rows.sum(axis=0).tolist() == [micro["tp"], micro["pred"], micro["gold"]]
    firsts = [i for i, sid in enumerate(scorer.ids) if sid.endswith("-001")]
    assert [i for i, row in enumerate(rows.tolist()) if any(row)] == firsts


def test_bench_predict_runs_a_model_for_a_task(root, tmp_path):
    out = tmp_path / "eae.jsonl"
    result = CliRunner().invoke(main, ["predict", "gazetteer", "--task", "eae", "--out", str(out), "--root", str(root)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("ner_tags" not in r and "relations" not in r for r in records)
    gold = load_benchmark(root).require_documents()
    given = sum(len(r.events) for r in gold.records.values())
    assert sum(len(r.get("events", [])) for r in records) == given  # one answer per given trigger


@settings(max_examples=80, deadline=None)
@given(_user_sentences(), st.data())
def test_event_and_relation_tuples_counted_at_once_equal_them_sentence_by_sentence(sentences, data):
    """The string track numbers each sentence's trigger, argument and relation tuples and
    matches every sentence at once (multisets); its rows and its block equal ``from_tokens``
    and ``match`` sentence by sentence (repeated tuples, texts equal once normalised,
    relation ends in either order, a status or none)."""
    from citydiplo.formats.model import TokenArgument, TokenEvent, TokenRelation
    from citydiplo.formats.predictions import Prediction
    from citydiplo.formats.tokens import Words
    from citydiplo.scoring.string_track import StringTrack, from_tokens

    def side(n):
        span = st.integers(0, n - 1).flatmap(lambda a: st.integers(a + 1, n).map(lambda b: (a, b)))
        event = st.builds(TokenEvent, st.sampled_from(("MEET", "AID")), span, st.just("ACTUAL"),
                          st.lists(st.builds(TokenArgument, st.sampled_from(("Time", "Place")), span), max_size=2).map(tuple))
        relation = st.builds(TokenRelation, st.just("PARTNER_OF"), span, span, st.sampled_from((None, "ESTABLISHED")))
        return data.draw(st.lists(event, max_size=3)), data.draw(st.lists(relation, max_size=2))

    track = StringTrack()
    reference = StringAccumulator()
    rows = []
    for sid, lang, words, t in sentences:
        (g_ev, g_rel), (p_ev, p_rel) = side(len(words)), side(len(words))
        gold = _GoldForTrack(sid, sid, lang, Words(words), t[0], t[1], g_ev, g_rel)
        track.add(gold, Prediction(sid, t[2], t[3], p_ev, p_rel))
        rows.append(list(reference.add(from_tokens(Words(words), t[0], t[1], g_ev, g_rel),
                                       from_tokens(Words(words), t[2], t[3], p_ev, p_rel), lang)))
    assert track.rows()["string_f1"].tolist() == rows
    assert track.block({}) == reference.summary()


@dataclass
class _GoldForTrack:
    id: str
    doc_id: str
    language: str
    tokens: object
    ner_tags: list
    ner_tags_inner: list
    events: list
    relations: list


@settings(max_examples=80, deadline=None)
@given(_user_sentences(), st.data())
def test_event_layers_read_from_the_scorers_table_equal_them_sentence_by_sentence(sentences, data):
    """The scorer's string track reads the trigger, argument and relation layers (and the
    entity layer, from the chunks) of the sentences scored against their predictions from
    the scorer's own ``EventTable`` when the rows are asked for; with sentence and document
    answers mixed in (their sentences' events are in the table too, and must not count
    twice), its rows and block equal ``from_tokens`` and ``match`` unit by unit, and so do
    a standalone track's (its own table)."""
    from citydiplo.formats.model import TokenArgument, TokenEvent, TokenRelation
    from citydiplo.formats.predictions import Prediction
    from citydiplo.formats.tokens import Words
    from citydiplo.scoring.scorer import Scorer
    from citydiplo.scoring.string_track import StringTrack, from_tokens

    def side(n):
        span = st.integers(0, n - 1).flatmap(lambda a: st.integers(a + 1, n).map(lambda b: (a, b)))
        event = st.builds(TokenEvent, st.sampled_from(("MEET", "AID")), span, st.sampled_from(("ACTUAL", None)),
                          st.lists(st.builds(TokenArgument, st.sampled_from(("Time", "Place")), span), max_size=2).map(tuple))
        relation = st.builds(TokenRelation, st.just("PARTNER_OF"), span, span, st.sampled_from((None, "ESTABLISHED")))
        return data.draw(st.lists(event, max_size=3)), data.draw(st.lists(relation, max_size=2))

    answers: dict[str, StringTuples] = {}
    document_answer = data.draw(st.booleans())
    if document_answer:
        answers["d"] = StringTuples()
        answers["d"].add_entity("CITY", "Rīga")
        answers["d"].add_event("MEET", "Kyiv", [("Place", "rīga")])
    pairs = []
    reference = StringAccumulator()
    rows: list[list[int]] = []
    document = StringTuples()
    first_of_document = None
    for sid, lang, words, t in sentences:
        (g_ev, g_rel), (p_ev, p_rel) = side(len(words)), side(len(words))
        gold = _GoldForTrack(sid, "d", lang, Words(words), t[0], t[1], g_ev, g_rel)
        pred = Prediction(sid, t[2], t[3], p_ev, p_rel)
        pairs.append((gold, pred))
        gold_tuples = from_tokens(Words(words), t[0], t[1], g_ev, g_rel)
        pred_tuples = from_tokens(Words(words), t[2], t[3], p_ev, p_rel)
        rows.append([0, 0, 0])
        if data.draw(st.booleans()):  # a sentence answer: the prediction's own tuples, written as strings
            answers[sid] = pred_tuples
            rows[-1] = list(reference.add(gold_tuples, pred_tuples, lang))
        elif document_answer:
            document += gold_tuples
            first_of_document = len(rows) - 1 if first_of_document is None else first_of_document
        else:
            rows[-1] = list(reference.add(gold_tuples, pred_tuples, lang))
    if first_of_document is not None:
        rows[first_of_document] = list(reference.add(document, answers["d"], sentences[first_of_document][1], "document"))
    scorer = Scorer(("string_track",), string_answers=answers)
    track = StringTrack(answers=answers)
    for gold, pred in pairs:
        scorer.add(gold, pred)
        track.add(gold, pred)
    assert scorer.rows["string_f1"].tolist() == rows
    assert scorer.results(10).extra["string_track"] == reference.summary()
    assert track.rows()["string_f1"].tolist() == rows
    assert track.block({}) == reference.summary()


def test_span_match_reads_texts_only_for_leftovers_and_compares_relation_ends_unordered():
    """Positions settle what they can; the leftovers sharing sentence and labels are read as
    text, a relation's two ends as an unordered pair."""
    import numpy as np

    from citydiplo.scoring.string_track import span_counts, span_match

    words = {(0, 0, 1): "a", (0, 2, 3): "b", (0, 4, 5): "b", (0, 6, 7): "a", (0, 8, 9): "c"}
    asked = []

    def texts(sentence, first, last):
        asked.extend(zip(sentence.tolist(), first.tolist(), last.tolist()))
        numbers = {"a": 0, "b": 1, "c": 2}
        return np.array([numbers[words[k]] for k in zip(sentence.tolist(), first.tolist(), last.tolist())], dtype=np.int64)

    col = lambda *v: np.array(v, dtype=np.int64)  # noqa: E731
    # relations: (sentence, status, first end, second end); gold a-b twice and a-c, predicted b-a (other spans), a-b, c-c
    gold = [col(0, 0, 0), col(7, 7, 7), col(0, 0, 0), col(1, 1, 1), col(2, 2, 8), col(3, 3, 9)]
    pred = [col(0, 0, 0), col(7, 7, 7), col(4, 0, 8), col(5, 1, 9), col(6, 2, 8), col(7, 3, 9)]
    tp = span_match(gold, pred, 2, texts, unordered=True)
    assert span_counts(tp, gold[0], pred[0], 1).tolist() == [[2, 3, 3]]  # a-b by position, b-a by text
    assert len(asked) == 8  # two leftovers a side, two ends each: the pair matched by position is not read
    ordered = span_match(gold, pred, 2, texts, unordered=False)
    assert span_counts(ordered, gold[0], pred[0], 1).tolist() == [[1, 3, 3]]
    asked.clear()
    other_status = [pred[0], col(8, 8, 8), *pred[2:]]  # no leftover shares a status: nothing is read
    assert span_counts(span_match(gold, other_status, 2, texts), gold[0], pred[0], 1).tolist() == [[0, 3, 3]]
    assert asked == []
