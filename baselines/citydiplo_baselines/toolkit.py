"""The ``toolkit`` baseline: per-language NLP toolkits whose trained models ship inside
their packages (no download at run time), the gazetteer, and the learned attacher.

Entities, per language (``TOOLS``), mapped to our types by one written rule:
* ru: natasha's NER (PER, ORG, LOC); uk: natasha's PER only (its LOC and ORG are trained on
  Russian); vi: underthesea's CRF NER (PER, ORG, LOC);
* ru, uk: pymorphy3's name grammemes: a run of capitalised words each of whose parses is
  a first name, surname or patronymic (``Name``, ``Surn``, ``Patr``) is a PER (every parse,
  because the Ukrainian dictionary gives no probabilities and reads "Києві" as a name too;
  and a word of the dictionary, because an unknown word's guessed parses are often surnames)
  (the Ukrainian dictionary is GPLv3 and optional: without it uk gets natasha only);
* lv: simplemma's lemmas are looked up in the gazetteer beside the words themselves;
* all five: the gazetteer's CITY and GPE (with GeoNames / ISO 3166 ids) and DATE.
The rule: PER -> PER, less any place name of the gazetteer at its edges; ORG -> ORG; LOC -> the gazetteer's type (CITY or GPE) when a place
name covers exactly its span, else GPE; a toolkit mention wins a tie with a gazetteer one;
a CITY or GPE inside an ORG (a toolkit's or one that ``orgs`` makes) is on the inner level.
Triggers come from the gazetteer's lexicon, PARTNER_OF from its cue rule; arguments and
realis from the attacher (``attach``), learnt on the training documents only.

The rule and the tool choices were fixed from the toolkits' documentation, without reading
the benchmark's texts, annotations or guidelines. ``OMP_NUM_THREADS=1`` keeps natasha's
numpy quick on small machines. Needs ``pip install -e ".[toolkit]"``.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document
from citydiplo.formats.records import sentence_records
from citydiplo.formats.tokens import Token

from citydiplo_baselines import attach
from citydiplo_baselines.gazetteer import entity_mentions, event_mentions, iob2, partner_relations
from citydiplo_baselines.matcher import Candidate, select
from citydiplo_baselines.orgs import PLACE_TYPES, nest, starting_at
from citydiplo_baselines.places import find_places, place_index, vocabulary
from citydiplo_baselines.text import is_capitalised, norm
from citydiplo_baselines.tasks import for_task

TOOLS = {"ru": ("natasha", "pymorphy3"), "uk": ("natasha-per", "pymorphy3"), "vi": ("underthesea",),
         "lv": ("simplemma",), "fa": ()}
PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})

Span = tuple[int, int, str]  # character offsets into the document, type


def available() -> bool:
    """True when the ``[toolkit]`` packages are installed."""
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("natasha", "underthesea", "pymorphy3", "simplemma"))


def require() -> None:
    """Stop with a clear message (exit code 2 in ``bench``) when the extra is missing."""
    if not available():
        raise InputError("toolkit", 0, 'needs the [toolkit] extra: pip install "citydiplo[toolkit]" '
                                       '(natasha, underthesea, pymorphy3, simplemma)')


@lru_cache(maxsize=None)
def _natasha():
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def natasha_spans(text: str) -> list[Span]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(s.start, s.stop, s.type) for s in doc.spans]


def underthesea_spans(text: str, offset: int = 0) -> list[Span]:
    """underthesea's NER over one sentence, its words found back in the text."""
    from underthesea import ner

    out: list[list] = []
    pos = 0
    current: list | None = None
    for word, *_, tag in ner(text):
        start = text.find(word, pos)
        if start < 0:
            current = None
            continue
        end = pos = start + len(word)
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            current = [start, end, tag[2:]]
            out.append(current)
        elif tag.startswith("I-") and current is not None:
            current[1] = end
        else:
            current = None
    return [(offset + a, offset + b, t) for a, b, t in out]


@lru_cache(maxsize=None)
def _morph(lang: str):
    import pymorphy3

    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except Exception:  # noqa: BLE001 - the optional (GPL) Ukrainian dictionary is not installed
        return None


def morph_persons(tokens: Sequence[str], lang: str) -> list[Candidate]:
    """Runs of capitalised words that pymorphy3 reads as person names."""
    morph = _morph(lang)
    if morph is None:
        return []
    flags = []
    for t in tokens:
        parses = morph.parse(t) if is_capitalised(t) and t.isalpha() and morph.word_is_known(t) else []
        flags.append(bool(parses) and all(PERSON_GRAMMEMES & set(p.tag.grammemes) for p in parses))
    out, i = [], 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and flags[j]:
                j += 1
            out.append(Candidate(i, j, "PER", -1))
            i = j
        else:
            i += 1
    return out


def lemmas(tokens: Sequence[str], lang: str) -> list[str]:
    """simplemma's lemma of each token, capitalised like the token."""
    import simplemma

    out = []
    for t in tokens:
        lemma = simplemma.lemmatize(t, lang=lang)
        out.append(lemma[:1].upper() + lemma[1:] if is_capitalised(t) else lemma)
    return out


def to_tokens(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span covers (any overlap)."""
    inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    return (inside[0], inside[-1] + 1) if inside else None


def tool_spans(doc: Document) -> list[Span]:
    """The toolkits' PER / ORG / LOC spans over a document (character offsets)."""
    tools = TOOLS.get(doc.language, ())
    if "natasha" in tools:
        return natasha_spans(doc.text)
    if "natasha-per" in tools:
        return [s for s in natasha_spans(doc.text) if s[2] == "PER"]
    if "underthesea" in tools:
        return [s for sent in doc.meta.sentences for s in underthesea_spans(doc.text[sent.start:sent.end], sent.start)]
    return []


def without_places(span: tuple[int, int], places: dict) -> tuple[int, int] | None:
    """A person span with the place names at its edges cut off (natasha, out of its
    language, reads "Харкова Ігор Терехов" as one person); ``None`` when a place is left."""
    first, last = span
    taken = {i for a, b in places for i in range(a, b)}
    while first < last and first in taken:
        first += 1
    while last > first and last - 1 in taken:
        last -= 1
    if first == last or taken.intersection(range(first, last)):
        return None
    return first, last


def place_type(keys: Sequence[str], lang: str, span: tuple[int, int], places: dict) -> Candidate:
    """A toolkit LOC as our mention: a place connector at its start ("thành phố Đà Nẵng",
    "города Москвы") cut off, then the type and id of the longest gazetteer place inside
    it, else GPE."""
    first, last = span
    cut = [b for b in starting_at(keys, lang, "connectors", first) if b < last]
    if cut:
        first = max(cut)
    inside = [m for (a, b), m in places.items() if first <= a and b <= last]
    if not inside:
        return Candidate(first, last, "GPE", -1)
    best = max(inside, key=lambda m: (m.last - m.first, -m.first))
    return Candidate(first, last, best.type, -1, best.payload)


def sentence_mentions(tokens: Sequence[Token], lang: str, spans: Sequence[Span], index) -> tuple[list, list, list]:
    """(outer, inner, all places) mentions of one sentence."""
    words = [t.text for t in tokens]
    found = entity_mentions(words, lang, index)
    if "simplemma" in TOOLS.get(lang, ()):
        found = select(found + find_places(lemmas(words, lang), lang, index))
    places = {(m.first, m.last): m for m in found if m.type in PLACE_TYPES}
    keys = [norm(w) for w in words]
    tool, orgs = [], []
    for start, end, kind in spans:
        span = to_tokens(tokens, start, end)
        if span is None:
            continue
        if kind == "ORG":
            orgs.append(span)
        elif kind == "PER":
            span = without_places(span, places)
            if span is not None:
                tool.append(Candidate(*span, "PER", -1))
        elif kind == "LOC":
            tool.append(place_type(keys, lang, span, places))
    if "pymorphy3" in TOOLS.get(lang, ()):
        tool += [m for m in morph_persons(words, lang) if without_places((m.first, m.last), places)]
    chosen = select(tool + found)
    outer, inner = nest(keys, lang, chosen, orgs)
    return outer, inner, [m for m in chosen if m.type in PLACE_TYPES]


def tag(documents: Iterable[Document]) -> Iterator[dict]:
    """The zero-shot part: entities, triggers, relations; events without arguments. It
    reads a document's text and sentences only, so a document's records are computed once
    per process (``crf-toolkit`` asks for every document in every fold)."""
    require()
    for d in documents:
        key = (d.id, d.language, d.text, tuple((s.start, s.end) for s in d.meta.sentences))
        if key not in _TAGGED:
            _TAGGED[key] = _tag_document(d)
        yield from copy.deepcopy(_TAGGED[key])


_TAGGED: dict[tuple, tuple[dict, ...]] = {}


def _tag_document(doc: Document) -> tuple[dict, ...]:
    lang = doc.language
    blind = doc.without_gold()
    records = sentence_records(blind)
    words_of = [[t.text for t in rec.tokens] for rec in records]
    vocab = [w for words in words_of for w in words]
    if "simplemma" in TOOLS.get(lang, ()):
        vocab += [w for words in words_of for w in lemmas(words, lang)]
    index = place_index(lang, vocabulary(vocab, lang))
    spans = tool_spans(blind)
    out = []
    for rec, words in zip(records, words_of):
        outer, inner, places = sentence_mentions(rec.tokens, lang, spans, index)
        keys = [norm(w) for w in words]
        events = event_mentions(keys, lang, outer)
        out.append({"id": rec.id, "ner_tags": iob2(len(words), outer), "ner_tags_inner": iob2(len(words), inner),
                    "events": [{**e, "arguments": []} for e in events],
                    "relations": partner_relations(keys, lang, places),
                    "norm": [{"span": [m.first, m.last], "id": m.payload.id}
                             for m in outer + inner if m.payload is not None and m.payload.id]})
    return tuple(out)


def predict(test_docs: Iterable[Document], train_docs: Sequence[Document], *,
            inventory: Inventory | None = None) -> list[dict]:
    """The ``citydiplo.models`` entry point ``toolkit``: the toolkits' entities and the
    lexicon's triggers for ``test_docs``, with arguments and realis from an attacher learnt
    on ``train_docs`` (roles as the benchmark's ``inventory`` allows them)."""
    require()
    test_docs = list(test_docs)
    attacher = attach.fit(train_docs, attach.benchmark_inventory(inventory))
    return for_task(tag(test_docs), test_docs, lambda records: attach.attach_records(attacher, test_docs, records))
