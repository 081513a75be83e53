"""Entity-linking scores: predicted normalisation ids against the gold's GeoNames
(CITY) and ISO 3166 (countries) links.

A mention is a token span with a type, on either nesting level (the union of levels; the
chunks seqeval's default mode reads). A predicted link is a predicted mention whose span
carries an id (``norm``); a gold link is a gold mention with a normalisation. Two figures, overall, per type and per language:

* **linking accuracy on found mentions**: of the gold links whose mention the system
  found (same span and type), the share it gave the gold id: linking quality alone;
* **end-to-end linking F1**: a predicted link is correct when span, type and id all
  equal a gold link's (precision over predicted links, recall over gold links).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from citydiplo.scoring.counts import Counts


class LinkingAccumulator:
    def __init__(self) -> None:
        self.e2e: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
        self.found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        self.predicted = False

    def add(self, gold_links: Sequence[tuple[tuple[int, int], str, str]], mentions: set[tuple[tuple[int, int], str]],
            pred_norm: list[tuple[tuple[int, int], str]] | None, language: str) -> tuple[int, int, int]:
        """Add one sentence: its gold links, the predicted mentions (span and type, both
        levels) and the predicted ids; returns its end-to-end row ``(tp, pred, gold)``."""
        self.predicted |= bool(pred_norm)  # one rule for every format: a system with no ids predicts no links
        ids: dict[tuple[int, int], str] = {}
        for span, ident in pred_norm or []:
            ids.setdefault((span[0], span[1]), ident)
        pred = {(span, t, ids[span]) for span, t in mentions if span in ids}
        gold = set(gold_links)
        for group in ("all", language):
            for span, t, ident in gold:
                c = self.e2e[group][t]
                c.gold += 1
                c.tp += (span, t, ident) in pred
                if (span, t) in mentions:
                    self.found[group][t][0] += 1
                    self.found[group][t][1] += ids.get(span) == ident
            for _, t, _ in pred:
                self.e2e[group][t].pred += 1
        return len(gold & pred), len(pred), len(gold)

    def _block(self, group: str) -> dict:
        e2e, found = self.e2e[group], self.found[group]
        total, n, right = Counts(), 0, 0
        per_type = {}
        for t in sorted(set(e2e) | set(found)):
            total += e2e[t]
            n += found[t][0]
            right += found[t][1]
            per_type[t] = {"end_to_end": e2e[t].as_dict(), "accuracy": found[t][1] / found[t][0] if found[t][0] else 0.0,
                           "found": found[t][0]}
        return {"end_to_end": total.as_dict(), "accuracy": right / n if n else 0.0, "found": n, "per_type": per_type}

    def summary(self) -> dict:
        out = {"predicted": self.predicted, **self._block("all")}
        out["per_language"] = {g: self._block(g) for g in sorted(self.e2e) if g != "all"}
        return out
