"""brat standoff (``.ann``) parsing and serialisation as pure functions.

``parse_ann(serialize_ann(a)) == a`` for every ``Annotations``, and
``serialize_ann(parse_ann(s)) == s`` for every file written in canonical order
(T, E, A, R, *, N, # lines, each kind in its own order). ``*`` lines are brat
equivalences: the entity clusters of GUIDELINES part 3 (``*<TAB>Coref T5 T24``).
"""

from __future__ import annotations

import re

from citydiplo.errors import InputError
from citydiplo.formats.model import Annotations, Attribute, Equivalence, EventRecord, Normalization, Note, RelationRecord, TextBound

_ID = {"T": r"T\d+", "E": r"E\d+", "A": r"A\d+", "R": r"R\d+", "N": r"N\d+", "#": r"#\d+"}
_NAME = r"[^\s:]+"
MAX_OFFSET_DIGITS = 12


def _bad(path: str, lineno: int, problem: str) -> InputError:
    return InputError(path, lineno, problem)


def _fields(line: str, n: int, path: str, lineno: int) -> list[str]:
    parts = line.split("\t", n - 1)
    if len(parts) < n:
        raise _bad(path, lineno, f"expected {n} tab-separated fields, found {len(parts)}")
    return parts


def parse_ann(text: str, path: str = "<ann>") -> Annotations:
    """Parse the text of a ``.ann`` file; raise ``InputError`` naming the line on bad input."""
    ann = Annotations()
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            ident, mid, surface = _fields(line, 3, path, lineno)
            m = re.fullmatch(rf"({_NAME}) (\d+) (\d+)", mid)
            if not re.fullmatch(_ID["T"], ident):
                raise _bad(path, lineno, f"bad annotation id {ident!r}")
            if not m:
                if ";" in mid:
                    raise _bad(path, lineno, "discontinuous spans are not used in CityDiplo")
                raise _bad(path, lineno, f"cannot read type and offsets from {mid!r}")
            for offset in (m.group(2), m.group(3)):
                if len(offset) > MAX_OFFSET_DIGITS:
                    raise _bad(path, lineno, f"the offset {offset[:12]}... ({len(offset)} digits) is too large "
                                             "for any document")
            ann.textbounds.append(TextBound(ident, m.group(1), int(m.group(2)), int(m.group(3)), surface))
        elif kind == "E":
            ident, body = _fields(line, 2, path, lineno)
            parts = body.split()
            if not re.fullmatch(_ID["E"], ident) or not parts:
                raise _bad(path, lineno, f"cannot read event line {line!r}")
            pairs = []
            for part in parts:
                role, sep, ref = part.partition(":")
                if not sep or not role or not ref:
                    raise _bad(path, lineno, f"expected ROLE:ID, found {part!r}")
                pairs.append((role, ref))
            (etype, trigger), args = pairs[0], tuple(pairs[1:])
            ann.events.append(EventRecord(ident, etype, trigger, args))
        elif kind == "A" or kind == "M":
            ident, body = _fields(line, 2, path, lineno)
            parts = body.split()
            if len(parts) not in (2, 3):
                raise _bad(path, lineno, f"expected NAME TARGET [VALUE], found {body!r}")
            ann.attributes.append(Attribute(ident, parts[0], parts[1], parts[2] if len(parts) == 3 else None))
        elif kind == "R":
            ident, body = _fields(line, 2, path, lineno)
            m = re.fullmatch(rf"({_NAME}) Arg1:(\S+) Arg2:(\S+)", body.strip())
            if not m:
                raise _bad(path, lineno, f"expected TYPE Arg1:ID Arg2:ID, found {body!r}")
            ann.relations.append(RelationRecord(ident, m.group(1), m.group(2), m.group(3)))
        elif kind == "*":
            ident, body = _fields(line, 2, path, lineno)
            parts = body.split()
            if ident != "*" or len(parts) < 3 or not all(re.fullmatch(_ID["T"], p) for p in parts[1:]):
                raise _bad(path, lineno, f"expected *<TAB>TYPE T.. T.. (two or more members), found {line!r}")
            ann.equivalences.append(Equivalence(parts[0], tuple(parts[1:])))
        elif kind == "N":
            fields = line.split("\t")
            if len(fields) not in (2, 3):
                raise _bad(path, lineno, "expected 2 or 3 tab-separated fields")
            m = re.fullmatch(r"Reference (\S+) ([^\s:]+):(\S+)", fields[1])
            if not m:
                raise _bad(path, lineno, f"expected Reference ID DB:KEY, found {fields[1]!r}")
            ann.normalizations.append(
                Normalization(fields[0], m.group(1), m.group(2), m.group(3), fields[2] if len(fields) == 3 else "")
            )
        elif kind == "#":
            fields = line.split("\t", 2)
            head = fields[1].split() if len(fields) > 1 else []
            if len(head) != 2:
                raise _bad(path, lineno, "expected #ID<TAB>TYPE TARGET<TAB>TEXT")
            ann.notes.append(Note(fields[0], head[0], head[1], fields[2] if len(fields) == 3 else ""))
        else:
            raise _bad(path, lineno, f"unknown annotation kind {kind!r} (expected T, E, A, R, *, N or #)")
    return ann


def ann_line_numbers(text: str) -> dict[str, int]:
    """Annotation id -> its 1-based line in the ``.ann`` text (the first line of an id
    written twice), so that errors found after parsing can cite the line."""
    lines: dict[str, int] = {}
    for lineno, line in enumerate(text.split("\n"), 1):
        ident = line.split("\t", 1)[0]
        if ident.strip():
            lines.setdefault(ident, lineno)
    return lines


def serialize_ann(ann: Annotations) -> str:
    """Write ``Annotations`` as brat standoff text in canonical order."""
    lines = []
    for t in ann.textbounds:
        if "\n" in t.text:
            raise ValueError(f"{t.id}: a span may not contain a line break")
        lines.append(f"{t.id}\t{t.type} {t.start} {t.end}\t{t.text}")
    for e in ann.events:
        args = "".join(f" {role}:{ref}" for role, ref in e.args)
        lines.append(f"{e.id}\t{e.type}:{e.trigger}{args}")
    for a in ann.attributes:
        value = f" {a.value}" if a.value is not None else ""
        lines.append(f"{a.id}\t{a.name} {a.target}{value}")
    for r in ann.relations:
        lines.append(f"{r.id}\t{r.type} Arg1:{r.arg1} Arg2:{r.arg2}")
    for n in ann.normalizations:
        lines.append(f"{n.id}\tReference {n.target} {n.db}:{n.db_id}\t{n.text}")
    for c in ann.notes:
        lines.append(f"{c.id}\t{c.type} {c.target}\t{c.text}")
    for q in ann.equivalences:  # last: the document-level layer follows the mention layers (GUIDELINES 3.1)
        lines.append(f"*\t{q.type} {' '.join(q.members)}")
    return "".join(line + "\n" for line in lines)
