"""Score a stream of checked predictions against gold sentence records.

One pass over the predictions, constant memory per prediction: each sentence adds its
entity counts (``entities.EntityTally``: one reading of the tags gives strict and default
mode, seqeval's readings; outer and inner level) and event
counts to running totals, and keeps one small row of counts per headline metric for the
bootstrap.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from typing import Any, Iterable, Mapping

import numpy as np

from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import SentenceRecord
from citydiplo.scoring import bootstrap
from citydiplo.scoring.entities import EntityTally
from citydiplo.scoring.events import EventAccumulator, score_sentence
from citydiplo.scoring.linking import LinkingAccumulator
from citydiplo.scoring.partial import PartialAccumulator
from citydiplo.scoring.results import HEADLINES, Headline, Results
from citydiplo.scoring.secondary import SECONDARY
from citydiplo.scoring.trigger_overlap import OverlapAccumulator

_NOTHING = (0, 0, 0)



class Scorer:
    """Accumulates figures sentence by sentence."""

    def __init__(self, secondary: bool = True) -> None:
        # with ``secondary=False``: the headline report only (no partial-match, linking or
        # trigger-overlap blocks, which cost what nervaluate costs); the speed script times both
        self.secondary = secondary
        # level -> per-language, per-type counts in both modes
        self.entities = {lvl: EntityTally() for lvl in ("outer", "inner")}
        self.events: defaultdict[str, EventAccumulator] = defaultdict(EventAccumulator)
        # per-sentence (tp, pred, gold) for each headline, flat and compact: 12 bytes a sentence
        self.rows: dict[str, array] = {k: array("i") for k in (*HEADLINES, *(SECONDARY if secondary else ()))}
        self.partial, self.linking, self.trigger_overlap = PartialAccumulator(), LinkingAccumulator(), OverlapAccumulator()
        self.input_report: dict | None = None  # what reading the system's output did (formats.readers)
        self.ids: list[str] = []
        self.languages: list[str] = []  # each scored sentence's language, for per-language intervals
        self.seen = {"ner_tags": False, "ner_tags_inner": False, "events": False, "relations": False}
        self.orphan_i_tags = 0
        self.tokens = 0

    def add(self, gold: SentenceRecord, pred: Prediction) -> None:
        self.ids.append(gold.id)
        self.languages.append(gold.language)
        self.tokens += len(gold.tokens)
        self.orphan_i_tags += pred.orphan_i_tags
        for field in self.seen:
            self.seen[field] |= getattr(pred, field) is not None
        self.rows["entity_f1"].extend(self.entities["outer"].add(gold.ner_tags, pred.ner_tags, gold.language))
        self.entities["inner"].add(gold.ner_tags_inner, pred.ner_tags_inner, gold.language)
        if self.secondary:
            self._add_secondary(gold, pred)
        if not (gold.events or pred.events or gold.relations or pred.relations):
            self.events[gold.language]  # nothing to score: all counts 0, but the language is reported
            for key in ("trigger_classification_f1", "argument_classification_f1", "relation_f1"):
                self.rows[key].extend(_NOTHING)
            return
        score = score_sentence(gold.events, pred.events or [], gold.relations, pred.relations or [])
        self.events["all"].add(score)
        self.events[gold.language].add(score)
        self.rows["trigger_classification_f1"].extend(score.counts["trigger_classification"])
        self.rows["argument_classification_f1"].extend(score.counts["argument_classification"])
        self.rows["relation_f1"].extend(score.counts["relation"])

    def _add_secondary(self, gold: SentenceRecord, pred: Prediction) -> None:
        """Partial-match entities, linking and trigger overlap (``scoring.secondary``)."""
        lang = gold.language
        self.rows["entity_partial_f1"].extend(
            self.partial.add(gold.ner_tags, gold.ner_tags_inner, pred.ner_tags, pred.ner_tags_inner, lang))
        self.rows["linking_f1"].extend(
            self.linking.add(gold.norms, pred.ner_tags, pred.ner_tags_inner, pred.norm, lang))
        self.rows["trigger_overlap_f1"].extend(self.trigger_overlap.add(gold.events, pred.events, lang))

    def table(self, key: str) -> np.ndarray:
        """The n x 3 per-sentence counts of a headline metric, in the order scored."""
        return np.frombuffer(self.rows[key], dtype=np.int32).reshape(-1, 3)

    def _entity_block(self, level: str) -> dict:
        return self.entities[level].block()

    def results(self, samples: int = bootstrap.DEFAULT_SAMPLES, seed: int = bootstrap.DEFAULT_SEED) -> Results:
        """Every figure, and the headline F1s with their 95% bootstrap intervals."""
        events = self.events["all"].summary()
        events["per_language"] = {g: acc.summary() for g, acc in sorted(self.events.items()) if g != "all"}
        entities: dict[str, Any] = {"outer": self._entity_block("outer"), "inner": self._entity_block("inner"),
                                    "orphan_i_tags": self.orphan_i_tags}
        values = {
            "entity_f1": entities["outer"]["strict"]["micro"]["f1"],
            "trigger_classification_f1": events["trigger_classification"]["f1"],
            "argument_classification_f1": events["argument_classification"]["f1"],
            "relation_f1": events["relation"]["f1"],
        }
        intervals = bootstrap.confidence_intervals({key: self.table(key) for key in values}, samples, seed)
        headline = {key: Headline(value, intervals[key], HEADLINES[key]) for key, value in values.items()}
        by_language = bootstrap.intervals_by_group({key: self.table(key) for key in values}, self.languages, samples,
                                                   seed)
        return Results(len(self.ids), self.tokens, tuple(k for k, v in self.seen.items() if v), headline,
                       entities, events, samples, seed, extra=self._secondary(samples, seed) if self.secondary else {},
                       language_ci95=by_language)

    def _secondary(self, samples: int, seed: int) -> dict:
        """The ``extra`` blocks of ``scoring.secondary``, with intervals for its F1s."""
        partial, linking, over = self.partial.summary(), self.linking.summary(), self.trigger_overlap.summary()
        values = {"entity_partial_f1": partial["outer"]["partial"]["f1"], "linking_f1": linking["end_to_end"]["f1"],
                  "trigger_overlap_f1": over["trigger_classification_overlap"]["f1"]}
        out = {"partial": partial, "linking": linking, "trigger_overlap": over,
               "secondary": {k: Headline(v, bootstrap.confidence_interval(self.table(k), samples, seed),
                                         SECONDARY[k]).to_dict() for k, v in values.items()}}
        if self.input_report is not None:
            out["input"] = self.input_report
        return out


def score(gold: Mapping[str, SentenceRecord], predictions: Iterable[Prediction], secondary: bool = True) -> Scorer:
    """Feed every prediction to a fresh ``Scorer`` (predictions are already checked)."""
    scorer = Scorer(secondary)
    for pred in predictions:
        scorer.add(gold[pred.id], pred)
    return scorer
