"""Sentence records: the token-level view of a document that datasets, predictions and
scoring share.

A record is one sentence: its id (``<doc_id>-<nnn>``, 1-based), tokens, outer and inner
IOB2 entity tags, and the events and PARTNER_OF relations whose spans lie in it, all as
token indices ``[first, last_exclusive)`` into the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from citydiplo.formats.bio import spans_to_iob2
from citydiplo.formats.model import Document, TokenArgument, TokenEvent, TokenRelation, sentence_id
from citydiplo.formats.predictions import GoldShape, record_json
from citydiplo.formats.tokens import Token, tokenize


@dataclass
class SentenceRecord:
    id: str
    doc_id: str
    language: str
    index: int
    start: int
    end: int
    tokens: list[Token]
    ner_tags: list[str]
    ner_tags_inner: list[str]
    events: list[TokenEvent] = field(default_factory=list)
    relations: list[TokenRelation] = field(default_factory=list)
    norms: list[tuple[tuple[int, int], str, str]] = field(default_factory=list)
    """Gold links of the scored entities (levels 1 and 2): (token span, type, ``DB:KEY``)."""


def token_span(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """Character offsets ``[start, end)`` as ``[first, last_exclusive)`` indices of ``tokens``;
    None unless a token starts at ``start`` and one ends at ``end`` (so the span lies within them)."""
    first = next((i for i, t in enumerate(tokens) if t.start == start), None)
    last = next((i for i, t in enumerate(tokens) if t.end == end), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def sentence_records(doc: Document) -> list[SentenceRecord]:
    """Cut a document with its gold layers into sentence records."""
    records = []
    ids_to_span = {e.id: (e.start, e.end) for e in doc.entities}
    ids_to_span.update({t.id: (t.start, t.end) for t in doc.items})
    for index, sent in enumerate(doc.meta.sentences, 1):
        tokens = tokenize(doc.text[sent.start:sent.end], sent.start)
        inside = [e for e in doc.entities if sent.start <= e.start and e.end <= sent.end]
        outer = [(e.start, e.end, e.type) for e in inside if e.level == 1]
        inner = [(e.start, e.end, e.type) for e in inside if e.level == 2]
        rec = SentenceRecord(
            sentence_id(doc.id, index), doc.id, doc.language, index, sent.start, sent.end, tokens,
            spans_to_iob2(tokens, outer), spans_to_iob2(tokens, inner),
        )
        for e in inside:
            if e.norm_id is not None and e.level <= 2:
                span = token_span(tokens, e.start, e.end)
                if span is not None:
                    rec.norms.append((span, e.type, f"{e.norm_db}:{e.norm_id}"))
        for ev in doc.events:
            if not (sent.start <= ev.start and ev.end <= sent.end):
                continue
            trigger = token_span(tokens, ev.start, ev.end)
            args = []
            for a in ev.arguments:
                span = token_span(tokens, a.start, a.end)
                if span is not None:
                    args.append(TokenArgument(a.role, span))
            if trigger is not None:
                rec.events.append(TokenEvent(ev.type, trigger, ev.realis, tuple(args)))
        for rel in doc.relations:
            s1, s2 = ids_to_span.get(rel.arg1), ids_to_span.get(rel.arg2)
            if s1 is None or s2 is None:
                continue
            a1, a2 = (token_span(tokens, *s) if sent.start <= s[0] and s[1] <= sent.end else None for s in (s1, s2))
            if a1 is not None and a2 is not None:
                rec.relations.append(TokenRelation(rel.type, a1, a2, rel.status))
        records.append(rec)
    return records


def record_to_prediction_json(rec: SentenceRecord) -> dict:
    """A gold record written as a prediction record (gold-as-predictions scores 1.0)."""
    return record_json(rec.id, rec.ner_tags, rec.ner_tags_inner, rec.events, rec.relations)


def sentence_shapes(docs: Iterable[Document]) -> dict[str, GoldShape]:
    """The token count of every sentence, by sentence id: what predictions are checked against."""
    return {
        sentence_id(doc.id, i): GoldShape(len(tokenize(doc.text[s.start:s.end], s.start)))
        for doc in docs for i, s in enumerate(doc.meta.sentences, 1)
    }
