"""Build the Hub-ready dataset directory from the corpus and its gold annotations.

Layout of the built directory (``dataset/`` by default)::

    README.md                  dataset card: YAML metadata (configs, features) + description
    LICENSE.md                 the licence terms (annotations CC BY 4.0; texts the publishers')
    croissant.json             Croissant 1.0 metadata
    ner/test.jsonl             one row per sentence, IOB2 tags on two levels
    events/test.jsonl          one row per sentence, events and relations in token spans
    documents/test.jsonl       one row per document, everything in character offsets
    entities/test.jsonl        flat tables derived from `documents`: one row per entity
    event_mentions/test.jsonl  mention, event mention, argument (with its event's id) and
    arguments/test.jsonl       relation
    relations/test.jsonl

Every span is a pair of ``*_start``/``*_end`` fields, half-open: token indices in ``ner``
and ``events``, character offsets in the others.

The data version is ``content_hash`` (``citydiplo.corpus.documents.content_hash``, re-exported here
for the evaluator): sha256 over the corpus, its metadata, the schema and the gold.

Only documents with a gold file ``annotations/<doc_id>.ann`` are released: a document
without one would otherwise read as a document without entities. Rows are pure functions
of the documents; files are written in a fixed order with fixed JSON formatting, so that
building twice gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from citydiplo.version import DATASET_VERSION
from citydiplo.release import meta as release
from citydiplo.release.card import CardInputs, ConfigFile, render_card
from citydiplo.corpus.documents import read_corpus, test_documents
from citydiplo.corpus.project import content_hash, project_root
from citydiplo.release.croissant import render_croissant
from citydiplo.errors import InputError
from citydiplo.files import replace_tree
from citydiplo.release.features import CONFIGS, SPLIT, TABLE_CONFIGS, Labels, config_features, labels_from_schema
from citydiplo.release.tables import flat_tables
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, sentence_records
from citydiplo.formats.schema import load_schema
from citydiplo.release.stats import Stats, compute_stats

CARD = "README.md"
CROISSANT = "croissant.json"


def data_path(config: str) -> str:
    """Where a config's rows live inside the built directory."""
    return f"{config}/{SPLIT}.jsonl"


# --------------------------------------------------------------------------- rows


def ner_row(rec: SentenceRecord, doc_text: str) -> dict:
    return {
        "id": rec.id, "doc_id": rec.doc_id, "language": rec.language,
        "tokens": [t.text for t in rec.tokens],
        "ner_tags": list(rec.ner_tags), "ner_tags_inner": list(rec.ner_tags_inner),
        "text": doc_text[rec.start:rec.end], "start": rec.start,
        "token_starts": [t.start - rec.start for t in rec.tokens], "token_ends": [t.end - rec.start for t in rec.tokens],
    }


def _token_span(rec: SentenceRecord, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets as ``[first, last_exclusive)`` token indices of the sentence."""
    first = next((i for i, t in enumerate(rec.tokens) if t.start == start), None)
    last = next((i for i, t in enumerate(rec.tokens) if t.end == end), None)
    return None if first is None or last is None or last < first else (first, last + 1)


def events_row(doc: Document, rec: SentenceRecord) -> dict:
    """The events and relations of one sentence with their document ids, spans as
    ``*_start``/``*_end`` token indices (the same layout as ``documents``, in tokens)."""
    events = []
    for ev in doc.events:
        trigger = _token_span(rec, ev.start, ev.end) if rec.start <= ev.start and ev.end <= rec.end else None
        if trigger is None:
            continue
        args = []
        for a in ev.arguments:
            span = _token_span(rec, a.start, a.end)
            if span is not None:
                args.append({"role": a.role, "ref": a.ref, "start": span[0], "end": span[1]})
        events.append({"id": ev.id, "type": ev.type, "trigger_start": trigger[0], "trigger_end": trigger[1],
                       "realis": ev.realis, "arguments": args})
    spans = {e.id: (e.start, e.end) for e in doc.entities}
    relations = []
    for r in doc.relations:
        a1, a2 = (_token_span(rec, *spans[x]) if x in spans else None for x in (r.arg1, r.arg2))
        if a1 is not None and a2 is not None:
            relations.append({"id": r.id, "type": r.type, "arg1": r.arg1, "arg2": r.arg2, "arg1_start": a1[0],
                              "arg1_end": a1[1], "arg2_start": a2[0], "arg2_end": a2[1], "status": r.status})
    return {
        "id": rec.id, "doc_id": rec.doc_id, "language": rec.language,
        "tokens": [t.text for t in rec.tokens], "events": events, "relations": relations,
    }


def document_row(doc: Document) -> dict:
    m = doc.meta
    return {
        "id": m.id, "language": m.language, "script": m.script, "title": m.title,
        "publisher": m.publisher, "date": m.date, "seed_file": m.seed_file, "seed_sha256": m.seed_sha256,
        "provenance": [{"start": s, "end": e} for s, e in m.provenance],
        "removals": [
            {"seed_start": r["seed_start"], "seed_end": r["seed_end"], "first_line": r["lines"][0],
             "last_line": r["lines"][1], "reason": r["reason"], "text": r["text"]}
            for r in m.removals
        ],
        "text": doc.text,
        "sentences": [{"start": s.start, "end": s.end} for s in m.sentences],
        "entities": [
            {"id": e.id, "type": e.type, "start": e.start, "end": e.end, "text": e.text, "level": e.level,
             "norm_db": e.norm_db, "norm_id": e.norm_id}
            for e in doc.entities
        ],
        "items": [{"id": t.id, "start": t.start, "end": t.end, "text": t.text} for t in doc.items],
        "events": [
            {
                "id": ev.id, "type": ev.type, "trigger_start": ev.start, "trigger_end": ev.end,
                "trigger": ev.trigger, "realis": ev.realis,
                "arguments": [
                    {"role": a.role, "ref": a.ref, "start": a.start, "end": a.end, "text": a.text,
                     "filler_type": a.filler_type}
                    for a in ev.arguments
                ],
            }
            for ev in doc.events
        ],
        "relations": [
            {"id": r.id, "type": r.type, "arg1": r.arg1, "arg2": r.arg2, "status": r.status}
            for r in doc.relations
        ],
    }


def jsonl(rows: list[dict]) -> bytes:
    """JSON Lines with a fixed format: UTF-8, keys in row order, one ``\\n`` per row."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


# --------------------------------------------------------------------------- release


@dataclass
class Release:
    """Everything a build is made from."""

    corpus: list[Document]  # every corpus document, annotated or not
    documents: list[Document]  # the released ones: those with gold annotations
    records: dict[str, list[SentenceRecord]]
    labels: Labels
    version: str
    content_hash: str
    root: Path | None = None  # the project: results/ and DATASHEET.md feed the card

    def rows(self, config: str) -> list[dict]:
        if config == "ner":
            return [ner_row(r, d.text) for d in self.documents for r in self.records[d.id]]
        if config == "events":
            return [events_row(d, r) for d in self.documents for r in self.records[d.id]]
        if config == "documents":
            return [document_row(d) for d in self.documents]
        if config in TABLE_CONFIGS:
            return flat_tables(self.rows("documents"))[config]
        raise ValueError(f"unknown config {config!r}")

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys(d.language for d in self.documents))

    def stats(self) -> Stats:
        return compute_stats([d.id for d in self.corpus], self.documents, self.records)

    def require_documents(self) -> None:
        """Refuse to release nothing: raise unless some document has gold annotations."""
        if not self.documents:
            raise InputError("annotations/", 0, "no gold annotation file (<doc_id>.ann) yet: there is nothing "
                                                "to release; only annotated documents are released")


def load_release(root: Path | None = None, version: str = DATASET_VERSION) -> Release:
    """Read corpus, schema and gold annotations under ``root`` into a ``Release``."""
    root = Path(root) if root else project_root()
    schema = load_schema(root / "annotations")
    corpus = read_corpus(root)
    documents = test_documents(root, corpus)
    records = {}
    for doc in documents:
        try:
            records[doc.id] = sentence_records(doc)
        except ValueError as exc:
            raise InputError(str(root / "annotations" / f"{doc.id}.ann"), 0,
                             f"{exc}; run `bench validate`") from None
    return Release(corpus, documents, records, labels_from_schema(schema), version, content_hash(root), root)


def card_inputs(rel: Release) -> CardInputs:
    """Leaderboard (``results/*.json``), agreement block (DATASHEET.md) and example rows."""
    from citydiplo.reports.blocks import read_block
    from citydiplo.reports.leaderboard import read_results, table

    leaderboard = agreement = None
    if rel.root is not None:
        results = rel.root / "results"
        if results.is_dir() and any(results.glob("*.json")):
            leaderboard = table(read_results(results))
        datasheet = rel.root / "DATASHEET.md"
        if datasheet.is_file():
            agreement = read_block(datasheet.read_text(encoding="utf-8"), "agreement")
    sentence = next((r for r in rel.rows("events") if any(e["arguments"] for e in r["events"])), None)
    examples: list[tuple[str, dict]] = []
    if sentence is not None:
        examples.append(("events", sentence))
        for config in ("event_mentions", "arguments", "entities"):
            rows = [r for r in rel.rows(config) if r["sentence_id"] == sentence["id"]]
            if rows:
                examples.append((config, rows[0]))
    return CardInputs(leaderboard, agreement, tuple(examples))


def dataset_files(rel: Release) -> dict[str, bytes]:
    """The built directory as relative path -> bytes: data files, card and Croissant."""
    rel.require_documents()
    features = {c: config_features(c, rel.labels) for c in CONFIGS}
    files: dict[str, bytes] = {}
    config_files = []
    for config in CONFIGS:
        rows = rel.rows(config)
        data = jsonl(rows)
        files[data_path(config)] = data
        config_files.append(ConfigFile(config, data_path(config), len(rows), len(data)))
    sha = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    card = render_card(config_files, features, rel.stats(), rel.documents, rel.labels.event_types,
                       rel.version, rel.content_hash, card_inputs(rel))
    croissant = render_croissant(config_files, sha, features, rel.labels, rel.languages, rel.version, rel.content_hash)
    files[CARD] = card.encode("utf-8")
    files[release.LICENSE_LINK] = ("# Licence\n\n" + release.LICENSE_TEXT + "\n").encode("utf-8")
    files[CROISSANT] = croissant.encode("utf-8")
    return dict(sorted(files.items()))


# --------------------------------------------------------------------------- disk


def tree_files(directory: Path) -> dict[str, bytes]:
    """Every regular file under ``directory`` as relative posix path -> bytes."""
    if not directory.is_dir():
        return {}
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def stale_paths(directory: Path, files: dict[str, bytes]) -> list[str]:
    """Paths that differ between a built directory and what it should hold (missing,
    changed, or extra); empty when the directory is up to date."""
    current = tree_files(directory)
    return sorted(p for p in set(current) | set(files) if current.get(p) != files.get(p))


def _is_ours(directory: Path) -> bool:
    """An existing output directory may be replaced only when it is empty or a build."""
    if not directory.exists():
        return True
    if not directory.is_dir():
        return False
    card = directory / CARD
    return not any(directory.iterdir()) or (
        card.is_file() and f"pretty_name: {release.PRETTY_NAME}"
        in card.read_text(encoding="utf-8", errors="replace"))


def write_tree(directory: Path, files: dict[str, bytes]) -> None:
    """Replace ``directory`` by exactly ``files``, never leaving a half-written or mixed
    build, and never two builds at once (``citydiplo.files.replace_tree``)."""
    replace_tree(directory, files, _is_ours, what="build")


def build(root: Path | None = None, out: Path | None = None) -> tuple[Path, Release, dict[str, bytes]]:
    """Build the dataset of the project at ``root`` into ``out`` (default ``<root>/dataset``)."""
    root = Path(root) if root else project_root()
    out = Path(out) if out else root / "dataset"
    rel = load_release(root)
    files = dataset_files(rel)
    write_tree(out, files)
    return out, rel, files
