"""The ``toolkit`` and ``crf-toolkit`` baselines (skipped without the ``[toolkit]`` extra)."""

from __future__ import annotations

import pytest

for module in ("natasha", "underthesea", "pymorphy3", "simplemma"):
    pytest.importorskip(module, reason="the [toolkit] extra is not installed")


from citydiplo_baselines import toolkit  # noqa: E402
from citydiplo_baselines.matcher import Candidate  # noqa: E402
from citydiplo_baselines.text import norm  # noqa: E402
from citydiplo.evaluation.training import run_model  # noqa: E402
from citydiplo.formats.bio import iob2_to_token_spans  # noqa: E402
from citydiplo.formats.predictions import check_stream  # noqa: E402
from citydiplo.formats.tokens import tokenize  # noqa: E402


def test_natasha_finds_russian_persons_and_places():
    text = "Сергей Собянин встретился в Москве с делегацией."
    spans = {(text[a:b], t) for a, b, t in toolkit.natasha_spans(text)}
    assert ("Сергей Собянин", "PER") in spans and ("Москве", "LOC") in spans


def test_underthesea_spans_point_back_into_the_text():
    text = "Đoàn đại biểu Nhật Bản đã thăm Hà Nội."
    spans = toolkit.underthesea_spans(text, 100)
    assert ("Hà Nội", "LOC") in {(text[a - 100:b - 100], t) for a, b, t in spans}


def test_person_rules():
    words = ["Сергей", "Собянин", "посетил", "Вупперталь"]  # an unknown word is not a name
    assert [(m.first, m.last) for m in toolkit.morph_persons(words, "ru")] == [(0, 2)]
    places = {(0, 1): Candidate(0, 1, "CITY")}
    assert toolkit.without_places((0, 3), places) == (1, 3)  # "Харкова Ігор Терехов"
    assert toolkit.without_places((0, 1), places) is None
    assert toolkit.without_places((0, 3), {(1, 2): Candidate(1, 2, "CITY")}) is None


def test_a_toolkit_location_takes_the_gazetteers_type_without_its_connector():
    keys = [norm(w) for w in "thăm thành phố Đà Nẵng".split()]
    city = Candidate(3, 5, "CITY", 1, "payload")
    assert toolkit.place_type(keys, "vi", (1, 5), {(3, 5): city}) == Candidate(3, 5, "CITY", -1, "payload")
    assert toolkit.place_type(keys, "vi", (3, 5), {}).type == "GPE"


def test_to_tokens():
    tokens = tokenize("Rīga un Daugavpils", 10)
    assert toolkit.to_tokens(tokens, 18, 28) == (2, 3) and toolkit.to_tokens(tokens, 0, 5) is None


def test_toolkit_and_crf_toolkit_records_are_checked_complete_and_deterministic(mini_gold):
    from citydiplo_baselines.crf import predict_with_toolkit

    records = list(run_model(toolkit.predict, mini_gold.documents))
    assert records == list(run_model(toolkit.predict, mini_gold.documents))
    checked = list(check_stream(enumerate(records, 1), mini_gold.shapes, mini_gold.inventory, "<toolkit>"))
    assert len(checked) == len(mini_gold.records)
    ru = [r for r in records if r["id"].startswith("001-ru")]
    assert any(t == "PER" for r in ru for *_, t in iob2_to_token_spans(r["ner_tags"]))  # natasha ran
    docs = [d for d in mini_gold.documents if d.id in ("001-ru", "003-uk")]
    shapes = {sid: s for sid, s in mini_gold.shapes.items() if sid[:6] in ("001-ru", "003-uk")}
    hybrid = list(run_model(predict_with_toolkit, docs))
    assert len(list(check_stream(enumerate(hybrid, 1), shapes, mini_gold.inventory, "<crf-toolkit>"))) == len(shapes)
    assert all("ner_tags" in r and "events" in r for r in hybrid)
