"""95% bootstrap intervals of the headline F1s per language (sentences resampled within
each language), for the per-language charts of ``bench view``.

The results JSON carries intervals for the headline figures only; per language they are
computed here from the same per-sentence count rows the headline intervals use.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED, confidence_interval


def intervals_by_group(rows: np.ndarray, groups: Sequence[str], samples: int = DEFAULT_SAMPLES,
                       seed: int = DEFAULT_SEED) -> dict[str, tuple[float, float]]:
    """For each group (e.g. a language), the interval of micro F1 over its sentences' rows."""
    rows = np.asarray(rows, dtype=float).reshape(-1, 3)
    labels = np.asarray(list(groups))
    if len(labels) != len(rows):
        raise ValueError("one group per row")
    return {g: confidence_interval(rows[labels == g], samples, seed) for g in sorted(set(groups))}


def language_intervals(tables: Mapping[str, np.ndarray], languages: Sequence[str], samples: int = DEFAULT_SAMPLES,
                       seed: int = DEFAULT_SEED) -> dict[str, dict[str, tuple[float, float]]]:
    """Per metric (``entity_f1``, ...): per language, its interval. ``languages`` gives each row's language."""
    return {key: intervals_by_group(rows, languages, samples, seed) for key, rows in tables.items()}
