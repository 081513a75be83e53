"""Training folds: a trained model (``predict(test_docs, train_docs)``) runs
leave-one-document-out and never sees its test document's gold; a one-parameter model
gets every document without gold."""

from __future__ import annotations

import pytest
from baseline_fixtures import small_gold
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.evaluation.evaluate import evaluate
from citydiplo.evaluation.training import is_trained, leave_one_document_out, run_model
from citydiplo.formats.records import sentence_records

CALLS: list[tuple[list, list]] = []


def has_gold(doc) -> bool:
    return bool(doc.entities or doc.events or doc.relations or doc.items)


def trained_spy(test_docs, train_docs):
    """Records what it was handed; predicts nothing."""
    CALLS.append((list(test_docs), list(train_docs)))
    return [{"id": r.id} for d in test_docs for r in sentence_records(d)]


def test_a_trained_model_never_sees_its_test_documents_gold():
    import importlib

    calls = importlib.import_module("tests.test_training").CALLS  # the module bench evaluate imports
    calls.clear()
    gold = load_benchmark()
    results = evaluate("tests.test_training:trained_spy", samples=5)
    assert results.to_dict()["sentences"] == len(gold.records)
    ids = [d.id for d in gold.documents]
    assert [[d.id for d in test] for test, _ in calls] == [[i] for i in ids]  # one fold per document
    for test, train in calls:
        (held,) = test
        assert not has_gold(held) and held.text and held.meta.sentences
        assert held.id not in {d.id for d in train} and {d.id for d in train} == set(ids) - {held.id}
        assert all(has_gold(d) for d in train)  # the training folds come with their gold


def test_a_one_parameter_model_gets_all_documents_without_gold(mini_gold):
    seen = []
    records = list(run_model(lambda docs: seen.extend(docs) or [], mini_gold.documents))
    assert records == [] and [d.id for d in seen] == [d.id for d in mini_gold.documents]
    assert not any(has_gold(d) for d in seen)


def test_which_callables_are_trained():
    def one(docs, lexicon=None): ...
    def two(test_docs, train_docs): ...
    def kw(docs, *, train=None): ...
    assert not is_trained(one) and is_trained(two) and not is_trained(kw)
    assert is_trained(trained_spy) and not is_trained(len)


def test_leave_one_document_out_covers_the_corpus(mini_gold):
    folds = leave_one_document_out(mini_gold.documents)
    assert [f.test.id for f in folds] == [d.id for d in mini_gold.documents]
    assert all(len(f.train) == len(mini_gold.documents) - 1 and f.test.id not in {d.id for d in f.train} for f in folds)
    assert not any(has_gold(f.test) for f in folds)
    assert any(has_gold(d) for f in folds for d in f.train)


# --------------------------------------------------------------------------- the model protocol hands over the inventory

INVENTORIES: list = []


def inventory_spy(test_docs, train_docs, *, inventory):
    """A trained model that asks for the benchmark's label inventory; predicts nothing."""
    INVENTORIES.append(inventory)
    return [{"id": r.id} for d in test_docs for r in sentence_records(d)]


def _with_conf(project, old: str, new: str):
    conf = project / "annotations" / "annotation.conf"
    text = conf.read_text(encoding="utf-8")
    assert old in text
    conf.write_text(text.replace(old, new), encoding="utf-8")
    return project


def test_a_model_that_asks_gets_the_inventory_of_the_evaluated_root(project):
    import importlib

    from citydiplo.evaluation.training import accepts_keyword

    assert accepts_keyword(inventory_spy, "inventory") and not accepts_keyword(trained_spy, "inventory")
    other = _with_conf(small_gold(project), "Value:ACTUAL|FUTURE|OTHER", "Value:ACTUAL|FUTURE|OTHER|HYPOTHETICAL")
    spied = importlib.import_module("tests.test_training").INVENTORIES
    spied.clear()
    evaluate("tests.test_training:inventory_spy", root=other, samples=5)
    assert len(spied) == 3  # one call per fold, each with --root's inventory, not the checkout's
    assert all(inv.realis == ("ACTUAL", "FUTURE", "OTHER", "HYPOTHETICAL") for inv in spied)
    # a model that does not ask is called as before
    assert list(run_model(trained_spy, load_benchmark(other).documents, spied[0]))


def test_crf_trains_its_attacher_with_the_evaluated_roots_schema(project, monkeypatch):
    """`bench evaluate crf --root OTHER` trains the attacher with OTHER's schema: where
    OTHER's annotation.conf lets no CITY be a MEET Participant, the attacher never offers
    that role for a CITY."""
    pytest.importorskip("sklearn_crfsuite")
    from citydiplo_baselines import attach, crf

    other = _with_conf(small_gold(project), "MEET\tParticipant*:PER|ORG|CITY|GPE", "MEET\tParticipant*:PER|ORG|GPE")
    bench = load_benchmark(other)
    fitted = []
    real_fit = attach.fit
    monkeypatch.setattr(attach, "fit", lambda train, inventory: fitted.append(real_fit(train, inventory)) or fitted[-1])
    list(run_model(crf.predict, bench.documents, bench.inventory))
    assert len(fitted) == 3 and all(a.inventory is bench.inventory for a in fitted)
    assert "Participant" not in fitted[0].allowed("MEET", "CITY") and "Participant" in fitted[0].allowed("MEET", "PER")
    checkout = load_benchmark()
    assert "Participant" in attach.fit([], checkout.inventory).allowed("MEET", "CITY")
