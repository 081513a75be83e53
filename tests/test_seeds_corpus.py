"""Seeds are byte-identical; the corpus is up to date and maps back to its seeds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from citydiplo.corpus.cleaning import Removal, clean, seed_offset
from citydiplo.corpus.documents import built_files, read_corpus, read_recipe
from citydiplo.annotation.validate import check_sentences

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def test_seed_checksums(root):
    lines = (root / "seeds" / "SHA256SUMS").read_text().split("\n")
    entries = [line.split() for line in lines if line.strip()]
    assert len(entries) == 5
    for digest, name in entries:
        assert hashlib.sha256((root / "seeds" / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/seeds is not beside this checkout")
def test_seeds_equal_shared_copies(root):
    for path in sorted(SHARED.glob("*.txt")):
        assert (root / "seeds" / path.name).read_bytes() == path.read_bytes(), path.name


def test_corpus_is_up_to_date(root):
    for name, content in built_files(root).items():
        assert (root / "corpus" / name).read_text(encoding="utf-8") == content, f"corpus/{name} is stale: run bench corpus"


def test_every_character_maps_back_to_its_seed(root):
    for doc in read_corpus(root):
        seed = (root / "seeds" / doc.meta.seed_file).read_text(encoding="utf-8")
        for i, ch in enumerate(doc.text):
            assert seed[seed_offset(doc.meta.provenance, i)] == ch


def test_removals_have_reasons_and_cover_the_gap(root):
    for doc in read_corpus(root):
        seed = (root / "seeds" / doc.meta.seed_file).read_text(encoding="utf-8")
        kept = sum(e - s for s, e in doc.meta.provenance)
        removed = sum(r["seed_end"] - r["seed_start"] for r in doc.meta.removals)
        assert kept + removed == len(seed)
        for r in doc.meta.removals:
            assert r["reason"].strip()
            assert seed[r["seed_start"]:r["seed_end"]] == r["text"]


def test_repeated_title_and_lead_removal_is_exact(root):
    seed = (root / "seeds" / "002_b12b8c38c974fb82.txt").read_text(encoding="utf-8").split("\n")
    assert seed[6] == seed[0] and seed[9] == seed[4]  # lines 7 and 10 repeat title and lead


def test_metadata_records(root):
    docs = {d.id: d for d in read_corpus(root)}
    assert [d.meta.language for d in docs.values()] == ["lv", "ru", "fa", "uk", "vi"]
    assert docs["002-fa"].meta.script == "Arab"
    assert docs["001-ru"].meta.title is None  # the text has no headline
    assert "Recent Posts" not in docs["003-uk"].text
    assert "Bình luận" not in docs["004-vi"].text
    assert not docs["000-lv"].text.startswith("Šobrīd")
    for d in docs.values():
        assert d.text == d.text.strip("\ufeff")


def test_sentences_are_valid(root):
    for doc in read_corpus(root):
        assert check_sentences(doc.text, doc.meta.sentences, doc.id) == []


def test_hand_corrected_sentence_split(root):
    doc = next(d for d in read_corpus(root) if d.id == "002-fa")
    starts = [doc.text[s.start:s.start + 20] for s in doc.meta.sentences]
    assert "حجتی بیان کرد: روابط" in starts


def test_quoted_slogan_is_not_split(root):
    doc = next(d for d in read_corpus(root) if d.id == "001-ru")
    assert any("Забота. Защита. Уважение" in doc.text[s.start:s.end] for s in doc.meta.sentences)


def test_clean_rejects_bad_line_ranges():
    with pytest.raises(ValueError):
        clean("a\nb\n", [Removal(2, 5, "x")])
    with pytest.raises(ValueError):
        clean("a\nb\nc\n", [Removal(1, 2, "x"), Removal(2, 3, "y")])


def test_clean_keeps_the_rest_verbatim():
    result = clean("head\n\nbody one\nbody two\ntail\n", [Removal(1, 2, "header"), Removal(5, 5, "footer")])
    assert result.text == "body one\nbody two\n"
    assert result.provenance == [(6, 24)]
    assert [r["reason"] for r in result.removals] == ["header", "footer"]


def test_recipe_names_every_seed(root):
    assert sorted(e["seed"] for e in read_recipe(root)) == sorted(p.name for p in (root / "seeds").glob("*.txt"))
