"""No baseline file quotes the corpus (issue 25): the hand-written resources, their docstrings
and comments, and the model card were written or rewritten without reading the benchmark's
texts, so no run of words from ``corpus/*.txt`` and no name of the gold may appear in them.

What counts as a quotation:
* two consecutive words of a corpus sentence (three syllables in Vietnamese, whose words are
  written syllable by syllable: two syllables are usually one word);
* a gold name (PER, CITY, GPE, LOC mention) of two words or more, in any language;
* a word of six letters or more of such a name ("a name in the gold").
The texts scanned are the five originals and their gold: the baseline resources were written
blind to them. The translations (issue 27 and 28) were made after the resources, by readers
who never saw them; everyday phrases of the corpus languages ("этого года", "pilsētas dome")
and common first names in them coincide with the resources by chance, not by quotation, so
the translations are not scanned (the resources' history, which predates them, is the record).
Words are compared case-folded in NFC, tokenised by the benchmark's own tokeniser, within
runs not broken by punctuation. ``GENERIC`` lists the few everyday phrases that the blind
resources share with the corpus by necessity (calendar and cooperation phrases); each entry
says why it is generic.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from citydiplo.formats.tokens import tokenize

NAME_TYPES = ("PER", "CITY", "GPE", "LOC")
SCANNED_SUFFIXES = (".py", ".md", ".txt", ".json", ".toml", ".cfg")
GENERIC = frozenset({
    "цього року",  # uk "this year": a relative period of every calendar (blind date list)
    "در سال",  # fa "in the year": preposition + the word for year (blind date list)
    "ماه آینده",  # fa "next month": a relative period (blind date list)
    "chia sẻ kinh",  # vi "share experience" (chia sẻ kinh nghiệm): a blind trigger phrase
    "sẻ kinh nghiệm",
    "trao đổi kinh",  # vi "exchange experience" (trao đổi kinh nghiệm): a blind trigger phrase
    "đổi kinh nghiệm",
})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _runs(text: str) -> list[list[str]]:
    """Runs of word tokens not interrupted by punctuation, case-folded."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokenize(text):
        word = _fold(token.text)
        if any(ch.isalpha() for ch in word):
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _ngrams(run: list[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*(run[i:] for i in range(n))))


def _originals(root: Path) -> set[str]:
    """The ids of the original documents (the corpus recipe's; translations are not in it)."""
    import json

    recipe = json.loads((root / "corpus" / "recipe.json").read_text(encoding="utf-8"))
    return {d["id"] for d in recipe["documents"]}


def quotations(root: Path) -> tuple[set[tuple[str, ...]], set[str]]:
    """The word sequences and the single name words a baseline file may not contain."""
    sequences: set[tuple[str, ...]] = set()
    originals = _originals(root)
    for path in sorted((root / "corpus").glob("*.txt")):
        if path.stem not in originals:
            continue
        n = 3 if path.stem.endswith("-vi") else 2
        for line in path.read_text(encoding="utf-8").splitlines():
            for run in _runs(line):
                sequences |= _ngrams(run, n)
    name_words: set[str] = set()
    for path in sorted((root / "annotations").glob("*.ann")):
        if path.stem not in originals:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, info, text = line.split("\t")
            if info.split()[0] not in NAME_TYPES:
                continue
            words = [w for run in _runs(text) for w in run]
            if len(words) >= 2:
                sequences.add(tuple(words))
            name_words.update(w for w in words if sum(ch.isalpha() for ch in w) >= 6)
    return sequences, name_words


def found_in(text: str, sequences: set[tuple[str, ...]], name_words: set[str]) -> set[str]:
    """Every quotation of the corpus or the gold in ``text``, less the generic phrases."""
    lengths = sorted({len(s) for s in sequences})
    hits: set[str] = set()
    for run in _runs(text):
        for n in lengths:
            hits.update(" ".join(g) for g in _ngrams(run, n) if g in sequences)
        hits.update(w for w in run if w in name_words)
    return hits - GENERIC


def baseline_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "baselines").rglob("*")
                  if p.is_file() and p.suffix in SCANNED_SUFFIXES and "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def banned(root):
    return quotations(root)


def test_the_scan_finds_a_quotation_and_a_gold_name(root, banned):
    sequences, name_words = banned
    text = (root / "corpus" / "001-ru.txt").read_text(encoding="utf-8").splitlines()[0]
    assert found_in(f'"""Docstring: {text[:60]}."""', sequences, name_words)
    gold_name = next(line.split("\t")[2] for line in (root / "annotations" / "000-lv.ann").read_text(
        encoding="utf-8").splitlines() if line.startswith("T") and "\tCITY " in f"\t{line.split(chr(9))[1]}")
    assert found_in(f"# e.g. {gold_name.upper()}", sequences, name_words)
    assert not found_in("# Rīga, Москва, Київ, Hà Nội: generic examples", sequences, name_words)


def test_the_generic_allowlist_is_small_and_each_entry_still_occurs_in_the_corpus(banned):
    sequences, _ = banned
    assert len(GENERIC) <= 10
    assert all(tuple(entry.split()) in sequences for entry in GENERIC)


def test_no_baseline_file_quotes_the_corpus_or_names_the_gold(root, banned):
    sequences, name_words = banned
    files = baseline_files(root)
    assert any(p.name == "lexicon.py" for p in files) and any(p.name == "README.md" for p in files)
    quoted = {str(p.relative_to(root)): sorted(hits) for p in files
              if (hits := found_in(p.read_text(encoding="utf-8"), sequences, name_words))}
    assert quoted == {}
