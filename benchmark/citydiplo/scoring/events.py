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

``score_sentence`` scores one sentence; ``EventTable`` keeps the events and relations of
many sentences as integer rows and counts every sentence at once (``keyed.match``), per
sentence, language, type and document: the same counts, summed (tested equal).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from citydiplo.formats.model import TokenEvent, TokenRelation
from citydiplo.scoring.counts import Counts, match_counts
from citydiplo.scoring.keyed import Match, match, row_keys

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


_EVENT, _ARGUMENT, _RELATION = 5, 4, 7  # ints per row: see ``EventTable``


class EventTable:
    """The events and relations of many sentences, gold and predicted, as rows of small
    integers (labels, ``None`` included, coded in ``names``)::

        event     sentence, trigger first, trigger last, type, realis
        argument  event (its row), role, first, last
        relation  sentence, type, lesser end (first, last), greater end, status

    (a relation's ends in order, so that ``frozenset`` equality is row equality).
    ``matches`` counts every metric of ``score_sentence`` for all sentences at once."""

    def __init__(self) -> None:
        self.names: dict[Any, int] = {}
        self.events = (array("q"), array("q"))
        self.arguments = (array("q"), array("q"))
        self.relations = (array("q"), array("q"))
        self.sentences = array("q")  # the sentences added, in order

    def _code(self, value: Any) -> int:
        code = self.names.get(value)
        return code if code is not None else self.names.setdefault(value, len(self.names))

    def add(self, sentence: int, gold_events: Iterable[TokenEvent], pred_events: Iterable[TokenEvent],
            gold_relations: Iterable[TokenRelation] = (), pred_relations: Iterable[TokenRelation] = ()) -> None:
        """One sentence's events and relations, both sides (``score_sentence``'s arguments)."""
        self.sentences.append(sentence)
        code, known = self._code, self.names.get
        for side, (events, relations) in enumerate(((gold_events, gold_relations), (pred_events, pred_relations))):
            rows, args, rels = self.events[side], self.arguments[side], self.relations[side]
            for e in events:
                k = len(rows) // _EVENT
                etype, realis = known(e.type), known(e.realis)
                a0, a1 = e.trigger
                rows.extend((sentence, a0, a1, code(e.type) if etype is None else etype,
                             code(e.realis) if realis is None else realis))
                for a in e.arguments:
                    role = known(a.role)
                    a0, a1 = a.span
                    args.extend((k, code(a.role) if role is None else role, a0, a1))
            for r in relations:
                lo, hi = (r.arg1, r.arg2) if r.arg1 <= r.arg2 else (r.arg2, r.arg1)
                rels.extend((sentence, code(r.type), lo[0], lo[1], hi[0], hi[1], code(r.status)))

    def _columns(self, side: int) -> dict[str, list[np.ndarray]]:
        ev = np.frombuffer(self.events[side], dtype=np.int64).reshape(-1, _EVENT)
        ar = np.frombuffer(self.arguments[side], dtype=np.int64).reshape(-1, _ARGUMENT)
        re = np.frombuffer(self.relations[side], dtype=np.int64).reshape(-1, _RELATION)
        s, t0, t1, ty, realis = ev.T
        k, role, a0, a1 = ar.T
        a_s, a_t0, a_t1, a_ty = s[k], t0[k], t1[k], ty[k]
        r_s, r_ty, lo0, lo1, hi0, hi1, status = re.T
        return {
            "trigger_identification": [s, t0, t1],
            "trigger_classification": [s, t0, t1, ty],
            "argument_identification": [a_s, a_ty, a0, a1],
            "argument_classification": [a_s, a_ty, role, a0, a1],
            "argument_identification_attached": [a_s, a_t0, a_t1, a_ty, a0, a1],
            "argument_classification_attached": [a_s, a_t0, a_t1, a_ty, role, a0, a1],
            "relation": [r_s, r_ty, lo0, lo1, hi0, hi1],
            "relation_with_status": [r_s, r_ty, lo0, lo1, hi0, hi1, status],
            "trigger_realis": [s, t0, t1, realis],
            "trigger_classification_realis": [s, t0, t1, ty, realis],
        }

    def matches(self) -> "EventMatches":
        """Every metric's match over all sentences, and the realis of the classified triggers."""
        gold, pred = self._columns(0), self._columns(1)
        found = {m: (match(gold[m], pred[m]), gold[m][0], pred[m][0]) for m in METRICS}
        # realis: per (sentence, trigger, type), the realis of the last event given, on each side
        g_cols, p_cols = gold["trigger_classification"], pred["trigger_classification"]
        n_gold = len(g_cols[0])
        key = row_keys([np.concatenate([g, p]) for g, p in zip(g_cols, p_cols)])
        g_realis, p_realis = gold["trigger_realis"][3], pred["trigger_realis"][3]
        g_keys, g_last = _last(key[:n_gold])
        p_keys, p_last = _last(key[n_gold:])
        _, gi, pi = np.intersect1d(g_keys, p_keys, assume_unique=True, return_indices=True)
        realis_sentence = p_cols[0][p_last[pi]]
        correct = g_realis[g_last[gi]] == p_realis[p_last[pi]]
        return EventMatches(found, gold["trigger_classification"][3], pred["trigger_classification"][3],
                            realis_sentence, correct, {code: name for name, code in self.names.items()})


def _last(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys and the index of the last row with each."""
    n = len(key)
    keys, first_reversed = np.unique(key[::-1], return_index=True)
    return keys, n - 1 - first_reversed


@dataclass(frozen=True)
class EventMatches:
    """``EventTable.matches``: per metric, the match and the sentence of each row of each
    side; the event type (code) of each trigger-classification row; the sentence of each
    classified trigger both sides have and whether its realis agrees; the codes' labels."""

    found: dict[str, tuple[Match, np.ndarray, np.ndarray]]
    gold_type: np.ndarray
    pred_type: np.ndarray
    realis_sentence: np.ndarray
    realis_correct: np.ndarray
    labels: dict[int, Any]

    def counts(self, metric: str, group: np.ndarray, size: int) -> np.ndarray:
        """(size x 3) counts of ``metric``, summed by ``group`` (each sentence's group)."""
        m, g_sentence, p_sentence = self.found[metric]
        return m.count(group[g_sentence], group[p_sentence], size)

    def accumulators(self, group: np.ndarray, size: int) -> list[EventAccumulator]:
        """One ``EventAccumulator`` per group (``group``: each sentence's), as adding each
        sentence's ``score_sentence`` to its group's would make."""
        out = [EventAccumulator() for _ in range(size)]
        for metric in METRICS:
            for acc, (tp, pred, gold) in zip(out, self.counts(metric, group, size).tolist()):
                acc.totals[metric].add(tp, pred, gold)
        m, g_sentence, p_sentence = self.found["trigger_classification"]
        n_codes = max(len(self.labels), 1)
        typed = m.count(group[g_sentence] * n_codes + self.gold_type, group[p_sentence] * n_codes + self.pred_type,
                        size * n_codes).reshape(size, n_codes, 3)
        for acc, per_type in zip(out, typed.tolist()):
            for code, (tp, pred, gold) in enumerate(per_type):
                if pred or gold:
                    acc.per_type[self.labels[code]] = Counts(tp, pred, gold)
        where = group[self.realis_sentence]
        matched = np.bincount(where, minlength=size).tolist()
        correct = np.bincount(where[self.realis_correct], minlength=size).tolist()
        for acc, mt, c in zip(out, matched, correct):
            acc.realis_matched, acc.realis_correct = mt, c
        return out


def sentence_rows(matches: EventMatches, metrics: Sequence[str], n: int) -> dict[str, np.ndarray]:
    """Per metric, the (n x 3) per-sentence counts (the bootstrap's rows)."""
    every = np.arange(n)
    return {m: matches.counts(m, every, n).astype(np.int32) for m in metrics}
