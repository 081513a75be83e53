"""The parallel track: evaluation over every version, the article x language matrix, the
consistency block (by hand, against scikit-learn, and its properties), results files and the
leaderboard section (issue 27)."""

from __future__ import annotations

import copy
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

import citydiplo
from citydiplo.corpus.benchmark import load_benchmark, track_content_hash
from citydiplo.errors import InputError
from citydiplo.evaluation.llm.prompt import choose_shots
from citydiplo.evaluation.submission import check_results, schema_problems
from citydiplo.evaluation.training import leave_one_document_out
from citydiplo.scoring.parallel import consistency, kappa, language_order, pair_agreement, spread
from citydiplo.scoring.report import leaderboard_page, leaderboard_table
from citydiplo.scoring.results import Results
from fixtures import run


@pytest.fixture(scope="module")
def parallel():
    return load_benchmark().track("parallel")


# ------------------------------------------------------------------ the gold scores 100


def test_gold_predictions_score_100_everywhere_and_consistency_1(parallel_gold_results, parallel):
    r = parallel_gold_results
    assert r.track == "parallel" and r.dataset.content_hash == parallel.content_hash
    assert all(h.f1 == 1.0 for h in r.headline.values()) and len(r.headline) == 4
    block = r.parallel_block()
    assert block["languages"] == ["lv", "ru", "fa", "uk", "vi", "en"]
    assert set(block["matrix"]) == {"000", "001", "002", "003", "004"}
    for article, by_lang in block["matrix"].items():
        assert len(by_lang) == 6  # every article in every language
        for cells in by_lang.values():
            assert {m: c["f1"] for m, c in cells.items()} == {
                "entity_f1": 1.0, "trigger_classification_f1": 1.0, "argument_classification_f1": 1.0}
        assert all(c["max_minus_min"] == 0.0 and c["sd"] == 0.0 for c in block["spread"][article].values())
    pairs = block["consistency"]["pairs"]
    langs = block["languages"]
    assert list(pairs) == [f"{a}-{b}" for i, a in enumerate(langs) for b in langs[i + 1:]]  # all 15 pairs
    for p in pairs.values():
        assert p["both_over_either"] == 1.0 and p["kappa"] == 1.0 and p["both"] == p["either"] == p["items"] > 0
    # every aligned item of 002 is there in every version: 79 entities, 18 triggers, 28 arguments, 6 relations
    per_kind = block["consistency"]["items"]["002"]
    assert {k: len(v["ids"]) for k, v in per_kind.items()} == {"entity": 79, "trigger": 18, "argument": 28,
                                                               "relation": 6}
    assert all(per_kind["entity"][lang] == "1" * 79 for lang in langs)


def test_the_gold_file_covers_every_version_and_bench_scores_it(tmp_path, parallel):
    out, res = tmp_path / "g.jsonl", tmp_path / "r.json"
    assert run("gold-predictions", "--track", "parallel", "--out", out).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(parallel.records) == 444
    result = run("evaluate", out, "--track", "parallel", "--samples", "100", "--out", res)
    assert result.exit_code == 0, result.output
    assert "track: parallel" in result.output and "lv-en" in result.output and "kappa" in result.output
    checked = check_results(res, predictions=out)
    assert checked.reproduced and checked.results.figure("entity_f1") == 1.0
    assert "parallel track" in checked.summary(str(res))
    # a default-track run of the same file is refused: it covers more than the test set
    assert run("evaluate", out, "--samples", "100").exit_code == 2


def test_the_default_track_is_unchanged_and_says_so(gold, tmp_path):
    out = tmp_path / "g.jsonl"
    assert run("gold-predictions", "--out", out).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(gold.records) == 74
    r = citydiplo.evaluate(str(out), samples=100)
    assert r.track == "default" and "parallel" not in r.extra
    assert r.dataset.content_hash == gold.content_hash == track_content_hash(gold.root, "default")
    data = r.to_dict()
    assert data["track"] == "default" and schema_problems(data) == []
    del data["track"]  # a file written before tracks reads as the default track
    assert Results.from_dict(data).track == "default" and schema_problems(data) == []


def test_the_schema_ties_the_parallel_block_to_the_parallel_track(parallel_gold_results):
    data = parallel_gold_results.with_provenance("m", parallel_gold_results.dataset, "0", "2026-01-01T00:00:00+00:00").to_dict()
    assert schema_problems(data) == []
    assert schema_problems({**data, "track": "default"})  # a parallel block on the default track
    assert schema_problems({k: v for k, v in data.items() if k != "parallel"})  # the parallel track without it
    assert schema_problems({**data, "track": "Parallel"})
    broken = copy.deepcopy(data)
    broken["parallel"]["consistency"]["items"]["000"]["entity"]["lv"] = "1x"
    assert schema_problems(broken)


def test_an_unknown_track_is_a_clear_error(tmp_path):
    with pytest.raises(InputError) as err:
        citydiplo.evaluate("gazetteer", track="paralel", samples=100)
    assert err.value.path == "--track"
    result = run("evaluate", "gazetteer", "--track", "paralel")
    assert result.exit_code == 2 and "--track" in result.output
    with pytest.raises(InputError, match="track"):
        citydiplo.score([], gold=[{"id": "s-1", "ner_tags": ["O"]}], track="parallel")


# ------------------------------------------------------------------ a system that differs by language


def test_matrix_and_consistency_of_a_system_blind_in_english_for_one_article(parallel_gold_records, parallel):
    records = copy.deepcopy(parallel_gold_records)
    for rec in records:
        if rec["id"].startswith("000-en-"):
            rec["ner_tags"] = ["O"] * len(rec["ner_tags"])
            rec["ner_tags_inner"] = ["O"] * len(rec["ner_tags_inner"])
    r = citydiplo.score(records, samples=100, track="parallel")
    block = r.parallel_block()
    cell = block["matrix"]["000"]["en"]["entity_f1"]
    assert (cell["tp"], cell["pred"], cell["f1"]) == (0, 0, 0.0) and cell["gold"] == 36
    assert block["matrix"]["000"]["lv"]["entity_f1"]["f1"] == 1.0
    assert block["matrix"]["000"]["en"]["trigger_classification_f1"]["f1"] == 1.0
    assert block["spread"]["000"]["entity_f1"]["max_minus_min"] == 1.0
    assert block["spread"]["001"]["entity_f1"]["max_minus_min"] == 0.0
    entity = block["consistency"]["pairs"]["lv-en"]["per_kind"]["entity"]
    # all 43 entity mentions (outer and inner) of 000 right in lv, none in en; every other article right in both
    assert (entity["items"] - entity["both"], entity["either"]) == (43, entity["items"])
    items = block["consistency"]["items"]
    a = [c == "1" for art in items for kind in items[art] for c in items[art][kind].get("lv", "")]
    b = [c == "1" for art in items for kind in items[art] for c in items[art][kind].get("en", "")]
    whole = block["consistency"]["pairs"]["lv-en"]
    assert len(a) == len(b) == whole["items"] and whole["either"] == sum(a) and whole["both"] == sum(a) - 43
    assert whole["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert items["000"]["entity"]["en"] == "0" * 43 and items["000"]["entity"]["lv"] == "1" * 43
    # the matrix counts as the scorer does: summed over articles it gives each language's figures
    for lang in ("lv", "en"):
        tp = sum(block["matrix"][a][lang]["entity_f1"]["tp"] for a in block["matrix"] if lang in block["matrix"][a])
        gold = sum(block["matrix"][a][lang]["entity_f1"]["gold"] for a in block["matrix"] if lang in block["matrix"][a])
        micro = r.entity_block("outer", "strict", lang)["micro"]
        assert (tp, gold) == (micro["tp"], micro["gold"])


# ------------------------------------------------------------------ consistency by hand and its properties


def test_both_over_either_and_kappa_by_hand():
    a = [True, True, False, False, True]
    b = [True, False, True, False, False]
    got = pair_agreement(a, b)
    assert (got["items"], got["both"], got["either"]) == (5, 1, 4)
    assert got["both_over_either"] == 0.25
    # po = 2/5; pe = (3/5)(2/5) + (2/5)(3/5) = 12/25; kappa = (10/25 - 12/25) / (13/25) = -2/13
    assert got["kappa"] == pytest.approx(-2 / 13)
    assert pair_agreement([False, False], [False, False]) == {
        "items": 2, "both": 0, "either": 0, "both_over_either": None, "kappa": 1.0}
    assert pair_agreement([], [])["kappa"] is None


def test_pairs_over_articles_and_languages():
    right = {
        "000": {"entity": {"T1": {"lv": True, "en": True, "ru": False}, "T2": {"lv": False, "en": True}}},
        "001": {"trigger": {"E1": {"ru": True, "en": False}}},
    }
    pairs = consistency(right, ["lv", "ru", "en"])
    assert list(pairs) == ["lv-ru", "lv-en", "ru-en"]
    assert pairs["lv-en"]["articles"] == ["000"] and pairs["lv-en"]["items"] == 2
    assert (pairs["lv-en"]["both"], pairs["lv-en"]["either"]) == (1, 2)
    assert pairs["ru-en"]["articles"] == ["000", "001"] and pairs["ru-en"]["items"] == 2
    assert set(pairs["ru-en"]["per_kind"]) == {"entity", "trigger"}
    assert pairs["lv-ru"]["items"] == 1 and pairs["lv-ru"]["both_over_either"] == 0.0


def test_spread_by_hand():
    cell = lambda f1, gold=10: {"f1": f1, "gold": gold, "pred": 10}  # noqa: E731
    matrix = {"000": {"lv": {"entity_f1": cell(0.5)}, "en": {"entity_f1": cell(0.8)}, "ru": {"entity_f1": cell(0.2)}},
              "001": {"ru": {"entity_f1": cell(0.4)}, "en": {"entity_f1": {"f1": 0.0, "gold": 0, "pred": 0}}}}
    got = spread(matrix)
    assert got["000"]["entity_f1"]["max_minus_min"] == pytest.approx(0.6)
    assert got["000"]["entity_f1"]["sd"] == pytest.approx(statistics.stdev([0.5, 0.8, 0.2]))
    assert got["001"]["entity_f1"] == {"versions": 1, "max_minus_min": 0.0, "sd": None}  # nothing to score in en


vectors = st.integers(1, 40).flatmap(lambda n: st.tuples(st.lists(st.booleans(), min_size=n, max_size=n),
                                                         st.lists(st.booleans(), min_size=n, max_size=n)))


@settings(max_examples=150, deadline=None)
@given(vectors)
def test_consistency_is_symmetric_and_kappa_is_sklearns(pair):
    a, b = pair
    ab, ba = pair_agreement(a, b), pair_agreement(b, a)
    assert ab == ba
    assert ab["both"] <= ab["either"] <= ab["items"]
    if a == b:
        assert ab["kappa"] == 1.0
    else:
        assert ab["kappa"] == pytest.approx(cohen_kappa_score([int(x) for x in a], [int(x) for x in b]))
    right = {"000": {"entity": {f"T{i}": {"lv": x, "en": y} for i, (x, y) in enumerate(zip(a, b))}}}
    forward = consistency(right, ["lv", "en"])["lv-en"]
    backward = consistency(right, ["en", "lv"])["en-lv"]
    assert forward == backward
    assert kappa(a, b) == ab["kappa"]


def test_language_order_puts_the_originals_languages_first(parallel):
    assert language_order(parallel.documents) == ["lv", "ru", "fa", "uk", "vi", "en"]


# ------------------------------------------------------------------ learning never sees the held-out article


def test_folds_are_by_article(parallel):
    folds = leave_one_document_out(parallel.documents)
    assert len(folds) == 30
    for fold in folds:
        assert fold.test.article not in {d.article for d in fold.train}
        assert len(fold.train) == 24 and not fold.test.events  # the held-out version without gold


def test_llm_shots_never_come_from_a_version_of_the_target_article(parallel):
    for k in (1, 4):
        shots = choose_shots(parallel.documents, "002-en", k, "document")
        assert all(not unit.doc_id.startswith("002-") for unit, _ in shots)
    with pytest.raises(InputError):
        choose_shots(parallel.documents, "002-en", 25, "document")  # only 24 documents of other articles


# ------------------------------------------------------------------ leaderboard


def test_parallel_results_get_their_own_leaderboard_section(parallel_gold_results, root):
    from citydiplo.scoring.results_files import read_results

    committed = [r for r in read_results(root / "results") if r.track == "default"]
    par = parallel_gold_results.with_provenance("gold", parallel_gold_results.dataset, "0", "2026-01-01T00:00:00+00:00")
    page = leaderboard_page([*committed, par])
    assert page.startswith(leaderboard_page(committed).split("\n## ")[0].rstrip("\n"))  # default tables unchanged
    assert "## Parallel track" in page and "lv-en both/either (κ)" in page and "100.0 (1.000)" in page
    assert leaderboard_table([*committed, par]) == leaderboard_table(committed)
    assert "Different versions" not in page and "different versions of the data" not in page


def test_committed_parallel_results_are_for_the_current_parallel_data(root):
    from citydiplo.scoring.results_files import read_results

    found = [r for r in read_results(root / "results") if r.track == "parallel"]
    current = track_content_hash(root, "parallel")
    assert all(r.dataset.content_hash == current for r in found)
    assert {r.model for r in found} >= {"gazetteer"}
    for r in found:
        assert Path(root / "results" / f"{r.model}.parallel.json").exists()
        assert len(r.parallel_block()["consistency"]["pairs"]) == 15  # every pair of the six languages
