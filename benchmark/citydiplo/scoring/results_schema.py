"""The JSON Schema of a results file (what ``bench evaluate --out`` writes).

Generated from the scorer's own inventories (headline and secondary metrics, entity
levels and modes, event metrics), so it cannot drift from ``Results.to_dict()``; the
committed ``results.schema.json`` beside this module is checked against ``results_schema()``
and every ``results/*.json`` against it (tests). ``bench check-results FILE`` validates a
file with it. Regenerate with ``python -m citydiplo.scoring.results_schema``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from citydiplo.corpus.benchmark import TRACKS
from citydiplo.scoring.entities import MODES
from citydiplo.scoring.parallel import KINDS as PARALLEL_KINDS
from citydiplo.scoring.parallel import MATRIX_METRICS
from citydiplo.scoring.events import METRICS as EVENT_METRICS
from citydiplo.scoring.results import HEADLINES, LEVELS
from citydiplo.scoring.secondary import SECONDARY
from citydiplo.scoring.tasks import DEFAULT_TASK, TASKS
from citydiplo.scoring.tasks import HEADLINES as TASK_HEADLINES

SCHEMA_PATH = Path(__file__).with_name("results.schema.json")
PREDICTED_FIELDS = ("ner_tags", "ner_tags_inner", "events", "relations")
OPTIONAL_BLOCKS = ("partial", "linking", "trigger_overlap", "input", "predictions", "labels", "languages", "llm",
                   "environment", "language_ci95", "task", "string_track", "eae", "gold_pinned", "records", "track",
                   "parallel")
"""Blocks a results file may carry besides the required ones (``environment``: the run's
machine and package versions, where a run records them; ``language_ci95``: per-language
95% intervals of the headline metrics, which the scorer stores; ``task``: the task scored,
``string_track``: the string-track figures, ``eae``: what the eae task dropped;
``gold_pinned``: false when scored on gold that is not the released gold; ``records``: the
document-level record score, ``scoring.record_track``; ``track``: the track scored,
``default`` when absent; ``parallel``: the parallel track's matrix, consistency and spread,
``scoring.parallel``)."""

_RATIO = {"type": "number", "minimum": 0, "maximum": 1}
_COUNT = {"type": "integer", "minimum": 0}


def _obj(properties: dict, required: list[str] | None = None, closed: bool = True) -> dict:
    out: dict = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    if closed:
        out["additionalProperties"] = False
    return out


def records_block(scored: dict, interval: dict) -> dict:
    """The ``records`` block (``scoring.record_track.RecordScore.block``)."""
    prf = {"$ref": "#/$defs/prf"}
    ratio_prf = {"precision": _RATIO, "recall": _RATIO, "f1": _RATIO, "tp": _COUNT, "pred": _COUNT, "gold": _COUNT}
    accuracy = _obj({"accuracy": _RATIO, "aligned": _COUNT}, ["accuracy", "aligned"])
    return _obj({
        "record_f1": {"oneOf": [scored, {"type": "null"}],
                      "description": "micro F1 over role fillers, 95% interval by bootstrap over records; null "
                                     "when no document has gold records"},
        "source": {"enum": ["records", "spans"],
                   "description": "records: given as records; spans: made from span predictions (span_records)"},
        "micro": prf,
        "per_role": {"type": "object", "additionalProperties": prf},
        "per_type": {"type": "object", "additionalProperties": prf},
        "per_language": {"type": "object",
                         "additionalProperties": _obj({**ratio_prf, "ci95": interval}, ["precision", "recall", "f1"])},
        "realis_accuracy": accuracy,
        "date_accuracy": accuracy,
        "records": _obj({"gold": _COUNT, "predicted": _COUNT, "aligned": _COUNT}, ["gold", "predicted", "aligned"]),
        "documents": _obj({"scored": _COUNT, "without_gold_records": _COUNT,
                           "left_out": {"type": "array", "items": {"type": "string"}}},
                          ["scored", "without_gold_records"]),
        "bootstrap": _obj({"samples": {"type": "integer", "minimum": 1}, "seed": {"type": "integer"},
                           "unit": {"const": "record"}}, ["samples", "seed", "unit"]),
        "note": {"type": "string"},
    }, ["record_f1", "source", "documents"])


def results_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one results file."""
    prf = _obj({"precision": _RATIO, "recall": _RATIO, "f1": _RATIO, "tp": _COUNT, "pred": _COUNT, "gold": _COUNT},
               ["precision", "recall", "f1"])
    interval = {"type": "array", "items": _RATIO, "minItems": 2, "maxItems": 2}
    scored = _obj({"f1": _RATIO, "ci95": interval, "what": {"type": "string"}}, ["f1", "ci95"])
    entity_block = _obj({"micro": {"$ref": "#/$defs/prf"}, "macro": {"$ref": "#/$defs/prf"},
                         "per_type": {"type": "object", "additionalProperties": {"$ref": "#/$defs/prf"}}},
                        ["micro", "macro", "per_type"])
    mode_block = _obj({**entity_block["properties"],
                       "per_language": {"type": "object", "additionalProperties": entity_block}},
                      ["micro", "macro", "per_type", "per_language"])
    level = _obj({mode: mode_block for mode in MODES}, list(MODES))
    event_figures: dict[str, dict] = {m: {"$ref": "#/$defs/prf"} for m in EVENT_METRICS}
    for m in ("trigger_realis", "trigger_classification_realis"):  # EvmEval: micro, and the per-document macro
        if m in event_figures:
            macro = _obj({"precision": _RATIO, "recall": _RATIO, "f1": _RATIO, "documents": _COUNT},
                         ["precision", "recall", "f1"])
            event_figures[m] = _obj({**prf["properties"], "macro": macro}, ["precision", "recall", "f1"])
    event_figures["realis_accuracy"] = _obj({"accuracy": _RATIO, "matched_triggers": _COUNT},
                                            ["accuracy", "matched_triggers"])
    event_figures["trigger_classification_per_type"] = {"type": "object",
                                                        "additionalProperties": {"$ref": "#/$defs/prf"}}
    events_lang = _obj(event_figures)
    optional: dict[str, dict[str, Any]] = {name: {"type": "object"} for name in OPTIONAL_BLOCKS}
    optional["predictions"] = _obj({"sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}, ["sha256"])
    optional["labels"] = _obj({"label_map": {"type": ["string", "null"]}, "scheme": {"enum": ["full", "coarse"]}},
                              ["label_map", "scheme"])
    interval = {"type": "array", "items": _RATIO, "minItems": 2, "maxItems": 2}
    optional["language_ci95"] = {"type": "object", "description": "headline metric -> language -> 95% bootstrap "
                                                                  "interval (sentences resampled within the language)",
                                 "additionalProperties": {"type": "object", "additionalProperties": interval}}
    optional["task"] = {"enum": list(TASKS), "description": "the task scored (e2e when absent)"}
    optional["gold_pinned"] = {"type": "boolean"}
    optional["records"] = records_block(scored, interval)
    optional["track"] = {"enum": list(TRACKS), "description": "the track scored (default when absent)"}
    optional["parallel"] = _parallel_schema(prf)
    optional["languages"] = _obj({"evaluated": {"type": "array", "items": {"type": "string"}},
                                  "of": {"type": "array", "items": {"type": "string"}}}, ["evaluated", "of"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citydiplo.org/schemas/results-0.1.json",
        "title": "CityDiplo results file (bench evaluate --out)",
        "description": "Every figure of one system on one version of the data. F1, precision, recall and "
                       "accuracy are ratios in [0, 1]; ci95 is the 95% bootstrap interval over sentences.",
        "type": "object",
        "required": ["model", "dataset", "package_version", "time", "sentences", "tokens", "predicted_fields",
                     "headline", "entities", "events", "bootstrap"],
        "additionalProperties": False,
        "properties": {
            "model": {"type": "string", "minLength": 1, "description": "The system's name on the leaderboard."},
            "dataset": _obj({"name": {"const": "CityDiplo"}, "version": {"type": "string"},
                             "content_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
                            ["name", "version", "content_hash"]),
            "package_version": {"type": ["string", "null"]},
            "time": {"type": ["string", "null"], "description": "When it was scored (ISO 8601, UTC)."},
            "sentences": _COUNT,
            "tokens": _COUNT,
            "predicted_fields": {"type": "array", "items": {"enum": list(PREDICTED_FIELDS)}, "uniqueItems": True},
            "headline": _obj({key: scored for key in HEADLINES}),
            "entities": _obj({**{lvl: level for lvl in LEVELS}, "orphan_i_tags": _COUNT}, list(LEVELS)),
            "events": _obj({**event_figures, "per_language": {"type": "object", "additionalProperties": events_lang}},
                           list(EVENT_METRICS)),
            "bootstrap": _obj({"samples": {"type": "integer", "minimum": 1}, "seed": {"type": "integer"},
                               "unit": {"const": "sentence"}}, ["samples", "seed"]),
            "secondary": _obj({key: scored for key in SECONDARY}),
            **optional,
        },
        # the parallel block belongs to the parallel track, and the parallel track has one
        "if": {"required": ["track"], "properties": {"track": {"const": "parallel"}}},
        "then": {"required": ["parallel"]},
        "else": {"not": {"required": ["parallel"]}},
        # each task's file carries that task's headline figures (a file without "task" is e2e)
        "allOf": [{"if": ({"required": ["task"], "properties": {"task": {"const": task}}} if task != DEFAULT_TASK
                          else {"anyOf": [{"not": {"required": ["task"]}},
                                          {"properties": {"task": {"const": task}}}]}),
                   "then": {"properties": {"headline": {"required": list(keys)}}}}
                  for task, keys in TASK_HEADLINES.items()],
        "$defs": {"prf": prf},
    }


def _parallel_schema(prf: dict) -> dict:
    """The ``parallel`` block (``scoring.parallel.ParallelTrack.block``)."""
    maybe_ratio = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
    agreement = _obj({"items": _COUNT, "both": _COUNT, "either": _COUNT, "both_over_either": maybe_ratio,
                      "kappa": {"type": ["number", "null"], "minimum": -1, "maximum": 1}},
                     ["items", "both", "either", "both_over_either", "kappa"])
    pair = _obj({**agreement["properties"], "articles": {"type": "array", "items": {"type": "string"}},
                 "per_kind": _obj({k: agreement for k in PARALLEL_KINDS})},
                [*agreement["required"], "articles", "per_kind"])
    cells = _obj({m: {"$ref": "#/$defs/prf"} for m in MATRIX_METRICS})
    item_table = _obj({"ids": {"type": "array", "items": {"type": "string"}}},
                      ["ids"], closed=False)
    item_table["additionalProperties"] = {"type": "string", "pattern": "^[01-]*$"}
    spread_cell = _obj({"versions": _COUNT, "max_minus_min": {"type": ["number", "null"], "minimum": 0},
                        "sd": {"type": ["number", "null"], "minimum": 0}}, ["versions", "max_minus_min", "sd"])
    return _obj({
        "languages": {"type": "array", "items": {"type": "string"}},
        "matrix": {"type": "object", "description": "article -> language -> headline F1s with their counts",
                   "additionalProperties": {"type": "object", "additionalProperties": cells}},
        "consistency": _obj({
            "right": _obj({k: {"type": "string"} for k in PARALLEL_KINDS}),
            "pairs": {"type": "object", "description": "language pair <a>-<b> -> agreement over the aligned items",
                      "additionalProperties": pair},
            "items": {"type": "object", "description": "article -> kind -> alignment ids and, per language, "
                                                       "1 right, 0 wrong, - no counterpart",
                      "additionalProperties": _obj({k: item_table for k in PARALLEL_KINDS})},
        }, ["right", "pairs", "items"]),
        "spread": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": spread_cell}},
        "same_articles": {"type": "object", "description": "matrix metric -> per language, the mean F1 over the "
                                                           "articles every language has, and the micro F1 over them",
                          "additionalProperties": _same_articles_schema()},
        "decomposition": _decomposition_schema(),
    }, ["languages", "matrix", "consistency", "spread"])  # same_articles, decomposition: results since issue 28


def _same_articles_schema() -> dict:
    maybe_ratio = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
    strings = {"type": "array", "items": {"type": "string"}}
    language = _obj({"mean_f1": maybe_ratio, "micro_f1": maybe_ratio, "tp": _COUNT, "pred": _COUNT, "gold": _COUNT},
                    ["mean_f1", "micro_f1", "tp", "pred", "gold"])
    return _obj({"articles": strings, "missing": strings,
                 "languages": {"type": "object", "additionalProperties": language}},
                ["articles", "missing", "languages"])


def _decomposition_schema() -> dict:
    """``scoring.decomposition`` as ``ParallelTrack.decomposition`` stores it."""
    number = {"type": ["number", "null"]}
    ci = {"type": ["array", "null"], "items": number, "minItems": 2, "maxItems": 2}
    effect = _obj({"effect": number, "ci95": ci}, ["effect", "ci95"])
    metric = _obj({"identifiable": {"type": "boolean"}, "cells": _COUNT,
                   "missing": {"type": "array", "items": {"type": "string"}},
                   "mu": _obj({"value": number, "ci95": ci}, ["value", "ci95"]),
                   "language": {"type": "object", "additionalProperties": effect},
                   "article": {"type": "object", "additionalProperties": effect},
                   "residual_share": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                   "residual_df": {"type": "integer"}},
                  ["identifiable", "cells", "missing", "mu", "language", "article", "residual_share", "residual_df"])
    return _obj({"model": {"type": "string"},
                 "bootstrap": _obj({"samples": {"type": "integer", "minimum": 1}, "seed": {"type": "integer"},
                                    "unit": {"const": "sentence within document"}}, ["samples", "seed", "unit"]),
                 "metrics": _obj({m: metric for m in MATRIX_METRICS})},
                ["model", "bootstrap", "metrics"])


def schema_text() -> str:
    return json.dumps(results_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> None:  # pragma: no cover - a maintainer's command
    out = Path(argv[0]) / SCHEMA_PATH.name if argv else SCHEMA_PATH
    out.write_text(schema_text(), encoding="utf-8")
    print(out)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
