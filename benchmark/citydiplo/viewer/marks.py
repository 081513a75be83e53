"""Document text as HTML with nested, possibly crossing, highlighted spans.

Every piece of text and every attribute value goes through ``html.escape``; the results
are ``Markup`` so the templates insert them as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import escape
from typing import Iterable, Optional, Sequence
from urllib.parse import quote

from markupsafe import Markup

from citydiplo.formats.model import Document, EntityMention, EventMention, sentence_id

RTL_LANGUAGES = frozenset({"fa", "ar", "he", "ur", "ps"})
NORM_URLS = {
    "GeoNames": "https://www.geonames.org/{}",
    "ISO3166": "https://www.iso.org/obp/ui/#iso:code:3166:{}",
}


def text_dir(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def bdi(text: str, language: str) -> Markup:
    """A snippet of document text inside UI text, isolated for bidi."""
    return Markup(f'<bdi lang="{escape(language)}" dir="{text_dir(language)}">{escape(text)}</bdi>')


def css_token(value: str) -> str:
    """A class-name-safe form of a label (labels in predictions may be anything)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value) or "_"


def url_quote(value: str) -> str:
    """A document id or file name as a relative URL."""
    return quote(value)


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


def render_marks(text: str, marks: Iterable[Mark]) -> Markup:
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
    return Markup("".join(out))


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


def norm_url(db: Optional[str], db_id: Optional[str]) -> Optional[str]:
    """The public page of a normalisation id, where its database has one."""
    url = NORM_URLS.get(db or "")
    return url.format(quote(db_id or "", safe="")) if url and db_id else None


def links_of(doc: Document, prefix: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
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


CLUSTER_COLOURS = 8
"""Clusters of two or more mentions cycle through this many underline colours (``cc0``...)."""


def cluster_marks(doc: Document, prefix: str = "") -> dict[str, tuple[tuple[str, ...], str, str]]:
    """For each mention of a cluster of two or more mentions (GUIDELINES 3.1): its classes
    (``coref`` and a colour ``cc<k>`` its cluster's mentions share), the link id that
    highlights them together on hover (``prefix`` + cluster id) and the tooltip note."""
    out: dict[str, tuple[tuple[str, ...], str, str]] = {}
    multi = [c for c in doc.clusters if len(c.mentions) > 1]
    for k, c in enumerate(multi):
        note = f"cluster {c.id} ({len(c.mentions)} mentions{', ' + c.norm if c.norm else ''})"
        for ref in c.mentions:
            out[ref] = (("coref", f"cc{k % CLUSTER_COLOURS}"), prefix + c.id, note)
    return out


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
               labels: Optional[dict[str, str]] = None, own: bool = False) -> list[Mark]:
    """Marks for every entity (both levels), ITEM span and event trigger of a document.

    ``classes``/``labels`` add per-annotation-id classes and labels (used by the
    comparison view to flag disagreements); ``prefix`` keeps link ids unique per pane;
    ``own`` adds each entity's and ITEM's own id to its links (the versions page, where an
    id is the alignment id: pointing at ``T12`` in one version lights ``T12`` in all).
    """
    classes = dict(classes or {})
    labels = labels or {}
    links, roles = links_of(doc, prefix)
    for ref, (extra, link, note) in cluster_marks(doc, prefix).items():
        classes[ref] = classes.get(ref, ()) + extra
        links.setdefault(ref, []).append(link)
        roles.setdefault(ref, []).insert(0, note)
    if own:
        for ident in [e.id for e in doc.entities] + [t.id for t in doc.items]:
            links[ident] = [prefix + ident, *links.get(ident, [])]
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


def sentence_marks(doc: Document) -> list[Mark]:
    """One mark per sentence, outermost, carrying its id (``000-lv-002``, as in predictions files)."""
    return [Mark(s.start, s.end, ("sent",), (("data-sentence", sentence_id(doc.id, i)), ("data-n", str(i)),
                                             ("title", sentence_id(doc.id, i))), priority=-1)
            for i, s in enumerate(doc.meta.sentences, 1)]


def sentence_block(doc: Document, index: int, marks: Sequence[Mark]) -> Markup:
    """Sentence ``index`` (0-based) of a document with the marks that fall in it (clipped to
    it, offsets moved to the sentence), wrapped in its sentence mark: what one cell of the
    versions page shows."""
    s = doc.meta.sentences[index]
    inside = [replace(m, start=max(m.start, s.start) - s.start, end=min(m.end, s.end) - s.start)
              for m in marks if m.start < s.end and m.end > s.start]
    ident = sentence_id(doc.id, index + 1)
    return Markup(f'<span class="sent" data-sentence="{escape(ident)}" data-n="{index + 1}" title="{escape(ident)}">'
                  f'{render_marks(doc.text[s.start:s.end], inside)}</span>')


def text_block(doc: Document, marks: Iterable[Mark]) -> Markup:
    """The document text with its marks and sentence ids, in the document's language and direction."""
    return Markup(f'<div class="text" lang="{escape(doc.language)}" dir="{text_dir(doc.language)}" '
                  f'data-doc="{escape(doc.id)}">{render_marks(doc.text, list(marks) + sentence_marks(doc))}</div>')
