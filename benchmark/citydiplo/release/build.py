"""Build the Hub-ready dataset directory from the corpus and its gold annotations.

Layout of the built directory (``dataset/`` by default)::

    README.md                  dataset card: YAML metadata (configs, features) + description
    LICENSE.md                 the licence terms (annotations CC BY 4.0; texts the publishers')
    croissant.json             Croissant 1.0 metadata
    ner/test.jsonl             one row per sentence, IOB2 tags on two levels
    events/test.jsonl          one row per sentence, events and relations in token spans
    documents/test.jsonl       one row per document, everything in character offsets
    records/test.jsonl         one row per document-level event record (arguments as clusters)
    entities/test.jsonl        flat tables derived from `documents`: one row per entity
    event_mentions/test.jsonl  mention, event mention, argument (with its event's id) and
    arguments/test.jsonl       relation
    relations/test.jsonl

Every span is a pair of ``*_start``/``*_end`` fields, half-open: token indices in ``ner``
and ``events``, character offsets in the others.

The build is made from one ``Benchmark`` (``citydiplo.corpus.benchmark.load_benchmark``);
its data version is the benchmark's ``content_hash``: sha256 over the corpus, its
metadata, the schema and the gold.

Only documents with a gold file ``annotations/<doc_id>.ann`` are released: a document
without one would otherwise read as a document without entities. Rows are pure functions
of the documents; files are written in a fixed order with fixed JSON formatting, so that
building twice gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

from citydiplo.release import meta as release
from citydiplo.release.card import CardInputs, ConfigFile, render_card
from citydiplo.corpus.benchmark import Benchmark, load_benchmark
from citydiplo.corpus.project import project_root
from citydiplo.release.croissant import render_croissant
from citydiplo.files import MARKER, replace_tree
from citydiplo.release.features import CONFIGS, OPTIONAL_CONFIGS, SPLIT, TABLE_CONFIGS, config_features
from citydiplo.release.tables import flat_tables
from citydiplo.release.translations import loss_tables, losses_markdown, read_losses
from citydiplo.formats.model import Document, sentence_id
from citydiplo.formats.records import SentenceRecord, token_span
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


def events_row(doc: Document, rec: SentenceRecord) -> dict:
    """The events and relations of one sentence with their document ids, spans as
    ``*_start``/``*_end`` token indices (the same layout as ``documents``, in tokens)."""
    events = []
    for ev in doc.events:
        trigger = token_span(rec.tokens, ev.start, ev.end)
        if trigger is None:
            continue
        args = []
        for a in ev.arguments:
            span = token_span(rec.tokens, a.start, a.end)
            if span is not None:
                args.append({"role": a.role, "ref": a.ref, "start": span[0], "end": span[1]})
        events.append({"id": ev.id, "type": ev.type, "trigger_start": trigger[0], "trigger_end": trigger[1],
                       "realis": ev.realis, "arguments": args})
    spans = {e.id: (e.start, e.end) for e in doc.entities}
    relations = []
    for r in doc.relations:
        a1, a2 = (token_span(rec.tokens, *spans[x]) if x in spans else None for x in (r.arg1, r.arg2))
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
        "clusters": [{"id": c.id, "type": c.type, "norm": c.norm, "mentions": list(c.mentions)} for c in doc.clusters],
    }


def record_rows(doc: Document) -> list[dict]:
    """The ``records`` rows of one document: each record with, per role, its clusters'
    ids, norms and mention strings."""
    clusters = {c.id: c for c in doc.clusters}
    return [
        {"doc_id": doc.id, "language": doc.language, "id": r.id, "type": r.type, "realis": r.realis,
         "date": r.date, "date_evidence": r.date_evidence, "events": list(r.events),
         "arguments": [
             {"role": role, "clusters": [{"id": c, "norm": clusters[c].norm, "mentions": list(clusters[c].texts)}
                                         for c in ids if c in clusters]}
             for role, ids in r.arguments.items()
         ],
         "note": r.note}
        for r in doc.event_records
    ]


def parallel_rows(bench: Benchmark) -> list[dict]:
    """One row per sentence of every version of every article with gold (the ``parallel``
    track: by article, the original first): the ``ner`` and ``events`` columns, the sentence's
    entity mentions by id, and which article, version and original sentence it belongs to.
    Ids are the brat ids, which a translation shares with its original (the alignment ids)."""
    track = bench.track("parallel")
    out = []
    for doc in track.documents:
        version_of = doc.id if doc.original else (doc.meta.translated_from or "")
        renders: dict[int, list[int]] = {}
        for i, j in ((k, k) for k in range(len(doc.meta.sentences))) if doc.original else doc.meta.alignment:
            renders.setdefault(i, []).append(j)
        for rec in track.document_records(doc.id):
            tokens = rec.tokens
            entities = []
            for e in doc.entities:
                span = token_span(tokens, e.start, e.end)
                if span is not None:
                    entities.append({"id": e.id, "type": e.type, "start": span[0], "end": span[1], "text": e.text,
                                     "level": e.level, "norm_db": e.norm_db, "norm_id": e.norm_id})
            ner, ev = ner_row(rec, doc.text), events_row(doc, rec)
            out.append({
                "id": rec.id, "doc_id": rec.doc_id, "language": rec.language, "article": doc.article,
                "original": doc.original, "version_of": version_of,
                "aligned_to": [sentence_id(version_of, j + 1) for j in sorted(renders.get(rec.index - 1, []))],
                "tokens": ner["tokens"], "ner_tags": ner["ner_tags"], "ner_tags_inner": ner["ner_tags_inner"],
                "text": ner["text"], "start": ner["start"], "token_starts": ner["token_starts"],
                "token_ends": ner["token_ends"], "entities": entities, "events": ev["events"],
                "relations": ev["relations"],
            })
    return out


def jsonl(rows: list[dict]) -> bytes:
    """JSON Lines with a fixed format: UTF-8, keys in row order, one ``\\n`` per row."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


# --------------------------------------------------------------------------- release


def rows(bench: Benchmark, config: str) -> list[dict]:
    """The rows of one config, built from the benchmark's test documents."""
    docs = {d.id: d for d in bench.documents}
    if config == "ner":
        return [ner_row(r, docs[r.doc_id].text) for r in bench.records.values()]
    if config == "events":
        return [events_row(docs[r.doc_id], r) for r in bench.records.values()]
    if config == "documents":
        return [document_row(d) for d in bench.documents]
    if config == "records":
        return [row for d in bench.documents for row in record_rows(d)]
    if config in TABLE_CONFIGS:
        return flat_tables(rows(bench, "documents"))[config]
    if config == "parallel":
        return parallel_rows(bench)
    raise ValueError(f"unknown config {config!r}")


def stats(bench: Benchmark) -> Stats:
    """Composition counts of the released documents (and the size of the whole corpus), and
    the sentences of the ``parallel`` config when the release has translations."""
    st = compute_stats([d.id for d in bench.corpus], bench.documents,
                       {d.id: bench.document_records(d.id) for d in bench.documents})
    if translations_of(bench):
        st.parallel_sentences.update(r.language for r in bench.track("parallel").records.values())
    return st


def require_documents(bench: Benchmark) -> Benchmark:
    """Refuse to release nothing: raise unless some document has gold annotations."""
    return bench.require_documents("there is nothing to release; only annotated documents are released")


def translations_of(rel: Benchmark) -> list[Document]:
    """The translations the build releases (in the ``parallel`` config)."""
    return [d for d in rel.track("parallel").documents if not d.original]


def card_inputs(rel: Benchmark) -> CardInputs:
    """Leaderboard (``results/*.json``), agreement block (DATASHEET.md) and example rows."""
    from citydiplo.text import read_block
    from citydiplo.scoring.report import leaderboard_table
    from citydiplo.scoring.results_files import read_results

    leaderboard = agreement = losses = translation_agreement = None
    if rel.root is not None:  # the project: results/, DATASHEET.md and the losses table feed the card
        results = rel.root / "results"
        if results.is_dir() and any(results.glob("*.json")):
            leaderboard = leaderboard_table(read_results(results))
        datasheet = rel.root / "DATASHEET.md"
        if datasheet.is_file():
            sheet = datasheet.read_text(encoding="utf-8")
            agreement = read_block(sheet, "agreement")
            translation_agreement = read_block(sheet, "translation-agreement")
        tables = loss_tables(rel.root)
        if tables and translations_of(rel):
            losses = losses_markdown([row for path in tables for row in read_losses(path)])
    sentence = next((r for r in rows(rel, "events") if any(e["arguments"] for e in r["events"])), None)
    examples: list[tuple[str, dict]] = []
    if sentence is not None:
        examples.append(("events", sentence))
        for config in ("event_mentions", "arguments", "entities"):
            matching = [r for r in rows(rel, config) if r["sentence_id"] == sentence["id"]]
            if matching:
                examples.append((config, matching[0]))
    return CardInputs(leaderboard, agreement, tuple(examples), losses, translation_agreement,
                      rel.track("parallel").content_hash)


def dataset_files(rel: Benchmark) -> dict[str, bytes]:
    """The built directory as relative path -> bytes: data files, card and Croissant."""
    require_documents(rel)
    features = {c: config_features(c, rel.inventory) for c in CONFIGS}
    files: dict[str, bytes] = {}
    config_files = []
    for config in CONFIGS:
        config_rows = rows(rel, config)
        if not config_rows and config in OPTIONAL_CONFIGS:
            continue  # no document has the layer yet: no config rather than one without data
        data = jsonl(config_rows)
        files[data_path(config)] = data
        config_files.append(ConfigFile(config, data_path(config), len(config_rows), len(data)))
    sha = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    # the languages of the files: the originals', then the translations' (the `parallel` config)
    languages = list(dict.fromkeys(rel.languages + [d.language for d in translations_of(rel)]))
    card = render_card(config_files, features, stats(rel), rel.documents, rel.inventory,
                       rel.version, rel.content_hash, card_inputs(rel), languages)
    croissant = render_croissant(config_files, sha, features, rel.inventory, languages, rel.version,
                                 rel.content_hash)
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
            for p in sorted(directory.rglob("*")) if p.is_file() and p.relative_to(directory).as_posix() != MARKER}


def stale_paths(directory: Path, files: dict[str, bytes]) -> list[str]:
    """Paths that differ between a built directory and what it should hold (missing,
    changed, or extra); empty when the directory is up to date."""
    current = tree_files(directory)
    return sorted(p for p in set(current) | set(files) if current.get(p) != files.get(p))


def _legacy_build(files: dict[str, bytes]) -> Callable[[Path], bool]:
    """A build written before folders carried a marker: its card is ours and every file
    in it is one a build writes (no user's file is lost by replacing it)."""
    def ok(directory: Path) -> bool:
        card = directory / CARD
        return (card.is_file() and f"pretty_name: {release.PRETTY_NAME}"
                in card.read_text(encoding="utf-8", errors="replace")
                and all(p.is_dir() or p.relative_to(directory).as_posix() in files for p in directory.rglob("*")))
    return ok


def write_tree(directory: Path, files: dict[str, bytes]) -> None:
    """Replace ``directory`` by exactly ``files``, never leaving a half-written or mixed
    build, and never two builds at once (``citydiplo.files.replace_tree``); a folder
    ``bench build`` did not write (no marker, or foreign files) is refused."""
    replace_tree(directory, files, what="build", legacy=_legacy_build(files))


def build(root: Path | None = None, out: Path | None = None) -> tuple[Path, Benchmark, dict[str, bytes]]:
    """Build the dataset of the project at ``root`` into ``out`` (default ``<root>/dataset``)."""
    root = Path(root) if root else project_root()
    out = Path(out) if out else root / "dataset"
    rel = load_benchmark(root)
    files = dataset_files(rel)
    write_tree(out, files)
    return out, rel, files
