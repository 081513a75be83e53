"""DATE mentions from calendar words: dateparser's language data plus rules written blind.

Finds DATE spans with language data from blind_resources and a date-parser
library.  Rules:

* The preposition before a date stays outside the span (DATE_PREPOSITIONS):
  Russian "в 2021 году" -> "2021 году"; Ukrainian "у 2021 році" -> "2021
  році"; Persian "در سال ۱۴۰۰" -> "سال ۱۴۰۰"; Vietnamese "vào ngày 5
  tháng 3 năm 2021" -> "ngày 5 tháng 3 năm 2021"; Latvian "līdz 2021.
  gadam" -> "2021. gadam".
* The word for "year" belongs to the span.  It follows the number in lv,
  ru, uk ("2021. gadā", "5 марта 2021 года", "5 березня 2021 року") and
  precedes it in fa and vi ("سال ۱۴۰۰", "năm 2021") (YEAR_WORD_BEFORE).
* Vietnamese numbers days and months after the words ngày / tháng
  ("ngày 5 tháng 3", "tháng 12"), and news writes "hôm 5/3".
* Latvian writes ordinal dots: "2021. gada 5. martā", "5.03.2021.".
* Persian dates use the Solar Hijri calendar ("۱۵ فروردین ۱۴۰۰",
  "۱۴۰۰/۰۱/۱۵", year-month-day) with Persian digits; Gregorian dates are
  marked "میلادی" ("۲۰۲۱ میلادی").
* All-digit dates follow NUMERIC_DATE_ORDER: d.m.y in lv/ru/uk
  ("05.03.2021"), d/m/y in vi ("5/3/2021"), y/m/d in fa.
* A month name that is also an everyday word (AMBIGUOUS_MONTHS: Persian
  "تیر" 'arrow', "مهر" 'seal', "بهمن" 'avalanche'; Ukrainian "лютий"
  'fierce', "листопад" 'leaf-fall') is a month only with a number beside it:
  "۱۰ تیر" yes, "تیر" alone no; "5 лютого" yes, "лютий мороз" no.
* Deictic days and relative periods are dates: "вчера", "сьогодні",
  "šodien", "امروز", "hôm qua"; "в прошлом месяце" -> "прошлом месяце",
  "минулого тижня", "šogad", "سال گذشته", "năm ngoái".

How this module applies them: a date is built from parts, each recognised on its own (a
month or weekday name from dateparser's data, in Latvian, Russian and Ukrainian in any
inflected form through ``inflection.readings``, Persian also with ``PERSIAN_SOLAR_MONTHS``;
a deictic day word or a relative period from dateparser and the lists below; a year number
with a year word; a Vietnamese day or month word with its number; an all-digit date), and
adjacent parts join into one mention. The rules and the lists below (everything but
dateparser's data) were written *blind* (``baselines/README.md``, "Blind resources": a
session that never opened the benchmark's texts, annotations, guidelines or baseline
files) and are copied verbatim; the era words and the Vietnamese part-of-day cue of the
blind rules are not used.
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

YEAR_WORD_BEFORE: frozenset[str] = frozenset({"fa", "vi"})
"""Languages where the word for "year" precedes the number ("سال ۱۴۰۰",
"năm 2021").  In lv, ru, uk it follows ("2021. gadā", "2021 году",
"2021 року")."""

YEAR_WORDS: dict[str, tuple[str, ...]] = {
    # Latvian: after an ordinal-dotted year "2021. gada/gadā/gads/gadu",
    # plural for decades/ranges "2020.–2021. gados"; abbreviation "g.".
    "lv": ("gada", "gadā", "gads", "gadu", "gadam", "gadi", "gados",
           "gadiem", "g."),
    # Russian: nom./acc. год, gen. года, loc. году (в 2021 году), instr.
    # годом; plural for ranges годы/годов/годах/годам; abbreviations г./гг.
    "ru": ("год", "года", "году", "годом", "годы", "годов", "годах",
           "годам", "г.", "гг."),
    # Ukrainian: рік, gen. року (2021 року), loc. році (у 2021 році), instr.
    # роком; plural роки/років/роках/рокам; abbreviations р./рр.
    "uk": ("рік", "року", "році", "роком", "роки", "років", "роках",
           "рокам", "р.", "рр."),
    # Persian: سال before the number; plural with or without ZWNJ for decades.
    "fa": ("سال", "سال\u200cهای", "سالهای"),
    # Vietnamese: năm before the number.
    "vi": ("năm",),
}
"""Inflected forms of "year" used next to a year number."""

DAY_WORD_BEFORE_NUMBER: dict[str, tuple[str, ...]] = {
    # "ngày 5 tháng 3", news headline style "hôm 5/3"; mùng/mồng for days
    # 1-10 ("mùng 2 tháng 9").  (Persian sometimes writes "روز ۱۵ خرداد",
    # but the bare "۱۵ خرداد" is the normal date form, so fa is not listed.)
    "vi": ("ngày", "hôm", "mùng", "mồng"),
}

MONTH_WORD_BEFORE_NUMBER: dict[str, tuple[str, ...]] = {
    # "tháng 3", "tháng 12"; months are numbered in Vietnamese.
    "vi": ("tháng",),
}

PERSIAN_SOLAR_MONTHS: tuple[str, ...] = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
"""The twelve months of the Solar Hijri (Iranian) calendar, in order.
Variant spelling: "امرداد" for the 5th month."""

AMBIGUOUS_MONTHS: dict[str, frozenset[str]] = {
    # Persian: Solar Hijri months that are also common words or names:
    #   تیر  arrow / shot / beam (تیر برق)        مهر  seal, stamp; kindness
    #   آذر  fire; female given name               دی   short string found in
    #        transliterations (سی دی, دی ان ای) and archaic "yesterday"
    #   بهمن avalanche; male given name            اسفند wild rue
    #   آبان female given name
    # Gregorian "مه" (May) is also "fog, mist".
    # Lunar Hijri (used for religious dates): صفر = "zero"; محرم also
    # "confidant / confidential"; رمضان, رجب, شعبان are given names.
    "fa": frozenset({
        "تیر", "مهر", "آذر", "دی", "بهمن", "اسفند", "آبان",
        "مه", "صفر", "محرم", "رمضان", "رجب", "شعبان",
    }),
    # Ukrainian: лютий "February" is also the adjective "fierce, cruel"
    # (лютий мороз, лютого ворога); листопад "November" is also
    # "leaf-fall".  Forms used in dates and the homonymous forms.
    "uk": frozenset({
        "лютий", "лютого", "лютому", "листопад", "листопада", "листопаді",
    }),
}
"""Month names that count as a month only with a number beside them."""

NUMERIC_DATE_ORDER: dict[str, str] = {
    "lv": "dmy",  # 05.03.2021. (CLDR lv short date dd.MM.yy); ISO y-m-d also official
    "ru": "dmy",  # 05.03.2021 (CLDR ru dd.MM.y)
    "uk": "dmy",  # 05.03.2021 (CLDR uk dd.MM.yy)
    "fa": "ymd",  # ۱۴۰۰/۰۱/۱۵ (CLDR fa y/M/d, Persian calendar)
    "vi": "dmy",  # 05/03/2021, in news also 5/3 (CLDR vi dd/MM/y)
}

NUMERIC_DATE_SEPARATORS: dict[str, str] = {
    "lv": ".",
    "ru": ".",
    "uk": ".",
    "fa": "/",
    "vi": "/",
}
"""Primary separator of all-digit dates."""

NUMERIC_DATE_SEPARATORS_ALT: dict[str, str] = {
    "lv": "-/",  # ISO 2021-03-05; slashes in informal text
    "ru": "/-",
    "uk": "/-",
    "fa": "-.",
    "vi": "-.",
}
"""Less frequent separators also seen in all-digit dates (each character is
one separator)."""

DATE_PREPOSITIONS: dict[str, frozenset[str]] = {
    # Latvian marks time mostly with the locative ("2021. gadā"); these are
    # the prepositions that do precede dates: from / until / since /
    # after / before / around / for (uz).
    "lv": frozenset({"no", "līdz", "kopš", "pēc", "pirms", "ap", "uz"}),
    "ru": frozenset({"в", "во", "с", "со", "до", "по", "к", "ко", "от", "на",
                     "около", "в течение"}),
    "uk": frozenset({"у", "в", "з", "із", "зі", "від", "до", "по", "на",
                     "протягом", "впродовж"}),
    "fa": frozenset({"در", "از", "تا", "به", "طی"}),
    "vi": frozenset({"vào", "từ", "đến", "tới", "trong", "hồi", "lúc",
                     "cho đến"}),
}
"""Prepositions/particles that precede a date and stay OUTSIDE the span."""

DEICTIC_DAY_WORDS: dict[str, tuple[str, ...]] = {
    # today, yesterday, tomorrow, day before yesterday, day after tomorrow
    "lv": ("šodien", "vakar", "rīt", "aizvakar", "parīt"),
    "ru": ("сегодня", "вчера", "завтра", "позавчера", "послезавтра"),
    "uk": ("сьогодні", "вчора", "учора", "завтра", "позавчора",
           "післязавтра"),
    "fa": ("امروز", "دیروز", "فردا", "پریروز", "پس\u200cفردا", "پس فردا"),
    # ngày kia (North) / ngày mốt (South) = day after tomorrow
    "vi": ("hôm nay", "hôm qua", "ngày mai", "hôm kia", "ngày kia",
           "ngày mốt"),
}

RELATIVE_PERIODS: dict[str, tuple[str, ...]] = {
    "lv": (
        "šogad", "pērn", "aizpērn", "nākamgad",
        "šajā gadā", "šā gada", "šī gada", "pagājušajā gadā",
        "pagājušā gada", "pagājušais gads", "nākamajā gadā", "nākamā gada",
        "šomēnes", "šajā mēnesī", "šā mēneša", "pagājušajā mēnesī",
        "pagājušā mēneša", "nākamajā mēnesī", "nākamā mēneša",
        "šonedēļ", "šajā nedēļā", "šīs nedēļas", "pagājušajā nedēļā",
        "pagājušās nedēļas", "nākamajā nedēļā", "nākamās nedēļas",
    ),
    # Forms after removing the preposition ("в этом году" -> "этом году").
    "ru": (
        "этом году", "этого года", "текущем году", "текущего года",
        "нынешнем году", "нынешнего года", "прошлом году", "прошлого года",
        "прошлый год", "минувшем году", "минувшего года", "следующем году",
        "следующего года", "следующий год", "будущем году", "будущего года",
        "этом месяце", "этого месяца", "текущем месяце", "текущего месяца",
        "прошлом месяце", "прошлого месяца", "следующем месяце",
        "следующего месяца",
        "этой неделе", "этой недели", "прошлой неделе", "прошлой недели",
        "следующей неделе", "следующей недели", "текущей неделе",
    ),
    "uk": (
        "цього року", "цьому році", "цьогоріч", "поточного року",
        "поточному році", "минулого року", "минулому році", "минулий рік",
        "торік", "наступного року", "наступному році", "наступний рік",
        "цього місяця", "цьому місяці", "поточного місяця",
        "минулого місяця", "минулому місяці", "наступного місяця",
        "наступному місяці",
        "цього тижня", "цьому тижні", "минулого тижня", "минулому тижні",
        "наступного тижня", "наступному тижні",
    ),
    "fa": (
        "امسال", "پارسال", "سال جاری", "سال گذشته", "سال قبل", "سال پیش",
        "سال آینده", "سال بعد", "سال آتی",
        "این ماه", "ماه جاری", "ماه گذشته", "ماه قبل", "ماه آینده",
        "ماه بعد",
        "این هفته", "هفته جاری", "هفته گذشته", "هفته قبل", "هفته آینده",
        "هفته بعد",
    ),
    "vi": (
        "năm nay", "năm ngoái", "năm trước", "năm qua", "năm tới", "năm sau",
        "tháng này", "tháng trước", "tháng qua", "tháng tới", "tháng sau",
        "tuần này", "tuần trước", "tuần qua", "tuần tới", "tuần sau",
    ),
}
"""This / last / next week, month, year in the forms news uses."""


@dataclass(frozen=True)
class Part:
    """What a calendar phrase is: ``month``, ``weekday``, ``day_word``, ``period``,
    ``year_word``, ``day_before_number`` or ``month_before_number`` (Vietnamese "ngày 5",
    "tháng 3"); ``weak`` when it needs a number beside it to count."""

    kind: str
    weak: bool = False


def _phrase_keys(text: str, lang: str, kind: str) -> list[tuple[str, ...]]:
    """The keys a calendar phrase is filed under: each word as written or as its stem. A
    leading preposition (``DATE_PREPOSITIONS``) is left out: it stays outside the span."""
    words = [norm(t.text) for t in tokenize(text)]
    prepositions = {norm(p) for p in DATE_PREPOSITIONS.get(lang, ())}
    if len(words) > 1 and words[0] in prepositions:
        words = words[1:]
    return name_keys(words, lang)


@lru_cache(maxsize=None)
def calendar_index(lang: str) -> PhraseIndex[Part]:
    """Every calendar phrase of ``lang``, filed under its normalised words."""
    cal = calendar(lang)
    ambiguous = {norm(w) for w in AMBIGUOUS_MONTHS.get(lang, ())}
    items: list[tuple[tuple[str, ...], Part]] = []

    def add(forms, kind, min_letters=1):
        for form in forms:
            letters = sum(ch.isalpha() for ch in form)
            if letters < min_letters:
                continue
            weak = kind == "month" and norm(form) in ambiguous
            items.extend((keys, Part(kind, weak)) for keys in _phrase_keys(form, lang, kind))

    months = list(cal.months) + ([(m,) for m in PERSIAN_SOLAR_MONTHS] if lang == "fa" else [])
    for forms in months:
        add(forms, "month", 3)
    for forms in cal.weekdays:
        add(forms, "weekday", 4)
    add(cal.day_words + DEICTIC_DAY_WORDS.get(lang, ()), "day_word", 3)
    add(cal.relative_periods + RELATIVE_PERIODS.get(lang, ()), "period", 4)
    add(cal.year_words + YEAR_WORDS.get(lang, ()), "year_word")
    add(DAY_WORD_BEFORE_NUMBER.get(lang, ()), "day_before_number")
    add(MONTH_WORD_BEFORE_NUMBER.get(lang, ()), "month_before_number")
    return build_index(items)


@lru_cache(maxsize=None)
def _numeric_date(lang: str) -> re.Pattern[str]:
    """An all-digit date in the language's order (``NUMERIC_DATE_ORDER``) and separators."""
    seps = re.escape(NUMERIC_DATE_SEPARATORS.get(lang, ".") + NUMERIC_DATE_SEPARATORS_ALT.get(lang, ""))
    if NUMERIC_DATE_ORDER.get(lang, "dmy") == "ymd":
        return re.compile(rf"^(?P<y>\d{{2}}|\d{{4}})[{seps}](?P<m>\d{{1,2}})[{seps}](?P<d>\d{{1,2}})$")
    return re.compile(rf"^(?P<d>\d{{1,2}})[{seps}](?P<m>\d{{1,2}})(?:[{seps}](?P<y>\d{{2}}|\d{{4}}))?\.?$")


def _is_day(token: str) -> bool:
    value = to_int(token)
    return value is not None and 1 <= value <= 31


def _is_month_number(token: str) -> bool:
    value = to_int(token)
    return value is not None and 1 <= value <= 12


def _is_year(token: str, short: bool = False) -> bool:
    value = to_int(token.rstrip("."))
    if value is None:
        return False
    digits = len(token.rstrip("."))
    return (digits == 4 and (1900 <= value <= 2100 or 1300 <= value <= 1500)) or (short and digits == 2)


def _is_numeric_date(token: str, lang: str) -> bool:
    m = _numeric_date(lang).match(token)
    if not m:
        return False
    day, month = to_int(m.group("d")), to_int(m.group("m"))
    return day is not None and month is not None and 1 <= day <= 31 and 1 <= month <= 12


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
        elif part.kind == "day_before_number":
            if end < n and (_is_day(tokens[end]) or _is_numeric_date(tokens[end], lang)):
                end += 1
            else:
                continue
        elif part.kind == "month_before_number":
            if end < n and _is_month_number(tokens[end]):
                end += 1
            else:
                continue
        spans.append((start, end))
    spans += [(i, i + 1) for i, t in enumerate(tokens) if _is_numeric_date(t, lang)]
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
