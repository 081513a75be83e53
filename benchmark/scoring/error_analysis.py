"""Classify predicted mentions against gold ones, as a pure function.

Used by ``bench view --predictions`` (a system's errors) and ``bench view --compare`` (two
annotation passes, one read as the reference). A mention is ``(start, end, label)`` in any
unit (character offsets here); the categories are, for each predicted mention:

* ``correct``: a gold mention has the same span and the same label;
* ``wrong_type``: a gold mention has the same span, none the same label;
* ``wrong_boundary``: no gold mention has the same span, but one overlaps it;
* ``spurious``: no gold mention overlaps it;

and, for each gold mention that no predicted mention overlaps, ``missed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

Span = tuple[int, int, str]

CORRECT = "correct"
WRONG_TYPE = "wrong_type"
WRONG_BOUNDARY = "wrong_boundary"
SPURIOUS = "spurious"
MISSED = "missed"
CATEGORIES = (CORRECT, WRONG_TYPE, WRONG_BOUNDARY, SPURIOUS, MISSED)
ERROR_CATEGORIES = CATEGORIES[1:]


@dataclass(frozen=True)
class Judgement:
    """One mention's verdict: its span and label, and the gold mentions that decided it.

    For ``missed`` the span and label are the gold mention's own and ``gold`` holds it.
    """

    category: str
    start: int
    end: int
    label: str
    gold: tuple[Span, ...] = ()

    @property
    def predicted(self) -> bool:
        return self.category != MISSED


def overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    """Two [start, end) spans share at least one position."""
    return a[0] < b[1] and b[0] < a[1]


def classify(gold: Iterable[Span], predicted: Iterable[Span]) -> list[Judgement]:
    """Judge every predicted mention and list the missed gold ones, ordered by position.

    Duplicate mentions count once on each side.
    """
    gold_list = sorted(set(gold))
    pred_list = sorted(set(predicted))
    gold_set = set(gold_list)
    out = []
    for p in pred_list:
        same_span = tuple(g for g in gold_list if (g[0], g[1]) == (p[0], p[1]))
        if p in gold_set:
            out.append(Judgement(CORRECT, p[0], p[1], p[2], (p,)))
        elif same_span:
            out.append(Judgement(WRONG_TYPE, p[0], p[1], p[2], same_span))
        else:
            over = tuple(g for g in gold_list if overlaps(g, p))
            out.append(Judgement(WRONG_BOUNDARY if over else SPURIOUS, p[0], p[1], p[2], over))
    for g in gold_list:
        if not any(overlaps(g, p) for p in pred_list):
            out.append(Judgement(MISSED, g[0], g[1], g[2], (g,)))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(out, key=lambda j: (j.start, j.end, order[j.category], j.label))


def summarize(judgements: Iterable[Judgement]) -> dict[str, int]:
    """Counts per category, every category present, in ``CATEGORIES`` order."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for j in judgements:
        counts[j.category] += 1
    return counts
