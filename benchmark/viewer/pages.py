"""The viewer's pages, each rendered from a template (``templates/``) and the data it shows.

Pages: ``index.html`` (documents, counts, loaded results with SVG bar charts),
``<doc>.html`` (gold annotations), ``<doc>.errors.html`` (predictions judged against gold)
and ``<doc>.compare.html`` (two annotation passes side by side). The judging is done in
``citydiplo.scoring.doc_errors`` and ``citydiplo.annotation.agreement``; this module only
chooses what to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from markupsafe import Markup

from citydiplo.annotation.agreement import agreement_figures, compare_passes
from citydiplo.formats.model import Document
from citydiplo.formats.schema import NER_TYPES
from citydiplo.scoring.doc_errors import DocErrors, PredictedDoc, doc_errors
from citydiplo.scoring.error_analysis import (
    CATEGORIES,
    CORRECT,
    MISSED,
    SPURIOUS,
    WRONG_BOUNDARY,
    WRONG_TYPE,
    Judgement,
)
from citydiplo.viewer.assets import environment, render
from citydiplo.viewer.marks import Mark, gold_marks, norm_url, text_block

PAGE_NAMES = {"": "gold", ".errors": "errors", ".compare": "passes"}
CATEGORY_NAMES = {
    CORRECT: "correct",
    WRONG_TYPE: "wrong type",
    WRONG_BOUNDARY: "wrong boundary",
    SPURIOUS: "spurious",
    MISSED: "missed",
}
SHORT_NAMES = {CORRECT: "✓", WRONG_TYPE: "type", WRONG_BOUNDARY: "bound.", SPURIOUS: "spur.", MISSED: "miss."}
# how the passes page draws what an annotation differs in (citydiplo.annotation.agreement flags)
FLAG_CLASSES = {"type": "d-type", "boundary": "d-boundary", "only": "d-only", "realis": "d-realis", "norm": "d-norm"}

environment().globals.update(PAGE_NAMES=PAGE_NAMES, CATEGORY_NAMES=CATEGORY_NAMES, SHORT_NAMES=SHORT_NAMES,
                             CATEGORIES=CATEGORIES, LEGEND_TYPES=NER_TYPES + ("ITEM",), norm_url=norm_url)


@dataclass(frozen=True)
class DocCounts:
    outer: int
    inner: int
    items: int
    events: int
    arguments: int
    relations: int
    normalised: int


def doc_counts(doc: Document) -> DocCounts:
    return DocCounts(
        sum(e.level == 1 for e in doc.entities), sum(e.level != 1 for e in doc.entities), len(doc.items),
        len(doc.events), sum(len(ev.arguments) for ev in doc.events), len(doc.relations),
        sum(e.norm_id is not None for e in doc.entities),
    )


def has_gold(doc: Document) -> bool:
    return bool(doc.entities or doc.events or doc.items or doc.relations)


def ref_texts(doc: Document) -> dict[str, str]:
    """The surface text of every text-bound annotation id (relation arguments name them)."""
    refs = {e.id: e.text for e in doc.entities}
    refs.update({t.id: t.text for t in doc.items})
    return refs


def doc_page(doc: Document, pages: Sequence[str] = ("",)) -> str:
    """The gold page of a document: highlighted text, events, relations, mentions."""
    c = doc_counts(doc)
    counts = (("outer entities", c.outer), ("inner entities", c.inner), ("ITEM spans", c.items),
              ("events", c.events), ("arguments", c.arguments), ("PARTNER_OF", c.relations),
              ("normalised", c.normalised))
    return render("gold.html", title=f"{doc.id} gold", doc=doc, pages=pages, suffix="", kind="gold",
                  text=text_block(doc, gold_marks(doc)), counts=counts, has_gold=has_gold(doc), refs=ref_texts(doc))


# --------------------------------------------------------------------------- errors


def _error_label(j: Judgement) -> str:
    if j.category == CORRECT:
        return ""
    if j.category == WRONG_TYPE:
        return f"{j.label}≠{'/'.join(g[2] for g in j.gold)}"
    if j.category == WRONG_BOUNDARY:
        return f"{j.label} boundary"
    if j.category == SPURIOUS:
        return f"{j.label} spurious"
    return f"missed {j.label}"


def error_marks(errors: DocErrors) -> list[Mark]:
    marks = []
    for kind, judgements, priority in (("entity", errors.entities, 1), ("trigger", errors.triggers, 5)):
        for j in judgements or ():
            gold = "; ".join(f"{g[2]} [{g[0]},{g[1]})" for g in j.gold)
            attrs = [("data-kind", kind), ("data-type", j.label), ("data-error", j.category),
                     ("data-start", str(j.start)), ("data-end", str(j.end)), ("data-label", _error_label(j)),
                     ("title", f"{CATEGORY_NAMES[j.category]}: {'gold' if j.category == MISSED else 'predicted'} "
                               f"{j.label}" + (f" · gold {gold}" if gold and j.category != MISSED else ""))]
            if gold:
                attrs.append(("data-gold", gold))
            if kind == "entity":
                attrs.insert(2, ("data-level", "1"))
            kind_class = "ent" if kind == "entity" else "trig"
            marks.append(Mark(j.start, j.end, ("m", "err", kind_class, f"t-{j.label}", f"e-{j.category}"),
                              tuple(attrs), priority=priority))
    return marks


@dataclass(frozen=True)
class ErrorRow:
    kind: str
    category: str
    text: str
    predicted: str
    gold: tuple[tuple[str, str], ...]


def error_rows(doc: Document, errors: DocErrors) -> list[ErrorRow]:
    rows = []
    for kind, judgements in (("entity", errors.entities), ("trigger", errors.triggers)):
        for j in judgements or ():
            if j.category == CORRECT:
                continue
            rows.append(ErrorRow(kind, j.category, doc.text[j.start:j.end], "" if j.category == MISSED else j.label,
                                 tuple((g[2], doc.text[g[0]:g[1]]) for g in j.gold)))
    return rows


def errors_page(doc: Document, pred: PredictedDoc, pages: Sequence[str] = ("", ".errors")) -> str:
    """Predicted outer entities and triggers marked correct / wrong type / boundary / spurious / missed."""
    if pred.sentences == 0:
        return render("no_predictions.html", title=f"{doc.id} errors", doc=doc, pages=pages)
    errors = doc_errors(doc, pred)
    notes = [] if has_gold(doc) else ["No gold annotations for this document: every prediction is spurious."]
    if errors.entities is None:
        notes.append("The predictions have no ner_tags: entities are not judged.")
    if errors.triggers is None:
        notes.append("The predictions have no events: triggers are not judged.")
    notes.append("Outer-level entities are read from IOB2 strictly, as the headline score reads them "
                 "(an I- tag that continues no entity is dropped); triggers are judged by span and type.")
    return render("errors.html", title=f"{doc.id} errors", doc=doc, pages=pages, suffix=".errors", kind="errors",
                  text=text_block(doc, error_marks(errors)), notes=notes, summary=errors.summary(),
                  rows=error_rows(doc, errors))


# --------------------------------------------------------------------------- two passes


def flag_classes(flags: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {ident: ("dis",) + tuple(FLAG_CLASSES[f] for f in fl) if fl else () for ident, fl in flags.items()}


def compare_page(a: Document, b: Document, names: tuple[str, str] = ("A", "B"),
                 pages: Sequence[str] = ("", ".compare")) -> str:
    """Two annotation passes of one document side by side, their disagreements flagged."""
    cmp = compare_passes(a, b)
    panes = []
    for doc, side, flags, labels, name in ((a, "a", cmp.flags_a, cmp.labels_a, names[0]),
                                           (b, "b", cmp.flags_b, cmp.labels_b, names[1])):
        marks = gold_marks(doc, side + ":", flag_classes(flags), labels)
        panes.append({"side": side, "name": name, "doc": doc, "has_gold": has_gold(doc), "refs": ref_texts(doc),
                      "text": text_block(doc, marks)})
    show = has_gold(a) and has_gold(b)
    return render("compare.html", title=f"{a.id} passes", a=a, pages=pages, rows=cmp.rows, panes=panes,
                  show_agreement=show, figures=agreement_figures(a, b) if show else None)


# --------------------------------------------------------------------------- index


def index_page(docs: Sequence[Document], pages: dict[str, Sequence[str]],
               errors: Optional[dict[str, Optional[DocErrors]]] = None,
               disagreements: Optional[dict[str, int]] = None, results_html: str = "",
               compare_names: tuple[str, str] = ("", ""), gold_name: str = "") -> str:
    """The site's front page: one row per document with its counts and page links."""
    rows = []
    for doc in docs:
        c = doc_counts(doc)
        e = errors.get(doc.id) if errors is not None else None
        rows.append({"doc": doc, "counts": (c.outer, c.inner, c.events, c.arguments, c.relations, c.normalised),
                     "errors": None if e is None else e.summary(), "pages": pages.get(doc.id, ("",)),
                     "disagreements": (disagreements or {}).get(doc.id)})
    sources = []
    if gold_name:
        sources.append(Markup("Gold: <code>{}</code>.").format(gold_name))
    if disagreements is not None:
        sources.append(Markup("Passes compared: A = <code>{}</code>, B = <code>{}</code>.").format(*compare_names))
    return render("index.html", title="CityDiplo", docs=docs, rows=rows, sources=sources,
                  with_errors=errors is not None, with_disagreements=disagreements is not None,
                  results_html=Markup(results_html))

