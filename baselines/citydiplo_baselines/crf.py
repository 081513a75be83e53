"""The ``crf`` baseline: linear-chain CRFs (sklearn-crfsuite) over surface features,
trained on the training documents the evaluator hands them (``predict(test_docs,
train_docs)``: ``bench evaluate`` runs it leave-one-document-out, see
``citydiplo.evaluation.training``).

Two taggers per fold, both on ``features.sentence_features``:
* entities: the outer-level IOB2 tags of the gold;
* triggers: IOB2 tags over event types, from the gold event triggers (one tag per token;
  where two triggers overlap the first keeps the token). Arguments and realis come from
  the attacher (``attach``) learnt on the same training documents.
A tagger is trained only on the training documents that have that layer of gold; without
any, the fold predicts nothing for it (no ``ner_tags`` or no ``events`` field). Training
is deterministic (L-BFGS from zero weights, fixed iterations).

``predict_with_gazetteer`` (the entry point ``crf-gazetteer``) adds the gazetteer
baseline's output as features (``features.gazetteer_features``): the gazetteer uses no
gold, so the CRF can learn, from the other languages, how far to trust it;
``predict_with_toolkit`` (``crf-toolkit``) does the same with the ``toolkit`` baseline's
entities and triggers, and keeps its inner-level places inside the ORGs the CRF predicts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Sequence

from citydiplo.formats.bio import iob2_to_token_spans, token_spans_to_iob2
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, sentence_records

from citydiplo_baselines import attach
from citydiplo_baselines.features import gazetteer_features, sentence_features
from citydiplo_baselines.tasks import for_task

Featurize = Callable[[SentenceRecord], list[dict]]

PARAMS = {"algorithm": "lbfgs", "c1": 0.1, "c2": 0.05, "max_iterations": 150, "all_possible_transitions": True}


def trigger_tags(rec: SentenceRecord) -> list[str]:
    """IOB2 tags over event types for a sentence's gold triggers."""
    return token_spans_to_iob2(len(rec.tokens), ((*ev.trigger, ev.type) for ev in rec.events))


def _train(xs: list, ys: list) -> Any:
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(**PARAMS)
    crf.fit(xs, ys)
    return crf


@dataclass
class Taggers:
    """What one fold learnt; ``None`` for a layer without training data."""

    entities: Any = None
    triggers: Any = None
    realis: dict[str, str] = field(default_factory=dict)
    trained_on: tuple[str, ...] = ()


def surface(rec: SentenceRecord) -> list[dict]:
    """The surface features of a sentence; computed once per token sequence (they depend on
    the tokens only), since cross-validation trains on each document in every fold but its
    own and both taggers read them. The lists are shared, never changed."""
    return _surface(tuple(t.text for t in rec.tokens))


@lru_cache(maxsize=1 << 14)
def _surface(tokens: tuple[str, ...]) -> list[dict]:
    return sentence_features(tokens)


def memoised(featurize: Featurize) -> Featurize:
    """``featurize`` computed once per sentence (by id and tokens), for featurisers that
    depend on more than the tokens (``predict_with_gazetteer``'s). The lists are shared,
    never changed."""
    cache: dict[tuple, list[dict]] = {}

    def cached(rec: SentenceRecord) -> list[dict]:
        key = (rec.id, tuple(t.text for t in rec.tokens))
        found = cache.get(key)
        if found is None:
            found = cache[key] = featurize(rec)
        return found

    return cached


def fit(train: Sequence[Document], featurize: Featurize = surface) -> Taggers:
    """Train the entity and trigger taggers on the documents' gold."""
    out = Taggers(trained_on=tuple(d.id for d in train))
    with_entities = [r for d in train if d.entities for r in sentence_records(d)]
    if with_entities:
        out.entities = _train([featurize(r) for r in with_entities], [r.ner_tags for r in with_entities])
    with_events = [r for d in train if d.events for r in sentence_records(d)]
    if with_events:
        out.triggers = _train([featurize(r) for r in with_events], [trigger_tags(r) for r in with_events])
        realis: dict[str, Counter[str]] = {}
        for r in with_events:
            for ev in r.events:
                realis.setdefault(ev.type, Counter())[ev.realis or "ACTUAL"] += 1
        out.realis = {t: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for t, c in realis.items()}
    return out


def apply(model: Taggers, doc: Document, featurize: Featurize = surface) -> Iterator[dict]:
    """Prediction records for a document the taggers were not trained on."""
    blind = doc.without_gold()
    records = sentence_records(blind)
    xs = [featurize(r) for r in records]
    ner = model.entities.predict(xs) if model.entities is not None and xs else None
    trig = model.triggers.predict(xs) if model.triggers is not None and xs else None
    for k, rec in enumerate(records):
        out: dict[str, Any] = {"id": rec.id}
        if ner is not None:
            out["ner_tags"] = list(ner[k])
        if trig is not None:
            out["events"] = [{"type": etype, "trigger": [a, b], "realis": model.realis.get(etype, "ACTUAL"),
                              "arguments": []} for a, b, etype in iob2_to_token_spans(trig[k])]
        yield out


def with_arguments(records: list[dict], test_docs: Sequence[Document], train_docs: Sequence[Document],
                   inventory: Inventory | None = None) -> list[dict]:
    """The records' events with arguments and realis from the attacher learnt on
    ``train_docs`` (``attach``), with the roles ``inventory`` allows."""
    return attach.attach_records(attach.fit(train_docs, attach.benchmark_inventory(inventory)), test_docs, records)


def predict(test_docs: Iterable[Document], train_docs: Sequence[Document], *,
            inventory: Inventory | None = None) -> list[dict]:
    """Predictions for ``test_docs`` by CRFs trained on the gold of ``train_docs`` (the
    ``citydiplo.models`` entry point ``crf``; the evaluator calls it once per held-out
    document, with the other documents as ``train_docs`` and the benchmark's label
    ``inventory``)."""
    test_docs = list(test_docs)
    model = fit(train_docs)
    return for_task([r for d in test_docs for r in apply(model, d)], test_docs,
                    lambda records: with_arguments(records, test_docs, train_docs, inventory))


def with_tool_features(test_docs: Iterable[Document], train_docs: Sequence[Document],
                       tool: Callable[[list[Document]], Iterable[dict]], name: str,
                       inventory: Inventory | None = None) -> list[dict]:
    """CRFs with a gold-free system's entity and trigger tags as features (run on the
    training documents too: it reads no gold, so that leaks nothing). Where the CRF
    predicts an ORG, the system's inner-level mentions inside it are kept."""
    test_docs = list(test_docs)
    found = {r["id"]: r for r in tool([d.without_gold() for d in test_docs] + list(train_docs))}

    @memoised
    def featurize(rec: SentenceRecord) -> list[dict]:
        return gazetteer_features(surface(rec), found[rec.id], name)

    model = fit(train_docs, featurize)
    records = [with_tool_links(inner_inside_orgs(r, found[r["id"]]), found[r["id"]])
               for d in test_docs for r in apply(model, d, featurize)]
    return for_task(records, test_docs, lambda records: with_arguments(records, test_docs, train_docs, inventory))


def inner_inside_orgs(record: dict, tool_record: dict) -> dict:
    """``record`` with ``tool_record``'s inner mentions that lie inside one of its ORGs."""
    inner = tool_record.get("ner_tags_inner")
    if "ner_tags" not in record or not inner:
        return record
    orgs = [(a, b) for a, b, t in iob2_to_token_spans(record["ner_tags"]) if t == "ORG"]
    tags = ["O"] * len(inner)
    for a, b, t in iob2_to_token_spans(inner):
        if any(x <= a and b <= y for x, y in orgs):
            tags[a:b] = [f"B-{t}"] + [f"I-{t}"] * (b - a - 1)
    return {**record, "ner_tags_inner": tags}


def with_tool_links(record: dict, tool_record: dict) -> dict:
    """``record`` with ``tool_record``'s normalisation ids on the mentions the CRF predicts
    with exactly the tool's span (the CRF learns spans and types; the ids are the tool's)."""
    if "norm" not in tool_record:
        return record
    spans = {(a, b) for level in ("ner_tags", "ner_tags_inner")
             for a, b, _ in iob2_to_token_spans(record.get(level) or [])}
    return {**record, "norm": [n for n in tool_record["norm"] if tuple(n["span"]) in spans]}


def predict_with_gazetteer(test_docs: Iterable[Document], train_docs: Sequence[Document], *,
                           inventory: Inventory | None = None) -> list[dict]:
    """Like ``predict``, with the gazetteer's entities and triggers as extra features
    (the ``citydiplo.models`` entry point ``crf-gazetteer``)."""
    from citydiplo_baselines.gazetteer import predict as gazetteer

    return with_tool_features(test_docs, train_docs, gazetteer, "gaz", inventory)


def predict_with_toolkit(test_docs: Iterable[Document], train_docs: Sequence[Document], *,
                         inventory: Inventory | None = None) -> list[dict]:
    """Like ``predict``, with the ``toolkit`` baseline's entities and triggers as extra
    features (the entry point ``crf-toolkit``; needs the ``[toolkit]`` extra)."""
    from citydiplo_baselines.toolkit import tag

    return with_tool_features(test_docs, train_docs, tag, "tk", inventory)
