"""The ``records`` prediction format: document-level event records, span-free.

One JSON Lines record per document (``records.schema.json`` beside this module, generated
from ``annotation.conf`` by ``formats.json_schemas``)::

    {"doc_id": "000-lv",
     "records": [{"type": "MEET", "realis": "ACTUAL", "date": "2020-08-12",
                  "arguments": {"Participant": ["GeoNames:460413", "Igors Prelatovs"],
                                "Time": ["12. augustā"]}}]}

* ``type``: an event type of the inventory (required);
* ``realis``: one of the realis values, or absent/``null`` (not predicted);
* ``date``: ISO 8601 ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or absent/``null``;
* ``arguments``: role -> list of fillers, the roles those of the event type (base role
  names, as ``annotation.conf`` spells them). A filler is either an id of the gold's
  normalisation databases (``GeoNames:460413``, ``ISO3166:LV``) or any surface string of
  the entity (any of its mentions in the document, in any inflected form the text uses).
  Give one filler per entity: two strings of the same entity count as one right filler
  and one wrong one (``scoring.record_track``).

Every test document has one line (a document with no event has ``"records": []``); a
document twice, an unknown document, a misspelt key at any depth (``formats.strict``:
did-you-mean), a label outside the inventory, a role the type does not have or a date
that is not ISO 8601 is an ``InputError`` naming file and line (exit 2). ``PredictedRecord``
is the checked form; ``record_to_json`` its inverse. ``check_document`` with a
``problems`` list is the lenient reading of an LLM's answer: each malformed record is left
out and its problem noted, the rest kept.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from citydiplo.errors import InputError
from citydiplo.formats.doclevel import is_iso_date
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.string_tuples import normalise

FORMAT = "records"
QUOTES = "\"'`´ʼ«»„“”‟‘’‚‛‹›「」『』〝〞〟＂＇"
_NO_QUOTES = str.maketrans("", "", QUOTES)


@lru_cache(maxsize=1 << 16)
def filler_key(text: str) -> str:
    """The normalised string of a filler or a mention, by which fillers are compared
    (``scoring.record_track`` documents it): NFKC, every quotation mark in ``QUOTES``
    removed, then the string track's ``normalise`` (Arabic-script variants folded,
    casefold, whitespace folded, punctuation at either end stripped)."""
    return normalise(unicodedata.normalize("NFKC", text).translate(_NO_QUOTES))


@dataclass(frozen=True)
class PredictedRecord:
    """One predicted event record of a document: type, optional realis and date, and per
    role its fillers (ids or surface strings, as given, in order, without repeats)."""

    type: str
    realis: str | None = None
    date: str | None = None
    arguments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def record_to_json(record: PredictedRecord) -> dict:
    """The JSON object of one record (``check_record``'s inverse); absent fields left out."""
    out: dict[str, Any] = {"type": record.type}
    if record.realis is not None:
        out["realis"] = record.realis
    if record.date is not None:
        out["date"] = record.date
    out["arguments"] = {role: list(fillers) for role, fillers in record.arguments.items()}
    return out


def document_json(doc_id: str, records: Iterable[PredictedRecord]) -> dict:
    """One line of a ``records`` file."""
    return {"doc_id": doc_id, "records": [record_to_json(r) for r in records]}


class _Checker:
    """Checks one document's records; ``problems``: note and skip a bad record instead of raising."""

    def __init__(self, inv: Inventory, path: str, lineno: int, where: str, problems: list[str] | None) -> None:
        self.inv, self.path, self.lineno, self.where, self.problems = inv, path, lineno, where, problems

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, self.lineno, f"{self.where}: {problem}")

    def record(self, k: int, value: Any) -> PredictedRecord:
        name = f"records[{k}]"
        if not isinstance(value, Mapping):
            raise self.fail(f"{name} must be an object")
        etype = value.get("type")
        if not isinstance(etype, str) or etype not in self.inv.event_roles:
            raise self.fail(f"{name}.type {etype!r} is not one of {', '.join(self.inv.event_roles)}")
        realis = value.get("realis")
        if realis is not None and realis not in self.inv.realis:
            raise self.fail(f"{name}.realis {realis!r} is not one of {', '.join(self.inv.realis)} (or null)")
        date = value.get("date")
        if date is not None and not (isinstance(date, str) and is_iso_date(date)):
            raise self.fail(f"{name}.date {date!r} is not an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD (or null)")
        args = value.get("arguments", {})
        if not isinstance(args, Mapping):
            raise self.fail(f"{name}.arguments must be an object: role -> list of fillers")
        roles = self.inv.event_roles[etype]
        out: dict[str, tuple[str, ...]] = {}
        for role, fillers in args.items():
            if role not in roles:
                raise self.fail(f"{name}.arguments: {role!r} is not a role of {etype} ({', '.join(roles)})")
            if not isinstance(fillers, list):
                raise self.fail(f"{name}.arguments.{role} must be a list of fillers (ids or surface strings)")
            kept: list[str] = []
            for j, filler in enumerate(fillers):
                if not isinstance(filler, str) or not filler.strip():
                    raise self.fail(f"{name}.arguments.{role}[{j}] must be a non-empty string (an id such as "
                                    f"GeoNames:460413 or a surface string), found {filler!r}")
                if filler not in kept:
                    kept.append(filler)
            if kept:
                out[role] = tuple(kept)
        return PredictedRecord(etype, realis, date, out)

    def records(self, value: Any) -> list[PredictedRecord]:
        if not isinstance(value, list):
            raise self.fail("records must be a list of records")
        out = []
        for k, item in enumerate(value):
            try:
                out.append(self.record(k, item))
            except InputError as exc:
                if self.problems is None:
                    raise
                self.problems.append(exc.problem.removeprefix(f"{self.where}: "))
        return out


def check_records(value: Any, inv: Inventory, path: str = "<records>", lineno: int = 0, where: str = "?",
                  problems: list[str] | None = None) -> list[PredictedRecord]:
    """The checked records of a document's ``records`` list; with ``problems`` (an LLM's
    answer), a malformed record is noted there and left out instead of raising."""
    return _Checker(inv, path, lineno, where, problems).records(value)


def check_document(data: Any, inv: Inventory, known: Iterable[str], path: str, lineno: int
                   ) -> tuple[str, list[PredictedRecord]]:
    """One line of a ``records`` file, checked (strict: see the module docstring)."""
    from citydiplo.formats.strict import check_keys

    if not isinstance(data, dict):
        raise InputError(path, lineno, f"a records line must be a JSON object, found {type(data).__name__}")
    doc_id = data.get("doc_id")
    if not isinstance(doc_id, str):
        raise InputError(path, lineno, "the line has no string 'doc_id' (records are given per document)")
    known = tuple(known)
    if doc_id not in known:
        raise InputError(path, lineno, f"unknown document id {doc_id!r} (known: {', '.join(known)})")
    check_keys(data, FORMAT, path, lineno, doc_id)
    if "records" not in data:
        raise InputError(path, lineno, f"{doc_id}: no 'records' list (give \"records\": [] for no event)")
    return doc_id, check_records(data["records"], inv, path, lineno, doc_id)


def read_records(lines: Iterable[tuple[int, Any]], inv: Inventory, documents: Iterable[str], path: str
                 ) -> dict[str, list[PredictedRecord]]:
    """Every document's checked records from numbered decoded lines; each of ``documents``
    exactly once (an ``InputError`` naming the first one missing)."""
    known = tuple(documents)
    out: dict[str, list[PredictedRecord]] = {}
    for lineno, data in lines:
        doc_id, records = check_document(data, inv, known, path, lineno)
        if doc_id in out:
            raise InputError(path, lineno, f"document {doc_id!r} is given twice")
        out[doc_id] = records
    missing = [d for d in known if d not in out]
    if not out:
        raise InputError(path, 0, f"holds no records line; expected one per document ({', '.join(known)})")
    if missing:
        raise InputError(path, 0, f"{len(missing)} document(s) have no records line: {', '.join(missing)}")
    return out


def read_records_file(path: str, inv: Inventory, documents: Iterable[str]) -> dict[str, list[PredictedRecord]]:
    """A ``records`` JSON Lines file, checked."""
    from citydiplo.formats.predictions import decode_line, iter_lines

    return read_records(((n, decode_line(path, n, line)) for n, line in iter_lines(path)), inv, documents, path)


def is_records_line(data: Any) -> bool:
    """Whether a decoded line is in the ``records`` format (a ``records`` list beside ``doc_id``)."""
    return isinstance(data, Mapping) and "records" in data and "doc_id" in data


def first_line(path: str) -> Any:
    """The first decoded line of a JSON Lines file, or ``None`` (unreadable, empty, not JSON)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    return json.loads(line)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return None


def lines_of(records: Mapping[str, Iterable[PredictedRecord]]) -> Iterator[str]:
    """The lines of a ``records`` file, one per document, in the mapping's order."""
    for doc_id, recs in records.items():
        yield json.dumps(document_json(doc_id, recs), ensure_ascii=False)

