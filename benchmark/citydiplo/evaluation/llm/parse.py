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
from typing import Any, Container, Iterator, TypeGuard

from citydiplo.formats.inventory import Inventory
from citydiplo.formats.strict import unknown_keys

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)

LABEL_COUNTS = ("labels_outside_inventory", "roles_not_allowed", "malformed_items", "unknown_keys")
LAYERS = ("entities", "events", "relations")
MAX_DEPTH = 32  # an answer needs 4 ({"events": [{"arguments": [{...}]}]}); deeper is refused
MAX_CANDIDATES = 200  # '{' tried as the start of the answer object after leading prose

SPAN_KEYS = frozenset({"text", "occurrence"})  # a trigger or relation end given as an object


def _answer(value: object, layers: tuple[str, ...] = LAYERS) -> bool:
    """An answer object: a JSON object with at least one of the layers (the three span
    layers; ``records`` for the records task)."""
    return isinstance(value, dict) and any(k in value for k in layers)


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


def parse_answer(content: str | None, layers: tuple[str, ...] = LAYERS) -> dict | None:
    """The answer object (a JSON object with ``entities``, ``events`` or ``relations``, or
    the ``layers`` given) in an answer text, or ``None`` when there is none: an object
    nested inside a broken one is not taken for the answer, and an answer nested deeper
    than ``MAX_DEPTH`` is none."""
    if not content or not isinstance(content, str) or nesting_depth(content) > MAX_DEPTH:
        return None
    text = content.strip()
    candidates = [text] + [m.group(1).strip() for m in _FENCE.finditer(text)]
    for candidate in candidates:
        value = _loads(candidate)
        if _answer(value, layers):
            return value
    decoder = json.JSONDecoder()
    for n, m in enumerate(re.finditer(r"\{", text)):
        if n >= MAX_CANDIDATES:
            break
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except (ValueError, RecursionError):
            continue
        if _answer(value, layers):
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

    def known(self, value: Any, allowed: Container[Any], what: str) -> TypeGuard[str]:
        """Whether ``value`` is a label among ``allowed``; if not, it is counted as a label outside the inventory."""
        if _label(value, allowed):
            return True
        self.drop("labels_outside_inventory", what)
        return False

    def optional(self, value: Any, allowed: Container[Any], what: str) -> Any:
        """``value`` when it is absent (``None``) or ``known``; ``None`` otherwise."""
        return value if value is None or self.known(value, allowed, what) else None

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


def _span_keys(value: Any) -> Any:
    """``_span``, and a span object without keys other than ``SPAN_KEYS``."""
    value = _span(value)
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k in SPAN_KEYS}
    return value


def _layer(answer: dict, key: str, out: Cleaned) -> Iterator[tuple[int, dict]]:
    """The objects of the answer's layer ``key``, with their index. An item that is not an
    object goes into ``out``'s layer as it is, and a layer that is not a list replaces it:
    the ``strings`` reader refuses (and counts) both."""
    items = answer.get(key)
    if isinstance(items, list):
        kept = getattr(out, key)
        for k, item in enumerate(items):
            if isinstance(item, dict):
                yield k, item
            else:
                kept.append(item)
    elif items is not None:
        setattr(out, key, items)


def _label(value: Any, allowed: Any) -> TypeGuard[str]:
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
    for k, ent in _layer(answer, "entities", out):
        where = f"entities[{k}]"
        if not out.known(ent.get("type"), ner, f"entity type {_show(ent.get('type'))} ({_show(ent.get('text'))})"):
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
    for _, ev in _layer(answer, "events", out):
        trigger = _span_keys(ev.get("trigger"))
        etype = ev.get("type")
        if not out.known(etype, inventory.event_roles, f"event type {_show(etype)} ({_show(ev.get('trigger'))})"):
            continue
        value = out.optional(ev.get("realis"), realis, f"realis {_show(ev.get('realis'))} ({_show(ev.get('trigger'))})")
        allowed = set(inventory.event_roles[etype])
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
    for _, rel in _layer(answer, "relations", out):
        ends = {end: _span_keys(rel.get(end)) for end in ("arg1", "arg2")}
        rtype = rel.get("type", inventory.default_relation)
        if not out.known(rtype, inventory.relations, f"relation type {_show(rtype)}"):
            continue
        status = out.optional(rel.get("status"), statuses, f"status {_show(rel.get('status'))}")
        out.relations.append({**ends, "status": status, "type": rtype})
    return out


RECORD_LAYERS = ("records",)


def clean_records(answer: dict, inventory: Inventory, unit_id: str) -> tuple[list, Cleaned]:
    """``records`` task: the checked records of an answer (``formats.event_records``, read
    leniently) and the counts of what was left out: a key the records format does not
    have (``unknown_keys``), a record of an unknown type or realis
    (``labels_outside_inventory``), with a role its type does not have
    (``roles_not_allowed``), or otherwise malformed (``malformed_items``). A bad record is
    left out whole; the others are kept."""
    from citydiplo.formats.event_records import check_records

    out = Cleaned()
    for found in unknown_keys({"doc_id": unit_id, **answer}, "records"):
        hint = f"; did you mean {found.suggestion!r}?" if found.suggestion else ""
        out.drop("unknown_keys", f"{found.pointer}: unknown key {short(found.key, 40)!r}{hint}")
    problems: list[str] = []
    value = answer.get("records")
    if not isinstance(value, list):
        out.drop("malformed_items", "records is not a list")
        return [], out
    records = check_records(value, inventory, f"<llm {unit_id}>", 0, unit_id, problems)
    for problem in problems:
        kind = ("roles_not_allowed" if "is not a role of" in problem
                else "labels_outside_inventory" if ".type " in problem or ".realis " in problem
                else "malformed_items")
        out.drop(kind, problem)
    return records, out
