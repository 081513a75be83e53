"""Entity-level scores, read exactly as seqeval reads them, in one pass over the tags.

``chunks`` reads a sentence's tags once and gives the conlleval-compatible chunks that
seqeval's default mode reads (``get_entities``: an ``I-`` tag that continues no entity of
its type starts one), each marked by whether it begins with ``B-``. The entities of
seqeval's strict mode under IOB2 (``seqeval.scheme.Entities``) are exactly the chunks that
begin with ``B-``: a ``B-X`` followed by its ``I-X`` tags ends where the default chunk
ends, and strict mode drops a chunk that begins with ``I-``. So one pass serves both modes.
Tags other than ``O``, ``B-X`` and ``I-X`` (other schemes, odd labels) go to seqeval's own
readers, imported only then.

Counts are summed per sentence (seqeval never lets an entity cross a sentence boundary),
and F1 is computed as seqeval computes it (``counts.f1``), so the totals, per type and
language, equal ``seqeval.metrics.classification_report`` on the whole set, bit for bit
(tested against seqeval with Hypothesis and on conlleval-derived fixtures).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np

from citydiplo.scoring.counts import Counts

MODES = ("strict", "default")

# A chunk: (type, first, last_inclusive, begins_with_B). Strict mode keeps the ones with True.
Chunk = tuple[str, int, int, bool]

_PARSED: dict[str, tuple[bool, str] | None] = {}  # tag -> (is B-, type), None: not a plain IOB tag


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
    parsed = _PARSED
    open_type = None
    start, strict = 0, False
    for i, tag in enumerate(tags):
        if tag == "O":
            if open_type is not None:
                out.append((open_type, start, i - 1, strict))
                open_type = None
            continue
        p = parsed.get(tag)
        if p is None:
            p = _parse(tag)
            if p is None:
                return None
            parsed[tag] = p
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


# A tally row per type: tp, pred, gold in strict mode, then tp, pred, gold in default mode.
_ROW = 6
_NOTHING = (0, 0, 0)


class EntityTally:
    """Running per-type counts of one annotation level, in both modes, per group (language).

    ``add`` reads each tag sequence once (``chunks``); an all-``O`` sentence costs two
    ``list.count`` calls, and a prediction equal to its gold is read once."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, list[int]]] = {}

    def add(self, gold_tags: Sequence[str], pred_tags: Sequence[str] | None, group: str) -> tuple[int, int, int]:
        """Add one sentence (``pred_tags`` None: all ``O``); returns its strict (tp, pred, gold)."""
        acc = self.groups.get(group)
        if acc is None:
            acc = self.groups[group] = {}
        n = len(gold_tags)
        gold_empty = gold_tags.count("O") == n
        pred_empty = pred_tags is None or pred_tags.count("O") == n
        if gold_empty and pred_empty:
            return _NOTHING
        if not pred_empty and (pred_tags is gold_tags or pred_tags == gold_tags):
            same = chunks(gold_tags)
            if same is not None:
                return self._add_same(acc, same)
        gold = [] if gold_empty else chunks(gold_tags)
        pred = [] if pred_empty else chunks(pred_tags)
        if gold is None or pred is None:
            return self._add_seqeval(acc, gold_tags, pred_tags or ["O"] * n)
        tp_s = pred_s = gold_s = 0
        by_span = {}
        for t, a, b, strict in gold:
            by_span[(t, a, b)] = strict
            row = acc.get(t) or acc.setdefault(t, [0] * _ROW)
            row[5] += 1
            if strict:
                row[2] += 1
                gold_s += 1
        for t, a, b, strict in pred:
            row = acc.get(t) or acc.setdefault(t, [0] * _ROW)
            row[4] += 1
            if strict:
                row[1] += 1
                pred_s += 1
            gold_strict = by_span.get((t, a, b))
            if gold_strict is not None:
                row[3] += 1
                if strict and gold_strict:
                    row[0] += 1
                    tp_s += 1
        return tp_s, pred_s, gold_s

    @staticmethod
    def _add_same(acc: dict[str, list[int]], found: list[Chunk]) -> tuple[int, int, int]:
        k = 0
        for t, _, _, strict in found:
            row = acc.get(t) or acc.setdefault(t, [0] * _ROW)
            row[3] += 1
            row[4] += 1
            row[5] += 1
            if strict:
                row[0] += 1
                row[1] += 1
                row[2] += 1
                k += 1
        return k, k, k

    @staticmethod
    def _add_seqeval(acc: dict[str, list[int]], gold_tags: Sequence[str], pred_tags: Sequence[str]) -> tuple[int, int, int]:
        headline = _NOTHING
        for offset, mode in ((0, "strict"), (3, "default")):
            per_type = sentence_type_counts(gold_tags, pred_tags, mode)
            for t, c in per_type.items():
                row = acc.get(t) or acc.setdefault(t, [0] * _ROW)
                row[offset] += c.tp
                row[offset + 1] += c.pred
                row[offset + 2] += c.gold
            if mode == "strict":
                headline = (sum(c.tp for c in per_type.values()), sum(c.pred for c in per_type.values()),
                            sum(c.gold for c in per_type.values()))
        return headline

    def per_type(self, mode: str, group: str | None = None) -> dict[str, Counts]:
        """Per-type counts in ``mode`` for one group, or summed over all groups (None)."""
        offset = MODES.index(mode) * 3
        out: dict[str, Counts] = defaultdict(Counts)
        for g in ([group] if group is not None else list(self.groups)):
            for t, row in self.groups.get(g, {}).items():
                out[t].add(row[offset], row[offset + 1], row[offset + 2])
        return out

    def block(self) -> dict:
        """Both modes: overall and per-group summaries, as the results record holds them."""
        out = {}
        for mode in MODES:
            block = summarise(self.per_type(mode))
            block["per_language"] = {g: summarise(self.per_type(mode, g)) for g in sorted(self.groups)}
            out[mode] = block
        return out


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
