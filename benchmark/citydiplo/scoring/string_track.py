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

    def empty(self, language: str, unit: str = "sentence") -> None:
        """Count a unit with no tuples of its own (``add`` of two empty sides, without matching)."""
        self.units[unit] += 1
        if language not in self.languages:
            self.languages[language] = {layer: Counts() for layer in self.layers}

    def _copy(self) -> "StringAccumulator":
        out = StringAccumulator(self.layers)
        out.units = Counter(self.units)
        out.layer_types = {name: {t: Counts(c.tp, c.pred, c.gold) for t, c in types.items()}
                           for name, types in self.layer_types.items()}
        out.languages = {lang: {name: Counts(c.tp, c.pred, c.gold) for name, c in per_layer.items()}
                         for lang, per_layer in self.languages.items()}
        return out

    def with_units(self, count: int, languages: Iterable[str], unit: str = "sentence") -> "StringAccumulator":
        """A copy with ``count`` units of these languages counted (as ``empty`` of each would have)."""
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

_SPANS = 1 << 15
"""Chunks (both sides, both levels) ``entity_layer`` counts together at most, about."""

EntityChunks = tuple[Sequence["Chunks"], Sequence["Chunks"], np.ndarray, Sequence[str]]
"""Gold chunks (each level), predicted chunks (each level), sentence offsets, type names."""


def entity_layer(gold: Sequence["Chunks"], pred: Sequence["Chunks"], offsets: np.ndarray, keep: np.ndarray,
                 types: Sequence[str], text: Callable[[int, int, int], str]) -> tuple[np.ndarray, np.ndarray]:
    """The entity layer of many sentences at once, from the chunks the scorer reads
    (``scoring.entities.read_chunks``, each level of each side): its tuples are the strict
    chunks (those that begin with ``B-``, strict IOB2's entities, as ``from_tokens`` reads
    them) of the sentences ``keep`` marks, each as (type, ``text(sentence, first, last)``,
    the normalised text of its tokens ``[first, last)``, computed once per span). Gives the
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
                      offsets, keep, first, n_types, text, rows[first:stop], per_type)
    return rows, per_type


def _entity_block(gold: Sequence["Chunks"], pred: Sequence["Chunks"], offsets: np.ndarray, keep: np.ndarray, first: int,
                  n_types: int, text: Callable[[int, int, int], str], rows: np.ndarray, per_type: np.ndarray) -> None:
    """``entity_layer`` of the sentences from ``first`` on that the chunks hold: their
    counts added to ``rows`` (the block's sentences' rows) and ``per_type``."""
    n = len(rows)
    picked = [[c.strict & keep[c.sentence] for c in side] for side in (gold, pred)]
    sizes = [sum(int(np.count_nonzero(m)) for m in masks) for masks in picked]
    if not sizes[0] and not sizes[1]:
        return
    every = [(c, m) for side, masks in zip((gold, pred), picked) for c, m in zip(side, masks)]
    sentence = np.concatenate([c.sentence[m] for c, m in every]).astype(np.int64) - first
    start = np.concatenate([c.start[m] for c, m in every])
    end = np.concatenate([c.end[m] for c, m in every])
    _, first_at, inverse = np.unique(start.astype(np.int64) * (int(offsets[-1]) + 1) + end, return_index=True,
                                     return_inverse=True)
    ids: dict[str, int] = {}
    span_text = np.empty(len(first_at), dtype=np.int64)
    for lo in range(0, len(first_at), _BLOCK):  # a block at a time: few Python ints alive at once
        at = first_at[lo:lo + _BLOCK]
        s_at = sentence[at] + first
        a_at, b_at = start[at] - offsets[s_at], end[at] - offsets[s_at]
        span_text[lo:lo + len(at)] = [ids.setdefault(text(s, a, b), len(ids))
                                      for s, a, b in zip(s_at.tolist(), a_at.tolist(), b_at.tolist())]
    del start, end, first_at
    n_text = max(len(ids), 1)
    ids.clear()
    key = (sentence * n_types + np.concatenate([c.type[m] for c, m in every])) * n_text
    key += span_text[inverse.reshape(-1)]
    del sentence, inverse, span_text
    keys = (key[:sizes[0]], key[sizes[0]:])
    (g_keys, g_n), (p_keys, p_n) = (np.unique(k, return_counts=True) for k in keys)
    del key, keys
    common, gi, pi = np.intersect1d(g_keys, p_keys, assume_unique=True, return_indices=True)
    tp = np.minimum(g_n[gi], p_n[pi])
    for col, (k, w) in enumerate(((common, tp), (p_keys, p_n), (g_keys, g_n))):
        if len(k):
            rows[:, col] += np.bincount(k // (n_types * n_text), weights=w, minlength=n)[:n].astype(np.int32)
            per_type[:, col] += np.bincount((k // n_text) % n_types, weights=w, minlength=n_types)[:n_types].astype(np.int64)


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
        self._gold.append(gold)  # its unit and language counted in bulk (``_count``), as ``empty`` would
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
        if self._event_layers:
            rows, strings = self._count_events(rows, strings, keep, language, names)
        if self.chunks is not None and keep.any():
            rows, strings = self._count_entities(rows, strings, language, names)
        self._counted = compact_rows(rows), strings
        return self._counted

    def _count_events(self, rows: np.ndarray, strings: StringAccumulator, keep: np.ndarray, language: np.ndarray,
                      names: list[str]) -> tuple[np.ndarray, StringAccumulator]:
        """The rows and the accumulator with the trigger, argument and relation layers of the
        sentences ``keep`` marks added, from ``events``: each tuple as ``from_tokens`` makes
        it (type and role as ``str``, span texts normalised, relation ends sorted), written
        as integers (one number per distinct label and per distinct text) and matched as
        multisets, sentence by sentence."""
        table, layers = self.events, self._event_layers
        labels = {code: name for name, code in table.names.items()}
        words: dict[str | None, int] = {}  # label texts (a relation's status: None or its text)
        as_text = np.array([words.setdefault(str(labels[c]), len(words)) for c in range(len(labels))] or [0])
        as_status = np.array([words.setdefault(None if labels[c] is None else str(labels[c]), len(words))
                              for c in range(len(labels))] or [0])
        per_side = []
        for side in (0, 1):
            ev = np.frombuffer(table.events[side], dtype=np.int64).reshape(-1, 5)
            ar = np.frombuffer(table.arguments[side], dtype=np.int64).reshape(-1, 4)
            re = np.frombuffer(table.relations[side], dtype=np.int64).reshape(-1, 7)
            ev_kept, re = keep[ev[:, 0]], re[keep[re[:, 0]]]
            ar = ar[ev_kept[ar[:, 0]]]
            ev_ar = ev[ar[:, 0]]
            ev = ev[ev_kept]
            # per layer: the sentence and the type (``_type_of``) of each tuple, its label columns, its spans
            per_side.append({"trigger": (ev[:, 0], as_text[ev[:, 3]], [as_text[ev[:, 3]]], [ev[:, 1:3]]),
                             "argument": (ev_ar[:, 0], as_text[ev_ar[:, 3]], [as_text[ev_ar[:, 3]], as_text[ar[:, 1]]],
                                          [ar[:, 2:4]]),
                             "relation": (re[:, 0], as_text[re[:, 6]], [as_status[re[:, 6]]], [re[:, 2:4], re[:, 4:6]])})
        # every span of the layers in scope, both sides: its text once per distinct (sentence, span)
        spans = [(side[layer][0], span) for layer in layers for side in per_side for span in side[layer][3]]
        if not any(len(sentence) for sentence, _ in spans):
            return rows, strings
        sentence = np.concatenate([s for s, _ in spans])
        first = np.concatenate([span[:, 0] for _, span in spans])
        last = np.concatenate([span[:, 1] for _, span in spans])
        _, at, inverse = np.unique(row_keys([sentence, first, last]), return_index=True, return_inverse=True)
        texts: dict[str, int] = {}
        gold = self._gold
        text_id = np.array([texts.setdefault(normalise(surface(gold[s].tokens, a, b)), len(texts))  # type: ignore[union-attr]
                            for s, a, b in zip(sentence[at].tolist(), first[at].tolist(), last[at].tolist())],
                           dtype=np.int64)[inverse.reshape(-1)]
        pos = 0

        def texts_of(span: np.ndarray) -> np.ndarray:
            nonlocal pos
            pos += len(span)
            return text_id[pos - len(span):pos]

        word_of = {k: w for w, k in words.items()}
        for layer in layers:
            sides = []
            for sentence_of, type_of, kinds, ends in (side[layer] for side in per_side):
                found = [texts_of(span) for span in ends]
                if layer == "relation":  # the two ends unordered
                    found = [np.minimum(found[0], found[1]), np.maximum(found[0], found[1])]
                sides.append((sentence_of, type_of, [sentence_of, *kinds, *found]))
            (g_sentence, g_type, g_cols), (p_sentence, p_type, p_cols) = sides
            if not len(g_sentence) and not len(p_sentence):
                continue
            found_match = match_rows(g_cols, p_cols, multiset=True)
            rows += found_match.count(g_sentence, p_sentence, len(rows))
            per_word = found_match.count(g_type, p_type, max(len(words), 1)).tolist()
            per_type = {str(word_of[k]): Counts(*c) for k, c in enumerate(per_word) if c[1] or c[2]}
            per_language = found_match.count(language[g_sentence], language[p_sentence], len(names)).tolist()
            strings = strings.with_layer(layer, per_type,
                                         {names[k]: Counts(*c) for k, c in enumerate(per_language) if any(c)})
        return rows, strings

    def _count_entities(self, rows: np.ndarray, strings: StringAccumulator, language: np.ndarray,
                        names: list[str]) -> tuple[np.ndarray, StringAccumulator]:
        """The rows and the accumulator with the entity layer of the waiting sentences added."""
        assert self.chunks is not None
        gold, pred, offsets, types = self.chunks()
        keep = np.fromiter((g is not None for g in self._gold), dtype=bool, count=len(self._gold))
        waiting = self._gold
        tokens: dict[int, Sequence[Token]] = {}

        def text(s: int, first: int, last: int) -> str:
            toks = tokens.get(s)
            if toks is None:
                tokens.clear()  # spans come sentence by sentence
                toks = tokens[s] = waiting[s].tokens  # type: ignore[union-attr]
            return normalise(surface(toks, first, last))

        entity_rows, per_type = entity_layer(gold, pred, offsets, keep, types, text)
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
