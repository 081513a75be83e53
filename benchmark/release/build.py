"""Build the Hub-ready dataset directory from the corpus and its gold annotations.

Layout of the built directory (``dataset/`` by default)::

    README.md                  dataset card: YAML metadata (configs, features) + description
    croissant.json             Croissant 1.0 metadata
    ner/test.jsonl             one row per sentence, IOB2 tags on two levels
    events/test.jsonl          one row per sentence, events and relations in token spans
    documents/test.jsonl       one row per document, everything in character offsets

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
from citydiplo.release.card import ConfigFile, render_card
from citydiplo.corpus.documents import read_corpus, test_documents
from citydiplo.corpus.project import content_hash, project_root
from citydiplo.release.croissant import render_croissant
from citydiplo.errors import InputError
from citydiplo.files import replace_tree
from citydiplo.release.features import CONFIGS, SPLIT, Labels, config_features, labels_from_schema
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, record_to_prediction_json, sentence_records
from citydiplo.formats.schema import load_schema
from citydiplo.release.stats import Stats, compute_stats

CARD = "README.md"
CROISSANT = "croissant.json"


def data_path(config: str) -> str:
    """Where a config's rows live inside the built directory."""
    return f"{config}/{SPLIT}.jsonl"


# --------------------------------------------------------------------------- rows


def ner_row(rec: SentenceRecord) -> dict:
    return {
        "id": rec.id, "doc_id": rec.doc_id, "language": rec.language,
        "tokens": [t.text for t in rec.tokens],
        "ner_tags": list(rec.ner_tags), "ner_tags_inner": list(rec.ner_tags_inner),
    }


def events_row(rec: SentenceRecord) -> dict:
    """Events and relations exactly as in a predictions record, plus the sentence."""
    pred = record_to_prediction_json(rec)
    return {
        "id": rec.id, "doc_id": rec.doc_id, "language": rec.language,
        "tokens": [t.text for t in rec.tokens],
        "events": pred["events"], "relations": pred["relations"],
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

    def rows(self, config: str) -> list[dict]:
        if config == "ner":
            return [ner_row(r) for d in self.documents for r in self.records[d.id]]
        if config == "events":
            return [events_row(r) for d in self.documents for r in self.records[d.id]]
        if config == "documents":
            return [document_row(d) for d in self.documents]
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
    return Release(corpus, documents, records, labels_from_schema(schema), version, content_hash(root))


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
                       rel.version, rel.content_hash)
    croissant = render_croissant(config_files, sha, features, rel.labels, rel.languages, rel.version, rel.content_hash)
    files[CARD] = card.encode("utf-8")
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
