"""Reading any system's output: the four prediction formats, one path into the scorer.

``tokens`` files are read as before (``citydiplo.formats.predictions``). ``strings``
records are resolved to ``chars`` records (``citydiplo.formats.strings``), ``brat``
directories are read into ``chars`` records (``citydiplo.formats.chars.ann_to_chars``),
and ``chars`` records are snapped to token spans sentence by sentence
(``chars_to_predictions``): every format ends as the same checked ``Prediction`` objects,
and what resolving and snapping did is counted in an ``InputReport`` (the results'
``input`` block). This module is the I/O edge; the converters are pure.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from citydiplo.errors import InputError
from citydiplo.files import read_text
from citydiplo.formats.brat import ann_line_numbers, parse_ann
from citydiplo.formats.chars import AlignmentReport, ann_to_chars, chars_to_predictions, shift_record
from citydiplo.formats.hints import record_hint, whole_file_hint
from citydiplo.formats.detect import FORMATS, record_format, stream_format
from citydiplo.formats.labels import LabelMap, foreign_label
from citydiplo.formats.model import Document
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.predictions import (
    GoldShape,
    Prediction,
    check_stream,
    covered,
    decode_line,
    iter_lines,
)
from citydiplo.formats.strict import check_keys
from citydiplo.formats.string_tuples import StringTuples, from_strings
from citydiplo.formats.strings import StringsReport, check_string_labels, resolve_strings


@dataclass
class InputReport:
    """The format a system's output was read in and what turning it into token spans did."""

    format: str
    alignment: AlignmentReport = field(default_factory=AlignmentReport)
    strings: StringsReport | None = None
    answers: dict[str, StringTuples] = field(default_factory=dict)
    """strings format: the string-track tuples of each record as written, by its unit id
    (a document id, or a sentence id for a sentence record): the scorer's ``string_answers``."""

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"format": self.format, "alignment": self.alignment.to_dict()}
        if self.strings is not None:
            out["strings"] = self.strings.to_dict()
        return out


def _document_records(records: Iterable[tuple[int, Any]], documents: dict[str, Document], inv: Inventory,
                      path: str, report: InputReport) -> Iterator[tuple[int, Prediction]]:
    """chars or strings records (per document, or per sentence for strings) -> predictions."""
    for lineno, data in records:
        if not isinstance(data, dict):
            raise InputError(path, lineno, f"a prediction must be a JSON object, found {type(data).__name__}")
        doc_id, only = data.get("doc_id"), None
        if not isinstance(doc_id, str):
            sid = data.get("id")
            if not isinstance(sid, str):
                raise InputError(path, lineno, "the record has no string 'doc_id' (or sentence 'id')")
            doc_id, _, index = sid.rpartition("-")
            doc = documents.get(doc_id)
            if doc is None or not (index.isascii() and index.isdigit()) or not 1 <= int(index) <= len(doc.meta.sentences):
                raise InputError(path, lineno, f"unknown sentence id {sid!r}")
            only = int(index) - 1
            if report.format == "chars":  # offsets into the sentence
                sentence = doc.meta.sentences[only]
                data = shift_record(data, sentence.start, sentence.end - sentence.start, path, lineno, sid)
        doc = documents.get(doc_id)
        if doc is None:
            raise InputError(path, lineno, f"unknown document id {doc_id!r} (known: {', '.join(documents)})")
        check_keys(data, report.format, path, lineno, str(data.get("doc_id") or data.get("id")))
        if report.format == "strings":
            assert report.strings is not None  # made with the report for the strings format
            check_string_labels(data, inv, path, lineno)
            report.answers[doc_id if only is None else data["id"]] = from_strings(data)
            scope = doc.meta.sentences[only] if only is not None else None
            data, resolved = resolve_strings(data, doc.text, doc.meta.sentences, scope, path=path, lineno=lineno)
            report.strings.merge(resolved)
        preds, aligned = chars_to_predictions(data, doc, inv, path, lineno, only)
        report.alignment.merge(aligned)
        for pred in preds:
            yield lineno, pred


def _named(records: Iterable[tuple[int, Any]], path: str, inv: Inventory,
           label_map: LabelMap | None) -> Iterator[tuple[int, Any]]:
    """The records, stopping at one that is something else (a results file, spaCy tuples,
    another tagger's labels without a label map) with a message that says what it is,
    before any generic check."""
    for lineno, data in records:
        hint = record_hint(data)
        if hint is None and label_map is None:
            hint = foreign_label(data, inv.ner_types)
        if hint is not None:
            raise InputError(path, lineno, hint)
        yield lineno, data


def _decoded(name: str) -> Iterator[tuple[int, Any]]:
    """Decoded records of a JSON Lines file; a first line that is not JSON but a file that
    is (pretty-printed, an array, a results file) says so."""
    first = True
    for lineno, line in iter_lines(name):
        try:
            data = decode_line(name, lineno, line)
        except InputError:
            hint = whole_file_hint(Path(name).read_text(encoding="utf-8", errors="replace")) if first else None
            if hint is not None:
                raise InputError(name, lineno, hint) from None
            raise
        first = False
        yield lineno, data


def predictions_from_records(records: Iterable[tuple[int, Any]], documents: list[Document],
                             shapes: dict[str, GoldShape], inv: Inventory, path: str,
                             fmt: str | None = None, label_map: LabelMap | None = None
                             ) -> tuple[Iterator[Prediction], InputReport]:
    """Checked predictions from numbered decoded records in any JSON format (``fmt``:
    ``tokens``, ``chars`` or ``strings``; ``None``: detected from the content); ``label_map``
    turns another tagger's entity labels into the schema's first."""
    records = _named(records, path, inv, label_map)
    if fmt is None:
        head: list[tuple[int, Any]] = []
        for item in records:
            head.append(item)
            if record_format(item[1]) is not None:
                break
        fmt = stream_format(d for _, d in head)
        records = itertools.chain(head, records)
    if fmt not in ("tokens", "chars", "strings"):
        raise InputError(path, 0, f"{fmt!r} is not a JSON Lines format (tokens, chars, strings); brat is a directory")
    report = InputReport(fmt, strings=StringsReport() if fmt == "strings" else None)
    if label_map is not None:
        records = ((lineno, label_map.record(data)) for lineno, data in records)
    if fmt == "tokens":
        return check_stream(records, shapes, inv, path), report
    docs = {d.id: d for d in documents}
    return covered(_document_records(records, docs, inv, path, report), shapes, path), report


def read_file(path: Path, documents: list[Document], shapes: dict[str, GoldShape], inv: Inventory,
              fmt: str | None = None, label_map: LabelMap | None = None) -> tuple[Iterator[Prediction], InputReport]:
    """A JSON Lines predictions file in any JSON format, streamed."""
    name = str(path)
    return predictions_from_records(_decoded(name), documents, shapes, inv, name, fmt, label_map)


def is_brat_dir(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*.ann"))


def read_brat_dir(path: Path, documents: list[Document], shapes: dict[str, GoldShape],
                  inv: Inventory, label_map: LabelMap | None = None) -> tuple[Iterator[Prediction], InputReport]:
    """A directory of ``<doc_id>.ann`` files over the benchmark's texts, one per document."""
    known = {d.id for d in documents}
    extra = sorted(p.name for p in path.glob("*.ann") if p.stem not in known)
    if extra:
        raise InputError(str(path / extra[0]), 0, f"no document {Path(extra[0]).stem!r} in the test set "
                                                   f"(known: {', '.join(sorted(known))})")
    missing = [d.id for d in documents if not (path / f"{d.id}.ann").is_file()]
    if missing:
        raise InputError(str(path), 0, f"{len(missing)} document(s) have no .ann file: {', '.join(missing)}")
    report = InputReport("brat")

    def records() -> Iterator[tuple[int, Prediction]]:
        for doc in documents:
            ann_path = path / f"{doc.id}.ann"
            text = read_text(ann_path)
            record = ann_to_chars(parse_ann(text, str(ann_path)), doc, inv, str(ann_path), ann_line_numbers(text),
                                  check_labels=label_map is None)
            if label_map is not None:
                record = label_map.record(record)
            preds, aligned = chars_to_predictions(record, doc, inv, str(ann_path))
            report.alignment.merge(aligned)
            for pred in preds:
                yield 0, pred

    return covered(records(), shapes, str(path)), report


def read_path(path: Path, documents: list[Document], shapes: dict[str, GoldShape], inv: Inventory,
              fmt: str | None = None, label_map: LabelMap | None = None) -> tuple[Iterator[Prediction], InputReport]:
    """A predictions file (tokens, chars, strings) or a brat directory; ``fmt`` forces one."""
    if fmt == "records":
        raise InputError(str(path), 0, "a records file (document-level event records) has no spans to read here: "
                                       "score it with `bench evaluate FILE --input-format records`")
    if fmt is not None and fmt not in FORMATS:
        raise InputError(str(path), 0, f"unknown input format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if path.is_dir():
        if fmt not in (None, "brat") or not is_brat_dir(path):
            raise InputError(str(path), 0, "a directory of predictions must hold brat <doc_id>.ann files")
        return read_brat_dir(path, documents, shapes, inv, label_map)
    if fmt == "brat":
        raise InputError(str(path), 0, "brat predictions are a directory of <doc_id>.ann files")
    return read_file(path, documents, shapes, inv, fmt, label_map)
