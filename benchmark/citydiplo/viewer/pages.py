"""The viewer's pages, each rendered from a template (``templates/``) and the data it shows.

Pages: ``index.html`` (documents, counts, each system's error classes and confusion
matrices, the paired test of two systems, results charts), ``<doc>.html`` (gold
annotations), ``<doc>.errors.html`` / ``<doc>.errors-b.html`` (a system's predictions
judged on every layer), ``errors.html`` / ``errors-b.html`` (all of a system's errors in
one table), ``<doc>.diff.html`` (two systems: who gets what right, per sentence) and
``<doc>.compare.html`` (two annotation passes side by side). The judging is done in
``citydiplo.scoring.doc_errors`` and ``citydiplo.scoring.agreement``; this module only
chooses what to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from markupsafe import Markup

from citydiplo.formats.model import Document, article_of, sentence_id
from citydiplo.scoring.agreement import agreement_figures, compare_passes
from citydiplo.scoring.doc_errors import LAYERS, PredictedDoc, SentenceDiff, doc_errors
from citydiplo.scoring.error_analysis import LEVEL_CATEGORIES
from citydiplo.viewer.assets import CSS, environment, render
from citydiplo.viewer.errors import (
    CLASS_NAMES,
    CONFUSION_LAYERS,
    LAYER_NAMES,
    ErrorRow,
    confusion_of,
    error_marks,
    error_rows,
    event_views,
)
from citydiplo.viewer.marks import gold_marks, norm_url, text_block, url_quote

PAGE_NAMES = {"": "gold", ".errors": "errors", ".errors-b": "errors B", ".diff": "A vs B", ".compare": "passes",
              ".versions": "versions"}
# pages of an article rather than of one document: named after the article (``000.versions.html``)
ARTICLE_PAGES = frozenset({".versions"})


def page_href(doc_id: str, suffix: str) -> str:
    """The relative URL of a document's page ``suffix`` (an article page for all its versions)."""
    return url_quote((article_of(doc_id) if suffix in ARTICLE_PAGES else doc_id) + suffix) + ".html"

# how the passes page draws what an annotation differs in (citydiplo.scoring.agreement flags)
FLAG_CLASSES = {"type": "d-type", "boundary": "d-boundary", "only": "d-only", "realis": "d-realis", "norm": "d-norm"}

FILTER_FIELDS = {"layer": "layer", "class": "category", "type": "type", "lang": "language"}

# the legend shows the span types the stylesheet colours (its .t-<TYPE> rules), in its order
LEGEND_TYPES = tuple(dict.fromkeys(re.findall(r"\.t-([A-Z]+)\b", CSS)))

# names the templates share (registered here, where they are defined)
environment().globals.update(PAGE_NAMES=PAGE_NAMES, LEGEND_TYPES=LEGEND_TYPES, norm_url=norm_url,
                             CLASS_NAMES=CLASS_NAMES, LAYER_NAMES=LAYER_NAMES, FILTER_FIELDS=FILTER_FIELDS,
                             LEGEND_CLASSES=LEVEL_CATEGORIES, LAYERS=LAYERS, sentence_id=sentence_id,
                             page_href=page_href)


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


def errors_page(doc: Document, pred: PredictedDoc, pages: Sequence[str] = ("", ".errors"),
                suffix: str = ".errors", system: str = "") -> str:
    """A document's predictions judged on every layer: marks in the text, a summary per
    layer, the predicted events with their arguments' classes, and a filterable, sortable
    table of the errors with their sentence ids."""
    if pred.sentences == 0:
        return render("no_predictions.html", title=f"{doc.id} errors", doc=doc, pages=pages, suffix=suffix)
    errors = doc_errors(doc, pred)
    notes = [f"System: {system}."] if system else []
    if not has_gold(doc):
        notes.append("No gold annotations for this document: every prediction is spurious.")
    if errors.entities is None:
        notes.append("The predictions have no ner_tags: entities are not judged.")
    if errors.triggers is None:
        notes.append("The predictions have no events: triggers and arguments are not judged.")
    if errors.relations is None:
        notes.append("The predictions have no relations: PARTNER_OF is not judged.")
    if errors.links is None:
        notes.append("The predictions give no normalisation ids (norm): linking is not judged.")
    notes.append("Entities are read from IOB2 strictly, as the headline score reads them (an I- tag that "
                 "continues no entity is dropped); triggers are judged by span and type; arguments by the trigger "
                 "span they hang on, their span and role; relations as unordered span pairs with their status.")
    return render("errors.html", title=f"{doc.id} errors", doc=doc, pages=pages, suffix=suffix,
                  kind="errors" + (f" of {system}" if system else ""),
                  text=text_block(doc, error_marks(errors)), notes=notes, summary=errors.summary(),
                  rows=error_rows(doc, errors), events=event_views(doc, pred, errors))


def all_errors_page(rows: Sequence[ErrorRow], n_docs: int, system: str = "the system") -> str:
    """Every document's errors in one filterable (layer, class, type, language), sortable table."""
    return render("all_errors.html", title="CityDiplo errors", rows=rows, docs=n_docs, system=system)


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


# --------------------------------------------------------------------------- two systems


def answer_text(doc: Document, answer: tuple) -> tuple[str, str]:
    """(layer, readable text) of one right answer of ``who_gets_it_right``."""
    layer, start, end, what = answer
    return layer, f"{LAYER_NAMES[layer]}: {what} “\u2068{doc.text[start:end]}\u2069”"


def diff_page(doc: Document, diffs: Sequence[SentenceDiff], names: tuple[str, str], pages: Sequence[str]) -> str:
    """Two systems on one document: per sentence, what only A and only B get right."""
    by_id = {sentence_id(doc.id, i): s for i, s in enumerate(doc.meta.sentences, 1)}
    rows = [{"sentence": d.sentence, "text": doc.text[by_id[d.sentence].start:by_id[d.sentence].end].strip(),
             "only_a": [answer_text(doc, x) for x in d.only_a], "only_b": [answer_text(doc, x) for x in d.only_b]}
            for d in diffs if d.sentence in by_id]
    return render("diff.html", title=f"{doc.id} A vs B", doc=doc, pages=pages, names=names, rows=rows)


# --------------------------------------------------------------------------- index


@dataclass
class SystemView:
    """One system on the index: its name, its errors summed over documents, confusion matrices."""

    label: str
    name: str
    all_errors: str
    summary: dict[str, dict[str, int]]
    n_errors: int
    per_doc: dict[str, Optional[int]]
    confusions: list[tuple[str, dict]]


def system_view(label: str, name: str, all_errors: str, docs: Sequence[Document],
                predicted: dict[str, PredictedDoc]) -> SystemView:
    """Sum a system's verdicts over the documents it has predictions for."""
    summary: dict[str, dict[str, int]] = {}
    per_doc: dict[str, Optional[int]] = {}
    n_errors = 0
    pairs = []
    for doc in docs:
        pred = predicted.get(doc.id)
        if pred is None or pred.sentences == 0:
            per_doc[doc.id] = None
            continue
        pairs.append((doc, pred))
        errors = doc_errors(doc, pred)
        n = len(error_rows(doc, errors))
        per_doc[doc.id] = n
        n_errors += n
        for layer, counts in errors.summary().items():
            total = summary.setdefault(layer, dict.fromkeys(counts, 0))
            for c, k in counts.items():
                total[c] += k
    confusions = [(title, m) for title, m in ((title, confusion_of(pairs, layer)) for layer, title in CONFUSION_LAYERS)
                  if m]
    return SystemView(label, name, all_errors, summary, n_errors, per_doc, confusions)


METRIC_NAMES = {"entity_f1": "entities (outer, strict)", "trigger_classification_f1": "trigger classification",
                "argument_classification_f1": "argument classification", "relation_f1": "PARTNER_OF relations",
                "entity_partial_f1": "entities (outer, partial match)", "linking_f1": "linking",
                "trigger_overlap_f1": "trigger classification (overlap)"}


def index_page(docs: Sequence[Document], pages: dict[str, Sequence[str]], systems: Sequence[SystemView] = (),
               disagreements: Optional[dict[str, int]] = None, results_html: str = "",
               compare_names: tuple[str, str] = ("", ""), gold_name: str = "", paired: Optional[dict] = None,
               versions: Optional[dict[str, list[str]]] = None) -> str:
    """The site's front page: one row per document with its counts, errors and page links
    (and, for an article shown in several versions, ``versions``: its versions' ids);
    each system's errors per layer and class with confusion matrices; the paired test of
    two systems; the results charts."""
    rows = []
    for doc in docs:
        c = doc_counts(doc)
        rows.append({"doc": doc, "counts": (c.outer, c.inner, c.events, c.arguments, c.relations, c.normalised),
                     "errors": [s.per_doc.get(doc.id) for s in systems], "pages": pages.get(doc.id, ("",)),
                     "disagreements": (disagreements or {}).get(doc.id),
                     "versions": (versions or {}).get(doc.article, [])})
    sources = []
    if gold_name:
        sources.append(Markup("Gold: <code>{}</code>.").format(gold_name))
    if disagreements is not None:
        sources.append(Markup("Passes compared: A = <code>{}</code>, B = <code>{}</code>.").format(*compare_names))
    return render("index.html", title="CityDiplo", docs=docs, rows=rows, sources=sources, systems=list(systems),
                  with_disagreements=disagreements is not None, results_html=Markup(results_html), paired=paired,
                  METRIC_NAMES=METRIC_NAMES)
