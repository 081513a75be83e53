"""Finding phrases in a token sequence: an exact-key phrase index for large name lists,
word patterns (with prefix wildcards) for small lexicons, and a longest-first selection
of non-overlapping matches. Pure functions over lists of comparison keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterable, Iterator, Sequence, TypeVar

V = TypeVar("V")


@dataclass
class PhraseIndex(Generic[V]):
    """Phrases (tuples of token keys) -> the values filed under them, with every proper
    prefix of a phrase recorded so that a search can stop early."""

    table: dict[tuple[str, ...], list[V]]
    prefixes: set[tuple[str, ...]]
    max_len: int


def build_index(items: Iterable[tuple[tuple[str, ...], V]]) -> PhraseIndex[V]:
    table: dict[tuple[str, ...], list[V]] = {}
    prefixes: set[tuple[str, ...]] = set()
    for key, value in items:
        if key:
            table.setdefault(key, []).append(value)
            prefixes.update(key[:k] for k in range(1, len(key)))
    return PhraseIndex(table, prefixes, max((len(k) for k in table), default=0))


def lookup(index: PhraseIndex[V], options: Sequence[Sequence[str]], start: int) -> Iterator[tuple[int, int, list[V]]]:
    """Phrases of the index that start at ``start``, where token ``i`` may be read as any of
    ``options[i]``: yields (end, score, values), the score being the summed length of the
    keys used (a longer shared key is a closer match)."""
    stack: list[tuple[int, tuple[str, ...], int]] = [(start, (), 0)]
    while stack:
        pos, path, score = stack.pop()
        if path and path in index.table:
            yield pos, score, index.table[path]
        if pos >= len(options) or len(path) >= index.max_len:
            continue
        for key in options[pos]:
            longer = path + (key,)
            if longer in index.table or longer in index.prefixes:
                stack.append((pos + 1, longer, score + len(key)))


@dataclass(frozen=True)
class Pattern:
    """A lexicon entry: one (text, is_prefix) pair per word, and its label."""

    words: tuple[tuple[str, bool], ...]
    label: str


def compile_pattern(text: str, label: str, normalise: Callable[[str], str]) -> Pattern:
    words = tuple((normalise(w.rstrip("*")), w.endswith("*")) for w in text.split())
    return Pattern(words, label)


def _word_matches(key: str, word: str, prefix: bool) -> bool:
    return key.startswith(word) if prefix else key == word


def match_patterns(keys: Sequence[str], patterns: Sequence[Pattern]) -> Iterator[tuple[int, int, str]]:
    """(first, last_exclusive, label) of every pattern occurrence in ``keys``."""
    for i in range(len(keys)):
        for p in patterns:
            n = len(p.words)
            if i + n <= len(keys) and all(_word_matches(keys[i + k], w, pre) for k, (w, pre) in enumerate(p.words)):
                yield i, i + n, p.label


@dataclass(frozen=True)
class Candidate:
    """A proposed span; lower ``rank`` wins between spans of equal length."""

    first: int
    last: int
    type: str
    rank: int = 0
    payload: Any = None


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by rank, then leftmost; in text order."""
    taken: list[Candidate] = []
    used: set[int] = set()
    for c in sorted(candidates, key=lambda c: (c.first - c.last, c.rank, c.first)):
        span = range(c.first, c.last)
        if not used.intersection(span):
            taken.append(c)
            used.update(span)
    return sorted(taken, key=lambda c: c.first)
