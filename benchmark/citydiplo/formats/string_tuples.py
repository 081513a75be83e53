"""The string track's text side, below scoring: ``normalise`` (the one normalisation of a
span text), ``StringTuples`` (the four multisets of one side of one scoring unit) and the
tuples of a ``strings`` record as written (``from_strings``) or of token spans read back as
text (``surface``). The readers take a ``strings`` answer's tuples here before resolving it;
matching and accumulating them is ``scoring.string_track``'s job (its docstring describes
the tuples and the normalisation).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from citydiplo.formats.tokens import Token, Words

LAYERS = ("entity", "trigger", "argument", "relation")

ARABIC_VARIANTS = {
    "\u064a": "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC LETTER KAF -> KEHEH
    "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE -> HEH + HAMZA ABOVE (its decomposed form)
    "\u0640": "",  # TATWEEL (kashida): a stretching mark, not a letter
}
_VARIANTS = str.maketrans(ARABIC_VARIANTS)
ZWNJ = "\u200c"
_SPACE = re.compile(r"\s+")
_ZWNJ_RUN = re.compile(ZWNJ + "+")
_ZWNJ_BY_SPACE = re.compile(f" ?{ZWNJ} ?")


def _edge(ch: str) -> bool:
    """Stripped at either end: whitespace, punctuation, format characters (ZWNJ, ZWJ, BOM)."""
    cat = unicodedata.category(ch)
    return ch.isspace() or cat[0] in "PZ" or cat in ("Cf", "Cc")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The string track's normalisation of one span text (see the module docstring);
    memoised, since the same names recur."""
    s = unicodedata.normalize("NFC", text).translate(_VARIANTS)
    s = unicodedata.normalize("NFC", s.casefold())
    s = _SPACE.sub(" ", s)
    s = _ZWNJ_RUN.sub(ZWNJ, s)
    s = _ZWNJ_BY_SPACE.sub(lambda m: m.group(0) if m.group(0) == ZWNJ else " ", s)
    first, last = 0, len(s)
    while first < last and _edge(s[first]):
        first += 1
    while last > first and _edge(s[last - 1]):
        last -= 1
    return s[first:last]


@dataclass
class StringTuples:
    """The four multisets of one side of one scoring unit."""

    entity: Counter = field(default_factory=Counter)
    trigger: Counter = field(default_factory=Counter)
    argument: Counter = field(default_factory=Counter)
    relation: Counter = field(default_factory=Counter)

    def layer(self, name: str) -> Counter:
        if name not in LAYERS:
            raise KeyError(f"no string-track layer {name!r} (expected one of {', '.join(LAYERS)})")
        return getattr(self, name)

    def __iadd__(self, other: "StringTuples") -> "StringTuples":
        for name in LAYERS:
            self.layer(name).update(other.layer(name))
        return self

    def add_entity(self, etype: Any, text: str) -> None:
        self.entity[(str(etype), normalise(text))] += 1

    def add_event(self, etype: Any, trigger: str, arguments: Iterable[tuple[Any, str]]) -> None:
        self.trigger[(str(etype), normalise(trigger))] += 1
        for role, text in arguments:
            self.argument[(str(etype), str(role), normalise(text))] += 1

    def add_relation(self, arg1: str, arg2: str, status: Any) -> None:
        ends = tuple(sorted((normalise(arg1), normalise(arg2))))
        self.relation[(ends, None if status is None else str(status))] += 1


def surface(tokens: Sequence[Token], first: int, last: int) -> str:
    """The text of tokens ``[first, last)`` as it stands: adjacent tokens joined directly,
    tokens with a gap between them (whitespace in the text) with one space. Tokens without
    offsets (a user's gold given as words, ``Words``) are joined with spaces."""
    if isinstance(tokens, Words):
        return " ".join(map(str, tokens.words[first:last]))
    parts: list[str] = []
    prev: Token | None = None
    for tok in tokens[first:last]:
        if prev is not None and (tok.start > prev.end or tok.end == 0):
            parts.append(" ")
        parts.append(tok.text)
        prev = tok
    return "".join(parts)


def _text(value: Any) -> str | None:
    """The text of a span given as a string or as ``{"text": ..., "occurrence": k}``."""
    if isinstance(value, Mapping):
        value = value.get("text")
    return value if isinstance(value, str) else None


def from_strings(record: Mapping[str, Any]) -> StringTuples:
    """The tuples of one ``strings`` record as written (no resolution). Entities marked
    deeper than level 2 are left out, as the gold's are; the record's shape is checked by
    ``resolve_strings`` and the chars reader, which run on the same record."""
    out = StringTuples()
    for ent in record.get("entities") or ():
        if isinstance(ent, Mapping) and _text(ent.get("text")) is not None:
            level = ent.get("level", 1)
            if not (isinstance(level, int) and level > 2):
                out.add_entity(ent.get("type"), ent["text"])
    for ev in record.get("events") or ():
        trigger = _text(ev.get("trigger")) if isinstance(ev, Mapping) else None
        if trigger is None:
            continue
        args = [(a.get("role"), _text(a.get("text"))) for a in ev.get("arguments") or () if isinstance(a, Mapping)]
        out.add_event(ev.get("type"), trigger, ((role, t) for role, t in args if t is not None))
    for rel in record.get("relations") or ():
        if isinstance(rel, Mapping):
            a1, a2 = _text(rel.get("arg1")), _text(rel.get("arg2"))
            if a1 is not None and a2 is not None:
                out.add_relation(a1, a2, rel.get("status"))
    return out
