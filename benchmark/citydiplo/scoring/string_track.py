"""The string track: scores at the level of what a system writes, spans as normalised text.

Per *scoring unit* (a sentence; a whole document for a document-level ``strings``
answer) each side is four multisets of tuples (``LAYERS``)::

    entity    (entity type, norm(text))                  both nesting levels (1 and 2)
    trigger   (event type, norm(trigger))
    argument  (event type, role, norm(argument))
    relation  (sorted pair of norm(end)), status)         the two ends unordered

and precision, recall and F1 come from the size of the multiset intersection (``Counter
&``), summed over units, per layer, per type (the tuple's first member; relations: their
status) and per language. ``string_f1`` is the micro F1 over every tuple of the layers in
scope (all four for the end-to-end task). Offsets play no part: a ``strings`` answer is
scored as written (before ``resolve_strings`` places it), and a span of any other format
is read back as its surface text (tokens joined as they stand in the text).

``norm`` (``normalise``) is the one normalisation, applied to both sides: Unicode NFC;
Arabic-script letter variants unified to the Persian letters (``ARABIC_VARIANTS``: ي ى →
ی, ك → ک, ۀ → ه + hamza above, tatweel removed); casefold; inner whitespace collapsed to one
space; surrounding whitespace, punctuation and format characters stripped; the zero-width
non-joiner kept where it joins two letters inside a word, one per run, and dropped beside
a space or at an edge (so "می‌شود" and "می‌‌شود " agree, "میشود" does not). No stemming,
no transliteration.

The accumulator keeps one count row per sentence for the bootstrap (``bootstrap``, the
same resampling as the headline): a document-level unit's counts sit on the row of its
document's first sentence, so a resample that draws that sentence draws the answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from citydiplo.formats.model import TokenEvent, TokenRelation
from citydiplo.formats.tokens import Token
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.entities import sentence_entities

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
    offsets (a user's gold given as words) are joined with spaces."""
    parts: list[str] = []
    prev: Token | None = None
    for tok in tokens[first:last]:
        if prev is not None and (tok.start > prev.end or tok.end == 0):
            parts.append(" ")
        parts.append(tok.text)
        prev = tok
    return "".join(parts)


def from_tokens(tokens: Sequence[Token], ner_tags: Sequence[str] | None, ner_tags_inner: Sequence[str] | None,
                events: Iterable[TokenEvent] | None, relations: Iterable[TokenRelation] | None) -> StringTuples:
    """The tuples of one sentence's token-level layers (gold records and checked predictions
    alike): entities as strict IOB2 reads them, on both levels."""
    out = StringTuples()
    for tags in (ner_tags, ner_tags_inner):
        if tags:
            for etype, first, last in sorted(sentence_entities(tags, "strict"), key=lambda e: e[1:]):
                out.add_entity(etype, surface(tokens, first, last + 1))
    for ev in events or ():
        out.add_event(ev.type, surface(tokens, *ev.trigger), ((a.role, surface(tokens, *a.span)) for a in ev.arguments))
    for rel in relations or ():
        out.add_relation(surface(tokens, *rel.arg1), surface(tokens, *rel.arg2), rel.status)
    return out


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


def _type_of(layer: str, item: tuple) -> str:
    return str(item[1]) if layer == "relation" else str(item[0])


def match(gold: StringTuples, pred: StringTuples, layers: Sequence[str] = LAYERS) -> dict[str, dict[str, Counts]]:
    """Per layer and type, the multiset counts ``(|gold ∩ pred|, |pred|, |gold|)``."""
    out: dict[str, dict[str, Counts]] = {}
    for layer in layers:
        g, p = gold.layer(layer), pred.layer(layer)
        both = g & p
        per_type: dict[str, Counts] = {}
        for counter, slot in ((both, "tp"), (p, "pred"), (g, "gold")):
            for item, n in counter.items():
                c = per_type.setdefault(_type_of(layer, item), Counts())
                setattr(c, slot, getattr(c, slot) + n)
        out[layer] = per_type
    return out


def _total(per_type: Mapping[str, Counts]) -> Counts:
    total = Counts()
    for c in per_type.values():
        total += c
    return total


class StringAccumulator:
    """Sums the unit counts of the string track, per layer, type and language."""

    def __init__(self, layers: Sequence[str] = LAYERS) -> None:
        self.layers = tuple(layers)
        self.layer_types: dict[str, dict[str, Counts]] = {layer: {} for layer in self.layers}
        self.languages: dict[str, dict[str, Counts]] = {}
        self.units = Counter[str]()

    def add(self, gold: StringTuples, pred: StringTuples, language: str, unit: str = "sentence") -> tuple[int, int, int]:
        """Score one unit; its micro counts over the layers in scope (a bootstrap row)."""
        self.units[unit] += 1
        lang = self.languages.setdefault(language, {layer: Counts() for layer in self.layers})
        micro = Counts()
        for layer, per_type in match(gold, pred, self.layers).items():
            for etype, c in per_type.items():
                self.layer_types[layer].setdefault(etype, Counts()).__iadd__(c)
                lang[layer] += c
                micro += c
        return micro.tp, micro.pred, micro.gold

    def summary(self) -> dict:
        """``micro`` (every tuple of the layers in scope), per layer (with ``per_type``) and
        ``per_language`` (micro and per layer), and how many units of each kind."""
        layers = {}
        micro = Counts()
        for layer in self.layers:
            total = _total(self.layer_types[layer])
            micro += total
            layers[layer] = {**total.as_dict(),
                             "per_type": {t: c.as_dict() for t, c in sorted(self.layer_types[layer].items())}}
        per_language = {}
        for lang, per_layer in sorted(self.languages.items()):
            per_language[lang] = {"micro": _total(per_layer).as_dict(),
                                  **{layer: c.as_dict() for layer, c in per_layer.items()}}
        return {"normalisation": "NFC, Arabic-script variants unified, casefold, whitespace collapsed, "
                                 "edges stripped, ZWNJ kept inside words",
                "layers_in_scope": list(self.layers), "units": dict(sorted(self.units.items())),
                "micro": micro.as_dict(), **layers, "per_language": per_language}
