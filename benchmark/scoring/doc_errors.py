"""A document's predictions judged against its gold, layer by layer (pure functions).

``predicted_doc`` turns checked sentence predictions (token indices) into character
offsets; ``doc_errors`` classifies them with ``citydiplo.scoring.error_analysis``. The
viewer draws the result; nothing here knows about HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from citydiplo.formats.model import Document
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import sentence_id
from citydiplo.formats.tokens import tokenize
from citydiplo.scoring.entities import sentence_entities
from citydiplo.scoring.error_analysis import Judgement, classify, summarize


@dataclass(frozen=True)
class PredictedEvent:
    type: str
    start: int
    end: int
    realis: Optional[str]
    arguments: tuple[tuple[str, int, int], ...] = ()


@dataclass
class PredictedDoc:
    """A document's predictions in character offsets; ``None`` layers were not predicted."""

    doc_id: str
    sentences: int = 0
    entities: Optional[list[tuple[int, int, str]]] = None
    events: Optional[list[PredictedEvent]] = None


def strict_token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities as the headline score reads IOB2 (strict): only those that begin with B-.

    An I- tag that continues no entity of its type starts nothing and is dropped; read by
    the scorer's own (seqeval) reader, so the view judges exactly what is scored.
    """
    return sorted((first, last + 1, label) for label, first, last in sentence_entities(list(tags), "strict"))


def predicted_doc(doc: Document, predictions: Iterable[Prediction]) -> PredictedDoc:
    """A document's checked sentence predictions (token indices) in character offsets."""
    index = {sentence_id(doc.id, i): s for i, s in enumerate(doc.meta.sentences, 1)}
    out = PredictedDoc(doc.id)
    for pred in predictions:
        sent = index[pred.id]
        tokens = tokenize(doc.text[sent.start:sent.end], sent.start)
        out.sentences += 1

        def chars(span: tuple[int, int]) -> tuple[int, int]:
            return tokens[span[0]].start, tokens[span[1] - 1].end

        if pred.ner_tags is not None:
            out.entities = (out.entities or []) + [
                (*chars((first, last)), label) for first, last, label in strict_token_spans(pred.ner_tags)]
        if pred.events is not None:
            out.events = (out.events or []) + [
                PredictedEvent(ev.type, *chars(ev.trigger), ev.realis,
                               tuple((a.role, *chars(a.span)) for a in ev.arguments))
                for ev in pred.events]
    return out


@dataclass
class DocErrors:
    """A document's predictions judged against gold: outer entities and triggers (when predicted)."""

    doc_id: str
    entities: Optional[list[Judgement]]
    triggers: Optional[list[Judgement]]

    def summary(self) -> dict[str, dict[str, int]]:
        layers = (("entities", self.entities), ("triggers", self.triggers))
        return {name: summarize(judged) for name, judged in layers if judged is not None}


def doc_errors(doc: Document, pred: PredictedDoc) -> DocErrors:
    """Judge outer-level entities and event triggers (span + type) against the gold."""
    entities = triggers = None
    if pred.entities is not None:
        entities = classify([(e.start, e.end, e.type) for e in doc.entities if e.level == 1], pred.entities)
    if pred.events is not None:
        triggers = classify([(ev.start, ev.end, ev.type) for ev in doc.events],
                            [(ev.start, ev.end, ev.type) for ev in pred.events])
    return DocErrors(doc.id, entities, triggers)
