"""Reading results files (``bench evaluate --out``) back as checked ``Results``: the I/O edge
of the leaderboard, the card and ``bench view --results`` (rendering: ``scoring.report``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.files import read_text
from citydiplo.scoring.report import result_marks
from citydiplo.scoring.results import Results
from citydiplo.scoring.tasks import HEADLINES as TASK_HEADLINES
from citydiplo.scoring.tasks import TASKS


def read_results(directory: Path, include_incomplete: bool = False) -> list[Results]:
    """Every ``*.json`` results file in ``directory``, in file-name order, checked. A run
    with marks (a run on some languages only, ``--languages``; an LLM run with failed units
    or ``--limit``) is refused, or ranked with its marks shown when ``include_incomplete``.
    A run scored on gold that is not the pinned, released gold (``gold_pinned: false``) is
    always refused."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), 0, "not a directory of results files")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise InputError(str(directory), 0, "no results files (*.json, written by bench evaluate --out)")
    out = []
    for path in files:
        results = read_results_file(path)
        if results.extra.get("gold_pinned") is False:
            raise InputError(str(path), 0, "scored on gold that is not the pinned, released gold (gold_pinned: "
                                           "false); the leaderboard ranks results on the released gold only")
        found = result_marks(results)
        if found and not include_incomplete:
            raise InputError(str(path), 0, f"not comparable with a full run ({'; '.join(found)}): not ranked; "
                                           "`bench leaderboard --include-incomplete` ranks it, marked")
        out.append(results)
    return out


def read_results_file(path: Path) -> Results:
    """One results file of ``bench evaluate --out``, checked (read with the size limit of
    ``citydiplo.files.read_text``; NaN and Infinity are refused: a results file holds
    finite numbers only); ``InputError`` otherwise."""
    path = Path(path)
    text = read_text(path)
    try:
        data = json.loads(text, parse_constant=_not_a_number)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), exc.lineno, f"malformed JSON: {exc.msg}") from None
    except _NotANumber as exc:
        at = re.search(rf"(?<![\w\"]){re.escape(str(exc))}(?![\w\"])", text)
        line = text.count("\n", 0, at.start()) + 1 if at else 0
        raise InputError(str(path), line, f"{exc} is not a figure: a results file holds finite numbers only "
                                          "(was it written by bench evaluate?)") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(str(path), 0, f"cannot read the results file: {str(exc)[:200]}") from None
    _check(data, str(path))
    try:
        return Results.from_dict(data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(str(path), 0, f"not a results file of bench evaluate: {exc!r}") from None


class _NotANumber(ValueError):
    pass


def _not_a_number(name: str) -> float:
    raise _NotANumber(name)


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
