"""Trigger overlap scores: credit for a trigger whose span overlaps a gold trigger.

Span conventions for triggers (light verbs, compound verbs, noun or verb) are where
annotators differ most, so beside the exact-span trigger figures the results give:
a predicted trigger matches a gold trigger of the same type (*classification*; any type
for *identification*) in the same sentence when their token spans share a token. The
matching is one to one, so a gold trigger is credited once: exact-span pairs first, then
each remaining prediction in reading order takes the first remaining gold trigger it
overlaps. Duplicate predictions (same span and type) count once, as in the exact scores.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from citydiplo.formats.model import TokenEvent
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.error_analysis import overlaps

METRICS = ("trigger_identification_overlap", "trigger_classification_overlap")


def match(gold: list[tuple[tuple[int, int], str]], pred: list[tuple[tuple[int, int], str]]) -> int:
    """The number of one-to-one overlap matches between gold and predicted (span, type) triggers."""
    gold_left, pred_left = list(gold), []
    for p in pred:
        if p in gold_left:
            gold_left.remove(p)
        else:
            pred_left.append(p)
    matched = len(pred) - len(pred_left)
    for span, etype in pred_left:
        hit = next((g for g in gold_left if g[1] == etype and overlaps(g[0], span)), None)
        if hit is not None:
            gold_left.remove(hit)
            matched += 1
    return matched


class OverlapAccumulator:
    def __init__(self) -> None:
        self.counts: dict[str, dict[str, Counts]] = defaultdict(lambda: {m: Counts() for m in METRICS})

    def add(self, gold_events: Sequence[TokenEvent], pred_events: Sequence[TokenEvent] | None,
            language: str) -> tuple[int, int, int]:
        """Add one sentence; returns its classification row ``(tp, pred, gold)``."""
        if not gold_events and not pred_events:
            self.counts[language]  # nothing to match; the language is reported
            self.counts["all"]
            return (0, 0, 0)
        gold = sorted({(e.trigger, e.type) for e in gold_events})
        pred = sorted({(e.trigger, e.type) for e in pred_events or []})
        gold_spans = sorted({g[0] for g in gold})
        pred_spans = sorted({p[0] for p in pred})
        rows = {"trigger_classification_overlap": (match(gold, pred), len(pred), len(gold)),
                "trigger_identification_overlap": (match([(s, "") for s in gold_spans], [(s, "") for s in pred_spans]),
                                                   len(pred_spans), len(gold_spans))}
        for group in ("all", language):
            for m, row in rows.items():
                self.counts[group][m].add(*row)
        return rows["trigger_classification_overlap"]

    def languages(self, names: Sequence[str]) -> None:
        """Report these languages (and the total) even where nothing was added (as ``add``
        of a sentence with no events on either side)."""
        for group in ("all", *names) if names else ():
            self.counts[group]

    def summary(self) -> dict:
        out = {m: c.as_dict() for m, c in self.counts["all"].items()} if "all" in self.counts else \
            {m: Counts().as_dict() for m in METRICS}
        out["per_language"] = {g: {m: c.as_dict() for m, c in cs.items()} for g, cs in sorted(self.counts.items()) if g != "all"}
        return out
