"""The string track: scores at the level of what a system writes, spans as normalised text.

Per *scoring unit* (a sentence; a whole document for a document-level ``strings``
answer) each side is four multisets of tuples (``LAYERS``)::

    entity    (entity type, norm(text))                  both nesting levels (1 and 2)
    trigger   (event type, norm(trigger))
    argument  (event type, role, norm(argument))
    relation  (sorted pair of norm(end)), status)         the two ends unordered

and precision, recall and F1 come from the size of the multiset intersection (``Counter
&``), summed over units, per layer, per type (the tuple's first member; relations: their
status) and per language. ``string_f1`` is the micro F1 over every tuple of the layers in
scope (all four for the end-to-end task). Offsets play no part: a ``strings`` answer is
scored as written (before ``resolve_strings`` places it), and a span of any other format
is read back as its surface text (tokens joined as they stand in the text).

``norm`` (``normalise``) is the one normalisation, applied to both sides: Unicode NFC;
Arabic-script letter variants unified to the Persian letters (``ARABIC_VARIANTS``: ي ى →
ی, ك → ک, ۀ → ه + hamza above, tatweel removed); casefold; inner whitespace collapsed to one
space; surrounding whitespace, punctuation and format characters stripped; the zero-width
non-joiner kept where it joins two letters inside a word, one per run, and dropped beside
a space or at an edge (so "می‌شود" and "می‌‌شود " agree, "میشود" does not). No stemming,
no transliteration.

``StringTrack`` plugs the track into the scorer (an ``Extension``): it keeps one count
row per sentence, resampled in the scorer's one bootstrap with the same draws as every
other interval; a document-level unit's counts sit on the row of its document's first
sentence, so a resample that draws that sentence draws the answer.
"""

from __future__ import annotations

from array import array
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

import numpy as np

from citydiplo.formats.model import TokenEvent, TokenRelation
from citydiplo.formats.string_tuples import LAYERS, StringTuples, normalise, surface
from citydiplo.formats.tokens import Token
from citydiplo.scoring.bootstrap import compact_rows
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.entities import sentence_blocks, sentence_entities
from citydiplo.scoring.events import EventTable
from citydiplo.scoring.keyed import match as match_rows
from citydiplo.scoring.keyed import row_keys

if TYPE_CHECKING:
    from citydiplo.formats.predictions import Prediction
    from citydiplo.scoring.entities import Chunks
    from citydiplo.scoring.scorer import GoldSentence

__all__ = ["StringAccumulator", "StringTrack", "from_tokens", "match"]


def from_tokens(tokens: Sequence[Token], ner_tags: Sequence[str] | None, ner_tags_inner: Sequence[str] | None,
                events: Iterable[TokenEvent] | None, relations: Iterable[TokenRelation] | None) -> StringTuples:
    """The tuples of one sentence's token-level layers (gold records and checked predictions
    alike): entities as strict IOB2 reads them, on both levels."""
    out = StringTuples()
    for tags in (ner_tags, ner_tags_inner):
        if tags:
            for etype, first, last in sorted(sentence_entities(tags, "strict"), key=lambda e: e[1:]):
                out.add_entity(etype, surface(tokens, first, last + 1))
    for ev in events or ():
        out.add_event(ev.type, surface(tokens, *ev.trigger), ((a.role, surface(tokens, *a.span)) for a in ev.arguments))
    for rel in relations or ():
        out.add_relation(surface(tokens, *rel.arg1), surface(tokens, *rel.arg2), rel.status)
    return out


def _type_of(layer: str, item: tuple) -> str:
    return str(item[1]) if layer == "relation" else str(item[0])


def match(gold: StringTuples, pred: StringTuples, layers: Sequence[str] = LAYERS) -> dict[str, dict[str, Counts]]:
    """Per layer and type, the multiset counts ``(|gold ∩ pred|, |pred|, |gold|)``."""
    out: dict[str, dict[str, Counts]] = {}
    for layer in layers:
        g, p = gold.layer(layer), pred.layer(layer)
        both = g & p
        per_type: dict[str, Counts] = {}
        for counter, slot in ((both, "tp"), (p, "pred"), (g, "gold")):
            for item, n in counter.items():
                c = per_type.setdefault(_type_of(layer, item), Counts())
                setattr(c, slot, getattr(c, slot) + n)
        out[layer] = per_type
    return out


def _total(per_type: Mapping[str, Counts]) -> Counts:
    total = Counts()
    for c in per_type.values():
        total += c
    return total


class StringAccumulator:
    """Sums the unit counts of the string track, per layer, type and language."""

    def __init__(self, layers: Sequence[str] = LAYERS) -> None:
        self.layers = tuple(layers)
        self.layer_types: dict[str, dict[str, Counts]] = {layer: {} for layer in self.layers}
        self.languages: dict[str, dict[str, Counts]] = {}
        self.units = Counter[str]()

    def add(self, gold: StringTuples, pred: StringTuples, language: str, unit: str = "sentence") -> tuple[int, int, int]:
        """Score one unit; its micro counts over the layers in scope (a bootstrap row)."""
        self.units[unit] += 1
        lang = self.languages.setdefault(language, {layer: Counts() for layer in self.layers})
        micro = Counts()
        for layer, per_type in match(gold, pred, self.layers).items():
            for etype, c in per_type.items():
                self.layer_types[layer].setdefault(etype, Counts()).__iadd__(c)
                lang[layer] += c
                micro += c
        return micro.tp, micro.pred, micro.gold

    def _copy(self) -> "StringAccumulator":
        out = StringAccumulator(self.layers)
        out.units = Counter(self.units)
        out.layer_types = {name: {t: Counts(c.tp, c.pred, c.gold) for t, c in types.items()}
                           for name, types in self.layer_types.items()}
        out.languages = {lang: {name: Counts(c.tp, c.pred, c.gold) for name, c in per_layer.items()}
                         for lang, per_layer in self.languages.items()}
        return out

    def with_units(self, count: int, languages: Iterable[str], unit: str = "sentence") -> "StringAccumulator":
        """A copy with ``count`` units of these languages counted (as ``add`` of two empty sides would have)."""
        out = self._copy()
        out.units[unit] += count
        for language in languages:
            out.languages.setdefault(language, {layer: Counts() for layer in self.layers})
        return out

    def with_layer(self, layer: str, per_type: Mapping[str, Counts], per_language: Mapping[str, Counts]) -> "StringAccumulator":
        """A copy with one layer's counts, per type and per language, added (as ``add`` would have)."""
        out = self._copy()
        for etype, c in per_type.items():
            out.layer_types[layer].setdefault(etype, Counts()).__iadd__(c)
        for lang, c in per_language.items():
            out.languages[lang][layer] += c
        return out

    def summary(self) -> dict:
        """``micro`` (every tuple of the layers in scope), per layer (with ``per_type``) and
        ``per_language`` (micro and per layer), and how many units of each kind."""
        layers = {}
        micro = Counts()
        for layer in self.layers:
            total = _total(self.layer_types[layer])
            micro += total
            layers[layer] = {**total.as_dict(),
                             "per_type": {t: c.as_dict() for t, c in sorted(self.layer_types[layer].items())}}
        per_language = {}
        for lang, per_layer in sorted(self.languages.items()):
            per_language[lang] = {"micro": _total(per_layer).as_dict(),
                                  **{layer: c.as_dict() for layer, c in per_layer.items()}}
        return {"normalisation": "NFC, Arabic-script variants unified, casefold, whitespace collapsed, "
                                 "edges stripped, ZWNJ kept inside words",
                "layers_in_scope": list(self.layers), "units": dict(sorted(self.units.items())),
                "micro": micro.as_dict(), **layers, "per_language": per_language}


_BLOCK = 4096

class SpanTexts:
    """Numbers the normalised texts of spans (equal numbers for equal texts) across one
    count: ``tokens_of(sentence)`` gives a sentence's tokens; each distinct (sentence, first,
    last) asked for is read once (``surface`` + ``normalise``); the numbers are kept, the
    texts only a block at a time (``_BLOCK`` spans)."""

    def __init__(self, tokens_of: Callable[[int], Sequence[Token]]) -> None:
        self.tokens_of = tokens_of
        self.ids: dict[str, int] = {}

    def __call__(self, sentence: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        if not len(sentence):
            return np.zeros(0, dtype=np.int64)
        _, at, inverse = np.unique(row_keys([sentence, first, last]), return_index=True, return_inverse=True)
        ids, tokens_of = self.ids, self.tokens_of
        found = np.empty(len(at), dtype=np.int64)
        for lo in range(0, len(at), _BLOCK):  # a block at a time: few Python ints alive at once
            k = at[lo:lo + _BLOCK]
            tokens: dict[int, Sequence[Token]] = {}
            found[lo:lo + len(k)] = [
                ids.setdefault(normalise(surface(tokens[s] if s in tokens else tokens.setdefault(s, tokens_of(s)), a, b)),
                               len(ids))
                for s, a, b in zip(sentence[k].tolist(), first[k].tolist(), last[k].tolist())]
        return found[inverse.reshape(-1)]


def span_match(gold: Sequence[np.ndarray], pred: Sequence[np.ndarray], n_spans: int,
               texts: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray], unordered: bool = False) -> np.ndarray:
    """The multiset match of tuples ``(labels..., text of each span)``, sentence by sentence,
    reading texts only where positions do not settle it: per gold row, how many tuples it
    matched (sum them by any grouping of the rows for tp; count the rows for pred and gold).

    ``gold``, ``pred``: integer columns, the sentence first, then the labels, then
    ``n_spans`` pairs (first, last) of each span's token positions; ``texts(sentence,
    first, last)``: each span's text as a number (``SpanTexts``); ``unordered``: the span
    texts of a tuple compared as a sorted pair (a relation's two ends).

    Two tuples at the same positions have the same texts, so the multiset intersection is
    the intersection of the tuples by position plus the intersection, by text, of what
    each side has left over; and only leftovers whose labels (and sentence) the other
    side's leftovers share can match there: only their spans are read as text."""
    n_gold = len(gold[0])
    tp = np.zeros(n_gold, dtype=np.int32)
    if not n_gold or not len(pred[0]):
        return tp
    by_position = match_rows(gold, pred, multiset=True)
    tp[by_position.gold_rows] = by_position.tp
    gold_left, pred_left = by_position.left_over()  # one row per leftover tuple
    del by_position
    labels = len(gold) - 2 * n_spans
    key = row_keys([np.concatenate([g[gold_left], p[pred_left]]) for g, p in zip(gold[:labels], pred[:labels])])
    g_key, p_key = key[:len(gold_left)], key[len(gold_left):]
    gold_left, pred_left = gold_left[np.isin(g_key, p_key)], pred_left[np.isin(p_key, g_key)]
    if not len(gold_left) or not len(pred_left):
        return tp
    ends = [(side, rows, k) for side, rows in ((gold, gold_left), (pred, pred_left)) for k in range(n_spans)]
    ids = texts(*(np.concatenate([side[c][rows] for side, rows, k in ends]) if c == 0 else
                  np.concatenate([side[labels + 2 * k + c - 1][rows] for side, rows, k in ends]) for c in range(3)))
    cut = np.cumsum([0, *(len(rows) for _, rows, _ in ends)])
    found = [ids[a:b] for a, b in zip(cut[:-1], cut[1:])]
    sides = (found[:n_spans], found[n_spans:])
    if unordered and n_spans == 2:
        sides = tuple([np.minimum(*t), np.maximum(*t)] for t in sides)  # type: ignore[assignment]
    second = match_rows([*(g[gold_left] for g in gold[:labels]), *sides[0]],
                        [*(p[pred_left] for p in pred[:labels]), *sides[1]], multiset=True)
    np.add.at(tp, gold_left[second.gold_rows], second.tp)
    return tp


def span_counts(tp: np.ndarray, gold_group: np.ndarray, pred_group: np.ndarray, size: int) -> np.ndarray:
    """(size x 3) counts ``(tp, pred, gold)`` by group of ``span_match``'s rows."""
    out = np.zeros((size, 3), dtype=np.int64)
    if len(gold_group):
        out[:, 0] = np.bincount(gold_group, weights=tp, minlength=size)[:size]
        out[:, 2] = np.bincount(gold_group, minlength=size)[:size]
    if len(pred_group):
        out[:, 1] = np.bincount(pred_group, minlength=size)[:size]
    return out


_SPANS = 1 << 15
"""Chunks (both sides, both levels) ``entity_layer`` counts together at most, about."""

EntityChunks = tuple[Sequence["Chunks"], Sequence["Chunks"], np.ndarray, Sequence[str]]
"""Gold chunks (each level), predicted chunks (each level), sentence offsets, type names."""


def entity_layer(gold: Sequence["Chunks"], pred: Sequence["Chunks"], offsets: np.ndarray, keep: np.ndarray,
                 types: Sequence[str], texts: SpanTexts) -> tuple[np.ndarray, np.ndarray]:
    """The entity layer of many sentences at once, from the chunks the scorer reads
    (``scoring.entities.read_chunks``, each level of each side): its tuples are the strict
    chunks (those that begin with ``B-``, strict IOB2's entities, as ``from_tokens`` reads
    them) of the sentences ``keep`` marks, each as (type, the normalised text of its tokens,
    ``texts``; read only where positions do not settle the match, ``span_match``). Gives the
    per-sentence counts ``(tp, pred, gold)`` of the multiset match (n x 3) and the same
    counts summed per type, in ``types`` order (types x 3). Equal to ``from_tokens`` and
    ``match`` sentence by sentence (tested). The sentences are counted a block at a time
    (about ``_SPANS`` chunks each; a tuple is matched within its sentence only), so that
    the temporaries and the texts held at once stay small."""
    n, n_types = len(keep), max(len(types), 1)
    rows = np.zeros((n, 3), dtype=np.int32)  # per-sentence counts: small
    per_type = np.zeros((n_types, 3), dtype=np.int64)
    items = sum(len(c) for c in (*gold, *pred))
    for first, stop in sentence_blocks(n, items, _SPANS):
        _entity_block([c.of_sentences(first, stop) for c in gold], [c.of_sentences(first, stop) for c in pred],
                      offsets, keep, first, n_types, texts, rows[first:stop], per_type)
    return rows, per_type


def _entity_block(gold: Sequence["Chunks"], pred: Sequence["Chunks"], offsets: np.ndarray, keep: np.ndarray, first: int,
                  n_types: int, texts: SpanTexts, rows: np.ndarray, per_type: np.ndarray) -> None:
    """``entity_layer`` of the sentences from ``first`` on that the chunks hold: their
    counts added to ``rows`` (the block's sentences' rows) and ``per_type``."""
    sides = []
    for side in (gold, pred):
        masks = [c.strict & keep[c.sentence] for c in side]
        sides.append([np.concatenate([getattr(c, k)[m] for c, m in zip(side, masks)]).astype(np.int64)
                      for k in ("sentence", "type", "start", "end")])
    if not len(sides[0][0]) and not len(sides[1][0]):
        return

    def sentence_texts(sentence: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        return texts(sentence, start - offsets[sentence], end - offsets[sentence])

    tp = span_match(sides[0], sides[1], 1, sentence_texts)
    (g_sentence, g_type, *_), (p_sentence, p_type, *_) = sides
    rows += span_counts(tp, g_sentence - first, p_sentence - first, len(rows)).astype(np.int32)
    per_type += span_counts(tp, g_type, p_type, n_types)


class StringTrack:
    """The string track as a scorer extension (``scoring.scorer.Extension``): it sees every
    sentence the scorer adds (restricted to the task, like every other block), keeps one
    count row per sentence under ``string_f1`` for the scorer's one bootstrap, and gives
    ``StringAccumulator.summary`` as the ``string_track`` block.

    ``answers``: the tuples of a ``strings`` answer as written, by unit id (a document or a
    sentence id; the reader's ``InputReport.answers``, filled before it yields the unit's
    predictions). A sentence with a sentence answer is scored against it; one of a document
    with a document answer adds its gold to the document's, scored once when the rows are
    asked for, on the row of the document's first sentence; any other sentence is scored
    against its prediction read back as text, counted for all such sentences at once when
    the rows are asked for: its trigger, argument and relation tuples from ``events`` (an
    ``events.EventTable`` of the sentences added, numbered in order; the scorer passes its
    own, which holds every sentence it adds; without one the track fills its own), each
    span's text computed once, matched as multisets (``keyed.match``); its entity layer
    from the scorer's chunks when ``chunks`` is given (``entity_layer``), else sentence by
    sentence."""

    name = "string_track"
    key = "string_f1"

    def __init__(self, layers: Sequence[str] = LAYERS, answers: Mapping[str, StringTuples] | None = None,
                 chunks: Callable[[], EntityChunks] | None = None, events: EventTable | None = None) -> None:
        self.strings = StringAccumulator(layers)
        self.answers = answers
        self._rows = array("q")  # sparse: (sentence, tp, pred, gold) of the sentences counted as they come
        self._documents: dict[str, tuple[int, str, StringTuples]] = {}
        self._documents_scored = False
        # ``chunks``: the scorer's chunk arrays of every sentence added so far (``EntityChunks``);
        # given, the entity layer of a sentence scored against its prediction is counted from
        # them for all sentences at once (``entity_layer``) instead of sentence by sentence
        self.chunks = chunks if "entity" in self.strings.layers else None
        self._entities_now = self.chunks is None and "entity" in self.strings.layers
        self._gold: list["GoldSentence | None"] = []  # per sentence, its gold if scored against its prediction
        self._languages: dict[str, int] = {}
        self._language = array("i")
        self._event_layers = tuple(layer for layer in self.strings.layers if layer != "entity")
        self._fill = events is None  # a table of its own, filled in ``add``
        self.events = EventTable() if events is None else events
        self._counted: tuple[np.ndarray, StringAccumulator] | None = None

    def add(self, gold: "GoldSentence", pred: "Prediction") -> None:
        self._counted = None
        answers = self.answers
        index = len(self._language)
        self._language.append(self._languages.setdefault(gold.language, len(self._languages)))
        if answers and (gold.id in answers or gold.doc_id in answers):
            self._gold.append(None)
            tuples = from_tokens(gold.tokens, gold.ner_tags, gold.ner_tags_inner, gold.events, gold.relations)
            if gold.id in answers:
                self._put(index, self.strings.add(tuples, answers[gold.id], gold.language))
            else:
                _, _, total = self._documents.setdefault(gold.doc_id, (index, gold.language, StringTuples()))
                total += tuples
            return
        self._gold.append(gold)  # its unit and language counted in bulk (``_count``, ``with_units``)
        if self._entities_now:
            tokens = gold.tokens
            self._put(index, self.strings.add(from_tokens(tokens, gold.ner_tags, gold.ner_tags_inner, None, None),
                                              from_tokens(tokens, pred.ner_tags, pred.ner_tags_inner, None, None),
                                              gold.language))
        if self._fill and self._event_layers and (gold.events or gold.relations or pred.events or pred.relations):
            self.events.add(index, gold.events, pred.events or (), gold.relations, pred.relations or ())

    def _put(self, index: int, row: tuple[int, int, int]) -> None:
        if row[0] or row[1] or row[2]:
            self._rows.extend((index, *row))

    def _count(self) -> tuple[np.ndarray, StringAccumulator]:
        """The rows and the accumulator with the sentences scored against their predictions
        added: their units, their trigger, argument and relation layers, and the entity layer
        from the chunks (once until the next ``add``)."""
        if self._counted is not None:
            return self._counted
        n = len(self._language)
        rows = np.zeros((n, 3), dtype=np.int32)  # per-sentence counts: small
        sparse = np.frombuffer(self._rows, dtype=np.int64).reshape(-1, 4)
        np.add.at(rows, sparse[:, 0], sparse[:, 1:])
        strings = self.strings
        language = np.frombuffer(self._language, dtype=np.int32)
        names = sorted(self._languages, key=self._languages.__getitem__)
        keep = np.fromiter((g is not None for g in self._gold), dtype=bool, count=n)
        if not self._entities_now and keep.any():
            strings = strings.with_units(int(keep.sum()), [names[k] for k in np.unique(language[keep]).tolist()])
        gold = self._gold
        texts = SpanTexts(lambda sentence: gold[sentence].tokens)  # type: ignore[union-attr]  # kept sentences only
        if self._event_layers:
            rows, strings = self._count_events(rows, strings, keep, language, names, texts)
        if self.chunks is not None and keep.any():
            rows, strings = self._count_entities(rows, strings, keep, language, names, texts)
        self._counted = compact_rows(rows), strings
        return self._counted

    def _count_events(self, rows: np.ndarray, strings: StringAccumulator, keep: np.ndarray, language: np.ndarray,
                      names: list[str], texts: SpanTexts) -> tuple[np.ndarray, StringAccumulator]:
        """The rows and the accumulator with the trigger, argument and relation layers of the
        sentences ``keep`` marks added, from ``events``: each tuple as ``from_tokens`` makes
        it (type and role as ``str``, span texts normalised, relation ends unordered),
        written as integers (one number per distinct label text) and matched as multisets,
        sentence by sentence (``span_match``)."""
        table = self.events
        labels = {code: name for name, code in table.names.items()}
        words: dict[str | None, int] = {}  # label texts (a relation's status: None or its text)
        as_text = np.array([words.setdefault(str(labels[c]), len(words)) for c in range(len(labels))] or [0])
        as_status = np.array([words.setdefault(None if labels[c] is None else str(labels[c]), len(words))
                              for c in range(len(labels))] or [0])
        word_of = {k: w for w, k in words.items()}
        everything = bool(keep.all())
        for layer in self._event_layers:
            # per side: the columns (sentence, labels..., span first/last...) and the type (``_type_of``)
            sides = []
            for side in (0, 1):
                if layer == "relation":
                    re = np.frombuffer(table.relations[side], dtype=np.int64).reshape(-1, 7)
                    re = re if everything else re[keep[re[:, 0]]]
                    status = as_status[re[:, 6]]
                    sides.append(([re[:, 0], status, re[:, 2], re[:, 3], re[:, 4], re[:, 5]], as_text[re[:, 6]]))
                    continue
                ev = np.frombuffer(table.events[side], dtype=np.int64).reshape(-1, 5)
                if layer == "trigger":
                    ev = ev if everything else ev[keep[ev[:, 0]]]
                    etype = as_text[ev[:, 3]]
                    sides.append(([ev[:, 0], etype, ev[:, 1], ev[:, 2]], etype))
                    continue
                ar = np.frombuffer(table.arguments[side], dtype=np.int64).reshape(-1, 4)
                sentence = ev[ar[:, 0], 0]
                if not everything:
                    kept = keep[sentence]
                    ar, sentence = ar[kept], sentence[kept]
                etype = as_text[ev[ar[:, 0], 3]]
                sides.append(([sentence, etype, as_text[ar[:, 1]], ar[:, 2], ar[:, 3]], etype))
            (g_cols, g_type), (p_cols, p_type) = sides
            if not len(g_type) and not len(p_type):
                continue
            spans = 2 if layer == "relation" else 1
            tp = span_match(g_cols, p_cols, spans, texts, unordered=layer == "relation")
            rows += span_counts(tp, g_cols[0], p_cols[0], len(rows)).astype(rows.dtype)
            per_word = span_counts(tp, g_type, p_type, max(len(words), 1)).tolist()
            per_type = {str(word_of[k]): Counts(*c) for k, c in enumerate(per_word) if c[1] or c[2]}
            per_language = span_counts(tp, language[g_cols[0]], language[p_cols[0]], len(names)).tolist()
            strings = strings.with_layer(layer, per_type,
                                         {names[k]: Counts(*c) for k, c in enumerate(per_language) if any(c)})
        return rows, strings

    def _count_entities(self, rows: np.ndarray, strings: StringAccumulator, keep: np.ndarray, language: np.ndarray,
                        names: list[str], texts: SpanTexts) -> tuple[np.ndarray, StringAccumulator]:
        """The rows and the accumulator with the entity layer of the waiting sentences added."""
        assert self.chunks is not None
        gold, pred, offsets, types = self.chunks()
        entity_rows, per_type = entity_layer(gold, pred, offsets, keep, types, texts)
        rows += entity_rows
        per_language = np.stack([np.bincount(language, weights=entity_rows[:, col], minlength=len(names))
                                 for col in range(3)], axis=-1).astype(np.int64).tolist()
        return rows, strings.with_layer(
            "entity", {types[t]: Counts(*c) for t, c in enumerate(per_type.tolist()) if c[1] or c[2]},
            {names[k]: Counts(*c) for k, c in enumerate(per_language) if any(c)})

    def _score_documents(self) -> None:
        """Score the document answers against their documents' gold (once)."""
        if self._documents_scored:
            return
        self._documents_scored = True
        self._counted = None
        answers = self.answers or {}
        for doc_id, (index, lang, total) in self._documents.items():
            self._put(index, self.strings.add(total, answers[doc_id], lang, "document"))

    def rows(self) -> Mapping[str, np.ndarray]:
        self._score_documents()
        return {self.key: self._count()[0]}

    def block(self, intervals: Mapping[str, tuple[float, float]]) -> dict:
        """The ``string_track`` block (its interval goes with ``string_f1`` in ``secondary``)."""
        self._score_documents()
        return self._count()[1].summary()
