"""Bootstrap over sentences: confidence intervals and the paired significance test.

Both work on per-sentence count rows ``(tp, pred, gold)``: resampling sentences and
summing their counts gives the micro F1 of each resample without re-running a scorer.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import numpy as np

from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED


def _f1_rows(sums: np.ndarray) -> np.ndarray:
    """Micro F1 of count sums (..., 3), computed as ``counts.f1`` (2PR/(P+R), seqeval's way)."""
    sums = np.asarray(sums, dtype=float)
    tp, pred, gold = sums[..., 0], sums[..., 1], sums[..., 2]
    p = np.divide(tp, pred, out=np.zeros(tp.shape), where=pred > 0)
    r = np.divide(tp, gold, out=np.zeros(tp.shape), where=gold > 0)
    denom = p + r
    return np.divide(2 * p * r, denom, out=np.zeros(tp.shape), where=denom > 0)


def compact_rows(rows: np.ndarray) -> np.ndarray:
    """Per-sentence count rows as int16 when every count fits (a scorer keeps one table per
    metric for the bootstrap: half the memory of int32); the values are the same."""
    if rows.dtype == np.int16 or (rows.size and (int(rows.min()) < -(1 << 15) or int(rows.max()) >= 1 << 15)):
        return rows
    return rows.astype(np.int16)


# Resamples drawn and summed together: a block's draws take BLOCK_CELLS cells at most (the
# draws do not depend on it: numpy's stream is the same drawn in one call or in several).
BLOCK_CELLS = 1 << 16


def _kinds(tables: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of the tables side by side (as floats: one row per kind, the
    tables' columns in order) and each row's kind. Rows of small counts are numbered in
    mixed radix (one int64 each, quick to sort), column by column: the tables are never
    copied side by side."""
    columns = [t[:, j] for t in tables for j in range(t.shape[1])]
    n = len(tables[0])
    radix = [int(c.max(initial=0)) + 1 for c in columns]
    if n and min(int(c.min()) for c in columns) >= 0 and math.prod(radix) < 2**62:
        key = np.zeros(n, dtype=np.int64)
        weight = 1
        for c, r in zip(columns, radix):
            key += c.astype(np.int64) * weight
            weight *= r
        _, first, kind_of = np.unique(key, return_index=True, return_inverse=True)
        del key
    else:
        stacked = np.concatenate(tables, axis=1)
        _, first, kind_of = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    kinds = np.stack([c[first] for c in columns], axis=-1).astype(float)
    return kinds, kind_of.reshape(-1).astype(np.intp)  # intp: what bincount counts


def _resampled_sums(tables: list[np.ndarray], samples: int, seed: int) -> list[np.ndarray]:
    """For each table (n x 3 counts), the column sums of ``samples`` resamples of its rows
    (the same resampled sentences for every table).

    Vectorised over resamples: a block of resamples is drawn at once (at most
    ``BLOCK_CELLS`` draws; the draws depend only on the seed, n and the number of samples).
    Sentences whose rows are equal in every table are counted as one kind, so a block's
    sums are how often each kind was drawn (one ``bincount`` per block) times the kinds'
    rows (a small matrix product, exact: integer counts). Memory: one int64 key and one
    kind per sentence, and one block of draws and their kinds (under 1 MB, whatever n)."""
    n = len(tables[0])
    rng = np.random.default_rng(seed)
    tables = [np.asarray(t).reshape(n, 3) for t in tables]
    kinds, kind_of = _kinds(tables)
    n_kinds = len(kinds)
    sums = np.empty((samples, 3 * len(tables)))
    block = max(1, min(samples, BLOCK_CELLS // max(n, 1)))
    dtype = np.int32 if n < 2**31 else np.int64
    drawn = np.empty((block, n), dtype=np.intp)  # one buffer for every block's kinds
    shift = (np.arange(block) * n_kinds)[:, None]
    for first in range(0, samples, block):
        k = min(block, samples - first)
        draws = rng.integers(0, n, size=(k, n), dtype=dtype)
        np.take(kind_of, draws, out=drawn[:k], mode="clip")  # draws are in range: "clip" changes none (and "raise" would buffer)
        drawn[:k] += shift[:k]
        how_often = np.bincount(drawn[:k].reshape(-1), minlength=k * n_kinds).reshape(k, n_kinds)
        # a matrix product of integer-valued floats: exact (sums far below 2**53)
        np.matmul(how_often.astype(float), kinds, out=sums[first:first + k])
    return [sums[:, 3 * i:3 * i + 3] for i in range(len(tables))]


def confidence_intervals(tables: dict[str, np.ndarray], samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                         level: float = 0.95) -> dict[str, tuple[float, float]]:
    """``confidence_interval`` of several tables over the same sentences at once (one set
    of resamples for all: each interval is the one ``confidence_interval`` gives alone)."""
    keys = list(tables)
    arrays = [np.asarray(tables[k]).reshape(-1, 3) for k in keys]
    if not keys or len(arrays[0]) == 0:
        return {k: (0.0, 0.0) for k in keys}
    alpha = (1 - level) / 2
    out = {}
    for key, sums in zip(keys, _resampled_sums(arrays, samples, seed)):
        f1s = _f1_rows(sums)
        out[key] = (float(np.quantile(f1s, alpha)), float(np.quantile(f1s, 1 - alpha)))
    return out


def confidence_interval(rows: np.ndarray, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                        level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of micro F1 over sentences (rows: n x 3 counts)."""
    return confidence_intervals({"rows": rows}, samples, seed, level)["rows"]


def paired_test(rows_a: np.ndarray, rows_b: np.ndarray, samples: int = DEFAULT_SAMPLES,
                seed: int = DEFAULT_SEED) -> dict:
    """Paired bootstrap test (Berg-Kirkpatrick et al., 2012) of F1(A) - F1(B).

    The p-value is the share of resamples whose difference exceeds twice the observed
    one, in the observed direction: small p means the observed gap is unlikely under the
    null hypothesis that the systems are equally good."""
    a = np.asarray(rows_a, dtype=float).reshape(-1, 3)
    b = np.asarray(rows_b, dtype=float).reshape(-1, 3)
    if a.shape != b.shape:
        raise ValueError("paired test needs the same sentences for both systems")
    delta = float(_f1_rows(a.sum(axis=0)) - _f1_rows(b.sum(axis=0)))
    if len(a) == 0:
        return {"delta": 0.0, "p_value": 1.0, "samples": samples}
    sums_a, sums_b = _resampled_sums([a, b], samples, seed)
    deltas = _f1_rows(sums_a) - _f1_rows(sums_b)
    sign = 1.0 if delta >= 0 else -1.0
    p = float(np.mean(sign * deltas > 2 * abs(delta))) if delta != 0 else 1.0
    return {"delta": delta, "p_value": p, "samples": samples, "seed": seed}


def intervals_by_group(tables: Mapping[str, np.ndarray], groups: Sequence[str] | np.ndarray, samples: int = DEFAULT_SAMPLES,
                       seed: int = DEFAULT_SEED) -> dict[str, dict[str, tuple[float, float]]]:
    """For each table (n x 3 count rows, e.g. a headline metric) and each group (e.g. a
    language; ``groups`` gives each row's), the interval of micro F1 over the group's rows:
    sentences resampled within the group, one set of resamples for all the tables (the
    per-language intervals of ``Results``)."""
    labels = np.asarray(groups if isinstance(groups, (list, np.ndarray)) else list(groups))
    arrays = {k: np.asarray(rows).reshape(-1, 3) for k, rows in tables.items()}
    if any(len(rows) != len(labels) for rows in arrays.values()):
        raise ValueError("one group per row")
    by_group = {g: confidence_intervals({k: rows[labels == g] for k, rows in arrays.items()}, samples, seed)
                for g in np.unique(labels).tolist()}  # sorted, as ``sorted(set(...))``: no str per row
    return {k: {g: by_group[g][k] for g in by_group} for k in arrays}
