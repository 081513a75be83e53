"""Precision, recall and F1 from counts: the arithmetic every scorer shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    """True positives, number predicted, number in gold."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def __iadd__(self, other: "Counts") -> "Counts":
        self.add(other.tp, other.pred, other.gold)
        return self

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.tp, self.pred, self.gold)

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


def f1(tp: float, pred: float, gold: float) -> float:
    """F1 = 2PR / (P + R), in that order of operations, as seqeval (and scikit-learn)
    compute it, so that the figures are bit-identical to theirs (2TP / (pred + gold) is the
    same number up to rounding); 0 when nothing was predicted or expected (zero_division=0)."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def match_counts(gold: set, pred: set) -> tuple[int, int, int]:
    return len(gold & pred), len(pred), len(gold)
