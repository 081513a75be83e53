"""Classify predicted mentions against gold ones, as a pure function.

Used by ``bench view --predictions`` (a system's errors) and ``bench view --compare`` (two
annotation passes, one read as the reference). Each layer has its own classes:
mentions (below, and ``classify_level`` for "right span, other level" on nested
entities), linking (``classify_links``), event arguments (``classify_arguments``) and
relations (``classify_relations``); ``confusion`` counts gold × predicted labels. A mention is ``(start, end, label)`` in any
unit (character offsets here); the categories are, for each predicted mention:

* ``correct``: a gold mention has the same span and the same label;
* ``wrong_type``: a gold mention has the same span, none the same label;
* ``wrong_boundary``: no gold mention has the same span, but one overlaps it;
* ``spurious``: no gold mention overlaps it;

and, for each gold mention that no predicted mention overlaps, ``missed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

Span = tuple[int, int, str]

CORRECT = "correct"
WRONG_TYPE = "wrong_type"
WRONG_BOUNDARY = "wrong_boundary"
SPURIOUS = "spurious"
MISSED = "missed"
CATEGORIES = (CORRECT, WRONG_TYPE, WRONG_BOUNDARY, SPURIOUS, MISSED)


@dataclass(frozen=True)
class Judgement:
    """One mention's verdict: its span and label, and the gold mentions that decided it.

    For ``missed`` the span and label are the gold mention's own and ``gold`` holds it.
    """

    category: str
    start: int
    end: int
    label: str
    gold: tuple[Span, ...] = ()

    @property
    def predicted(self) -> bool:
        return self.category != MISSED


def overlaps(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Two [start, end) spans share at least one position."""
    return a[0] < b[1] and b[0] < a[1]


def classify(gold: Iterable[Span], predicted: Iterable[Span]) -> list[Judgement]:
    """Judge every predicted mention and list the missed gold ones, ordered by position.

    Duplicate mentions count once on each side.
    """
    gold_list = sorted(set(gold))
    pred_list = sorted(set(predicted))
    gold_set = set(gold_list)
    out = []
    for p in pred_list:
        same_span = tuple(g for g in gold_list if (g[0], g[1]) == (p[0], p[1]))
        if p in gold_set:
            out.append(Judgement(CORRECT, p[0], p[1], p[2], (p,)))
        elif same_span:
            out.append(Judgement(WRONG_TYPE, p[0], p[1], p[2], same_span))
        else:
            over = tuple(g for g in gold_list if overlaps(g, p))
            out.append(Judgement(WRONG_BOUNDARY if over else SPURIOUS, p[0], p[1], p[2], over))
    for g in gold_list:
        if not any(overlaps(g, p) for p in pred_list):
            out.append(Judgement(MISSED, g[0], g[1], g[2], (g,)))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(out, key=lambda j: (j.start, j.end, order[j.category], j.label))


def confusion(gold: Iterable[Span], predicted: Iterable[Span], none: str = "—") -> dict[tuple[str, str], int]:
    """Gold label × predicted label over mentions with the same span (``none`` where one side
    has no mention with that span): ``{(gold_label, predicted_label): count}``.

    Positions may be any comparable keys (e.g. a trigger span and an argument span, for
    argument roles). Exact matches land on the diagonal, wrong types off it; a predicted span no gold
    mention has is counted as ``(none, label)``, a gold one nothing predicted as ``(label, none)``.
    """
    gold_by_span: dict[tuple[int, int], set[str]] = {}
    pred_by_span: dict[tuple[int, int], set[str]] = {}
    for s, e, label in set(gold):
        gold_by_span.setdefault((s, e), set()).add(label)
    for s, e, label in set(predicted):
        pred_by_span.setdefault((s, e), set()).add(label)
    out: dict[tuple[str, str], int] = {}

    def add(key: tuple[str, str]) -> None:
        out[key] = out.get(key, 0) + 1

    for span in sorted(set(gold_by_span) | set(pred_by_span)):
        g, p = gold_by_span.get(span, set()), pred_by_span.get(span, set())
        for label in sorted(g & p):
            add((label, label))
        g_rest, p_rest = sorted(g - p), sorted(p - g)
        for gl, pl in zip(g_rest, p_rest):
            add((gl, pl))
        for gl in g_rest[len(p_rest):]:
            add((gl, none))
        for pl in p_rest[len(g_rest):]:
            add((none, pl))
    return out


# --------------------------------------------------------------------------- nested levels

OTHER_LEVEL = "other_level"
LEVEL_CATEGORIES = (CORRECT, WRONG_TYPE, WRONG_BOUNDARY, OTHER_LEVEL, SPURIOUS, MISSED)


def classify_level(gold: Iterable[Span], gold_other_level: Iterable[Span], predicted: Iterable[Span]) -> list[Judgement]:
    """``classify`` for one level of nested entities, with "right span, other level" apart.

    A predicted mention that is not correct on its own level but has exactly the span of a
    gold mention of the *other* level (e.g. the outer prediction "Daugavpils" where the gold
    has "Daugavpils" only as the inner CITY of an ORG) is ``other_level``, its ``gold`` the
    other-level mentions with that span. A gold mention is ``missed`` when no prediction
    other than those overlaps it (the ORG above is missed, not "boundary").
    """
    gold_list = sorted(set(gold))
    other_by_span: dict[tuple[int, int], list[Span]] = {}
    for g in sorted(set(gold_other_level)):
        other_by_span.setdefault((g[0], g[1]), []).append(g)
    out = []
    explained = []
    for j in classify(gold_list, predicted):
        if j.category == MISSED:
            continue
        other = other_by_span.get((j.start, j.end))
        if j.category != CORRECT and other and j.category != WRONG_TYPE:
            out.append(Judgement(OTHER_LEVEL, j.start, j.end, j.label, tuple(other)))
        else:
            out.append(j)
            explained.append((j.start, j.end))
    for g in gold_list:
        if not any(overlaps(g, p) for p in explained):
            out.append(Judgement(MISSED, g[0], g[1], g[2], (g,)))
    order = {c: i for i, c in enumerate(LEVEL_CATEGORIES)}
    return sorted(out, key=lambda j: (j.start, j.end, order[j.category], j.label))


def summarize_as(judgements: Iterable[Any], categories: Sequence[str]) -> dict[str, int]:
    """Counts per category of any judgements with a ``category``, every one of ``categories`` present."""
    counts = dict.fromkeys(categories, 0)
    for j in judgements:
        counts[j.category] += 1
    return counts


# --------------------------------------------------------------------------- linking

LINKED = "linked"
WRONG_ID = "wrong_id"
NO_ID = "no_id"
SPURIOUS_ID = "spurious_id"
LINK_CATEGORIES = (LINKED, WRONG_ID, NO_ID, SPURIOUS_ID)

Linked = tuple[int, int, str, Optional[str]]  # start, end, type, normalisation id ("GeoNames:460413") or None


@dataclass(frozen=True)
class LinkJudgement:
    """The normalisation of one rightly found mention (same span and type as a gold one)."""

    category: str
    start: int
    end: int
    label: str
    gold_id: Optional[str]
    predicted_id: Optional[str]


def classify_links(gold: Iterable[Linked], predicted: Iterable[Linked]) -> list[LinkJudgement]:
    """Judge the ids of the predicted mentions that match a gold mention (span and type).

    ``linked``: the same id; ``wrong_id``: both have an id, different ones; ``no_id``: the
    gold has an id the prediction lacks; ``spurious_id``: an id where the gold has none.
    Mentions that are themselves wrong are the entity layer's business, not linking's;
    a matched mention without an id on either side is not judged.
    """
    gold_ids = {(s, e, t): i for s, e, t, i in gold}
    out = []
    for s, e, t, pid in sorted(set(predicted), key=lambda x: (x[0], x[1], x[2], x[3] or "")):
        if (s, e, t) not in gold_ids:
            continue
        gid = gold_ids[(s, e, t)]
        if gid is None and pid is None:
            continue
        category = (LINKED if gid == pid else NO_ID if pid is None else SPURIOUS_ID if gid is None else WRONG_ID)
        out.append(LinkJudgement(category, s, e, t, gid, pid))
    return out


# --------------------------------------------------------------------------- arguments

WRONG_ROLE = "wrong_role"
WRONG_TRIGGER = "wrong_trigger"
ARGUMENT_CATEGORIES = (CORRECT, WRONG_ROLE, WRONG_TRIGGER, SPURIOUS, MISSED)

ArgEvent = tuple[int, int, str, tuple[tuple[str, int, int], ...]]  # trigger start, end, type, (role, start, end)


@dataclass(frozen=True)
class ArgJudgement:
    """One argument's verdict: the trigger it hangs on (predicted, or gold for ``missed``),
    its role and span, and the gold role / trigger that decided it (when there is one)."""

    category: str
    trigger: tuple[int, int]
    event_type: str
    role: str
    start: int
    end: int
    gold_role: Optional[str] = None
    gold_trigger: Optional[tuple[int, int]] = None


def classify_arguments(gold: Iterable[ArgEvent], predicted: Iterable[ArgEvent]) -> list[ArgJudgement]:
    """Judge every predicted argument and list the gold arguments nothing found.

    A predicted event is paired with the gold events that have its trigger span (trigger
    identification, as the attached argument scores pair them). A predicted argument is
    ``correct`` when a paired gold event has it with the same span and role, ``wrong_role``
    when one has that span in another role, ``wrong_trigger`` when only a gold event the
    prediction is not paired with has that span as an argument (attached to the wrong
    trigger), else ``spurious``. Events with the same trigger span and type are one event
    (duplicates count once, as in the scorer). A gold argument is ``missed`` when no predicted event
    paired with its event has an argument with its span.
    """
    def merged(events: Iterable[ArgEvent]) -> list[ArgEvent]:  # one event per trigger span and type
        by_key: dict[tuple[int, int, str], set] = {}
        for t0, t1, etype, arguments in events:
            by_key.setdefault((t0, t1, etype), set()).update(arguments)
        return sorted((t0, t1, etype, tuple(sorted(a))) for (t0, t1, etype), a in by_key.items())

    gold_events = merged(gold)
    pred_events = merged(predicted)
    gold_by_trigger: dict[tuple[int, int], list[ArgEvent]] = {}
    for g in gold_events:
        gold_by_trigger.setdefault((g[0], g[1]), []).append(g)
    out: list[ArgJudgement] = []
    for p in pred_events:
        trigger = (p[0], p[1])
        paired = gold_by_trigger.get(trigger, [])
        for role, s, e in sorted(set(p[3]), key=lambda a: (a[1], a[2], a[0])):
            roles = {r for g in paired for r, gs, ge in g[3] if (gs, ge) == (s, e)}
            if role in roles:
                out.append(ArgJudgement(CORRECT, trigger, p[2], role, s, e, role, trigger))
                continue
            if roles:
                out.append(ArgJudgement(WRONG_ROLE, trigger, p[2], role, s, e, "/".join(sorted(roles)), trigger))
                continue
            elsewhere = [(g, r) for g in gold_events if (g[0], g[1]) != trigger for r, gs, ge in g[3] if (gs, ge) == (s, e)]
            if elsewhere:
                g, r = elsewhere[0]
                out.append(ArgJudgement(WRONG_TRIGGER, trigger, p[2], role, s, e, r, (g[0], g[1])))
            else:
                out.append(ArgJudgement(SPURIOUS, trigger, p[2], role, s, e))
    pred_spans: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for p in pred_events:
        pred_spans.setdefault((p[0], p[1]), set()).update((s, e) for _, s, e in p[3])
    for g in gold_events:
        found = pred_spans.get((g[0], g[1]), set())
        for role, s, e in sorted(set(g[3]), key=lambda a: (a[1], a[2], a[0])):
            if (s, e) not in found:
                out.append(ArgJudgement(MISSED, (g[0], g[1]), g[2], role, s, e, role, (g[0], g[1])))
    order = {c: i for i, c in enumerate(ARGUMENT_CATEGORIES)}
    return sorted(out, key=lambda j: (j.trigger, j.start, j.end, order[j.category], j.role))


# --------------------------------------------------------------------------- relations

WRONG_STATUS = "wrong_status"
RELATION_CATEGORIES = (CORRECT, WRONG_STATUS, SPURIOUS, MISSED)

Rel = tuple[tuple[int, int], tuple[int, int], Optional[str]]  # the two argument spans (any order), status


@dataclass(frozen=True)
class RelJudgement:
    """One relation's verdict: its argument spans (in text order), status, and the gold status."""

    category: str
    arg1: tuple[int, int]
    arg2: tuple[int, int]
    status: Optional[str]
    gold_status: Optional[str] = None


def classify_relations(gold: Iterable[Rel], predicted: Iterable[Rel]) -> list[RelJudgement]:
    """Judge PARTNER_OF relations as unordered pairs of argument spans (as the scorer does).

    ``correct``: the gold has the pair with the same status; ``wrong_status``: the pair
    with another status; ``spurious``: the gold lacks the pair; ``missed``: a gold pair no
    prediction has.
    """
    def key(r: Rel) -> tuple[tuple[int, int], tuple[int, int]]:
        a, b = sorted(((r[0][0], r[0][1]), (r[1][0], r[1][1])))
        return a, b

    gold_status: dict[tuple, set] = {}
    for r in gold:
        gold_status.setdefault(key(r), set()).add(r[2])
    pred_pairs = {(key(r), r[2]) for r in predicted}
    out = []
    for (a, b), status in sorted(pred_pairs, key=lambda x: (x[0], x[1] or "")):
        statuses = gold_status.get((a, b))
        if statuses is None:
            out.append(RelJudgement(SPURIOUS, a, b, status))
        elif status in statuses:
            out.append(RelJudgement(CORRECT, a, b, status, status))
        else:
            out.append(RelJudgement(WRONG_STATUS, a, b, status, "/".join(sorted(s or "none" for s in statuses))))
    found = {pair for pair, _ in pred_pairs}
    for (a, b), statuses in sorted(gold_status.items()):
        if (a, b) not in found:
            for s in sorted(statuses, key=lambda x: x or ""):
                out.append(RelJudgement(MISSED, a, b, s, s))
    order = {c: i for i, c in enumerate(RELATION_CATEGORIES)}
    return sorted(out, key=lambda j: (j.arg1, j.arg2, order[j.category]))
