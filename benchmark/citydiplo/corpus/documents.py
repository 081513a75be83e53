"""The corpus on disk: documents, provenance, sentences and gold annotations.

Layout (under the project root)::

    seeds/<seed>.txt, seeds/SHA256SUMS   the raw articles, byte for byte
    corpus/recipe.json                   hand-decided cleaning and sentence corrections
    corpus/<doc_id>.txt, <doc_id>.json   the cleaned text and its metadata (built)
    annotations/<doc_id>.ann             gold standoff annotations over corpus/<doc_id>.txt
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

from citydiplo.corpus import sentences as sent
from citydiplo.formats.brat import parse_ann
from citydiplo.corpus.cleaning import Removal, clean
from citydiplo.errors import InputError
from citydiplo.files import read_text
from citydiplo.formats.model import (
    Annotations,
    Argument,
    Document,
    DocumentMeta,
    EntityMention,
    EventMention,
    Relation,
    SEED_FIELDS,
    TRANSLATION_FIELDS,
    Sentence,
    article_of,
    base_role,
)
from citydiplo.formats.bio import nesting_levels
from citydiplo.formats.schema import Schema, load_schema
from citydiplo.corpus.project import project_root, sha256_text

# --------------------------------------------------------------------------- ids

DOC_ID = re.compile(r"[0-9]{3}-[a-z]{2,3}")
PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def id_problem(doc_id: object, language: object = None) -> str | None:
    """Why ``doc_id`` is not a safe document id (None when it is): ids name files under
    corpus/, annotations/ and every output folder, so they must be plain names (no ``/``,
    no ``..``, not absolute) of the recipe's form ``NNN-<language>``."""
    if not isinstance(doc_id, str) or not PLAIN_NAME.fullmatch(doc_id) or ".." in doc_id:
        return f"the document id {str(doc_id)[:60]!r} is not a plain name (letters, digits, '-', '_', '.'; no '/' or '..')"
    if not DOC_ID.fullmatch(doc_id):
        return f"the document id {doc_id!r} does not have the recipe's form NNN-<language> (e.g. 000-lv)"
    if language is not None and doc_id.split("-", 1)[1] != language:
        return f"the document id {doc_id!r} does not end in its language {str(language)[:20]!r}"
    return None


def check_doc_id(doc_id: object, where: str) -> str:
    """``doc_id`` if it is a safe document id, else ``InputError``."""
    problem = id_problem(doc_id)
    if problem:
        raise InputError(where, 0, problem)
    return str(doc_id)


# --------------------------------------------------------------------------- building


def build_document(seed_bytes: bytes, entry: dict) -> tuple[str, DocumentMeta]:
    """Clean one seed according to its recipe entry: the document text and its metadata."""
    seed = seed_bytes.decode("utf-8")
    removals = [Removal(r["first"], r["last"], r["reason"]) for r in entry["removals"]]
    cleaned = clean(seed, removals)
    proposal = sent.propose(cleaned.text)
    sentences = sent.apply_corrections(
        cleaned.text, proposal, entry.get("sentence_joins", []), entry.get("sentence_splits", [])
    )
    meta = DocumentMeta(
        id=entry["id"],
        language=entry["language"],
        script=entry["script"],
        title=entry.get("title"),
        publisher=entry.get("publisher"),
        date=entry.get("date"),
        seed_file=entry["seed"],
        seed_sha256=sha256_text(seed_bytes),
        provenance=[(p[0], p[1]) for p in cleaned.provenance],
        removals=cleaned.removals,
        sentences=sentences,
    )
    return cleaned.text, meta


def meta_to_json(meta: DocumentMeta) -> str:
    """The metadata record of ``corpus/<doc_id>.json``: an original (built from a seed)
    carries no translation fields, a translation no seed fields."""
    data = asdict(meta)
    data["provenance"] = [list(p) for p in meta.provenance]
    data["sentences"] = [[s.start, s.end] for s in meta.sentences]
    data["alignment"] = [list(p) for p in meta.alignment]
    for name in TRANSLATION_FIELDS if meta.original else SEED_FIELDS:
        del data[name]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def meta_from_json(text: str, path: str = "<meta>") -> DocumentMeta:
    """Read a metadata record; an unknown key is an ``InputError``, like a missing one."""
    try:
        data = json.loads(text)
        data["provenance"] = [(int(a), int(b)) for a, b in data.get("provenance", [])]
        data["sentences"] = [Sentence(s, e) for s, e in data["sentences"]]
        data["alignment"] = [(int(a), int(b)) for a, b in data.get("alignment", [])]
        meta = DocumentMeta(**data)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise InputError(path, 0, f"not a document metadata record: {str(exc)[:200]}") from None
    if not isinstance(meta.original, bool):
        raise InputError(path, 0, "not a document metadata record: 'original' must be true or false")
    if meta.original and meta.seed_file is None:
        raise InputError(path, 0, "not a document metadata record: an original needs its seed_file "
                                  "(a translation says original: false and translated_from)")
    return meta


def read_recipe(root: Path) -> list[dict]:
    path = root / "corpus" / "recipe.json"
    try:
        return json.loads(read_text(path))["documents"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise InputError(str(path), 0, f"cannot read the corpus recipe: {exc}") from None


def built_files(root: Path) -> dict[str, str]:
    """What ``corpus/`` should contain: file name -> content, built from seeds and recipe."""
    files = {}
    for entry in read_recipe(root):
        text, meta = build_document((root / "seeds" / entry["seed"]).read_bytes(), entry)
        files[f"{meta.id}.txt"] = text
        files[f"{meta.id}.json"] = meta_to_json(meta)
    return files


# --------------------------------------------------------------------------- reading


def document_ids(root: Path | None = None) -> list[str]:
    root = root or project_root()
    return [entry["id"] for entry in read_recipe(root)]


def read_document(doc_id: str, root: Path | None = None, annotations_dir: Path | None = None,
                  schema: Schema | None = None) -> Document:
    """Read a corpus document; with gold annotations when its ``.ann`` file exists (read
    with ``schema``, by default the project's ``annotations/annotation.conf``, whichever
    directory the ``.ann`` file comes from)."""
    root = root or project_root()
    check_doc_id(doc_id, str(root / "corpus" / "recipe.json"))
    base = root / "corpus" / doc_id
    if not base.with_suffix(".txt").exists():
        raise InputError(str(base.with_suffix(".txt")), 0, f"no document {doc_id!r} in the corpus")
    text = read_text(base.with_suffix(".txt"))
    meta = meta_from_json(read_text(base.with_suffix(".json")), str(base.with_suffix(".json")))
    doc = Document(meta, text)
    ann_path = (annotations_dir or root / "annotations") / f"{doc_id}.ann"
    if ann_path.exists():
        ann = parse_ann(read_text(ann_path), str(ann_path))
        attach(doc, ann, schema if schema is not None else load_schema(root / "annotations"))
    return doc


def read_corpus(root: Path | None = None, annotations_dir: Path | None = None,
                schema: Schema | None = None, ids: list[str] | None = None) -> list[Document]:
    """The originals (the recipe's documents, in its order), or the documents ``ids``."""
    root = root or project_root()
    ids = document_ids(root) if ids is None else ids
    ann_dir = annotations_dir or root / "annotations"
    if schema is None and any((ann_dir / f"{d}.ann").exists() for d in ids):
        schema = load_schema(root / "annotations")
    return [read_document(d, root, annotations_dir, schema) for d in ids]


def translation_ids(root: Path | None = None) -> list[str]:
    """The ids of the translations: the corpus documents not built from a seed, i.e. every
    ``corpus/<NNN>-<lang>.json`` that the recipe does not list and that says
    ``original: false`` (``bench validate`` checks the rest of it), by article, then id."""
    root = project_root(root)
    built = set(document_ids(root))
    found = []
    for path in (root / "corpus").glob("*.json"):
        if path.stem in built or not DOC_ID.fullmatch(path.stem):
            continue
        try:
            data = json.loads(read_text(path))
        except (InputError, ValueError, RecursionError):
            continue  # not a metadata record: nothing reads it
        if isinstance(data, dict) and data.get("original") is False:
            found.append(path.stem)
    return sorted(found, key=lambda d: (article_of(d), d))


def version_order(doc: Document) -> tuple[str, bool, str]:
    """Sort key of the versions of the articles: by article, the original first, then by
    language."""
    return doc.article, not doc.original, doc.language


def read_translations(root: Path | None = None, annotations_dir: Path | None = None,
                      schema: Schema | None = None) -> list[Document]:
    """Every translation in the corpus (``translation_ids``), with gold where it has a
    ``.ann`` file; an original-looking record there is an ``InputError``."""
    root = project_root(root)
    docs = read_corpus(root, annotations_dir, schema, translation_ids(root))
    for d in docs:
        if not d.meta.translated_from:
            raise InputError(str(root / "corpus" / f"{d.id}.json"), 0, "a translation (original: false) must say "
                             "translated_from; run `bench validate`")
    return docs


def gold_ids(root: Path | None = None) -> set[str]:
    """Ids of the documents that have a gold annotation file."""
    return {p.stem for p in (project_root(root) / "annotations").glob("*.ann")}


def test_documents(root: Path | None = None, corpus: list[Document] | None = None) -> list[Document]:
    """The test set: the corpus documents that have gold annotations, in corpus order.
    The evaluator scores exactly these and the release publishes exactly these; a document
    without a gold file would otherwise read as one without entities."""
    gold = gold_ids(root)
    return [d for d in (read_corpus(root) if corpus is None else corpus) if d.id in gold]


# --------------------------------------------------------------------------- gold


def attach(doc: Document, ann: Annotations, schema: Schema) -> Document:
    """Fill a document's semantic layer from its standoff annotations: the schema's
    named-entity types are entities, its free argument spans (ITEM) items."""
    tb = {t.id: t for t in ann.textbounds}
    norms = {n.target: n for n in ann.normalizations}
    attrs = {(a.target, a.name): a.value for a in ann.attributes}
    ner, free = set(schema.ner_types), set(schema.argument_span_types)
    ents = [t for t in ann.textbounds if t.type in ner]
    levels = nesting_levels([(t.start, t.end) for t in ents])
    doc.entities = [
        EntityMention(
            t.id, t.type, t.start, t.end, t.text, level,
            norms[t.id].db if t.id in norms else None,
            norms[t.id].db_id if t.id in norms else None,
        )
        for t, level in zip(ents, levels)
    ]
    doc.items = [t for t in ann.textbounds if t.type in free]
    doc.events = []
    for e in ann.events:
        trig = tb.get(e.trigger)
        if trig is None:
            continue  # the validator reports unresolved references
        args = tuple(
            Argument(base_role(role), ref, tb[ref].start, tb[ref].end, tb[ref].text, tb[ref].type)
            for role, ref in e.args
            if ref in tb
        )
        doc.events.append(
            EventMention(e.id, e.type, trig.id, trig.start, trig.end, trig.text, attrs.get((e.id, "Realis")), args)
        )
    doc.relations = [
        Relation(r.id, r.type, r.arg1, r.arg2, attrs.get((r.id, "Status"))) for r in ann.relations
    ]
    return doc
