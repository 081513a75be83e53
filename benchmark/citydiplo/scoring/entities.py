"""Entity-level scores, read exactly as seqeval reads them, in one pass over the tags.

``chunks`` reads a sentence's tags once and gives the conlleval-compatible chunks that
seqeval's default mode reads (``get_entities``: an ``I-`` tag that continues no entity of
its type starts one), each marked by whether it begins with ``B-``. The entities of
seqeval's strict mode under IOB2 (``seqeval.scheme.Entities``) are exactly the chunks that
begin with ``B-``: a ``B-X`` followed by its ``I-X`` tags ends where the default chunk
ends, and strict mode drops a chunk that begins with ``I-``. So one pass serves both modes.
Tags other than ``O``, ``B-X`` and ``I-X`` (other schemes, odd labels) go to seqeval's own
readers, imported only then.

The scorer reads the same chunks for every sentence at once: ``TagStream`` keeps the tags
of all sentences other than ``O`` (a position and a byte each), ``read_chunks`` (and
``TagStream.chunks``) finds every chunk with a few array operations over those tags
(tested equal to ``chunks``), and ``entity_counts`` counts both modes per
language and type, and per sentence for the bootstrap.

Counts are summed per sentence (seqeval never lets an entity cross a sentence boundary),
and F1 is computed as seqeval computes it (``counts.f1``), so the totals, per type and
language, equal ``seqeval.metrics.classification_report`` on the whole set, bit for bit
(tested against seqeval with Hypothesis and on conlleval-derived fixtures).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from array import array
from itertools import repeat
from typing import Iterable, Sequence

import numpy as np

from citydiplo.scoring.counts import Counts

MODES = ("strict", "default")

# A chunk: (type, first, last_inclusive, begins_with_B). Strict mode keeps the ones with True.
Chunk = tuple[str, int, int, bool]


def _parse(tag: object) -> tuple[bool, str] | None:
    """``B-X`` / ``I-X`` with a type that seqeval's two readers name alike (no leading or
    trailing ``-``, which strict mode strips and default mode keeps)."""
    if isinstance(tag, str) and len(tag) > 2 and tag[0] in "BI" and tag[1] == "-" and tag[2] != "-" and tag[-1] != "-":
        return tag[0] == "B", tag[2:]
    return None


def chunks(tags: Sequence[str]) -> list[Chunk] | None:
    """The default-mode chunks of one tag sequence, each marked by whether it is also a
    strict IOB2 entity; ``None`` when a tag is not ``O``, ``B-X`` or ``I-X``."""
    if tags.count("O") == len(tags):
        return []
    out: list[Chunk] = []
    open_type = None
    start, strict = 0, False
    for i, tag in enumerate(tags):
        if tag == "O":
            if open_type is not None:
                out.append((open_type, start, i - 1, strict))
                open_type = None
            continue
        p = _parse(tag)
        if p is None:
            return None
        is_b, etype = p
        if is_b or etype != open_type:
            if open_type is not None:
                out.append((open_type, start, i - 1, strict))
            open_type, start, strict = etype, i, is_b
    if open_type is not None:
        out.append((open_type, start, len(tags) - 1, strict))
    return out


def _seqeval_entities(tags: list[str], mode: str) -> set[tuple[str, int, int]]:
    """seqeval's own readers, for tags ``chunks`` does not read."""
    if mode == "strict":
        from seqeval.scheme import IOB2, Entities

        return {(e.tag, e.start, e.end - 1) for e in Entities([list(tags)], IOB2).entities[0]}
    from seqeval.metrics.sequence_labeling import get_entities

    return set(get_entities(list(tags)))


def sentence_entities(tags: Sequence[str], mode: str) -> set[tuple[str, int, int]]:
    """Entities ``(type, first, last_inclusive)`` of one tag sequence, as seqeval reads them."""
    found = chunks(tags)
    if found is None:
        return _seqeval_entities(list(tags), mode)
    return {(t, a, b) for t, a, b, strict in found if strict or mode == "default"}


def sentence_type_counts(gold_tags: Sequence[str], pred_tags: Sequence[str], mode: str) -> dict[str, Counts]:
    """Per-type counts for one sentence."""
    gold = sentence_entities(gold_tags, mode)
    pred = sentence_entities(pred_tags, mode)
    out: dict[str, Counts] = defaultdict(Counts)
    for ent in gold:
        out[ent[0]].gold += 1
        if ent in pred:
            out[ent[0]].tp += 1
    for ent in pred:
        out[ent[0]].pred += 1
    return out


_MAX_TYPES = 127  # codes fit a byte, and (code - 1) >> 1 = 127 is no type's number


class TagCodes:
    """Small integer codes of IOB2 tags, shared by every tag stream of a scorer: 0 for
    ``O``, ``1 + 2t`` for ``B-`` and ``2 + 2t`` for ``I-`` of the t-th type seen."""

    def __init__(self) -> None:
        self.code: dict[str, int] = {"O": 0}
        self.types: list[str] = []

    def learn(self, tags: Iterable[str]) -> None:
        """Give a code to every tag not yet coded; a tag that is not ``O``, ``B-X`` or ``I-X``
        (checked predictions never carry one) raises ``ValueError``."""
        for tag in set(tags) - self.code.keys():
            parsed = _parse(tag)
            if parsed is None:
                raise ValueError(f"{tag!r} is not an IOB2 tag (O, B-TYPE or I-TYPE)")
            etype = parsed[1]
            if "B-" + etype in self.code:  # its other tag came first
                continue
            if len(self.types) >= _MAX_TYPES:
                raise ValueError(f"more than {_MAX_TYPES} entity types")
            t = len(self.types)
            self.types.append(etype)
            self.code["B-" + etype], self.code["I-" + etype] = 1 + 2 * t, 2 + 2 * t


class TagStream:
    """The tags of many sentences, one after another, kept as their tags other than ``O``
    (most tags are ``O``): the position of each (int32; int64 past 2**31 tags) and its code
    (a byte). Lists are appended as they are (``list.extend``) and coded a block at a time."""

    BLOCK = 1 << 16

    def __init__(self, codes: TagCodes) -> None:
        self.codes = codes
        self.pending: list[str] = []
        self.length = 0  # tags coded so far
        self.positions = array("i")
        self.tags = bytearray()

    def extend(self, tags: Sequence[str] | None, n: int) -> None:
        """Append one sentence's ``n`` tags (``None``: all ``O``)."""
        self.pending.extend(tags if tags is not None else repeat("O", n))
        if len(self.pending) >= self.BLOCK:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        get = self.codes.code.__getitem__
        try:
            block = bytes(map(get, self.pending))
        except KeyError:
            self.codes.learn(self.pending)
            block = bytes(map(get, self.pending))
        self.pending.clear()
        coded = np.frombuffer(block, dtype=np.uint8)
        at = np.flatnonzero(coded)
        if self.positions.itemsize < 8 and self.length + len(block) > np.iinfo(np.int32).max:
            self.positions = array("q", self.positions)
        self.positions.frombytes((at + self.length).astype(f"i{self.positions.itemsize}").tobytes())
        self.tags += coded[at].tobytes()
        self.length += len(block)

    def entity_tags(self) -> tuple[np.ndarray, np.ndarray]:
        """The position and code of every tag other than ``O``, in order."""
        self._flush()
        return (np.frombuffer(self.positions, dtype=f"i{self.positions.itemsize}"),
                np.frombuffer(self.tags, dtype=np.uint8))

    def array(self) -> np.ndarray:
        """Every tag's code, in order (uint8)."""
        at, code = self.entity_tags()
        out = np.zeros(self.length, dtype=np.uint8)
        out[at] = code
        return out

    def chunks(self, offsets: np.ndarray) -> "Chunks":
        """``read_chunks`` of the stream, read from its tags other than ``O`` alone."""
        return chunks_at(*self.entity_tags(), offsets, self.length)


@dataclass(frozen=True)
class Chunks:
    """The default-mode chunks of a tag stream (``chunks``, vectorised), in order. Positions
    are global token indices into the stream; ``strict`` marks the chunks that begin with
    ``B-`` (strict mode's entities)."""

    start: np.ndarray
    end: np.ndarray
    type: np.ndarray
    strict: np.ndarray
    sentence: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    def of_sentences(self, first: int, stop: int) -> "Chunks":
        """The chunks of sentences ``first`` to ``stop - 1`` (views, no copy: chunks are in order)."""
        lo, hi = np.searchsorted(self.sentence, (first, stop)).tolist()
        return Chunks(self.start[lo:hi], self.end[lo:hi], self.type[lo:hi], self.strict[lo:hi], self.sentence[lo:hi])


def sentence_blocks(n: int, items: int, block: int) -> list[tuple[int, int]]:
    """``n`` sentences cut into ranges ``(first, stop)`` of about ``block`` of their ``items``
    (chunks, say) each, evenly by sentence count: what counts a block at a time bounds its
    temporaries with."""
    k = max(1, -(-items // block))
    bounds = np.linspace(0, n, k + 1).astype(np.int64).tolist()
    return [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if b > a] or [(0, n)]


def read_chunks(codes: np.ndarray, offsets: np.ndarray) -> Chunks:
    """The chunks of a coded tag stream whose sentence ``k`` is ``codes[offsets[k]:offsets[k + 1]]``:
    ``chunks`` over every sentence at once (a chunk starts at a ``B-``, at an ``I-`` whose
    previous tag in the sentence is ``O`` or of another type, and runs over the ``I-`` tags
    of its type that follow). Only the tags other than ``O`` are read (a chunk is a run of
    them), so the temporaries are a few bytes per entity tag, not per token."""
    at = np.flatnonzero(codes)  # every tag other than O, in order
    return chunks_at(at, codes[at], offsets, len(codes))


def chunks_at(at: np.ndarray, code: np.ndarray, offsets: np.ndarray, length: int) -> Chunks:
    """``read_chunks`` of a stream of ``length`` tags from its tags other than ``O`` alone:
    their positions ``at`` (increasing) and codes."""
    position = np.int32 if length < 2**31 else np.int64
    at = at.astype(position, copy=False)
    etype = (code - 1) >> 1  # uint8: the type's number
    begins_b = (code & 1).astype(bool)
    # an I- tag continues the tag before it when that one is the token just before, of its type, in its sentence
    continues = np.zeros(len(at), dtype=bool)
    continues[1:] = (at[1:] - at[:-1] == 1) & (etype[1:] == etype[:-1])
    continues &= ~begins_b
    maybe = np.flatnonzero(continues)
    if len(maybe) and len(offsets):
        k = np.minimum(np.searchsorted(offsets, at[maybe]), len(offsets) - 1)
        continues[maybe[offsets[k] == at[maybe]]] = False  # nothing continues across a sentence boundary
    del maybe
    first = np.flatnonzero(~continues)  # indices into ``at`` of each chunk's first tag
    del continues
    last = np.empty_like(first)
    last[:-1] = first[1:] - 1
    last[-1:] = len(at) - 1
    start = at[first]
    return Chunks(start, at[last] + 1, etype[first].astype(np.int16), begins_b[first],
                  (np.searchsorted(offsets, start, side="right") - 1).astype(position))


def same_chunks(gold: Chunks, pred: Chunks) -> np.ndarray:
    """For each gold chunk, whether a predicted chunk has its span and type (the chunks of a
    stream never overlap, so a start names at most one)."""
    if len(pred) == 0:
        return np.zeros(len(gold), dtype=bool)
    at = np.minimum(np.searchsorted(pred.start, gold.start), len(pred) - 1)
    return (pred.start[at] == gold.start) & (pred.end[at] == gold.end) & (pred.type[at] == gold.type)


@dataclass(frozen=True)
class EntityCounts:
    """One level's entity counts: per (language, type) in both modes, and per sentence in
    strict mode (the bootstrap's rows)."""

    per_group: dict[str, np.ndarray]
    """mode -> (languages x types x 3) counts tp, pred, gold."""
    rows: np.ndarray
    """(sentences x 3) strict-mode counts tp, pred, gold."""
    orphan_i_tags: int
    """Predicted chunks that begin with ``I-`` (an ``I-`` tag that continues no entity)."""


def entity_counts(gold: Chunks, pred: Chunks, language: np.ndarray, n_languages: int, n_types: int) -> EntityCounts:
    """Counts of one level in seqeval's two modes: default mode reads every chunk, strict
    mode the chunks that begin with ``B-``; an entity is found when a predicted chunk has
    its span and type (in strict mode both must begin with ``B-``). ``language``: each
    sentence's language index."""
    hit = same_chunks(gold, pred)
    at = np.minimum(np.searchsorted(pred.start, gold.start), max(len(pred) - 1, 0))
    strict_hit = hit & gold.strict & (pred.strict[at] if len(pred) else False)
    g_key = language[gold.sentence] * n_types + gold.type
    p_key = language[pred.sentence] * n_types + pred.type
    size = n_languages * n_types

    def count(keys: np.ndarray) -> np.ndarray:
        return np.bincount(keys, minlength=size)

    per_group = {
        "strict": np.stack([count(g_key[strict_hit]), count(p_key[pred.strict]), count(g_key[gold.strict])], axis=-1),
        "default": np.stack([count(g_key[hit]), count(p_key), count(g_key)], axis=-1),
    }
    n = len(language)
    rows = np.stack([np.bincount(gold.sentence[strict_hit], minlength=n), np.bincount(pred.sentence[pred.strict], minlength=n),
                     np.bincount(gold.sentence[gold.strict], minlength=n)], axis=-1).astype(np.int32)
    return EntityCounts({m: a.reshape(n_languages, n_types, 3) for m, a in per_group.items()}, rows,
                        int(len(pred) - np.count_nonzero(pred.strict)))


def summarise(per_type: dict[str, Counts]) -> dict:
    """Micro and macro P/R/F1 and per-type figures, as seqeval reports them.

    Macro averages over every type found in gold or predictions (seqeval's label set),
    with numpy's mean as seqeval's ``np.average`` does, so the figures are bit-identical."""
    micro = Counts()
    for c in per_type.values():
        micro += c
    types = sorted(t for t, c in per_type.items() if c.gold or c.pred)
    macro = {
        k: (float(np.mean([getattr(per_type[t], k) for t in types])) if types else 0.0)
        for k in ("precision", "recall", "f1")
    }
    return {
        "micro": micro.as_dict(),
        "macro": macro,
        "per_type": {t: per_type[t].as_dict() for t in types},
    }
