"""Agreement between two partitions of the same items: the coreference metrics.

Entity clusters (GUIDELINES 3.1) partition a document's entity mentions; event records
(3.2) partition its event mentions. Two annotation passes, or a system and the gold, are
compared with the three metrics the CoNLL-2011/2012 shared tasks average:

- **MUC** (Vilain et al. 1995): links. Recall = sum over key clusters k of
  (|k| - |p(k)|) / sum (|k| - 1), where p(k) is the partition of k by the response;
  precision swaps key and response. Singletons contribute nothing.
- **B³** (Bagga & Baldwin 1998): per item m, |K(m) ∩ R(m)| / |R(m)| (precision) and
  / |K(m)| (recall), averaged over items.
- **CEAF-e** (Luo 2005): the one-to-one alignment of key and response clusters
  maximising the sum of phi4(k, r) = 2|k ∩ r| / (|k| + |r|), found by scipy's
  ``linear_sum_assignment``; precision = total / |response clusters|, recall = total /
  |key clusters|.
- **CoNLL F1**: the mean of the three F1s.

Both partitions must cover the same items (an item missing on one side is a singleton
there). Pure functions; ``partition_agreement`` takes the clusters as iterables of ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 in [0, 1]."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class PartitionAgreement:
    """MUC, B³ and CEAF-e of a response partition against a key partition, and their mean."""

    muc: PRF
    b3: PRF
    ceafe: PRF
    items: int
    key_clusters: int
    response_clusters: int

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_dict(self) -> dict:
        return {"muc": self.muc.as_dict(), "b3": self.b3.as_dict(), "ceafe": self.ceafe.as_dict(),
                "conll_f1": self.conll_f1, "items": self.items,
                "key_clusters": self.key_clusters, "response_clusters": self.response_clusters}


def _complete(clusters: Iterable[Iterable[str]], items: set[str]) -> list[frozenset[str]]:
    """The clusters as frozensets, every item of ``items`` not in one added as a singleton."""
    out = [frozenset(c) for c in clusters if c]
    seen: set[str] = set()
    for c in out:
        if c & seen:
            raise ValueError(f"an item is in two clusters: {sorted(c & seen)[0]}")
        seen |= c
    out.extend(frozenset([m]) for m in sorted(items - seen))
    return out


def _muc_recall(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        den += len(k) - 1
        num += len(k) - len({where[m] for m in k})
    return num / den if den else 1.0


def _b3_recall(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> float:
    of = {m: r for r in response for m in r}
    n = sum(len(k) for k in key)
    return sum(len(k & of[m]) / len(k) for k in key for m in k) / n if n else 1.0


def _ceafe(key: Sequence[frozenset[str]], response: Sequence[frozenset[str]]) -> PRF:
    if not key or not response:
        return PRF(1.0 if not response else 0.0, 1.0 if not key else 0.0)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    phi = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = float(phi[rows, cols].sum())
    return PRF(total / len(response), total / len(key))


def partition_agreement(key: Iterable[Iterable[str]], response: Iterable[Iterable[str]],
                        items: Iterable[str] = ()) -> PartitionAgreement:
    """MUC, B³ and CEAF-e of ``response`` against ``key``: two partitions of the same items
    (clusters given as iterables of item ids; ``items`` adds items that are singletons on
    both sides, or on the side that omits them)."""
    key_l, resp_l = [list(c) for c in key], [list(c) for c in response]
    every = set(items) | {m for c in key_l for m in c} | {m for c in resp_l for m in c}
    k, r = _complete(key_l, every), _complete(resp_l, every)
    return PartitionAgreement(
        muc=PRF(_muc_recall(r, k), _muc_recall(k, r)),
        b3=PRF(_b3_recall(r, k), _b3_recall(k, r)),
        ceafe=_ceafe(k, r),
        items=len(every), key_clusters=len(k), response_clusters=len(r),
    )
