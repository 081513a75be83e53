"""Set and multiset matches of many sentences' tuples at once, from integer columns.

A scorer that compares tuples sentence by sentence (``len(gold & pred)`` of two sets, or
of two ``Counter`` multisets) can instead write every tuple of every sentence as a row of
small integers whose first column is the sentence, and count all sentences with a few
array operations: ``match`` finds the distinct tuples of each side (a tuple repeated
within a sentence counts once in a set, as often as it is given in a multiset) and how
many of each the other side has; ``Match.count`` sums them by any grouping of the
distinct tuples (per sentence, language, type, document).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

_LIMIT = 1 << 62


def row_keys(columns: Sequence[np.ndarray]) -> np.ndarray:
    """One int64 per row, equal for two rows exactly when they are equal in every column,
    and ordered as the rows are, column by column (mixed radix, the first column most
    significant: a column of non-negative integers is its own digit, below its largest
    value plus one; any other is numbered densely first; the keys so far are numbered
    densely when the radix would overflow)."""
    n = len(columns[0]) if columns else 0
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for col in columns:
        if n == 0:
            break
        col = np.asarray(col)
        if col.dtype.kind in "iu" and int(col.min()) >= 0 and int(col.max()) < _LIMIT:
            digit, m = col.astype(np.int64, copy=False), int(col.max()) + 1
            if size * m >= _LIMIT:  # numbered densely instead: fewer values than the largest one
                values, inverse = np.unique(col, return_inverse=True)
                digit, m = inverse.reshape(-1), max(len(values), 1)
        else:
            values, inverse = np.unique(col, return_inverse=True)
            digit, m = inverse.reshape(-1), max(len(values), 1)
        if size * m >= _LIMIT:
            _, key = np.unique(key, return_inverse=True)
            key = key.reshape(-1).astype(np.int64)
            size = int(key.max(initial=0)) + 1
        key = key * m + digit
        size *= m
    return key


@dataclass(frozen=True)
class Match:
    """The distinct tuples of each side: the row (index into that side's rows) of one
    instance of each, how many of it the side has (1 in a set), and, per distinct tuple of
    each side, how many the other side matched (``min`` of both counts; 0 or 1 in a set)."""

    gold_rows: np.ndarray
    gold_n: np.ndarray
    tp: np.ndarray
    pred_rows: np.ndarray
    pred_n: np.ndarray
    pred_tp: np.ndarray

    def left_over(self) -> tuple[np.ndarray, np.ndarray]:
        """Each side's unmatched instances, one row (into that side's rows) per instance."""
        return np.repeat(self.gold_rows, self.gold_n - self.tp), np.repeat(self.pred_rows, self.pred_n - self.pred_tp)

    def count(self, gold_group: np.ndarray, pred_group: np.ndarray, size: int) -> np.ndarray:
        """(size x 3) counts ``(tp, pred, gold)`` summed by group: ``gold_group`` and
        ``pred_group`` give each side's rows their group (indexed like the side's rows)."""
        g = np.asarray(gold_group)[self.gold_rows]
        p = np.asarray(pred_group)[self.pred_rows]
        out = np.zeros((size, 3), dtype=np.int64)
        if len(g):
            out[:, 0] = np.bincount(g, weights=self.tp, minlength=size)[:size]
            out[:, 2] = np.bincount(g, weights=self.gold_n, minlength=size)[:size]
        if len(p):
            out[:, 1] = np.bincount(p, weights=self.pred_n, minlength=size)[:size]
        return out


def match(gold: Sequence[np.ndarray], pred: Sequence[np.ndarray], multiset: bool = False) -> Match:
    """Match the rows of both sides (the same columns on each, the sentence first, so that
    tuples of different sentences never match): sets (``multiset`` False) or multisets."""
    n_gold = len(gold[0])
    key = row_keys([np.concatenate([np.asarray(g, dtype=np.int64), np.asarray(p, dtype=np.int64)])
                    for g, p in zip(gold, pred)])
    g_keys, g_rows, g_n = np.unique(key[:n_gold], return_index=True, return_counts=True)
    p_keys, p_rows, p_n = np.unique(key[n_gold:], return_index=True, return_counts=True)
    _, gi, pi = np.intersect1d(g_keys, p_keys, assume_unique=True, return_indices=True)
    tp = np.zeros(len(g_keys), dtype=np.int64)
    if multiset:
        tp[gi] = np.minimum(g_n[gi], p_n[pi])
    else:
        tp[gi] = 1
        g_n, p_n = np.ones_like(g_n), np.ones_like(p_n)
    pred_tp = np.zeros(len(p_keys), dtype=np.int64)
    pred_tp[pi] = tp[gi]
    index = np.int32 if len(key) < 2**31 else np.int64  # rows and counts: int32 holds them (memory)
    return Match(g_rows.astype(index), g_n.astype(index), tp.astype(index), p_rows.astype(index), p_n.astype(index),
                 pred_tp.astype(index))
