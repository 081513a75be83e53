"""The figures beside the headline: partial-match entities, entity linking, trigger
overlap, the string track (``scoring.string_track``), and what reading the system's output
did (format, snapped and unresolved spans).

They live in ``Results.extra`` under ``partial``, ``linking``, ``trigger_overlap``,
``string_track``, ``input`` and ``secondary`` (the F1s below with their bootstrap
intervals, which ``bench compare`` tests too; ``string_f1`` is the string track's
secondary headline, beside the span-exact headline, never replacing it); the ``headline``
block is unchanged.
"""

from __future__ import annotations

SECONDARY = {
    "entity_partial_f1": "outer-level entities, nervaluate partial mode (SemEval-2013), F1",
    "linking_f1": "end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id)",
    "trigger_overlap_f1": "trigger classification F1, overlapping spans credited",
    "string_f1": "string track: micro F1 over the normalised string tuples of the task's layers, offsets ignored",
}
"""Secondary metrics with bootstrap intervals: key -> what it measures."""
