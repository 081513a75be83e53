"""Score a stream of checked predictions against gold sentence records.

``Scorer.add`` keeps what each sentence's entities need in compact form (the tags of both
levels, gold and predicted, their tags other than ``O`` in ``entities.TagStream``; its length and
language), its events and relations as rows of small integers (``events.EventTable``).
``Scorer.results`` then reads the entities of every sentence at once (``TagStream.chunks``,
``entities.read_chunks``) and counts, with array operations over all sentences: seqeval's
strict and default mode on both levels
(``entities.entity_counts``), nervaluate's four partial-match modes on the outer level,
the inner one and their union (``partial.level_counts``), entity linking, and every event
metric per sentence, language, type and document (``EventTable.matches``), and trigger
overlap from the same table (``trigger_overlap.table_counts``). One bootstrap then resamples the
per-sentence count rows of every F1 that gets an interval, all with the same draws; the
per-language intervals of the headline (``Results.language_ci95``) resample each
language's sentences, one set of draws per language for all its metrics.

``task`` (``scoring.tasks``: ner, ed, eae, e2e) restricts both sides to the task's layers
before anything is counted, and chooses the headline metrics and the secondary blocks the
task reports. ``blocks`` chooses the secondary blocks (``BLOCKS``: partial, linking,
trigger_overlap, string_track; all the task has by default); the headline blocks
(entities, events) are always computed. Another scorer joins through ``extensions`` (see
``Extension``): it sees every sentence and its per-sentence rows are resampled in the
same bootstrap. The string track (``string_track.StringTrack``) is one.
"""

from __future__ import annotations

import copy
import difflib
import gc
import weakref
from array import array
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping, Protocol, Sequence

import numpy as np

from citydiplo.formats.model import TokenEvent, TokenRelation
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.tokens import Token
from citydiplo.scoring import bootstrap, tasks
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.entities import MODES, EntityCounts, TagCodes, TagStream, entity_counts, summarise
from citydiplo.scoring.events import REALIS_METRICS, EventTable, sentence_rows
from citydiplo.scoring.linking import LinkingAccumulator
from citydiplo.scoring.partial import level_counts
from citydiplo.scoring.partial import summary as partial_summary
from citydiplo.scoring.results import HEADLINES, Headline, Results
from citydiplo.scoring.secondary import SECONDARY
from citydiplo.formats.string_tuples import StringTuples
from citydiplo.scoring.string_track import EntityChunks, StringTrack
from citydiplo.scoring.trigger_overlap import table_counts

BLOCKS = {"partial": "entity_partial_f1", "linking": "linking_f1", "trigger_overlap": "trigger_overlap_f1",
          "string_track": "string_f1"}
"""The secondary blocks a scorer can leave out, and the F1 of each that gets an interval."""

_EVENT_ROWS = {"trigger_classification_f1": "trigger_classification", "argument_classification_f1": "argument_classification",
               "relation_f1": "relation"}


class GoldSentence(Protocol):
    """What the scorer reads of a gold sentence (``formats.records.SentenceRecord`` is one;
    ``ner_tags_inner`` None: all ``O``)."""

    @property
    def id(self) -> str: ...

    @property
    def doc_id(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def tokens(self) -> Sequence[Token]: ...

    @property
    def ner_tags(self) -> Sequence[str]: ...

    @property
    def ner_tags_inner(self) -> Sequence[str] | None: ...

    @property
    def events(self) -> Sequence[TokenEvent]: ...

    @property
    def relations(self) -> Sequence[TokenRelation]: ...

    @property
    def norms(self) -> Sequence[tuple[tuple[int, int], str, str]]: ...


class Extension(Protocol):
    """Another scorer run beside the built-in ones, for its own block in ``Results.extra``.

    ``add`` sees every sentence; ``rows`` gives, per F1 key, one count row ``(tp, pred,
    gold)`` per sentence in the order added, which the scorer resamples in its one
    bootstrap (the same draws as every other interval); ``block`` gets those keys'
    intervals and returns the block stored under ``name``. A key that names a secondary
    metric (``scoring.secondary.SECONDARY``, e.g. ``string_f1``) is also reported in the
    ``secondary`` block: the micro F1 of its summed rows with its interval."""

    name: str

    def add(self, gold: GoldSentence, pred: Prediction) -> None: ...

    def rows(self) -> Mapping[str, np.ndarray]: ...

    def block(self, intervals: Mapping[str, tuple[float, float]]) -> dict: ...


def check_blocks(blocks: Iterable[str] | None) -> tuple[str, ...]:
    """The secondary blocks asked for (None: all of them); a name not in ``BLOCKS`` raises ``ValueError``."""
    if blocks is None:
        return tuple(BLOCKS)
    chosen = (blocks,) if isinstance(blocks, str) else tuple(blocks)
    for name in chosen:
        if name not in BLOCKS:
            close = difflib.get_close_matches(str(name), list(BLOCKS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown block {name!r}{hint} (blocks: {', '.join(BLOCKS)})")
    return tuple(b for b in BLOCKS if b in chosen)


def task_blocks(task: str, blocks: Iterable[str] | None = None) -> tuple[str, ...]:
    """The secondary blocks a scorer for ``task`` computes: those asked for (None: all)
    that the task reports (``tasks.SECONDARY``; the string track, of the task's layers, for
    every task)."""
    return tuple(b for b in check_blocks(blocks) if b == "string_track" or BLOCKS[b] in tasks.SECONDARY[task])


class Scorer:
    """Accumulates a stream of sentences; ``results`` computes every figure."""

    def __init__(self, blocks: Iterable[str] | None = None, extensions: Sequence[Extension] = (),
                 task: str = tasks.DEFAULT_TASK, string_answers: Mapping[str, StringTuples] | None = None) -> None:
        self.task = tasks.check_task(task)  # ``scoring.tasks``: which layers count
        self.blocks = task_blocks(self.task, blocks)
        # the string track, an extension like any other; ``string_answers``: the tuples of a
        # strings answer as written, by unit id (``StringTrack``), filled as the predictions stream
        self.event_table = EventTable()
        chunks = weakref.WeakMethod(self._entity_chunks)  # not a reference back to the scorer: no cycle to collect
        self.strings = (StringTrack(tasks.STRING_LAYERS[self.task], string_answers, lambda: chunks()(),  # type: ignore[misc]
                                    self.event_table)
                        if "string_track" in self.blocks else None)
        self.extensions: tuple[Extension, ...] = (*((self.strings,) if self.strings is not None else ()), *extensions)
        self.dropped_events = 0  # eae: predicted events on a trigger that was not given
        # ``event_table`` (made above; the string track reads it too): the events and relations of
        # every sentence that has any (as integer rows); and the document of each such sentence,
        # numbered in order of appearance (the EvmEval-style realis macro average is per document)
        self._event_docs: dict[str, int] = {}
        self._event_doc = array("q")
        self.codes = TagCodes()
        # gold outer, gold inner, predicted outer, predicted inner
        self._tags = tuple(TagStream(self.codes) for _ in range(4))
        self._lengths = array("q")
        self._language = array("q")
        self._languages: dict[str, int] = {}
        self.trigger_overlap = "trigger_overlap" in self.blocks  # counted from ``event_table`` (``trigger_overlap.table_counts``)
        self._links: list[tuple[int, Sequence[tuple[tuple[int, int], str, str]], list[tuple[tuple[int, int], str]] | None]] = []
        self._norm_given = False
        self._links_on = "linking" in self.blocks
        self.input_report: dict | None = None  # what reading the system's output did (formats.readers)
        self.ids: list[str] = []
        self.seen = {"ner_tags": False, "ner_tags_inner": False, "events": False, "relations": False}
        self._all_seen = False  # every field of ``seen`` True: nothing more to look at
        self._finished: dict[str, Any] | None = None

    @property
    def string_answers(self) -> Mapping[str, StringTuples] | None:
        return self.strings.answers if self.strings is not None else None

    @string_answers.setter
    def string_answers(self, answers: Mapping[str, StringTuples] | None) -> None:
        if self.strings is not None:
            self.strings.answers = answers

    def add(self, gold: GoldSentence, pred: Prediction) -> None:
        self._finished = None
        if self.task != "e2e":
            given = pred.events
            pred = tasks.restrict_prediction(pred, gold, self.task)
            gold = tasks.restrict_gold(gold, self.task)
            self.dropped_events += len(given or ()) - len(pred.events or ())
        ner_tags = gold.ner_tags
        i, n = len(self.ids), len(ner_tags)
        self.ids.append(gold.id)
        lang = self._languages.get(gold.language)
        if lang is None:
            lang = self._languages[gold.language] = len(self._languages)
        self._language.append(lang)
        self._lengths.append(n)
        gold_outer, gold_inner, pred_outer, pred_inner = self._tags
        gold_outer.extend(ner_tags, n)
        gold_inner.extend(gold.ner_tags_inner, n)
        pred_outer.extend(pred.ner_tags, n)
        pred_inner.extend(pred.ner_tags_inner, n)
        if not self._all_seen:
            seen = self.seen
            for field in seen:
                seen[field] |= getattr(pred, field) is not None
            self._all_seen = all(seen.values())
        events, pred_events = gold.events, pred.events
        if events or pred_events or gold.relations or pred.relations:
            self.event_table.add(i, events, pred_events or (), gold.relations, pred.relations or ())
            self._event_doc.append(self._event_docs.setdefault(gold.doc_id, len(self._event_docs)))
        if self._links_on and (gold.norms or pred.norm is not None):
            self._norm_given |= bool(pred.norm)  # as ``LinkingAccumulator``: a system with no ids predicts no links
            self._links.append((i, gold.norms, pred.norm))
        for ext in self.extensions:
            ext.add(gold, pred)

    # ------------------------------------------------------------------ the figures

    @property
    def tokens(self) -> int:
        return int(sum(self._lengths))

    @property
    def rows(self) -> dict[str, np.ndarray]:
        """Per metric with an interval (headline, then secondary, then the extensions'):
        the n x 3 per-sentence counts (tp, pred, gold), in the order scored."""
        rows = dict(self._finish()["rows"])
        for ext in self.extensions:
            rows.update((key, np.asarray(t)) for key, t in ext.rows().items())
        return rows

    def table(self, key: str) -> np.ndarray:
        """The n x 3 per-sentence counts of a headline or secondary metric, in the order scored."""
        return self.rows[key]

    def _finish(self) -> dict[str, Any]:
        """Read every sentence's entities at once and count every block (cached until the next ``add``)."""
        if self._finished is not None:
            return self._finished
        n = len(self.ids)
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(self._lengths, dtype=np.int64), out=offsets[1:])
        language = np.frombuffer(self._language, dtype=np.int64).astype(np.intp)
        names = sorted(self._languages, key=self._languages.__getitem__)
        n_lang = len(names)
        # the blocks one after another, each one's temporaries gone before the next: the
        # events first, before the chunks are read and kept
        events = self._events(n, language, n_lang)
        gold_outer, gold_inner, pred_outer, pred_inner = (s.chunks(offsets) for s in self._tags)
        types = list(self.codes.types)
        n_types = len(types)
        levels = {"outer": entity_counts(gold_outer, pred_outer, language, n_lang, n_types),
                  "inner": entity_counts(gold_inner, pred_inner, language, n_lang, n_types)}
        out: dict[str, Any] = {"entities": {level: _entity_block(c, names, types) for level, c in levels.items()}}
        out["entities"]["orphan_i_tags"] = sum(c.orphan_i_tags for c in levels.values())
        out["events"] = events
        # the per-sentence rows each F1's interval resamples, int16 where they fit (``compact_rows``),
        # each made small as it comes
        compact = bootstrap.compact_rows
        rows = {"entity_f1": compact(levels["outer"].rows), **out["events"].pop("rows")}
        del levels
        for key in rows:
            rows[key] = compact(rows[key])
        if "partial" in self.blocks:
            rank = np.argsort(np.argsort(np.array(types, dtype=object))) if types else np.zeros(0, np.intp)
            sides = {"outer": ([gold_outer], [pred_outer]), "inner": ([gold_inner], [pred_inner]),
                     "union": ([gold_outer, gold_inner], [pred_outer, pred_inner])}
            counted = {}
            for level, (gold, pred) in sides.items():
                counted[level], level_rows = level_counts(gold, pred, rank, language, n_lang, n_types,
                                                          per_sentence=level == "outer")
                if level_rows is not None:
                    rows["entity_partial_f1"] = compact(level_rows)
                del level_rows
            out["partial"] = partial_summary(counted, names, types)
        if "linking" in self.blocks:
            out["linking"], linking_rows = self._linking(n, offsets, pred_outer, pred_inner, types, names)
            rows["linking_f1"] = compact(linking_rows)
            del linking_rows
        if self.trigger_overlap:
            overlap, overlap_rows = table_counts(self.event_table, language, names, n)
            out["trigger_overlap"] = overlap.summary()  # every language reported, with events or without
            rows["trigger_overlap_f1"] = compact(overlap_rows)
            del overlap_rows
        out["rows"] = rows
        out["chunks"] = ((gold_outer, gold_inner), (pred_outer, pred_inner), offsets, types)
        self._finished = out
        return out

    def _events(self, n: int, language: np.ndarray, n_lang: int) -> dict[str, Any]:
        """Every event figure, from all sentences at once (``events.EventTable``): the
        summary overall and per language, the realis figures per document, the rows."""
        found = self.event_table.matches()
        names = sorted(self._languages, key=self._languages.__getitem__)
        overall = found.accumulators(np.zeros(n, dtype=np.intp), 1)[0]
        events = overall.summary()
        per_language = found.accumulators(language, n_lang)
        events["per_language"] = {g: per_language[k].summary() for k, g in sorted(enumerate(names), key=lambda x: x[1])}
        doc = np.zeros(n, dtype=np.intp)
        doc[np.frombuffer(self.event_table.sentences, dtype=np.int64)] = np.frombuffer(self._event_doc, dtype=np.int64)
        for m in REALIS_METRICS:
            per_doc = found.counts(m, doc, len(self._event_docs)).tolist()
            events[m]["macro"] = _document_macro([Counts(*c) for c in per_doc])
        rows = sentence_rows(found, list(_EVENT_ROWS.values()), n)
        return {"summary": events, "rows": {key: rows[metric] for key, metric in _EVENT_ROWS.items()}}

    def _entity_chunks(self) -> EntityChunks:
        """The chunks of every sentence added (the string track counts its entity layer from them)."""
        return self._finish()["chunks"]

    def _linking(self, n: int, offsets: np.ndarray, outer: Any, inner: Any, types: list[str],
                 names: list[str]) -> tuple[dict, np.ndarray]:
        acc = LinkingAccumulator()
        acc.predicted = self._norm_given
        table = np.zeros((n, 3), dtype=np.int32)
        for i, gold_links, norm in self._links:
            mentions = set()
            for chunks in (outer, inner):
                lo, hi = np.searchsorted(chunks.sentence, [i, i + 1])
                first = int(offsets[i])
                for a, b, t in zip(chunks.start[lo:hi].tolist(), chunks.end[lo:hi].tolist(), chunks.type[lo:hi].tolist()):
                    mentions.add(((a - first, b - first), types[t]))
            table[i] = acc.add(gold_links, mentions, norm, names[int(self._language[i])])
        return acc.summary(), table

    def results(self, samples: int = bootstrap.DEFAULT_SAMPLES, seed: int = bootstrap.DEFAULT_SEED) -> Results:
        """Every figure, and the F1s of the headline and secondary metrics (and of any
        extension) with their 95% bootstrap intervals, from one set of resamples."""
        done = self._finish()
        rows = done["rows"]
        events = copy.deepcopy(done["events"]["summary"])  # each Results its own
        values = {
            "entity_f1": done["entities"]["outer"]["strict"]["micro"]["f1"],
            "trigger_classification_f1": events["trigger_classification"]["f1"],
            "argument_classification_f1": events["argument_classification"]["f1"],
            "relation_f1": events["relation"]["f1"],
        }
        values = {k: values[k] for k in tasks.HEADLINES[self.task] if k in values}  # record_f1: record_track
        secondary = {}
        if "partial" in self.blocks:
            secondary["entity_partial_f1"] = done["partial"]["outer"]["partial"]["f1"]
        if "linking" in self.blocks:
            secondary["linking_f1"] = done["linking"]["end_to_end"]["f1"]
        if "trigger_overlap" in self.blocks:
            secondary["trigger_overlap_f1"] = done["trigger_overlap"]["trigger_classification_overlap"]["f1"]
        ext_rows = [{key: np.asarray(t) for key, t in ext.rows().items()} for ext in self.extensions]
        for table in ext_rows:
            secondary.update((key, Counts(*(int(x) for x in t.sum(axis=0))).f1) for key, t in table.items()
                             if key in SECONDARY)
        tables = {key: rows[key] for key in (*values, *secondary) if key in rows}
        for table in ext_rows:
            tables.update(table)
        intervals = bootstrap.confidence_intervals(tables, samples, seed)
        headline = {key: Headline(value, intervals[key], HEADLINES[key]) for key, value in values.items()}
        extra: dict[str, Any] = {"task": self.task}
        extra.update((block, done[block]) for block in self.blocks if block in done)
        for ext, table in zip(self.extensions, ext_rows):
            extra[ext.name] = ext.block({key: intervals[key] for key in table})
        if secondary:
            extra["secondary"] = {k: Headline(v, intervals[k], SECONDARY[k]).to_dict() for k, v in secondary.items()}
        if self.input_report is not None:
            extra["input"] = self.input_report
        if self.task == "eae":
            extra["eae"] = {"dropped_events": self.dropped_events}
        names = sorted(self._languages, key=self._languages.__getitem__)
        by_language = bootstrap.intervals_by_group({key: rows[key] for key in values},
                                                   np.array(names)[np.frombuffer(self._language, dtype=np.int64)]
                                                   if names else [], samples, seed)
        return Results(len(self.ids), self.tokens, tuple(k for k, v in self.seen.items() if v), headline,
                       done["entities"], events, samples, seed, extra=extra, language_ci95=by_language)


def _document_macro(docs: list[Counts]) -> dict:
    """EvmEval's macro average: the mean of per-document precision, recall and F1, over
    the documents with a trigger in the gold or the prediction."""
    docs = [c for c in docs if c.gold or c.pred]
    n = len(docs)
    return {"precision": sum(c.precision for c in docs) / n if n else 0.0,
            "recall": sum(c.recall for c in docs) / n if n else 0.0,
            "f1": sum(c.f1 for c in docs) / n if n else 0.0, "documents": n}


def _entity_block(counts: EntityCounts, languages: list[str], types: list[str]) -> dict:
    """Both modes: overall and per-language summaries, as the results record holds them."""
    out = {}
    for mode in MODES:
        table = counts.per_group[mode]
        block = summarise(_per_type(table.sum(axis=0), types))
        block["per_language"] = {g: summarise(_per_type(table[k], types))
                                 for k, g in sorted(enumerate(languages), key=lambda x: x[1])}
        out[mode] = block
    return out


def _per_type(table: np.ndarray, types: list[str]) -> dict[str, Counts]:
    return {t: Counts(int(tp), int(pred), int(gold)) for t, (tp, pred, gold) in zip(types, table.tolist())}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (and back on after it, if it was
    on). Reading and scoring records makes no reference cycles (reference counting frees
    each record's objects), but the objects it keeps would make the collector walk every
    object of the process, the caller's records too, again and again."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def score(gold: Mapping[str, GoldSentence], predictions: Iterable[Prediction], blocks: Iterable[str] | None = None,
          extensions: Sequence[Extension] = (), *, task: str = tasks.DEFAULT_TASK,
          string_answers: Mapping[str, StringTuples] | None = None) -> Scorer:
    """Feed every prediction to a fresh ``Scorer`` (predictions are already checked) for
    ``task``; ``string_answers``: the string-track tuples of a strings answer, by unit id
    (the reader's ``InputReport.answers``, filled as the predictions stream)."""
    scorer = Scorer(blocks, extensions, task, string_answers)
    with collector_paused():
        for pred in predictions:
            scorer.add(gold[pred.id], pred)
    return scorer
