"""Plain-file exports of the gold data: CoNLL and JSON Lines, per language and for all.

CoNLL (the CoNLL-2003 layout that most NER tools read): one ``token<TAB>tag`` line per
token (with ``--inner``, a third column holds the inner-level tag), a blank line after
each sentence, and a ``-DOCSTART- <doc_id>`` line (followed by a blank line) at the start
of every document. Each sentence starts with a ``# id = <sentence id>`` comment line, as
in CoNLL-U, so that a prediction made on the export can be traced back (a reader without
comment support can drop lines that start with ``# ``). JSON Lines: one object per sentence in the predictions format of the benchmark
(``id``, ``ner_tags``, ``ner_tags_inner``, ``events``, ``relations``; spans are
``[first, last_exclusive)`` token indices) plus ``doc_id``, ``language`` and ``tokens``.

Writers and readers are pure functions over strings; ``export_files`` names the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, record_to_prediction_json

DOCSTART = "-DOCSTART-"
ID_COMMENT = "# id = "
FORMATS = ("conll", "jsonl", "textee")


@dataclass(frozen=True)
class ConllSentence:
    """Tokens with their outer tags and, optionally, their inner tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    inner: tuple[str, ...] | None = None
    id: str | None = None  # sentence id, written as a `# id = ...` comment
    doc_id: str | None = None  # written on the document's -DOCSTART- line


def is_tag(tag: str) -> bool:
    """``O``, ``B-<type>`` or ``I-<type>`` (any type name without whitespace)."""
    prefix, sep, kind = tag.partition("-")
    return tag == "O" or (bool(sep and kind) and prefix in ("B", "I") and not any(c.isspace() for c in kind))


def _check_cell(cell: str, what: str) -> None:
    if not cell or any(ch.isspace() for ch in cell):
        raise ValueError(f"a CoNLL {what} must be non-empty and contain no whitespace: {cell!r}")
    if what == "tag" and not is_tag(cell):
        raise ValueError(f"{cell!r} is not an IOB2 tag")


def _check_id(ident: str | None, what: str) -> None:
    if ident is not None and (not ident or any(ch.isspace() for ch in ident)):
        raise ValueError(f"a {what} must be non-empty and contain no whitespace: {ident!r}")


def write_conll(documents: list[list[ConllSentence]]) -> str:
    """CoNLL text for documents of sentences; every sentence has the same number of columns.
    A document's id is its sentences' ``doc_id`` (they must agree)."""
    lines: list[str] = []
    columns = None
    for sentences in documents:
        for s in sentences:
            width = 2 if s.inner is None else 3
            if columns is not None and width != columns:
                raise ValueError("all sentences need inner tags, or none")
            columns = width
        doc_ids = {s.doc_id for s in sentences}
        if len(doc_ids) > 1:
            raise ValueError(f"the sentences of one document name {len(doc_ids)} document ids")
        doc_id = next(iter(doc_ids), None)
        _check_id(doc_id, "document id")
        lines += ["\t".join([DOCSTART + (f" {doc_id}" if doc_id else "")] + ["O"] * ((columns or 2) - 1)), ""]
        for s in sentences:
            _check_id(s.id, "sentence id")
            if s.id is not None:
                lines.append(ID_COMMENT + s.id)
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

    Sentences before the first ``-DOCSTART-`` form a document of their own. ``# id = ...``
    comment lines name the next sentence; other ``# `` comment lines are skipped.
    """
    documents: list[list[ConllSentence]] = []
    current: list[ConllSentence] | None = None
    rows: list[list[str]] = []
    columns = None
    doc_id: str | None = None
    sentence: str | None = None

    def flush() -> None:
        nonlocal current, sentence
        if rows:
            if current is None:
                current = []
                documents.append(current)
            cols = list(zip(*rows))
            current.append(ConllSentence(cols[0], cols[1], cols[2] if len(cols) > 2 else None, sentence, doc_id))
            rows.clear()
            sentence = None

    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            flush()
            continue
        if line.startswith("# ") and "\t" not in line:
            if rows:
                raise InputError(path, lineno, "a comment line inside a sentence")
            if line.startswith(ID_COMMENT):
                sentence = line[len(ID_COMMENT):].strip() or None
            continue
        cells = line.split("\t")
        head = cells[0].split(" ")
        if head[0] == DOCSTART:
            flush()
            current = []
            documents.append(current)
            doc_id = head[1] if len(head) > 1 and head[1] else None
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
                         tuple(rec.ner_tags_inner) if inner else None, rec.id, rec.doc_id)


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


def export_files(documents: list[list[SentenceRecord]], fmt: str, inner: bool = False,
                 gold: list[Document] | None = None) -> dict[str, str]:
    """File name -> content: ``all.<fmt>`` and one ``<language>.<fmt>`` per language
    (``.json`` for TextEE, whose files are JSON Lines under that name).

    ``documents`` holds the sentence records of each document, in release order; the
    TextEE format also needs the gold ``Document`` of each (``gold``, same order), for
    the entity, event and relation ids.
    """
    if fmt == "textee":
        from citydiplo.release.textee import write_textee

        if gold is None or len(gold) != len(documents):
            raise ValueError("the textee export needs the gold document of every record list")
        tgroups: dict[str, list] = {"all": []}
        for doc, recs in zip(gold, documents):
            if recs:
                tgroups["all"].append((doc, recs))
                tgroups.setdefault(doc.language, []).append((doc, recs))
        return {f"{name}.json": write_textee(docs) for name, docs in tgroups.items()}
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected {' or '.join(FORMATS)})")
    groups: dict[str, list[list[SentenceRecord]]] = {"all": []}
    for records in documents:
        if records:
            groups["all"].append(records)
            groups.setdefault(records[0].language, []).append(records)
    if fmt == "conll":
        return {f"{name}.conll": write_conll([[conll_sentence(r, inner) for r in d] for d in docs])
                for name, docs in groups.items()}
    return {f"{name}.jsonl": write_jsonl(docs) for name, docs in groups.items()}


def is_export(directory: Path) -> bool:
    """An existing folder ``bench export`` may replace: empty, or one it wrote (its marker
    ``citydiplo.files.MARKER`` names ``bench export`` and lists every file in it)."""
    from citydiplo.files import foreign_entries

    return not foreign_entries(Path(directory), "export")[0]
