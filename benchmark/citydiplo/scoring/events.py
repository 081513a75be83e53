"""ACE-style event scores, as in OneIE and TextEE, over sentence-level tuples.

Matching rules (all within one sentence, token spans exact):
- trigger identification: the trigger span matches;
- trigger classification: span and event type match;
- argument identification: the argument span and the event type match;
- argument classification: span, event type and role match;
- attached argument identification / classification: as above, and the argument's
  trigger span matches too (the stricter scores that tie an argument to its trigger);
- realis: accuracy over classified triggers (span and type match), and, as TAC-KBP's
  scorer EvmEval reports it, ``trigger_realis`` (span and realis match: EvmEval's
  *realis_status*) and ``trigger_classification_realis`` (span, type and realis: EvmEval's
  *mention_type+realis_status*); micro here, macro (the mean of per-document P, R and F1,
  EvmEval's macro average) added by the scorer;
- relations: PARTNER_OF between the same two spans (order ignored), and with Status.
Duplicates within a sentence count once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from citydiplo.formats.model import TokenEvent, TokenRelation
from citydiplo.scoring.counts import Counts, match_counts

METRICS = (
    "trigger_identification", "trigger_classification",
    "argument_identification", "argument_classification",
    "argument_identification_attached", "argument_classification_attached",
    "relation", "relation_with_status",
    "trigger_realis", "trigger_classification_realis",
)
REALIS_METRICS = ("trigger_realis", "trigger_classification_realis")


def _sets(events: Iterable[TokenEvent], relations: Iterable[TokenRelation]) -> dict[str, set]:
    ev = list(events)
    rel = list(relations)
    return {
        "trigger_identification": {e.trigger for e in ev},
        "trigger_classification": {(e.trigger, e.type) for e in ev},
        "argument_identification": {(e.type, s) for e in ev for s in (a.span for a in e.arguments)},
        "argument_classification": {(e.type, a.role, a.span) for e in ev for a in e.arguments},
        "argument_identification_attached": {(e.trigger, e.type, s) for e in ev for s in (a.span for a in e.arguments)},
        "argument_classification_attached": {(e.trigger, e.type, a.role, a.span) for e in ev for a in e.arguments},
        "relation": {(r.type, frozenset((r.arg1, r.arg2))) for r in rel},
        "relation_with_status": {(r.type, frozenset((r.arg1, r.arg2)), r.status) for r in rel},
        "trigger_realis": {(e.trigger, e.realis) for e in ev},
        "trigger_classification_realis": {(e.trigger, e.type, e.realis) for e in ev},
    }


@dataclass
class SentenceEventScore:
    counts: dict[str, tuple[int, int, int]]
    realis_matched: int
    realis_correct: int
    per_type: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def score_sentence(gold_events: Iterable[TokenEvent], pred_events: Iterable[TokenEvent],
                   gold_relations: Iterable[TokenRelation] = (), pred_relations: Iterable[TokenRelation] = ()) -> SentenceEventScore:
    gold_events, pred_events = list(gold_events), list(pred_events)
    gold = _sets(gold_events, gold_relations)
    pred = _sets(pred_events, pred_relations)
    counts = {m: match_counts(gold[m], pred[m]) for m in METRICS}
    gold_realis = {(e.trigger, e.type): e.realis for e in gold_events}
    matched = correct = 0
    for e in {(e.trigger, e.type): e for e in pred_events}.values():
        if (e.trigger, e.type) in gold_realis:
            matched += 1
            correct += int(gold_realis[(e.trigger, e.type)] == e.realis)
    per_type = {}
    for etype in {e.type for e in gold_events} | {e.type for e in pred_events}:
        g = {e.trigger for e in gold_events if e.type == etype}
        p = {e.trigger for e in pred_events if e.type == etype}
        per_type[etype] = match_counts(g, p)
    return SentenceEventScore(counts, matched, correct, per_type)


class EventAccumulator:
    """Sums sentence scores into corpus-level figures."""

    def __init__(self) -> None:
        self.totals = {m: Counts() for m in METRICS}
        self.per_type: dict[str, Counts] = {}
        self.realis_matched = 0
        self.realis_correct = 0

    def add(self, s: SentenceEventScore) -> None:
        for m, c in s.counts.items():
            self.totals[m].add(*c)
        for t, c in s.per_type.items():
            self.per_type.setdefault(t, Counts()).add(*c)
        self.realis_matched += s.realis_matched
        self.realis_correct += s.realis_correct

    def summary(self) -> dict:
        out = {m: c.as_dict() for m, c in self.totals.items()}
        out["realis_accuracy"] = {
            "accuracy": self.realis_correct / self.realis_matched if self.realis_matched else 0.0,
            "matched_triggers": self.realis_matched,
        }
        out["trigger_classification_per_type"] = {t: c.as_dict() for t, c in sorted(self.per_type.items())}
        return out
