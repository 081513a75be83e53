"""Reading results files (``bench evaluate --out``) back as checked ``Results``: the I/O edge
of the leaderboard, the card and ``bench view --results`` (rendering: ``scoring.report``)."""

from __future__ import annotations

import json
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.scoring.report import LEADERBOARD_HEADLINES, result_marks
from citydiplo.scoring.results import Results


def read_results(directory: Path, include_incomplete: bool = False) -> list[Results]:
    """Every ``*.json`` results file in ``directory``, in file-name order, checked. A run
    with marks (a run on some languages only, ``--languages``; an LLM run with failed units
    or ``--limit``) is refused,
    or ranked with its marks shown when ``include_incomplete``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), 0, "not a directory of results files")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise InputError(str(directory), 0, "no results files (*.json, written by bench evaluate --out)")
    out = []
    for path in files:
        results = read_results_file(path)
        found = result_marks(results)
        if found and not include_incomplete:
            raise InputError(str(path), 0, f"not comparable with a full run ({'; '.join(found)}): not ranked; "
                                           "`bench leaderboard --include-incomplete` ranks it, marked")
        out.append(results)
    return out


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
    for key, _ in LEADERBOARD_HEADLINES:
        h = data["headline"].get(key)
        if not isinstance(h, dict) or "f1" not in h or "ci95" not in h:
            raise InputError(path, 0, f"headline {key!r} has no f1 and ci95")
