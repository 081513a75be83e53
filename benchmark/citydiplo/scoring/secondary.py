"""The figures beside the headline: partial-match entities, entity linking, trigger
overlap, and what reading the system's output did (format, snapped and unresolved spans).

They live in ``Results.extra`` under ``partial``, ``linking``, ``trigger_overlap``,
``input`` and ``secondary`` (the three F1s below with their bootstrap intervals, which
``bench compare`` tests too); the ``headline`` block is unchanged.
"""

from __future__ import annotations

SECONDARY = {
    "entity_partial_f1": "outer-level entities, nervaluate partial mode (SemEval-2013), F1",
    "linking_f1": "end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id)",
    "trigger_overlap_f1": "trigger classification F1, overlapping spans credited",
}
"""Secondary metrics with bootstrap intervals: key -> what it measures."""

