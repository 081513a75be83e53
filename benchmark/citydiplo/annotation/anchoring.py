"""Anchor hand-chosen mentions to character offsets.

Annotators write what they chose as text, not offsets: one mention per line of a
tab-separated *mention list*::

    # sentence  type  text          nth  normalisation (optional)
    1           CITY  Daugavpils    1    GeoNames:460413

``sentence`` is the 1-based sentence number of the document (``bench sentences DOC``
lists them), ``text`` the exact surface string and ``nth`` which occurrence of it inside
that sentence (1 for the first). This module turns such a list into brat ``TextBound``
and ``Normalization`` records; it never chooses a span itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from citydiplo.errors import InputError
from citydiplo.formats.model import Annotations, Normalization, Sentence, TextBound


@dataclass(frozen=True)
class MentionLine:
    """One row of a mention list."""

    lineno: int
    sentence: int
    type: str
    text: str
    nth: int
    norm: str | None


def parse_mention_list(content: str, path: str) -> list[MentionLine]:
    rows = []
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) not in (4, 5):
            raise InputError(path, lineno, f"expected 4 or 5 tab-separated fields, found {len(fields)}")
        try:
            sentence, nth = int(fields[0]), int(fields[3])
        except ValueError:
            raise InputError(path, lineno, "sentence and nth must be whole numbers") from None
        norm = fields[4].strip() if len(fields) == 5 and fields[4].strip() else None
        rows.append(MentionLine(lineno, sentence, fields[1].strip(), fields[2], nth, norm))
    return rows


def find_nth(haystack: str, needle: str, nth: int) -> int:
    """Offset of the nth (1-based) occurrence of needle, or -1."""
    at = -1
    for _ in range(nth):
        at = haystack.find(needle, at + 1)
        if at == -1:
            return -1
    return at


def anchor(rows: list[MentionLine], text: str, sentences: list[Sentence], path: str) -> Annotations:
    """Turn mention-list rows into text-bound annotations (and normalisations)."""
    ann = Annotations()
    seen: dict[tuple[int, int, str], str] = {}
    for row in rows:
        if not 1 <= row.sentence <= len(sentences):
            raise InputError(path, row.lineno, f"no sentence {row.sentence} (the document has {len(sentences)})")
        sent = sentences[row.sentence - 1]
        at = find_nth(text[sent.start:sent.end], row.text, row.nth)
        if at == -1 or not row.text:
            raise InputError(path, row.lineno, f"{row.text!r} does not occur {row.nth} time(s) in sentence {row.sentence}")
        start = sent.start + at
        key = (start, start + len(row.text), row.type)
        if key in seen:
            raise InputError(path, row.lineno, f"the same {row.type} span is listed twice (first as {seen[key]})")
        tid = f"T{len(ann.textbounds) + 1}"
        seen[key] = tid
        ann.textbounds.append(TextBound(tid, row.type, start, start + len(row.text), row.text))
        if row.norm:
            db, sep, key_id = row.norm.partition(":")
            if not sep:
                raise InputError(path, row.lineno, f"normalisation must be DB:ID, found {row.norm!r}")
            ann.normalizations.append(Normalization(f"N{len(ann.normalizations) + 1}", tid, db, key_id, row.text))
    ann.textbounds.sort(key=lambda t: (t.start, -t.end))
    renumber = {t.id: f"T{i}" for i, t in enumerate(ann.textbounds, 1)}
    ann.textbounds = [TextBound(renumber[t.id], t.type, t.start, t.end, t.text) for t in ann.textbounds]
    ann.normalizations = sorted(
        (Normalization(n.id, renumber[n.target], n.db, n.db_id, n.text) for n in ann.normalizations),
        key=lambda n: int(n.target[1:]),
    )
    ann.normalizations = [
        Normalization(f"N{i}", n.target, n.db, n.db_id, n.text) for i, n in enumerate(ann.normalizations, 1)
    ]
    return ann


# --------------------------------------------------------------------------- events
#
# An *event list* adds events and relations on top of an entity layer:
#
#     E  sentence  TYPE  trigger-text  nth  REALIS
#     A  Role  FILLER_TYPE  text  nth            (argument of the E line above)
#     R  sentence  PARTNER_OF  city-text  nth  city-text  nth  STATUS
#
# Argument fillers must be entity mentions already in the entity layer (same span and
# type), except ITEM spans, which the list creates.


def _locate(text: str, sent: Sentence, needle: str, nth: int, path: str, lineno: int, sentence: int) -> tuple[int, int]:
    at = find_nth(text[sent.start:sent.end], needle, nth)
    if at == -1 or not needle:
        raise InputError(path, lineno, f"{needle!r} does not occur {nth} time(s) in sentence {sentence}")
    return sent.start + at, sent.start + at + len(needle)


def _int(value: str, path: str, lineno: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(path, lineno, f"expected a whole number, found {value!r}") from None


def anchor_events(content: str, text: str, sentences: list[Sentence], base: Annotations, path: str) -> Annotations:
    """Add the events and relations of an event list to a copy of ``base``."""
    from citydiplo.formats.model import Attribute, EventRecord, RelationRecord

    ann = Annotations(list(base.textbounds), [], [], [], list(base.normalizations), list(base.notes),
                      list(base.equivalences))  # the entity clusters of the base are kept
    by_span = {(t.start, t.end, t.type): t.id for t in base.textbounds}
    next_t = 1 + max((int(t.id[1:]) for t in ann.textbounds), default=0)
    current: EventRecord | None = None
    current_sentence = 0

    def new_tb(kind: str, start: int, end: int) -> str:
        nonlocal next_t
        key = (start, end, kind)
        if key not in by_span:
            by_span[key] = f"T{next_t}"
            ann.textbounds.append(TextBound(f"T{next_t}", kind, start, end, text[start:end]))
            next_t += 1
        return by_span[key]

    def sentence_of(n: int, lineno: int) -> Sentence:
        if not 1 <= n <= len(sentences):
            raise InputError(path, lineno, f"no sentence {n} (the document has {len(sentences)})")
        return sentences[n - 1]

    def mention(kind: str, start: int, end: int, lineno: int) -> str:
        if kind == "ITEM":
            return new_tb("ITEM", start, end)
        if (start, end, kind) not in by_span:
            raise InputError(path, lineno, f"no {kind} mention {text[start:end]!r} in the entity layer at [{start}, {end})")
        return by_span[(start, end, kind)]

    def flush() -> None:
        if current is not None:
            ann.events.append(current)

    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = line.split("\t")
        if f[0] == "E" and len(f) == 6:
            flush()
            current_sentence = _int(f[1], path, lineno)
            sent = sentence_of(current_sentence, lineno)
            start, end = _locate(text, sent, f[3], _int(f[4], path, lineno), path, lineno, current_sentence)
            trig = new_tb(f[2].strip(), start, end)
            eid = f"E{len(ann.events) + 1}"
            current = EventRecord(eid, f[2].strip(), trig, ())
            ann.attributes.append(Attribute(f"A{len(ann.attributes) + 1}", "Realis", eid, f[5].strip()))
        elif f[0] == "A" and len(f) == 5:
            if current is None:
                raise InputError(path, lineno, "an argument line must follow an E line")
            sent = sentence_of(current_sentence, lineno)
            start, end = _locate(text, sent, f[3], _int(f[4], path, lineno), path, lineno, current_sentence)
            ref = mention(f[2].strip(), start, end, lineno)
            role = f[1].strip()
            used = sum(1 for r, _ in current.args if r.rstrip("0123456789") == role)
            current = EventRecord(current.id, current.type, current.trigger,
                                  current.args + ((role if used == 0 else f"{role}{used + 1}", ref),))
        elif f[0] == "R" and len(f) == 8:
            n = _int(f[1], path, lineno)
            sent = sentence_of(n, lineno)
            a = mention("CITY", *_locate(text, sent, f[3], _int(f[4], path, lineno), path, lineno, n), lineno)
            b = mention("CITY", *_locate(text, sent, f[5], _int(f[6], path, lineno), path, lineno, n), lineno)
            rid = f"R{len(ann.relations) + 1}"
            ann.relations.append(RelationRecord(rid, f[2].strip(), a, b))
            ann.attributes.append(Attribute(f"A{len(ann.attributes) + 1}", "Status", rid, f[7].strip()))
        else:
            raise InputError(path, lineno, "expected an E line (6 fields), A line (5 fields) or R line (8 fields)")
    flush()
    return ann
