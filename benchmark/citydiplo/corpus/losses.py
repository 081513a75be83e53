"""``annotations/parallel/<language>/LOSSES.tsv``: what each translation could not carry over.

One tab-separated row per translated document and kind of item: how many items of that kind
the original has, how many were lost and projected, and the lost ids (comma-separated).
``parse_losses`` is the one reader (pure): the rows, and the (line, problem) of every
malformed row — a wrong header, a short row, an unknown kind, counts that are not numbers or
do not add up (original = lost + projected, one id per loss), a repeated row. Validation
(``annotation.alignment``) and the release (``release.translations``) both read it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOSSES = "LOSSES.tsv"
LOSS_COLUMNS = ("doc", "kind", "original", "lost", "projected", "lost_ids")
LOSS_KINDS = ("entity", "ITEM", "trigger", "event", "argument", "relation", "attribute", "normalisation")


@dataclass(frozen=True)
class Loss:
    """One row of a losses table."""

    doc: str
    kind: str
    original: int
    lost: int
    projected: int
    lost_ids: tuple[str, ...]


def parse_losses(text: str) -> tuple[list[Loss], list[tuple[int, str]]]:
    """The well-formed rows of a losses table and the (line, problem) of every other one."""
    lines = text.split("\n")
    if tuple(lines[0].split("\t")) != LOSS_COLUMNS:
        return [], [(1, f"not a losses table: the header must be {' '.join(LOSS_COLUMNS)} (tab-separated)")]
    rows: list[Loss] = []
    problems: list[tuple[int, str]] = []
    seen: set[tuple[str, str]] = set()
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(LOSS_COLUMNS):
            problems.append((lineno, f"expected {len(LOSS_COLUMNS)} tab-separated cells, found {len(cells)}"))
            continue
        doc, kind, original, lost, projected, ids_cell = cells
        ids = tuple(i for i in re.split(r"[,\s]+", ids_cell) if i)
        if kind not in LOSS_KINDS:
            problems.append((lineno, f"unknown kind {kind!r} (one of {', '.join(LOSS_KINDS)})"))
            continue
        if (doc, kind) in seen:
            problems.append((lineno, f"{doc} {kind} is listed twice"))
            continue
        try:
            counts = int(original), int(lost), int(projected)
        except ValueError:
            problems.append((lineno, "original, lost and projected must be whole numbers"))
            continue
        if counts[1] != len(ids) or counts[0] != counts[1] + counts[2] or min(counts) < 0:
            problems.append((lineno, f"{doc} {kind}: the counts do not add up: original {counts[0]} = lost "
                                     f"{counts[1]} + projected {counts[2]} must hold, with one lost id per loss "
                                     f"({len(ids)} listed)"))
            continue
        seen.add((doc, kind))
        rows.append(Loss(doc, kind, *counts, ids))
    return rows, problems
