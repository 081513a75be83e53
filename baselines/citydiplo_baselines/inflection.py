"""Light inflection handling for Latvian, Russian and Ukrainian: a suffix stripper.

Names and words in these languages change their ending by case ("Harbina", "Harbinas",
"Harbinai"; "Сахалинск", "Сахалинске"; "Вупперталь", "Вупперталем"). ``stem`` strips
the longest case or number ending from a normalised word, leaving at least
``MIN_STEM`` characters, so that two forms of one word share a stem. The ending lists
are the nominal (noun and adjective) endings of standard grammars of each language
(e.g. the Latvian noun declensions 1-6, the Russian and Ukrainian first to third
declensions and the adjective paradigm); no list comes from the benchmark's texts.
Persian and Vietnamese do not inflect names and pass through unchanged.
"""

from __future__ import annotations

MIN_STEM = 3

_ENDINGS = {
    "lv": """
        ajiem ajām ajos ajās ajam ajai ais ajā ajo ām ās ēm ēs īm īs iem ij ai ei as es is us os
        ūs um im am em ā ē ī ū a e i u o s š
    """,
    "ru": """
        ыми ими ями ами ого его ому ему ией иям иях ях ах ам ям ой ей ом ем ым им ых их ую юю
        ая яя ое ее ий ый ой ов ев ью ия ие ии ию а я ы и е у ю о ь й
    """,
    "uk": """
        ами ями ого ому ові еві єві ими ях ах ам ям ою ею єю ом ем єм ий ій им их ів їв ої ої
        ів ия ія ією ею а я і ї и у ю е є о ь й
    """,
}

ENDINGS: dict[str, tuple[str, ...]] = {
    lang: tuple(sorted(set(text.split()), key=len, reverse=True)) for lang, text in _ENDINGS.items()
}

INFLECTED = frozenset(ENDINGS)


def stem(word: str, lang: str) -> str:
    """Strip the longest ending of ``lang`` that leaves at least ``MIN_STEM`` characters.

    ``word`` is already normalised (``citydiplo_baselines.text.norm``). Only the end is touched,
    so in a hyphenated name ("южно-сахалинске") the last part is the one that changes."""
    endings = ENDINGS.get(lang)
    if not endings:
        return word
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def readings(word: str, lang: str) -> tuple[str, ...]:
    """Every form ``word`` may be the inflection of: the word itself and each stem left by
    stripping one ending of ``lang`` (at least ``MIN_STEM`` characters), least stripped
    first. A token is matched against names through these."""
    out = [word]
    for ending in reversed(ENDINGS.get(lang, ())):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            candidate = word[: -len(ending)]
            if candidate not in out:
                out.append(candidate)
    return tuple(out)
