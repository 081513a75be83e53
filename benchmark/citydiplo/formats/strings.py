"""The ``strings`` prediction format: spans given by their surface text, resolved to
character offsets by one documented, deterministic rule.

API (stable; other modules build on it)::

    resolve_strings(record, text, sentences, scope=None, *, path="<strings>", lineno=0)
        -> (chars_record: dict, report: StringsReport)

``record`` is one decoded ``strings`` record: ``{"doc_id": ...}`` for a whole document or
``{"id": "<doc_id>-<nnn>"}`` for one sentence, with any of::

    "entities":  [{"text": "Rīga", "type": "CITY", "level": 1, "norm": "GeoNames:456172"}]
    "events":    [{"type": "MEET", "trigger": "tikās", "realis": "ACTUAL",
                   "arguments": [{"role": "Participant", "text": "Rīgas domes"}]}]
    "relations": [{"arg1": "Rīga", "arg2": "Daugavpils", "status": "ESTABLISHED"}]

``text`` is the whole document text, ``sentences`` its sentences (document offsets) and
``scope`` the part of the text the record covers (``None``: the whole document; a
sentence record passes its sentence). The result is a ``chars`` record (document
character offsets, the layers present in ``record`` and only those) plus a report.

**The resolution rule.** The *occurrences* of a string in a stretch of text are its exact
(case- and whitespace-sensitive) occurrences, overlapping ones included, listed first
those that start and end on token boundaries, then the others, each group in text order.

* Entities, in list order: each takes the next unused occurrence of its text inside the
  scope (the k-th entity with text ``s`` takes the k-th occurrence of ``s``). Triggers do
  the same, counted separately from entities.
* Event arguments are looked up in their trigger's sentence first: the first occurrence
  there; only when there is none, the first occurrence in the scope. Arguments use
  occurrences up (several events share an argument), so they do not consume them.
* Relation ends: the k-th relation between the same two strings (in either order) takes
  the k-th sentence of the scope that holds both (counting round again when there are
  fewer), and in it the first occurrence of each; when no sentence holds both, the first
  occurrence of each in the scope.
* Hint: any span may say which occurrence it means, ``"occurrence": k`` (1-based, in the
  scope's occurrence list above) beside ``"text"``; a trigger or relation end then is an
  object ``{"text": ..., "occurrence": k}`` instead of a plain string. A hinted span is
  resolved exactly (``bench gold-predictions --format strings`` writes hints); an LLM
  may leave them out.

A string with no occurrence (hallucinated, or all its occurrences used up) is
*unresolved*: it is left out of the chars record and listed in the report, with its
reason; an event whose trigger is unresolved is left out with it, and so is a relation
with an unresolved end. A string resolved without a hint while it had more than one
candidate occurrence was a guess: it is counted as *ambiguous*. Nothing is dropped or
matched silently. Types, roles and labels are passed through unchecked (the chars reader
checks them; the file readers check them first, with ``check_string_labels``, so that a
wrong label is an error even when its text is not found); a record of the wrong shape
raises ``InputError`` naming ``path:lineno``, unless the caller passes a ``problems`` list
(the LLM harness reading a model's answer): then each malformed item is left out and its
problem appended there, and the rest of the record is resolved as usual.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence

from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Sentence, parse_sentence_id, sentence_at
from citydiplo.formats.tokens import tokenize

UNRESOLVED_REASONS = ("not_found", "used_up", "bad_hint")


@dataclass
class StringsReport:
    """What resolving strings did: how many spans, how many by hint, the guesses, the failures."""

    spans: int = 0
    hinted: int = 0
    ambiguous: int = 0
    unresolved: list[dict] = field(default_factory=list)

    def merge(self, other: "StringsReport") -> "StringsReport":
        self.spans += other.spans
        self.hinted += other.hinted
        self.ambiguous += other.ambiguous
        self.unresolved.extend(other.unresolved)
        return self

    def to_dict(self, examples: int = 20) -> dict:
        reasons = {r: sum(1 for u in self.unresolved if u["reason"] == r) for r in UNRESOLVED_REASONS}
        return {"spans": self.spans, "hinted": self.hinted, "ambiguous": self.ambiguous,
                "unresolved": len(self.unresolved), "unresolved_by_reason": reasons,
                "unresolved_examples": self.unresolved[:examples]}


class _Text:
    """Occurrence lists of strings inside one document, token boundaries known."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        for s in self.sentences:
            for t in tokenize(text[s.start:s.end], s.start):
                self.starts.add(t.start)
                self.ends.add(t.end)

    def occurrences(self, needle: str, lo: int, hi: int) -> list[int]:
        """Start offsets of ``needle`` in text[lo:hi]: token-aligned first, then the rest."""
        found, at = [], self.text.find(needle, lo, hi)
        while at != -1 and needle:
            found.append(at)
            at = self.text.find(needle, at + 1, hi)
        aligned = [a for a in found if a in self.starts and a + len(needle) in self.ends]
        return aligned + [a for a in found if a not in aligned]

    def sentence_of(self, offset: int) -> Sentence | None:
        index = sentence_at(self.sentences, offset)
        return None if index is None else self.sentences[index]


@lru_cache(maxsize=8)
def _text(text: str, sentences: tuple[Sentence, ...]) -> _Text:
    return _Text(text, sentences)


class _Resolver:
    def __init__(self, doc: _Text, scope: Sentence, path: str, lineno: int, where: str) -> None:
        self.doc, self.scope, self.path, self.lineno, self.where = doc, scope, path, lineno, where
        self.report = StringsReport()
        self.used: dict[tuple[str, str], int] = {}

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, self.lineno, f"{self.where}: {problem}")

    @contextmanager
    def item(self, problems: list[str] | None) -> Iterator[None]:
        """Around one item: with a ``problems`` list, a malformed item is noted there and
        skipped (the ``with`` block ends) instead of raising."""
        try:
            yield
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc.problem.removeprefix(f"{self.where}: "))

    @staticmethod
    def surface(value: Any) -> tuple[Any, Any]:
        """(text, hint) of a span given as a string or as {"text", "occurrence"}."""
        if isinstance(value, Mapping):
            return value.get("text"), value.get("occurrence")
        return value, None

    def check(self, text: Any, hint: Any, what: str) -> str:
        if not isinstance(text, str) or not text:
            raise self.fail(f"{what} must be a non-empty string (the span's surface text), found {text!r}")
        if hint is not None and (not isinstance(hint, int) or isinstance(hint, bool) or hint < 1):
            raise self.fail(f"{what}: occurrence must be a positive integer, found {hint!r}")
        return text

    def unresolved(self, text: str, what: str, reason: str) -> None:
        self.report.unresolved.append({"record": self.where, "span": what, "text": text, "reason": reason})

    def resolve(self, text: str, hint: int | None, what: str, kind: str | None,
                within: Sentence | None = None) -> tuple[int, int] | None:
        """Offsets of one string: ``kind`` names the consuming namespace (None: not consumed);
        ``within``: look in this sentence first."""
        self.report.spans += 1
        scope = self.doc.occurrences(text, self.scope.start, self.scope.end)
        if hint is not None:
            if hint > len(scope):
                self.unresolved(text, what, "bad_hint")
                return None
            self.report.hinted += 1
            at = scope[hint - 1]
            return at, at + len(text)
        if kind is not None:
            k = self.used.get((kind, text), 0)
            if k >= len(scope):
                self.unresolved(text, what, "used_up" if scope else "not_found")
                return None
            self.used[(kind, text)] = k + 1
            self.report.ambiguous += len(scope) > 1
            return scope[k], scope[k] + len(text)
        candidates = self.doc.occurrences(text, within.start, within.end) if within is not None else []
        candidates = candidates or scope
        if not candidates:
            self.unresolved(text, what, "not_found")
            return None
        self.report.ambiguous += len(candidates) > 1
        return candidates[0], candidates[0] + len(text)

    def pair(self, a: tuple[str, Any], b: tuple[str, Any], what: str) -> tuple[tuple[int, int] | None, ...]:
        """Both ends of a relation, in one sentence when one holds both."""
        (ta, ha), (tb, hb) = a, b
        if ha is not None or hb is not None:
            return (self.resolve(ta, ha, f"{what}.arg1", None), self.resolve(tb, hb, f"{what}.arg2", None))
        both = [s for s in self.doc.sentences if self.scope.start <= s.start and s.end <= self.scope.end
                and self.doc.occurrences(ta, s.start, s.end) and self.doc.occurrences(tb, s.start, s.end)]
        if not both:
            return (self.resolve(ta, None, f"{what}.arg1", None), self.resolve(tb, None, f"{what}.arg2", None))
        key = ("relation", "\x00".join(sorted((ta, tb))))
        k = self.used.get(key, 0)
        self.used[key] = k + 1
        sent = both[k % len(both)]
        ends = (self.resolve(ta, None, f"{what}.arg1", None, sent), self.resolve(tb, None, f"{what}.arg2", None, sent))
        if len(both) > 1:
            self.report.ambiguous += 1
        return ends


def _list(value: Any, name: str, r: _Resolver, problems: list[str] | None = None) -> list[tuple[int, Mapping]]:
    """The (index, item) pairs of a list of objects; with ``problems``, a non-list is empty
    and a non-object item left out (each noted) instead of an ``InputError``."""
    with r.item(problems):
        if not isinstance(value, list):
            raise r.fail(f"{name} must be a list")
        kept = []
        for k, item in enumerate(value):
            with r.item(problems):
                if not isinstance(item, Mapping):
                    raise r.fail(f"{name}[{k}] must be an object")
                kept.append((k, item))
        return kept
    return []


def _span(at: tuple[int, int]) -> dict:
    return {"start": at[0], "end": at[1]}


def resolve_strings(record: Mapping[str, Any], text: str, sentences: Sequence[Sentence],
                    scope: Sentence | None = None, *, path: str = "<strings>", lineno: int = 0,
                    problems: list[str] | None = None) -> tuple[dict, StringsReport]:
    """Resolve one ``strings`` record to a ``chars`` record (see the module docstring);
    ``problems``: collect malformed items there instead of raising."""
    where = str(record.get("doc_id") or record.get("id") or "?")
    doc = _text(text, tuple(sentences))
    r = _Resolver(doc, scope or Sentence(0, len(text)), path, lineno, where)
    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str):
        sid = record.get("id")
        doc_id = parse_sentence_id(sid)[0] if isinstance(sid, str) else None
    out: dict[str, Any] = {"doc_id": doc_id}
    if "entities" in record:
        out["entities"] = []
        for k, ent in _list(record["entities"], "entities", r, problems):
            name = f"entities[{k}]"
            with r.item(problems):
                surface = r.check(ent.get("text"), ent.get("occurrence"), f"{name}.text")
                at = r.resolve(surface, ent.get("occurrence"), name, "entity")
                if at is not None:
                    item = {**_span(at), "type": ent.get("type")}
                    item.update({key: ent[key] for key in ("level", "norm") if key in ent})
                    out["entities"].append(item)
    if "events" in record:
        out["events"] = []
        for k, ev in _list(record["events"], "events", r, problems):
            name = f"events[{k}]"
            with r.item(problems):
                trig_text, trig_hint = r.surface(ev.get("trigger"))
                trig_text = r.check(trig_text, trig_hint, f"{name}.trigger")
                trig = r.resolve(trig_text, trig_hint, f"{name}.trigger", "trigger")
                raw_args = _list(ev.get("arguments", []), f"{name}.arguments", r, problems)
                if trig is None:
                    continue
                sent = doc.sentence_of(trig[0])
                args = []
                for j, arg in raw_args:
                    aname = f"{name}.arguments[{j}]"
                    with r.item(problems):
                        surface = r.check(arg.get("text"), arg.get("occurrence"), f"{aname}.text")
                        at = r.resolve(surface, arg.get("occurrence"), aname, None, sent)
                        if at is not None:
                            args.append({"role": arg.get("role"), **_span(at)})
                out["events"].append({"type": ev.get("type"), "trigger": _span(trig), "realis": ev.get("realis"),
                                      "arguments": args})
    if "relations" in record:
        out["relations"] = []
        for k, rel in _list(record["relations"], "relations", r, problems):
            name = f"relations[{k}]"
            with r.item(problems):
                ends = []
                for end in ("arg1", "arg2"):
                    t, h = r.surface(rel.get(end))
                    ends.append((r.check(t, h, f"{name}.{end}"), h))
                a1, a2 = r.pair(ends[0], ends[1], name)
                if a1 is not None and a2 is not None:
                    item = {"arg1": _span(a1), "arg2": _span(a2), "status": rel.get("status")}
                    if "type" in rel:
                        item["type"] = rel["type"]
                    out["relations"].append(item)
    return out, r.report


def check_string_labels(record: Mapping[str, Any], inv: Inventory, path: str = "<strings>",
                        lineno: int = 0) -> None:
    """``InputError`` for a label outside the inventory anywhere in a strings record, checked
    before any string is resolved: a wrong label is an error whether or not its text is
    found in the document (the file readers call it; the LLM harness counts instead)."""
    where = str(record.get("doc_id") or record.get("id") or "?")

    def check(value: Any, allowed: Sequence[str], what: str, optional: bool = False) -> None:
        if (optional and value is None) or value in allowed:
            return
        raise InputError(path, lineno, f"{where}: {what} {value!r} is not one of {', '.join(allowed)}")

    def items(name: str, value: Any) -> list:
        return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []

    for k, ent in enumerate(items("entities", record.get("entities"))):
        check(ent.get("type"), inv.ner_types, f"entities[{k}].type")
    for k, ev in enumerate(items("events", record.get("events"))):
        check(ev.get("type"), tuple(inv.event_roles), f"events[{k}].type")
        check(ev.get("realis"), inv.realis, f"events[{k}].realis", optional=True)
        for j, arg in enumerate(items("arguments", ev.get("arguments"))):
            check(arg.get("role"), inv.event_roles[ev["type"]], f"events[{k}].arguments[{j}].role")
    for k, rel in enumerate(items("relations", record.get("relations"))):
        check(rel.get("type", inv.default_relation), inv.relations, f"relations[{k}].type")
        check(rel.get("status"), inv.statuses, f"relations[{k}].status", optional=True)


def occurrence_hint(text: str, sentences: Sequence[Sentence], start: int, end: int,
                    scope: Sentence | None = None) -> int:
    """The 1-based ``occurrence`` hint that makes ``resolve_strings`` resolve the span
    ``text[start:end]`` to exactly these offsets (what the gold export writes)."""
    scope = scope or Sentence(0, len(text))
    return _text(text, tuple(sentences)).occurrences(text[start:end], scope.start, scope.end).index(start) + 1
