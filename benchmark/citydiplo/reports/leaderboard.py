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
from citydiplo.scoring.tasks import HEADLINES as TASK_HEADLINES
from citydiplo.scoring.tasks import TASKS

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
        return Results.from_dict(data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(str(path), 0, f"not a results file of bench evaluate: {exc!r}") from None


def _check(data: object, path: str) -> None:
    if not isinstance(data, dict):
        raise InputError(path, 0, "a results file must hold a JSON object")
    for key in ("model", "dataset", "time", "headline", "entities"):
        if key not in data:
            raise InputError(path, 0, f"not a results file of bench evaluate: no {key!r}")
    task = data.get("task", "e2e")
    if task not in TASKS:
        raise InputError(path, 0, f"unknown task {task!r} (expected one of {', '.join(TASKS)})")
    for key in TASK_HEADLINES[task]:
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


def _string_cell(r: Results) -> str:
    h = r.secondary("string_f1")
    return str(h) if h is not None else "–"


def _meta_cells(r: Results) -> list[str]:
    return [f"`{r.dataset.content_hash[:12]}`", (r.time or "")[:10]]


TASK_TITLES = {"e2e": "End to end (`--task e2e`)", "ner": "Named-entity recognition (`--task ner`)",
               "ed": "Event detection (`--task ed`)",
               "eae": "Event argument extraction given the gold triggers (`--task eae`)"}


def table(results: list[Results]) -> str:
    """The leaderboard tables (Markdown), one per task present (e2e first; a title line
    above each when there are several)."""
    present = [t for t in TASK_TITLES if any(r.task == t for r in results)]
    if present == ["e2e"]:
        return e2e_table(results)
    parts = []
    for task in present:
        rows = [r for r in results if r.task == task]
        body = e2e_table(rows) if task == "e2e" else task_table(rows, task)
        parts.append(f"**{TASK_TITLES[task]}**\n\n{body}")
    return "\n".join(parts)


def task_table(results: list[Results], task: str) -> str:
    """The table of one of the tasks ``ner``, ``ed``, ``eae``: its headline with interval,
    the string track, and the task's other figures; best headline first."""
    key = TASK_HEADLINES[task][0]
    rows = sorted(results, key=lambda r: (-r.f1(key), r.model or ""))
    name = dict(HEADLINES)[key]
    if task == "ner":
        langs = _languages(results)
        headers = (["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Inner F1", *SECONDARY_COLUMNS]
                   + [f"{lang} entity F1" for lang in langs] + ["data", "date"])
    elif task == "ed":
        headers = ["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Trigger-I F1", "Realis F1",
                   "Type+realis F1", "Trigger-C overlap F1", "data", "date"]
    else:
        headers = ["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Argument-I F1", "Realis F1",
                   "Type+realis F1", "data", "date"]
    body: list[list[object]] = []
    for rank, r in enumerate(rows, 1):
        cells: list[object] = [str(rank), f"`{r.model}`", str(r.headline[key]), _string_cell(r)]
        if task == "ner":
            cells += [pct(r.entity_f1(level="inner"))] + _secondary_cells(r)
            cells += [pct(r.entity_f1(language=lang)) if lang in r.languages else "–" for lang in langs]
        else:
            first = "trigger_identification" if task == "ed" else "argument_identification"
            cells += [pct(r.event_block(first).get("f1", 0.0)), pct(r.event_block("trigger_realis").get("f1", 0.0)),
                      pct(r.event_block("trigger_classification_realis").get("f1", 0.0))]
            if task == "ed":
                cells += [pct(r.figure("trigger_overlap_f1"))]
        body.append(cells + _meta_cells(r))
    return markdown_table(headers, body) + "\n"


def e2e_table(results: list[Results]) -> str:
    """The end-to-end table (Markdown), best outer-level entity F1 first. The
    partial-match and linking columns appear once a results file carries those blocks,
    the string track's once one carries ``string_f1``."""
    rows = sorted(results, key=lambda r: (-r.f1("entity_f1"), r.model or ""))
    strings = any(r.secondary("string_f1") is not None for r in results)
    langs = _languages(results)
    secondary = any("linking" in r.extra for r in results)
    headers = (["#", "model"] + [name + " [95% CI]" for _, name in HEADLINES]
               + (["String F1 [95% CI]"] if strings else []) + ["Inner F1"] + (list(SECONDARY_COLUMNS) if secondary else [])
               + [f"{lang} entity F1" for lang in langs] + ["predicts", "data", "date"])
    body = []
    for rank, r in enumerate(rows, 1):
        cells = [str(rank), f"`{r.model}`"]
        cells += [str(r.headline[key]) for key, _ in HEADLINES]
        cells += [_string_cell(r)] if strings else []
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
        "One table per task (`bench evaluate MODEL --task ner|ed|eae|e2e`; end to end is the default).",
        "",
        "F1 in %, with 95% bootstrap intervals over sentences. Entity F1: outer level, strict IOB2,",
        "micro (per language: the same, on that language's document). Trigger-C: trigger",
        "classification; Argument-C: argument classification; Relation: PARTNER_OF. *Inner F1*: the",
        "inner (nested) entity level, strict IOB2, micro. *predicts*: the",
        "fields the system fills (ent = outer entities, inner = inner entities, ev = events,",
        "rel = relations); a metric whose field a system does not fill is 0 by construction.",
        "*String F1*: the string track, micro F1 over the normalised string tuples of the task's",
        "layers (entity type + text, event type + trigger, event type + role + argument, relation",
        "ends + status), offsets ignored; a secondary figure beside the span-exact headline.",
        "*Realis F1* / *Type+realis F1*: TAC-KBP's EvmEval `realis_status` (span + realis) and",
        "`mention_type+realis_status` (span + type + realis), micro. In `eae` the gold triggers",
        "(span, type) are given and only the arguments and the realis of those triggers are scored.",
        *(["*Entity F1 partial*: outer level, nervaluate's partial mode (SemEval-2013: overlap counts",
           "half). *Link F1 (acc.)*: end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id),",
           "with the linking accuracy on correctly found mentions in brackets; – when no ids are predicted."]
          if any("linking" in r.extra for r in results) else []),
        "*data*: the first 12 hex digits of the data's content hash (`bench evaluate` prints it).",
        "What each baseline uses, what it cannot do, its runtime and caveats: `baselines/README.md`.",
        "",
        table(results).rstrip("\n"),
    ]
    hashes = sorted({r.dataset.content_hash[:12] for r in results})
    if len(hashes) > 1:
        lines += ["", f"Note: the rows were scored on {len(hashes)} different versions of the data "
                      f"({', '.join(hashes)}); rerun `bench evaluate` to compare them."]
    return "\n".join(lines) + "\n"
