"""``bench view``: a self-contained static HTML site of the annotations and a system's errors.

This module reads what a site is built from (documents, predictions, passes, results),
asks ``citydiplo.viewer.pages`` for every page and writes them. Every page is one HTML
string rendered from autoescaping Jinja2 templates: inline CSS, one small inline script
(allowed by its hash in the page's Content-Security-Policy, which also forbids every
fetch), no fonts, no external resources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from citydiplo.annotation.agreement import agreement_figures, compare_passes  # noqa: F401 (re-exported)
from citydiplo.errors import InputError
from citydiplo.formats.model import Document
from citydiplo.formats.predictions import Inventory, Prediction, read_predictions
from citydiplo.formats.records import sentence_shapes
from citydiplo.formats.schema import NER_TYPES, Schema
from citydiplo.scoring.doc_errors import (  # noqa: F401 (re-exported)
    DocErrors,
    PredictedDoc,
    PredictedEvent,
    doc_errors,
    predicted_doc,
    strict_token_spans,
)
from citydiplo.viewer.assets import CSP, CSS, SCRIPT, SCRIPT_HASH  # noqa: F401 (re-exported)
from citydiplo.viewer.marks import Mark, render_marks  # noqa: F401 (re-exported)
from citydiplo.viewer.pages import compare_page, doc_page, errors_page, index_page
from citydiplo.viewer.results import LANGUAGES, f1_tables, results_section  # noqa: F401 (re-exported)


def read_site_predictions(path: Path, corpus: Sequence[Document], schema: Schema) -> dict[str, list[Prediction]]:
    """Read and check a predictions file as ``bench evaluate`` does: doc id -> predictions."""
    by_doc: dict[str, list[Prediction]] = {}
    for pred in read_predictions(str(path), sentence_shapes(corpus), Inventory.from_schema(schema)):
        by_doc.setdefault(pred.id.rsplit("-", 1)[0], []).append(pred)
    return by_doc


@dataclass
class SiteInput:
    """Everything one site is built from, already read from disk."""

    docs: list[Document]
    predictions: Optional[dict[str, PredictedDoc]] = None
    passes: Optional[dict[str, tuple[Document, Document]]] = None
    pass_names: tuple[str, str] = ("A", "B")
    results: Any = None
    gold_name: str = ""
    languages: Sequence[str] = LANGUAGES
    types: Sequence[str] = NER_TYPES


def site_pages(inp: SiteInput) -> dict[str, str]:
    """File name -> HTML for the whole site."""
    files: dict[str, str] = {}
    pages = {d.id: ("",) + ((".errors",) if inp.predictions is not None else ())
             + ((".compare",) if inp.passes is not None and d.id in inp.passes else ()) for d in inp.docs}
    errors: Optional[dict[str, Optional[DocErrors]]] = None
    if inp.predictions is not None:
        errors = {}
    for doc in inp.docs:
        files[f"{doc.id}.html"] = doc_page(doc, pages[doc.id])
        if inp.predictions is not None and errors is not None:
            pred = inp.predictions.get(doc.id) or PredictedDoc(doc.id)
            files[f"{doc.id}.errors.html"] = errors_page(doc, pred, pages[doc.id])
            errors[doc.id] = doc_errors(doc, pred) if pred.sentences else None
    disagreements = None
    if inp.passes is not None:
        disagreements = {}
        for doc_id, (a, b) in inp.passes.items():
            files[f"{doc_id}.compare.html"] = compare_page(a, b, inp.pass_names, pages.get(doc_id, ("", ".compare")))
            disagreements[doc_id] = len(compare_passes(a, b).rows)
    results_html = "" if inp.results is None else results_section(inp.results, inp.languages, inp.types)
    files["index.html"] = index_page(inp.docs, pages, errors, disagreements, results_html, inp.pass_names,
                                     inp.gold_name)
    return files


def load_site_input(root: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
                    results_path: Optional[Path] = None, predictions_path: Optional[Path] = None,
                    compare: Optional[tuple[Path, Path]] = None) -> SiteInput:
    """Read the documents, predictions, passes and results a site is built from."""
    from citydiplo.corpus.documents import document_ids, gold_ids, read_document
    from citydiplo.formats.schema import load_schema

    all_ids = document_ids(root)
    ids = list(doc_ids) or all_ids
    docs = [read_document(d, root, annotations_dir) for d in ids]
    types: list[str] = list(NER_TYPES)
    schema: Optional[Schema] = None
    try:  # the schema lives in annotations/ whichever directory the gold is read from
        schema = load_schema(root / "annotations")
        types += [t for t in list(schema.event_types) + list(schema.relations) if t not in types]
    except InputError:
        if predictions_path is not None:
            raise
    languages = list(dict.fromkeys(list(LANGUAGES) + [d.language for d in docs]))
    inp = SiteInput(docs, languages=languages, types=types,
                    gold_name=str(annotations_dir) if annotations_dir else "annotations/")
    if predictions_path is not None:
        by_id = {d.id: d for d in docs}
        tested = gold_ids(root)  # the test set (as bench evaluate has it): what predictions cover
        corpus = [by_id.get(d_id) or read_document(d_id, root, annotations_dir) for d_id in all_ids if d_id in tested]
        assert schema is not None
        by_doc = read_site_predictions(predictions_path, corpus, schema)
        inp.predictions = {d.id: predicted_doc(d, by_doc.get(d.id, [])) for d in docs}
    if compare is not None:
        dir_a, dir_b = compare
        for d in (dir_a, dir_b):
            if not d.is_dir():
                raise InputError(str(d), 0, "not a directory of .ann files")
        inp.pass_names = (str(dir_a), str(dir_b))
        inp.passes = {}
        for d in docs:
            if (dir_a / f"{d.id}.ann").exists() or (dir_b / f"{d.id}.ann").exists():
                inp.passes[d.id] = (read_document(d.id, root, dir_a), read_document(d.id, root, dir_b))
    if results_path is not None:
        try:
            inp.results = json.loads(results_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(str(results_path), 0, f"cannot read results JSON: {exc}") from None
    return inp


def write_site(out: Path, files: dict[str, str]) -> list[Path]:
    """Write every page atomically under ``out`` (created if needed)."""
    from citydiplo.files import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in sorted(files.items()):
        write_atomic(out / name, content)
        paths.append(out / name)
    return paths


def make_site(root: Path, out: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
              results_path: Optional[Path] = None, predictions_path: Optional[Path] = None,
              compare: Optional[tuple[Path, Path]] = None) -> list[Path]:
    """Read, render and write the site; return the written paths."""
    inp = load_site_input(root, doc_ids, annotations_dir, results_path, predictions_path, compare)
    return write_site(out, site_pages(inp))
