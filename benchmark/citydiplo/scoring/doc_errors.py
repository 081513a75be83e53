"""A document's predictions judged against its gold, layer by layer (pure functions).

``predicted_doc`` turns checked sentence predictions (token indices) into character
offsets; ``doc_errors`` classifies them with ``citydiplo.scoring.error_analysis``. The
viewer draws the result; nothing here knows about HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from citydiplo.formats.model import Document, sentence_at, sentence_id
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.tokens import tokenize
from citydiplo.scoring.entities import sentence_entities
from citydiplo.scoring.error_analysis import (
    ARGUMENT_CATEGORIES,
    CATEGORIES,
    CORRECT,
    LINKED,
    LEVEL_CATEGORIES,
    LINK_CATEGORIES,
    RELATION_CATEGORIES,
    ArgJudgement,
    Judgement,
    LinkJudgement,
    RelJudgement,
    classify,
    classify_arguments,
    classify_level,
    classify_links,
    classify_relations,
    summarize_as,
)

# the layers a document's predictions are judged on, and each layer's classes
LAYERS = {
    "entities": LEVEL_CATEGORIES,  # outer level
    "inner": LEVEL_CATEGORIES,  # inner level
    "linking": LINK_CATEGORIES,
    "triggers": CATEGORIES,
    "arguments": ARGUMENT_CATEGORIES,
    "relations": RELATION_CATEGORIES,
}


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
    inner: Optional[list[tuple[int, int, str]]] = None
    relations: Optional[list[tuple[tuple[int, int], tuple[int, int], Optional[str]]]] = None
    norms: Optional[dict[tuple[int, int], str]] = None  # entity span -> "db:id", where the system links


def sentence_number(doc: Document, offset: int) -> int:
    """The 1-based number of the sentence holding ``offset`` (0 when none does)."""
    index = sentence_at(doc.meta.sentences, offset)
    return 0 if index is None else index + 1


def sentence_of_offset(doc: Document, offset: int) -> str:
    """The sentence id (as in predictions files) of the sentence holding ``offset``."""
    return sentence_id(doc.id, sentence_number(doc, offset))


def strict_token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities as the headline score reads IOB2 (strict): only those that begin with B-.

    An I- tag that continues no entity of its type starts nothing and is dropped; read by
    the scorer's own (seqeval) reader, so the view judges exactly what is scored.
    """
    return sorted((first, last + 1, label) for label, first, last in sentence_entities(list(tags), "strict"))


def predicted_doc(doc: Document, predictions: Iterable[Prediction]) -> PredictedDoc:
    """A document's checked sentence predictions (token indices) in character offsets,
    normalisation ids (``Prediction.norm``) included where the system gives them."""
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
        if pred.ner_tags_inner is not None:
            out.inner = (out.inner or []) + [
                (*chars((first, last)), label) for first, last, label in strict_token_spans(pred.ner_tags_inner)]
        if pred.events is not None:
            out.events = (out.events or []) + [
                PredictedEvent(ev.type, *chars(ev.trigger), ev.realis,
                               tuple((a.role, *chars(a.span)) for a in ev.arguments))
                for ev in pred.events]
        if pred.relations is not None:
            out.relations = (out.relations or []) + [
                (chars(r.arg1), chars(r.arg2), r.status) for r in pred.relations]
        if pred.norm is not None:
            out.norms = dict(out.norms or {})
            out.norms.update({chars(span): ident for span, ident in pred.norm})
    return out


@dataclass
class DocErrors:
    """A document's predictions judged against gold, layer by layer; ``None``: not predicted."""

    doc_id: str
    entities: Optional[list[Judgement]]
    triggers: Optional[list[Judgement]]
    inner: Optional[list[Judgement]] = None
    links: Optional[list[LinkJudgement]] = None
    arguments: Optional[list[ArgJudgement]] = None
    relations: Optional[list[RelJudgement]] = None

    def layers(self) -> dict[str, list]:
        """The judged layers (names as in ``LAYERS``), in that order."""
        judged = {"entities": self.entities, "inner": self.inner, "linking": self.links, "triggers": self.triggers,
                  "arguments": self.arguments, "relations": self.relations}
        return {name: j for name, j in judged.items() if j is not None}

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts per class of every judged layer."""
        return {name: summarize_as(judged, LAYERS[name]) for name, judged in self.layers().items()}


def gold_spans(doc: Document, level: int) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.type) for e in doc.entities if (e.level == 1) == (level == 1)]


def doc_errors(doc: Document, pred: PredictedDoc) -> DocErrors:
    """Judge every predicted layer against the gold: entities level by level ("right span,
    other level" apart), their normalisation ids, triggers (span + type), arguments and
    PARTNER_OF relations."""
    out = DocErrors(doc.id, None, None)
    outer, inner = gold_spans(doc, 1), gold_spans(doc, 2)
    if pred.entities is not None:
        out.entities = classify_level(outer, inner, pred.entities)
    if pred.inner is not None:
        out.inner = classify_level(inner, outer, pred.inner)
    if pred.norms is not None:
        predicted = [(s, e, t, pred.norms.get((s, e))) for s, e, t in (pred.entities or []) + (pred.inner or [])]
        out.links = classify_links(
            [(e.start, e.end, e.type, f"{e.norm_db}:{e.norm_id}" if e.norm_id else None) for e in doc.entities],
            predicted)
    if pred.events is not None:
        out.triggers = classify([(ev.start, ev.end, ev.type) for ev in doc.events],
                                [(ev.start, ev.end, ev.type) for ev in pred.events])
        out.arguments = classify_arguments(
            [(ev.start, ev.end, ev.type, tuple((a.role, a.start, a.end) for a in ev.arguments)) for ev in doc.events],
            [(ev.start, ev.end, ev.type, ev.arguments) for ev in pred.events])
    if pred.relations is not None:
        spans = {e.id: (e.start, e.end) for e in doc.entities}
        out.relations = classify_relations(
            [(spans[r.arg1], spans[r.arg2], r.status) for r in doc.relations if r.arg1 in spans and r.arg2 in spans],
            pred.relations)
    return out


Answer = tuple  # (layer, start, end, what): one thing a system got right, comparable across systems


def right_answers(errors: DocErrors) -> dict[Answer, int]:
    """What a system got right in a document, as comparable keys -> text offset.

    Mentions and triggers (layer, start, end, label); links (…, id); arguments (…, role and
    trigger); relations (…, the other argument and status).
    """
    out: dict[Answer, int] = {}
    for layer in ("entities", "inner", "triggers"):
        for j in getattr(errors, layer) or ():
            if j.category == CORRECT:
                out[(layer, j.start, j.end, j.label)] = j.start
    for link in errors.links or ():
        if link.category == LINKED:
            out[("linking", link.start, link.end, f"{link.label} {link.gold_id}")] = link.start
    for a in errors.arguments or ():
        if a.category == CORRECT:
            out[("arguments", a.start, a.end, f"{a.role} of {a.event_type} [{a.trigger[0]},{a.trigger[1]})")] = a.start
    for r in errors.relations or ():
        if r.category == CORRECT:
            out[("relations", r.arg1[0], r.arg1[1], f"PARTNER_OF [{r.arg2[0]},{r.arg2[1]}) {r.status}")] = r.arg1[0]
    return out


@dataclass(frozen=True)
class SentenceDiff:
    """One sentence where two systems differ: what only A and only B get right."""

    sentence: str
    only_a: tuple[Answer, ...]
    only_b: tuple[Answer, ...]


def who_gets_it_right(doc: Document, a: DocErrors, b: DocErrors) -> list[SentenceDiff]:
    """Per sentence (in order), the answers one system gets right and the other does not;
    sentences where both get the same right are left out."""
    right_a, right_b = right_answers(a), right_answers(b)
    by_sentence: dict[int, tuple[list, list]] = {}
    for key in sorted(set(right_a) - set(right_b)):
        by_sentence.setdefault(sentence_number(doc, right_a[key]), ([], []))[0].append(key)
    for key in sorted(set(right_b) - set(right_a)):
        by_sentence.setdefault(sentence_number(doc, right_b[key]), ([], []))[1].append(key)
    return [SentenceDiff(sentence_id(doc.id, n), tuple(only_a), tuple(only_b))
            for n, (only_a, only_b) in sorted(by_sentence.items())]
