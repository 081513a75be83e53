"""The CityDiplo data model: plain dataclasses, no I/O.

Two layers live here. The *standoff* layer (``TextBound``, ``EventRecord``, ``Attribute``,
``RelationRecord``, ``Normalization``, ``Note``, ``Annotations``) mirrors brat standoff
line for line, so that reading and writing a file is lossless. The *semantic* layer
(``EntityMention``, ``EventMention``, ``Argument``, ``Relation``, ``Document``) is what
scoring, building and viewing work with: resolved references, base roles, realis,
nesting levels and normalisation ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

from citydiplo.formats.doclevel import Cluster, EventRecord

TASK_NAMES = ("ner", "ed", "eae", "e2e")
"""The tasks a model can be run for (``citydiplo.scoring.tasks`` says what each scores)."""

# --------------------------------------------------------------------------- standoff


@dataclass(frozen=True)
class TextBound:
    """A ``T`` line: a typed, contiguous character span."""

    id: str
    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EventRecord:
    """An ``E`` line: event type, trigger id and (role, target id) arguments in order."""

    id: str
    type: str
    trigger: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Attribute:
    """An ``A`` line: a named attribute (e.g. Realis, Status) with a value on a target."""

    id: str
    name: str
    target: str
    value: Optional[str] = None


@dataclass(frozen=True)
class RelationRecord:
    """An ``R`` line: a binary relation between two text-bound annotations."""

    id: str
    type: str
    arg1: str
    arg2: str


@dataclass(frozen=True)
class Normalization:
    """An ``N`` line: a link from an annotation to an entry of an external database."""

    id: str
    target: str
    db: str
    db_id: str
    text: str = ""


@dataclass(frozen=True)
class Note:
    """A ``#`` line: a free-text note attached to an annotation."""

    id: str
    type: str
    target: str
    text: str


@dataclass
class Annotations:
    """All standoff records of one ``.ann`` file, in file order per kind."""

    textbounds: list[TextBound] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    normalizations: list[Normalization] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


# --------------------------------------------------------------------------- semantic

_ROLE_SUFFIX = re.compile(r"\d+$")


def base_role(role: str) -> str:
    """brat numbers repeated roles (``Participant2``); the base role drops the number."""
    return _ROLE_SUFFIX.sub("", role)


@dataclass(frozen=True)
class EntityMention:
    """A named-entity mention; level 1 is outer, level 2 is nested inside another."""

    id: str
    type: str
    start: int
    end: int
    text: str
    level: int = 1
    norm_db: Optional[str] = None
    norm_id: Optional[str] = None


@dataclass(frozen=True)
class Argument:
    """An event argument: base role and the span that fills it."""

    role: str
    ref: str
    start: int
    end: int
    text: str
    filler_type: str


@dataclass(frozen=True)
class EventMention:
    """An event mention: trigger span, type, realis and arguments."""

    id: str
    type: str
    trigger_id: str
    start: int
    end: int
    trigger: str
    realis: Optional[str]
    arguments: tuple[Argument, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A PARTNER_OF relation between two CITY mentions, with its Status."""

    id: str
    type: str
    arg1: str
    arg2: str
    status: Optional[str] = None


@dataclass(frozen=True, slots=True)
class TokenArgument:
    """An event argument in token indices ``[first, last_exclusive)`` of its sentence."""

    role: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class TokenEvent:
    """An event mention in token indices of its sentence (gold records and predictions)."""

    type: str
    trigger: tuple[int, int]
    realis: Optional[str]
    arguments: tuple[TokenArgument, ...] = ()


@dataclass(frozen=True, slots=True)
class TokenRelation:
    """A PARTNER_OF relation between two token spans of one sentence."""

    type: str
    arg1: tuple[int, int]
    arg2: tuple[int, int]
    status: Optional[str] = None


@dataclass(frozen=True)
class Sentence:
    """A sentence as [start, end) character offsets into its document."""

    start: int
    end: int


def sentence_at(sentences: Sequence[Sentence], offset: int) -> int | None:
    """The 0-based index of the sentence holding character ``offset``, or None (between sentences)."""
    return next((i for i, s in enumerate(sentences) if s.start <= offset < s.end), None)


def sentence_id(doc_id: str, number: int) -> str:
    """The id of a document's sentence ``number`` (1-based), as in every config and predictions file."""
    return f"{doc_id}-{number:03d}"


def parse_sentence_id(sid: str) -> tuple[str, int | None]:
    """``sentence_id``'s inverse: ``"000-lv-007"`` -> ``("000-lv", 7)``; an id without a
    ``-<number>`` suffix is all document id (``"s1"`` -> ``("s1", None)``)."""
    doc_id, _, number = sid.rpartition("-")
    if not doc_id:
        return sid, None
    return doc_id, int(number) if number.isdigit() else None


@dataclass
class DocumentMeta:
    """What is known about a document and where it came from."""

    id: str
    language: str
    script: str
    title: Optional[str]
    publisher: Optional[str]
    date: Optional[str]
    seed_file: Optional[str] = None
    """The seed an original is cleaned from (None for a translation: it has no seed)."""
    seed_sha256: Optional[str] = None
    provenance: list[tuple[int, int]] = field(default_factory=list)
    removals: list[dict] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    original: bool = True
    """False for a version of an article made from another document (a translation)."""
    translated_from: Optional[str] = None
    """A translation: the id of the original it renders (``000-lv`` for ``000-en``)."""
    alignment: list[tuple[int, int]] = field(default_factory=list)
    """A translation: sentence alignment, (sentence of this version, sentence of the
    original), 0-based, one pair per aligned sentence."""
    translation: Optional[str] = None
    """A translation: how it was made and reviewed."""
    licence: Optional[str] = None
    """A translation: its licence status (derived from the original's)."""
    merges_splits: list[dict] = field(default_factory=list)
    """A translation: the sentence merges and splits against the original (none: one to one)."""

    @property
    def article(self) -> str:
        """The article this document is a version of: the ``NNN`` of ``NNN-<language>``."""
        return article_of(self.id)


TRANSLATION_FIELDS = ("original", "translated_from", "alignment", "translation", "licence", "merges_splits")
"""The ``DocumentMeta`` fields only a translation carries (an original's JSON omits them)."""
SEED_FIELDS = ("seed_file", "seed_sha256", "provenance", "removals")
"""The ``DocumentMeta`` fields only a document built from a seed carries."""


_VERSION_ID = re.compile(r"([0-9]{3})-[a-z]{2,3}")


def article_of(doc_id: str) -> str:
    """The article part of a document id: ``"000-lv"`` -> ``"000"``; an id not of the
    corpus form ``NNN-<language>`` (a user's own document) is an article of its own."""
    m = _VERSION_ID.fullmatch(doc_id)
    return m.group(1) if m else doc_id


@dataclass
class Document:
    """A corpus document: text, metadata and (when loaded) its gold annotations."""

    meta: DocumentMeta
    text: str
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    items: list[TextBound] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    """Entity clusters (GUIDELINES 3.1), singletons included, in order of first mention."""
    event_records: list[EventRecord] = field(default_factory=list)
    """Document-level event records (GUIDELINES 3.2), in order of first mention."""
    task: str = "e2e"
    """The task a model is asked to do on this document (``TASK_NAMES``; see ``for_task``)."""

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def language(self) -> str:
        return self.meta.language

    @property
    def article(self) -> str:
        """The article this document is a version of (``000`` for 000-lv and 000-en)."""
        return self.meta.article

    @property
    def original(self) -> bool:
        return self.meta.original

    def without_gold(self) -> "Document":
        """The same document with text and metadata only: what a model is given."""
        return Document(self.meta, self.text)

    def for_task(self, task: str = "e2e") -> "Document":
        """What a model is given for ``task``: text and metadata, ``task`` set; for ``eae``
        also the gold triggers as ``events`` (id, type, trigger span and text; realis
        ``None`` and no arguments: those are what the model predicts). ``ner``, ``ed`` and
        ``e2e`` get no gold at all (``without_gold``)."""
        if task not in TASK_NAMES:
            raise ValueError(f"unknown task {task!r} (expected one of {', '.join(TASK_NAMES)})")
        events = [replace(e, realis=None, arguments=()) for e in self.events] if task == "eae" else []
        return Document(self.meta, self.text, events=events, task=task)
