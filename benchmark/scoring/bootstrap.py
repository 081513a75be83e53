"""Bootstrap over sentences: confidence intervals and the paired significance test.

Both work on per-sentence count rows ``(tp, pred, gold)``: resampling sentences and
summing their counts gives the micro F1 of each resample without re-running a scorer.
"""

from __future__ import annotations

import numpy as np

from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED


def _f1_rows(sums: np.ndarray) -> np.ndarray:
    denom = sums[..., 1] + sums[..., 2]
    return np.divide(2 * sums[..., 0], denom, out=np.zeros(denom.shape, dtype=float), where=denom > 0)


def _resampled_sums(tables: list[np.ndarray], samples: int, seed: int) -> list[np.ndarray]:
    """For each table (n x 3 counts), the column sums of ``samples`` resamples of its rows
    (the same resampled sentences for every table). Memory stays O(n): one resample at a
    time, as the count of times each sentence is drawn."""
    n = len(tables[0])
    rng = np.random.default_rng(seed)
    out = [np.empty((samples, 3)) for _ in tables]
    for k in range(samples):
        weights = np.bincount(rng.integers(0, n, size=n), minlength=n)
        for table, sums in zip(tables, out):
            sums[k] = weights @ table
    return out


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
