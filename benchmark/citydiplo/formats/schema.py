"""Read the brat schema (``annotation.conf`` and ``tools.conf``) into a ``Schema``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from citydiplo.errors import InputError


@dataclass(frozen=True)
class Role:
    """An event role: name, how many fillers (``?``, ``*``, ``+`` or ``""`` for one) and filler types."""

    name: str
    cardinality: str
    fillers: tuple[str, ...]


@dataclass
class Schema:
    """The annotation inventory: span types, event types and roles, relations, attributes."""

    entity_types: tuple[str, ...]
    events: dict[str, tuple[Role, ...]]
    relations: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    attributes: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    normalization_dbs: tuple[str, ...] = ()
    equivalences: tuple[str, ...] = ()
    """brat equivalence types (``<REL-TYPE>:symmetric-transitive`` in ``[relations]``, written
    as ``*`` lines): entity coreference (``Coref``, GUIDELINES part 3), not a scored relation."""

    @property
    def coref_type(self) -> str | None:
        """The equivalence type that holds entity clusters: the only one, when there is one."""
        return self.equivalences[0] if len(self.equivalences) == 1 else None

    @property
    def argument_span_types(self) -> tuple[str, ...]:
        """Span types that are free argument spans, not named entities: a type that fills
        only roles named after it (``Item*:ITEM`` of AID) is that role's span."""
        uses: dict[str, set[str]] = {}
        for roles in self.events.values():
            for role in roles:
                for filler in role.fillers:
                    uses.setdefault(filler, set()).add(role.name.lower())
        for arg1, arg2 in self.relations.values():
            for filler in arg1 + arg2:
                uses.setdefault(filler, set()).add("")
        return tuple(t for t in self.entity_types if uses.get(t) == {t.lower()})

    @property
    def ner_types(self) -> tuple[str, ...]:
        """The named-entity types: the span types that are not free argument spans."""
        free = self.argument_span_types
        return tuple(t for t in self.entity_types if t not in free)

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self.events)

    def role(self, event_type: str, name: str) -> Role | None:
        return next((r for r in self.events.get(event_type, ()) if r.name == name), None)


def _sections(text: str, path: str) -> dict[str, list[tuple[int, str]]]:
    sections: dict[str, list[tuple[int, str]]] = {}
    current = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
        elif current is None:
            raise InputError(path, lineno, "a declaration comes before any [section]")
        else:
            sections[current].append((lineno, raw))
    return sections


def _split_decl(raw: str) -> tuple[str, list[tuple[str, str]]]:
    name, _, rest = raw.strip().partition("\t")
    if not rest:
        name, _, rest = raw.strip().partition(" ")
    pairs = []
    for part in (p.strip() for p in rest.split(",") if p.strip()):
        key, _, value = part.partition(":")
        pairs.append((key.strip(), value.strip()))
    return name.strip(), pairs


def parse_schema(annotation_conf: str, tools_conf: str = "", path: str = "annotation.conf") -> Schema:
    """Parse the text of ``annotation.conf`` (and optionally ``tools.conf``)."""
    sections = _sections(annotation_conf, path)
    entity_types = tuple(raw.strip() for _, raw in sections.get("entities", []))
    events: dict[str, tuple[Role, ...]] = {}
    for lineno, raw in sections.get("events", []):
        name, pairs = _split_decl(raw)
        roles = []
        for key, value in pairs:
            m = re.fullmatch(r"([A-Za-z_]+)([?*+]?)", key)
            if not m or not value:
                raise InputError(path, lineno, f"cannot read the role declaration {key!r}")
            roles.append(Role(m.group(1), m.group(2), tuple(value.split("|"))))
        events[name] = tuple(roles)
    relations = {}
    equivalences: list[str] = []
    for lineno, raw in sections.get("relations", []):
        name, pairs = _split_decl(raw)
        if name.startswith("<"):
            continue  # brat meta-declarations such as <OVERLAP>
        args = dict(pairs)
        if args.get("<REL-TYPE>") == "symmetric-transitive":
            equivalences.append(name)  # an equivalence (``*`` lines), not a relation
            continue
        if "Arg1" not in args or "Arg2" not in args:
            raise InputError(path, lineno, f"relation {name} needs Arg1 and Arg2")
        relations[name] = (tuple(args["Arg1"].split("|")), tuple(args["Arg2"].split("|")))
    attributes = {}
    for lineno, raw in sections.get("attributes", []):
        name, pairs = _split_decl(raw)
        args = dict(pairs)
        if "Arg" not in args or "Value" not in args:
            raise InputError(path, lineno, f"attribute {name} needs Arg and Value")
        attributes[name] = (tuple(args["Arg"].split("|")), tuple(args["Value"].split("|")))
    dbs: tuple[str, ...] = ()
    if tools_conf:
        tools = _sections(tools_conf, "tools.conf")
        dbs = tuple(_split_decl(raw)[0] for _, raw in tools.get("normalization", []))
    return Schema(entity_types, events, relations, attributes, dbs, tuple(equivalences))


def load_schema(annotations_dir: Path) -> Schema:
    """Read ``annotation.conf`` and ``tools.conf`` from a directory."""
    conf = annotations_dir / "annotation.conf"
    from citydiplo.files import read_text

    if not conf.exists() and not conf.is_symlink():
        raise InputError(str(conf), 0, "no annotation.conf here")
    tools = annotations_dir / "tools.conf"
    return parse_schema(
        read_text(conf),
        read_text(tools) if tools.exists() or tools.is_symlink() else "",
        str(conf),
    )
