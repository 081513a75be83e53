"""``bench view``: a self-contained static HTML site of the annotations and a system's errors.

This module reads what a site is built from (documents, predictions, passes, results),
asks ``citydiplo.viewer.pages`` for every page and writes them. Every page is one HTML
string rendered from autoescaping Jinja2 templates: inline CSS, one small inline script
(allowed by its hash in the page's Content-Security-Policy, which also forbids every
fetch), no fonts, no external resources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from citydiplo.annotation.agreement import compare_passes
from citydiplo.errors import InputError
from citydiplo.formats.model import Document
from citydiplo.evaluation.inputs import read_path
from citydiplo.formats.predictions import Inventory, Prediction, PredictionsDigest, read_predictions
from citydiplo.formats.records import sentence_shapes
from citydiplo.formats.schema import NER_TYPES, Schema
from citydiplo.scoring.doc_errors import (
    PredictedDoc,
    doc_errors,
    predicted_doc,
    who_gets_it_right,
)
from citydiplo.viewer.errors import error_rows
from citydiplo.viewer.pages import (
    all_errors_page,
    compare_page,
    diff_page,
    doc_page,
    errors_page,
    index_page,
    system_view,
)
from citydiplo.viewer.results import LANGUAGES, results_section


def read_site_predictions(path: Path, corpus: Sequence[Document], schema: Schema) -> dict[str, list[Prediction]]:
    """Read and check a tokens-format predictions file: doc id -> predictions."""
    by_doc: dict[str, list[Prediction]] = {}
    for pred in read_predictions(str(path), sentence_shapes(corpus), Inventory.from_schema(schema)):
        by_doc.setdefault(pred.id.rsplit("-", 1)[0], []).append(pred)
    return by_doc


@dataclass
class SystemInput:
    """One system's predictions, read and checked: its name (the file), what it predicted
    per document, and the fingerprint of its predictions."""

    name: str
    predictions: dict[str, PredictedDoc]
    sha256: str = ""


@dataclass
class SiteInput:
    """Everything one site is built from, already read from disk."""

    docs: list[Document]
    systems: list[SystemInput] = field(default_factory=list)
    passes: Optional[dict[str, tuple[Document, Document]]] = None
    pass_names: tuple[str, str] = ("A", "B")
    results: Any = None
    results_of: str = ""
    gold_name: str = ""
    languages: Sequence[str] = LANGUAGES
    types: Sequence[str] = NER_TYPES
    paired: Optional[dict] = None
    language_cis: dict = field(default_factory=dict)

    @property
    def predictions(self) -> Optional[dict[str, PredictedDoc]]:
        return self.systems[0].predictions if self.systems else None


SUFFIXES = (".errors", ".errors-b")
ALL_ERRORS = ("errors.html", "errors-b.html")


def site_pages(inp: SiteInput) -> dict[str, str]:
    """File name -> HTML for the whole site."""
    files: dict[str, str] = {}
    two = len(inp.systems) == 2
    labels = ("A", "B") if two else ("system",)
    pages = {d.id: ("",) + SUFFIXES[:len(inp.systems)] + ((".diff",) if two else ())
             + ((".compare",) if inp.passes is not None and d.id in inp.passes else ()) for d in inp.docs}
    for doc in inp.docs:
        files[f"{doc.id}.html"] = doc_page(doc, pages[doc.id])
        for i, system in enumerate(inp.systems):
            pred = system.predictions.get(doc.id) or PredictedDoc(doc.id)
            files[f"{doc.id}{SUFFIXES[i]}.html"] = errors_page(doc, pred, pages[doc.id], SUFFIXES[i],
                                                               f"{labels[i]} = {system.name}" if two else "")
    views = []
    for i, system in enumerate(inp.systems):
        rows = [r for doc in inp.docs
                for pred in [system.predictions.get(doc.id)] if pred is not None and pred.sentences
                for r in error_rows(doc, doc_errors(doc, pred))]
        files[ALL_ERRORS[i]] = all_errors_page(rows, len(inp.docs), system.name)
        views.append(system_view(labels[i], system.name, ALL_ERRORS[i], inp.docs, system.predictions))
    paired = None
    if two:
        diffs = []
        for doc in inp.docs:
            a, b = (s.predictions.get(doc.id) or PredictedDoc(doc.id) for s in inp.systems)
            found = who_gets_it_right(doc, doc_errors(doc, a), doc_errors(doc, b))
            files[f"{doc.id}.diff.html"] = diff_page(doc, found, (inp.systems[0].name, inp.systems[1].name),
                                                     pages[doc.id])
            diffs.append((doc.id, len(found)))
        if inp.paired is not None:
            paired = dict(inp.paired, diffs=diffs)
    disagreements = None
    if inp.passes is not None:
        disagreements = {}
        for doc_id, (a, b) in inp.passes.items():
            files[f"{doc_id}.compare.html"] = compare_page(a, b, inp.pass_names, pages.get(doc_id, ("", ".compare")))
            disagreements[doc_id] = len(compare_passes(a, b).rows)
    results_html = "" if inp.results is None else results_section(inp.results, inp.languages, inp.types,
                                                                   inp.results_of, inp.language_cis)
    files["index.html"] = index_page(inp.docs, pages, views, disagreements, results_html, inp.pass_names,
                                     inp.gold_name, paired)
    return files


def results_belong_to(results: Any, results_path: Path, systems: Sequence[SystemInput]) -> str:
    """The name of the system a results file belongs to; ``InputError`` when it is none of them.

    Decided by the predictions fingerprint ``bench evaluate`` stores; for results written
    without one, by the model name (the predictions file's name or stem).
    """
    if not isinstance(results, dict):
        raise InputError(str(results_path), 0, "results JSON must be an object")
    names = ", ".join(s.name for s in systems)
    stored = results.get("predictions", {}).get("sha256") if isinstance(results.get("predictions"), dict) else None
    model = results.get("model")
    if stored:
        for s in systems:
            if s.sha256 == stored:
                return s.name
        raise InputError(str(results_path), 0, f"these results (model {model!r}) are of other predictions than "
                                               f"{names} (predictions sha256 {stored[:12]}…); give the results "
                                               f"`bench evaluate` wrote for these predictions")
    for s in systems:
        if isinstance(model, str) and (model == s.name or Path(model).name == Path(s.name).name
                                       or model == Path(s.name).stem):
            return s.name
    raise InputError(str(results_path), 0, f"these results are of model {model!r}, not of {names} (and carry no "
                                           f"predictions sha256 to tell); give the results of these predictions")


# the per-language tables of a results JSON whose bars get per-language intervals, and their metric
LANGUAGE_TABLES = {
    "entities › outer › strict › per_language › micro": "entity_f1",
    "events › per_language › trigger_classification": "trigger_classification_f1",
    "events › per_language › argument_classification": "argument_classification_f1",
    "events › per_language › relation": "relation_f1",
}


def language_cis(predictions: Path, root: Path, samples: int) -> dict[str, dict[str, tuple[float, float]]]:
    """Per-language 95% intervals of the headline F1s of a system, keyed by results table path."""
    from citydiplo.evaluation.evaluate import load_gold, score_model
    from citydiplo.scoring.language_ci import language_intervals

    gold = load_gold(root)
    scorer = score_model(str(predictions), gold)
    language = {d.id: d.language for d in gold.documents}
    languages = [language[sid.rsplit("-", 1)[0]] for sid in scorer.ids]
    by_metric = language_intervals({k: scorer.table(k) for k in set(LANGUAGE_TABLES.values())}, languages, samples)
    return {path: by_metric[key] for path, key in LANGUAGE_TABLES.items()}


def load_site_input(root: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
                    results_path: Optional[Path] = None,
                    predictions_path: Union[None, Path, Sequence[Path]] = None,
                    compare: Optional[tuple[Path, Path]] = None, samples: int = 1000) -> SiteInput:
    """Read the documents, predictions (one or two systems), passes and results a site is built from."""
    from citydiplo.corpus.documents import document_ids, gold_ids, read_document
    from citydiplo.formats.schema import load_schema

    paths = [] if predictions_path is None else [predictions_path] if isinstance(predictions_path, Path) \
        else list(predictions_path)
    if len(paths) > 2:
        raise InputError(str(paths[2]), 0, "at most two predictions files (two systems side by side)")
    all_ids = document_ids(root)
    ids = list(doc_ids) or all_ids
    docs = [read_document(d, root, annotations_dir) for d in ids]
    types: list[str] = list(NER_TYPES)
    schema: Optional[Schema] = None
    try:  # the schema lives in annotations/ whichever directory the gold is read from
        schema = load_schema(root / "annotations")
        types += [t for t in list(schema.event_types) + list(schema.relations) if t not in types]
    except InputError:
        if paths:
            raise
    languages = list(dict.fromkeys(list(LANGUAGES) + [d.language for d in docs]))
    inp = SiteInput(docs, languages=languages, types=types,
                    gold_name=str(annotations_dir) if annotations_dir else "annotations/")
    if paths:
        by_id = {d.id: d for d in docs}
        tested = gold_ids(root)  # the test set (as bench evaluate has it): what predictions cover
        corpus = [by_id.get(d_id) or read_document(d_id, root, annotations_dir) for d_id in all_ids if d_id in tested]
        assert schema is not None
        shapes = sentence_shapes(corpus)
        for path in paths:
            digest = PredictionsDigest()
            by_doc: dict[str, list[Prediction]] = {}
            stream, _ = read_path(path, corpus, shapes, Inventory.from_schema(schema))  # any input format
            for pred in digest.wrap(stream):
                by_doc.setdefault(pred.id.rsplit("-", 1)[0], []).append(pred)
            inp.systems.append(SystemInput(str(path), {d.id: predicted_doc(d, by_doc.get(d.id, [])) for d in docs},
                                           digest.hexdigest()))
        if len(paths) == 2:
            from citydiplo.evaluation.evaluate import compare as paired_compare

            tests = paired_compare(str(paths[0]), str(paths[1]), root, samples)
            inp.paired = {"samples": samples, "tests": tests["tests"]}
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
        from citydiplo.files import read_text
        from citydiplo.reports.leaderboard import read_results_file

        try:
            inp.results = json.loads(read_text(results_path))
        except (OSError, ValueError, RecursionError) as exc:
            raise InputError(str(results_path), 0, f"cannot read results JSON: {str(exc)[:200]}") from None
        read_results_file(results_path)  # a results file of `bench evaluate --out`, not any JSON
        if inp.systems:
            inp.results_of = results_belong_to(inp.results, results_path, inp.systems)
            inp.language_cis = language_cis(Path(inp.results_of), root, samples)
    return inp


def is_site(directory: Path) -> bool:
    """An existing folder ``bench view`` may replace: empty, or a site it wrote (its marker
    ``citydiplo.files.MARKER`` names ``bench view`` and lists every page in it)."""
    from citydiplo.files import foreign_entries

    return not foreign_entries(Path(directory), "view")[0]


def write_site(out: Path, files: dict[str, str]) -> list[Path]:
    """Write the whole site as one swap into ``out`` (``citydiplo.files.replace_tree``):
    a reader never sees half a site, and no page lands outside ``out``."""
    from citydiplo.files import replace_tree

    out = Path(out)
    if not out.parent.exists():
        out.parent.mkdir(parents=True)
    replace_tree(out, files, what="site", command="view")
    return [out / name for name in sorted(files)]


def make_site(root: Path, out: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
              results_path: Optional[Path] = None, predictions_path: Union[None, Path, Sequence[Path]] = None,
              compare: Optional[tuple[Path, Path]] = None) -> list[Path]:
    """Read, render and write the site; return the written paths."""
    inp = load_site_input(root, doc_ids, annotations_dir, results_path, predictions_path, compare)
    return write_site(out, site_pages(inp))
