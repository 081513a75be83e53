"""The CRF baseline: trained on the folds the evaluator hands it, features, determinism, and records
that pass the prediction checker (on hand-made gold in a project copy)."""

from __future__ import annotations

from citydiplo_baselines import crf
from citydiplo.corpus.documents import read_corpus
from citydiplo_baselines.features import sentence_features, shape
from citydiplo.evaluation.training import run_model
from citydiplo.formats.predictions import check_stream


def test_crf_taggers_see_only_other_documents_gold(mini_gold, monkeypatch):
    fitted = []
    real_fit = crf.fit

    def spy(train):
        model = real_fit(train)
        fitted.append(model)
        return model

    monkeypatch.setattr(crf, "fit", spy)
    list(run_model(crf.predict, mini_gold.documents))
    assert [m.trained_on for m in fitted] == [tuple(d.id for d in mini_gold.documents if d.id != held)
                                               for held in (d.id for d in mini_gold.documents)]
    assert all(m.entities is not None for m in fitted)
    # 000-lv's fold learns triggers from 001-ru and 003-uk's events
    assert set(fitted[0].realis) == {"VISIT"}


def test_crf_predictions_are_checked_complete_and_deterministic(mini_gold):
    first = list(run_model(crf.predict, mini_gold.documents))
    assert first == list(run_model(crf.predict, mini_gold.documents))
    checked = list(check_stream(enumerate(first, 1), mini_gold.shapes, mini_gold.inventory, "<crf>"))
    assert len(checked) == len(mini_gold.records)
    assert all(p.ner_tags is not None and p.events is not None for p in checked)


def test_without_gold_the_crf_predicts_nothing(project):
    docs = read_corpus(project)  # no gold anywhere: nothing to learn from
    records = list(run_model(crf.predict, docs))
    assert len(records) == sum(len(d.meta.sentences) for d in docs) and all(set(r) == {"id"} for r in records)


def test_trigger_tags_from_gold_events(mini_gold):
    rec = next(r for r in mini_gold.records.values() if r.events)
    tags = crf.trigger_tags(rec)
    first, last = rec.events[0].trigger
    assert tags[first] == f"B-{rec.events[0].type}" and tags.count("O") == len(tags) - (last - first)


def test_features():
    assert shape("Harbinas") == "Xx" and shape("Covid-19") == "Xx-d" and shape("ТП") == "X"
    feats = sentence_features(["Daugavpils", "un", "Харбин"])
    assert feats[0]["BOS"] and feats[2]["EOS"] and "BOS" not in feats[1]
    assert feats[0]["f_script"] == "LATIN" and feats[2]["f_script"] == "CYRILLIC"
    assert feats[1]["-1_lower"] == "daugavpils" and feats[1]["+1_title"] is True
    assert feats[0]["f_suf3"] == "ils" and feats[0]["f_title"] and not feats[1]["f_title"]


def test_gazetteer_features_are_added_and_the_hybrid_cross_validates(mini_gold):
    from citydiplo_baselines.features import gazetteer_features

    feats = gazetteer_features(sentence_features(["Rīgā", "tikās", "x"]),
                               {"ner_tags": ["B-CITY", "O", "O"],
                                "events": [{"type": "MEET", "trigger": [1, 2]}]})
    assert feats[0]["gaz"] == "B-CITY" and feats[1]["-1_gaz"] == "B-CITY" and feats[1]["gaz_trig"] == "B-MEET"
    assert feats[0]["+1_gaz_trig"] == "B-MEET" and "-1_gaz" not in feats[0]
    docs = [d for d in mini_gold.documents if d.id in ("001-ru", "003-uk")]  # two folds keep it quick
    shapes = {sid: s for sid, s in mini_gold.shapes.items() if sid[:6] in ("001-ru", "003-uk")}
    records = list(run_model(crf.predict_with_gazetteer, docs))
    assert len(list(check_stream(enumerate(records, 1), shapes, mini_gold.inventory, "<crf-gazetteer>"))) == len(shapes)
    assert all("ner_tags" in r and "events" in r for r in records)  # both taggers trained in both folds


def test_tool_links_go_only_on_mentions_the_crf_predicts_with_the_tools_span():
    record = {"id": "x-001", "ner_tags": ["B-CITY", "O", "B-ORG", "I-ORG"], "ner_tags_inner": ["O", "O", "O", "B-CITY"]}
    tool = {"id": "x-001", "norm": [{"span": [0, 1], "id": "GeoNames:1"}, {"span": [1, 2], "id": "GeoNames:2"},
                                    {"span": [3, 4], "id": "GeoNames:3"}, {"span": [2, 3], "id": "GeoNames:4"}]}
    linked = crf.with_tool_links(record, tool)
    assert [n["id"] for n in linked["norm"]] == ["GeoNames:1", "GeoNames:3"]
    assert "norm" not in crf.with_tool_links(record, {"id": "x-001"})
