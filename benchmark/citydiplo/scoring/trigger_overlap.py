"""Trigger overlap scores: credit for a trigger whose span overlaps a gold trigger.

Span conventions for triggers (light verbs, compound verbs, noun or verb) are where
annotators differ most, so beside the exact-span trigger figures the results give:
a predicted trigger matches a gold trigger of the same type (*classification*; any type
for *identification*) in the same sentence when their token spans share a token. The
matching is one to one, so a gold trigger is credited once: exact-span pairs first, then
each remaining prediction in reading order takes the first remaining gold trigger it
overlaps. Duplicate predictions (same span and type) count once, as in the exact scores.

``OverlapAccumulator.add`` counts one sentence; ``table_counts`` counts every sentence of
an ``events.EventTable`` at once (the scorer's way), with the same figures (tested equal).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from citydiplo.formats.model import TokenEvent
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.error_analysis import overlaps

if TYPE_CHECKING:
    from citydiplo.scoring.events import EventTable

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


def sentence_rows(gold: Iterable[tuple[tuple[int, int], str]],
                  pred: Iterable[tuple[tuple[int, int], str]]) -> dict[str, tuple[int, int, int]]:
    """One sentence's ``(tp, pred, gold)`` per metric from its (span, type) triggers, each
    side's duplicates counted once."""
    gold, pred = sorted(set(gold)), sorted(set(pred))
    gold_spans, pred_spans = sorted({g[0] for g in gold}), sorted({p[0] for p in pred})
    return {"trigger_classification_overlap": (match(gold, pred), len(pred), len(gold)),
            "trigger_identification_overlap": (match([(s, "") for s in gold_spans], [(s, "") for s in pred_spans]),
                                               len(pred_spans), len(gold_spans))}


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
        rows = sentence_rows(((e.trigger, e.type) for e in gold_events), ((e.trigger, e.type) for e in pred_events or ()))
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


def table_counts(table: "EventTable", language: np.ndarray, names: Sequence[str],
                 n: int) -> tuple[OverlapAccumulator, np.ndarray]:
    """Both overlap metrics for every sentence of ``table`` at once (its events: sentence,
    trigger, type, both sides; ``language``: each sentence's code into ``names``; ``n``
    sentences): the accumulator ``add`` of each sentence would make (every language of
    ``names`` reported), and the per-sentence classification rows (n x 3). A sentence with
    at most one distinct (span, type) on each side is matched with array operations (the
    exact pair, or one overlap of the same type); any other by ``sentence_rows``."""
    labels = {code: name for name, code in table.names.items()}
    rows = np.zeros((n, 3), dtype=np.int32)
    ident = np.zeros((n, 3), dtype=np.int32)
    distinct, spans = [], []
    for side in (0, 1):  # (sentence, first, last, type), distinct and sorted; and (sentence, first, last)
        events = np.frombuffer(table.events[side], dtype=np.int64).reshape(-1, 5)
        distinct.append(_distinct(events[:, :4]))
        spans.append(_distinct(distinct[-1][:, :3]))
    for table_rows, (gold, pred) in ((rows, distinct), (ident, spans)):
        table_rows[:, 1] = np.bincount(pred[:, 0], minlength=n)[:n] if len(pred) else 0
        table_rows[:, 2] = np.bincount(gold[:, 0], minlength=n)[:n] if len(gold) else 0
    simple = (rows[:, 1] == 1) & (rows[:, 2] == 1)
    for table_rows, (gold, pred) in ((rows, distinct), (ident, spans)):
        g, p = gold[simple[gold[:, 0]]], pred[simple[pred[:, 0]]]  # one row per simple sentence, both in order
        hit = ((g[:, 1] == p[:, 1]) & (g[:, 2] == p[:, 2])) | ((g[:, 1] < p[:, 2]) & (p[:, 1] < g[:, 2]))
        if g.shape[1] > 3:
            hit &= g[:, 3] == p[:, 3]
        table_rows[g[:, 0], 0] = hit
    others = np.flatnonzero((rows[:, 1] > 1) | (rows[:, 2] > 1))
    ranges = [(np.searchsorted(d[:, 0], others), np.searchsorted(d[:, 0], others, side="right")) for d in distinct]
    for k, s in enumerate(others.tolist()):
        g_s, p_s = ([((a, b), labels[t]) for _, a, b, t in d[lo[k]:hi[k]].tolist()] for d, (lo, hi) in zip(distinct, ranges))
        found = sentence_rows(g_s, p_s)
        rows[s, 0] = found["trigger_classification_overlap"][0]
        ident[s, 0] = found["trigger_identification_overlap"][0]
    acc = OverlapAccumulator()
    acc.languages(names)
    for metric, table_rows in (("trigger_classification_overlap", rows), ("trigger_identification_overlap", ident)):
        per_language = np.stack([np.bincount(language, weights=table_rows[:, c], minlength=len(names))
                                 for c in range(3)], axis=-1).astype(np.int64).tolist() if names else []
        for group, counts in zip(names, per_language):
            acc.counts[group][metric] = Counts(*counts)
        if names:
            acc.counts["all"][metric] = Counts(*(int(x) for x in table_rows.sum(axis=0)))
    return acc, rows


def _distinct(columns: np.ndarray) -> np.ndarray:
    """The distinct rows of an integer table, sorted (by the first column, then the next...), as int32."""
    table = columns.astype(np.int32)
    if len(table) < 2:
        return table
    order = np.lexsort(table.T[::-1])
    table = table[order]
    new = np.ones(len(table), dtype=bool)
    new[1:] = (table[1:] != table[:-1]).any(axis=1)
    return table[new]
