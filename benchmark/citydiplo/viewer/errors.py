"""What the errors pages show of a document's judged predictions (``DocErrors``): marks
in the text, one table row per error with its sentence id, the predicted events with
their arguments' classes, and confusion matrices. No judging here: that is
``citydiplo.scoring.doc_errors``; this module only describes verdicts for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from citydiplo.formats.model import Document
from citydiplo.scoring.doc_errors import LAYERS, DocErrors, PredictedDoc, sentence_of_offset
from citydiplo.scoring.error_analysis import (
    CORRECT,
    LINKED,
    MISSED,
    NO_ID,
    OTHER_LEVEL,
    SPURIOUS,
    SPURIOUS_ID,
    WRONG_BOUNDARY,
    WRONG_ID,
    WRONG_ROLE,
    WRONG_STATUS,
    WRONG_TRIGGER,
    WRONG_TYPE,
    Judgement,
    confusion,
)
from citydiplo.text import quote
from citydiplo.viewer.marks import Mark

CLASS_NAMES = {
    CORRECT: "correct", WRONG_TYPE: "wrong type", WRONG_BOUNDARY: "wrong boundary",
    OTHER_LEVEL: "right span, other level", SPURIOUS: "spurious", MISSED: "missed",
    LINKED: "right id", WRONG_ID: "wrong id", NO_ID: "no id", SPURIOUS_ID: "id where gold has none",
    WRONG_ROLE: "wrong role", WRONG_TRIGGER: "wrong trigger", WRONG_STATUS: "wrong status",
}
LAYER_NAMES = {"entities": "entities (outer)", "inner": "entities (inner)", "linking": "linking",
               "triggers": "triggers", "arguments": "arguments", "relations": "PARTNER_OF"}
NOT_ERRORS = frozenset({CORRECT, LINKED})


@dataclass(frozen=True)
class ErrorRow:
    """One verdict as a table row: where (sentence id, offset), which layer and class, the
    type (or role) it concerns, the text, what was predicted and what the gold has."""

    doc_id: str
    language: str
    sentence: str
    start: int
    layer: str
    category: str
    type: str
    text: str
    predicted: str
    gold: str

    @property
    def is_error(self) -> bool:
        return self.category not in NOT_ERRORS


def _mention_rows(doc: Document, layer: str, judged: Iterable[Judgement]) -> list[ErrorRow]:
    other = "inner" if layer == "entities" else "outer"
    rows = []
    for j in judged:
        if j.category == OTHER_LEVEL:
            gold = "; ".join(f"{other} {g[2]} {quote(doc.text[g[0]:g[1]])}" for g in j.gold)
        elif j.category == MISSED:
            gold = j.label
        else:
            gold = "; ".join(f"{g[2]} {quote(doc.text[g[0]:g[1]])}" for g in j.gold)
        rows.append(ErrorRow(doc.id, doc.language, sentence_of_offset(doc, j.start), j.start, layer, j.category,
                             j.label, doc.text[j.start:j.end], "" if j.category == MISSED else j.label, gold))
    return rows


def error_rows(doc: Document, errors: DocErrors, include_correct: bool = False) -> list[ErrorRow]:
    """Every verdict of every judged layer (errors only unless ``include_correct``), in text order."""
    rows: list[ErrorRow] = []
    layers = errors.layers()
    for layer in ("entities", "inner", "triggers"):
        if layer in layers:
            rows += _mention_rows(doc, layer, layers[layer])
    for j in layers.get("linking", ()):
        rows.append(ErrorRow(doc.id, doc.language, sentence_of_offset(doc, j.start), j.start, "linking", j.category,
                             j.label, doc.text[j.start:j.end], j.predicted_id or "none", j.gold_id or "none"))
    for a in layers.get("arguments", ()):
        trigger = quote(doc.text[a.trigger[0]:a.trigger[1]])
        gold_trigger = quote(doc.text[a.gold_trigger[0]:a.gold_trigger[1]]) if a.gold_trigger else ""
        predicted = "" if a.category == MISSED else f"{a.role} of {a.event_type} {trigger}"
        gold = f"{a.gold_role} of {gold_trigger}" if a.gold_role else ""
        rows.append(ErrorRow(doc.id, doc.language, sentence_of_offset(doc, a.start), a.start, "arguments",
                             a.category, a.role, doc.text[a.start:a.end], predicted, gold))
    for r in layers.get("relations", ()):
        text = f"{quote(doc.text[r.arg1[0]:r.arg1[1]])} ⇄ {quote(doc.text[r.arg2[0]:r.arg2[1]])}"
        rows.append(ErrorRow(doc.id, doc.language, sentence_of_offset(doc, r.arg1[0]), r.arg1[0], "relations",
                             r.category, "PARTNER_OF", text, "" if r.category == MISSED else (r.status or "none"),
                             r.gold_status or ""))
    order = {name: i for i, name in enumerate(LAYERS)}
    rows.sort(key=lambda r: (r.start, order[r.layer]))
    return [r for r in rows if include_correct or r.is_error]


def mention_label(j: Judgement) -> str:
    if j.category == CORRECT:
        return ""
    if j.category == WRONG_TYPE:
        return f"{j.label}≠{'/'.join(g[2] for g in j.gold)}"
    if j.category == WRONG_BOUNDARY:
        return f"{j.label} boundary"
    if j.category == OTHER_LEVEL:
        return f"{j.label} other level"
    if j.category == SPURIOUS:
        return f"{j.label} spurious"
    return f"missed {j.label}"


def event_key(trigger: tuple[int, int]) -> str:
    """The link id of a (predicted or gold) trigger span: hovering it lights its arguments."""
    return f"ev{trigger[0]}-{trigger[1]}"


def error_marks(errors: DocErrors) -> list[Mark]:
    """Marks for every judged entity (both levels), trigger and argument."""
    layers = errors.layers()
    links = {(j.start, j.end, j.label): j for j in layers.get("linking", ())}
    marks = []
    for layer, kind, level, priority in (("entities", "entity", 1, 1), ("inner", "entity", 2, 2),
                                         ("triggers", "trigger", 0, 5)):
        for j in layers.get(layer, ()):
            gold = "; ".join(f"{g[2]} [{g[0]},{g[1]})" for g in j.gold)
            title = (f"{CLASS_NAMES[j.category]}: {'gold' if j.category == MISSED else 'predicted'} {j.label}"
                     + (f" · gold {gold}" if gold and j.category != MISSED else ""))
            attrs: list[tuple[str, str]] = [("data-kind", kind), ("data-type", j.label)]
            if level:
                attrs.append(("data-level", str(level)))
            attrs += [("data-layer", layer), ("data-error", j.category), ("data-start", str(j.start)),
                      ("data-end", str(j.end)), ("data-label", mention_label(j))]
            classes: tuple[str, ...] = ("m", "err", "ent" if kind == "entity" else "trig", f"t-{j.label}",
                                        f"e-{j.category}")
            if level == 2:
                classes += ("l2",)
            link = links.get((j.start, j.end, j.label)) if j.category == CORRECT and kind == "entity" else None
            if link is not None:
                attrs.append(("data-link-error", link.category))
                classes += (f"n-{link.category}",)
                title += f" · {CLASS_NAMES[link.category]}: predicted {link.predicted_id or 'none'}, " \
                         f"gold {link.gold_id or 'none'}"
            if kind == "trigger":
                attrs.append(("data-links", event_key((j.start, j.end))))
            if gold:
                attrs.append(("data-gold", gold))
            attrs.append(("title", title))
            marks.append(Mark(j.start, j.end, classes, tuple(attrs), priority=priority))
    for a in layers.get("arguments", ()):
        arg_attrs = (("data-kind", "argument"), ("data-type", a.role), ("data-layer", "arguments"),
                 ("data-error", a.category), ("data-start", str(a.start)), ("data-end", str(a.end)),
                 ("data-label", a.role if a.category == CORRECT else f"{a.role}: {CLASS_NAMES[a.category]}"),
                 ("data-links", event_key(a.trigger)),
                 ("title", f"argument {CLASS_NAMES[a.category]}: {a.role} of {a.event_type} "
                           f"[{a.trigger[0]},{a.trigger[1]})" + (f" · gold {a.gold_role}" if a.gold_role else "")))
        marks.append(Mark(a.start, a.end, ("m", "arg", f"a-{a.category}"), arg_attrs, priority=4))
    return marks


@dataclass(frozen=True)
class EventView:
    """A predicted event (or a gold one nothing predicted) with its arguments' verdicts."""

    key: str
    type: str
    trigger: str
    category: str
    arguments: tuple[tuple[str, str, str], ...]  # role, text, class


def event_views(doc: Document, pred: PredictedDoc, errors: DocErrors) -> list[EventView]:
    """Per predicted event: its trigger's class and its arguments (missed ones too)."""
    if errors.triggers is None:
        return []
    trig = {(j.start, j.end, j.label): j.category for j in errors.triggers}
    by_trigger: dict[tuple[int, int], list] = {}
    for a in errors.arguments or ():
        by_trigger.setdefault(a.trigger, []).append(a)
    views = []
    seen = set()
    for ev in sorted(pred.events or (), key=lambda e: (e.start, e.end, e.type)):
        if (ev.start, ev.end, ev.type) in seen:
            continue
        seen.add((ev.start, ev.end, ev.type))
        args = tuple((a.role, doc.text[a.start:a.end], a.category) for a in by_trigger.get((ev.start, ev.end), ())
                     if a.category == MISSED or a.event_type == ev.type)
        views.append(EventView(event_key((ev.start, ev.end)), ev.type, doc.text[ev.start:ev.end],
                               trig.get((ev.start, ev.end, ev.type), SPURIOUS), args))
    for j in errors.triggers:
        if j.category == MISSED:
            args = tuple((a.role, doc.text[a.start:a.end], a.category) for a in by_trigger.get((j.start, j.end), ()))
            views.append(EventView(event_key((j.start, j.end)), j.label, doc.text[j.start:j.end], MISSED, args))
    return views


def layer_spans(doc: Document, pred: PredictedDoc, layer: str) -> Optional[tuple[list, list]]:
    """Gold and predicted (position, position, label) items of a layer for a confusion matrix;
    None when the layer was not predicted. Arguments are keyed by trigger span and argument
    span, labelled with their role (so the matrix is gold role × predicted role)."""
    if layer in ("entities", "inner"):
        spans = pred.entities if layer == "entities" else pred.inner
        if spans is None:
            return None
        level = 1 if layer == "entities" else 2
        return [(e.start, e.end, e.type) for e in doc.entities if (e.level == 1) == (level == 1)], list(spans)
    if pred.events is None:
        return None
    if layer == "triggers":
        return [(ev.start, ev.end, ev.type) for ev in doc.events], [(ev.start, ev.end, ev.type) for ev in pred.events]
    gold = [((ev.start, ev.end), (a.start, a.end), a.role) for ev in doc.events for a in ev.arguments]
    predicted = [((ev.start, ev.end), (s, e), role) for ev in pred.events for role, s, e in ev.arguments]
    return gold, predicted


CONFUSION_LAYERS = (("entities", "Entities (outer)"), ("inner", "Entities (inner)"), ("triggers", "Triggers"),
                    ("arguments", "Argument roles"))


def confusion_of(docs_errors: Iterable[tuple[Document, PredictedDoc]], layer: str) -> Optional[dict]:
    """Gold × predicted label counts over documents for ``entities`` (outer), ``inner``,
    ``triggers`` or ``arguments`` (roles, same trigger and argument span); None when no
    document has that layer predicted."""
    total: dict[tuple[str, str], int] = {}
    any_predicted = False
    for doc, pred in docs_errors:
        found = layer_spans(doc, pred, layer)
        if found is None:
            continue
        any_predicted = True
        for key, n in confusion(*found).items():
            total[key] = total.get(key, 0) + n
    return total if any_predicted else None
