"""The label inventory, derived entirely from the schema (``annotations/annotation.conf``).

Every consumer of labels reads this one object: the prediction readers (tokens, chars,
strings, brat), the dataset features, the JSON Schemas of the prediction formats, the LLM
prompt and the parser of its answers. Change a label in ``annotation.conf`` and all of
them change together; nothing here is a hard-coded default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from citydiplo.formats.bio import iob2_labels
from citydiplo.formats.model import base_role
from citydiplo.formats.schema import Schema

REALIS_ATTRIBUTE = "Realis"  # the event attribute of annotation.conf the `realis` field holds
STATUS_ATTRIBUTE = "Status"  # the relation attribute the `status` field holds


@dataclass
class Inventory:
    """The labels predictions and gold may use.

    ``ner_types``: named-entity types (the IOB2 layers); ``event_roles``: event type ->
    its role names; ``realis``, ``relations``, ``statuses``: the realis values, relation
    types and relation statuses; ``span_types``: every span type of ``[entities]``,
    including free argument spans (ITEM); ``fillers``: (event type, role) -> the span types
    that may fill it; ``relation_args``: relation type -> (Arg1 types, Arg2 types)."""

    ner_types: tuple[str, ...]
    event_roles: Mapping[str, tuple[str, ...]]
    realis: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    span_types: tuple[str, ...] = ()
    fillers: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    relation_args: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    _tags: frozenset = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._tags = frozenset(self.ner_tags)

    @classmethod
    def from_schema(cls, schema: Schema) -> "Inventory":
        """Everything the schema declares: entity types (named entities apart from free
        argument spans), event types with their roles and fillers, realis values, relation
        types and statuses (the values of the ``Realis`` and ``Status`` attributes)."""
        return cls(
            ner_types=schema.ner_types,
            event_roles={etype: tuple(r.name for r in roles) for etype, roles in schema.events.items()},
            realis=schema.attributes.get(REALIS_ATTRIBUTE, ((), ()))[1],
            relations=tuple(schema.relations),
            statuses=schema.attributes.get(STATUS_ATTRIBUTE, ((), ()))[1],
            span_types=schema.entity_types,
            fillers={(etype, r.name): r.fillers for etype, roles in schema.events.items() for r in roles},
            relation_args=dict(schema.relations),
        )

    @property
    def ner_tags(self) -> tuple[str, ...]:
        """The IOB2 tags in a stable order: O, then B-/I- per type (the ClassLabel ids)."""
        return tuple(iob2_labels(self.ner_types))

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self.event_roles)

    @property
    def roles(self) -> tuple[str, ...]:
        """Every base role name (brat's ``Participant2`` is ``Participant``), first-seen order."""
        return tuple(dict.fromkeys(base_role(r) for rs in self.event_roles.values() for r in rs))

    @property
    def argument_span_types(self) -> tuple[str, ...]:
        """Span types that are not named entities (free argument spans such as ITEM)."""
        return tuple(t for t in self.span_types if t not in self.ner_types)

    @property
    def default_relation(self) -> str | None:
        """The relation type a record may leave out: the only one, when there is one."""
        return self.relations[0] if len(self.relations) == 1 else None

    def tag_ok(self, tag: Any) -> bool:
        return isinstance(tag, str) and tag in self._tags

    def tags_ok(self, tags: list) -> bool:
        """Every tag of the list is in the set (one C-level pass; False for unhashable items).
        A list of ``O`` alone (most lists of a level) is told by ``count``, which compares
        the same string object without hashing it."""
        if tags.count("O") == len(tags):
            return True
        try:
            return self._tags.issuperset(tags)
        except TypeError:
            return False

    def tag_names(self, tags: list) -> list:
        """The tags with each integer id (``load_dataset``'s ClassLabel ids: the position in
        ``ner_tags``) turned into its name; anything else, names and ids out of range
        included, as it was (the list itself when nothing is an id)."""
        labels = self.ner_tags
        n = len(labels)
        if not any(type(t) is int or (isinstance(t, int) and not isinstance(t, bool)) for t in tags):
            return tags
        return [labels[t] if isinstance(t, int) and not isinstance(t, bool) and 0 <= t < n else t for t in tags]
