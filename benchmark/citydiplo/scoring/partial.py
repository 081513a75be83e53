"""Partial-match entity scores: the four SemEval-2013 Task 9.1 modes, as ``nervaluate`` counts them.

The modes (``nervaluate``'s names in brackets): *strict* (span and type exact), *exact*
(span exact, type ignored), *partial* (span overlap counts half, exact span counts fully,
type ignored) and *type* (``ent_type``: overlapping span, type exact). Each is reported for
the outer level, the inner level and the union of both levels, overall, per type and per
language. Entities are the chunks seqeval's default mode reads (``entities.read_chunks``);
each sentence is one nervaluate document, so the summed counts (correct, incorrect,
partial, missed, spurious) equal one nervaluate run over the whole test set.

**The union level** puts both levels' entities in one list per sentence, in reading order:
by first token, a longer span before a shorter one (a mention before the mentions nested
in it), then by type name; predictions are ordered the same way. nervaluate's matching is
greedy and depends on the order of its lists; this one order makes the union figures
independent of which level is listed first.

**How it is counted.** A predicted and a gold entity are *linked* when they overlap by at
least nervaluate's ``min_overlap_percentage`` of the gold span (read from its strategies:
1%); nervaluate only ever pairs linked entities. Each strategy is greedy: every
prediction, in list order, takes the linked gold entity it prefers among those no earlier
prediction took (strict: the same span and type, else the first in list order; exact and
partial: the same span, else the first; type: the same type at the closest boundaries,
else the first of another type), and the pair counts as correct, incorrect or partial by
the mode's rule; predictions that take none are spurious, gold entities nobody took are
missed. ``greedy`` runs that for every linked pair of every sentence at once. Per-type
figures are the same computation where a document is a sentence's entities of one type,
as nervaluate filters each document by type. Tested equal to nervaluate with Hypothesis.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from citydiplo.scoring.entities import Chunks, sentence_blocks

LEVELS = ("outer", "inner", "union")
MODES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
_COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")
COR, INC, PAR, MIS, SPU = range(5)
STRICT, EXACT, PARTIAL, TYPE = range(4)


@lru_cache(maxsize=1)
def _strategies() -> tuple[Any, ...]:
    """nervaluate's strategy objects, in the order of ``MODES``, as its ``Evaluator`` sets them up."""
    from nervaluate import Evaluator

    made = Evaluator([[]], [[]], tags=[], loader="dict").strategies
    return tuple(made[name] for name in MODES.values())


@dataclass(frozen=True)
class Side:
    """The entities of one side (gold or predicted) of one level, as arrays, in nervaluate's
    list order: by sentence, then reading order (first token, longer span first, type
    name). ``layers``: the nesting levels joined, each a stream of non-overlapping chunks;
    ``position``: where each layer's chunks went (layer after layer)."""

    layers: tuple[Chunks, ...]
    start: np.ndarray
    end: np.ndarray
    type: np.ndarray
    sentence: np.ndarray
    position: np.ndarray

    @classmethod
    def of(cls, layers: Sequence[Chunks], type_rank: np.ndarray) -> "Side":
        start, end, etype, sentence = (np.concatenate([getattr(c, k) for c in layers]) for k in ("start", "end", "type", "sentence"))
        if len(layers) == 1:  # one level's chunks are in reading order already
            return cls(tuple(layers), start, end, etype, sentence, np.arange(len(start), dtype=start.dtype))
        order = np.lexsort((type_rank[etype], -end, start))
        position = np.empty(len(order), dtype=start.dtype)
        position[order] = np.arange(len(order))
        return cls(tuple(layers), start[order], end[order], etype[order], sentence[order], position)

    def __len__(self) -> int:
        return len(self.start)


def _covered(chunks: Chunks) -> tuple[np.ndarray, np.ndarray]:
    """Every token a chunk covers and the chunk's index."""
    lengths = chunks.end - chunks.start
    ids = np.repeat(np.arange(len(chunks)), lengths)
    first = np.repeat(chunks.start - (np.cumsum(lengths) - lengths), lengths)
    return first + np.arange(len(ids)), ids


def links(gold: Side, pred: Side) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every overlapping (predicted, gold) pair, sorted, and the number of tokens they share."""
    found = []
    width = max(len(gold), 1)
    g_first = 0
    for g_layer in gold.layers:
        g_tok, g_ids = _covered(g_layer)
        p_first = 0
        for p_layer in pred.layers:
            p_tok, p_ids = _covered(p_layer)  # tokens in order: each covered once in a layer
            at = np.minimum(np.searchsorted(p_tok, g_tok), max(len(p_tok) - 1, 0))
            hit = p_tok[at] == g_tok if len(p_tok) else np.zeros(len(g_tok), dtype=bool)
            found.append(pred.position[p_ids[at[hit]] + p_first].astype(np.int64) * width
                         + gold.position[g_ids[hit] + g_first])
            p_first += len(p_layer)
        g_first += len(g_layer)
    pairs, shared = np.unique(np.concatenate(found) if found else np.zeros(0, np.int64), return_counts=True)
    index = np.int32 if max(len(gold), len(pred)) < 2**31 else np.int64
    return (pairs // width).astype(index), (pairs % width).astype(index), shared.astype(np.int32)


class Outcomes:
    """nervaluate's counts, summed as they are counted. Each bucketing ``(bucket, n,
    modes)`` maps documents to ``n`` buckets (``bucket``: a function of an array of
    documents, so that no table of every document is made) and keeps the given modes: its
    totals are (n x len(modes) x 5 count names)."""

    def __init__(self, buckets: Sequence[tuple[Callable[[np.ndarray], np.ndarray], int, Sequence[int]]]) -> None:
        self.buckets = buckets
        self.totals = [np.zeros((n, len(modes), len(_COUNTS)), dtype=np.int64 if n < 1 << 12 else np.int32)
                       for _, n, modes in buckets]

    def put(self, doc: np.ndarray, mode: int, kind: int | np.ndarray) -> None:
        for (bucket, n, modes), total in zip(self.buckets, self.totals):
            if mode not in modes or not len(doc):
                continue
            where, slot = bucket(doc), list(modes).index(mode)
            lo = int(where.min())  # counted over the buckets the documents reach only
            where = where - lo
            span = int(where.max()) + 1
            if isinstance(kind, int):
                total[lo:lo + span, slot, kind] += np.bincount(where, minlength=span)
            else:
                total[lo:lo + span, slot, :] += np.bincount(where * len(_COUNTS) + kind,
                                                            minlength=span * len(_COUNTS)).reshape(span, len(_COUNTS))


def greedy(p: np.ndarray, g: np.ndarray, preference: np.ndarray, n_gold: int) -> np.ndarray:
    """nervaluate's greedy matching, for all documents at once: each prediction, in list
    order, takes the gold entity it prefers most among the linked ones no earlier
    prediction took. ``p``, ``g``: linked pairs (indices in list order), sorted by ``p`` and
    then by ``preference`` (smaller first); returns, per pair, whether it was taken.

    A prediction's choice depends only on the choices of earlier predictions, so choosing
    with the golds taken in the previous round, round after round, settles on the
    sequential result after as many rounds as the longest chain of such dependencies. A
    pair whose prediction and gold entity are linked to nothing else is taken whatever
    the order (the common case): the rounds run over the other pairs only."""
    taken = np.zeros(len(p), dtype=bool)
    if not len(p):
        return taken
    alone = (np.bincount(p)[p] == 1) & (np.bincount(g)[g] == 1)
    taken[alone] = True
    rest = np.flatnonzero(~alone)
    if len(rest):
        taken[rest] = _rounds(p[rest], g[rest], preference[rest], n_gold)
    return taken


def _rounds(p: np.ndarray, g: np.ndarray, preference: np.ndarray, n_gold: int) -> np.ndarray:
    """``greedy``'s rounds over the given pairs."""
    order = np.lexsort((preference, p))
    p, g = p[order], g[order]
    free = np.ones(len(p), dtype=bool)
    chosen = np.zeros(len(p), dtype=bool)
    for _ in range(len(p) + 1):
        left = np.flatnonzero(free)
        p_left = p[left]  # sorted: each prediction's first free pair is its choice
        now = np.zeros(len(p), dtype=bool)
        now[left[np.concatenate(([True], p_left[1:] != p_left[:-1])) if len(left) else left]] = True
        if np.array_equal(now, chosen):
            break
        chosen = now
        taker = np.full(n_gold, np.iinfo(p.dtype).max, dtype=p.dtype)
        np.minimum.at(taker, g[chosen], p[chosen])
        free = ~(taker[g] < p)
    taken = np.empty(len(p), dtype=bool)
    taken[order] = chosen
    return taken


def outcomes(gold: Side, pred: Side, p: np.ndarray, g: np.ndarray, gold_doc: np.ndarray, pred_doc: np.ndarray,
             out: Outcomes) -> None:
    """nervaluate's counts of every document (``gold_doc``/``pred_doc``: each entity's
    document) from the linked pairs ``(p, g)``, mode by mode as its strategies match, added to ``out``."""
    span = (pred.start[p] == gold.start[g]) & (pred.end[p] == gold.end[g])
    label = pred.type[p] == gold.type[g]
    distance = np.abs(pred.start[p].astype(np.int64) - gold.start[g]) + np.abs(pred.end[p].astype(np.int64) - gold.end[g])
    width = max(len(gold), 1)
    far = int(distance.max(initial=0)) + 1
    # per mode: the order of preference among linked golds (the exact match first, else the
    # first in list order; ent_type: the same type at the closest boundaries, else the
    # first of another type) and the count each match makes
    # (exact and partial prefer alike, so they match alike: one greedy run serves both)
    modes = {
        STRICT: (lambda: (~(span & label)).astype(np.int64) * width + g, lambda: np.where(span & label, COR, INC)),
        EXACT: (lambda: (~span).astype(np.int64) * width + g, lambda: np.where(span, COR, INC)),
        PARTIAL: (None, lambda: np.where(span, COR, PAR)),
        TYPE: (lambda: np.where(label, distance, far) * width + g, lambda: np.where(label, COR, INC)),
    }
    for mode, (preference, kind) in modes.items():
        if preference is not None:
            taken = greedy(p, g, preference(), len(gold))
            matched_p = np.zeros(len(pred), dtype=bool)
            matched_p[p[taken]] = True
            matched_g = np.zeros(len(gold), dtype=bool)
            matched_g[g[taken]] = True
        spurious, missed = pred_doc[~matched_p], gold_doc[~matched_g]
        out.put(np.concatenate([pred_doc[p[taken]], spurious, missed]), mode,  # one count of the three
                np.concatenate([kind()[taken], np.full(len(spurious), SPU), np.full(len(missed), MIS)]))


@dataclass(frozen=True)
class LevelCounts:
    """nervaluate's counts of one level: per language (languages x 4 modes x 5 counts), per
    language and type (languages x types x 4 x 5), and which languages and types had an
    entity of the level on either side."""

    per_language: np.ndarray
    per_type: np.ndarray
    languages: np.ndarray
    types: np.ndarray


BLOCK = 1 << 15
"""Entities (both sides, every layer) counted together at most, about: the sentences are
counted a block at a time (each sentence is its own nervaluate document, so the sums are
the same), which bounds the temporaries of linking and matching."""


def level_counts(gold: Sequence[Chunks], pred: Sequence[Chunks], type_rank: np.ndarray, language: np.ndarray,
                 n_languages: int, n_types: int, per_sentence: bool = False) -> tuple[LevelCounts, np.ndarray | None]:
    """The counts of one level whose entities are the chunks of ``gold`` and ``pred`` (its
    layers: one, or both nesting levels for the union; ``Side.of`` orders them, by
    ``type_rank``); with ``per_sentence``, also each sentence's partial-mode row ``(2 COR +
    PAR, 2 ACT, 2 POS)``, whose F1 by ``2 tp / (pred + gold)`` is nervaluate's."""
    min_share = _strategies()[0].min_overlap_percentage
    n = len(language)
    every = range(len(MODES))

    def by_language(doc: np.ndarray) -> np.ndarray:
        return language[doc]

    def by_sentence(doc: np.ndarray) -> np.ndarray:
        return doc

    def by_language_type(doc: np.ndarray) -> np.ndarray:  # doc: sentence * n_types + type
        return language[doc // n_types] * n_types + doc % n_types

    overall = Outcomes([(by_language, n_languages, every), *([(by_sentence, n, (PARTIAL,))] if per_sentence else [])])
    typed = Outcomes([(by_language_type, n_languages * n_types, every)])
    items = sum(len(c) for c in (*gold, *pred))
    for first, stop in sentence_blocks(n, items, BLOCK):
        g_side = Side.of([c.of_sentences(first, stop) for c in gold], type_rank)
        p_side = Side.of([c.of_sentences(first, stop) for c in pred], type_rank)
        p, g, shared = links(g_side, p_side)
        enough = (shared / (g_side.end[g] - g_side.start[g])) * 100.0 >= min_share  # nervaluate's arithmetic
        p, g = p[enough], g[enough]
        del shared, enough
        outcomes(g_side, p_side, p, g, g_side.sentence, p_side.sentence, overall)
        same = p_side.type[p] == g_side.type[g]
        outcomes(g_side, p_side, p[same], g[same], g_side.sentence.astype(np.int64) * n_types + g_side.type,
                 p_side.sentence.astype(np.int64) * n_types + p_side.type, typed)
        del g_side, p_side, p, g, same
    seen = np.zeros(n, dtype=bool)
    for layer in (*gold, *pred):
        seen[layer.sentence] = True
    types = np.unique(np.concatenate([layer.type for layer in (*gold, *pred)])) if gold or pred else np.zeros(0, np.int16)
    counts = LevelCounts(overall.totals[0], typed.totals[0].reshape(n_languages, n_types, len(MODES), len(_COUNTS)),
                         np.unique(language[seen]), types)
    if not per_sentence:
        return counts, None
    c = overall.totals[1][:, 0]
    both = c[:, COR] + c[:, INC] + c[:, PAR]
    rows = np.stack([2 * c[:, COR] + c[:, PAR], 2 * (both + c[:, SPU]), 2 * (both + c[:, MIS])], axis=-1).astype(np.int32)
    return counts, rows


def figures(counts: Sequence[int] | dict[str, int], mode: str) -> dict:
    """Precision, recall and F1 of summed counts, as nervaluate computes them."""
    from nervaluate.entities import EvaluationResult

    given = dict(zip(_COUNTS, (int(c) for c in counts))) if not isinstance(counts, dict) else counts
    r = EvaluationResult(**{c: given.get(c, 0) for c in _COUNTS})
    r.compute_metrics(partial_or_type=MODES[mode] in ("partial", "ent_type"))
    return {"precision": r.precision, "recall": r.recall, "f1": float(r.f1), **{c: given.get(c, 0) for c in _COUNTS},
            "possible": r.possible, "actual": r.actual}


def summary(levels: dict[str, LevelCounts], languages: Sequence[str], types: Sequence[str]) -> dict:
    """level -> mode -> {micro figures, per_type, per_language}."""
    out = {}
    for level, counts in levels.items():
        overall = counts.per_language.sum(axis=0)
        by_type = counts.per_type.sum(axis=0)
        type_order = sorted(counts.types.tolist(), key=lambda t: types[t])
        lang_order = sorted(counts.languages.tolist(), key=lambda g: languages[g])
        out[level] = {mode: {**figures(overall[m], mode),
                             "per_type": {types[t]: figures(by_type[t, m], mode) for t in type_order},
                             "per_language": {languages[g]: figures(counts.per_language[g, m], mode) for g in lang_order}}
                      for m, mode in enumerate(MODES)}
    return out
