"""Bootstrap over sentences: confidence intervals and the paired significance test.

Both work on per-sentence count rows ``(tp, pred, gold)``: resampling sentences and
summing their counts gives the micro F1 of each resample without re-running a scorer.
"""

from __future__ import annotations

import numpy as np

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 12345


def _f1_rows(sums: np.ndarray) -> np.ndarray:
    """Micro F1 of count sums (..., 3), computed as ``counts.f1`` (2PR/(P+R), seqeval's way)."""
    sums = np.asarray(sums, dtype=float)
    tp, pred, gold = sums[..., 0], sums[..., 1], sums[..., 2]
    p = np.divide(tp, pred, out=np.zeros(tp.shape), where=pred > 0)
    r = np.divide(tp, gold, out=np.zeros(tp.shape), where=gold > 0)
    denom = p + r
    return np.divide(2 * p * r, denom, out=np.zeros(tp.shape), where=denom > 0)


# Resamples drawn and summed together: a block's weights take BLOCK_CELLS floats at most.
BLOCK_CELLS = 1 << 21


def _resampled_sums(tables: list[np.ndarray], samples: int, seed: int) -> list[np.ndarray]:
    """For each table (n x 3 counts), the column sums of ``samples`` resamples of its rows
    (the same resampled sentences for every table).

    Vectorised over resamples: a block of resamples becomes a (block x n) matrix of how
    often each sentence is drawn (one ``bincount``), multiplied by the tables side by
    side. The draws are those of one ``rng.integers(0, n, n)`` call per resample, so the
    intervals do not depend on the block size. Memory: O(n) (the tables, and one block of
    at most ``BLOCK_CELLS`` weights, about 16 MB)."""
    n = len(tables[0])
    rng = np.random.default_rng(seed)
    stacked = np.hstack([np.asarray(t, dtype=float).reshape(n, 3) for t in tables])
    sums = np.empty((samples, stacked.shape[1]))
    block = max(1, min(samples, BLOCK_CELLS // max(n, 1)))
    for first in range(0, samples, block):
        k = min(block, samples - first)
        draws = np.empty((k, n), dtype=np.int64)
        for j in range(k):
            draws[j] = rng.integers(0, n, size=n)
        draws += (np.arange(k, dtype=np.int64) * n)[:, None]
        weights = np.bincount(draws.ravel(), minlength=k * n).reshape(k, n).astype(float)
        sums[first:first + k] = weights @ stacked
    return [sums[:, 3 * i:3 * i + 3] for i in range(len(tables))]


def confidence_interval(rows: np.ndarray, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                        level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of micro F1 over sentences (rows: n x 3 counts)."""
    rows = np.asarray(rows, dtype=float).reshape(-1, 3)
    if len(rows) == 0:
        return (0.0, 0.0)
    f1s = _f1_rows(_resampled_sums([rows], samples, seed)[0])
    alpha = (1 - level) / 2
    return float(np.quantile(f1s, alpha)), float(np.quantile(f1s, 1 - alpha))


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
