"""The four tasks for the baselines: one pipeline, shaped per task.

Every baseline runs its end-to-end pipeline and hands its records here with the function
that completes events (arguments and realis; ``attach``): ``ner`` keeps the entity fields,
``ed`` the triggers with their realis, ``records`` the events with their arguments and the
links (``norm``) that name their fillers, ``e2e`` everything. For ``eae`` the documents carry
the gold triggers (``Document.for_task("eae")``): the events the pipeline found are
replaced by the given triggers, which the same completion function then fills with
arguments and realis; only events are kept.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from citydiplo.formats.model import Document
from citydiplo.formats.records import sentence_records

ENTITY_FIELDS = ("ner_tags", "ner_tags_inner", "norm")


def task_of(documents: Iterable[Document]) -> str:
    """The task the documents ask for (one per call)."""
    found = {d.task for d in documents}
    if len(found) > 1:
        raise ValueError(f"documents of several tasks in one call: {', '.join(sorted(found))}")
    return found.pop() if found else "e2e"


def given_triggers(documents: Iterable[Document]) -> dict[str, list[dict]]:
    """The triggers an ``eae`` document gives, as prediction events per sentence id (type
    and token span; realis ACTUAL until completed, no arguments)."""
    return {rec.id: [{"type": ev.type, "trigger": list(ev.trigger), "realis": "ACTUAL", "arguments": []}
                     for ev in rec.events]
            for d in documents for rec in sentence_records(d)}


def shape(record: dict, task: str) -> dict:
    """A record with only the fields ``task`` asks for."""
    if task == "e2e":
        return record
    if task == "records":  # events with arguments, and the links that name their fillers (span_records)
        return {k: v for k, v in record.items() if k not in ("ner_tags", "ner_tags_inner", "relations")}
    if task == "ner":
        return {k: v for k, v in record.items() if k not in ("events", "relations")}
    out = {k: v for k, v in record.items() if k not in (*ENTITY_FIELDS, "relations")}
    if task == "ed":
        out["events"] = [{**ev, "arguments": []} for ev in record.get("events") or ()]
    return out


def for_task(records: Iterable[dict], documents: Sequence[Document],
             complete: Callable[[list[dict]], list[dict]]) -> list[dict]:
    """``records`` (the pipeline's, events perhaps without arguments) shaped for the
    documents' task; ``complete`` adds arguments and realis to the events of records."""
    task = task_of(documents)
    records = list(records)
    if task == "eae":
        given = given_triggers(documents)
        records = [{**r, "events": given.get(r["id"], [])} for r in records]
    if task != "ner":
        records = complete(records)
    return [shape(r, task) for r in records]
