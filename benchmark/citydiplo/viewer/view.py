"""``bench view``: a self-contained static HTML site of the annotations and a system's errors.

This module reads what a site is built from (documents, predictions, passes) and is given
the figures (a system's ``Results``, the paired test of two systems) by its caller; it asks ``citydiplo.viewer.pages`` for every page and writes them. Every page is one HTML
string rendered from autoescaping Jinja2 templates: inline CSS, one small inline script
(allowed by its hash in the page's Content-Security-Policy, which also forbids every
fetch), no fonts, no external resources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence, Union

from citydiplo.errors import InputError
from citydiplo.formats.model import Document, article_of, parse_sentence_id
from citydiplo.formats.readers import read_path
from citydiplo.formats.predictions import Prediction, PredictionsDigest
from citydiplo.scoring.agreement import compare_passes
from citydiplo.scoring.doc_errors import (
    PredictedDoc,
    doc_errors,
    predicted_doc,
    who_gets_it_right,
)
from citydiplo.scoring.results import Results
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
from citydiplo.viewer.results import results_section
from citydiplo.viewer.versions import SUFFIX as VERSIONS, article_page, versions_page


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
    results: Optional[Results] = None
    results_of: str = ""
    gold_name: str = ""
    paired: Optional[dict] = None

    @property
    def predictions(self) -> Optional[dict[str, PredictedDoc]]:
        return self.systems[0].predictions if self.systems else None


SUFFIXES = (".errors", ".errors-b")
ALL_ERRORS = ("errors.html", "errors-b.html")


def article_versions(docs: Sequence[Document]) -> dict[str, list[Document]]:
    """The articles of the site that it shows in more than one version, its original among
    them: article -> versions, the original first, then by language."""
    by_article: dict[str, list[Document]] = {}
    for doc in docs:
        by_article.setdefault(doc.article, []).append(doc)
    return {article: sorted(versions, key=lambda d: (not d.original, d.language))
            for article, versions in by_article.items()
            if len(versions) > 1 and sum(d.original for d in versions) == 1}


def site_pages(inp: SiteInput) -> dict[str, str]:
    """File name -> HTML for the whole site."""
    files: dict[str, str] = {}
    two = len(inp.systems) == 2
    labels = ("A", "B") if two else ("system",)
    articles = article_versions(inp.docs)
    pages: dict[str, Sequence[str]] = {d.id: ("",) + SUFFIXES[:len(inp.systems)] + ((".diff",) if two else ())
             + ((".compare",) if inp.passes is not None and d.id in inp.passes else ())
             + ((VERSIONS,) if d.article in articles else ()) for d in inp.docs}
    for article, versions in articles.items():
        files[article_page(article)] = versions_page(
            versions, {d.id: d.meta.alignment for d in versions},
            {d.id: d.meta.translation for d in versions if d.meta.translation})
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
        for doc_id, (pass_a, pass_b) in inp.passes.items():
            files[f"{doc_id}.compare.html"] = compare_page(pass_a, pass_b, inp.pass_names,
                                                           pages.get(doc_id, ("", ".compare")))
            disagreements[doc_id] = len(compare_passes(pass_a, pass_b).rows)
    results_html = "" if inp.results is None else results_section(inp.results, inp.results_of)
    files["index.html"] = index_page(inp.docs, pages, views, disagreements, results_html, inp.pass_names,
                                     inp.gold_name, paired, {a: [d.id for d in v] for a, v in articles.items()})
    return files


def results_belong_to(results: Results, results_name: str, systems: Sequence[SystemInput]) -> str:
    """The name of the system a results file belongs to; ``InputError`` when it is none of them.

    Decided by the predictions fingerprint ``bench evaluate`` stores; for results written
    without one, by the model name (the predictions file's name or stem).
    """
    names = ", ".join(s.name for s in systems)
    provenance = results.extra.get("predictions")
    stored = provenance.get("sha256") if isinstance(provenance, dict) else None
    model = results.model
    if stored:
        for s in systems:
            if s.sha256 == stored:
                return s.name
        raise InputError(results_name, 0, f"these results (model {model!r}) are of other predictions than "
                                               f"{names} (predictions sha256 {stored[:12]}…); give the results "
                                               f"`bench evaluate` wrote for these predictions")
    for s in systems:
        if isinstance(model, str) and (model == s.name or Path(model).name == Path(s.name).name
                                       or model == Path(s.name).stem):
            return s.name
    raise InputError(results_name, 0, f"these results are of model {model!r}, not of {names} (and carry no "
                                           f"predictions sha256 to tell); give the results of these predictions")


def load_site_input(root: Path, doc_ids: Sequence[str] = (), annotations_dir: Optional[Path] = None,
                    results: Optional[Results] = None,
                    predictions_path: Union[None, Path, Sequence[Path]] = None,
                    compare: Optional[tuple[Path, Path]] = None, paired: Optional[dict] = None,
                    results_name: str = "<results>") -> SiteInput:
    """Read the documents, predictions (one or two systems) and passes a site is built from.

    ``results``: a system's figures (``bench evaluate``; from the file ``results_name``), checked
    to belong to one of the predictions; ``paired``: the paired test of two predictions files
    (``bench compare``'s record), shown with who gets what right."""
    from citydiplo.corpus.benchmark import Benchmark, load_benchmark
    from citydiplo.corpus.documents import document_ids, read_document, translation_ids

    paths = [] if predictions_path is None else [predictions_path] if isinstance(predictions_path, Path) \
        else list(predictions_path)
    if len(paths) > 2:
        raise InputError(str(paths[2]), 0, "at most two predictions files (two systems side by side)")
    bench: Optional[Benchmark] = None
    if paths:  # predictions are checked against the benchmark, as bench evaluate checks them
        bench = load_benchmark(root).require_documents()
    originals = document_ids(root)
    # every version of every article, by article, the original first (the index lists them so)
    all_ids = sorted(originals + translation_ids(root), key=lambda d: (article_of(d), d not in originals, d))
    ids = list(doc_ids) or all_ids
    if bench is not None and annotations_dir is None:  # the documents are loaded already: read none twice
        by_bench = {d.id: d for d in bench.corpus}
        docs = [by_bench[d] if d in by_bench else read_document(d, root) for d in ids]
    else:
        docs = [read_document(d, root, annotations_dir) for d in ids]
    inp = SiteInput(docs, gold_name=str(annotations_dir) if annotations_dir else "annotations/")
    if bench is not None:
        by_id = {d.id: d for d in docs}
        corpus = [by_id.get(d.id) or d for d in bench.documents]  # the test set: what predictions cover
        shapes = bench.shapes
        for path in paths:
            digest = PredictionsDigest()
            by_doc: dict[str, list[Prediction]] = {}
            stream, _ = read_path(path, corpus, shapes, bench.inventory)  # any input format
            for pred in digest.wrap(stream):
                by_doc.setdefault(parse_sentence_id(pred.id)[0], []).append(pred)
            inp.systems.append(SystemInput(str(path), {d.id: predicted_doc(d, by_doc.get(d.id, [])) for d in docs},
                                           digest.hexdigest()))
        if paired is not None and len(paths) == 2:
            inp.paired = {"samples": next(iter(paired["tests"].values()))["samples"], "tests": paired["tests"]}
    if compare is not None:
        dir_a, dir_b = compare
        for d in (dir_a, dir_b):
            if not d.is_dir():
                raise InputError(str(d), 0, "not a directory of .ann files")
        inp.pass_names = (str(dir_a), str(dir_b))
        inp.passes = {}
        for doc in docs:
            if (dir_a / f"{doc.id}.ann").exists() or (dir_b / f"{doc.id}.ann").exists():
                inp.passes[doc.id] = (read_document(doc.id, root, dir_a), read_document(doc.id, root, dir_b))
    if results is not None:
        inp.results = results
        if inp.systems:
            inp.results_of = results_belong_to(results, results_name, inp.systems)
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
              results: Optional[Results] = None, predictions_path: Union[None, Path, Sequence[Path]] = None,
              compare: Optional[tuple[Path, Path]] = None, paired: Optional[dict] = None,
              results_name: str = "<results>") -> list[Path]:
    """Read, render and write the site; return the written paths."""
    inp = load_site_input(root, doc_ids, annotations_dir, results, predictions_path, compare, paired, results_name)
    return write_site(out, site_pages(inp))
