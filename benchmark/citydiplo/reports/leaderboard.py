"""The leaderboard: results JSON files (``bench evaluate --out``) -> one Markdown table.

Reading is the I/O edge (``read_results``); ``render`` is a pure function of the results,
so the committed ``benchmark/LEADERBOARD.md`` can be checked against the committed
results byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.formats.text_tables import markdown_table, pct
from citydiplo.scoring.results import Results

LANGUAGE_ORDER = ("lv", "ru", "fa", "uk", "vi")
HEADLINES = (("entity_f1", "Entity F1"), ("trigger_classification_f1", "Trigger-C F1"),
             ("argument_classification_f1", "Argument-C F1"), ("relation_f1", "Relation F1"))
SECONDARY_COLUMNS = ("Entity F1 partial", "Link F1 (acc.)")
_FIELDS = {"ner_tags": "ent", "ner_tags_inner": "inner", "events": "ev", "relations": "rel"}


def read_results(directory: Path) -> list[Results]:
    """Every ``*.json`` results file in ``directory``, in file-name order, checked."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), 0, "not a directory of results files")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise InputError(str(directory), 0, "no results files (*.json, written by bench evaluate --out)")
    return [read_results_file(path) for path in files]


def read_results_file(path: Path) -> Results:
    """One results file of ``bench evaluate --out``, checked; ``InputError`` otherwise."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(str(path), 0, f"not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), exc.lineno, f"malformed JSON: {exc.msg}") from None
    except (OSError, RecursionError, ValueError) as exc:
        raise InputError(str(path), 0, f"cannot read the results file: {str(exc)[:200]}") from None
    _check(data, str(path))
    try:
        results = Results.from_dict(data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(str(path), 0, f"not a results file of bench evaluate: {exc!r}") from None
    if results.partial_languages is not None:
        evaluated, of = results.partial_languages
        raise InputError(str(path), 0, f"an incomplete run: only {', '.join(evaluated)} of {', '.join(of)} were "
                                       "evaluated (--languages); the leaderboard ranks runs on the whole test set")
    return results


def _check(data: object, path: str) -> None:
    if not isinstance(data, dict):
        raise InputError(path, 0, "a results file must hold a JSON object")
    for key in ("model", "dataset", "time", "headline", "entities"):
        if key not in data:
            raise InputError(path, 0, f"not a results file of bench evaluate: no {key!r}")
    for key, _ in HEADLINES:
        h = data["headline"].get(key)
        if not isinstance(h, dict) or "f1" not in h or "ci95" not in h:
            raise InputError(path, 0, f"headline {key!r} has no f1 and ci95")


def _languages(results: list[Results]) -> list[str]:
    found = {lang for r in results for lang in r.languages}
    return [lang for lang in LANGUAGE_ORDER if lang in found] + sorted(found - set(LANGUAGE_ORDER))


def _secondary_cells(r: Results) -> list[str]:
    """Partial-match entity F1, and linking F1 with the linking accuracy on found mentions."""
    if "linking" not in r.extra:
        return ["–", "–"]
    link = r.extra["linking"]
    linking = f"{pct(r.figure('linking_f1'))} ({pct(link['accuracy'])})" if link.get("predicted") else "–"
    return [pct(r.figure("entity_partial_f1")), linking]


def _name(r: Results) -> str:
    return f"`{r.model}`" + (f" (labels: {r.label_map})" if r.label_map else "")


def table(results: list[Results], scheme: str = "full") -> str:
    """The leaderboard table alone (Markdown) of the results in ``scheme`` (``full``: the
    benchmark's types; ``coarse``: CITY, GPE, LOC as LOC), best outer-level entity F1
    first. The partial-match and linking columns appear once a results file carries those
    blocks."""
    results = [r for r in results if r.scheme == scheme]
    rows = sorted(results, key=lambda r: (-r.f1("entity_f1"), r.model or ""))
    langs = _languages(results)
    secondary = any("linking" in r.extra for r in results)
    headers = (["#", "model"] + [name + " [95% CI]" for _, name in HEADLINES]
               + ["Inner F1"] + (list(SECONDARY_COLUMNS) if secondary else [])
               + [f"{lang} entity F1" for lang in langs] + ["predicts", "data", "date"])
    body = []
    for rank, r in enumerate(rows, 1):
        cells = [str(rank), _name(r)]
        cells += [str(r.headline[key]) for key, _ in HEADLINES]
        cells += [pct(r.entity_f1(level="inner")) if "inner" in r.entities else "–"]
        cells += _secondary_cells(r) if secondary else []
        cells += [pct(r.entity_f1(language=lang)) if lang in r.languages else "–" for lang in langs]
        cells += [", ".join(_FIELDS[f] for f in _FIELDS if f in r.predicted_fields) or "–",
                  f"`{r.dataset.content_hash[:12]}`", (r.time or "")[:10]]
        body.append(cells)
    return markdown_table(headers, body) + "\n"


def render(results: list[Results]) -> str:
    """The leaderboard page as Markdown: an explanation, then the table."""
    lines = [
        "# CityDiplo leaderboard",
        "",
        "Generated by `bench leaderboard results/ --out benchmark/LEADERBOARD.md` from the results",
        "files that `bench evaluate MODEL --out results/NAME.json` writes; do not edit by hand.",
        "",
        "F1 in %, with 95% bootstrap intervals over sentences. Entity F1: outer level, strict IOB2,",
        "micro (per language: the same, on that language's document). Trigger-C: trigger",
        "classification; Argument-C: argument classification; Relation: PARTNER_OF. *Inner F1*: the",
        "inner (nested) entity level, strict IOB2, micro. *predicts*: the",
        "fields the system fills (ent = outer entities, inner = inner entities, ev = events,",
        "rel = relations); a metric whose field a system does not fill is 0 by construction.",
        *(["*Entity F1 partial*: outer level, nervaluate's partial mode (SemEval-2013: overlap counts",
           "half). *Link F1 (acc.)*: end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id),",
           "with the linking accuracy on correctly found mentions in brackets; – when no ids are predicted."]
          if any("linking" in r.extra for r in results) else []),
        "*data*: the first 12 hex digits of the data's content hash (`bench evaluate` prints it).",
        "What each baseline uses, what it cannot do, its runtime and caveats: `baselines/README.md`.",
        "",
        table(results).rstrip("\n"),
    ]
    if any(r.scheme == "coarse" for r in results):
        lines += [
            "",
            "## Coarse scheme",
            "",
            "Scored with `--scheme coarse`: CITY, GPE and LOC count as one type, LOC (PER, ORG, MISC and",
            "DATE kept), in the gold and the predictions alike, so that taggers trained on CoNLL-style",
            "labels (PER, ORG, LOC, MISC), which know no CITY, are compared fairly; *labels*: the",
            "`--label-map` their output went through. These figures do not compare with the table above.",
            "",
            table(results, "coarse").rstrip("\n"),
        ]
    hashes = sorted({r.dataset.content_hash[:12] for r in results})
    if len(hashes) > 1:
        lines += ["", f"Note: the rows were scored on {len(hashes)} different versions of the data "
                      f"({', '.join(hashes)}); rerun `bench evaluate` to compare them."]
    return "\n".join(lines) + "\n"
