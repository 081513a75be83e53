"""Inter-annotator agreement between two annotation passes over the same corpus.

Entities: mention-level F1 (exact span and type; pass A as reference, F1 is symmetric),
token-level Cohen's kappa over IOB2 labels (outer and inner level), and the same two for
normalisation ids. Events: trigger identification/classification F1, argument
identification/classification F1, realis agreement on matched triggers, relation F1 —
computed by the benchmark's own event scorer with pass A in the place of gold.
"""

from __future__ import annotations

from citydiplo.formats.bio import spans_to_iob2
from citydiplo.formats.model import Document
from citydiplo.formats.records import sentence_records
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.events import EventAccumulator, score_sentence
from citydiplo.formats.tokens import tokenize


def _kappa(a: list[str], b: list[str]) -> float:
    from sklearn.metrics import cohen_kappa_score

    if not a:
        return 0.0
    if len(set(a) | set(b)) == 1:
        return 1.0  # both passes gave every token the same single label
    return float(cohen_kappa_score(a, b))


def _norm_tags(doc: Document, tokens) -> list[str]:
    """Per-token labels of normalisation ids (outermost normalised mention wins)."""
    spans = []
    taken: list[tuple[int, int]] = []
    lo, hi = (tokens[0].start, tokens[-1].end) if tokens else (0, 0)
    inside = (e for e in doc.entities if e.norm_id and lo <= e.start and e.end <= hi)
    for e in sorted(inside, key=lambda e: (e.start, -e.end)):
        if any(s <= e.start and e.end <= t for s, t in taken):
            continue
        taken.append((e.start, e.end))
        spans.append((e.start, e.end, f"{e.norm_db}:{e.norm_id}"))
    return spans_to_iob2(tokens, spans)


def _entity_sets(doc: Document) -> tuple[set, set]:
    mentions = {(e.start, e.end, e.type) for e in doc.entities}
    norms = {(e.start, e.end, f"{e.norm_db}:{e.norm_id}") for e in doc.entities if e.norm_id}
    return mentions, norms


class _Group:
    def __init__(self) -> None:
        self.mentions = Counts()
        self.outer = Counts()
        self.norms = Counts()
        self.tags: dict[str, tuple[list[str], list[str]]] = {k: ([], []) for k in ("outer", "inner", "norm")}
        self.events = EventAccumulator()

    def summary(self, with_events: bool) -> dict:
        out = {
            "entity_f1": self.mentions.as_dict(),
            "entity_f1_outer": self.outer.as_dict(),
            "token_kappa_outer": _kappa(*self.tags["outer"]),
            "token_kappa_inner": _kappa(*self.tags["inner"]),
            "normalisation_f1": self.norms.as_dict(),
            "normalisation_token_kappa": _kappa(*self.tags["norm"]),
            "tokens": len(self.tags["outer"][0]),
        }
        if with_events:
            out["events"] = self.events.summary()
        return out


def agreement(pass_a: list[Document], pass_b: list[Document], with_events: bool = True) -> dict:
    """Agreement figures per language and overall; documents are paired by id."""
    by_id = {d.id: d for d in pass_b}
    groups: dict[str, _Group] = {"overall": _Group()}
    for a in pass_a:
        b = by_id.get(a.id)
        if b is None:
            continue
        targets = [groups["overall"], groups.setdefault(a.language, _Group())]
        ma, na = _entity_sets(a)
        mb, nb = _entity_sets(b)
        oa = {(e.start, e.end, e.type) for e in a.entities if e.level == 1}
        ob = {(e.start, e.end, e.type) for e in b.entities if e.level == 1}
        recs_a, recs_b = sentence_records(a), sentence_records(b)
        for g in targets:
            g.mentions.add(len(ma & mb), len(mb), len(ma))
            g.outer.add(len(oa & ob), len(ob), len(oa))
            g.norms.add(len(na & nb), len(nb), len(na))
        for ra, rb in zip(recs_a, recs_b):
            tokens = tokenize(a.text[ra.start:ra.end], ra.start)
            norm_a, norm_b = _norm_tags(a, tokens), _norm_tags(b, tokens)
            score = score_sentence(ra.events, rb.events, ra.relations, rb.relations)
            for g in targets:
                g.tags["outer"][0].extend(ra.ner_tags)
                g.tags["outer"][1].extend(rb.ner_tags)
                g.tags["inner"][0].extend(ra.ner_tags_inner)
                g.tags["inner"][1].extend(rb.ner_tags_inner)
                g.tags["norm"][0].extend(norm_a)
                g.tags["norm"][1].extend(norm_b)
                g.events.add(score)
    return {key: g.summary(with_events) for key, g in sorted(groups.items(), key=lambda kv: (kv[0] != "overall", kv[0]))}
