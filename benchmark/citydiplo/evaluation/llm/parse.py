"""From an LLM's answer text to a ``strings`` record, every problem counted.

``parse_answer`` finds the JSON object tolerantly: the whole answer, else a fenced code
block (```json ... ```), else the first ``{...}`` that decodes after leading prose. An
answer nested deeper than ``MAX_DEPTH`` is refused before it is decoded (an iterative
scan), so no answer can exhaust the stack.

``clean_answer`` checks the labels against the schema and counts the rest: a label
outside the inventory (entity type, event type, realis, relation type, status), a role
not allowed for the event type, a key the ``strings`` format does not have, at any
depth (``unknown_keys``: the file readers' own check, ``citydiplo.formats.strict``, counted
instead of raised), a bad ``level`` or ``norm`` (``malformed_items``). The spans
themselves (a string, or ``{"text": ..., "occurrence": k}`` for a trigger or a relation
end, ``"occurrence"`` beside an entity's or argument's ``"text"``) are read by the one
``strings`` reader, ``citydiplo.formats.strings.resolve_strings``, which the harness calls
with a ``problems`` list: what it cannot read is counted as ``malformed_items`` there.
Nothing here raises on a model's output, whatever JSON it is: a bad answer is a count,
never a crash.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Container

from citydiplo.formats.inventory import Inventory
from citydiplo.formats.strict import unknown_keys

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)

LABEL_COUNTS = ("labels_outside_inventory", "roles_not_allowed", "malformed_items", "unknown_keys")
LAYERS = ("entities", "events", "relations")
MAX_DEPTH = 32  # an answer needs 4 ({"events": [{"arguments": [{...}]}]}); deeper is refused
MAX_CANDIDATES = 200  # '{' tried as the start of the answer object after leading prose

SPAN_KEYS = frozenset({"text", "occurrence"})  # a trigger or relation end given as an object


def _answer(value: object) -> bool:
    """An answer object: a JSON object with at least one of the three layers."""
    return isinstance(value, dict) and any(k in value for k in LAYERS)


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``text`` outside JSON strings (iterative)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def parse_answer(content: str | None) -> dict | None:
    """The answer object (a JSON object with ``entities``, ``events`` or ``relations``) in
    an answer text, or ``None`` when there is none: an object nested inside a broken one
    is not taken for the answer, and an answer nested deeper than ``MAX_DEPTH`` is none."""
    if not content or not isinstance(content, str) or nesting_depth(content) > MAX_DEPTH:
        return None
    text = content.strip()
    candidates = [text] + [m.group(1).strip() for m in _FENCE.finditer(text)]
    for candidate in candidates:
        value = _loads(candidate)
        if _answer(value):
            return value
    decoder = json.JSONDecoder()
    for n, m in enumerate(re.finditer(r"\{", text)):
        if n >= MAX_CANDIDATES:
            break
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except (ValueError, RecursionError):
            continue
        if _answer(value):
            return value
    return None


@dataclass
class Cleaned:
    """A strings record's layers (entities, events, relations) and what was dropped."""

    entities: list = field(default_factory=list)
    events: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def drop(self, kind: str, what: str) -> None:
        self.counts[kind] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {short(what)}")

    def known(self, value: Any, allowed: Container[Any], what: str) -> bool:
        """Whether ``value`` is one of ``allowed``; if not, it is counted as a label outside the inventory."""
        if value in allowed:
            return True
        self.drop("labels_outside_inventory", what)
        return False

    def record(self, key: str, value: str) -> dict:
        return {key: value, "entities": self.entities, "events": self.events, "relations": self.relations}


def short(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (for examples)."""
    return text if len(text) <= limit else text[:limit] + "..."


def _show(value: Any) -> str:
    """A short, safe rendering of any JSON value (for examples)."""
    try:
        return short(json.dumps(value, ensure_ascii=True)[:400], 60)
    except (ValueError, TypeError, RecursionError):
        return type(value).__name__


def _clean(text: str) -> str:
    """``text`` stripped, without lone surrogates (a JSON escape such as ``\\ud800``
    decodes to one, and no UTF-8 file could hold it)."""
    return text.strip().encode("utf-8", "replace").decode("utf-8")


def _span(value: Any) -> Any:
    """A span as the model gave it, its text cleaned (``_clean``); any other shape is
    passed on for the ``strings`` reader to refuse (and count)."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return {**value, "text": _clean(value["text"])}
    return value


def _label(value: Any, allowed: Any) -> bool:
    return isinstance(value, str) and value in allowed


def _count_unknown_keys(answer: dict, out: Cleaned) -> None:
    """Count every key of the answer the ``strings`` format does not have, at any depth,
    with the key most likely meant (the strict reader contract of the prediction files)."""
    for found in unknown_keys(answer, "strings"):
        hint = f"; did you mean {found.suggestion!r}?" if found.suggestion else ""
        out.drop("unknown_keys", f"{found.pointer}: unknown key {short(found.key, 40)!r}{hint}")


def clean_answer(answer: dict, inventory: Inventory) -> Cleaned:
    """What of a parsed answer the schema's inventory allows, as ``strings`` layers, and counts of the rest.

    An entity of an unknown type, an event of an unknown type and a relation of an
    unknown type or status are dropped; an unknown realis is dropped from its event (the
    event stays); an argument whose role the event type does not have is dropped. Items
    that are not objects, and spans of the wrong shape, are left for the ``strings``
    reader, which counts them."""
    out = Cleaned()
    if not isinstance(answer, dict):
        out.drop("malformed_items", "the answer is not a JSON object")
        return out
    _count_unknown_keys(answer, out)
    ner, realis, statuses = set(inventory.ner_types), set(inventory.realis), set(inventory.statuses)
    entities = answer.get("entities")
    if isinstance(entities, list):  # a layer that is not a list is left for the strings reader
        for k, ent in enumerate(entities):
            if not isinstance(ent, dict):
                out.entities.append(ent)  # the strings reader counts it
                continue
            where = f"entities[{k}]"
            if not _label(ent.get("type"), ner):
                out.drop("labels_outside_inventory", f"entity type {_show(ent.get('type'))} ({_show(ent.get('text'))})")
                continue
            item = {"text": _span(ent.get("text")), "type": ent["type"]}
            if "occurrence" in ent:
                item["occurrence"] = ent["occurrence"]
            level = ent.get("level")
            if level is not None:
                if isinstance(level, int) and not isinstance(level, bool) and level in (1, 2):
                    item["level"] = level
                else:
                    out.drop("malformed_items", f"{where}.level {_show(level)} is not 1 or 2")
            norm = ent.get("norm")
            if norm is not None:
                if isinstance(norm, str) and norm.strip():
                    item["norm"] = _clean(norm)
                else:
                    out.drop("malformed_items", f"{where}.norm {_show(norm)} is not an id string")
            out.entities.append(item)
    elif entities is not None:
        out.entities = entities  # type: ignore[assignment]  # refused and counted by the strings reader
    events = answer.get("events")
    if isinstance(events, list):
        for ev in events:
            if not isinstance(ev, dict):
                out.events.append(ev)
                continue
            trigger = _span(ev.get("trigger"))
            if isinstance(trigger, dict):
                trigger = {k: v for k, v in trigger.items() if k in SPAN_KEYS}
            etype = ev.get("type")
            roles = inventory.event_roles.get(etype) if isinstance(etype, str) else None
            if roles is None:
                out.drop("labels_outside_inventory", f"event type {_show(etype)} ({_show(ev.get('trigger'))})")
                continue
            value = ev.get("realis")
            if value is not None and not _label(value, realis):
                out.drop("labels_outside_inventory", f"realis {_show(value)} ({_show(ev.get('trigger'))})")
                value = None
            allowed = set(roles)
            raw_args = ev.get("arguments")
            args: Any = [] if raw_args is None else raw_args
            if isinstance(raw_args, list):
                args = []
                for arg in raw_args:
                    if not isinstance(arg, dict):
                        args.append(arg)
                        continue
                    if not _label(arg.get("role"), allowed):
                        out.drop("roles_not_allowed", f"role {_show(arg.get('role'))} for {etype} "
                                                      f"({_show(arg.get('text'))})")
                        continue
                    item = {"role": arg["role"], "text": _span(arg.get("text"))}
                    if "occurrence" in arg:
                        item["occurrence"] = arg["occurrence"]
                    args.append(item)
            out.events.append({"type": etype, "trigger": trigger, "realis": value, "arguments": args})
    elif events is not None:
        out.events = events  # type: ignore[assignment]
    relations = answer.get("relations")
    if isinstance(relations, list):
        for rel in relations:
            if not isinstance(rel, dict):
                out.relations.append(rel)
                continue
            ends = {}
            for end in ("arg1", "arg2"):
                value = _span(rel.get(end))
                if isinstance(value, dict):
                    value = {k: v for k, v in value.items() if k in SPAN_KEYS}
                ends[end] = value
            rtype = rel.get("type", inventory.default_relation)
            if not _label(rtype, inventory.relations):
                out.drop("labels_outside_inventory", f"relation type {_show(rtype)}")
                continue
            status = rel.get("status")
            if status is not None and not _label(status, statuses):
                out.drop("labels_outside_inventory", f"status {_show(status)}")
                status = None
            out.relations.append({**ends, "status": status, "type": rtype})
    elif relations is not None:
        out.relations = relations  # type: ignore[assignment]
    return out
