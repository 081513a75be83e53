"""The leaderboard: rendering, bad results files, and the committed table being exactly what
`bench leaderboard` makes of the committed results, for the current data, reproducibly."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from citydiplo.scoring.results import Results
from click.testing import CliRunner

from citydiplo.cli import main
from citydiplo.corpus.benchmark import track_content_hash
from citydiplo.errors import InputError
from citydiplo.evaluation.evaluate import evaluate
from citydiplo.scoring.report import leaderboard_page as render, leaderboard_table as table
from citydiplo.scoring.results_files import read_results


@pytest.fixture(scope="module")
def every_committed(root) -> list:
    return read_results(root / "results")


@pytest.fixture(scope="module")
def committed(every_committed) -> list:
    """The committed results of the default track (the parallel track's: test_parallel_track.py)."""
    return [r for r in every_committed if r.track == "default"]


def test_committed_leaderboard_is_the_rendering_of_the_committed_results(root, every_committed):
    assert (root / "benchmark" / "LEADERBOARD.md").read_text(encoding="utf-8") == render(every_committed), (
        "rerun: bench leaderboard results/ --out benchmark/LEADERBOARD.md")


def test_readme_shows_the_committed_leaderboard(root, every_committed):
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"<!-- leaderboard:start -->\n{table(every_committed)}<!-- leaderboard:end -->" in readme, (
        "rerun: bench leaderboard results/ --out benchmark/LEADERBOARD.md --readme README.md")


def test_committed_results_are_for_the_current_data(root, committed):
    current = track_content_hash(root, "default")
    stale = [r.model for r in committed if r.dataset.content_hash != current]
    assert not stale, f"rerun bench evaluate MODEL --out results/MODEL.json for: {stale}"
    assert {r.model for r in committed} >= {"gazetteer", "crf"}


def test_committed_gazetteer_figures_reproduce(root, committed):
    """A real run of the gazetteer gives the committed point estimates (deterministic)."""
    (stored,) = [r for r in committed if r.model == "gazetteer" and r.task == "e2e" and r.scheme == "full"]
    fresh = evaluate("citydiplo_baselines.gazetteer:predict", root, samples=10)
    for key, h in stored.headline.items():
        assert fresh.figure(key) == pytest.approx(h.f1), key
    assert fresh.entity_block()["per_language"] == stored.entity_block()["per_language"]
    assert fresh.figure("string_f1") == pytest.approx(stored.figure("string_f1"))
    (eae,) = [r for r in committed if r.model == "gazetteer" and r.task == "eae"]
    fresh = evaluate("citydiplo_baselines.gazetteer:predict", root, samples=10, task="eae")
    assert fresh.figure("argument_classification_f1") == pytest.approx(eae.figure("argument_classification_f1"))


def test_committed_results_cover_every_task_for_every_baseline(committed):
    """results/<model>.json (e2e) and results/<model>.<task>.json: every baseline on every
    task, and given the gold triggers each finds more of the arguments than end to end."""
    runs = {(r.model, r.task): r for r in committed}
    models = {m for m, _ in runs}
    assert {(m, t) for m in models for t in ("ner", "ed", "eae", "e2e")} <= set(runs)
    for m in models:
        assert runs[m, "eae"].figure("argument_classification_f1") > runs[m, "e2e"].figure("argument_classification_f1"), m


def _result(model: str, f1: float, hash_: str = "a" * 64, langs=("lv", "vi")) -> dict:
    h = {"f1": f1, "ci95": [f1 / 2, min(1.0, f1 * 1.5)]}
    block = {"micro": {"f1": f1}}
    return {"model": model, "dataset": {"content_hash": hash_}, "time": "2026-01-02T03:04:05+00:00",
            "predicted_fields": ["ner_tags", "events"],
            "headline": {k: dict(h) for k in ("entity_f1", "trigger_classification_f1",
                                              "argument_classification_f1", "relation_f1")},
            "entities": {"outer": {"strict": {"per_language": {lang: block for lang in langs}}},
                         "inner": {"strict": {"micro": {"f1": f1 / 4}}}}}


def test_render_orders_by_entity_f1_and_formats_intervals():
    text = render([Results.from_dict(_result("weak", 0.1)), Results.from_dict(_result("strong", 0.5, langs=("ru",)))])
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert rows[0].startswith("| 1 | `strong` | 50.0 [25.0, 75.0] |") and rows[1].startswith("| 2 | `weak` |")
    assert "| 12.5 |" in rows[0]  # the inner level's F1
    header = next(line for line in text.splitlines() if line.startswith("| # |"))
    assert header.index("lv entity F1") < header.index("ru entity F1") < header.index("vi entity F1")
    assert "| – |" in rows[0]  # strong has no lv figure
    assert "ent, ev" in rows[0] and "`aaaaaaaaaaaa`" in rows[0] and "2026-01-02" in rows[0]
    assert "different versions of the data" not in text
    assert "2 different versions" in render([Results.from_dict(_result("a", 0.1)),
                                             Results.from_dict(_result("b", 0.2, "b" * 64))])


def test_bad_results_files(tmp_path):
    with pytest.raises(InputError, match="no results files"):
        read_results(tmp_path)
    (tmp_path / "x.json").write_text('{"model": ', encoding="utf-8")
    with pytest.raises(InputError, match="x.json:1: malformed JSON"):
        read_results(tmp_path)
    broken = copy.deepcopy(_result("m", 0.2))
    del broken["headline"]["relation_f1"]["ci95"]
    (tmp_path / "x.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError, match="'relation_f1' has no f1 and ci95"):
        read_results(tmp_path)


def test_cli_writes_the_table(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    for name, f1 in (("a", 0.3), ("b", 0.4)):
        (results / f"{name}.json").write_text(json.dumps(_result(name, f1)), encoding="utf-8")
    out = tmp_path / "LEADERBOARD.md"
    result = CliRunner().invoke(main, ["leaderboard", str(results), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render(read_results(results))
    printed = CliRunner().invoke(main, ["leaderboard", str(results)])
    assert printed.output == out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, ["leaderboard", str(tmp_path / "none")])
    assert bad.exit_code == 2 and "not a directory" in bad.output and not list(Path(tmp_path).glob("*.tmp"))
