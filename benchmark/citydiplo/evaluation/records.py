"""Record scores in ``bench evaluate``: every system, every input format.

* A span system (a predictions file in any span format, a brat folder, a registered model,
  ``module:function``, an HF model, an ``llm:`` run answering in strings): its checked
  predictions are tapped as they stream into the span scorer (``SpanTap``) and made records
  by the one rule of ``formats.span_records``; the results of the tasks with arguments
  (``scoring.tasks.RECORD_TASKS``: e2e, eae, records) get a ``records`` block.
* A ``records`` file (``formats.event_records``; ``--input-format records``, or detected
  from its first line) and an LLM asked ``--task records`` give records directly; they are
  scored for the ``records`` task, whose headline is ``record_f1``.

The figures are ``scoring.record_track``'s; documents without gold records are left out and
counted in the block.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from citydiplo.corpus.benchmark import Benchmark
from citydiplo.errors import InputError
from citydiplo.formats.event_records import PredictedRecord, document_json, first_line, is_records_line, \
    read_records_file
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.span_records import document_records
from citydiplo.scoring import tasks
from citydiplo.scoring.record_track import RECORD_F1, record_block
from citydiplo.scoring.results import Headline, Results

RECORDS_FORMAT = "records"


class SpanTap:
    """Keeps, from a stream of checked predictions, those with events (what records are
    made of), as ``task`` scores them (``eae``: the events on the given triggers only)."""

    def __init__(self, gold: Benchmark, task: str) -> None:
        self.gold, self.task = gold, task
        self.kept: dict[str, Prediction] = {}

    def wrap(self, stream: Iterable[Prediction]) -> Iterator[Prediction]:
        for pred in stream:
            if pred.events:
                kept = pred
                if self.task == "eae" and pred.id in self.gold.records:
                    kept = tasks.restrict_prediction(pred, self.gold.records[pred.id], "eae")
                self.kept[pred.id] = kept
            yield pred

    def records(self) -> dict[str, list[PredictedRecord]]:
        """Every test document's records, made from its sentences' predicted events."""
        out = {}
        for doc in self.gold.documents:
            sentences = [(rec.tokens, self.kept[rec.id]) for rec in self.gold.document_records(doc.id)
                         if rec.id in self.kept]
            out[doc.id] = document_records(sentences)
        return out


def require_gold_records(gold: Benchmark) -> None:
    """``InputError`` unless some test document has gold records (the ``records`` task has
    nothing else to score)."""
    if not any(d.event_records for d in gold.documents):
        raise InputError(str(gold.root / "annotations" / "records"), 0,
                         "no test document has gold event records: the records task has nothing to score against")


def with_records(results: Results, gold: Benchmark, predicted: Mapping[str, Sequence[PredictedRecord]],
                 samples: int, seed: int, source: str) -> Results:
    """``results`` with the ``records`` block; for the ``records`` task also the headline
    ``record_f1`` and its per-language intervals."""
    block = record_block(gold.documents, predicted, samples, seed, source)
    extra = {**results.extra, "records": block}
    if results.task != "records":
        return replace(results, extra=extra)
    found = block[RECORD_F1]
    assert found is not None  # require_gold_records ran first
    headline = {**results.headline, RECORD_F1: Headline(found["f1"], (found["ci95"][0], found["ci95"][1]),
                                                        found["what"])}
    by_language = {lang: (b["ci95"][0], b["ci95"][1]) for lang, b in block["per_language"].items()}
    return replace(results, headline=headline, extra=extra,
                   language_ci95={**results.language_ci95, RECORD_F1: by_language})


def is_records_input(model: str, input_format: str | None) -> bool:
    """Whether MODEL is a ``records`` file (said by ``--input-format records`` or by its first line)."""
    if input_format == RECORDS_FORMAT:
        return True
    path = Path(model)
    return input_format is None and path.is_file() and is_records_line(first_line(str(path)))


def check_records_task(task: str) -> str:
    """The task a records file or a records answer is scored for: ``records`` (``e2e``, the
    default, means it too); any other is an ``InputError``."""
    if task not in ("e2e", RECORDS_FORMAT):
        raise InputError("--task", 0, f"records are scored for the records task only, not {task!r}")
    return RECORDS_FORMAT


def read_records_input(model: str, gold: Benchmark) -> dict[str, list[PredictedRecord]]:
    """A records file, checked against the whole test set, kept to ``gold``'s documents."""
    whole = gold.full or gold
    found = read_records_file(model, whole.inventory, [d.id for d in whole.documents])
    return {d.id: found[d.id] for d in gold.documents}


def records_digest(records: Mapping[str, Sequence[PredictedRecord]]) -> str:
    """SHA-256 of the canonical lines of predicted records, whatever their order of documents."""
    lines = sorted(json.dumps(document_json(doc_id, recs), sort_keys=True, ensure_ascii=False)
                   for doc_id, recs in records.items())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def empty_predictions(gold: Benchmark) -> Iterator[Prediction]:
    """A prediction of nothing for every gold sentence: what the span scorer sees of a
    system that gives records only (the records task empties every span layer anyway)."""
    return (Prediction(sid) for sid in gold.records)
