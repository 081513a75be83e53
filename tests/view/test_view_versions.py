"""The versions page: an article's versions side by side, aligned by sentence, items linked by id."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplo.errors import InputError
from citydiplo.viewer.versions import AlignedRow, aligned_rows, versions_page


# --------------------------------------------------------------------------- rows


def test_one_to_one_alignment_gives_one_row_per_sentence():
    rows = aligned_rows(3, [(3, [(0, 0), (1, 1), (2, 2)])])
    assert rows == [AlignedRow(((0,), (0,))), AlignedRow(((1,), (1,))), AlignedRow(((2,), (2,)))]


def test_a_split_shares_the_row_of_its_original_sentence():
    rows = aligned_rows(3, [(4, [(0, 0), (1, 1), (2, 1), (3, 2)])])
    assert [r.sentences for r in rows] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_a_merge_puts_the_merged_original_sentences_in_one_row():
    rows = aligned_rows(4, [(3, [(0, 0), (1, 1), (1, 2), (2, 3)])])
    assert [r.sentences for r in rows] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_a_merge_in_one_translation_joins_the_rows_of_the_others():
    rows = aligned_rows(3, [(3, [(0, 0), (1, 1), (2, 2)]), (2, [(0, 0), (1, 1), (1, 2)])])
    assert [r.sentences for r in rows] == [((0,), (0,), (0,)), ((1, 2), (1, 2), (1,))]


def test_an_unaligned_translation_sentence_joins_the_row_before_it():
    rows = aligned_rows(2, [(4, [(1, 0), (3, 1)])])
    assert [r.sentences for r in rows] == [((0,), (0, 1, 2)), ((1,), (3,))]


def test_a_pair_out_of_range_is_an_error():
    with pytest.raises(ValueError, match=r"\[3, 0\] is out of range"):
        aligned_rows(2, [(3, [(3, 0)])])
    with pytest.raises(ValueError, match=r"\[0, 2\] is out of range"):
        aligned_rows(2, [(3, [(0, 2)])])


@given(st.integers(0, 6), st.lists(st.tuples(st.integers(0, 6), st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5)))),
                                   max_size=3))
def test_every_sentence_of_every_version_is_shown_exactly_once_in_order(n, raw):
    translations = [(size, sorted((i, j) for i, j in pairs if i < size and j < n)) for size, pairs in raw]
    rows = aligned_rows(n, translations)
    assert [i for r in rows for i in r.sentences[0]] == list(range(n))
    for k, (size, pairs) in enumerate(translations, 1):
        shown = [i for r in rows for i in r.sentences[k]]
        assert sorted(shown) == list(range(size))
        row_of = {i: r for r in rows for i in r.sentences[k]}
        for i, j in pairs:  # a sentence is in the row of (one of) the sentences it renders
            assert any(j in r.sentences[0] for r in rows if r is row_of[i]) or \
                min(j2 for i2, j2 in pairs if i2 == i) in row_of[i].sentences[0]


# --------------------------------------------------------------------------- the page


@pytest.fixture(scope="module")
def page(versions):
    docs, alignment = versions
    return versions_page(docs, alignment, {"900-en": "Translated by an AI model <b>reviewed</b>."})


def cells_of(tree):
    rows = [n for n in tree.iter() if n.tag == "tr" and "data-original" in n.attrs]
    return [[c for c in row.iter() if "cell" in c.classes()] for row in rows]


def test_rows_pair_each_original_sentence_with_its_translation(page, parse_html, versions):
    docs, _ = versions
    rows = cells_of(parse_html(page))
    assert len(rows) == 3 and all(len(r) == 2 for r in rows)
    fa, en = docs
    for (fa_cell, en_cell), fa_ids, en_ids in zip(rows, [[0], [1], [2]], [[0], [1, 2], [3]]):
        assert fa_cell.attrs["data-doc"] == "900-fa" and fa_cell.attrs["dir"] == "rtl"
        assert en_cell.attrs["data-doc"] == "900-en" and en_cell.attrs["dir"] == "ltr"
        for cell, doc, ids in ((fa_cell, fa, fa_ids), (en_cell, en, en_ids)):
            sents = [n for n in cell.iter() if "sent" in n.classes()]
            assert [s.attrs["data-sentence"] for s in sents] == [f"{doc.id}-{i + 1:03d}" for i in ids]
            assert [s.text(skip=lambda n: "norm" in n.classes()) for s in sents] == \
                [doc.text[doc.meta.sentences[i].start:doc.meta.sentences[i].end] for i in ids]


def test_an_item_carries_its_alignment_id_in_every_version(page, parse_html, versions):
    """T1 in Persian and T1 in English both answer to the id T1 (what the script lights on
    hover and selection); E1's trigger and arguments answer to E1 in both."""
    tree = parse_html(page)
    by_doc: dict = {}
    for cell in (c for row in cells_of(tree) for c in row):
        for n in cell.iter():
            if "data-kind" in n.attrs and "cont" not in n.classes():
                by_doc.setdefault(cell.attrs["data-doc"], []).append(n)
    for doc in versions[0]:
        marks = by_doc[doc.id]
        t1 = [n for n in marks if "T1" in n.attrs.get("data-links", "").split()]
        assert [(n.attrs["data-id"], n.text(skip=lambda x: "norm" in x.classes())) for n in t1] == \
            [("T1", next(e.text for e in doc.entities if e.id == "T1"))]
        e1 = {n.attrs["data-kind"] for n in marks if "E1" in n.attrs.get("data-links", "").split()}
        assert e1 == {"trigger", "entity"}
    # the MISC T4 of the original has no counterpart: only the Persian column holds it
    assert [n.attrs["data-id"] for m in by_doc.values() for n in m if n.attrs.get("data-id") == "T4"] == ["T4"]


def test_the_aligned_items_table_shows_what_a_version_lacks(page, parse_html):
    tree = parse_html(page)
    rows = {n.attrs["data-link"]: n for n in tree.iter() if n.tag == "tr" and "data-link" in n.attrs}
    assert set(rows) == {"E1", "R1", "T1", "T2", "T4"}
    assert "lacking" in rows["T4"].classes() and "lacking" not in rows["T1"].classes()
    assert rows["T4"].children[-1].text() == "—"
    assert "900-fa 0, 900-en 1" in tree.text()


def test_everything_is_escaped(page, parse_html):
    from conftest import HOSTILE

    tree = parse_html(page)
    assert not [n for n in tree.iter() if n.tag in ("img", "b") and n.parent is not None
                and n.parent.tag in ("dd", "div", "span")]
    assert HOSTILE in tree.text() and "<b>reviewed</b>" in tree.text()
    assert [n for n in tree.iter() if n.tag == "script"] == [next(n for n in tree.iter() if n.tag == "script")]


def test_a_wrong_alignment_names_the_translation(versions):
    docs, _ = versions
    with pytest.raises(InputError) as err:
        versions_page(docs, {"900-en": [(0, 0), (4, 1)]})
    assert "corpus/900-en.json" in str(err.value) and "[4, 1]" in str(err.value)


def test_the_real_article_002_in_persian_and_english(parse_html):
    """The project's own 002-fa and 002-en: every gold item of the translation is marked with
    the id of its counterpart in the original (the same type, in the aligned row), and the
    aligned-items table lacks nothing (LOSSES.tsv: nothing was lost)."""
    from pathlib import Path

    from citydiplo.viewer.view import load_site_input, site_pages

    root = Path(__file__).resolve().parents[2]
    files = site_pages(load_site_input(root, ["002-fa", "002-en"]))
    tree = parse_html(files["002.versions.html"])
    rows = [n for n in tree.iter() if n.tag == "tr" and "data-original" in n.attrs]
    assert len(rows) == 17

    def kinds(cell):
        return sorted((n.attrs.get("data-id") or n.attrs["data-event"], n.attrs["data-type"])
                      for n in cell.iter() if "data-kind" in n.attrs and "cont" not in n.classes())

    marked = 0
    for row in rows:
        fa, en = [c for c in row.iter() if "cell" in c.classes()]
        assert kinds(fa) == kinds(en), row.attrs["data-original"]
        marked += len(kinds(en))
    assert marked == 79 + 6 + 18  # 002's entities, ITEMs and triggers
    lacking = [n for n in tree.iter() if n.tag == "tr" and "lacking" in n.classes()]
    assert lacking == []
    index = files["index.html"]
    assert "versions: " in index and 'href="002.versions.html"' in index
