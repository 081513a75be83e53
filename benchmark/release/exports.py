"""Plain-file exports of the gold data: CoNLL and JSON Lines, per language and for all.

CoNLL (the CoNLL-2003 layout that most NER tools read): one ``token<TAB>tag`` line per
token (with ``--inner``, a third column holds the inner-level tag), a blank line after
each sentence, and a ``-DOCSTART-`` line (followed by a blank line) at the start of every
document. JSON Lines: one object per sentence in the predictions format of the benchmark
(``id``, ``ner_tags``, ``ner_tags_inner``, ``events``, ``relations``; spans are
``[first, last_exclusive)`` token indices) plus ``doc_id``, ``language`` and ``tokens``.

Writers and readers are pure functions over strings; ``export_files`` names the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.formats.records import SentenceRecord, record_to_prediction_json

DOCSTART = "-DOCSTART-"
FORMATS = ("conll", "jsonl")


@dataclass(frozen=True)
class ConllSentence:
    """Tokens with their outer tags and, optionally, their inner tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    inner: tuple[str, ...] | None = None


def is_tag(tag: str) -> bool:
    """``O``, ``B-<type>`` or ``I-<type>`` (any type name without whitespace)."""
    prefix, sep, kind = tag.partition("-")
    return tag == "O" or (bool(sep and kind) and prefix in ("B", "I") and not any(c.isspace() for c in kind))


def _check_cell(cell: str, what: str) -> None:
    if not cell or any(ch.isspace() for ch in cell):
        raise ValueError(f"a CoNLL {what} must be non-empty and contain no whitespace: {cell!r}")
    if what == "tag" and not is_tag(cell):
        raise ValueError(f"{cell!r} is not an IOB2 tag")


def write_conll(documents: list[list[ConllSentence]]) -> str:
    """CoNLL text for documents of sentences; every sentence has the same number of columns."""
    lines: list[str] = []
    columns = None
    for sentences in documents:
        for s in sentences:
            width = 2 if s.inner is None else 3
            if columns is not None and width != columns:
                raise ValueError("all sentences need inner tags, or none")
            columns = width
        lines += ["\t".join([DOCSTART] + ["O"] * ((columns or 2) - 1)), ""]
        for s in sentences:
            if not s.tokens:
                raise ValueError("a CoNLL sentence needs at least one token")
            cols = [s.tokens, s.tags] + ([s.inner] if s.inner is not None else [])
            if len({len(c) for c in cols}) != 1:
                raise ValueError(f"{len(s.tokens)} tokens but {len(s.tags)} tags")
            for i, token in enumerate(s.tokens):
                if token == DOCSTART:
                    raise ValueError(f"the token {DOCSTART} cannot be written")
                row = [c[i] for c in cols]
                for cell, what in zip(row, ("token", "tag", "tag")):
                    _check_cell(cell, what)
                lines.append("\t".join(row))
            lines.append("")
    return "".join(line + "\n" for line in lines)


def read_conll(text: str, path: str = "<conll>") -> list[list[ConllSentence]]:
    """Parse CoNLL text written by ``write_conll`` (or any file in that layout).

    Sentences before the first ``-DOCSTART-`` form a document of their own.
    """
    documents: list[list[ConllSentence]] = []
    current: list[ConllSentence] | None = None
    rows: list[list[str]] = []
    columns = None

    def flush() -> None:
        nonlocal current
        if rows:
            if current is None:
                current = []
                documents.append(current)
            cols = list(zip(*rows))
            current.append(ConllSentence(cols[0], cols[1], cols[2] if len(cols) > 2 else None))
            rows.clear()

    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            flush()
            continue
        cells = line.split("\t")
        if cells[0] == DOCSTART:
            flush()
            current = []
            documents.append(current)
            continue
        if len(cells) not in (2, 3) or any(not c or c != c.strip() for c in cells):
            raise InputError(path, lineno, f"expected token<TAB>tag[<TAB>inner tag], found {line!r}")
        if columns is not None and len(cells) != columns:
            raise InputError(path, lineno, f"expected {columns} columns like the lines before, found {len(cells)}")
        columns = len(cells)
        for tag in cells[1:]:
            if not is_tag(tag):
                raise InputError(path, lineno, f"{tag!r} is not an IOB2 tag")
        rows.append(cells)
    flush()
    return documents


def conll_sentence(rec: SentenceRecord, inner: bool = False) -> ConllSentence:
    return ConllSentence(tuple(t.text for t in rec.tokens), tuple(rec.ner_tags),
                         tuple(rec.ner_tags_inner) if inner else None)


def sentence_json(rec: SentenceRecord) -> dict:
    """A sentence in the predictions format, with its tokens, document and language."""
    pred = record_to_prediction_json(rec)
    head = {"id": rec.id, "doc_id": rec.doc_id, "language": rec.language, "tokens": [t.text for t in rec.tokens]}
    return head | {k: v for k, v in pred.items() if k != "id"}


def write_jsonl(documents: list[list[SentenceRecord]]) -> str:
    return "".join(json.dumps(sentence_json(r), ensure_ascii=False) + "\n" for doc in documents for r in doc)


def read_jsonl(text: str, path: str = "<jsonl>") -> list[dict]:
    rows = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise InputError(path, lineno, f"not JSON: {exc}") from None
    return rows


def export_files(documents: list[list[SentenceRecord]], fmt: str, inner: bool = False) -> dict[str, str]:
    """File name -> content: ``all.<fmt>`` and one ``<language>.<fmt>`` per language.

    ``documents`` holds the sentence records of each document, in release order.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected {' or '.join(FORMATS)})")
    groups: dict[str, list[list[SentenceRecord]]] = {"all": []}
    for doc in documents:
        if doc:
            groups["all"].append(doc)
            groups.setdefault(doc[0].language, []).append(doc)
    if fmt == "conll":
        return {f"{name}.conll": write_conll([[conll_sentence(r, inner) for r in d] for d in docs])
                for name, docs in groups.items()}
    return {f"{name}.jsonl": write_jsonl(docs) for name, docs in groups.items()}


def is_export(directory: Path) -> bool:
    """An existing folder ``bench export`` may replace: empty, or only earlier exports in it."""
    return all(p.is_file() and not p.is_symlink() and p.suffix in (".conll", ".jsonl")
               for p in Path(directory).iterdir())
