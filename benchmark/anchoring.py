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

from .errors import InputError
from .model import Annotations, Normalization, Sentence, TextBound


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
