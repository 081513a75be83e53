"""Record scoring: predicted document-level event records against the gold records,
span-free, CEAF-REE-style (Du et al. 2021's template scoring, with the optimal alignment
of IterX/metametric).

**Units.** A gold record (``formats.doclevel.DocumentRecord``) has, per role, a set of entity
clusters (``Cluster``: every mention string of one entity, and its GeoNames/ISO id when
linked). A predicted record (``formats.event_records.PredictedRecord``) has, per role, a
list of fillers: ids or surface strings.

**Fillers.** A predicted filler is right for a gold cluster when it *is* the cluster's id
(``GeoNames:460413`` equals its ``norm``) or when its normalised string equals the
normalised string of any mention of the cluster. The normalisation
(``formats.event_records.filler_key``) is
Unicode NFKC, then quote folding (every quotation mark -- ``" ' « » „ “ ” ‘ ’ ‚ ‹ ›``,
the CJK and fullwidth ones, the backtick and the acute accent used as one -- removed),
then the string track's normalisation (``formats.string_tuples.normalise``: the Arabic
script's letter variants folded (Arabic yeh/kaf to the Persian ones, tatweel dropped),
casefold, whitespace runs as one space, ZWNJ runs as one, punctuation and spaces at
either end stripped). Within one role of one record pair, fillers and clusters are matched
one to one (a maximum bipartite matching): each gold cluster is credited once, and a
second string of an entity already credited is a wrong filler. Predicted fillers equal
after normalisation are one filler.

**Alignment.** Within a document and an event type, predicted records are aligned to gold
records one to one by optimal assignment (``scipy.optimize.linear_sum_assignment``,
maximising the number of matched fillers over all roles): the alignment that credits the
most fillers. A pair that shares no filler is not aligned. Records of different types are
never aligned; a record left over counts its fillers as predicted (or gold) only.

**Figures.** Per role: tp (matched fillers of aligned pairs), pred (fillers of every
predicted record), gold (clusters of every gold record); P/R/F1 per role, per event type
and per language, and micro over all roles: ``record_f1``, the headline. Realis and date
accuracy (secondary) are over the aligned pairs: the share whose predicted realis (date)
equals the gold one (an absent prediction is wrong unless the gold has none either).

**Interval.** ``record_f1``'s 95% interval is a percentile bootstrap over *records*: each
aligned pair, and each record left unaligned, is one unit ``(tp, pred, gold)``, resampled
with the seeded draws of ``scoring.bootstrap``. With five documents a bootstrap over
documents would draw from five units only, too coarse to mean anything; records are the
finest unit the alignment leaves independent.

**Coverage.** A document without gold records is left out of the record score, its
predicted records too, and the block says how many (``documents``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import numpy as np

from citydiplo.formats.doclevel import Cluster, DocumentRecord
from citydiplo.formats.event_records import PredictedRecord, filler_key
from citydiplo.formats.model import Document, base_role
from citydiplo.scoring import bootstrap
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED

RECORD_F1 = "record_f1"
WHAT = "document-level event records: micro F1 over role fillers (CEAF-REE-style, optimal alignment)"

def _matching(ok: np.ndarray) -> int:
    """The size of a maximum one-to-one matching in a boolean matrix."""
    if ok.size == 0 or not ok.any():
        return 0
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(ok.astype(np.int64), maximize=True)
    return int(ok[rows, cols].sum())


@dataclass(frozen=True)
class _GoldCluster:
    norm: str | None
    keys: frozenset[str]

    def matches(self, filler: str, key: str) -> bool:
        return (self.norm is not None and filler.strip() == self.norm) or key in self.keys


def _gold_cluster(cluster: Cluster) -> _GoldCluster:
    return _GoldCluster(cluster.norm, frozenset(filler_key(t) for t in cluster.texts))


def distinct_fillers(fillers: Iterable[str]) -> list[tuple[str, str]]:
    """(filler, key) of each distinct filler: fillers with one normalised string are one."""
    out: dict[str, str] = {}
    for f in fillers:
        out.setdefault(filler_key(f), f)
    return [(f, k) for k, f in out.items()]


def role_matches(fillers: Sequence[tuple[str, str]], clusters: Sequence[_GoldCluster]) -> int:
    """How many of one role's gold clusters the predicted fillers get right, each cluster and
    each filler used once."""
    if not fillers or not clusters:
        return 0
    ok = np.array([[c.matches(f, k) for c in clusters] for f, k in fillers], dtype=bool)
    return _matching(ok)


@dataclass
class _Gold:
    record: DocumentRecord
    roles: dict[str, list[_GoldCluster]]

    @property
    def size(self) -> int:
        return sum(len(cs) for cs in self.roles.values())


@dataclass
class _Pred:
    record: PredictedRecord
    roles: dict[str, list[tuple[str, str]]]

    @property
    def size(self) -> int:
        return sum(len(fs) for fs in self.roles.values())


def _gold_side(doc: Document) -> list[_Gold]:
    clusters = {c.id: _gold_cluster(c) for c in doc.clusters}
    out = []
    for rec in doc.event_records:
        roles: dict[str, list[_GoldCluster]] = defaultdict(list)
        for role, ids in rec.arguments.items():
            for cid in dict.fromkeys(ids):
                if cid not in clusters:
                    raise ValueError(f"{doc.id}: record {rec.id} names cluster {cid!r}, which the document lacks")
                roles[base_role(role)].append(clusters[cid])
        out.append(_Gold(rec, dict(roles)))
    return out


def _pred_side(records: Iterable[PredictedRecord]) -> list[_Pred]:
    return [_Pred(r, {base_role(role): distinct_fillers(fs) for role, fs in r.arguments.items() if fs})
            for r in records]


def pair_counts(gold: _Gold, pred: _Pred) -> dict[str, int]:
    """Matched fillers per role of one (gold, predicted) pair."""
    return {role: role_matches(pred.roles.get(role, []), clusters) for role, clusters in gold.roles.items()
            if pred.roles.get(role)}


def optimal_alignment(scores: np.ndarray) -> list[tuple[int, int]]:
    """(gold, predicted) index pairs of the one-to-one alignment with the largest total
    score (``linear_sum_assignment``), pairs of score 0 left out."""
    if scores.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if scores[r, c] > 0]


@dataclass
class RecordScore:
    """The counts of a record scoring, and one ``(tp, pred, gold)`` row per unit (an aligned
    pair or a record left over), with its language, for the bootstrap."""

    micro: Counts = field(default_factory=Counts)
    per_role: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    realis: Counts = field(default_factory=Counts)  # tp: equal realis; gold: aligned pairs
    date: Counts = field(default_factory=Counts)
    rows: list[tuple[int, int, int]] = field(default_factory=list)
    row_languages: list[str] = field(default_factory=list)
    gold_records: int = 0
    predicted_records: int = 0
    scored: list[str] = field(default_factory=list)
    without_gold: list[str] = field(default_factory=list)

    def _unit(self, language: str, tp: int, pred: int, gold: int) -> None:
        self.rows.append((tp, pred, gold))
        self.row_languages.append(language)
        self.micro.add(tp, pred, gold)
        self.per_language[language].add(tp, pred, gold)

    def add_document(self, doc: Document, predicted: Sequence[PredictedRecord]) -> None:
        """Score one document (left out, and counted, when it has no gold record)."""
        if not doc.event_records:
            self.without_gold.append(doc.id)
            return
        self.scored.append(doc.id)
        self.per_language[doc.language]  # reported even when it counts nothing
        gold_side, pred_side = _gold_side(doc), _pred_side(predicted)
        self.gold_records += len(gold_side)
        self.predicted_records += len(pred_side)
        for etype in dict.fromkeys([*(g.record.type for g in gold_side), *(p.record.type for p in pred_side)]):
            golds = [g for g in gold_side if g.record.type == etype]
            preds = [p for p in pred_side if p.record.type == etype]
            self._type(doc.language, etype, golds, preds)

    def _type(self, language: str, etype: str, golds: list[_Gold], preds: list[_Pred]) -> None:
        table = [[pair_counts(g, p) for p in preds] for g in golds]
        scores = np.array([[sum(c.values()) for c in row] for row in table], dtype=np.int64).reshape(len(golds),
                                                                                                      len(preds))
        pairs = optimal_alignment(scores)
        matched: dict[int, dict[str, int]] = {}
        for gi, pi in pairs:
            matched[gi] = table[gi][pi]
        paired_pred = {pi for _, pi in pairs}
        by_gold: dict[int, int] = dict(pairs)
        for gi, g in enumerate(golds):
            counts = matched.get(gi, {})
            for role, clusters in g.roles.items():
                self.per_role[role].add(counts.get(role, 0), 0, len(clusters))
            if gi not in by_gold:
                self._unit(language, 0, 0, g.size)
                self.per_type[etype].add(0, 0, g.size)
                continue
            p = preds[by_gold[gi]]
            tp = sum(counts.values())
            self._unit(language, tp, p.size, g.size)
            self.per_type[etype].add(tp, p.size, g.size)
            self.realis.add(int(p.record.realis == g.record.realis), 1, 1)
            self.date.add(int(p.record.date == g.record.date), 1, 1)
        for pi, p in enumerate(preds):
            for role, fillers in p.roles.items():
                self.per_role[role].add(0, len(fillers), 0)
            if pi not in paired_pred:
                self._unit(language, 0, p.size, 0)
                self.per_type[etype].add(0, p.size, 0)

    def block(self, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, source: str = "records") -> dict:
        """The ``records`` block of the results (``source``: how the predicted records were
        made, ``records`` as given or ``spans`` by ``formats.span_records``)."""
        documents = {"scored": len(self.scored), "without_gold_records": len(self.without_gold),
                     "left_out": list(self.without_gold)}
        if not self.scored:
            return {RECORD_F1: None, "source": source, "documents": documents,
                    "note": "no document has gold records: nothing is scored"}
        rows = np.array(self.rows, dtype=np.int64).reshape(-1, 3)
        ci = bootstrap.confidence_intervals({RECORD_F1: rows}, samples, seed)[RECORD_F1]
        by_language = bootstrap.intervals_by_group({RECORD_F1: rows}, self.row_languages, samples, seed)[RECORD_F1]
        return {
            RECORD_F1: {"f1": self.micro.f1, "ci95": [ci[0], ci[1]], "what": WHAT},
            "source": source,
            "micro": self.micro.as_dict(),
            "per_role": {r: c.as_dict() for r, c in sorted(self.per_role.items())},
            "per_type": {t: c.as_dict() for t, c in sorted(self.per_type.items())},
            "per_language": {lang: {**c.as_dict(), "ci95": list(by_language.get(lang, (0.0, 0.0)))}
                             for lang, c in sorted(self.per_language.items())},
            "realis_accuracy": _accuracy(self.realis),
            "date_accuracy": _accuracy(self.date),
            "records": {"gold": self.gold_records, "predicted": self.predicted_records,
                        "aligned": self.realis.gold},
            "documents": documents,
            "bootstrap": {"samples": samples, "seed": seed, "unit": "record"},
        }


def _accuracy(c: Counts) -> dict:
    return {"accuracy": c.tp / c.gold if c.gold else 0.0, "aligned": c.gold}


def score_records(documents: Iterable[Document], predicted: Mapping[str, Sequence[PredictedRecord]]) -> RecordScore:
    """Score every document's predicted records (none given: none predicted) against its
    gold records; pure."""
    out = RecordScore()
    for doc in documents:
        out.add_document(doc, predicted.get(doc.id, ()))
    return out


def record_block(documents: Iterable[Document], predicted: Mapping[str, Sequence[PredictedRecord]],
                 samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, source: str = "records") -> dict:
    """``score_records`` as the results' ``records`` block (with ``record_f1`` and its interval)."""
    return score_records(documents, predicted).block(samples, seed, source)
