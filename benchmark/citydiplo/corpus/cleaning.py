"""Seed -> cleaned document text, with provenance, as a pure function.

A cleaning recipe names whole line ranges of the seed to remove, each with a reason; the
document is what remains, character for character. Provenance is the list of seed
character ranges that make up the document text, in order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Removal:
    """Seed lines ``first..last`` (1-based, inclusive, with their line breaks) and why."""

    first: int
    last: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    provenance: list[tuple[int, int]]
    removals: list[dict]


def line_offsets(seed: str) -> list[tuple[int, int]]:
    """[start, end) of every line, the end including its line break."""
    out, pos = [], 0
    for line in seed.splitlines(keepends=True):
        out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def clean(seed: str, removals: list[Removal]) -> Cleaned:
    """Remove the given line ranges; return text, provenance and removal records."""
    lines = line_offsets(seed)
    dropped: list[tuple[int, int]] = []
    records = []
    for r in sorted(removals, key=lambda r: r.first):
        if not 1 <= r.first <= r.last <= len(lines):
            raise ValueError(f"removal lines {r.first}-{r.last} outside the seed's {len(lines)} lines")
        start, end = lines[r.first - 1][0], lines[r.last - 1][1]
        if dropped and start < dropped[-1][1]:
            raise ValueError(f"removal lines {r.first}-{r.last} overlap the one before")
        dropped.append((start, end))
        records.append({"seed_start": start, "seed_end": end, "lines": [r.first, r.last],
                        "reason": r.reason, "text": seed[start:end]})
    provenance, pos = [], 0
    for start, end in dropped:
        if start > pos:
            provenance.append((pos, start))
        pos = end
    if pos < len(seed):
        provenance.append((pos, len(seed)))
    text = "".join(seed[s:e] for s, e in provenance)
    return Cleaned(text, provenance, records)


def seed_offset(provenance: list[tuple[int, int]], doc_offset: int) -> int:
    """Map a document character offset back to its seed offset."""
    pos = 0
    for start, end in provenance:
        if doc_offset < pos + (end - start):
            return start + (doc_offset - pos)
        pos += end - start
    raise IndexError(f"offset {doc_offset} is past the end of the document ({pos})")
