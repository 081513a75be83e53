"""Gold sentence records and predictions -> the tuples the event scorer compares."""

from __future__ import annotations

from .predictions import Prediction
from .records import SentenceRecord
from .scoring.events import EventTuple, RelationTuple


def record_events(rec: SentenceRecord) -> list[EventTuple]:
    return [EventTuple(e.type, e.trigger, e.realis, tuple((a.role, a.span) for a in e.arguments)) for e in rec.events]


def record_relations(rec: SentenceRecord) -> list[RelationTuple]:
    return [RelationTuple(r.type, r.arg1, r.arg2, r.status) for r in rec.relations]


def prediction_events(pred: Prediction) -> list[EventTuple]:
    return [EventTuple(e.type, e.trigger, e.realis, tuple((a.role, a.span) for a in e.arguments)) for e in pred.events or []]


def prediction_relations(pred: Prediction) -> list[RelationTuple]:
    return [RelationTuple(r.type, r.arg1, r.arg2, r.status) for r in pred.relations or []]


def record_to_prediction_json(rec: SentenceRecord) -> dict:
    """A gold record written as a prediction record (gold-as-predictions scores 1.0)."""
    return {
        "id": rec.id,
        "ner_tags": list(rec.ner_tags),
        "ner_tags_inner": list(rec.ner_tags_inner),
        "events": [
            {"type": e.type, "trigger": list(e.trigger), "realis": e.realis,
             "arguments": [{"role": a.role, "span": list(a.span)} for a in e.arguments]}
            for e in rec.events
        ],
        "relations": [
            {"type": r.type, "arg1": list(r.arg1), "arg2": list(r.arg2), "status": r.status} for r in rec.relations
        ],
    }
