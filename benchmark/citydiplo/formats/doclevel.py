"""The document-level layer of the gold: entity clusters and event records (GUIDELINES part 3).

``Cluster``: the mentions of one real-world entity in one document. In the ``.ann`` file a
cluster of two or more mentions is a brat equivalence line (``*<TAB>Coref T5 T24 T27``);
every other mention is a singleton. Its id is ``C`` + the number of its lowest-numbered
member, the same in every version of an article.

``DocumentRecord``: one real-world event of one document, the merge of its coreferent event
mentions (``annotations/records/<doc_id>.json``), with its arguments as sets of clusters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Cluster:
    """One real-world entity of a document: its mentions (brat T ids, document order)."""

    id: str  # "C" + number of the lowest-numbered member: T5, T24 -> "C5"
    doc_id: str
    type: str  # the NER type (or ITEM) its mentions share
    norm: Optional[str]  # "GeoNames:460413" / "ISO3166:CN" when linked, else None
    mentions: tuple[str, ...]  # T ids in document order
    texts: tuple[str, ...] = ()  # the mentions' surface strings, same order


@dataclass(frozen=True)
class DocumentRecord:
    """One real-world event of a document: the merge of its coreferent event mentions."""

    id: str  # "R1", numbered in order of first mention
    doc_id: str
    type: str  # event type, shared by its mentions
    realis: str  # the mentions' realis, or the record's override (GUIDELINES 3.2)
    date: Optional[str]  # ISO 8601 (2020-08-12, 2020-08, 2020) or None
    events: tuple[str, ...]  # merged E ids in document order
    arguments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> cluster ids, sorted
    date_evidence: Optional[str] = None  # the T id or sentence id the date comes from
    note: str = ""
