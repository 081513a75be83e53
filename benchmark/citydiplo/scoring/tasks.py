"""The four standard tasks (as TextEE splits event extraction), the record task, and what
each one scores.

* ``ner``: named entities (both levels, with their links) only;
* ``ed``: event detection: triggers (identification, classification, realis) only;
* ``eae``: event argument extraction *given the gold triggers* (span and type; realis
  withheld): the model predicts the arguments and the realis of the triggers it is given;
  only events on a given trigger (same span and type) are scored, and of them only the
  arguments and the realis;
* ``e2e``: everything at once from raw text (entities, events, relations; the default);
* ``records``: document-level event records only (``scoring.record_track``): a ``records``
  file or an LLM asked for records directly, or any span system's events made records by
  ``formats.span_records``; every span layer is emptied, the headline is ``record_f1``.

A task restricts both sides before scoring (``restrict``): the layers outside it are
emptied on the gold and on the prediction alike, so their blocks count nothing (0 gold,
0 predicted) instead of counting misses. ``HEADLINES`` and ``SECONDARY`` name the figures
each task reports with intervals; ``STRING_LAYERS`` the string-track layers in scope.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence, TypeVar

from citydiplo.formats.model import TASK_NAMES, TokenEvent
from citydiplo.formats.predictions import Prediction

G = TypeVar("G", bound=Any)  # a gold sentence: a dataclass with the fields of ``scoring.scorer.GoldSentence``

TASKS = {
    "ner": "named-entity recognition (both levels, linking)",
    "ed": "event detection: triggers, types and realis",
    "eae": "event argument extraction given the gold triggers (span, type); arguments and realis",
    "e2e": "end to end: entities, events with arguments, relations",
    "records": "document-level event records (type, realis, date, role fillers), span-free",
}
DEFAULT_TASK = "e2e"
assert tuple(TASKS) == TASK_NAMES

HEADLINES = {
    "ner": ("entity_f1",),
    "ed": ("trigger_classification_f1",),
    "eae": ("argument_classification_f1",),
    "e2e": ("entity_f1", "trigger_classification_f1", "argument_classification_f1", "relation_f1"),
    "records": ("record_f1",),
}
RECORD_TASKS = ("e2e", "eae", "records")
"""The tasks whose results carry a ``records`` block (those whose predictions have arguments)."""
SECONDARY = {
    "ner": ("entity_partial_f1", "linking_f1"),
    "ed": ("trigger_overlap_f1",),
    "eae": (),
    "e2e": ("entity_partial_f1", "linking_f1", "trigger_overlap_f1"),
    "records": (),
}
STRING_LAYERS = {
    "ner": ("entity",),
    "ed": ("trigger",),
    "eae": ("argument",),
    "e2e": ("entity", "trigger", "argument", "relation"),
    "records": (),
}


def check_task(task: str) -> str:
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r} (expected one of {', '.join(TASKS)})")
    return task


def _no_arguments(events: Sequence[TokenEvent] | None) -> list[TokenEvent] | None:
    return None if events is None else [replace(e, arguments=()) for e in events]


def restrict_gold(rec: G, task: str) -> G:
    """The gold sentence (``formats.records.SentenceRecord`` or any dataclass with the
    fields the scorer reads) as ``task`` scores it."""
    if task == "e2e":
        return rec
    empty = ["O"] * len(rec.ner_tags)
    if task == "ner":
        return replace(rec, events=[], relations=[])
    if task == "records":
        return replace(rec, ner_tags=empty, ner_tags_inner=empty, norms=[], events=[], relations=[])
    if task == "ed":
        return replace(rec, ner_tags=empty, ner_tags_inner=empty, norms=[], events=_no_arguments(rec.events) or [],
                       relations=[])
    return replace(rec, ner_tags=empty, ner_tags_inner=empty, norms=[], relations=[])


def restrict_prediction(pred: Prediction, gold: Any, task: str) -> Prediction:
    """A prediction as ``task`` scores it (``gold``: the unrestricted gold sentence). For
    ``eae``, events on a trigger that was not given are left out (the scorer counts them)."""
    if task == "e2e":
        return pred
    if task == "ner":
        return replace(pred, events=None, relations=None)
    if task == "records":
        return replace(pred, ner_tags=None, ner_tags_inner=None, norm=None, events=None, relations=None)
    if task == "ed":
        return replace(pred, ner_tags=None, ner_tags_inner=None, norm=None, events=_no_arguments(pred.events),
                       relations=None)
    given = {(e.trigger, e.type) for e in gold.events}
    events = None if pred.events is None else [e for e in pred.events if (e.trigger, e.type) in given]
    return replace(pred, ner_tags=None, ner_tags_inner=None, norm=None, events=events, relations=None)
