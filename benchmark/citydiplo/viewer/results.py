"""The results section of the index: a system's ``Results`` as bar charts, and its JSON.

Every chart is read through the ``Results`` record (headline, entity and event blocks, the
secondary blocks when present), with the 95% intervals the scorer stored: the headline's and,
per language, ``Results.language_ci95``.
"""

from __future__ import annotations

import json
from typing import Optional

from markupsafe import Markup

from citydiplo.scoring.events import METRICS as EVENT_METRICS
from citydiplo.scoring.results import Results
from citydiplo.viewer.assets import render
from citydiplo.viewer.charts import Bar, bar_chart

Chart = tuple[str, list[Bar]]

MODE_WORDS = {"strict": "strict IOB2", "default": "seqeval default mode"}
# the event metric of each per-language headline interval
EVENT_HEADLINES = {"trigger_classification": "trigger_classification_f1",
                   "argument_classification": "argument_classification_f1", "relation": "relation_f1"}


def _words(key: str) -> str:
    text = key.replace("_", " ")
    return text[0].upper() + text[1:]


def _f1s(table: dict) -> list[Bar]:
    return [(label, float(b["f1"])) for label, b in table.items()]


def _by_language(r: Results, f1: dict[str, float], metric: Optional[str]) -> list[Bar]:
    """Per-language bars, with the scorer's per-language intervals of a headline ``metric``."""
    cis = r.language_ci95.get(metric, {}) if metric else {}
    return [(lang, f1[lang], cis.get(lang)) for lang in r.languages]


def charts(r: Results) -> tuple[list[Chart], list[Chart]]:
    """The charts shown first, and the variants (non-strict, inner level, identification,
    attached arguments, relations with status) behind "more charts"."""
    main: list[Chart] = [("Headline F1 with 95% confidence intervals",
                          [(k, h.f1, h.ci95) for k, h in r.headline.items()])]
    more: list[Chart] = []
    for level in ("outer", "inner"):
        for mode in ("strict", "default"):
            headline = (level, mode) == ("outer", "strict")
            name = f"{level.capitalize()} entities ({MODE_WORDS[mode]})"
            f1 = {lang: r.figure("entity_f1", lang, level=level, mode=mode) for lang in r.languages}
            (main if headline else more).extend([
                (f"{name}: F1 by type", _f1s(r.entity_block(level, mode)["per_type"])),
                (f"{name}: micro F1 by language", _by_language(r, f1, "entity_f1" if headline else None))])
    main.append(("Trigger classification: F1 by event type", _f1s(r.events.get("trigger_classification_per_type", {}))))
    for metric in EVENT_METRICS:
        f1 = {lang: float(r.event_block(metric, lang).get("f1", 0.0)) for lang in r.languages}
        (main if metric in EVENT_HEADLINES else more).append(
            (f"{_words(metric)}: F1 by language", _by_language(r, f1, EVENT_HEADLINES.get(metric))))
    partial, linking, overlap, secondary = (r.extra.get(k) for k in ("partial", "linking", "trigger_overlap",
                                                                     "secondary"))
    if partial:
        for level, modes in partial.items():
            (more if level == "inner" else main).append(
                (f"{level.capitalize()} entities, nervaluate: F1 by matching mode", _f1s(modes)))
    if linking:
        main.append(("Linking (span, type and id): F1 by language",
                     [(lang, float(b["end_to_end"]["f1"])) for lang, b in linking["per_language"].items()]))
    if overlap:
        for metric in ("trigger_classification_overlap", "trigger_identification_overlap"):
            what = _words(metric.removesuffix("_overlap"))
            (main if "classification" in metric else more).append(
                (f"{what}, overlapping trigger spans: F1 by language",
                 [(lang, float(b[metric]["f1"])) for lang, b in overlap["per_language"].items()]))
    records = r.extra.get("records")
    if records and records.get("record_f1"):
        main.append(("Document-level records: F1 by language (95% CI, bootstrap over records)",
                     [(lang, float(b["f1"]), (float(b["ci95"][0]), float(b["ci95"][1])))
                      for lang, b in records["per_language"].items()]))
        main.append(("Document-level records: F1 by role", _f1s(records["per_role"])))
        more.append(("Document-level records: F1 by event type", _f1s(records["per_type"])))
    if secondary:
        main.append(("Secondary F1 with 95% confidence intervals",
                     [(k, float(v["f1"]), (float(v["ci95"][0]), float(v["ci95"][1]))) for k, v in secondary.items()]))
    return main, more


def results_section(r: Results, results_of: str = "") -> str:
    """SVG bar charts of a system's results (with their 95% intervals as whiskers), and the
    results JSON; ``results_of`` names the predictions the results were checked to belong to."""
    main, more = charts(r)
    model = r.model
    if model and results_of and results_of != model:
        model = f"{model} (the results of {results_of})"
    raw = json.dumps(r.to_dict(), ensure_ascii=False, indent=1)
    if len(raw) > 200_000:
        raw = raw[:200_000] + "\n…"
    return render("results.html", model=model, main=[Markup(bar_chart(t, bars)) for t, bars in main],
                  more=[Markup(bar_chart(t, bars)) for t, bars in more], raw=raw)
