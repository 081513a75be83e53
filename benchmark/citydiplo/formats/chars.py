"""The ``chars`` prediction format: one record per document in character offsets, and
its conversion to the per-sentence token ``Prediction`` objects the scorer takes.

A record (see ``chars.schema.json``)::

    {"doc_id": "000-lv",
     "entities": [{"start": 0, "end": 10, "type": "CITY", "level": 1, "norm": "GeoNames:460413"}],
     "events": [{"type": "MEET", "trigger": {"start": 52, "end": 58}, "realis": "ACTUAL",
                 "arguments": [{"role": "Participant", "start": 0, "end": 10}]}],
     "relations": [{"arg1": {"start": 0, "end": 10}, "arg2": {"start": 80, "end": 88},
                    "status": "ESTABLISHED"}]}

Offsets are ``[start, end)`` into the document text as ``citydiplo.load("documents")``
gives it. ``brat`` files and ``strings`` records are turned into such records first
(``ann_to_chars``, ``citydiplo.formats.strings``), so every format is scored the same way.

**The snapping rule.** A span belongs to the sentence that holds its first character (a
span starting between two sentences: the next one). It becomes the tokens of that
sentence it overlaps, i.e. it grows outwards to the nearest token boundaries. A span that
was not already on token boundaries counts as *misaligned*; one that runs past its
sentence's end is cut there and counts as *cross-sentence*; one that overlaps no token is
dropped (*empty*). An event argument outside its trigger's sentence, and a relation whose
ends lie in two sentences, are dropped and counted as cross-sentence (the gold does the
same: its events and relations are sentence-level). Entities without ``level`` get the
gold's rule (1 + the number of other entities that contain them); level 3 and deeper are
not scored (counted as *deep*), as in the gold; an entity that overlaps an earlier one of
its level (after snapping, in order of start, longer first) cannot be written as IOB2 and
is dropped (*overlapping*). All of these are counted in the results' ``input`` block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence

from citydiplo.errors import InputError
from citydiplo.formats.bio import nesting_levels
from citydiplo.formats.model import (
    Annotations,
    Document,
    TokenArgument,
    TokenEvent,
    TokenRelation,
    base_role,
    sentence_id,
)
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.predictions import Prediction, object_list
from citydiplo.formats.tokens import Token, tokenize

ALIGNMENT_COUNTS = ("misaligned", "cross_sentence", "empty", "overlapping", "deep")


@dataclass
class AlignmentReport:
    """How many spans were read, and how many each snapping rule touched."""

    spans: int = 0
    misaligned: int = 0
    cross_sentence: int = 0
    empty: int = 0
    overlapping: int = 0
    deep: int = 0
    examples: list[dict] = field(default_factory=list)

    def note(self, kind: str, doc_id: str, what: str, start: int, end: int) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 20:
            self.examples.append({"doc_id": doc_id, "span": what, "start": start, "end": end, "problem": kind})

    def merge(self, other: "AlignmentReport") -> "AlignmentReport":
        self.spans += other.spans
        for k in ALIGNMENT_COUNTS:
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.examples.extend(other.examples[: max(0, 20 - len(self.examples))])
        return self

    def to_dict(self) -> dict:
        return {"spans": self.spans, **{k: getattr(self, k) for k in ALIGNMENT_COUNTS}, "examples": self.examples}


class _Doc:
    """A document's sentences and their tokens, for snapping."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences = doc.meta.sentences
        self._tokens: dict[int, list[Token]] = {}

    def tokens(self, i: int) -> list[Token]:
        """The tokens of sentence ``i`` (0-based), tokenised on first use."""
        if i not in self._tokens:
            s = self.sentences[i]
            self._tokens[i] = tokenize(self.doc.text[s.start:s.end], s.start)
        return self._tokens[i]

    def sentence_index(self, start: int) -> int | None:
        for i, s in enumerate(self.sentences):
            if start < s.end:
                return i
        return None


class _Converter:
    def __init__(self, doc: Document, inv: Inventory, path: str, lineno: int) -> None:
        self.d = _Doc(doc)
        self.inv, self.path, self.lineno = inv, path, lineno
        self.report = AlignmentReport()
        self.n = len(doc.text)
        self.only: int | None = None

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, self.lineno, f"{self.d.doc.id}: {problem}")

    def offsets(self, value: Any, what: str) -> tuple[int, int]:
        if not isinstance(value, Mapping):
            raise self.fail(f"{what} must be an object with start and end")
        s, e = value.get("start"), value.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
            raise self.fail(f"{what} needs integer start and end character offsets, found {s!r}, {e!r}")
        if not 0 <= s < e <= self.n:
            raise self.fail(f"{what} [{s}, {e}) is outside the document's {self.n} characters")
        return s, e

    def label(self, value: Any, allowed: Sequence[str], what: str) -> str:
        if value not in allowed:
            raise self.fail(f"{what} {value!r} is not one of {', '.join(allowed)}")
        return value

    def optional_label(self, value: Any, allowed: Sequence[str], what: str) -> str | None:
        """``value`` when absent (``None``), else ``label``."""
        return None if value is None else self.label(value, allowed, what)

    def items(self, record: Mapping[str, Any], layer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """``(where, object)`` for each item of the record's ``layer``, which must be a list of objects."""
        for k, item in enumerate(object_list(record[layer], layer, self.fail)):
            yield f"{layer}[{k}]", item

    def snap(self, s: int, e: int, what: str, sentence: int | None = None) -> tuple[int, tuple[int, int]] | None:
        """(sentence index, token span) of a character span, or None when it is dropped."""
        self.report.spans += 1
        i = self.d.sentence_index(s)
        sentence = self.only if sentence is None else sentence
        if i is None:
            self.report.note("empty", self.d.doc.id, what, s, e)
            return None
        if sentence is not None and i != sentence:
            self.report.note("cross_sentence", self.d.doc.id, what, s, e)
            return None
        tokens: list[Token] = self.d.tokens(i)
        inside = [k for k, t in enumerate(tokens) if t.end > s and t.start < e]
        if not inside:
            self.report.note("empty", self.d.doc.id, what, s, e)
            return None
        first, last = inside[0], inside[-1]
        if e > self.d.sentences[i].end:
            self.report.note("cross_sentence", self.d.doc.id, what, s, e)
        elif tokens[first].start != s or tokens[last].end != e:
            self.report.note("misaligned", self.d.doc.id, what, s, e)
        return i, (first, last + 1)


def _layer_lists(preds: list[Prediction], layer: str) -> list[list[Any]]:
    """An empty list per prediction, set as its ``layer`` (events or relations) and returned."""
    lists: list[list[Any]] = [[] for _ in preds]
    for p, items in zip(preds, lists):
        setattr(p, layer, items)
    return lists


def chars_to_predictions(record: Mapping[str, Any], doc: Document, inv: Inventory, path: str = "<chars>",
                         lineno: int = 0, only: int | None = None) -> tuple[list[Prediction], AlignmentReport]:
    """The checked token predictions of every sentence of ``doc`` from one chars record
    (the layers the record leaves out stay ``None``: not predicted). ``only``: the record
    covers sentence ``only`` (0-based) alone; its prediction is the one returned, and a
    span outside that sentence counts as cross-sentence and is dropped."""
    c = _Converter(doc, inv, path, lineno)
    c.only = only
    n_sent = len(c.d.sentences)
    preds = [Prediction(sentence_id(doc.id, i)) for i in range(1, n_sent + 1)]
    if "entities" in record:
        raw = []
        normed: dict[tuple[int, int, str], tuple[str, str]] = {}
        for what, ent in c.items(record, "entities"):
            s, e = c.offsets(ent, what)
            etype = c.label(ent.get("type"), inv.ner_types, f"{what}.type")
            level = ent.get("level")
            if level is not None and (not isinstance(level, int) or isinstance(level, bool) or level < 1):
                raise c.fail(f"{what}.level must be 1 (outer) or 2 (inner), found {level!r}")
            norm = ent.get("norm")
            if norm is not None and not (isinstance(norm, str) and ":" in norm.strip(":")):
                raise c.fail(f"{what}.norm must be an id DB:KEY (GeoNames:460413, ISO3166:LV), found {norm!r}")
            raw.append((s, e, etype, level, norm, what))
            if norm is not None:
                previous = normed.setdefault((s, e, etype), (norm, what))
                if previous[0] != norm:
                    raise c.fail(f"{what}: a second id ({norm}) for the mention [{s}, {e}) {etype}, which "
                                 f"{previous[1]} gives {previous[0]}: give one id per mention")
        levels = nesting_levels([(s, e) for s, e, *_ in raw])
        placed: dict[tuple[int, int], list[tuple[int, int, str, str | None, str, int, int]]] = {}
        for (s, e, etype, level, norm, what), computed in zip(raw, levels):
            level = level if level is not None else computed
            if level > 2:
                c.report.spans += 1
                c.report.note("deep", doc.id, what, s, e)
                continue
            snapped = c.snap(s, e, what)
            if snapped is not None:
                i, (a, b) = snapped
                placed.setdefault((i, level), []).append((a, b, etype, norm, what, s, e))
        for k, p in enumerate(preds):
            if only is None or k == only:
                p.ner_tags, p.ner_tags_inner, p.norm = ["O"] * len(c.d.tokens(k)), ["O"] * len(c.d.tokens(k)), []
        for (i, level), items in placed.items():
            tags = preds[i].ner_tags if level == 1 else preds[i].ner_tags_inner
            norms = preds[i].norm
            assert tags is not None and norms is not None  # set for every sentence just above
            for a, b, etype, norm, what, s, e in sorted(items, key=lambda x: (x[0], -x[1])):
                if any(t != "O" for t in tags[a:b]):
                    c.report.note("overlapping", doc.id, what, s, e)
                    continue
                tags[a:b] = [f"B-{etype}"] + [f"I-{etype}"] * (b - a - 1)
                if norm is not None:
                    norms.append(((a, b), norm))
    if "events" in record:
        events: list[list[TokenEvent]] = _layer_lists(preds, "events")
        for what, ev in c.items(record, "events"):
            etype = c.label(ev.get("type"), tuple(inv.event_roles), f"{what}.type")
            realis = c.optional_label(ev.get("realis"), inv.realis, f"{what}.realis")
            s, e = c.offsets(ev.get("trigger"), f"{what}.trigger")
            raw_args = ev.get("arguments", [])
            if not isinstance(raw_args, list) or not all(isinstance(a, Mapping) for a in raw_args):
                raise c.fail(f"{what}.arguments must be a list of objects")
            checked = []
            for j, arg in enumerate(raw_args):
                role = c.label(arg.get("role"), inv.event_roles[etype], f"{what}.arguments[{j}].role")
                checked.append((role, *c.offsets(arg, f"{what}.arguments[{j}]"), f"{what}.arguments[{j}]"))
            trig = c.snap(s, e, f"{what}.trigger")
            if trig is None:
                continue
            i, span = trig
            args = []
            for role, a_s, a_e, a_what in checked:
                snapped = c.snap(a_s, a_e, a_what, i)
                if snapped is not None:
                    args.append(TokenArgument(role, snapped[1]))
            events[i].append(TokenEvent(etype, span, realis, tuple(args)))
    if "relations" in record:
        relations: list[list[TokenRelation]] = _layer_lists(preds, "relations")
        for what, rel in c.items(record, "relations"):
            rtype = c.label(rel.get("type", inv.default_relation), inv.relations, f"{what}.type")
            status = c.optional_label(rel.get("status"), inv.statuses, f"{what}.status")
            (s1, e1), (s2, e2) = c.offsets(rel.get("arg1"), f"{what}.arg1"), c.offsets(rel.get("arg2"), f"{what}.arg2")
            a1 = c.snap(s1, e1, f"{what}.arg1")
            if a1 is None:
                continue
            a2 = c.snap(s2, e2, f"{what}.arg2", a1[0])
            if a2 is not None:
                relations[a1[0]].append(TokenRelation(rtype, a1[1], a2[1], status))
    return (preds if only is None else [preds[only]]), c.report


def shift_record(record: Mapping[str, Any], offset: int, length: int, path: str = "<chars>", lineno: int = 0,
                 sid: str = "") -> dict:
    """A per-sentence chars record (``id`` and offsets into the sentence, ``length``
    characters) as offsets into the document (the sentence starts at ``offset``). An
    offset outside the sentence is an error; other malformed values are left to
    ``chars_to_predictions`` to report."""

    def move(value: Any, what: str) -> Any:
        if not isinstance(value, Mapping):
            return value
        s, e = value.get("start"), value.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
            return value
        if not 0 <= s < e <= length:
            raise InputError(path, lineno, f"{sid}: {what} [{s}, {e}) is outside the sentence's {length} characters "
                                           "(a record with a sentence 'id' has offsets into the sentence)")
        return {**value, "start": s + offset, "end": e + offset}

    out = dict(record)
    if isinstance(out.get("entities"), list):
        out["entities"] = [move(ent, f"entities[{k}]") for k, ent in enumerate(out["entities"])]
    if isinstance(out.get("events"), list):
        events = []
        for k, ev in enumerate(out["events"]):
            if isinstance(ev, Mapping):
                ev = {**ev, "trigger": move(ev.get("trigger"), f"events[{k}].trigger")}
                if isinstance(ev.get("arguments"), list):
                    ev["arguments"] = [move(a, f"events[{k}].arguments[{j}]") for j, a in enumerate(ev["arguments"])]
            events.append(ev)
        out["events"] = events
    if isinstance(out.get("relations"), list):
        out["relations"] = [{**rel, "arg1": move(rel.get("arg1"), f"relations[{k}].arg1"),
                             "arg2": move(rel.get("arg2"), f"relations[{k}].arg2")} if isinstance(rel, Mapping) else rel
                            for k, rel in enumerate(out["relations"])]
    return out


def ann_to_chars(ann: Annotations, doc: Document, inv: Inventory, path: str = "<ann>",
                 lines: Mapping[str, int] | None = None, check_labels: bool = True) -> dict:
    """A chars record from a brat file over ``doc``'s text: NER text-bounds with their
    normalisations (``N`` lines), events with Realis, PARTNER_OF relations with Status.
    A text-bound whose offsets or surface text do not fit the document, a label outside
    the inventory, a reference to a missing annotation and two ids for one mention are
    errors citing the line of the ``.ann`` file (``lines``: id -> line number, from
    ``citydiplo.formats.brat.ann_line_numbers``)."""
    lines = lines or {}

    def fail(ident: str, problem: str) -> InputError:
        return InputError(path, lines.get(ident, 0), f"{ident}: {problem}")

    def label(ident: str, value: Any, allowed: Sequence[str], what: str) -> None:
        if value not in allowed:
            raise fail(ident, f"{what} {value!r} is not one of {', '.join(allowed)} (annotation.conf)")

    entities, events, relations = [], [], []
    spans = {}
    not_entities = set(inv.event_roles) | set(inv.argument_span_types)  # triggers, free argument spans
    for t in ann.textbounds:
        if not 0 <= t.start < t.end <= len(doc.text):
            raise fail(t.id, f"offsets [{t.start}, {t.end}) are outside {doc.id}'s {len(doc.text)} characters")
        if doc.text[t.start:t.end] != t.text:
            raise fail(t.id, f"text {t.text!r} differs from {doc.id}'s text {doc.text[t.start:t.end]!r} "
                             f"at [{t.start}, {t.end}): is the file over another version of the document?")
        if check_labels and t.type not in not_entities:  # (a label map's labels are checked once mapped)
            label(t.id, t.type, inv.ner_types, "entity type")
        spans[t.id] = {"start": t.start, "end": t.end}
    norms: dict[str, str] = {}
    for n in ann.normalizations:
        if n.target not in spans:
            raise fail(n.id, f"{n.target} is not a text-bound of the file")
        if n.target in norms and norms[n.target] != f"{n.db}:{n.db_id}":
            raise fail(n.id, f"a second id ({n.db}:{n.db_id}) for the mention {n.target}, which already has "
                             f"{norms[n.target]}: give one id per mention")
        norms[n.target] = f"{n.db}:{n.db_id}"
    attrs = {(a.target, a.name): a.value for a in ann.attributes}
    attr_ids = {(a.target, a.name): a.id for a in ann.attributes}
    # triggers and free argument spans (AID items) are not entities; any other type is one, and a
    # type the schema does not know is reported (or mapped by a label map), never dropped silently
    not_entities = set(inv.event_types) | {f for fs in inv.fillers.values() for f in fs if f not in inv.ner_types}
    for t in ann.textbounds:
        if t.type in not_entities:
            continue
        item: dict[str, Any] = {"start": t.start, "end": t.end, "type": t.type}
        if t.id in norms:
            item["norm"] = norms[t.id]
        entities.append(item)
    for e in ann.events:
        label(e.id, e.type, tuple(inv.event_roles), "event type")
        if e.trigger not in spans:
            raise fail(e.id, f"trigger {e.trigger} is not a text-bound of the file")
        args = []
        for role, ref in e.args:
            if ref not in spans:
                raise fail(e.id, f"argument {role}:{ref} is not a text-bound of the file")
            label(e.id, base_role(role), inv.event_roles[e.type], f"{e.type} role")
            args.append({"role": base_role(role), **spans[ref]})
        realis = attrs.get((e.id, "Realis"))
        if realis is not None:
            label(attr_ids[(e.id, "Realis")], realis, inv.realis, "Realis")
        events.append({"type": e.type, "trigger": spans[e.trigger], "realis": realis, "arguments": args})
    for r in ann.relations:
        label(r.id, r.type, inv.relations, "relation type")
        for ref in (r.arg1, r.arg2):
            if ref not in spans:
                raise fail(r.id, f"{ref} is not a text-bound of the file")
        status = attrs.get((r.id, "Status"))
        if status is not None:
            label(attr_ids[(r.id, "Status")], status, inv.statuses, "Status")
        relations.append({"type": r.type, "arg1": spans[r.arg1], "arg2": spans[r.arg2], "status": status})
    return {"doc_id": doc.id, "entities": entities, "events": events, "relations": relations}
