"""Label figures with what they are of: the model, the data version, the package and the
software it ran with (the ``environment`` block, from ``evaluation.environment``).

Both the evaluator (``evaluation.evaluate``) and the LLM harness (``evaluation.llm.run``)
stamp their results here, so that neither imports the other.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from citydiplo.corpus.benchmark import Benchmark
from citydiplo.evaluation.environment import environment
from citydiplo.scoring.results import DataVersion, Results
from citydiplo.version import __version__


def with_provenance(results: Results, model: str, bench: Benchmark) -> Results:
    """``results`` labelled with ``model``, the benchmark's data version and content hash,
    the package version, the time (UTC) and the ``environment`` (the versions of the
    packages that decide a figure)."""
    labelled = results.with_provenance(
        model, DataVersion("CityDiplo", bench.version, bench.content_hash), __version__,
        _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    return replace(labelled, extra={**labelled.extra, "environment": environment()})
