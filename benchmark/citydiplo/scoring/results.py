"""``Results``: every figure of one scored system, as a typed record.

``Results.to_dict()`` is exactly what ``bench evaluate --format json`` prints and what
``--out`` writes (the ``results/*.json`` files the leaderboard reads); ``from_dict`` reads
such a file back. The nested blocks (``entities``, ``events``, and any block a scorer adds
under ``extra``) stay plain JSON-shaped dicts, reached through the accessors below, so
that no module outside scoring walks string paths into them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from citydiplo.formats.text_tables import pct, text_table
from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.entities import MODES
from citydiplo.scoring.events import METRICS as EVENT_METRICS
from citydiplo.scoring.secondary import render_secondary

LEVELS = ("outer", "inner")

HEADLINES = {
    "entity_f1": "outer-level entities, strict IOB2, micro F1",
    "trigger_classification_f1": "trigger classification F1",
    "argument_classification_f1": "argument classification F1",
    "relation_f1": "PARTNER_OF relation F1",
}
"""The headline metrics, in the order reports show them: key -> what it measures."""

FORMATS = ("table", "json", "markdown")

_TOP_KEYS = ("model", "dataset", "package_version", "time", "sentences", "tokens", "predicted_fields",
             "headline", "entities", "events", "bootstrap")


@dataclass(frozen=True)
class Headline:
    """A headline F1 with its 95% bootstrap interval."""

    f1: float
    ci95: tuple[float, float]
    what: str

    def to_dict(self) -> dict:
        return {"f1": self.f1, "ci95": [self.ci95[0], self.ci95[1]], "what": self.what}

    def __str__(self) -> str:
        return f"{pct(self.f1)} [{pct(self.ci95[0])}, {pct(self.ci95[1])}]"


@dataclass(frozen=True)
class DataVersion:
    """The data a result was computed on."""

    name: str = "CityDiplo"
    version: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class Results:
    """Every figure of one system on one dataset version."""

    sentences: int
    tokens: int
    predicted_fields: tuple[str, ...]
    headline: dict[str, Headline]
    entities: dict[str, Any]
    events: dict[str, Any]
    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    model: str | None = None
    dataset: DataVersion = field(default_factory=DataVersion)
    package_version: str | None = None
    time: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ accessors

    def f1(self, key: str) -> float:
        """A headline F1 (``entity_f1``, ``trigger_classification_f1``, ...)."""
        return self.headline[key].f1

    def figure(self, key: str) -> float:
        """A headline F1 or a secondary one (``scoring.secondary.SECONDARY``; 0 when absent)."""
        if key in self.headline:
            return self.headline[key].f1
        return float(self.extra.get("secondary", {}).get(key, {}).get("f1", 0.0))

    def entity_block(self, level: str = "outer", mode: str = "strict", language: str | None = None) -> dict:
        """Micro, macro and per-type figures of one level and mode, overall or for a language."""
        if level not in LEVELS or mode not in MODES:
            raise KeyError(f"no entity figures for level {level!r}, mode {mode!r}")
        block = self.entities[level][mode]
        return block if language is None else block["per_language"].get(language, {})

    def entity_f1(self, level: str = "outer", mode: str = "strict", language: str | None = None) -> float:
        block = self.entity_block(level, mode, language)
        return block["micro"]["f1"] if block else 0.0

    def event_block(self, metric: str, language: str | None = None) -> dict:
        """P/R/F1 and counts of one event metric (``EVENT_METRICS``), overall or for a language."""
        events = self.events if language is None else self.events["per_language"].get(language, {})
        return events.get(metric, {})

    @property
    def languages(self) -> list[str]:
        return list(self.entities["outer"]["strict"]["per_language"])

    @property
    def scheme(self) -> str:
        """``full`` (the benchmark's types) or ``coarse`` (CITY, GPE, LOC scored as LOC)."""
        return str((self.extra.get("labels") or {}).get("scheme", "full"))

    @property
    def label_map(self) -> str | None:
        """The label map the system's labels went through (``--label-map``), if any."""
        return (self.extra.get("labels") or {}).get("label_map")

    @property
    def partial_languages(self) -> tuple[list[str], list[str]] | None:
        """(evaluated, of) when only some languages were evaluated (``--languages``), else ``None``."""
        block = self.extra.get("languages")
        return None if not block else (list(block["evaluated"]), list(block["of"]))

    @property
    def orphan_i_tags(self) -> int:
        return int(self.entities.get("orphan_i_tags", 0))

    # ------------------------------------------------------------------ (de)serialising

    def with_provenance(self, model: str, dataset: DataVersion, package_version: str, time: str) -> "Results":
        """The same figures, labelled with the system and the data they belong to."""
        from dataclasses import replace

        return replace(self, model=model, dataset=dataset, package_version=package_version, time=time)

    def to_dict(self) -> dict:
        """The results record, as ``--format json`` prints it and ``--out`` writes it."""
        out: dict[str, Any] = {}
        if self.model is not None:
            out["model"] = self.model
            out["dataset"] = {"name": self.dataset.name, "version": self.dataset.version,
                              "content_hash": self.dataset.content_hash}
            out["package_version"] = self.package_version
            out["time"] = self.time
        out.update({
            "sentences": self.sentences,
            "tokens": self.tokens,
            "predicted_fields": list(self.predicted_fields),
            "headline": {k: h.to_dict() for k, h in self.headline.items()},
            "entities": self.entities,
            "events": self.events,
            "bootstrap": {"samples": self.samples, "seed": self.seed, "unit": "sentence"},
        })
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Results":
        """Read a results record (raises ``KeyError``/``TypeError`` on a malformed one)."""
        ds = data.get("dataset") or {}
        boot = data.get("bootstrap") or {}
        return cls(
            sentences=int(data.get("sentences", 0)),
            tokens=int(data.get("tokens", 0)),
            predicted_fields=tuple(data.get("predicted_fields", ())),
            headline={k: Headline(float(h["f1"]), (float(h["ci95"][0]), float(h["ci95"][1])), h.get("what", HEADLINES.get(k, k)))
                      for k, h in data["headline"].items()},
            entities=data["entities"],
            events=data.get("events", {}),
            samples=int(boot.get("samples", DEFAULT_SAMPLES)),
            seed=int(boot.get("seed", DEFAULT_SEED)),
            model=data.get("model"),
            dataset=DataVersion(ds.get("name", "CityDiplo"), ds.get("version", ""), ds.get("content_hash", "")),
            package_version=data.get("package_version"),
            time=data.get("time"),
            extra={k: v for k, v in data.items() if k not in _TOP_KEYS},
        )

    # ------------------------------------------------------------------ rendering

    def render(self, fmt: str = "table") -> str:
        """The figures as a terminal table (``table``), ``markdown`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
        return render_results(self, markdown=fmt == "markdown")

    def __str__(self) -> str:
        return self.render("table")


def _prf_row(name: str, c: dict) -> list[object]:
    return [name, pct(c["precision"]), pct(c["recall"]), pct(c["f1"]), str(c["gold"]), str(c["pred"])]


def render_results(r: Results, markdown: bool = False) -> str:
    """Headline, entity and event tables of a ``Results``."""
    parts = []
    if r.model is not None:
        parts.append(f"model: {r.model}  data: {r.dataset.name} {r.dataset.version} ({r.dataset.content_hash[:12]})  "
                     f"sentences: {r.sentences}  tokens: {r.tokens}")
    else:
        parts.append(f"sentences: {r.sentences}  tokens: {r.tokens}")
    parts.append(text_table(["headline", "F1 [95% CI]", "what"],
                            [[k, str(h), h.what] for k, h in r.headline.items()], markdown))
    rows = []
    for level in LEVELS:
        for mode in MODES:
            b = r.entity_block(level, mode)
            rows.append([level, mode, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]), pct(b["micro"]["f1"]),
                         pct(b["macro"]["f1"])])
    parts.append(text_table(["level", "mode", "P", "R", "micro F1", "macro F1"], rows, markdown))
    strict = r.entity_block("outer", "strict")
    parts.append(text_table(["type (outer, strict)", "P", "R", "F1", "gold", "pred"],
                            [_prf_row(t, c) for t, c in strict["per_type"].items()], markdown))
    parts.append(text_table(["language (outer, strict)", "P", "R", "micro F1", "macro F1"],
                            [[lang, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]), pct(b["micro"]["f1"]),
                              pct(b["macro"]["f1"])] for lang, b in strict["per_language"].items()], markdown))
    parts.append(text_table(["event metric", "P", "R", "F1", "gold", "pred"],
                            [_prf_row(n, r.event_block(n)) for n in EVENT_METRICS], markdown))
    realis = r.events["realis_accuracy"]
    parts.append(f"realis accuracy on matched triggers: {pct(realis['accuracy'])} (n={realis['matched_triggers']})")
    parts.extend(render_secondary(r.extra, markdown))
    if r.orphan_i_tags:
        parts.append(f"note: {r.orphan_i_tags} I- tag(s) continue no entity; strict mode drops them, "
                     "default mode reads them as entity starts (as seqeval does)")
    return "\n\n".join(parts)
