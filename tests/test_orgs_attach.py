"""The inner level (organisations named after a place) and the learned argument attacher."""

from __future__ import annotations

import pytest

from citydiplo_baselines import attach
from citydiplo_baselines.gazetteer import tag_sentence
from citydiplo_baselines.matcher import Candidate
from citydiplo_baselines.orgs import nest
from citydiplo_baselines.text import norm
from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.formats.records import sentence_records


def keys(text: str) -> list[str]:
    return [norm(w) for w in text.split()]


@pytest.mark.parametrize("lang, text, place, org", [
    ("ru", "мэрия Москвы подписала", (1, 2), (0, 2)),
    ("ru", "администрация города Хэйхэ", (2, 3), (0, 3)),
    ("lv", "Rīgas pilsētas dome nolēma", (0, 1), (0, 3)),
    ("vi", "Ủy ban nhân dân thành phố Hà Nội", (6, 8), (0, 8)),
    ("fa", "شهرداری تهران", (1, 2), (0, 2)),
])
def test_a_place_next_to_an_organisation_head_goes_to_the_inner_level(lang, text, place, org):
    outer, inner = nest(keys(text), lang, [Candidate(*place, "CITY")])
    assert [(m.first, m.last, m.type) for m in outer] == [(*org, "ORG")]
    assert [(m.first, m.last, m.type) for m in inner] == [(*place, "CITY")]


def test_no_head_no_nesting_and_no_org_across_another_mention():
    city = Candidate(1, 2, "CITY")
    assert nest(keys("делегация Москвы"), "ru", [city]) == ([city], [])
    # "Rīgas dome" is not made an ORG where "dome" is already part of another mention
    other = Candidate(1, 3, "MISC")
    outer, inner = nest(keys("Rīgas dome x"), "lv", [Candidate(0, 1, "CITY"), other])
    assert inner == [] and other in outer
    # an ORG found by a tool nests the places inside it
    outer, inner = nest(keys("a b c"), "lv", [Candidate(1, 2, "GPE")], orgs=[(0, 3)])
    assert [(m.first, m.last, m.type) for m in outer] == [(0, 3, "ORG")] and inner == [Candidate(1, 2, "GPE")]


def test_the_gazetteer_predicts_the_inner_level():
    record = tag_sentence(["Delegācija", "apmeklēja", "Rīgas", "domi", "."], "lv")
    assert iob2_to_token_spans(record["ner_tags"]) == [(2, 4, "ORG")]
    assert iob2_to_token_spans(record["ner_tags_inner"]) == [(2, 3, "CITY")]
    assert record["norm"] and record["norm"][0]["span"] == [2, 3]


@pytest.fixture(scope="module")
def fitted(gold):
    train = gold.documents[1:]
    return attach.fit(train, gold.inventory), train


def test_the_attacher_learns_from_the_training_documents_only(gold, fitted):
    model, train = fitted
    px, py, rx, ry = attach.training_pairs(train)
    assert len(rx) == sum(len(r.events) for d in train for r in sentence_records(d))
    assert len(px) == len(py) and set(py) - {attach.NONE}  # some roles to learn
    px_all, *_ = attach.training_pairs(gold.documents)
    assert len(px_all) > len(px)  # the held-out document adds pairs: it was left out
    roles = model.roles  # the role model chosen on the training folds (issue 25)
    labels = (set(attach._classes(roles.model)) if isinstance(roles, attach.LogRegRoles)
              else {label for cell in roles.counts.values() for label in cell})
    assert labels == set(py)


def test_attached_roles_respect_the_schema_and_fit_the_training_gold(fitted):
    model, train = fitted
    found = gold_args = 0
    for doc in train:
        for rec in sentence_records(doc):
            if not rec.events:
                continue
            mentions = attach.mentions_from_tags(rec.ner_tags, rec.ner_tags_inner)
            types = {(m.first, m.last): m.type for m in mentions}
            events = [{"type": e.type, "trigger": list(e.trigger)} for e in rec.events]
            out = model.attach([t.text for t in rec.tokens], doc.language, events, mentions)
            for ev, g in zip(out, rec.events):
                assert ev["realis"] in ("ACTUAL", "FUTURE", "OTHER")
                for a in ev["arguments"]:
                    assert a["role"] in model.allowed(ev["type"], types[tuple(a["span"])])
                predicted = {(a["role"], tuple(a["span"])) for a in ev["arguments"]}
                wanted = {(attach.base_role(a.role), tuple(a.span)) for a in g.arguments}
                found += len(predicted & wanted)
                gold_args += len(wanted)
    assert gold_args and found / gold_args > 0.3  # it learnt something about its own data


def test_without_events_to_learn_from_nothing_is_attached(gold):
    no_events = [d.without_gold() for d in gold.documents[:2]]
    model = attach.fit(no_events, gold.inventory)
    assert model.roles is None and model.realis is None
    ev = model.attach(["a", "b"], "lv", [{"type": "MEET", "trigger": [0, 1], "realis": "ACTUAL"}],
                      [attach.Mention(1, 2, "CITY", "outer")])
    assert ev == [{"type": "MEET", "trigger": [0, 1], "realis": "ACTUAL", "arguments": []}]


def test_toolkit_without_its_extra_stops_with_a_message(monkeypatch):
    from click.testing import CliRunner

    from citydiplo_baselines import toolkit
    from citydiplo.cli import main

    monkeypatch.setattr(toolkit, "available", lambda: False)
    result = CliRunner().invoke(main, ["evaluate", "toolkit", "--samples", "100"])
    assert result.exit_code == 2 and "[toolkit] extra" in result.output and "Traceback" not in result.output
