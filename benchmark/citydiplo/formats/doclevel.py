"""The document-level layer of the gold: entity clusters and event records (GUIDELINES part 3).

``Cluster``: the mentions of one real-world entity in one document. In the ``.ann`` file a
cluster of two or more mentions is a brat equivalence line (``*<TAB>Coref T5 T24 T27``);
every other mention is a singleton. Its id is ``C`` + the number of its lowest-numbered
member, the same in every version of an article.

``DocumentRecord``: one real-world event of one document, the merge of its coreferent event
mentions (``annotations/records/<doc_id>.json``), with its arguments as sets of clusters.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import re as _re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Protocol, Sequence


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


# --------------------------------------------------------------------------- reading

FILE_KEYS = ("doc_id", "records")
"""The keys of a records file (``annotations/records/<doc_id>.json``, GUIDELINES 3.2)."""
RECORD_KEYS = ("id", "events", "date", "date_evidence", "realis", "note")
"""The keys of one record of a records file; ``id`` and ``events`` are required."""
RECORDS_DIR = "records"
"""The folder of the records files, inside the annotations folder."""
_ONE_DATE = r"(?:[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?|XXXX-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)"
DATE_PATTERN = rf"^{_ONE_DATE}(?:/(?:{_ONE_DATE}|\.\.))?$"
"""The dates of records (GUIDELINES 3.2), gold and predicted: ISO 8601 ``2020-08-12``,
``2020-08``, ``2020``; ISO 8601-2 (EDTF) with the year unspecified, ``XXXX-08-12``,
``XXXX-08``; an interval of two of these, ``2020-02-20/2020-04-19``, or open at the end,
``2023/..``."""
_ISO_DATE = _re.compile(DATE_PATTERN)


class _Span(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...


class _Argument(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def ref(self) -> str: ...


class _Event(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def realis(self) -> Optional[str]: ...
    @property
    def arguments(self) -> Sequence[Any]: ...


def id_number(ident: str) -> int:
    """The number of a brat or record id (``T24`` -> 24, ``C5`` -> 5); -1 when there is none."""
    digits = _re.sub(r"^\D+", "", ident)
    return int(digits) if digits.isdigit() else -1


def cluster_id(members: Iterable[str]) -> str:
    """``C`` + the number of the lowest-numbered member (``T24``, ``T5`` -> ``C5``)."""
    return f"C{min(id_number(m) for m in members)}"


def sorted_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """Ids in numeric order (``C5`` before ``C24``), each once."""
    return tuple(sorted(set(ids), key=lambda i: (id_number(i), i)))


def build_clusters(doc_id: str, mentions: Sequence[_Span], equivalences: Iterable[Sequence[str]],
                   norms: Mapping[str, str]) -> list[Cluster]:
    """Every cluster of a document (GUIDELINES 3.1): the equivalence lines' member lists
    (merged where they share a mention), every other mention a singleton; members in
    document order, clusters in order of first mention. ``mentions``: the entity and ITEM
    spans; ``norms``: T id -> ``DB:ID``. Ids no mention has are left out (``bench validate``
    reports them); a cluster's type and norm are its first member's (the validator reports
    members that differ)."""
    by_id = {m.id: m for m in mentions}
    parent = {m.id: m.id for m in mentions}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for members in equivalences:
        known = [m for m in members if m in by_id]
        for other in known[1:]:
            parent[find(other)] = find(known[0])
    groups: dict[str, list[Any]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, id_number(m.id))):
        groups.setdefault(find(m.id), []).append(m)
    clusters = []
    for members in groups.values():
        first = members[0]
        norm = next((norms[m.id] for m in members if m.id in norms), None)
        clusters.append(Cluster(cluster_id(m.id for m in members), doc_id, first.type, norm,
                                tuple(m.id for m in members), tuple(m.text for m in members)))
    return clusters


def is_iso_date(value: object) -> bool:
    """A record date as ``DATE_PATTERN`` writes it, every day a real calendar day (a day with
    the year unspecified checked against a leap year), an interval's start not after its end."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return False
    parts = [p for p in value.split("/") if p != ".."]
    keys = []
    for part in parts:
        year, *rest = part.split("-")
        month, day = (int(rest[0]) if rest else 1), (int(rest[1]) if len(rest) > 1 else 1)
        try:
            _dt.date(2000 if year == "XXXX" else int(year), month, day)
        except ValueError:
            return False
        keys.append(part)
    if len(keys) == 2 and "XXXX" not in value and keys[0] > keys[1][:len(keys[0])]:
        return False
    return True


@dataclass(frozen=True)
class RawRecord:
    """One record as its file gives it (before the events and clusters are resolved)."""

    id: str
    events: tuple[str, ...]
    date: Optional[str] = None
    date_evidence: Optional[str] = None
    realis: Optional[str] = None
    note: str = ""
    line: int = 0  # where the record starts in its file (1-based; 0 when unknown)


@dataclass(frozen=True)
class RecordsFile:
    doc_id: str
    records: tuple[RawRecord, ...]


def _line_of(text: str, ident: str) -> int:
    m = _re.search(r'"id"\s*:\s*' + _re.escape(_json.dumps(ident)), text)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def parse_records(text: str, path: str = "<records>") -> RecordsFile:
    """Read the text of a records file (GUIDELINES 3.2). ``InputError`` naming the file,
    line and problem for anything that is not one: bad JSON, a missing or misspelt key (with
    a did-you-mean), a value of the wrong kind."""
    from citydiplo.errors import InputError
    from citydiplo.formats.strict import closest

    def unknown(key: str, known: tuple[str, ...], where: str, line: int) -> InputError:
        hint = closest(key, known)
        return InputError(path, line, f"{where}unknown key {key[:60]!r}" + (f"; did you mean {hint!r}?" if hint else "")
                          + f" (keys: {', '.join(known)})")

    try:
        data = _json.loads(text)
    except (ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", 0)
        raise InputError(path, line, f"not JSON: {str(exc)[:200]}") from None
    if not isinstance(data, dict):
        raise InputError(path, 1, 'expected an object {"doc_id": ..., "records": [...]}')
    for key in data:
        if key not in FILE_KEYS:
            raise unknown(str(key), FILE_KEYS, "", 1)
    doc_id, raw = data.get("doc_id"), data.get("records")
    if not isinstance(doc_id, str):
        raise InputError(path, 1, "'doc_id' must be the document id (a string)")
    if not isinstance(raw, list):
        raise InputError(path, 1, "'records' must be a list of records")
    records = []
    for k, rec in enumerate(raw):
        where = f"records[{k}]"
        if not isinstance(rec, dict):
            raise InputError(path, 0, f"{where}: a record is an object")
        ident = rec.get("id")
        line = _line_of(text, ident) if isinstance(ident, str) else 0
        where = f"{where} ({ident})" if isinstance(ident, str) else where
        for key in rec:
            if key not in RECORD_KEYS:
                raise unknown(str(key), RECORD_KEYS, f"{where}: ", line)
        if not isinstance(ident, str) or not ident:
            raise InputError(path, line, f"{where}: 'id' must be a record id such as 'R1'")
        events = rec.get("events")
        if not isinstance(events, list) or not events or not all(isinstance(e, str) for e in events):
            raise InputError(path, line, f"{where}: 'events' must be a non-empty list of event ids ('E1', ...)")
        for key in ("date", "date_evidence", "realis"):
            if rec.get(key) is not None and not isinstance(rec[key], str):
                raise InputError(path, line, f"{where}: {key!r} must be a string or null")
        if not isinstance(rec.get("note", ""), str):
            raise InputError(path, line, f"{where}: 'note' must be a string")
        records.append(RawRecord(ident, tuple(events), rec.get("date"), rec.get("date_evidence"), rec.get("realis"),
                                 rec.get("note", ""), line))
    return RecordsFile(doc_id, tuple(records))


def build_records(doc_id: str, raw: Iterable[RawRecord], events: Sequence[_Event],
                  clusters: Sequence[Cluster]) -> list[DocumentRecord]:
    """The event records of a document (GUIDELINES 3.2): type and realis from the merged
    event mentions (the record's ``realis`` overrides), arguments derived per base role as
    the sorted ids of the clusters that fill it in any merged mention. Event ids no mention
    has are left out (``bench validate`` reports them); records in file order."""
    from citydiplo.formats.model import base_role

    by_id = {e.id: e for e in events}
    cluster_of = {m: c.id for c in clusters for m in c.mentions}
    out = []
    for rec in raw:
        merged = sorted((by_id[e] for e in dict.fromkeys(rec.events) if e in by_id),
                        key=lambda e: (e.start, id_number(e.id)))
        if not merged:
            continue
        roles: dict[str, list[str]] = {}
        for e in merged:
            for arg in e.arguments:
                if arg.ref in cluster_of:
                    roles.setdefault(base_role(arg.role), []).append(cluster_of[arg.ref])
        realis = rec.realis or next((e.realis for e in merged if e.realis), None) or ""
        out.append(DocumentRecord(rec.id, doc_id, merged[0].type, realis, rec.date, tuple(e.id for e in merged),
                               {role: sorted_ids(ids) for role, ids in roles.items()}, rec.date_evidence, rec.note))
    return out
