"""Partial-match entity scores: the four SemEval-2013 Task 9.1 modes, with ``nervaluate``.

The modes (``nervaluate``'s names in brackets): *strict* (span and type exact), *exact*
(span exact, type ignored), *partial* (span overlap counts half, exact span counts fully,
type ignored) and *type* (``ent_type``: overlapping span, type exact). Each is reported for
the outer level, the inner level and the union of both levels, overall, per type and per
language. Entities are read from the IOB2 tags as seqeval's default mode reads them
(``bio.iob2_to_token_spans``); nervaluate compares them sentence by sentence, and its
counts (correct, incorrect, partial, missed, spurious) are summed over sentences, so the
totals equal one nervaluate run over the whole test set. The union level puts nested and
outer entities in one list; a prediction that overlaps both an outer and an inner gold
entity is matched as nervaluate matches overlapping spans (to the first it finds).
"""

from __future__ import annotations

from collections import defaultdict

from citydiplo.formats.bio import iob2_to_token_spans

LEVELS = ("outer", "inner", "union")
MODES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
_COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")


def _spans(tags: list[str] | None) -> list[dict]:
    return [{"label": t, "start": a, "end": b - 1} for a, b, t in iob2_to_token_spans(tags or [])]


def sentence_counts(gold: list[dict], pred: list[dict]) -> dict[str, dict[str, dict[str, int]]]:
    """nervaluate's counts for one sentence: mode -> ("all" or type) -> count name -> n."""
    tags = sorted({e["label"] for e in gold} | {e["label"] for e in pred})
    if not tags:
        return {}
    trivial = _trivial(gold, pred)
    if trivial is not None:
        return trivial
    from nervaluate import Evaluator

    result = Evaluator([gold], [pred], tags, loader="dict").evaluate()
    out: dict[str, dict[str, dict[str, int]]] = {}
    for mode, name in MODES.items():
        block = {"all": {c: getattr(result["overall"][name], c) for c in _COUNTS}}
        for tag, per_mode in result["entities"].items():
            block[tag] = {c: getattr(per_mode[name], c) for c in _COUNTS}
        out[mode] = block
    return out


def _trivial(gold: list[dict], pred: list[dict]) -> dict | None:
    """The counts nervaluate gives when there is nothing to match (one side empty) or
    everything matches exactly (the same distinct spans): computed without running it,
    since most sentences of a good system are so (tested equal to nervaluate)."""
    keys = [tuple(e.values()) for e in gold], [tuple(e.values()) for e in pred]
    if pred and gold and (sorted(keys[0]) != sorted(keys[1]) or len(set(keys[1])) != len(keys[1])):
        return None
    kind = "correct" if pred and gold else "missed" if gold else "spurious"
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
    for e in gold or pred:
        per_type[e["label"]][kind] += 1
    total = dict.fromkeys(_COUNTS, 0)
    total[kind] = len(gold or pred)
    return {mode: {"all": dict(total), **{t: dict(c) for t, c in per_type.items()}} for mode in MODES}


def figures(counts: dict[str, int], mode: str) -> dict:
    """Precision, recall and F1 of summed counts, as nervaluate computes them."""
    from nervaluate.entities import EvaluationResult

    r = EvaluationResult(**{c: counts.get(c, 0) for c in _COUNTS})
    r.compute_metrics(partial_or_type=MODES[mode] in ("partial", "ent_type"))
    return {"precision": r.precision, "recall": r.recall, "f1": float(r.f1), **{c: counts.get(c, 0) for c in _COUNTS},
            "possible": r.possible, "actual": r.actual}


class PartialAccumulator:
    """Sums nervaluate counts per level, group ("all" or language), mode and type."""

    def __init__(self) -> None:
        # level -> group -> mode -> type ("all" = every type) -> count name -> n
        self.counts = {lvl: defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
                       for lvl in LEVELS}

    def add(self, gold_outer: list[str], gold_inner: list[str], pred_outer: list[str] | None,
            pred_inner: list[str] | None, language: str) -> tuple[int, int, int]:
        """Add one sentence; returns its outer-level partial-mode row ``(2 COR + PAR, 2 ACT,
        2 POS)``, whose F1 by ``2 tp / (pred + gold)`` is nervaluate's partial F1."""
        g = {"outer": _spans(gold_outer), "inner": _spans(gold_inner)}
        p = {"outer": _spans(pred_outer), "inner": _spans(pred_inner)}
        g["union"], p["union"] = g["outer"] + g["inner"], p["outer"] + p["inner"]
        row = (0, 0, 0)
        by_level = {}
        for level in LEVELS:
            nested = g["inner"] or p["inner"]
            counts = by_level[level] = by_level["outer"] if level == "union" and not nested else \
                sentence_counts(g[level], p[level])  # no inner spans: the union is the outer level
            for mode, per_type in counts.items():
                for group in ("all", language):
                    target = self.counts[level][group][mode]
                    for etype, cs in per_type.items():
                        for c, n in cs.items():
                            target[etype][c] += n
            if level == "outer" and counts:
                c = counts["partial"]["all"]
                actual = c["correct"] + c["incorrect"] + c["partial"] + c["spurious"]
                possible = c["correct"] + c["incorrect"] + c["partial"] + c["missed"]
                row = (2 * c["correct"] + c["partial"], 2 * actual, 2 * possible)
        return row

    def summary(self) -> dict:
        """level -> mode -> {micro figures, per_type, per_language}."""
        out = {}
        for level in LEVELS:
            groups = self.counts[level]
            block = {}
            for mode in MODES:
                every = groups["all"][mode]
                block[mode] = {
                    **figures(every["all"], mode),
                    "per_type": {t: figures(every[t], mode) for t in sorted(every) if t != "all"},
                    "per_language": {lang: figures(groups[lang][mode]["all"], mode)
                                     for lang in sorted(groups) if lang != "all"},
                }
            out[level] = block
        return out
