"""CoNLL and JSON Lines exports: layout, round trips, reader errors, the command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplo.formats.bio import iob2_labels
from citydiplo.release.build import load_release
from citydiplo.cli import main
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
from citydiplo.formats.schema import NER_TYPES


@pytest.fixture(scope="module")
def release(gold_project):
    return load_release(gold_project)


def _docs(release):
    return [release.records[d.id] for d in release.documents]


def test_conll_layout(release):
    files = export_files(_docs(release), "conll")
    assert sorted(files) == ["all.conll", "lv.conll", "uk.conll", "vi.conll"]
    lines = files["lv.conll"].split("\n")
    assert lines[:4] == [f"{DOCSTART}\tO", "", "Daugavpils\tB-CITY", "un\tO"]
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


@st.composite
def sentences(draw, inner: bool):
    n = draw(st.integers(1, 6))
    tokens = tuple(draw(st.lists(TOKEN, min_size=n, max_size=n)))
    tags = tuple(draw(st.lists(TAGS, min_size=n, max_size=n)))
    inner_tags = tuple(draw(st.lists(TAGS, min_size=n, max_size=n))) if inner else None
    return ConllSentence(tokens, tags, inner_tags)


@st.composite
def corpora(draw):
    inner = draw(st.booleans())
    return draw(st.lists(st.lists(sentences(inner), max_size=4), max_size=4))


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


def test_conll_reader_accepts_crlf_and_no_docstart():
    assert read_conll("a\tB-PER\r\nb\tI-PER\r\n\r\n") == [[ConllSentence(("a", "b"), ("B-PER", "I-PER"))]]


def test_bench_export(gold_project, tmp_path):
    runner = CliRunner()
    out = tmp_path / "conll"
    result = runner.invoke(main, ["export", "--root", str(gold_project), "--format", "conll", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["all.conll", "lv.conll", "uk.conll", "vi.conll"]
    assert read_conll((out / "vi.conll").read_text(encoding="utf-8"))[0][0].tags[:3] == ("B-DATE", "I-DATE", "O")
    jsonl_args = ["export", "--root", str(gold_project), "--format", "jsonl", "--out", str(tmp_path / "j")]
    result = runner.invoke(main, jsonl_args)
    assert result.exit_code == 0 and len(read_jsonl((tmp_path / "j" / "all.jsonl").read_text(encoding="utf-8"))) == 41
    bad = runner.invoke(main, ["export", "--root", str(gold_project), "--format", "xml", "--out", str(tmp_path)])
    assert bad.exit_code == 2


def test_bench_export_without_gold_exits_2(tmp_path, make_project):
    root = make_project(tmp_path / "p", gold=False)
    args = ["export", "--root", str(root), "--format", "conll", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "no gold annotation" in result.output
    assert not (tmp_path / "o").exists()
