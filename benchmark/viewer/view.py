"""``bench view``: a self-contained static HTML site of the annotations and a system's errors.

Every page is one HTML string built by pure functions: inline CSS, one small inline
script (allowed by its hash in the page's Content-Security-Policy, which also forbids
every fetch), no fonts, no external resources. Every piece of text and every attribute
value goes through ``html.escape``.

Pages: ``index.html`` (documents, counts, loaded results with SVG bar charts),
``<doc>.html`` (gold annotations), ``<doc>.errors.html`` (predictions judged against gold)
and ``<doc>.compare.html`` (two annotation passes side by side).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence
from urllib.parse import quote

from citydiplo.viewer.charts import bar_chart
from citydiplo.errors import InputError
from citydiplo.scoring.error_analysis import (
    CATEGORIES,
    CORRECT,
    MISSED,
    SPURIOUS,
    WRONG_BOUNDARY,
    WRONG_TYPE,
    Judgement,
    classify,
    summarize,
)
from citydiplo.formats.model import Document, EntityMention, EventMention
from citydiplo.formats.predictions import Inventory, Prediction, read_predictions
from citydiplo.formats.records import sentence_id, sentence_shapes
from citydiplo.formats.schema import NER_TYPES, Schema
from citydiplo.scoring.entities import sentence_entities
from citydiplo.formats.tokens import tokenize

RTL_LANGUAGES = frozenset({"fa", "ar", "he", "ur", "ps"})
LANGUAGES = ("lv", "ru", "fa", "uk", "vi")
NORM_URLS = {
    "GeoNames": "https://www.geonames.org/{}",
    "ISO3166": "https://www.iso.org/obp/ui/#iso:code:3166:{}",
}
CATEGORY_NAMES = {
    CORRECT: "correct",
    WRONG_TYPE: "wrong type",
    WRONG_BOUNDARY: "wrong boundary",
    SPURIOUS: "spurious",
    MISSED: "missed",
}

# --------------------------------------------------------------------------- page shell

CSS = """
:root{--fg:#212529;--muted:#868e96;--line:#dee2e6}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",system-ui,sans-serif;color:var(--fg);margin:0;padding:1em 1.5em;font-size:15px}
h1{font-size:1.35em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.2em 0 .4em}
nav{margin-bottom:.6em;font-size:.9em}nav a{margin-right:1em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid var(--line);padding:.2em .5em;vertical-align:top}
th{background:#f8f9fa;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.doc{display:grid;grid-template-columns:minmax(0,3fr) minmax(18em,1.2fr);gap:1.5em;align-items:start}
aside.side{overflow-x:auto}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.2em;align-items:start}
.text{white-space:pre-wrap;line-height:2.2;font-size:1.05em;border:1px solid var(--line);padding:.8em 1em;border-radius:6px}
.text[dir=rtl]{font-size:1.15em}
.side{font-size:.9em}.side ul,.side ol{padding-inline-start:1.3em;margin:.3em 0}.side li{margin:.25em 0}
.note{color:var(--muted)}
.legend span.m{margin-right:.5em}
.m{border-radius:3px;padding:2px 1px}
.l2{border:1.5px solid rgba(0,0,0,.45);padding:0 1px;margin:0 1px}
.t-PER{background:#ffd8a8}.t-ORG{background:#a5d8ff}.t-CITY{background:#b2f2bb}.t-GPE{background:#d0bfff}
.t-LOC{background:#99e9f2}.t-DATE{background:#ffec99}.t-MISC{background:#dee2e6}.t-ITEM{background:#fcc2d7}
.trig{border:2px dashed #c92a2a;font-weight:600;background:#fff5f5}
.trig::after,.err::after,.dis::after{content:attr(data-label);font-size:.62em;vertical-align:super;color:#c92a2a;font-weight:600;margin:0 2px}
.item{border-bottom:2px dotted #a61e4d}
a.norm,span.norm{font-size:.62em;vertical-align:super;text-decoration:none;color:#1864ab;margin:0 1px}
.hl{outline:3px solid #f03e3e;background-color:#fff3bf}
[data-link]{cursor:default}[data-link]:hover{background:#fff3bf}
.e-correct{box-shadow:inset 0 -3px #2f9e44}
.e-wrong_type{outline:2px solid #f76707}.e-wrong_type::after{color:#d9480f}
.e-wrong_boundary{outline:2px solid #7048e8}.e-wrong_boundary::after{color:#5f3dc4}
.e-spurious{outline:2px solid #e03131;background:#ffe3e3}
.e-missed{outline:2px dashed #495057;background:#f1f3f5}.e-missed::after{color:#495057}
.d-type{outline:2px solid #f76707}.d-boundary{outline:2px solid #7048e8}
.d-only{outline:2px solid #e03131}.d-realis,.d-norm{outline:2px dotted #f76707}
.cont{}
.wide{overflow-x:auto}
th.h-correct{border-bottom:3px solid #2f9e44}th.h-wrong_type{border-bottom:3px solid #f76707}
th.h-wrong_boundary{border-bottom:3px solid #7048e8}th.h-spurious{border-bottom:3px solid #e03131}
th.h-missed{border-bottom:3px dashed #495057}td.title{min-width:12em;max-width:22em;font-size:.95em}
table.errors td:first-child{border-left-width:4px}
tr.r-wrong_type td:first-child{border-left-color:#f76707}tr.r-wrong_boundary td:first-child{border-left-color:#7048e8}
tr.r-spurious td:first-child{border-left-color:#e03131}tr.r-missed td:first-child{border-left-color:#495057}
svg.chart{margin:0 1.5em 1em 0;font-size:12px}svg.chart rect{fill:#4c6ef5}svg.chart .axis{stroke:#adb5bd}
svg.chart .chart-title{font-weight:600}.charts{display:flex;flex-wrap:wrap}
pre{white-space:pre-wrap;font-size:.8em;max-height:30em;overflow:auto;background:#f8f9fa;padding:.5em}
"""

SCRIPT = """(function(){
var d=document;
d.querySelectorAll('.text[dir]').forEach(function(el){
el.setAttribute('data-computed-dir',getComputedStyle(el).direction);});
function clear(){d.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl');});}
d.addEventListener('mouseover',function(ev){
var t=ev.target.closest?ev.target.closest('[data-link],[data-links]'):null;
clear();if(!t)return;
(t.getAttribute('data-link')||t.getAttribute('data-links')).split(' ').forEach(function(id){
if(!id)return;var q=CSS.escape(id);
d.querySelectorAll('[data-links~="'+q+'"],[data-link="'+q+'"]').forEach(function(x){x.classList.add('hl');});
});});
})();"""

SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_HASH}'; img-src data:"


def page(title: str, body: str) -> str:
    """A complete HTML document around ``body`` (already HTML); the title is escaped."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n"
        f"<body>\n{body}\n<script>{SCRIPT}</script>\n</body></html>\n"
    )


def text_dir(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def bdi(text: str, language: str) -> str:
    """A snippet of document text inside UI text, isolated for bidi."""
    return f'<bdi lang="{escape(language)}" dir="{text_dir(language)}">{escape(text)}</bdi>'


def css_token(value: str) -> str:
    """A class-name-safe form of a label (labels in predictions may be anything)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value) or "_"


# --------------------------------------------------------------------------- nested spans


@dataclass(frozen=True)
class Mark:
    """A highlighted [start, end) range of the text: classes, attributes, trusted suffix.

    ``suffix`` is HTML (built and escaped by this module) emitted just before the
    element closes at its real end, e.g. a normalisation badge. ``priority`` orders
    marks with equal spans: lower opens first, i.e. lies outside.
    """

    start: int
    end: int
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...] = ()
    suffix: str = ""
    priority: int = 0


def _open(mark: Mark, continued: bool) -> str:
    classes = " ".join(css_token(c) for c in mark.classes + (("cont",) if continued else ()))
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in mark.attrs)
    return f'<span class="{classes}"{attrs}>'


def render_marks(text: str, marks: Iterable[Mark]) -> str:
    """Escaped ``text`` with every mark as a ``<span>``; nested marks nest.

    Built from the sorted open/close boundary events: at each boundary the marks that end
    are closed (inner first), then the marks that start are opened (longer, then lower
    priority, first). A mark that crosses another is closed and reopened around it as a
    ``cont`` fragment carrying the same attributes, so the HTML is always well formed.
    Empty or out-of-range marks are dropped.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    starts: dict[int, list[Mark]] = {}
    for m in sorted(valid, key=lambda m: (m.start, -m.end, m.priority)):
        starts.setdefault(m.start, []).append(m)
    points = sorted({0, n} | {m.start for m in valid} | {m.end for m in valid})
    out: list[str] = []
    stack: list[Mark] = []
    prev = 0
    for p in points:
        out.append(escape(text[prev:p], quote=False))
        prev = p
        if any(m.end == p for m in stack):
            reopen = []
            while any(m.end == p for m in stack):
                m = stack.pop()
                if m.end == p:
                    out.append(m.suffix + "</span>")
                else:
                    out.append("</span>")
                    reopen.append(m)
            for m in reversed(reopen):
                out.append(_open(m, continued=True))
                stack.append(m)
        for m in starts.get(p, []):
            out.append(_open(m, continued=False))
            stack.append(m)
    out.append(escape(text[prev:], quote=False))
    return "".join(out)


# --------------------------------------------------------------------------- gold marks


def norm_badge(db: Optional[str], db_id: Optional[str]) -> str:
    """A small superscript badge for a normalisation id, linked where the db has a URL."""
    if not db or not db_id:
        return ""
    label = f"{db}:{db_id}"
    url = NORM_URLS.get(db)
    if url:
        href = url.format(quote(db_id, safe=""))
        return f'<a class="norm" href="{escape(href)}" title="{escape(label)}">{escape(db_id)}</a>'
    return f'<span class="norm" title="{escape(label)}">{escape(db_id)}</span>'


def _links(doc: Document, prefix: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For each text-bound id: the event/relation ids it takes part in, and role notes."""
    links: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}
    for ev in doc.events:
        links.setdefault(ev.trigger_id, []).append(prefix + ev.id)
        for a in ev.arguments:
            links.setdefault(a.ref, []).append(prefix + ev.id)
            roles.setdefault(a.ref, []).append(f"{a.role} of {ev.id} {ev.type}")
    for rel in doc.relations:
        for ref in (rel.arg1, rel.arg2):
            links.setdefault(ref, []).append(prefix + rel.id)
            roles.setdefault(ref, []).append(f"{rel.type} {rel.id}")
    return links, roles


def entity_mark(e: EntityMention, extra: Sequence[str] = (), links: Sequence[str] = (),
                notes: Sequence[str] = (), label: str = "") -> Mark:
    """The mark of an entity mention: type class, level class, data attributes, badge."""
    level_name = "outer" if e.level == 1 else "inner"
    title = " · ".join([f"{e.type} ({level_name}) {e.id}"]
                       + ([f"{e.norm_db}:{e.norm_id}"] if e.norm_id else []) + list(notes))
    attrs = [("data-kind", "entity"), ("data-type", e.type), ("data-level", str(e.level)),
             ("data-start", str(e.start)), ("data-end", str(e.end)), ("data-id", e.id)]
    if e.norm_id:
        attrs.append(("data-norm", f"{e.norm_db}:{e.norm_id}"))
    if links:
        attrs.append(("data-links", " ".join(dict.fromkeys(links))))
    if label:
        attrs.append(("data-label", label))
    attrs.append(("title", title))
    return Mark(e.start, e.end, ("m", "ent", f"t-{e.type}", f"l{e.level}") + tuple(extra),
                tuple(attrs), norm_badge(e.norm_db, e.norm_id), priority=e.level)


def trigger_mark(ev: EventMention, extra: Sequence[str] = (), links: Sequence[str] = (),
                 label: Optional[str] = None) -> Mark:
    realis = ev.realis or ""
    attrs = [("data-kind", "trigger"), ("data-type", ev.type), ("data-realis", realis),
             ("data-start", str(ev.start)), ("data-end", str(ev.end)), ("data-event", ev.id),
             ("data-links", " ".join(links)),
             ("data-label", label if label is not None else f"{ev.type}{'·' + realis if realis else ''}"),
             ("title", f"{ev.type} {realis} ({ev.id})".replace("  ", " "))]
    return Mark(ev.start, ev.end, ("m", "trig", f"ev-{ev.type}") + tuple(extra), tuple(attrs), priority=5)


def gold_marks(doc: Document, prefix: str = "", classes: Optional[dict[str, tuple[str, ...]]] = None,
               labels: Optional[dict[str, str]] = None) -> list[Mark]:
    """Marks for every entity (both levels), ITEM span and event trigger of a document.

    ``classes``/``labels`` add per-annotation-id classes and labels (used by the
    comparison view to flag disagreements); ``prefix`` keeps link ids unique per pane.
    """
    classes = classes or {}
    labels = labels or {}
    links, roles = _links(doc, prefix)
    marks = [
        entity_mark(e, classes.get(e.id, ()), links.get(e.id, ()), roles.get(e.id, ()), labels.get(e.id, ""))
        for e in doc.entities
    ]
    for t in doc.items:
        attrs = [("data-kind", "item"), ("data-type", t.type), ("data-start", str(t.start)),
                 ("data-end", str(t.end)), ("data-id", t.id)]
        if t.id in links:
            attrs.append(("data-links", " ".join(links[t.id])))
        attrs.append(("title", " · ".join([f"{t.type} {t.id}"] + roles.get(t.id, []))))
        marks.append(Mark(t.start, t.end, ("m", "item", f"t-{t.type}") + classes.get(t.id, ()),
                          tuple(attrs), priority=3))
    for ev in doc.events:
        marks.append(trigger_mark(ev, classes.get(ev.id, ()), [prefix + ev.id], labels.get(ev.id)))
    return marks


def text_block(doc: Document, marks: Iterable[Mark]) -> str:
    """The document text with its marks, in the document's language and direction."""
    return (f'<div class="text" lang="{escape(doc.language)}" dir="{text_dir(doc.language)}" '
            f'data-doc="{escape(doc.id)}">{render_marks(doc.text, marks)}</div>')


# --------------------------------------------------------------------------- side lists


def _ref_text(doc: Document) -> dict[str, tuple[str, str]]:
    refs = {e.id: (e.text, e.type) for e in doc.entities}
    refs.update({t.id: (t.text, t.type) for t in doc.items})
    return refs


def events_list(doc: Document, prefix: str = "") -> str:
    """One list item per event: type, realis, trigger and its arguments by role."""
    if not doc.events:
        return '<p class="note">No events.</p>'
    items = []
    for ev in doc.events:
        args = "".join(
            f"<li>{escape(a.role)}: {bdi(a.text, doc.language)} "
            f'<span class="note">{escape(a.filler_type)}</span></li>'
            for a in ev.arguments
        )
        items.append(
            f'<li class="event" data-link="{escape(prefix + ev.id)}"><b>{escape(ev.type)}</b> '
            f"{escape(ev.realis or '')} “{bdi(ev.trigger, doc.language)}” "
            f'<span class="note">{escape(ev.id)}</span>'
            + (f"<ul>{args}</ul>" if args else "") + "</li>"
        )
    return f'<ol class="events">{"".join(items)}</ol>'


def relations_list(doc: Document, prefix: str = "") -> str:
    if not doc.relations:
        return '<p class="note">No relations.</p>'
    refs = _ref_text(doc)
    items = []
    for r in doc.relations:
        a1 = refs.get(r.arg1, (r.arg1, "?"))[0]
        a2 = refs.get(r.arg2, (r.arg2, "?"))[0]
        items.append(
            f'<li class="relation" data-link="{escape(prefix + r.id)}">{bdi(a1, doc.language)} ⇄ '
            f"{bdi(a2, doc.language)} <b>{escape(r.type)}</b> {escape(r.status or '')} "
            f'<span class="note">{escape(r.id)}</span></li>'
        )
    return f'<ul class="relations">{"".join(items)}</ul>'


def entities_table(doc: Document) -> str:
    if not doc.entities:
        return '<p class="note">No entity mentions.</p>'
    rows = "".join(
        f"<tr><td>{escape(e.id)}</td><td>{escape(e.type)}</td><td class=n>{e.level}</td>"
        f"<td>{bdi(e.text, doc.language)}</td><td>{_norm_link(e) if e.norm_id else ''}</td></tr>"
        for e in doc.entities
    )
    return (f"<details><summary>{len(doc.entities)} entity mention(s)</summary><table class=entities>"
            f"<tr><th>id</th><th>type</th><th>level</th><th>text</th><th>normalisation</th></tr>{rows}</table></details>")


def _norm_link(e: EntityMention) -> str:
    label = f"{e.norm_db}:{e.norm_id}"
    url = NORM_URLS.get(e.norm_db or "")
    if url:
        return f'<a href="{escape(url.format(quote(e.norm_id or "", safe="")))}">{escape(label)}</a>'
    return escape(label)


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


LEGEND = (
    '<p class="legend">'
    + "".join(f'<span class="m t-{t}">{t}</span>' for t in NER_TYPES + ("ITEM",))
    + ' <span class="m t-ORG">outer <span class="m t-CITY l2">inner</span></span>'
    + ' <span class="m trig" data-label="TYPE·REALIS">trigger</span>'
    + ' <span class="m t-CITY">CITY<span class="norm" title="normalisation id">id</span></span></p>'
)


def nav(doc_id: str, pages: Sequence[str], current: str) -> str:
    names = {"": "gold", ".errors": "errors", ".compare": "passes"}
    links = ['<a href="index.html">← index</a>']
    for suffix in pages:
        label = names[suffix]
        if suffix == current:
            links.append(f"<b>{label}</b>")
        else:
            links.append(f'<a href="{escape(quote(doc_id + suffix))}.html">{label}</a>')
    return f"<nav>{' '.join(links)}</nav>"


def _doc_heading(doc: Document, what: str) -> str:
    title = f" — {bdi(doc.meta.title, doc.language)}" if doc.meta.title else ""
    return f"<h1>{escape(doc.id)} <span class=note>[{escape(doc.language)}]</span> {escape(what)}{title}</h1>"


def doc_page(doc: Document, pages: Sequence[str] = ("",)) -> str:
    """The gold page of a document: highlighted text, events, relations, mentions."""
    c = doc_counts(doc)
    counts = (("outer entities", c.outer), ("inner entities", c.inner), ("ITEM spans", c.items),
              ("events", c.events), ("arguments", c.arguments), ("PARTNER_OF", c.relations),
              ("normalised", c.normalised))
    summary = ('<table class="counts">'
               + "".join(f"<tr><th>{name}</th><td class=n>{n}</td></tr>" for name, n in counts) + "</table>")
    note = "" if has_gold(doc) else '<p class="note">No gold annotations for this document yet.</p>'
    side = (f"<h2>Counts</h2>{summary}<h2>Events</h2>{events_list(doc)}"
            f"<h2>PARTNER_OF</h2>{relations_list(doc)}<h2>Mentions</h2>{entities_table(doc)}")
    return _doc_page(doc, pages, "", "gold", LEGEND + note, gold_marks(doc), side)


def _doc_page(doc, pages, suffix: str, kind: str, preamble: str, marks, side: str) -> str:
    """A document page: navigation, heading, preamble, the marked-up text and a side panel."""
    body = (
        nav(doc.id, pages, suffix) + _doc_heading(doc, kind) + preamble
        + f'<div class="doc"><main>{text_block(doc, marks)}</main><aside class="side">{side}</aside></div>'
    )
    return page(f"{doc.id} {kind}", body)


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredictedEvent:
    type: str
    start: int
    end: int
    realis: Optional[str]
    arguments: tuple[tuple[str, int, int], ...] = ()


@dataclass
class PredictedDoc:
    """A document's predictions in character offsets; ``None`` layers were not predicted."""

    doc_id: str
    sentences: int = 0
    entities: Optional[list[tuple[int, int, str]]] = None
    events: Optional[list[PredictedEvent]] = None


def read_site_predictions(path: Path, corpus: Sequence[Document], schema: Schema) -> dict[str, list[Prediction]]:
    """Read and check a predictions file as ``bench evaluate`` does: doc id -> predictions."""
    by_doc: dict[str, list[Prediction]] = {}
    for pred in read_predictions(str(path), sentence_shapes(corpus), Inventory.from_schema(schema)):
        by_doc.setdefault(pred.id.rsplit("-", 1)[0], []).append(pred)
    return by_doc


def strict_token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities as the headline score reads IOB2 (strict): only those that begin with B-.

    An I- tag that continues no entity of its type starts nothing and is dropped; read by
    the scorer's own (seqeval) reader, so the view judges exactly what is scored.
    """
    return sorted((first, last + 1, label) for label, first, last in sentence_entities(list(tags), "strict"))


def predicted_doc(doc: Document, predictions: Iterable[Prediction]) -> PredictedDoc:
    """A document's checked sentence predictions (token indices) in character offsets."""
    index = {sentence_id(doc.id, i): s for i, s in enumerate(doc.meta.sentences, 1)}
    out = PredictedDoc(doc.id)
    for pred in predictions:
        sent = index[pred.id]
        tokens = tokenize(doc.text[sent.start:sent.end], sent.start)
        out.sentences += 1

        def chars(span: tuple[int, int]) -> tuple[int, int]:
            return tokens[span[0]].start, tokens[span[1] - 1].end

        if pred.ner_tags is not None:
            out.entities = (out.entities or []) + [
                (*chars((first, last)), label) for first, last, label in strict_token_spans(pred.ner_tags)]
        if pred.events is not None:
            out.events = (out.events or []) + [
                PredictedEvent(ev.type, *chars(ev.trigger), ev.realis,
                               tuple((a.role, *chars(a.span)) for a in ev.arguments))
                for ev in pred.events]
    return out


@dataclass
class DocErrors:
    """A document's predictions judged against gold: outer entities and triggers (when predicted)."""

    doc_id: str
    entities: Optional[list[Judgement]]
    triggers: Optional[list[Judgement]]

    def summary(self) -> dict[str, dict[str, int]]:
        layers = (("entities", self.entities), ("triggers", self.triggers))
        return {name: summarize(judged) for name, judged in layers if judged is not None}


def doc_errors(doc: Document, pred: PredictedDoc) -> DocErrors:
    """Judge outer-level entities and event triggers (span + type) against the gold."""
    entities = triggers = None
    if pred.entities is not None:
        entities = classify([(e.start, e.end, e.type) for e in doc.entities if e.level == 1], pred.entities)
    if pred.events is not None:
        triggers = classify([(ev.start, ev.end, ev.type) for ev in doc.events],
                            [(ev.start, ev.end, ev.type) for ev in pred.events])
    return DocErrors(doc.id, entities, triggers)


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


def summary_table(summary: dict[str, dict[str, int]]) -> str:
    """Counts per category (rows) and layer (columns); cells carry data-layer/data-category."""
    head = "".join(f"<th>{escape(layer)}</th>" for layer in summary)
    rows = "".join(
        f'<tr><th class="h-{c}">{CATEGORY_NAMES[c]}</th>'
        + "".join(f'<td class=n data-layer="{escape(layer)}" data-category="{c}">{counts[c]}</td>'
                  for layer, counts in summary.items()) + "</tr>"
        for c in CATEGORIES
    )
    return f'<table class="summary"><tr><th></th>{head}</tr>{rows}</table>'


def errors_list(doc: Document, errors: DocErrors) -> str:
    rows = []
    for kind, judgements in (("entity", errors.entities), ("trigger", errors.triggers)):
        for j in judgements or ():
            if j.category == CORRECT:
                continue
            pred = "" if j.category == MISSED else escape(j.label)
            gold = "; ".join(f"{escape(g[2])} {bdi(doc.text[g[0]:g[1]], doc.language)}" for g in j.gold)
            rows.append(
                f'<tr class="r-{j.category}"><td>{kind}<br>{CATEGORY_NAMES[j.category]}</td>'
                f"<td>{bdi(doc.text[j.start:j.end], doc.language)}</td><td>{pred}</td><td>{gold}</td></tr>"
            )
    if not rows:
        return '<p class="note">No errors.</p>'
    return ("<table class=errors><tr><th>error</th><th>text</th><th>predicted</th><th>gold</th></tr>"
            + "".join(rows) + "</table>")


def errors_page(doc: Document, pred: PredictedDoc, pages: Sequence[str] = ("", ".errors")) -> str:
    """Predicted outer entities and triggers marked correct / wrong type / boundary / spurious / missed."""
    if pred.sentences == 0:
        body = (nav(doc.id, pages, ".errors") + _doc_heading(doc, "errors")
                + '<p class="note">The predictions file has no sentence of this document.</p>')
        return page(f"{doc.id} errors", body)
    errors = doc_errors(doc, pred)
    legend = "<p class=legend>" + " ".join(
        f'<span class="m err e-{c}" data-label="">{CATEGORY_NAMES[c]}</span>' for c in CATEGORIES) + "</p>"
    notes = [] if has_gold(doc) else ["No gold annotations for this document: every prediction is spurious."]
    if errors.entities is None:
        notes.append("The predictions have no ner_tags: entities are not judged.")
    if errors.triggers is None:
        notes.append("The predictions have no events: triggers are not judged.")
    notes.append("Outer-level entities are read from IOB2 strictly, as the headline score reads them "
                 "(an I- tag that continues no entity is dropped); triggers are judged by span and type.")
    note = "".join(f'<p class="note">{escape(n)}</p>' for n in notes)
    side = f"<h2>Summary</h2>{summary_table(errors.summary())}<h2>Errors</h2>{errors_list(doc, errors)}"
    return _doc_page(doc, pages, ".errors", "errors", legend + note, error_marks(errors), side)


# --------------------------------------------------------------------------- two passes

COMPARE_CLASS = {CORRECT: (), WRONG_TYPE: ("dis", "d-type"), WRONG_BOUNDARY: ("dis", "d-boundary"),
                 SPURIOUS: ("dis", "d-only")}


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
    """Classes and labels per annotation id on each side, and the disagreements in text order."""

    classes_a: dict[str, tuple[str, ...]] = field(default_factory=dict)
    classes_b: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels_a: dict[str, str] = field(default_factory=dict)
    labels_b: dict[str, str] = field(default_factory=dict)
    rows: list[Disagreement] = field(default_factory=list)


def _q(text: str) -> str:
    """Document text quoted inside UI text, bidi-isolated (FSI ... PDI) so RTL stays in place."""
    return f"“\u2068{text}\u2069”"


def _fmt_span(doc: Document, span: tuple[int, int, str]) -> str:
    return f"{span[2]} {_q(doc.text[span[0]:span[1]])} [{span[0]},{span[1]})"


def sentence_of(doc: Document, offset: int) -> int:
    """The 1-based number of the sentence holding ``offset`` (0 when none does)."""
    return next((i for i, s in enumerate(doc.meta.sentences, 1) if s.start <= offset < s.end), 0)


def compare_passes(a: Document, b: Document) -> PassComparison:
    """Flag every disagreement between two annotation passes of one document.

    Entities are compared level by level, ITEM spans and triggers by span and type (each
    pass read as the other's reference: type, boundary, only in A, only in B); realis and
    normalisation on mentions both passes share, arguments of events both passes share
    (same trigger span and type), and PARTNER_OF relations as sets of unordered span pairs.
    """
    out = PassComparison()
    kind_names = {WRONG_TYPE: "type", WRONG_BOUNDARY: "boundary", SPURIOUS: "only in B", MISSED: "only in A"}

    def flag(side: str, ident: str, classes: tuple[str, ...], label: str) -> None:
        cls, lab = (out.classes_a, out.labels_a) if side == "A" else (out.classes_b, out.labels_b)
        cls[ident] = cls.get(ident, ()) + classes
        if label:
            lab[ident] = label

    def row(start: int, layer: str, kind: str, text_a: str, text_b: str) -> None:
        out.rows.append(Disagreement(sentence_of(a, start), start, layer, kind, text_a, text_b))

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
                flag(side, ident, COMPARE_CLASS[category], label)
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
            flag("A", e.id, ("dis", "d-norm"), "norm")
            flag("B", other.id, ("dis", "d-norm"), "norm")
            row(e.start, "normalisation", "differs", f"{e.type} {_q(e.text)} {e.norm_db}:{e.norm_id}" if e.norm_id
                else f"{e.type} {_q(e.text)} none", f"{other.norm_db}:{other.norm_id}" if other.norm_id else "none")

    events_b = {(ev.start, ev.end, ev.type): ev for ev in b.events}
    for ev in a.events:
        other = events_b.get((ev.start, ev.end, ev.type))
        if other is None:
            continue
        where = f"{ev.type} {_q(ev.trigger)}"
        if ev.realis != other.realis:
            flag("A", ev.id, ("dis", "d-realis"), "realis")
            flag("B", other.id, ("dis", "d-realis"), "realis")
            row(ev.start, "realis", "differs", f"{where} {ev.realis or 'none'}", other.realis or "none")
        args_a = {(x.role, x.start, x.end) for x in ev.arguments}
        args_b = {(x.role, x.start, x.end) for x in other.arguments}
        for side, missing, doc in (("A", args_a - args_b, a), ("B", args_b - args_a, b)):
            for role, s_, e_ in sorted(missing, key=lambda t: (t[1], t[2], t[0])):
                text = f"{where}: {role} {_q(doc.text[s_:e_])}"
                row(ev.start, "argument", f"only in {side}", text if side == "A" else "", text if side == "B" else "")

    def rel_set(doc: Document) -> dict[tuple, tuple[int, str]]:
        spans = {e.id: (e.start, e.end) for e in doc.entities}
        found = {}
        for r in doc.relations:
            if r.arg1 in spans and r.arg2 in spans:
                pair = tuple(sorted([spans[r.arg1], spans[r.arg2]]))
                text = " ⇄ ".join(_q(doc.text[s_:e_]) for s_, e_ in pair)
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
    """The document's ``bench agreement`` figures (citydiplo.annotation.agreement), or None when a pass
    cannot be cut into sentence records (spans off token boundaries, overlaps on a level)."""
    from citydiplo.annotation.agreement import agreement

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


def agreement_table(figures: Optional[list[tuple[str, float]]]) -> str:
    if figures is None:
        return '<p class="note">No agreement figures: a pass has spans off token boundaries or overlapping on one level (`bench validate` names them).</p>'
    return ('<table class="agreement">' + "".join(
        f'<tr><th>{escape(name)}</th><td class=n>{value:.3f}</td></tr>' for name, value in figures) + "</table>")


def compare_page(a: Document, b: Document, names: tuple[str, str] = ("A", "B"),
                 pages: Sequence[str] = ("", ".compare")) -> str:
    """Two annotation passes of one document side by side, their disagreements flagged."""
    cmp = compare_passes(a, b)
    rows = cmp.rows
    table = ('<p class="note">The two passes agree.</p>' if not rows else
             "<table class=disagreements><tr><th>sentence</th><th>layer</th><th>kind</th><th>A</th><th>B</th></tr>"
             + "".join(f'<tr><td class=n>{r.sentence}</td><td>{escape(r.layer)}</td><td>{escape(r.kind)}</td>'
                       f'<td>{escape(r.a)}</td><td>{escape(r.b)}</td></tr>'
                       for r in rows) + "</table>")
    panes = []
    for doc, prefix, cls, lab, name in ((a, "a:", cmp.classes_a, cmp.labels_a, names[0]),
                                        (b, "b:", cmp.classes_b, cmp.labels_b, names[1])):
        empty = "" if has_gold(doc) else '<p class="note">No annotations in this pass.</p>'
        panes.append(
            f'<section class="pass" data-pass="{prefix[0]}"><h2>{prefix[0].upper()}: {escape(name)}</h2>{empty}'
            f"{text_block(doc, gold_marks(doc, prefix, cls, lab))}<h2>Events</h2>{events_list(doc, prefix)}"
            f"<h2>PARTNER_OF</h2>{relations_list(doc, prefix)}</section>"
        )
    legend = ('<p class=legend><span class="m t-CITY dis d-type">type differs</span> '
              '<span class="m t-CITY dis d-boundary">boundary differs</span> '
              '<span class="m t-CITY dis d-only">only in this pass</span> '
              '<span class="m t-CITY dis d-norm">normalisation / realis differs</span></p>')
    agreement = agreement_table(agreement_figures(a, b)) if has_gold(a) and has_gold(b) else ""
    body = (nav(a.id, pages, ".compare") + _doc_heading(a, "passes") + LEGEND + legend
            + f'<div class="doc"><div><h2>{len(rows)} disagreement(s)</h2>{table}</div>'
            + (f'<aside class="side"><h2>Agreement</h2>{agreement}</aside>' if agreement else "") + "</div>"
            + f'<div class="pair">{"".join(panes)}</div>')
    return page(f"{a.id} passes", body)


# --------------------------------------------------------------------------- results

AGGREGATE_KEYS = ("micro", "macro", "overall", "all", "total", "micro avg", "macro avg", "weighted avg")
F1_KEYS = ("f1", "f1_score", "f1-score", "f", "fscore", "f_score", "f-score")


def _f1_value(value: Any, path_says_f1: bool) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if path_says_f1 else None
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and k.lower() in F1_KEYS and isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v)
    return None


def _sub_metrics(values: Iterable[Any]) -> list[str]:
    """Names of the F1-bearing sub-dicts of dict values, in first-seen order ("micro" alone if present)."""
    names: dict[str, None] = {}
    for v in values:
        if isinstance(v, dict):
            for k, sub in v.items():
                if isinstance(k, str) and _f1_value(sub, False) is not None:
                    names.setdefault(k)
    return ["micro"] if "micro" in names else list(names)


Table = tuple[str, str, list[tuple[str, Optional[float]]]]


def f1_tables(results: Any, languages: Sequence[str] = LANGUAGES, types: Sequence[str] = NER_TYPES) -> list[Table]:
    """Find per-language, per-type and per-metric F1 dicts anywhere in a results JSON.

    A dict whose keys are all languages (or all types), aggregates such as "micro" aside,
    becomes ``(title, "language" | "type", [(label, f1)])`` when its values are F1 numbers
    (and its path names F1) or dicts with an "f1" key; when its values are dicts of such
    dicts, one table per sub-metric ("micro" alone when present). A dict of two or more
    dicts that all have an "f1" key (e.g. the headline) becomes a "metric" table. The
    walk does not descend below a table; anything else is ignored.
    """
    tables: list[Table] = []

    def walk(node: Any, path: list[str]) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + [str(i)])
            return
        if not isinstance(node, dict):
            return
        keys = [k for k in node if isinstance(k, str)]
        title = " › ".join(path) or "results"
        says_f1 = any(re.search(r"f1|f_?score|f-score", p, re.I) for p in path)
        for kind, known in (("language", languages), ("type", types)):
            labels = [k for k in known if k in node]
            aggregates = [k for k in keys if k.lower() in AGGREGATE_KEYS]
            if not labels or len(labels) + len(aggregates) != len(keys):
                continue
            entries = labels + aggregates
            direct = [(k, _f1_value(node[k], says_f1)) for k in entries]
            if any(v is not None for _, v in direct):
                tables.append((title, kind, direct))
                return
            found = False
            for metric in _sub_metrics(node[k] for k in labels):
                values = [(k, _f1_value(node[k].get(metric), False) if isinstance(node[k], dict) else None)
                          for k in entries]
                if any(v is not None for _, v in values):
                    tables.append((f"{title} › {metric}", kind, values))
                    found = True
            if found:
                return
        if len(keys) >= 2 and all(isinstance(node[k], dict) and _f1_value(node[k], False) is not None for k in keys):
            tables.append((title, "metric", [(k, _f1_value(node[k], False)) for k in keys]))
            return
        for k in keys:
            walk(node[k], path + [k])

    walk(results, [])
    return tables


SECONDARY = re.compile(r"\b(default|inner)\b|identification|_attached|with_status")


def results_section(results: Any, languages: Sequence[str], types: Sequence[str]) -> str:
    """SVG bar charts of every F1 table found in a results JSON, and the raw JSON.

    Tables under "default" (non-strict) or "inner", and identification, attached and
    with-status variants, go in a closed "more charts" block.
    Nothing but the raw JSON is shown when no table is found.
    """
    tables = f1_tables(results, languages, types)
    values = [v for _, _, vals in tables for _, v in vals if v is not None]
    scale = 100.0 if values and max(values) > 1.0 else 1.0

    def chart(title: str, kind: str, vals: list[tuple[str, Optional[float]]]) -> str:
        return bar_chart(f"F1 by {kind}: {title}" if kind != "metric" else f"F1: {title}", vals, scale)

    main = [chart(*t) for t in tables if not SECONDARY.search(t[0])]
    more = [chart(*t) for t in tables if SECONDARY.search(t[0])]
    parts = ['<section class="results"><h2>Results</h2>']
    if isinstance(results, dict) and isinstance(results.get("model"), str):
        parts.append(f"<p>Model: <code>{escape(results['model'])}</code></p>")
    if main:
        parts.append(f'<div class="charts">{"".join(main)}</div>')
    if more:
        parts.append(f'<details><summary>{len(more)} more chart(s): non-strict, inner level, identification and other variants</summary>'
                     f'<div class="charts">{"".join(more)}</div></details>')
    raw = json.dumps(results, ensure_ascii=False, indent=1)
    if len(raw) > 200_000:
        raw = raw[:200_000] + "\n…"
    parts.append(f"<details><summary>results JSON</summary><pre>{escape(raw)}</pre></details></section>")
    return "".join(parts)


# --------------------------------------------------------------------------- index and site


SHORT_NAMES = {CORRECT: "✓", WRONG_TYPE: "type", WRONG_BOUNDARY: "bound.", SPURIOUS: "spur.", MISSED: "miss."}


def index_page(docs: Sequence[Document], pages: dict[str, Sequence[str]],
               errors: Optional[dict[str, Optional[DocErrors]]] = None,
               disagreements: Optional[dict[str, int]] = None, results_html: str = "",
               compare_names: tuple[str, str] = ("", ""), gold_name: str = "") -> str:
    """The site's front page: one row per document with its counts and page links."""
    top = ['<th rowspan=2>document</th><th rowspan=2>lang</th>'
           '<th rowspan=2>sent.</th><th colspan=2>entities</th><th rowspan=2>events</th>'
           '<th rowspan=2>args</th><th rowspan=2>PARTNER_OF</th><th rowspan=2>norm.</th>']
    sub = ["<th>outer</th><th>inner</th>"]
    if errors is not None:
        for layer in ("entity errors", "trigger errors"):
            top.append(f"<th colspan={len(CATEGORIES)}>{layer}</th>")
            sub.append("".join(f'<th class="h-{c}" title="{CATEGORY_NAMES[c]}">{SHORT_NAMES[c]}</th>'
                               for c in CATEGORIES))
    if disagreements is not None:
        top.append("<th rowspan=2>disagreements<br>A vs B</th>")
    top.append("<th rowspan=2>pages</th>")
    head = f"<tr>{''.join(top)}</tr><tr>{''.join(sub)}</tr>"
    names = {"": "gold", ".errors": "errors", ".compare": "passes"}
    rows = []
    for doc in docs:
        c = doc_counts(doc)
        cells = [
            f'<td class="title"><a href="{escape(quote(doc.id))}.html">{escape(doc.id)}</a>'
            f'<br><span class="note">{bdi(doc.meta.title or "", doc.language)}</span></td>',
            f"<td>{escape(doc.language)}</td>",
            f"<td class=n>{len(doc.meta.sentences)}</td>",
        ] + [f"<td class=n>{v}</td>" for v in (c.outer, c.inner, c.events, c.arguments, c.relations, c.normalised)]
        if errors is not None:
            e = errors.get(doc.id)
            if e is None:
                cells += ['<td class=n title="no predictions for this document">—</td>'] * (2 * len(CATEGORIES))
            else:
                s = e.summary()
                for layer in ("entities", "triggers"):
                    if layer not in s:
                        cells += ['<td class=n title="not predicted">—</td>'] * len(CATEGORIES)
                        continue
                    cells += [f'<td class=n data-layer="{layer}" data-category="{k}">{s[layer][k]}</td>'
                              for k in CATEGORIES]
        if disagreements is not None:
            n = disagreements.get(doc.id)
            cells.append(f"<td class=n>{'—' if n is None else n}</td>")
        cells.append("<td>" + " ".join(
            f'<a href="{escape(quote(doc.id + s))}.html">{names[s]}</a>' for s in pages.get(doc.id, ("",))) + "</td>")
        rows.append(f'<tr data-doc="{escape(doc.id)}">{"".join(cells)}</tr>')
    sources = []
    if gold_name:
        sources.append(f"Gold: <code>{escape(gold_name)}</code>.")
    if disagreements is not None:
        sources.append(f"Passes compared: A = <code>{escape(compare_names[0])}</code>, "
                       f"B = <code>{escape(compare_names[1])}</code>.")
    body = (f"<h1>CityDiplo: {len(docs)} document(s)</h1><p>{' '.join(sources)}</p>"
            f'<div class="wide"><table class="documents">{head}{"".join(rows)}</table></div>{results_html}')
    return page("CityDiplo", body)


@dataclass
class SiteInput:
    """Everything one site is built from, already read from disk."""

    docs: list[Document]
    predictions: Optional[dict[str, PredictedDoc]] = None
    passes: Optional[dict[str, tuple[Document, Document]]] = None
    pass_names: tuple[str, str] = ("A", "B")
    results: Any = None
    gold_name: str = ""
    languages: Sequence[str] = LANGUAGES
    types: Sequence[str] = NER_TYPES


def site_pages(inp: SiteInput) -> dict[str, str]:
    """File name -> HTML for the whole site."""
    files: dict[str, str] = {}
    pages = {d.id: ("",) + ((".errors",) if inp.predictions is not None else ())
             + ((".compare",) if inp.passes is not None and d.id in inp.passes else ()) for d in inp.docs}
    errors: Optional[dict[str, Optional[DocErrors]]] = None
    if inp.predictions is not None:
        errors = {}
    for doc in inp.docs:
        files[f"{doc.id}.html"] = doc_page(doc, pages[doc.id])
        if inp.predictions is not None and errors is not None:
            pred = inp.predictions.get(doc.id) or PredictedDoc(doc.id)
            files[f"{doc.id}.errors.html"] = errors_page(doc, pred, pages[doc.id])
            errors[doc.id] = doc_errors(doc, pred) if pred.sentences else None
    disagreements = None
    if inp.passes is not None:
        disagreements = {}
        for doc_id, (a, b) in inp.passes.items():
            files[f"{doc_id}.compare.html"] = compare_page(a, b, inp.pass_names, pages.get(doc_id, ("", ".compare")))
            disagreements[doc_id] = len(compare_passes(a, b).rows)
    results_html = "" if inp.results is None else results_section(inp.results, inp.languages, inp.types)
    files["index.html"] = index_page(inp.docs, pages, errors, disagreements, results_html, inp.pass_names,
                                     inp.gold_name)
    return files


def load_site_input(root: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
                    results_path: Optional[Path] = None, predictions_path: Optional[Path] = None,
                    compare: Optional[tuple[Path, Path]] = None) -> SiteInput:
    """Read the documents, predictions, passes and results a site is built from."""
    from citydiplo.corpus.documents import document_ids, gold_ids, read_document
    from citydiplo.formats.schema import load_schema

    all_ids = document_ids(root)
    ids = list(doc_ids) or all_ids
    docs = [read_document(d, root, annotations_dir) for d in ids]
    types: list[str] = list(NER_TYPES)
    schema: Optional[Schema] = None
    try:  # the schema lives in annotations/ whichever directory the gold is read from
        schema = load_schema(root / "annotations")
        types += [t for t in list(schema.event_types) + list(schema.relations) if t not in types]
    except InputError:
        if predictions_path is not None:
            raise
    languages = list(dict.fromkeys(list(LANGUAGES) + [d.language for d in docs]))
    inp = SiteInput(docs, languages=languages, types=types,
                    gold_name=str(annotations_dir) if annotations_dir else "annotations/")
    if predictions_path is not None:
        by_id = {d.id: d for d in docs}
        tested = gold_ids(root)  # the test set (as bench evaluate has it): what predictions cover
        corpus = [by_id.get(d_id) or read_document(d_id, root, annotations_dir) for d_id in all_ids if d_id in tested]
        assert schema is not None
        by_doc = read_site_predictions(predictions_path, corpus, schema)
        inp.predictions = {d.id: predicted_doc(d, by_doc.get(d.id, [])) for d in docs}
    if compare is not None:
        dir_a, dir_b = compare
        for d in (dir_a, dir_b):
            if not d.is_dir():
                raise InputError(str(d), 0, "not a directory of .ann files")
        inp.pass_names = (str(dir_a), str(dir_b))
        inp.passes = {}
        for d in docs:
            if (dir_a / f"{d.id}.ann").exists() or (dir_b / f"{d.id}.ann").exists():
                inp.passes[d.id] = (read_document(d.id, root, dir_a), read_document(d.id, root, dir_b))
    if results_path is not None:
        from citydiplo.reports.leaderboard import read_results_file

        try:
            inp.results = json.loads(results_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise InputError(str(results_path), 0, f"cannot read results JSON: {str(exc)[:200]}") from None
        read_results_file(results_path)  # a results file of `bench evaluate --out`, not any JSON
    return inp


def is_site(directory: Path) -> bool:
    """An existing folder ``bench view`` may replace: empty, or only the pages of a site."""
    return all(p.is_file() and not p.is_symlink() and p.suffix == ".html" for p in Path(directory).iterdir())


def write_site(out: Path, files: dict[str, str]) -> list[Path]:
    """Write the whole site as one swap into ``out`` (``citydiplo.files.replace_tree``):
    a reader never sees half a site, and no page lands outside ``out``."""
    from citydiplo.files import replace_tree

    out = Path(out)
    if not out.parent.exists():
        out.parent.mkdir(parents=True)
    replace_tree(out, files, is_site, what="site")
    return [out / name for name in sorted(files)]


def make_site(root: Path, out: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
              results_path: Optional[Path] = None, predictions_path: Optional[Path] = None,
              compare: Optional[tuple[Path, Path]] = None) -> list[Path]:
    """Read, render and write the site; return the written paths."""
    inp = load_site_input(root, doc_ids, annotations_dir, results_path, predictions_path, compare)
    return write_site(out, site_pages(inp))
