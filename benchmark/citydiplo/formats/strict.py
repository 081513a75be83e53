"""The strict reader contract of the prediction formats: no key is ever ignored.

Every JSON prediction format (``tokens``, ``chars``, ``strings``, ``records``; ``brat``
files are read into ``chars`` records) has a JSON Schema beside this module, generated from
``annotation.conf`` with ``additionalProperties: false`` on every object. ``unknown_keys``
walks a decoded record along its schema and lists every key the schema does not name, at
any depth, as a JSON pointer (``/events/0/argumnets``) with the closest known key; it is
pure and total (it never raises), so that the LLM harness can count what the file readers
refuse. ``check_keys`` is the file readers' use of it: the first unknown key is an
``InputError`` naming ``file:line``, the pointer and a did-you-mean, since a misspelt
layer or field would otherwise score as "not predicted".

**Did you mean.** Known aliases first (spaCy's ``ents`` and ``label``, ``args``, ...); else
the known keys that share the longest prefix with the unknown one, the closest by
``difflib`` among them (``entites`` -> ``entities``, not ``events``); no suggestion when
nothing is close.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

from citydiplo.errors import InputError

HERE = Path(__file__).parent
SCHEMA_FILES = {"tokens": "predictions.schema.json", "chars": "chars.schema.json", "strings": "strings.schema.json",
                "records": "records.schema.json"}
# names other tools use for a field (spaCy, brat, common JSON habits) -> ours
ALIASES = {"ents": "entities", "entity": "entities", "spans": "entities", "label": "type", "labels": "type",
           "args": "arguments", "argument": "arguments", "rels": "relations", "relation": "relations",
           "event": "events", "tags": "ner_tags", "kb_id": "norm", "link": "norm", "id_": "id"}


@dataclass(frozen=True)
class UnknownKey:
    """A key the format does not have: where (JSON pointer of the key) and the likely one."""

    pointer: str
    key: str
    suggestion: str | None
    known: tuple[str, ...]

    def message(self) -> str:
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        where = f" at {self.pointer}" if self.pointer.count("/") > 1 else ""
        return (f"unknown field {_short(self.key)!r}{where}{hint} (fields here: {', '.join(self.known)}); a "
                "misspelt field would be scored as not predicted")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def closest(key: str, known: tuple[str, ...]) -> str | None:
    """The known key ``key`` most likely means (see the module docstring), or None."""
    alias = ALIASES.get(key.lower())
    if alias in known:
        return alias
    lowered = key.lower()

    def prefix(a: str) -> int:
        n = 0
        for x, y in zip(lowered, a.lower()):
            if x != y:
                break
            n += 1
        return n

    scored = [(prefix(k), difflib.SequenceMatcher(None, lowered, k.lower()).ratio(), k) for k in known]
    scored = [item for item in scored if item[1] >= 0.6 or item[0] >= 3]
    if not scored:
        return None
    return max(scored, key=lambda item: (min(item[0], 4), item[1]))[2]


@lru_cache(maxsize=None)
def schema(fmt: str) -> dict:
    """The committed JSON Schema of a format (``tokens``, ``chars`` or ``strings``)."""
    return json.loads((HERE / SCHEMA_FILES[fmt]).read_text(encoding="utf-8"))


def _resolve(node: Mapping, root: Mapping) -> Mapping:
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _matches(node: Mapping, value: Any) -> bool:
    kind = node.get("type")
    return (kind is None or (kind == "object" and isinstance(value, dict))
            or (kind == "array" and isinstance(value, list)) or (kind == "string" and isinstance(value, str))
            or (kind == "integer" and isinstance(value, int)))


_Compiled = tuple[Mapping[str, Any] | None, bool, Any, tuple[Mapping, ...]]
_COMPILED: dict[int, _Compiled | None] = {}  # id of a schema node (the schemas are cached for good) -> _compiled
_BUSY: Any = object()


def _compiled(node: Any, root: Mapping) -> _Compiled | None:
    """What the walk needs of a schema node, worked out once: its properties, whether
    others are refused, its items' node and its typed ``oneOf``/``anyOf`` branches; None
    when no value it describes can have a key to check (a list of tags, a span, a string),
    so that the walk does not visit each of its items."""
    key = id(node)
    if key in _COMPILED:
        found = _COMPILED[key]
        return None if found is _BUSY else found
    _COMPILED[key] = _BUSY  # a cycle of $refs ends here
    target = _resolve(node, root)
    out: _Compiled | None = None
    if isinstance(target, Mapping):
        branches = tuple(b for b in (_resolve(b, root) for k in ("oneOf", "anyOf") for b in target.get(k, ()))
                         if isinstance(b, Mapping) and "type" in b)
        items = target.get("items")
        items = items if items is not None and _compiled(items, root) is not None else None
        props = target.get("properties")
        live = [_compiled(b, root) is not None for b in branches]
        if props is not None or target.get("type") == "object" or items is not None or any(live):
            out = (props, target.get("additionalProperties", True) is False, items, branches if any(live) else ())
    _COMPILED[key] = out
    return out


_LIVE: dict[int, frozenset] = {}  # id of a schema node -> the keys of its properties the walk must enter


def _live(node: Any, props: Mapping[str, Any], root: Mapping) -> frozenset:
    """The properties of ``node`` whose values can hold a key to check (``_compiled`` not
    None), worked out on the first walk through it (no ``_compiled`` is then under way)."""
    key = id(node)
    found = _LIVE.get(key)
    if found is None:
        found = _LIVE[key] = frozenset(k for k, v in props.items() if _compiled(v, root) is not None)
    return found


def _pointer(parts: tuple) -> str:
    return "".join(f"/{_escape(str(p))}" for p in parts)


def _walk(value: Any, node: Any, root: Mapping, pointer: tuple, out: list[UnknownKey]) -> None:
    """``pointer``: the keys and indices from the record to ``value`` (made a JSON pointer
    only for an unknown key); a value is entered only where its schema node can hold one."""
    compiled = _compiled(node, root)
    if compiled is None:
        return  # nothing below can be an unknown key
    props, closed, items, branches = compiled
    if branches:
        typed = [b for b in branches if _matches(b, value)]
        if typed:
            _walk(value, typed[0], root, pointer, out)
    if props is not None and isinstance(value, dict):
        live = _live(node, props, root)
        for key, item in value.items():
            if key in props:
                if key in live and isinstance(item, (dict, list)) and item:  # an empty one has no key
                    _walk(item, props[key], root, (*pointer, key), out)
            elif closed:
                out.append(UnknownKey(_pointer((*pointer, key)), str(key), closest(str(key), tuple(props)),
                                      tuple(props)))
    if items is not None and isinstance(value, list):
        for k, item in enumerate(value):
            if isinstance(item, (dict, list)) and item:
                _walk(item, items, root, (*pointer, k), out)


def unknown_keys(record: Any, fmt: str) -> list[UnknownKey]:
    """Every key of ``record`` that the ``fmt`` schema does not name, at any depth (pure,
    total: a record of any shape gives a list, never an exception)."""
    root = schema(fmt)
    out: list[UnknownKey] = []
    try:
        _walk(record, root, root, (), out)
    except RecursionError:  # pragma: no cover - the JSON decoder refuses such depth first
        pass
    return out


_Check = Callable[[Any], bool]
_CHECKS: dict[int, _Check | None] = {}  # id of a schema node -> ``_check`` of it


def _check(node: Any, root: Mapping) -> _Check | None:
    """``_walk`` of one schema node made a predicate, once per node: True when a value has
    no unknown key at any depth (the same nodes entered, the same keys known; None: every
    value passes). Built from ``_compiled``, so it cannot disagree with the walk (tested);
    made for the node's kind (an object node, a list of objects whose values hold no key, a
    list node; any other: the general predicate), so each asks only what its kind needs."""
    key = id(node)
    if key in _CHECKS:
        return _CHECKS[key]
    compiled = _compiled(node, root)
    if compiled is None:
        _CHECKS[key] = None
        return None
    built: list[_Check] = []
    _CHECKS[key] = lambda value: built[0](value)  # a cycle of $refs calls the predicate being built
    props, closed, items, branches = compiled
    typed = tuple((b, _check(b, root)) for b in branches)
    known = frozenset(props) if props is not None else frozenset()
    live = tuple((k, c) for k in sorted(_live(node, props, root)) if (c := _check(props[k], root)) is not None) \
        if props is not None else ()
    of_item = _check(items, root) if items is not None else None

    check: _Check
    if props is not None and not typed and of_item is None:  # an object node (every one of the schemas)
        if closed and not live:  # nothing below can hold a key (an argument, a norm)
            def check(value: Any) -> bool:
                return (type(value) is not dict and not isinstance(value, dict)) or value.keys() <= known
        else:
            def check(value: Any) -> bool:
                if type(value) is not dict and not isinstance(value, dict):
                    return True
                if closed and not value.keys() <= known:
                    return False
                for k, inner in live:
                    item = value.get(k)
                    if item and (type(item) is list or isinstance(item, (dict, list))) and not inner(item):
                        return False
                return True
    elif props is None and not typed and items is not None and (leaf := _leaf(items, root)) is not None:
        # a list of objects whose values hold no key (arguments, norms): one key check per item
        def check(value: Any) -> bool:
            if type(value) is not list and not isinstance(value, list):
                return True
            for item in value:
                if (type(item) is dict or isinstance(item, dict)) and not item.keys() <= leaf:
                    return False
            return True
    elif props is None and not typed and of_item is not None:  # a list node
        def check(value: Any) -> bool:
            if type(value) is not list and not isinstance(value, list):
                return True
            for item in value:
                if item and (type(item) is dict or isinstance(item, (dict, list))) and not of_item(item):
                    return False
            return True
    else:
        def check(value: Any) -> bool:
            for b, inner in typed:
                if _matches(b, value):
                    if inner is not None and not inner(value):
                        return False
                    break
            if props is not None and isinstance(value, dict):
                if closed and not value.keys() <= known:
                    return False
                for k, inner in live:
                    item = value.get(k)
                    if item and isinstance(item, (dict, list)) and not inner(item):
                        return False
            if of_item is not None and isinstance(value, list):
                for item in value:
                    if item and isinstance(item, (dict, list)) and not of_item(item):
                        return False
            return True

    built.append(check)
    _CHECKS[key] = check
    return check


def _leaf(node: Any, root: Mapping) -> frozenset | None:
    """The keys of an object node that refuses others, has no branches or items and no
    property that can hold a key; None for any other node."""
    compiled = _compiled(node, root)
    if compiled is None:
        return None
    props, closed, items, branches = compiled
    if props is None or not closed or items is not None or branches or _live(node, props, root):
        return None
    return frozenset(props)


_MISSING: Any = object()
_ROOT_CHECKS: dict[str, _Check | None] = {}  # format -> ``_check`` of its schema


def has_unknown_keys(record: Any, fmt: str) -> bool:
    """Whether ``unknown_keys(record, fmt)`` finds any (the quick question every record
    is asked; the walk that names the keys runs only when the answer is yes)."""
    check = _ROOT_CHECKS.get(fmt, _MISSING)
    if check is _MISSING:
        root = schema(fmt)
        check = _ROOT_CHECKS[fmt] = _check(root, root)
    try:
        return check is not None and not check(record)
    except RecursionError:  # pragma: no cover - the JSON decoder refuses such depth first
        return bool(unknown_keys(record, fmt))


def check_keys(record: Any, fmt: str, path: str, lineno: int, where: str = "") -> None:
    """``InputError`` at ``path:lineno`` for the first unknown key of ``record`` (the
    strict reader contract every prediction file reader keeps)."""
    if not has_unknown_keys(record, fmt):
        return
    found = unknown_keys(record, fmt)
    if found:
        prefix = f"{where}: " if where else ""
        raise InputError(path, lineno, prefix + found[0].message())
