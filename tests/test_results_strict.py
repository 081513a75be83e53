"""Strict, typed results: one way to read a figure, and a misspelt metric, level, mode,
language or block name is an error naming the valid choices, never a plausible zero."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fixtures import REPO

import citydiplo
from citydiplo.cli import main
from citydiplo.errors import InputError
from citydiplo.scoring.results import Results

RESULTS = sorted((REPO / "results").glob("*.json"))


@pytest.fixture(scope="module")
def gazetteer() -> Results:
    return Results.from_dict(json.loads((REPO / "results" / "gazetteer.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("call, names", [
    (lambda r: r.figure("entity_f1x"), "entity_f1, trigger_classification_f1"),
    (lambda r: r.figure("entity_f1", "xx"), "fa, lv, ru, uk, vi"),
    (lambda r: r.figure("trigger_classification_f1", language="xx"), "fa, lv, ru, uk, vi"),
    (lambda r: r.event_block("nonsense"), "trigger_identification"),
    (lambda r: r.event_block("relation", "xx"), "lv"),
    (lambda r: r.entity_block(level="middle"), "outer, inner"),
    (lambda r: r.entity_block(mode="lenient"), "strict, default"),
    (lambda r: r.entity_block(language="xx"), "lv"),
    (lambda r: r.figure("entity_f1", mode="lenient"), "strict, default"),
])
def test_a_misspelt_name_raises_naming_the_choices(gazetteer, call, names):
    with pytest.raises(KeyError, match=names):
        call(gazetteer)


def test_options_a_figure_does_not_have_are_refused(gazetteer):
    with pytest.raises(ValueError, match="entity_f1 only"):
        gazetteer.figure("relation_f1", level="inner")
    with pytest.raises(ValueError, match="per-language"):
        gazetteer.figure("linking_f1", "lv")
    stripped = Results.from_dict({k: v for k, v in gazetteer.to_dict().items() if k != "secondary"})
    with pytest.raises(KeyError, match="secondary"):
        stripped.figure("linking_f1")


def test_figure_is_the_one_way_to_read_a_number(gazetteer):
    r = gazetteer
    for key, h in r.headline.items():
        assert r.figure(key) == h.f1
    assert r.figure("entity_f1", "lv") == r.entity_block("outer", "strict", "lv")["micro"]["f1"]
    assert r.figure("entity_f1", level="inner", mode="default") == r.entity_block("inner", "default")["micro"]["f1"]
    assert r.figure("relation_with_status_f1") == r.event_block("relation_with_status")["f1"]
    assert r.figure("trigger_classification_f1", "uk") == r.event_block("trigger_classification", "uk")["f1"]
    assert r.figure("linking_f1") == r.extra["secondary"]["linking_f1"]["f1"]
    with pytest.warns(DeprecationWarning):
        assert r.f1("entity_f1") == r.figure("entity_f1")
    with pytest.warns(DeprecationWarning):
        assert r.entity_f1(language="lv") == r.figure("entity_f1", "lv")
    with pytest.warns(DeprecationWarning):
        assert r.headline["entity_f1"].what == r.headline["entity_f1"].description
    with pytest.warns(DeprecationWarning), pytest.raises(KeyError):
        r.entity_f1(language="xx")  # the old spelling is strict too


def test_secondary_and_task_beside_figure(gazetteer):
    """``secondary()`` (a secondary F1 with its interval) is as strict as ``figure()``: a
    misspelt name raises naming the choices; a real one not computed is None."""
    r = gazetteer
    assert r.task == "e2e"
    h = r.secondary("string_f1")
    assert h is not None and h.f1 == r.figure("string_f1") and h.ci95[0] <= h.f1 <= h.ci95[1]
    with pytest.raises(KeyError, match="string_f1"):
        r.secondary("string_f")
    stripped = Results.from_dict({k: v for k, v in r.to_dict().items() if k != "secondary"})
    assert stripped.secondary("string_f1") is None
    eae = Results.from_dict(json.loads((REPO / "results" / "gazetteer.eae.json").read_text(encoding="utf-8")))
    assert eae.task == "eae" and list(eae.headline) == ["argument_classification_f1"]
    with pytest.raises(KeyError, match="argument_classification_f1"):
        eae.figure("argument_classification_f")


@pytest.mark.parametrize("path", RESULTS, ids=lambda p: p.name)
def test_committed_results_load_and_write_back_unchanged(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    r = Results.from_dict(data)
    assert r.to_dict() == data
    assert all(h.description for h in r.headline.values())


def test_score_refuses_input_format_with_own_gold():
    gold = [{"id": "s1", "ner_tags": ["B-CITY", "O"]}]
    with pytest.raises(InputError, match="input_format"):
        citydiplo.score([{"id": "s1", "ner_tags": ["B-CITY", "O"]}], gold=gold, input_format="nonsense")
    assert citydiplo.score([{"id": "s1", "ner_tags": ["B-CITY", "O"]}], gold=gold, samples=100).figure("entity_f1") == 1.0


def test_llm_options_are_refused_for_other_models_as_in_the_api(tmp_path):
    runner = CliRunner()
    preds = str(REPO / "results" / "gazetteer.json")  # never read: refused before
    result = runner.invoke(main, ["evaluate", preds, "--shots", "3", "--temperature", "0.7"])
    assert result.exit_code == 2 and "--shots, --temperature" in result.output and "llm:MODEL only" in result.output
    result = runner.invoke(main, ["evaluate", preds, "--no-cache"])
    assert result.exit_code == 2 and "--no-cache" in result.output
    with pytest.raises(TypeError):
        citydiplo.evaluate(preds, shots=3)


def test_llm_defaults_have_one_source():
    from citydiplo.evaluation.llm.options import LLMOptions

    defaults = LLMOptions()
    help_text = CliRunner().invoke(main, ["evaluate", "--help"], terminal_width=200).output
    for option, value in (("--shots", defaults.shots), ("--max-tokens", defaults.max_tokens),
                          ("--concurrency", defaults.concurrency), ("--timeout", defaults.timeout),
                          ("--prompt-version", defaults.prompt_version), ("--temperature", defaults.temperature)):
        line = next(line for line in help_text.splitlines() if line.strip().startswith(option))
        assert f"[default: {value}]" in line, line
