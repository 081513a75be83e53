"""Entity-level scores computed with seqeval's own entity readers.

``sentence_entities`` reads entities exactly as seqeval does: in the default
(conlleval-compatible) mode with ``get_entities``, in strict mode with
``seqeval.scheme.Entities`` under IOB2. Counts are summed per sentence, so scoring
streams; the totals equal ``seqeval.metrics.classification_report`` on the whole set
(tested), because seqeval never lets an entity cross a sentence boundary.
"""

from __future__ import annotations

from collections import defaultdict

from citydiplo.scoring.counts import Counts

MODES = ("strict", "default")


def sentence_entities(tags: list[str], mode: str) -> set[tuple[str, int, int]]:
    """Entities ``(type, first, last_inclusive)`` of one tag sequence."""
    if mode == "strict":
        from seqeval.scheme import IOB2, Entities

        return {(e.tag, e.start, e.end - 1) for e in Entities([tags], IOB2).entities[0]}
    from seqeval.metrics.sequence_labeling import get_entities

    return set(get_entities(tags))


def sentence_type_counts(gold_tags: list[str], pred_tags: list[str], mode: str) -> dict[str, Counts]:
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


def summarise(per_type: dict[str, Counts]) -> dict:
    """Micro and macro P/R/F1 and per-type figures, as seqeval reports them.

    Macro averages over every type found in gold or predictions (seqeval's label set)."""
    micro = Counts()
    for c in per_type.values():
        micro += c
    types = sorted(t for t, c in per_type.items() if c.gold or c.pred)
    macro = {
        k: (sum(getattr(per_type[t], k) for t in types) / len(types) if types else 0.0)
        for k in ("precision", "recall", "f1")
    }
    return {
        "micro": micro.as_dict(),
        "macro": macro,
        "per_type": {t: per_type[t].as_dict() for t in types},
    }
