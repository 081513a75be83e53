"""Fixtures for every test: the project root and a throw-away copy of it for tests that write
(built by the shared ``tests/fixtures.py``).

The suite is hermetic: every cache the package keeps (the LLM responses, the gazetteer's
place names) goes to one temporary folder for the session, never the user's ``~/.cache``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from fixtures import REPO, copy_project, export_gold

ROOT = REPO


def pytest_configure(config: pytest.Config) -> None:
    """Point every cache at a session folder before any test (or subprocess) runs."""
    cache = Path(tempfile.mkdtemp(prefix="citydiplo-test-cache-"))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ["CITYDIPLO_CACHE_DIR"] = str(cache / "citydiplo")
    os.environ["CITYDIPLO_CACHE"] = str(cache / "citydiplo" / "llm")
    config._citydiplo_cache = cache  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    cache = getattr(config, "_citydiplo_cache", None)
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of seeds/, corpus/ and the schema, with no gold annotations."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def gold():
    """The checkout's benchmark as the evaluator loads it, read once for the session (read-only)."""
    from citydiplo.corpus.benchmark import load_benchmark

    return load_benchmark()


@pytest.fixture
def mini_gold(project: Path):
    """The benchmark of a copy of the project with the small hand-written gold of
    ``tests/baseline_fixtures.py`` (for training and fold tests)."""
    from baseline_fixtures import small_gold
    from citydiplo.corpus.benchmark import load_benchmark

    return load_benchmark(small_gold(project))


@pytest.fixture
def doclevel_project(project: Path) -> Path:
    """A copy of the project whose only gold is ``fixtures.doclevel_gold``: 000-lv with
    entity clusters (Coref lines) and an event-records file."""
    from fixtures import doclevel_gold

    return doclevel_gold(project)


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The gold as predictions in every format (``bench gold-predictions``), read-only for tests."""
    return export_gold(tmp_path_factory.mktemp("gold"))


@pytest.fixture(scope="session")
def parallel_gold_records() -> list[dict]:
    """The gold of the parallel track (every version) as tokens prediction records; copy before changing."""
    import json

    from citydiplo.evaluation.gold_output import gold_prediction_files

    text = gold_prediction_files(None, "tokens", track="parallel")[""]
    return [json.loads(line) for line in text.splitlines() if line]


@pytest.fixture(scope="session")
def parallel_gold_results(parallel_gold_records):
    """Those records scored on the parallel track (100 resamples)."""
    import citydiplo

    return citydiplo.score(parallel_gold_records, samples=100, track="parallel")
