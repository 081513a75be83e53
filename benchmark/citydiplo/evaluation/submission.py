"""``bench check-results``: is a results file fit for the leaderboard?

The check a submission gets (README, "Submit your system"), and what CI runs on every
``results/*.json``: the file is valid against ``results.schema.json``; it covers the whole
test set (no ``--languages``); it was scored on the data this package holds (the content
hash); and, given the predictions it was scored from, scoring them again gives the same
figures and the same predictions fingerprint.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from citydiplo.corpus.benchmark import track_content_hash
from citydiplo.corpus.project import project_root
from citydiplo.errors import InputError
from citydiplo.formats.hints import JSON_LINES
from citydiplo.formats.labels import BUILTIN_MAPS
from citydiplo.scoring.results import Results
from citydiplo.scoring.results_schema import SCHEMA_PATH


@dataclass(frozen=True)
class Checked:
    """A results file that passed: what it is and what was checked."""

    results: Results
    reproduced: bool

    def summary(self, path: str) -> str:
        r = self.results
        setting = "" if r.scheme == "full" and not r.label_map else \
            f", scheme {r.scheme}" + (f", label map {r.label_map}" if r.label_map else "")
        how = "; the predictions reproduce every headline figure" if self.reproduced else \
            " (give --predictions to check that they reproduce the figures)"
        key, first = next(iter(r.headline.items()))
        track = "" if r.track == "default" else f", {r.track} track"
        return (f"{path}: valid results of {r.model!r} ({r.task}{track}) on CityDiplo {r.dataset.version} "
                f"({r.dataset.content_hash[:12]}{setting}), {key} {first}{how}")


def _load(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), 0, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(str(path), 0, f"cannot read the file: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        try:
            json.loads(first)
            looks_like_lines = True
        except ValueError:
            looks_like_lines = False
        if looks_like_lines:
            raise InputError(str(path), 1, "this is JSON Lines (predictions?), not a results file: score it with "
                                           "`bench evaluate FILE --out results.json`") from None
        raise InputError(str(path), exc.lineno, f"malformed JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), 0, f"a results file holds one JSON object, not a {type(data).__name__}"
                                       + (f" ({JSON_LINES})" if isinstance(data, list) else ""))
    return data


def schema_problems(data: dict) -> list[str]:
    """Where ``data`` breaks ``results.schema.json`` (JSON path: problem), first ones first."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), e.json_path))
    return [f"{e.json_path}: {e.message[:200]}" for e in errors]


def check_results(path: Path, root: Path | None = None, predictions: Path | None = None,
                  label_map: str | None = None) -> Checked:
    """Check one results file as the leaderboard needs it; ``InputError`` names the first problem."""
    from citydiplo.scoring.results_files import read_results_file

    data = _load(path)
    problems = schema_problems(data)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(str(path), 0, f"not valid against results.schema.json: {problems[0]}{more}")
    results = read_results_file(path)
    from citydiplo.scoring.report import result_marks

    found = result_marks(results)
    if found:
        raise InputError(str(path), 0, f"an incomplete run, not comparable with a full run ({'; '.join(found)}): "
                                       "the leaderboard does not rank it")
    base = project_root(root)
    here = track_content_hash(base, results.track)
    if results.dataset.content_hash != here:
        raise InputError(str(path), 0, f"scored on other data (content hash {results.dataset.content_hash[:12]}, "
                                       f"this benchmark is {here[:12]}): score the predictions again with bench evaluate")
    if predictions is None:
        return Checked(results, False)
    from citydiplo.evaluation.evaluate import evaluate

    mapping = label_map or results.label_map
    if mapping is not None and mapping not in BUILTIN_MAPS and label_map is None:
        raise InputError(str(path), 0, f"scored through the label map file {mapping!r}: give it with --label-map FILE")
    again = evaluate(str(predictions), base, results.samples, results.seed, name=results.model,
                     label_map=mapping, scheme=results.scheme, task=results.task, track=results.track)
    for key, h in results.headline.items():
        fresh = again.headline[key]
        if not (math.isclose(h.f1, fresh.f1, abs_tol=1e-9) and all(
                math.isclose(a, b, abs_tol=1e-9) for a, b in zip(h.ci95, fresh.ci95))):
            raise InputError(str(path), 0, f"{key} is {h} in the results but {fresh} when {predictions} is scored "
                                           "again: the results are not of these predictions")
    stored = (results.extra.get("predictions") or {}).get("sha256")
    fresh_sha = again.extra["predictions"]["sha256"]
    if stored is not None and stored != fresh_sha:
        raise InputError(str(path), 0, f"the results name other predictions (sha256 {stored[:12]}) than "
                                       f"{predictions} ({fresh_sha[:12]})")
    return Checked(results, True)
