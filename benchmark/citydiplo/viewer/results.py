"""The results section of the index: every F1 table found in a results JSON as a bar chart.

The walk is loose on purpose, so results of other shapes (older files, other scorers)
still draw something; the raw JSON is always shown below the charts.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Optional, Sequence

from markupsafe import Markup

from citydiplo.formats.schema import NER_TYPES
from citydiplo.viewer.assets import render
from citydiplo.viewer.charts import bar_chart

LANGUAGES = ("lv", "ru", "fa", "uk", "vi")

AGGREGATE_KEYS = ("micro", "macro", "overall", "all", "total", "micro avg", "macro avg", "weighted avg")
F1_KEYS = ("f1", "f1_score", "f1-score", "f", "fscore", "f_score", "f-score")


def _f1_value(value: Any, path_says_f1: bool) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if path_says_f1 else None
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and k.lower() in F1_KEYS and isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v)
    return None


def _sub_metrics(values: Iterable[Any]) -> list[str]:
    """Names of the F1-bearing sub-dicts of dict values, in first-seen order ("micro" alone if present)."""
    names: dict[str, None] = {}
    for v in values:
        if isinstance(v, dict):
            for k, sub in v.items():
                if isinstance(k, str) and _f1_value(sub, False) is not None:
                    names.setdefault(k)
    return ["micro"] if "micro" in names else list(names)


Table = tuple[str, str, list[tuple[str, Optional[float]]]]


def f1_tables(results: Any, languages: Sequence[str] = LANGUAGES, types: Sequence[str] = NER_TYPES) -> list[Table]:
    """Find per-language, per-type and per-metric F1 dicts anywhere in a results JSON.

    A dict whose keys are all languages (or all types), aggregates such as "micro" aside,
    becomes ``(title, "language" | "type", [(label, f1)])`` when its values are F1 numbers
    (and its path names F1) or dicts with an "f1" key; when its values are dicts of such
    dicts, one table per sub-metric ("micro" alone when present). A dict of two or more
    dicts that all have an "f1" key (e.g. the headline) becomes a "metric" table. The
    walk does not descend below a table; anything else is ignored.
    """
    tables: list[Table] = []

    def walk(node: Any, path: list[str]) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + [str(i)])
            return
        if not isinstance(node, dict):
            return
        keys = [k for k in node if isinstance(k, str)]
        title = " › ".join(path) or "results"
        says_f1 = any(re.search(r"f1|f_?score|f-score", p, re.I) for p in path)
        for kind, known in (("language", languages), ("type", types)):
            labels = [k for k in known if k in node]
            aggregates = [k for k in keys if k.lower() in AGGREGATE_KEYS]
            if not labels or len(labels) + len(aggregates) != len(keys):
                continue
            entries = labels + aggregates
            direct = [(k, _f1_value(node[k], says_f1)) for k in entries]
            if any(v is not None for _, v in direct):
                tables.append((title, kind, direct))
                return
            found = False
            for metric in _sub_metrics(node[k] for k in labels):
                values = [(k, _f1_value(node[k].get(metric), False) if isinstance(node[k], dict) else None)
                          for k in entries]
                if any(v is not None for _, v in values):
                    tables.append((f"{title} › {metric}", kind, values))
                    found = True
            if found:
                return
        if len(keys) >= 2 and all(isinstance(node[k], dict) and _f1_value(node[k], False) is not None for k in keys):
            tables.append((title, "metric", [(k, _f1_value(node[k], False)) for k in keys]))
            return
        for k in keys:
            walk(node[k], path + [k])

    walk(results, [])
    return tables


SECONDARY = re.compile(r"\b(default|inner)\b|identification|_attached|with_status")


def cis_at(results: Any, title: str) -> dict[str, tuple[float, float]]:
    """The 95% CIs (``ci95``) of the entries of the table at ``title``'s path, where it has them."""
    node = results
    for key in title.split(" › ") if title != "results" else []:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isascii() and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return {}
    out = {}
    if isinstance(node, dict):
        for label, v in node.items():
            ci = v.get("ci95") if isinstance(v, dict) else None
            if isinstance(ci, (list, tuple)) and len(ci) == 2 and all(isinstance(x, (int, float)) for x in ci):
                out[label] = (float(ci[0]), float(ci[1]))
    return out


LEVEL_WORDS = {"outer": "Outer", "inner": "Inner"}
MODE_WORDS = {"strict": "strict IOB2", "default": "seqeval default mode"}
KIND_WORDS = {"language": "language", "type": "type", "metric": "metric"}


def readable_title(path: str, kind: str) -> str:
    """A chart title for people from the JSON path of its table, e.g.
    ``entities › outer › strict › per_language › micro`` → "Outer entities (strict IOB2): micro F1 by language"."""
    parts = path.split(" › ")
    if parts == ["headline"]:
        return "Headline F1 with 95% confidence intervals"
    if len(parts) >= 3 and parts[0] == "entities" and parts[1] in LEVEL_WORDS:
        agg = "micro " if parts[-1] == "micro" else "macro " if parts[-1] == "macro" else ""
        return f"{LEVEL_WORDS[parts[1]]} entities ({MODE_WORDS.get(parts[2], parts[2])}): {agg}F1 by {KIND_WORDS[kind]}"
    if parts == ["secondary"]:
        return "Secondary F1 with 95% confidence intervals"
    if parts[0] == "partial" and len(parts) == 2:
        level = LEVEL_WORDS.get(parts[1], parts[1].capitalize())
        return f"{level} entities, nervaluate: F1 by matching mode"
    if parts[0] == "linking" and "end_to_end" in parts:
        return f"Linking (span, type and id): F1 by {KIND_WORDS[kind]}"
    if parts[0] == "trigger_overlap" and len(parts) >= 2:
        metric = parts[-1].replace("_overlap", "").replace("_", " ")
        return f"{metric[0].upper()}{metric[1:]}, overlapping trigger spans: F1 by {KIND_WORDS[kind]}"
    if parts[0] == "events" and len(parts) >= 2:
        metric = parts[-1].removesuffix("_per_type").replace("_", " ")
        by = "event type" if kind == "type" else KIND_WORDS[kind]
        return f"{metric[0].upper()}{metric[1:]}: F1 by {by}"
    words = " › ".join(p.replace("_", " ") for p in parts)
    return f"F1 by {KIND_WORDS[kind]}: {words}" if kind != "metric" else f"F1: {words}"


def results_section(results: Any, languages: Sequence[str], types: Sequence[str], results_of: str = "",
                    extra_cis: Optional[dict[str, dict[str, tuple[float, float]]]] = None) -> str:
    """SVG bar charts of every F1 table found in a results JSON, and the raw JSON.

    Tables under "default" (non-strict) or "inner", and identification, attached and
    with-status variants, go in a closed "more charts" block.
    Nothing but the raw JSON is shown when no table is found. Bars carry the results' 95%
    CIs as whiskers where the results have them (the headline) and where ``extra_cis``
    (table path -> label -> interval) gives them (per language, computed from the
    predictions); ``results_of`` names the predictions the results were checked to belong to.
    """
    tables = f1_tables(results, languages, types)
    values = [v for _, _, vals in tables for _, v in vals if v is not None]
    scale = 100.0 if values and max(values) > 1.0 else 1.0

    def chart(title: str, kind: str, vals: list[tuple[str, Optional[float]]]) -> Markup:
        cis = {**(extra_cis or {}).get(title, {}), **cis_at(results, title)}
        bars = [(label, v, cis.get(label)) for label, v in vals]
        return Markup(bar_chart(readable_title(title, kind), bars, scale))

    main = [chart(*t) for t in tables if not SECONDARY.search(t[0])]
    more = [chart(*t) for t in tables if SECONDARY.search(t[0])]
    model = results.get("model") if isinstance(results, dict) and isinstance(results.get("model"), str) else None
    if model and results_of and results_of != model:
        model = f"{model} (the results of {results_of})"
    raw = json.dumps(results, ensure_ascii=False, indent=1)
    if len(raw) > 200_000:
        raw = raw[:200_000] + "\n…"
    return render("results.html", model=model, main=main, more=more, raw=raw)
