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
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.entities import EntityTally
from citydiplo.scoring.events import REALIS_METRICS, EventAccumulator, score_sentence
from citydiplo.scoring.linking import LinkingAccumulator
from citydiplo.scoring.partial import PartialAccumulator
from citydiplo.scoring.results import HEADLINES, Headline, Results
from citydiplo.scoring.secondary import SECONDARY
from citydiplo.scoring import string_track, tasks
from citydiplo.scoring.string_track import StringAccumulator, StringTuples
from citydiplo.scoring.trigger_overlap import OverlapAccumulator

_NOTHING = (0, 0, 0)



class Scorer:
    """Accumulates figures sentence by sentence."""

    def __init__(self, secondary: bool = True, task: str = tasks.DEFAULT_TASK) -> None:
        # with ``secondary=False``: the headline report only (no partial-match, linking,
        # trigger-overlap or string-track blocks, which cost what nervaluate costs); the speed
        # script times both
        self.secondary = secondary
        self.task = tasks.check_task(task)  # ``scoring.tasks``: which layers count
        self.dropped_events = 0  # eae: predicted events on a trigger that was not given
        # per document, the EvmEval-style realis counts (their macro average is per document)
        self.realis_docs: dict[str, dict[str, Counts]] = {}
        # string track (``scoring.string_track``): ``string_answers`` are the tuples of a
        # strings answer as written, by unit id (document or sentence id), filled by the
        # reader before it yields the unit's predictions (``score(..., string_answers=...)``);
        # a document answer waits for its document's gold: its row index (its first
        # sentence), language and summed gold tuples, scored once at ``results``
        self.string_answers: Mapping[str, StringTuples] | None = None
        self.strings = StringAccumulator(tasks.STRING_LAYERS[self.task])
        self._documents: dict[str, tuple[int, str, StringTuples]] = {}
        self._documents_scored = False
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
        if self.task != "e2e":
            given = pred.events
            pred = tasks.restrict_prediction(pred, gold, self.task)
            gold = tasks.restrict_gold(gold, self.task)
            self.dropped_events += len(given or ()) - len(pred.events or ())
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
        doc = self.realis_docs.setdefault(gold.doc_id, {m: Counts() for m in REALIS_METRICS})
        for m in REALIS_METRICS:
            doc[m].add(*score.counts[m])
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
        self._add_strings(gold, pred)

    def _add_strings(self, gold: SentenceRecord, pred: Prediction) -> None:
        """The string track of one sentence: scored now against a sentence answer or the
        prediction read back as text, or (a document answer) kept for ``_score_documents``."""
        answers = self.string_answers or {}
        tuples = string_track.from_tokens(gold.tokens, gold.ner_tags, gold.ner_tags_inner, gold.events, gold.relations)
        row = _NOTHING
        if gold.id in answers:
            row = self.strings.add(tuples, answers[gold.id], gold.language)
        elif gold.doc_id in answers:
            _, _, total = self._documents.setdefault(gold.doc_id, (len(self.ids) - 1, gold.language, StringTuples()))
            total += tuples
        else:
            row = self.strings.add(tuples, string_track.from_tokens(gold.tokens, pred.ner_tags, pred.ner_tags_inner,
                                                                    pred.events, pred.relations), gold.language)
        self.rows["string_f1"].extend(row)

    def _score_documents(self) -> None:
        """Score the document answers against their documents' gold (once); each one's
        counts go on the row of its document's first sentence."""
        if self._documents_scored or not self.secondary:
            return
        self._documents_scored = True
        rows = self.rows["string_f1"]
        answers = self.string_answers or {}
        for doc_id, (index, lang, total) in self._documents.items():
            rows[3 * index:3 * index + 3] = array("i", self.strings.add(total, answers[doc_id], lang, "document"))

    def table(self, key: str) -> np.ndarray:
        """The n x 3 per-sentence counts of a headline metric, in the order scored."""
        if key == "string_f1":
            self._score_documents()
        return np.frombuffer(self.rows[key], dtype=np.int32).reshape(-1, 3)

    def _entity_block(self, level: str) -> dict:
        return self.entities[level].block()

    def results(self, samples: int = bootstrap.DEFAULT_SAMPLES, seed: int = bootstrap.DEFAULT_SEED) -> Results:
        """Every figure, and the headline F1s with their 95% bootstrap intervals."""
        events = self.events["all"].summary()
        events["per_language"] = {g: acc.summary() for g, acc in sorted(self.events.items()) if g != "all"}
        entities: dict[str, Any] = {"outer": self._entity_block("outer"), "inner": self._entity_block("inner"),
                                    "orphan_i_tags": self.orphan_i_tags}
        for m in REALIS_METRICS:
            events[m]["macro"] = _document_macro([doc[m] for doc in self.realis_docs.values()])
        values = {
            "entity_f1": entities["outer"]["strict"]["micro"]["f1"],
            "trigger_classification_f1": events["trigger_classification"]["f1"],
            "argument_classification_f1": events["argument_classification"]["f1"],
            "relation_f1": events["relation"]["f1"],
        }
        values = {k: values[k] for k in tasks.HEADLINES[self.task]}
        intervals = bootstrap.confidence_intervals({key: self.table(key) for key in values}, samples, seed)
        headline = {key: Headline(value, intervals[key], HEADLINES[key]) for key, value in values.items()}
        extra = self._secondary(samples, seed) if self.secondary else {}
        extra = {"task": self.task, **extra}
        if self.task == "eae":
            extra["eae"] = {"dropped_events": self.dropped_events}
        by_language = bootstrap.intervals_by_group({key: self.table(key) for key in values}, self.languages, samples,
                                                   seed)
        return Results(len(self.ids), self.tokens, tuple(k for k, v in self.seen.items() if v), headline,
                       entities, events, samples, seed, extra=extra, language_ci95=by_language)

    def _secondary(self, samples: int, seed: int) -> dict:
        """The ``extra`` blocks of ``scoring.secondary``, with intervals for its F1s."""
        partial, linking, over = self.partial.summary(), self.linking.summary(), self.trigger_overlap.summary()
        self._score_documents()
        strings = self.strings.summary()
        values = {"entity_partial_f1": partial["outer"]["partial"]["f1"], "linking_f1": linking["end_to_end"]["f1"],
                  "trigger_overlap_f1": over["trigger_classification_overlap"]["f1"],
                  "string_f1": strings["micro"]["f1"]}
        values = {k: v for k, v in values.items() if k in tasks.SECONDARY[self.task] or k == "string_f1"}
        blocks = {"partial": partial, "linking": linking, "trigger_overlap": over}
        used = {"ner": ("partial", "linking"), "ed": ("trigger_overlap",), "eae": ()}.get(self.task, tuple(blocks))
        out = {**{k: b for k, b in blocks.items() if k in used}, "string_track": strings,
               "secondary": {k: Headline(v, bootstrap.confidence_interval(self.table(k), samples, seed),
                                         SECONDARY[k]).to_dict() for k, v in values.items()}}
        if self.input_report is not None:
            out["input"] = self.input_report
        return out


def _document_macro(docs: list[Counts]) -> dict:
    """EvmEval's macro average: the mean of per-document precision, recall and F1, over
    the documents with a trigger in the gold or the prediction."""
    docs = [c for c in docs if c.gold or c.pred]
    n = len(docs)
    return {"precision": sum(c.precision for c in docs) / n if n else 0.0,
            "recall": sum(c.recall for c in docs) / n if n else 0.0,
            "f1": sum(c.f1 for c in docs) / n if n else 0.0, "documents": n}


def score(gold: Mapping[str, SentenceRecord], predictions: Iterable[Prediction], secondary: bool = True,
          task: str = tasks.DEFAULT_TASK, string_answers: Mapping[str, StringTuples] | None = None) -> Scorer:
    """Feed every prediction to a fresh ``Scorer`` (predictions are already checked);
    ``string_answers``: the string-track tuples of a strings answer, by unit id (the
    reader's ``InputReport.answers``, filled as the predictions stream)."""
    scorer = Scorer(secondary, task)
    scorer.string_answers = string_answers
    for pred in predictions:
        scorer.add(gold[pred.id], pred)
    return scorer
