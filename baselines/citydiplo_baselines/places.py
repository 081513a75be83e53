"""CITY and GPE mentions from GeoNames and ISO 3166 names, with GeoNames / ISO ids.

Each language gets one phrase index over the names written in its script: the cities'
names and alternate names (``resources.city_names``) and the country names in that
language (``resources.country_names``). Tokens are compared by their normalised form;
in Latvian, Russian and Ukrainian a name word is also filed under its stem
(``inflection.stem``) and a text token is read as itself or any of its stems
(``inflection.readings``), so that "Harbinas" finds "Harbina", "Южно-Сахалинске" finds
"Южно-Сахалинск" and "Вупперталем" finds "Вупперталь". The closest reading wins (the
longest key shared): "Китая" is "Китай" (China), not "Кито" (Quito).

Rules (fixed a priori, not tuned on the benchmark):
* in cased scripts a match must start on a capitalised token;
* a frequent word of the language (``lexicon.STOPWORDS``) is never a one-word name;
* in Persian, which has no capitals, a city name needs four letters or more;
* between homonyms, a country beats a city, a resource's main name beats an alternate
  one, and a larger population beats a smaller one.
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
from citydiplo_baselines.resources import SCRIPTS, Name, city_names, country_names
from citydiplo_baselines.text import is_capitalised, norm

CASELESS = frozenset({"ARABIC"})
MIN_CASELESS_CITY_LETTERS = 4


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
        return sum(ch.isalpha() for ch in name.text) >= MIN_CASELESS_CITY_LETTERS
    return True


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(norm(w) for w in STOPWORDS.get(lang, ()))


def _preference(name: Name) -> tuple:
    return (name.type != "GPE", not name.primary, -name.population, name.id)


@lru_cache(maxsize=None)
def _city_words(script_name: str) -> tuple[tuple[Name, tuple[str, ...]], ...]:
    """The cities' names in a script with their normalised words (shared by lv and vi)."""
    return tuple((name, tuple(name_words(name.text))) for name in city_names(script_name))


@lru_cache(maxsize=None)
def _names(lang: str) -> tuple[tuple[Name, tuple[str, ...]], ...]:
    """The names a ``lang`` text is searched for, kept ones only, with their normalised words."""
    countries = tuple((name, tuple(name_words(name.text))) for name in country_names(lang))
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
