"""Text normalisation shared by the baselines: one comparison form for names and words.

Pure functions, no data. ``norm`` makes two spellings of the same word compare equal
when they differ only in ways the five languages' writing systems treat as variants:
Unicode composition, letter case, the three apostrophes, Russian ё/е, the Arabic and
Persian forms of yeh and kaf, the zero-width non-joiner and the tatweel.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"'": "’", "\u02bc": "’", "`": "’"})
_VARIANTS = str.maketrans({
    "ё": "е",
    "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
    "\u0649": "\u06cc",  # alef maksura -> Persian yeh
    "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u200c": None,  # ZWNJ
    "\u200d": None,  # ZWJ
    "\u0640": None,  # tatweel
})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # harakat, superscript alef


@lru_cache(maxsize=200_000)
def norm(word: str) -> str:
    """The comparison form of a word: NFC, case-folded, variant letters unified."""
    text = unicodedata.normalize("NFC", word).casefold()
    text = text.translate(_APOSTROPHES).translate(_VARIANTS)
    return _ARABIC_MARKS.sub("", text)


def script(text: str) -> str | None:
    """The script of the first letter (``LATIN``, ``CYRILLIC``, ``ARABIC``, ...), if any."""
    for ch in text:
        if ch.isalpha():
            return _char_script(ch)
    return None


@lru_cache(maxsize=None)
def _char_script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


def is_capitalised(text: str) -> bool:
    """True when the first letter is upper case (a name in a cased script)."""
    return next((ch.isupper() for ch in text if ch.isalpha()), False)


def to_int(text: str) -> int | None:
    """The value of a token made of decimal digits of any script ("12", "۹۸", "12." in
    Latvian ordinals); ``None`` otherwise."""
    body = text[:-1] if text.endswith(".") else text
    if not body or not all(unicodedata.category(ch) == "Nd" for ch in body):
        return None
    return int("".join(str(unicodedata.digit(ch)) for ch in body))
