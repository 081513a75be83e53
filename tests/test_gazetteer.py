"""The gazetteer baseline: names, inflection, dates, triggers and relations on made-up
sentences (never the benchmark's), and its records against the prediction checker."""

from __future__ import annotations

import tomllib

import pytest

from citydiplo_baselines.dates import find_dates
from citydiplo_baselines.gazetteer import predict, tag_sentence
from citydiplo_baselines.inflection import readings, stem
from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.corpus.documents import read_corpus
from citydiplo.evaluation.evaluate import ENTRY_POINT_GROUP, _import_callable
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.formats.predictions import check_stream
from citydiplo.formats.tokens import tokenize


def tag(text: str, lang: str) -> tuple[list[str], dict]:
    tokens = [t.text for t in tokenize(text)]
    return tokens, tag_sentence(tokens, lang)


def mentions(tokens: list[str], record: dict) -> list[tuple[str, str]]:
    return [(" ".join(tokens[a:b]), label) for a, b, label in iob2_to_token_spans(record["ner_tags"])]


def norm_of(tokens: list[str], record: dict) -> dict[str, str]:
    return {" ".join(tokens[n["span"][0]:n["span"][1]]): n["id"] for n in record["norm"]}


def test_latvian_genitive_finds_harbin_with_its_geonames_id():
    tokens, rec = tag("Rīt Rēzeknes pilsētas delegācija dosies uz Harbinas izstādi.", "lv")
    assert ("Harbinas", "CITY") in mentions(tokens, rec)
    assert norm_of(tokens, rec)["Harbinas"] == "GeoNames:2037013"


def test_lower_case_words_are_not_names_in_cased_scripts():
    tokens, rec = tag("mēs runājām par harbinas tēju", "lv")
    assert mentions(tokens, rec) == []


@pytest.mark.parametrize("lang, text, surface, ident", [
    ("uk", "Мер зустрівся з Вупперталем учора.", "Вупперталем", "GeoNames:2805753"),
    ("ru", "Делегация прибыла в Южно-Сахалинске утром.", "Южно-Сахалинске", "GeoNames:2119441"),
    ("ru", "Гости из Китая приехали.", "Китая", "ISO3166:CN"),  # China, not Quito ("Кито")
    ("lv", "Sadarbība ar Vāciju turpinās.", "Vāciju", "ISO3166:DE"),
    ("fa", "هیئتی از اصفهان به چین رفت", "اصفهان", "GeoNames:418863"),
    ("vi", "Đoàn đại biểu đến Hà Nội hôm qua.", "Hà Nội", "GeoNames:1581130"),
])
def test_inflected_and_multiword_place_names(lang, text, surface, ident):
    tokens, rec = tag(text, lang)
    assert norm_of(tokens, rec).get(surface) == ident, mentions(tokens, rec)


def test_stems_and_readings():
    assert stem("rīgas", "lv") == stem("rīga", "lv") == stem("rīgā", "lv") == "rīg"
    assert stem("москвой", "ru") == stem("москва", "ru") == "москв"
    assert stem("києві", "uk") == stem("київ", "uk") == stem("києва", "uk") == "києв"  # blind alternation
    assert readings("китая", "ru")[:2] == ("китая", "кита")
    assert readings("nội", "vi") == ("nội",)


@pytest.mark.parametrize("lang, text, expected", [
    ("lv", "Sanāksme notika 2021. gada 5. martā Rīgā.", ["2021. gada 5. martā"]),
    ("uk", "У березні минулого року та у 2021 році.", ["березні минулого року", "2021 році"]),
    ("ru", "Сегодня, 5 мая 2021 года, мы встретились.", ["Сегодня", "5 мая 2021 года"]),
    ("vi", "Ngày 5-3 và tháng 12 năm 2021, đoàn đến Hà Nội.", ["Ngày 5-3", "tháng 12 năm 2021"]),
    ("fa", "از بهمن 98 تا فروردین ۹۹ و امروز", ["بهمن 98", "فروردین ۹۹", "امروز"]),
    ("fa", "مهر و محبت", []),  # a month name that is an everyday word needs a number
    ("uk", "лютий мороз і 5 лютого", ["5 лютого"]),  # likewise (blind AMBIGUOUS_MONTHS)
])
def test_dates(lang, text, expected):
    tokens = [t.text for t in tokenize(text)]
    assert [" ".join(tokens[c.first:c.last]) for c in find_dates(tokens, lang)] == expected


def test_trigger_realis_and_time_argument():
    tokens, rec = tag("12. augustā mēri tikās tiešsaistē.", "lv")
    (event,) = rec["events"]
    assert event["type"] == "MEET" and tokens[event["trigger"][0]] == "tikās"
    assert event["realis"] == "ACTUAL" and event["arguments"] == [{"role": "Time", "span": [0, 2]}]
    tokens, rec = tag("Мэр будет с визитом в Москве.", "ru")
    assert [(e["type"], e["realis"]) for e in rec["events"]] == [("VISIT", "FUTURE")]


def test_partner_relation_needs_a_cue():
    tokens, rec = tag("Кам’янське та Вупперталь стануть містами-партнерами.", "uk")
    (rel,) = rec["relations"]
    assert tokens[rel["arg1"][0]] == "Кам’янське" and tokens[rel["arg2"][0]] == "Вупперталь"
    _, rec = tag("Кам’янське та Вупперталь обмінялися листами.", "uk")
    assert rec["relations"] == []


def test_the_gold_is_never_read(root):
    doc = next(d for d in read_corpus(root) if d.id == "003-uk")
    assert doc.entities  # gold is attached ...
    assert list(predict([doc])) == list(predict([doc.without_gold()]))  # ... and makes no difference


def test_records_pass_the_checker_and_cover_every_sentence():
    gold = load_benchmark()  # the real benchmark: every annotated document
    checked = list(check_stream(enumerate(predict(gold.documents), 1), gold.shapes, gold.inventory, "<gazetteer>"))
    assert {p.id for p in checked} == set(gold.records)
    assert any(tag != "O" for p in checked for tag in p.ner_tags)


def test_both_baselines_are_registered_entry_points(root):
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    group = data["project"]["entry-points"][ENTRY_POINT_GROUP]
    assert set(group) >= {"gazetteer", "crf"}
    for spec in group.values():
        assert callable(_import_callable(spec))


def test_another_lexicon_can_be_given():
    tokens = [t.text for t in tokenize("Mēri tikās Rīgā.")]
    assert [e["type"] for e in tag_sentence(tokens, "lv")["events"]] == ["MEET"]
    assert tag_sentence(tokens, "lv", lexicon={"lv": {"VISIT": ("rīg*",)}})["events"] == []  # inside a CITY
    assert [e["type"] for e in tag_sentence(tokens, "lv", lexicon={"lv": {"AID": ("tikās",)}})["events"]] == ["AID"]


def test_guideline_overlap_is_measured(root):
    from citydiplo_baselines.overlap import overlapping, without_guideline_words

    drop = overlapping(root)
    assert "tikās" in drop["lv"]["MEET"]  # quoted in the guidelines' event part
    kept = without_guideline_words(root)
    assert "tikās" not in kept["lv"]["MEET"] and "tikties" in kept["lv"]["MEET"]
