"""From an LLM's answer text to a clean ``strings`` record, every problem counted.

``parse_answer`` finds the JSON object tolerantly: the whole answer, else a fenced code
block (```json ... ```), else the first ``{...}`` that decodes after leading prose.
``clean_answer`` keeps what the schema allows and counts the rest: a label outside the
inventory (entity type, event type, realis, relation type, status), a role not allowed for
the event type, and an item of the wrong shape (not an object, no string text). Nothing
here raises on a model's output: a bad answer is a count, never a crash.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Container

from citydiplo.formats.inventory import Inventory

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)

LABEL_COUNTS = ("labels_outside_inventory", "roles_not_allowed", "malformed_items")
LAYERS = ("entities", "events", "relations")


def _answer(value: object) -> bool:
    """An answer object: a JSON object with at least one of the three layers."""
    return isinstance(value, dict) and any(k in value for k in LAYERS)


def parse_answer(content: str | None) -> dict | None:
    """The answer object (a JSON object with ``entities``, ``events`` or ``relations``) in
    an answer text, or ``None`` when there is none: an object nested inside a broken one
    is not taken for the answer."""
    if not content:
        return None
    text = content.strip()
    candidates = [text] + [m.group(1).strip() for m in _FENCE.finditer(text)]
    for candidate in candidates:
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if _answer(value):
            return value
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        if _answer(value):
            return value
    return None


@dataclass
class Cleaned:
    """A strings record's layers (entities, events, relations) and what was dropped."""

    entities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def drop(self, kind: str, what: str) -> None:
        self.counts[kind] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {what}")

    def known(self, value: Any, allowed: Container[Any], what: str) -> bool:
        """Whether ``value`` is one of ``allowed``; if not, it is counted as a label outside the inventory."""
        if value in allowed:
            return True
        self.drop("labels_outside_inventory", what)
        return False

    def record(self, key: str, value: str) -> dict:
        return {key: value, "entities": self.entities, "events": self.events, "relations": self.relations}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _list(answer: dict, name: str, out: Cleaned) -> list:
    value = answer.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list):
        out.drop("malformed_items", f"{name} is not a list")
        return []
    return value


def clean_answer(answer: dict, inventory: Inventory) -> Cleaned:
    """What of a parsed answer the schema's inventory allows, as ``strings`` layers, and counts of the rest.

    An entity of an unknown type, an event of an unknown type and a relation of an
    unknown type or status are dropped; an unknown realis is dropped from its event (the
    event stays); an argument whose role the event type does not have is dropped."""
    out = Cleaned()
    ner, realis, statuses = set(inventory.ner_types), set(inventory.realis), set(inventory.statuses)
    for k, ent in enumerate(_list(answer, "entities", out)):
        text = _text(ent.get("text")) if isinstance(ent, dict) else None
        if text is None:
            out.drop("malformed_items", f"entities[{k}] has no text")
            continue
        if not out.known(ent.get("type"), ner, f"entity type {ent.get('type')!r} ({text})"):
            continue
        item = {"text": text, "type": ent["type"]}
        if ent.get("level") in (1, 2):
            item["level"] = ent["level"]
        out.entities.append(item)
    for k, ev in enumerate(_list(answer, "events", out)):
        trigger = _text(ev.get("trigger")) if isinstance(ev, dict) else None
        if trigger is None:
            out.drop("malformed_items", f"events[{k}] has no trigger text")
            continue
        roles = inventory.event_roles.get(ev.get("type"))
        if roles is None:
            out.drop("labels_outside_inventory", f"event type {ev.get('type')!r} ({trigger})")
            continue
        value = ev.get("realis")
        if value is not None and not out.known(value, realis, f"realis {value!r} ({trigger})"):
            value = None
        allowed = set(roles)
        args = []
        raw_args = ev.get("arguments") or []
        if not isinstance(raw_args, list):
            out.drop("malformed_items", f"events[{k}].arguments is not a list")
            raw_args = []
        for j, arg in enumerate(raw_args):
            text = _text(arg.get("text")) if isinstance(arg, dict) else None
            if text is None:
                out.drop("malformed_items", f"events[{k}].arguments[{j}] has no text")
            elif arg.get("role") not in allowed:
                out.drop("roles_not_allowed", f"role {arg.get('role')!r} for {ev['type']} ({text})")
            else:
                args.append({"role": arg["role"], "text": text})
        out.events.append({"type": ev["type"], "trigger": trigger, "realis": value, "arguments": args})
    for k, rel in enumerate(_list(answer, "relations", out)):
        ends = [_text(rel.get(e)) for e in ("arg1", "arg2")] if isinstance(rel, dict) else [None, None]
        if None in ends:
            out.drop("malformed_items", f"relations[{k}] needs arg1 and arg2 strings")
            continue
        rtype = rel.get("type", inventory.default_relation)
        if rtype not in inventory.relations:
            out.drop("labels_outside_inventory", f"relation type {rtype!r}")
            continue
        status = rel.get("status")
        if status is not None and not out.known(status, statuses, f"status {status!r}"):
            status = None
        out.relations.append({"arg1": ends[0], "arg2": ends[1], "status": status, "type": rtype})
    return out
