"""``Results``: every figure of one scored system, as a typed record.

``Results.to_dict()`` is exactly what ``bench evaluate --format json`` prints and what
``--out`` writes (the ``results/*.json`` files the leaderboard reads); ``from_dict`` reads
such a file back. The nested blocks (``entities``, ``events``, and any block a scorer adds
under ``extra``) stay plain JSON-shaped dicts, reached through the accessors below, so
that no module outside scoring walks string paths into them.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.entities import MODES
from citydiplo.scoring.events import METRICS as EVENT_METRICS
from citydiplo.scoring.report import pct, render_results
from citydiplo.scoring.secondary import SECONDARY

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
             "headline", "entities", "events", "bootstrap", "language_ci95")


def _choose(value: Any, choices: Sequence[str], what: str) -> str:
    """``value`` if it is one of ``choices``, else ``KeyError`` naming them: a misspelt key
    is an error, never a silent zero."""
    if value not in choices:
        raise KeyError(f"unknown {what} {value!r} (choices: {', '.join(map(str, choices)) or 'none'})")
    return value


@dataclass(frozen=True)
class Headline:
    """A headline F1 with its 95% bootstrap interval and a one-line description."""

    f1: float
    ci95: tuple[float, float]
    description: str

    @property
    def what(self) -> str:
        """Deprecated name of ``description``."""
        warnings.warn("Headline.what is deprecated; use Headline.description", DeprecationWarning, stacklevel=2)
        return self.description

    def to_dict(self) -> dict:  # "what": the key results files have always had
        return {"f1": self.f1, "ci95": [self.ci95[0], self.ci95[1]], "what": self.description}

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
    language_ci95: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    """Headline metric -> language -> 95% bootstrap interval (sentences resampled within the
    language); empty in results files written before the scorer stored them."""

    # ------------------------------------------------------------------ accessors
    #
    # One way to read a figure: ``figure(key)`` (an F1 by name, overall or for a language;
    # ``headline[key]`` adds its interval); ``entity_block`` and ``event_block`` give the full
    # precision, recall and counts behind it. A name that does not exist raises ``KeyError``
    # naming the valid ones.

    def figure(self, key: str, language: str | None = None, *, level: str = "outer", mode: str = "strict") -> float:
        """An F1 by name: a headline metric (``HEADLINES``), a secondary one
        (``scoring.secondary.SECONDARY``) or any event metric as ``<metric>_f1``
        (``events.METRICS``: ``relation_with_status_f1``, ...), overall or for one
        ``language``; ``level`` and ``mode`` choose the entity figures of ``entity_f1``
        (default: outer level, strict mode, the headline's)."""
        keys = tuple(dict.fromkeys([*HEADLINES, *self.headline, *SECONDARY, *(f"{m}_f1" for m in EVENT_METRICS)]))
        _choose(key, keys, "figure")
        if key != "entity_f1" and (level, mode) != ("outer", "strict"):
            raise ValueError(f"level and mode apply to entity_f1 only, not {key!r}")
        if key == "entity_f1" and (language is not None or (level, mode) != ("outer", "strict")):
            return float(self.entity_block(level, mode, language)["micro"]["f1"])
        if key in SECONDARY:
            if language is not None:
                raise ValueError(f"{key} has no per-language figures")
            secondary = self.extra.get("secondary", {})
            _choose(key, tuple(secondary), "secondary figure of these results (scored without them?)")
            return float(secondary[key]["f1"])
        if language is None and key in self.headline:
            return self.headline[key].f1
        return float(self.event_block(key[:-len("_f1")], language)["f1"])

    def f1(self, key: str) -> float:
        """Deprecated: ``figure(key)``."""
        warnings.warn("Results.f1(key) is deprecated; use Results.figure(key)", DeprecationWarning, stacklevel=2)
        return self.figure(key)

    def entity_f1(self, level: str = "outer", mode: str = "strict", language: str | None = None) -> float:
        """Deprecated: ``figure("entity_f1", language, level=..., mode=...)``."""
        warnings.warn('Results.entity_f1(...) is deprecated; use Results.figure("entity_f1", language, level=..., '
                      'mode=...)', DeprecationWarning, stacklevel=2)
        return self.figure("entity_f1", language, level=level, mode=mode)

    def entity_block(self, level: str = "outer", mode: str = "strict", language: str | None = None) -> dict:
        """Micro, macro and per-type figures of one level and mode, overall or for a language."""
        _choose(level, LEVELS, "entity level")
        _choose(mode, tuple(MODES), "entity mode")
        block = self.entities[level][mode]
        if language is None:
            return block
        return block["per_language"][_choose(language, self.languages, "language")]

    def event_block(self, metric: str, language: str | None = None) -> dict:
        """P/R/F1 and counts of one event metric (``EVENT_METRICS``, ``realis_accuracy``,
        ``trigger_classification_per_type``), overall or for a language."""
        events = self.events
        if language is not None:
            events = events["per_language"][_choose(language, tuple(events.get("per_language", {})), "language")]
        return events[_choose(metric, tuple(k for k in events if k != "per_language"), "event metric")]

    @property
    def languages(self) -> list[str]:
        return list(self.entities["outer"]["strict"]["per_language"])

    @property
    def track(self) -> str:
        """The track the figures are of: ``default`` (the originals) or ``parallel`` (every
        version of every article); results written before tracks: ``default``."""
        return str(self.extra.get("track", "default"))

    def parallel_block(self) -> dict:
        """The parallel track's matrix, consistency and spread (``scoring.parallel``);
        ``KeyError`` for results of the default track."""
        if "parallel" not in self.extra:
            raise KeyError(f"no parallel block: these are results of the {self.track} track")
        return dict(self.extra["parallel"])

    @property
    def task(self) -> str:
        """The task the figures are of (``scoring.tasks``; results written before tasks: ``e2e``)."""
        return str(self.extra.get("task", "e2e"))

    def secondary(self, key: str) -> Headline | None:
        """A secondary F1 with its interval (``string_f1``, ...; ``scoring.secondary.SECONDARY``),
        or None when these results were scored without it; a name that is not a secondary
        figure raises ``KeyError``."""
        _choose(key, tuple(SECONDARY), "secondary figure")
        block = self.extra.get("secondary", {}).get(key)
        if block is None:
            return None
        return Headline(float(block["f1"]), (float(block["ci95"][0]), float(block["ci95"][1])), block["what"])

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
        if self.language_ci95:
            out["language_ci95"] = {k: {lang: [lo, hi] for lang, (lo, hi) in by_lang.items()}
                                    for k, by_lang in self.language_ci95.items()}
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
            headline={k: Headline(float(h["f1"]), (float(h["ci95"][0]), float(h["ci95"][1])),
                                  h.get("what", HEADLINES.get(k, k))) for k, h in data["headline"].items()},
            entities=data["entities"],
            events=data.get("events", {}),
            samples=int(boot.get("samples", DEFAULT_SAMPLES)),
            seed=int(boot.get("seed", DEFAULT_SEED)),
            model=data.get("model"),
            dataset=DataVersion(ds.get("name", "CityDiplo"), ds.get("version", ""), ds.get("content_hash", "")),
            package_version=data.get("package_version"),
            time=data.get("time"),
            extra={k: v for k, v in data.items() if k not in _TOP_KEYS},
            language_ci95={k: {lang: (float(ci[0]), float(ci[1])) for lang, ci in by_lang.items()}
                           for k, by_lang in (data.get("language_ci95") or {}).items()},
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
