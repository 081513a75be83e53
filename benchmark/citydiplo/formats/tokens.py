"""A deterministic, Unicode-aware tokeniser for the five CityDiplo languages.

Tokens carry character offsets into the document text. The rules, in order:

* a *word* is a run of letters, marks and digits (Unicode categories L*, M*, N*, plus
  ZWNJ/ZWJ inside Persian words); apostrophes (U+0027, U+2019, U+02BC) and hyphens
  between two such characters stay inside it, so "Кам’янське", "Камʼянським",
  "Южно-Сахалинске", "Covid-19" and "19-10" are single tokens;
* a number keeps an inner "." or "," followed by a digit ("1.200", "1,5", "09.00");
* a Latvian-style ordinal keeps its period ("12. augustā", "1.Harbinas"): digits followed
  by "." and then a lower-case letter after a space, or directly by a letter;
* "..." and other runs of the same punctuation character are one token;
* every other non-space character is a token of its own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence, overload

APOSTROPHES = frozenset("'\u2019\u02bc")
HYPHENS = frozenset("-\u2010\u2011")
JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: inside Persian words


@dataclass(frozen=True)
class Token:
    """A token: its text and [start, end) character offsets into the document."""

    text: str
    start: int
    end: int


class Words(Sequence[Token]):
    """Words given without offsets (a user's gold ``tokens``), read as ``Token`` objects
    with offsets 0 when asked; ``formats.string_tuples.surface`` joins them with spaces."""

    __slots__ = ("words",)

    def __init__(self, words: list) -> None:
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return [Token(str(w), 0, 0) for w in self.words[i]]
        return Token(str(self.words[i]), 0, 0)


@lru_cache(maxsize=4096)
def _category(ch: str) -> str:
    return unicodedata.category(ch)


def is_word_char(ch: str) -> bool:
    """Letters, combining marks and digits of any script."""
    return _category(ch)[0] in "LMN" or ch in JOINERS


def _is_digit(ch: str) -> bool:
    return _category(ch) == "Nd"


def _scan_word(text: str, i: int) -> int:
    """Return the end of the word starting at ``i``."""
    n = len(text)
    j = i
    while j < n:
        ch = text[j]
        if is_word_char(ch):
            j += 1
            continue
        nxt = text[j + 1] if j + 1 < n else ""
        prev = text[j - 1]
        if (ch in APOSTROPHES or ch in HYPHENS) and nxt and is_word_char(nxt) and is_word_char(prev):
            j += 1
            continue
        if ch in ".," and _is_digit(prev) and nxt and _is_digit(nxt) and _all_digits_back(text, i, j):
            j += 1
            continue
        break
    # Latvian ordinal: "12. augustā", "1.Harbinas"
    if j < n and text[j] == "." and _all_digits_back(text, i, j):
        after = text[j + 1] if j + 1 < n else ""
        after2 = text[j + 2] if j + 2 < n else ""
        if (after.isalpha()) or (after == " " and after2.isalpha() and after2.islower()):
            j += 1
    return j


def _all_digits_back(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a number (digits, with inner '.' or ',')."""
    chunk = text[start:end]
    return bool(chunk) and _is_digit(chunk[0]) and all(_is_digit(c) or c in ".,-" for c in chunk)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    tokens: list[Token] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in JOINERS:
            i += 1
            continue
        if is_word_char(ch):
            j = _scan_word(text, i)
        else:
            j = i + 1
            while j < n and text[j] == ch and ch in ".-!?":
                j += 1
        tokens.append(Token(text[i:j], i + offset, j + offset))
        i = j
    return tokens
