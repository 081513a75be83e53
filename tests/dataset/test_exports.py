"""CoNLL and JSON Lines exports: layout, round trips, reader errors, the command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplo.formats.bio import iob2_labels
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.cli import main
from citydiplo.files import MARKER
from citydiplo.errors import InputError
from citydiplo.release.exports import (
    DOCSTART,
    ConllSentence,
    export_files,
    read_conll,
    read_jsonl,
    sentence_json,
    write_conll,
)
from citydiplo.corpus.benchmark import load_inventory
from citydiplo.release.textee import read_textee

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types


@pytest.fixture(scope="module")
def release(gold_project):
    return load_benchmark(gold_project)


def _docs(release):
    return [release.document_records(d.id) for d in release.documents]


def test_conll_layout(release):
    files = export_files(_docs(release), "conll")
    assert sorted(files) == ["all.conll", "lv.conll", "uk.conll", "vi.conll"]
    lines = files["lv.conll"].split("\n")
    assert lines[:5] == [f"{DOCSTART} 000-lv\tO", "", "# id = 000-lv-001", "Daugavpils\tB-CITY", "un\tO"]
    ids = [line.removeprefix("# id = ") for line in files["all.conll"].split("\n") if line.startswith("# id = ")]
    assert ids == [r.id for doc in _docs(release) for r in doc]
    assert files["all.conll"].count(DOCSTART) == 3
    assert files["all.conll"] == files["lv.conll"] + files["uk.conll"] + files["vi.conll"]
    sentences = files["all.conll"].split("\n\n")
    assert len([s for s in sentences if s.strip() and not s.startswith(DOCSTART)]) == 41


def test_conll_round_trip_on_the_gold(release):
    for inner in (False, True):
        text = export_files(_docs(release), "conll", inner)["all.conll"]
        parsed = read_conll(text)
        assert len(parsed) == 3
        for doc, recs in zip(parsed, _docs(release)):
            assert [s.tokens for s in doc] == [tuple(t.text for t in r.tokens) for r in recs]
            assert [s.tags for s in doc] == [tuple(r.ner_tags) for r in recs]
            assert [s.inner for s in doc] == [tuple(r.ner_tags_inner) if inner else None for r in recs]
            assert [(s.id, s.doc_id) for s in doc] == [(r.id, r.doc_id) for r in recs]


def test_jsonl_round_trip_and_predictions_format(release):
    files = export_files(_docs(release), "jsonl")
    assert sorted(files) == ["all.jsonl", "lv.jsonl", "uk.jsonl", "vi.jsonl"]
    rows = read_jsonl(files["all.jsonl"])
    recs = [r for doc in _docs(release) for r in doc]
    assert rows == [sentence_json(r) for r in recs]
    first = rows[0]
    assert set(first) == {"id", "doc_id", "language", "tokens", "ner_tags", "ner_tags_inner", "events", "relations"}
    assert first["events"][0] == {"type": "MEET", "trigger": [5, 6], "realis": "ACTUAL", "arguments": [
        {"role": "Participant", "span": [0, 1]}, {"role": "Participant", "span": [2, 3]}]}
    assert [r["id"] for r in read_jsonl(files["uk.jsonl"])] == [r.id for r in recs if r.language == "uk"]


TAGS = st.sampled_from(iob2_labels(NER_TYPES))
TOKEN = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6).filter(
    lambda t: not any(c.isspace() for c in t) and t != DOCSTART)


IDENT = st.one_of(st.none(), st.from_regex(r"[0-9a-z][0-9a-z-]{0,8}", fullmatch=True))


@st.composite
def sentences(draw, inner: bool, doc_id: str | None):
    n = draw(st.integers(1, 6))
    tokens = tuple(draw(st.lists(TOKEN, min_size=n, max_size=n)))
    tags = tuple(draw(st.lists(TAGS, min_size=n, max_size=n)))
    inner_tags = tuple(draw(st.lists(TAGS, min_size=n, max_size=n))) if inner else None
    return ConllSentence(tokens, tags, inner_tags, draw(IDENT), doc_id)


@st.composite
def corpora(draw):
    inner = draw(st.booleans())
    return [draw(st.lists(sentences(inner, draw(IDENT)), max_size=4)) for _ in range(draw(st.integers(0, 4)))]


# too_slow: on a cold start Hypothesis first builds its Unicode tables (about a second).
@settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_conll_writer_reader_round_trip(documents):
    assert read_conll(write_conll(documents)) == documents


@pytest.mark.parametrize("sentence, problem", [
    (ConllSentence(("a b",), ("O",)), "whitespace"),
    (ConllSentence(("a",), ("O", "O")), "1 tokens but 2 tags"),
    (ConllSentence((), ()), "at least one token"),
    (ConllSentence((DOCSTART,), ("O",)), "cannot be written"),
    (ConllSentence(("a",), ("X-PER",)), "not an IOB2 tag"),
])
def test_conll_writer_refuses_what_it_cannot_write(sentence, problem):
    with pytest.raises(ValueError, match=problem):
        write_conll([[sentence]])


@pytest.mark.parametrize("text, line, problem", [
    ("a\tO\nb\n", 2, "expected token<TAB>tag"),
    ("a\tO\n\nb\tO\tO\n", 3, "expected 2 columns"),
    ("a\tB_PER\n", 1, "not an IOB2 tag"),
])
def test_conll_reader_names_the_bad_line(text, line, problem):
    with pytest.raises(InputError, match=problem) as info:
        read_conll(text, "x.conll")
    assert info.value.line == line and info.value.path == "x.conll"


def test_conll_reader_reads_ids_and_skips_other_comments():
    text = "-DOCSTART- d1\tO\n\n# text = a b\n# id = s1\na\tB-PER\n\n# id = s2\nb\tO\n"
    assert read_conll(text) == [[ConllSentence(("a",), ("B-PER",), None, "s1", "d1"),
                                 ConllSentence(("b",), ("O",), None, "s2", "d1")]]
    with pytest.raises(InputError, match="comment line inside a sentence") as info:
        read_conll("a\tO\n# id = x\nb\tO\n", "c.conll")
    assert info.value.line == 2
    with pytest.raises(ValueError, match="no whitespace"):
        write_conll([[ConllSentence(("a",), ("O",), None, "s 1")]])


def test_textee_export_reads_back_with_every_event_argument_and_entity(release):
    docs = _docs(release)
    files = export_files(docs, "textee", gold=release.documents)
    assert sorted(files) == ["all.json", "lv.json", "uk.json", "vi.json"]
    windows = read_textee(files["all.json"], "all.json")
    recs = [r for doc in docs for r in doc]
    assert [(w["doc_id"], w["wnd_id"], w["lang"]) for w in windows] == [(r.doc_id, r.id, r.language) for r in recs]
    assert [w["tokens"] for w in windows] == [[t.text for t in r.tokens] for r in recs]
    by_window = {w["wnd_id"]: w for w in windows}
    for rec in recs:
        w = by_window[rec.id]
        assert [(e["event_type"], (e["trigger"]["start"], e["trigger"]["end"]), e["realis"],
                 [(a["role"], (a["start"], a["end"])) for a in e["arguments"]]) for e in w["event_mentions"]] == [
            (e.type, e.trigger, e.realis, [(a.role, a.span) for a in e.arguments]) for e in rec.events]
        assert [((r["arguments"][0]["start"], r["arguments"][0]["end"]),
                 (r["arguments"][1]["start"], r["arguments"][1]["end"]), r["status"])
                for r in w["relation_mentions"]] == [(r.arg1, r.arg2, r.status) for r in rec.relations]
        for e in w["entity_mentions"]:
            assert " ".join(w["tokens"][e["start"]:e["end"]]).replace(" ", "") == e["text"].replace(" ", "")
    mentions = {(w["doc_id"], e["id"]) for w in windows for e in w["entity_mentions"]}
    want = {(d.id, f"{d.id}-{e.id}") for d in release.documents for e in d.entities}
    assert want <= mentions and len(mentions - want) == sum(len(d.items) for d in release.documents)
    assert sum(len(w["event_mentions"]) for w in windows) == sum(len(d.events) for d in release.documents) == 4
    assert sum(len(e["arguments"]) for w in windows for e in w["event_mentions"]) == 7


def test_textee_reader_names_the_bad_line():
    good = {"doc_id": "d", "wnd_id": "d-001", "text": "a", "lang": "lv", "tokens": ["a"], "entity_mentions": [],
            "event_mentions": [{"id": "d-E1", "event_type": "MEET", "trigger": {"text": "a", "start": 0, "end": 1},
                                "arguments": [{"entity_id": "d-T9", "role": "Participant", "text": "a",
                                               "start": 0, "end": 1}]}]}
    with pytest.raises(InputError, match="d-T9") as info:
        read_textee("\n" + json.dumps(good) + "\n", "x.json")
    assert info.value.line == 2


def test_conll_reader_accepts_crlf_and_no_docstart():
    assert read_conll("a\tB-PER\r\nb\tI-PER\r\n\r\n") == [[ConllSentence(("a", "b"), ("B-PER", "I-PER"))]]


def test_bench_export(gold_project, tmp_path):
    runner = CliRunner()
    out = tmp_path / "conll"
    result = runner.invoke(main, ["export", "--root", str(gold_project), "--format", "conll", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "all.conll", "lv.conll", "uk.conll", "vi.conll"]
    assert read_conll((out / "vi.conll").read_text(encoding="utf-8"))[0][0].tags[:3] == ("B-DATE", "I-DATE", "O")
    jsonl_args = ["export", "--root", str(gold_project), "--format", "jsonl", "--out", str(tmp_path / "j")]
    result = runner.invoke(main, jsonl_args)
    assert result.exit_code == 0 and len(read_jsonl((tmp_path / "j" / "all.jsonl").read_text(encoding="utf-8"))) == 41
    result = runner.invoke(main, ["export", "--root", str(gold_project), "--format", "textee", "--out",
                                  str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert len(read_textee((tmp_path / "t" / "all.json").read_text(encoding="utf-8"))) == 41
    bad = runner.invoke(main, ["export", "--root", str(gold_project), "--format", "xml", "--out", str(tmp_path)])
    assert bad.exit_code == 2


def test_bench_export_without_gold_exits_2(tmp_path, make_project):
    root = make_project(tmp_path / "p", gold=False)
    args = ["export", "--root", str(root), "--format", "conll", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "no gold annotation" in result.output
    assert not (tmp_path / "o").exists()
