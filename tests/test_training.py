"""Training folds: a trained model (``predict(test_docs, train_docs)``) runs
leave-one-document-out and never sees its test document's gold; a one-parameter model
gets every document without gold."""

from __future__ import annotations

from citydiplo.evaluation.evaluate import evaluate, load_gold
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
    gold = load_gold()
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
