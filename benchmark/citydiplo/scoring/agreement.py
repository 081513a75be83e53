"""Inter-annotator agreement between two annotation passes over the same corpus, and the
comparison of two passes of one document that ``bench view --compare`` shows.

Entities: mention-level F1 (exact span and type; pass A as reference, F1 is symmetric),
token-level Cohen's kappa over IOB2 labels (outer and inner level), and the same two for
normalisation ids. Events: trigger identification/classification F1, argument
identification/classification F1, realis agreement on matched triggers, relation F1 —
computed by the benchmark's own event scorer with pass A in the place of gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from citydiplo.formats.bio import spans_to_iob2
from citydiplo.formats.model import Document
from citydiplo.formats.records import sentence_records
from citydiplo.scoring.counts import Counts
from citydiplo.scoring.doc_errors import sentence_number
from citydiplo.scoring.error_analysis import CORRECT, MISSED, SPURIOUS, WRONG_BOUNDARY, WRONG_TYPE, classify
from citydiplo.scoring.events import EventAccumulator, score_sentence
from citydiplo.formats.tokens import tokenize
from citydiplo.text import quote


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


# --------------------------------------------------------------------------- one document, two passes

# what a flagged annotation differs in: type, boundary, only in its pass, realis, normalisation
FLAG_OF = {WRONG_TYPE: "type", WRONG_BOUNDARY: "boundary", SPURIOUS: "only"}


@dataclass(frozen=True)
class Disagreement:
    """One difference between two passes: where (1-based sentence, offset), what, each side."""

    sentence: int
    start: int
    layer: str
    kind: str
    a: str
    b: str


@dataclass
class PassComparison:
    """Per annotation id on each side, what it differs in (``type``, ``boundary``, ``only``,
    ``realis``, ``norm``) and a short label; the disagreements in text order."""

    flags_a: dict[str, tuple[str, ...]] = field(default_factory=dict)
    flags_b: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels_a: dict[str, str] = field(default_factory=dict)
    labels_b: dict[str, str] = field(default_factory=dict)
    rows: list[Disagreement] = field(default_factory=list)


def _fmt_span(doc: Document, span: tuple[int, int, str]) -> str:
    return f"{span[2]} {quote(doc.text[span[0]:span[1]])} [{span[0]},{span[1]})"



def compare_passes(a: Document, b: Document) -> PassComparison:
    """Flag every disagreement between two annotation passes of one document.

    Entities are compared level by level, ITEM spans and triggers by span and type (each
    pass read as the other's reference: type, boundary, only in A, only in B); realis and
    normalisation on mentions both passes share, arguments of events both passes share
    (same trigger span and type), and PARTNER_OF relations as sets of unordered span pairs.
    """
    out = PassComparison()
    kind_names = {WRONG_TYPE: "type", WRONG_BOUNDARY: "boundary", SPURIOUS: "only in B", MISSED: "only in A"}

    def flag(side: str, ident: str, flags: tuple[str, ...], label: str) -> None:
        fl, lab = (out.flags_a, out.labels_a) if side == "A" else (out.flags_b, out.labels_b)
        fl[ident] = fl.get(ident, ()) + flags
        if label:
            lab[ident] = label

    def row(start: int, layer: str, kind: str, text_a: str, text_b: str) -> None:
        out.rows.append(Disagreement(sentence_number(a, start), start, layer, kind, text_a, text_b))

    def judge(layer: str, items_a: list[tuple[str, tuple[int, int, str]]],
              items_b: list[tuple[str, tuple[int, int, str]]]) -> None:
        spans_a = [s for _, s in items_a]
        spans_b = [s for _, s in items_b]
        for side, items, judged in (("A", items_a, classify(spans_b, spans_a)), ("B", items_b, classify(spans_a, spans_b))):
            verdict = {(j.start, j.end, j.label): j.category for j in judged if j.predicted}
            other = "B" if side == "A" else "A"
            for ident, span in items:
                category = verdict[span]
                label = {CORRECT: "", WRONG_TYPE: "type≠" + other, WRONG_BOUNDARY: "boundary",
                         SPURIOUS: "only " + side}[category]
                flag(side, ident, (FLAG_OF[category],) if category in FLAG_OF else (), label)
        for j in classify(spans_a, spans_b):
            if j.category != CORRECT:
                span_a = "; ".join(_fmt_span(a, g) for g in j.gold)
                span_b = "" if j.category == MISSED else _fmt_span(b, (j.start, j.end, j.label))
                row(j.start, layer, kind_names[j.category], span_a, span_b)

    for level in (1, 2):
        judge(f"entity L{level}", [(e.id, (e.start, e.end, e.type)) for e in a.entities if e.level == level],
              [(e.id, (e.start, e.end, e.type)) for e in b.entities if e.level == level])
    judge("ITEM", [(t.id, (t.start, t.end, t.type)) for t in a.items],
          [(t.id, (t.start, t.end, t.type)) for t in b.items])
    judge("trigger", [(ev.id, (ev.start, ev.end, ev.type)) for ev in a.events],
          [(ev.id, (ev.start, ev.end, ev.type)) for ev in b.events])

    ents_b = {(e.start, e.end, e.type, e.level): e for e in b.entities}
    for e in a.entities:
        other = ents_b.get((e.start, e.end, e.type, e.level))
        if other is not None and (e.norm_db, e.norm_id) != (other.norm_db, other.norm_id):
            flag("A", e.id, ("norm",), "norm")
            flag("B", other.id, ("norm",), "norm")
            row(e.start, "normalisation", "differs", f"{e.type} {quote(e.text)} {e.norm_db}:{e.norm_id}" if e.norm_id
                else f"{e.type} {quote(e.text)} none", f"{other.norm_db}:{other.norm_id}" if other.norm_id else "none")

    events_b = {(ev.start, ev.end, ev.type): ev for ev in b.events}
    for ev in a.events:
        other_ev = events_b.get((ev.start, ev.end, ev.type))
        if other_ev is None:
            continue
        where = f"{ev.type} {quote(ev.trigger)}"
        if ev.realis != other_ev.realis:
            flag("A", ev.id, ("realis",), "realis")
            flag("B", other_ev.id, ("realis",), "realis")
            row(ev.start, "realis", "differs", f"{where} {ev.realis or 'none'}", other_ev.realis or "none")
        args_a = {(x.role, x.start, x.end) for x in ev.arguments}
        args_b = {(x.role, x.start, x.end) for x in other_ev.arguments}
        for side, missing, doc in (("A", args_a - args_b, a), ("B", args_b - args_a, b)):
            for role, s_, e_ in sorted(missing, key=lambda t: (t[1], t[2], t[0])):
                text = f"{where}: {role} {quote(doc.text[s_:e_])}"
                row(ev.start, "argument", f"only in {side}", text if side == "A" else "", text if side == "B" else "")

    def rel_set(doc: Document) -> dict[tuple, tuple[int, str]]:
        spans = {e.id: (e.start, e.end) for e in doc.entities}
        found = {}
        for r in doc.relations:
            if r.arg1 in spans and r.arg2 in spans:
                pair = tuple(sorted([spans[r.arg1], spans[r.arg2]]))
                text = " ⇄ ".join(quote(doc.text[s_:e_]) for s_, e_ in pair)
                found[(r.type, pair, r.status)] = (pair[0][0], f"{r.type} {text} {r.status or ''}".strip())
        return found

    rels_a, rels_b = rel_set(a), rel_set(b)
    for key in sorted(set(rels_a) - set(rels_b), key=str):
        row(rels_a[key][0], "relation", "only in A", rels_a[key][1], "")
    for key in sorted(set(rels_b) - set(rels_a), key=str):
        row(rels_b[key][0], "relation", "only in B", "", rels_b[key][1])
    out.rows.sort(key=lambda r: (r.sentence, r.start))
    return out


def agreement_figures(a: Document, b: Document) -> Optional[list[tuple[str, float]]]:
    """One document's ``bench agreement`` figures, or None when a pass cannot be cut into
    sentence records (spans off token boundaries, overlaps on a level)."""
    try:
        overall = agreement([a], [b], with_events=bool(a.events or b.events))["overall"]
    except ValueError:
        return None
    figures = [("entity F1 (both levels)", overall["entity_f1"]["f1"]),
               ("entity F1 (outer)", overall["entity_f1_outer"]["f1"]),
               ("token κ (outer)", overall["token_kappa_outer"]), ("token κ (inner)", overall["token_kappa_inner"]),
               ("normalisation F1", overall["normalisation_f1"]["f1"])]
    events = overall.get("events")
    if events:
        figures += [("trigger classification F1", events["trigger_classification"]["f1"]),
                    ("argument classification F1", events["argument_classification"]["f1"]),
                    ("realis agreement", events["realis_accuracy"]["accuracy"]),
                    ("PARTNER_OF F1", events["relation"]["f1"])]
    return figures
