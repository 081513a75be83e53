"""The parallel track's own figures: the article x language matrix and cross-lingual consistency.

On the parallel track every article is scored in every version (the original and its
translations), and a gold item keeps **one alignment id in every version** (its brat id:
``T12`` of ``002-en`` is the counterpart of ``T12`` of ``002-fa``). ``ParallelTrack`` is a
scorer extension (``scoring.scorer.Extension``): it sees every sentence as the scorer does
(after the task's restriction and the scheme) and, besides the usual blocks, gives the
``parallel`` block of the results:

``matrix``
    article -> language -> each headline F1 of the task among entity F1 (outer level, strict),
    trigger classification F1 and argument classification F1, with its precision, recall and
    counts (tp, pred, gold), counted sentence by sentence exactly as the scorer counts them.
``consistency``
    For each aligned gold item (entity mention, event trigger, argument, relation), whether
    the system got it right in each version, by the scorer's own notion of right for that
    item kind (``RIGHT``). ``pairs``: for each pair of languages, over the articles that have
    both versions, the items present in both: ``both`` (right in both), ``either`` (right in
    at least one), ``both_over_either`` (their ratio; null when nothing is right in either)
    and Cohen's kappa of the two right/wrong vectors (scikit-learn's ``cohen_kappa_score``;
    1.0 when the two vectors are identical, where the formula is 0/0), overall and per item
    kind. ``items``: per article and kind, the alignment ids and, per language, one character
    per id: ``1`` right, ``0`` wrong, ``-`` no counterpart in that version.
``spread``
    Per article and matrix metric, across the versions with anything to score (gold or
    predicted): ``max_minus_min`` of the F1s, and ``sd`` (the sample standard deviation)
    where there are three versions or more (else null).

``same_articles``
    Per matrix metric, per language, the mean F1 over the same articles (those that every
    language has, named in ``articles``; ``missing`` names the absent cells, a cell with
    nothing to score counting as absent) and the micro F1 over those documents with their
    counts (``scoring.decomposition.language_means``).
``decomposition``
    Per matrix metric, the two-way decomposition ``F1[a, l] = mu + article[a] +
    language[l]`` (least squares, sum-to-zero effects) with the residual share of variance
    and a 95% interval for ``mu`` and every effect from a bootstrap that resamples sentences
    within each document (``bootstrap``: samples, seed; ``scoring.decomposition``), computed
    from the per-sentence counts this extension keeps.

Pairs are named ``<a>-<b>``, languages ordered by ``language_order``: the languages of the
originals first (in article order), then the others alphabetically; with only English
translations every pair is ``<original>-en``, and with every article in every language
(issue 28) the same code gives every pair.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable, Mapping, Sequence

from citydiplo.formats.model import Document, article_of
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import SentenceRecord, token_span
import numpy as np

from citydiplo.scoring import decomposition as dec
from citydiplo.scoring import tasks
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.entities import sentence_entities
from citydiplo.scoring.events import score_sentence

KINDS = ("entity", "trigger", "argument", "relation")
RIGHT = {
    "entity": "a predicted entity of the same nesting level (outer or inner) with the same token span and type "
              "(seqeval strict mode, IOB2), as entity F1 counts a true positive",
    "trigger": "a predicted event in the sentence with the same trigger span and event type (trigger "
               "classification)",
    "argument": "a predicted argument in the sentence with the same event type, role and span (argument "
                "classification)",
    "relation": "a predicted relation in the sentence of the same type between the same two spans, order ignored "
                "(relation F1)",
}
"""When an aligned gold item counts as right: the scorer's true positive for its kind."""

MATRIX_METRICS = {"entity_f1": "entity", "trigger_classification_f1": "trigger_classification",
                  "argument_classification_f1": "argument_classification"}
"""The matrix's headline F1s and the scorer count each is made of."""

_KIND_OF_LAYER = {"entity": "entity", "trigger": "trigger", "argument": "argument", "relation": "relation"}


@dataclass(frozen=True)
class GoldItem:
    """An aligned gold item of one sentence: its kind, alignment id and what a prediction
    must contain to get it right (token spans of the sentence)."""

    kind: str
    id: str
    key: tuple


def language_order(documents: Iterable[Document]) -> list[str]:
    """The languages of the originals in article order, then the others alphabetically."""
    docs = list(documents)
    originals = sorted((d for d in docs if d.original), key=lambda d: d.article)
    first = list(dict.fromkeys(d.language for d in originals))
    return first + sorted({d.language for d in docs} - set(first))


def sentence_items(doc: Document, records: Sequence[SentenceRecord]) -> dict[str, list[GoldItem]]:
    """The aligned gold items of a document, by sentence id: entity mentions (levels 1
    and 2) by their T id, events by their E id (the trigger), arguments as
    ``<E id>:<role>:<T id>``, relations by their R id."""
    out: dict[str, list[GoldItem]] = {}
    spans = {e.id: (e.start, e.end) for e in doc.entities} | {t.id: (t.start, t.end) for t in doc.items}
    for rec in records:
        items: list[GoldItem] = []

        def span(start: int, end: int) -> tuple[int, int] | None:
            return token_span(rec.tokens, start, end) if rec.start <= start and end <= rec.end else None

        for e in doc.entities:
            s = span(e.start, e.end)
            if s is not None and e.level <= 2:
                items.append(GoldItem("entity", e.id, (e.level, s)))
        for ev in doc.events:
            trigger = span(ev.start, ev.end)
            if trigger is None:
                continue
            items.append(GoldItem("trigger", ev.id, (trigger, ev.type)))
            for a in ev.arguments:
                s = span(a.start, a.end)
                if s is not None:
                    items.append(GoldItem("argument", f"{ev.id}:{a.role}:{a.ref}", (ev.type, a.role, s)))
        for r in doc.relations:
            s1, s2 = (span(*spans[x]) if x in spans else None for x in (r.arg1, r.arg2))
            if s1 is not None and s2 is not None:
                items.append(GoldItem("relation", r.id, (r.type, frozenset((s1, s2)))))
        out[rec.id] = items
    return out


def _entity_sets(tags: Sequence[str] | None) -> dict[tuple[int, int], str]:
    """Strict-mode entities of one level as token span -> type."""
    return {(a, b + 1): t for t, a, b in sentence_entities(list(tags), "strict")} if tags else {}


def judge(items: Sequence[GoldItem], gold: Any, pred: Prediction) -> list[bool]:
    """Whether each gold item of one sentence is right in ``pred`` (``RIGHT``); ``gold``
    and ``pred`` as the scorer sees them (the entity type is read from the gold tags, so
    that a coarse scheme judges coarse types)."""
    gold_levels = {1: _entity_sets(gold.ner_tags), 2: _entity_sets(gold.ner_tags_inner)}
    pred_levels = {1: _entity_sets(pred.ner_tags), 2: _entity_sets(pred.ner_tags_inner)}
    events = pred.events or []
    triggers = {(e.trigger, e.type) for e in events}
    arguments = {(e.type, a.role, a.span) for e in events for a in e.arguments}
    relations = {(r.type, frozenset((r.arg1, r.arg2))) for r in pred.relations or []}
    out = []
    for item in items:
        if item.kind == "entity":
            level, s = item.key
            out.append(s in gold_levels[level] and pred_levels[level].get(s) == gold_levels[level][s])
        elif item.kind == "trigger":
            out.append(item.key in triggers)
        elif item.kind == "argument":
            out.append(item.key in arguments)
        else:
            out.append(item.key in relations)
    return out


def kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa of two right/wrong vectors (scikit-learn's); 1.0 when they are
    identical (the formula is 0/0 when both are constant), None when empty."""
    if not a:
        return None
    if list(a) == list(b):
        return 1.0
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score([int(x) for x in a], [int(x) for x in b]))


def pair_agreement(a: Sequence[bool], b: Sequence[bool]) -> dict:
    """Both, either, their ratio and kappa of two aligned right/wrong vectors."""
    both = sum(1 for x, y in zip(a, b) if x and y)
    either = sum(1 for x, y in zip(a, b) if x or y)
    return {"items": len(a), "both": both, "either": either,
            "both_over_either": both / either if either else None, "kappa": kappa(a, b)}


def consistency(right: Mapping[str, Mapping[str, Mapping[str, Mapping[str, bool]]]],
                languages: Sequence[str]) -> dict:
    """The ``pairs`` of the consistency block from ``right``: article -> kind -> alignment
    id -> language -> right. For each pair of ``languages`` (in that order), the items of
    every article present in both versions."""
    pairs: dict[str, dict] = {}
    for la, lb in combinations(languages, 2):
        a: list[bool] = []
        b: list[bool] = []
        by_kind: dict[str, tuple[list[bool], list[bool]]] = {}
        articles = []
        for article, kinds in right.items():
            found = False
            for kind, ids in kinds.items():
                for by_lang in ids.values():
                    if la in by_lang and lb in by_lang:
                        found = True
                        a.append(by_lang[la])
                        b.append(by_lang[lb])
                        ka, kb = by_kind.setdefault(kind, ([], []))
                        ka.append(by_lang[la])
                        kb.append(by_lang[lb])
            if found:
                articles.append(article)
        if not articles:
            continue
        pairs[f"{la}-{lb}"] = {**pair_agreement(a, b), "articles": articles,
                               "per_kind": {k: pair_agreement(*by_kind[k]) for k in KINDS if k in by_kind}}
    return pairs


def spread(matrix: Mapping[str, Mapping[str, Mapping[str, Mapping[str, Any]]]]) -> dict:
    """Per article and metric: max - min of the versions' F1s, and the sample sd where there
    are three versions or more; versions with nothing to score (no gold, nothing predicted)
    are left out."""
    out: dict[str, dict] = {}
    for article, by_lang in matrix.items():
        metrics = list(dict.fromkeys(m for cells in by_lang.values() for m in cells))
        out[article] = {}
        for m in metrics:
            values = [cells[m]["f1"] for cells in by_lang.values() if m in cells and (cells[m]["gold"] or cells[m]["pred"])]
            out[article][m] = {"versions": len(values),
                               "max_minus_min": max(values) - min(values) if values else None,
                               "sd": statistics.stdev(values) if len(values) >= 3 else None}
    return out


@dataclass
class ParallelTrack:
    """The scorer extension of the parallel track (see the module docstring)."""

    items: Mapping[str, Sequence[GoldItem]]
    """Sentence id -> its aligned gold items."""
    documents: Mapping[str, tuple[str, str]]
    """Document id -> (article, language)."""
    languages: Sequence[str]
    task: str = tasks.DEFAULT_TASK
    name: str = "parallel"
    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    """The bootstrap of the decomposition's intervals (the scorer's)."""
    counts: dict[tuple[str, str], dict[str, Counts]] = field(default_factory=dict)
    sentence_rows: dict[tuple[str, str], dict[str, list[tuple[int, int, int]]]] = field(default_factory=dict)
    """(article, language) -> metric -> one count row (tp, pred, gold) per sentence, in order."""
    right: dict[str, dict[str, dict[str, dict[str, bool]]]] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Sequence[Document], records: Mapping[str, SentenceRecord],
           task: str = tasks.DEFAULT_TASK, samples: int = DEFAULT_SAMPLES,
           seed: int = DEFAULT_SEED) -> "ParallelTrack":
        """The extension for the gold ``documents`` and their sentence ``records``
        (``samples`` and ``seed``: the decomposition's bootstrap)."""
        by_doc: dict[str, list[SentenceRecord]] = {}
        for rec in records.values():
            by_doc.setdefault(rec.doc_id, []).append(rec)
        items: dict[str, list[GoldItem]] = {}
        for doc in documents:
            items.update(sentence_items(doc, by_doc.get(doc.id, [])))
        return cls(items, {d.id: (d.article, d.language) for d in documents}, language_order(documents),
                   tasks.check_task(task), samples=samples, seed=seed)

    def add(self, gold: Any, pred: Prediction) -> None:
        article, language = self.documents.get(gold.doc_id, (article_of(gold.doc_id), gold.language))
        cell = self.counts.setdefault((article, language), {m: Counts() for m in self.metrics})
        rows = self.sentence_rows.setdefault((article, language), {m: [] for m in self.metrics})
        found: dict[str, tuple[int, int, int]] = {m: (0, 0, 0) for m in cell}
        if "entity_f1" in cell:
            g, p = _entity_sets(gold.ner_tags), _entity_sets(pred.ner_tags)
            found["entity_f1"] = (sum(1 for s, t in g.items() if p.get(s) == t), len(p), len(g))
        event_metrics = [m for m in cell if m != "entity_f1"]
        if event_metrics and (gold.events or pred.events):
            score = score_sentence(gold.events, pred.events or [], gold.relations, pred.relations or [])
            for m in event_metrics:
                found[m] = tuple(score.counts[MATRIX_METRICS[m]])  # type: ignore[assignment]
        for m, row in found.items():
            cell[m].add(*row)
            rows[m].append(row)
        kinds = set(tasks.STRING_LAYERS[self.task])
        items = [i for i in self.items.get(gold.id, ()) if i.kind in kinds]
        for item, ok in zip(items, judge(items, gold, pred)):
            self.right.setdefault(article, {}).setdefault(item.kind, {}).setdefault(item.id, {})[language] = ok

    @property
    def metrics(self) -> list[str]:
        return [m for m in tasks.HEADLINES[self.task] if m in MATRIX_METRICS]

    def rows(self) -> Mapping[str, Any]:
        return {}  # no interval of its own: the matrix and consistency are point figures

    def block(self, intervals: Mapping[str, tuple[float, float]]) -> dict:
        order = {lang: i for i, lang in enumerate(self.languages)}
        matrix: dict[str, dict[str, dict]] = {}
        for (article, language) in sorted(self.counts, key=lambda k: (k[0], order.get(k[1], len(order)), k[1])):
            matrix.setdefault(article, {})[language] = {m: c.as_dict() for m, c in self.counts[(article, language)].items()}
        items: dict[str, dict[str, dict]] = {}
        for article in sorted(self.right):
            for kind in (k for k in KINDS if k in self.right[article]):
                ids = self.right[article][kind]
                langs = [lang for lang in self.languages if any(lang in v for v in ids.values())]
                items.setdefault(article, {})[kind] = {
                    "ids": list(ids),
                    **{lang: "".join("-" if lang not in v else "1" if v[lang] else "0" for v in ids.values())
                       for lang in langs}}
        return {"languages": list(self.languages), "matrix": matrix,
                "consistency": {"right": {k: RIGHT[k] for k in tasks.STRING_LAYERS[self.task]},
                                "pairs": consistency(self.right, self.languages), "items": items},
                "spread": spread(matrix), "same_articles": same_articles(matrix, self.languages),
                "decomposition": self.decomposition(matrix)}

    def decomposition(self, matrix: Mapping[str, Mapping[str, Mapping[str, Mapping[str, Any]]]]) -> dict:
        """The ``decomposition`` block: per metric, the fit of the matrix's F1s and the
        intervals from one within-document bootstrap of the kept sentence rows."""
        order = [(a, lang) for a, by_lang in matrix.items() for lang in by_lang]
        metrics = list(dict.fromkeys(m for a, lang in order for m in matrix[a][lang]))
        boot = {"samples": self.samples, "seed": self.seed, "unit": "sentence within document"}
        if not metrics:  # a task with no matrix metric (or nothing scored)
            return {"model": dec.MODEL, "bootstrap": boot, "metrics": {}}
        # one set of draws per document, shared by every metric: the metrics' rows side by side
        stacked = dec.resampled_cell_sums(
            {c: np.hstack([np.asarray(self.sentence_rows[c][m], dtype=np.int64).reshape(-1, 3) for m in metrics])
             for c in order}, self.samples, self.seed)
        out: dict[str, Any] = {}
        for i, m in enumerate(metrics):
            values = {(a, lang): matrix[a][lang][m] for a, lang in order if m in matrix[a][lang]}
            fit = dec.decompose({c: v["f1"] for c, v in values.items() if v["gold"] or v["pred"]},
                                list(matrix), self.languages)
            sums = {c: s[:, 3 * i:3 * i + 3] for c, s in stacked.items()}
            out[m] = fit_block(fit, dec.effect_intervals(sums, fit), values)
        return {"model": dec.MODEL, "bootstrap": boot, "metrics": out}


def same_articles(matrix: Mapping[str, Mapping[str, Mapping[str, Mapping[str, Any]]]],
                  languages: Sequence[str]) -> dict:
    """The ``same_articles`` block: per matrix metric, ``decomposition.language_means``."""
    metrics = list(dict.fromkeys(m for by_lang in matrix.values() for c in by_lang.values() for m in c))
    langs = [lang for lang in languages if any(lang in by_lang for by_lang in matrix.values())]
    return {m: dec.language_means({(a, lang): c[m] for a, by_lang in matrix.items() for lang, c in by_lang.items()
                               if m in c}, list(matrix), langs) for m in metrics}


def fit_block(fit: dec.Fit, intervals: Mapping[str, Mapping[str, tuple[float, float] | None]] | None,
              values: Mapping[tuple[str, str], Any]) -> dict:
    """One metric's decomposition as the results hold it (``intervals`` None: point
    figures only, e.g. recomputed from an older results file's matrix)."""
    def clean(x: float | None) -> float | None:  # least squares leaves ~1e-16 where the figure is exact
        return None if x is None else round(x, 12) + 0.0

    def ci(group: str, key: str) -> list[float | None] | None:
        got = intervals[group][key] if intervals is not None else None
        return [clean(x) for x in got] if got is not None else None

    absent = [f"{a}-{lang}" for a in dict.fromkeys(a for a, _ in values) for lang in fit.languages
              if (a, lang) not in values or not (values[(a, lang)]["gold"] or values[(a, lang)]["pred"])]
    return {"identifiable": fit.identifiable, "cells": sum(1 for v in values.values() if v["gold"] or v["pred"]),
            "missing": absent,
            "mu": {"value": clean(fit.mu), "ci95": ci("mu", "")},
            "language": {lang: {"effect": None if fit.language is None else clean(fit.language[lang]),
                                "ci95": ci("language", lang)} for lang in fit.languages},
            "article": {a: {"effect": None if fit.article is None else clean(fit.article[a]),
                            "ci95": ci("article", a)} for a in fit.articles},
            "residual_share": clean(fit.residual_share), "residual_df": fit.residual_df}


def with_effects(block: Mapping[str, Any]) -> dict:
    """``block`` with ``same_articles`` and ``decomposition``: as stored, or, for results
    written before they existed, recomputed from the stored matrix (the point figures
    only: the intervals need the per-sentence counts, so they are null and ``bootstrap``
    is absent)."""
    out = dict(block)
    matrix, languages = block["matrix"], block["languages"]
    if "same_articles" not in out:
        out["same_articles"] = same_articles(matrix, languages)
    if "decomposition" not in out:
        metrics = list(dict.fromkeys(m for by_lang in matrix.values() for c in by_lang.values() for m in c))
        found = {}
        for m in metrics:
            values = {(a, lang): c[m] for a, by_lang in matrix.items() for lang, c in by_lang.items() if m in c}
            fit = dec.decompose({k: v["f1"] for k, v in values.items() if v["gold"] or v["pred"]}, list(matrix),
                                languages)
            found[m] = fit_block(fit, None, values)
        out["decomposition"] = {"model": dec.MODEL, "metrics": found}
    return out
