"""The `parallel` config: one row per sentence of every version of every article, aligned to
the original's sentences, with the alignment ids (brat ids) kept, read from the committed
dataset/ exactly as a user reads it; the other configs hold the originals only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.release.features import CONFIGS, config_features

REPO = Path(__file__).resolve().parents[2]


def committed(config: str) -> list[dict]:
    text = (REPO / "dataset" / config / "test.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def parallel():
    return committed("parallel")


def test_every_sentence_of_every_version_is_a_row(parallel):
    bench = load_benchmark(REPO).track("parallel")
    assert [r["id"] for r in parallel] == list(bench.records)
    by_language: dict = {}
    for r in parallel:
        by_language.setdefault((r["language"], r["original"]), set()).add(r["article"])
    assert by_language[("en", False)] == {"000", "001", "002", "003", "004"}
    assert {lang for lang, original in by_language if original} == {"lv", "ru", "fa", "uk", "vi"}
    assert [f.name for f in config_features("parallel", bench.inventory)] == list(parallel[0])


def test_the_default_configs_hold_the_originals_only():
    assert CONFIGS[-1] == "parallel"
    for config in CONFIGS[:-1]:
        languages = {r["language"] for r in committed(config)}
        assert languages and languages <= {"lv", "ru", "fa", "uk", "vi"}, config  # relations: fa and uk only


def test_a_translated_sentence_names_the_original_sentence_it_renders(parallel):
    rows = {r["id"]: r for r in parallel}
    for r in parallel:
        if r["original"]:
            assert r["version_of"] == r["doc_id"] and r["aligned_to"] == [r["id"]]
            continue
        assert r["version_of"].split("-")[0] == r["article"] != r["version_of"]
        assert r["aligned_to"], r["id"]  # one to one in these documents
        for target in r["aligned_to"]:
            assert rows[target]["doc_id"] == r["version_of"] and rows[target]["original"]


def test_items_join_across_versions_on_their_ids(parallel):
    """Every entity, event and relation of a translated sentence has the same id, type (and
    normalisation, role set, status) in the original sentence it renders, and nothing of the
    original is missing but what LOSSES.tsv lists (the three inner CITY mentions of 000-ru)."""
    rows = {r["id"]: r for r in parallel}
    lost = {"000-ru": {"T27", "T29", "T31"}}

    def items(rs):
        ents = {e["id"]: (e["type"], e["level"], e["norm_db"], e["norm_id"]) for r in rs for e in r["entities"]}
        evs = {e["id"]: (e["type"], e["realis"], sorted((a["role"], a["ref"]) for a in e["arguments"]))
               for r in rs for e in r["events"]}
        rels = {x["id"]: (x["type"], x["arg1"], x["arg2"], x["status"]) for r in rs for x in r["relations"]}
        return ents, evs, rels

    compared = 0
    for r in parallel:
        if r["original"]:
            continue
        mine, theirs = items([r]), items([rows[t] for t in r["aligned_to"]])
        gone = lost.get(r["doc_id"], set())
        theirs = ({k: v for k, v in theirs[0].items() if k not in gone}, theirs[1], theirs[2])
        assert mine == theirs, r["id"]
        compared += sum(map(len, mine))
    # every entity, event and relation of the five originals in each of their five translations, less 3 lost
    assert compared == 5 * (239 + 93 + 9) - 3

