"""DATE mentions from calendar words: dateparser's language data plus a few number rules.

A date is built from parts, each recognised on its own:
* a month or weekday name (dateparser's forms; in Latvian, Russian and Ukrainian any
  inflected form through ``inflection.readings``; Persian also has the Solar Hijri
  months), with a day number before it ("12. augustā") and a year after it;
* a deictic day word ("сьогодні", "vakar", "hôm nay") or a this/last/next week, month or
  year phrase ("цього року", "năm nay");
* a year number with the language's year word ("2023 році", "سال 1399", "năm 2020");
* the Vietnamese day word with a day number ("ngày 19-10");
* an all-digit date ("19.10.2020", "19/10").
Adjacent parts join into one mention ("травні" + "цього року"). Month names that are
also common words (Persian "مهر", "تیر", "دی" and any month name of three letters or
fewer) count only with a number beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from citydiplo.formats.tokens import tokenize

from citydiplo_baselines.inflection import readings
from citydiplo_baselines.matcher import Candidate, PhraseIndex, build_index, lookup
from citydiplo_baselines.places import name_keys
from citydiplo_baselines.resources import calendar
from citydiplo_baselines.text import norm, to_int

YEAR_WORD_BEFORE = frozenset({"fa", "vi"})  # "سال 1399", "năm 2020"; elsewhere "2023 році"
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$")


@dataclass(frozen=True)
class Part:
    """What a calendar phrase is: ``month``, ``weekday``, ``day_word``, ``period``,
    ``year_word`` or ``vi_day`` (the Vietnamese "ngày"); ``weak`` when it needs a number
    beside it to count."""

    kind: str
    weak: bool = False


def _phrase_keys(text: str, lang: str, kind: str) -> list[tuple[str, ...]]:
    """The keys a calendar phrase is filed under: each word as written or as its stem. A
    leading preposition of one or two letters ("в этом году") is left out, as the
    guidelines leave prepositions out of DATE."""
    words = [norm(t.text) for t in tokenize(text)]
    if kind == "period" and len(words) > 1 and len(words[0]) <= 2 and words[0].isalpha():
        words = words[1:]
    return name_keys(words, lang)


@lru_cache(maxsize=None)
def calendar_index(lang: str) -> PhraseIndex[Part]:
    """Every calendar phrase of ``lang``, filed under its normalised words."""
    cal = calendar(lang)
    items: list[tuple[tuple[str, ...], Part]] = []

    def add(forms, kind, min_letters=1):
        for form in forms:
            letters = sum(ch.isalpha() for ch in form)
            if letters < min_letters:
                continue
            has_digit = any(ch.isdigit() for ch in form)
            weak = kind == "month" and not has_digit and (letters <= 3 or norm(form) in _AMBIGUOUS_MONTHS)
            items.extend((keys, Part(kind, weak)) for keys in _phrase_keys(form, lang, kind))

    for forms in cal.months:
        add(forms, "month", 3)
    for forms in cal.weekdays:
        add(forms, "weekday", 4)
    add(cal.day_words, "day_word", 3)
    add(cal.relative_periods, "period", 4)
    add(cal.year_words, "year_word")
    if lang == "vi":
        add(("ngày",), "vi_day")
    return build_index(items)


# Persian month names that are everyday words too: mehr (kindness), tir (arrow), dey.
_AMBIGUOUS_MONTHS = frozenset(norm(w) for w in ("مهر", "تیر", "دی"))


def _is_day(token: str) -> bool:
    value = to_int(token)
    return value is not None and 1 <= value <= 31


def _is_year(token: str, short: bool = False) -> bool:
    value = to_int(token.rstrip("."))
    if value is None:
        return False
    digits = len(token.rstrip("."))
    return (digits == 4 and (1900 <= value <= 2100 or 1300 <= value <= 1500)) or (short and digits == 2)


def _is_numeric_date(token: str) -> bool:
    m = _NUMERIC_DATE.match(token)
    return m is not None and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12


def _parts(tokens: Sequence[str], lang: str) -> list[tuple[int, int, Part]]:
    """Every calendar phrase in the tokens (the longest at each start)."""
    index = calendar_index(lang)
    options = [readings(norm(t), lang) for t in tokens]
    out = []
    for i in range(len(tokens)):
        best = max(lookup(index, options, i), key=lambda m: (m[0], m[1]), default=None)
        if best:
            out.append((i, best[0], best[2][0]))
    return out


def find_dates(tokens: Sequence[str], lang: str) -> list[Candidate]:
    """DATE candidates in a sentence's tokens (non-overlapping, adjacent parts joined)."""
    n = len(tokens)
    spans: list[tuple[int, int]] = []
    parts = _parts(tokens, lang)
    for first, last, part in parts:
        start, end = first, last
        if part.kind in ("month", "weekday"):
            if first > 0 and _is_day(tokens[first - 1]):
                start = first - 1
            if end < n and _is_year(tokens[end], short=lang == "fa"):
                end += 1
            if part.weak and (start, end) == (first, last):
                continue
        elif part.kind == "year_word":
            if lang in YEAR_WORD_BEFORE and end < n and _is_year(tokens[end], short=lang == "fa"):
                end += 1
            elif lang not in YEAR_WORD_BEFORE and first > 0 and _is_year(tokens[first - 1]):
                start -= 1
            else:
                continue
        elif part.kind == "vi_day":
            if end < n and (_is_day(tokens[end]) or _is_numeric_date(tokens[end])):
                end += 1
            else:
                continue
        spans.append((start, end))
    spans += [(i, i + 1) for i, t in enumerate(tokens) if _is_numeric_date(t)]
    return [Candidate(a, b, "DATE", -1) for a, b in _join(spans)]


def _join(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping and adjacent spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
