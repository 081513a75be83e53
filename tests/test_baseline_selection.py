"""Issue 25: the offline knowledge the gazetteer reads from babel (CLDR country names) and
pycountry (ISO 3166-2 subdivisions), and the attacher's choice of its role and realis models
by leave-one-document-out over its training documents only."""

from __future__ import annotations

import pytest

from citydiplo_baselines import attach
from citydiplo_baselines.places import _preference
from citydiplo_baselines.resources import Name, country_names, subdivision_names
from citydiplo_baselines.text import script

pytest.importorskip("babel")


def test_cldr_gives_country_names_in_the_language():
    vi = {(n.text, n.id) for n in country_names("vi")}
    assert ("Đức", "ISO3166:DE") in vi  # CLDR's Vietnamese name, not in pycountry's catalogue alone
    lv = {(n.text, n.id) for n in country_names("lv")}
    assert ("Vācija", "ISO3166:DE") in lv


def test_subdivisions_are_gpe_without_an_id_in_the_script_of_the_language():
    vi = {n.text: n for n in subdivision_names("vi")}
    assert vi["An Giang"].type == "GPE" and vi["An Giang"].id == ""
    uk = {n.text for n in subdivision_names("uk")}
    assert "Львівська область" in uk and {script(t) for t in uk} == {"CYRILLIC"}
    assert subdivision_names("fa") == () or all(not t.text.isascii() for t in subdivision_names("fa"))


def test_homonyms_main_name_then_country_then_population():
    country = Name("X", "GPE", "ISO3166:XX", 10**10, False)
    city = Name("X", "CITY", "GeoNames:1", 5_000_000, True)
    region = Name("X", "GPE", "", 0, True)
    assert sorted([country, city, region], key=_preference) == [region, city, country]


def test_the_rule_attacher_is_a_count_table_with_back_off():
    xs = [{"ev": "MEET", "ent": "PER", "dir": "before", "nearest": True}] * 3 + \
         [{"ev": "MEET", "ent": "PER", "dir": "before", "nearest": False}] * 2
    ys = ["Participant", "Participant", "NONE", "NONE", "NONE"]
    table = attach.RoleTable.fit(xs, ys)
    assert table.choose(xs[0], ["Participant", "NONE"]) == "Participant"
    assert table.choose(xs[3], ["Participant", "NONE"]) == "NONE"
    unseen = {"ev": "MEET", "ent": "PER", "dir": "after", "nearest": True}
    assert table.choose(unseen, ["Participant", "NONE"]) == "NONE"  # backs off to (MEET, PER): 3 NONE vs 2
    assert table.choose(xs[0], ["NONE"]) == "NONE"  # only allowed labels


@pytest.fixture(scope="module")
def docs(gold):
    return gold.documents


@pytest.fixture(scope="module")
def inventory(gold):
    return gold.inventory


def test_selection_uses_only_the_training_documents_and_reports_its_figures(docs, inventory):
    train = docs[:3]
    sel = attach.select(train, inventory)
    assert sel["documents"] == [d.id for d in train]
    assert sel["roles"] in attach.ROLE_MODELS and sel["realis"] in attach.REALIS_MODELS
    assert all(0.0 <= v <= 1.0 for v in [*sel["role_f1"].values(), *sel["realis_accuracy"].values()])
    best = max(sel["role_f1"].values())
    assert sel["role_f1"][sel["roles"]] == best
    assert sel["realis_accuracy"][sel["realis"]] == max(sel["realis_accuracy"].values())
    fitted = attach.fit(train, inventory)
    assert fitted.selection == sel
    assert isinstance(fitted.roles, attach.RoleTable if sel["roles"] == "rule" else attach.LogRegRoles)


def test_selection_does_not_depend_on_a_document_it_was_not_given(docs, inventory):
    base = attach.select(docs[:3], inventory)
    assert attach.select(list(docs[:3]), inventory) == base
    assert attach.select(docs[1:4], inventory)["documents"] == [d.id for d in docs[1:4]]
