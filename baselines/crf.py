"""The ``crf`` baseline: linear-chain CRFs (sklearn-crfsuite) over surface features,
trained and applied with leave-one-document-out cross-validation (``folds``).

Two taggers per fold, both on ``features.sentence_features``:
* entities: the outer-level IOB2 tags of the gold;
* triggers: IOB2 tags over event types, from the gold event triggers (one tag per token;
  where two triggers overlap the first keeps the token). A predicted trigger gets the
  realis most frequent for its type in the training documents and no arguments.
A tagger is trained only on the training documents that have that layer of gold; without
any, the fold predicts nothing for it (no ``ner_tags`` or no ``events`` field). Training
is deterministic (L-BFGS from zero weights, fixed iterations).

``predict_with_gazetteer`` (the entry point ``crf-gazetteer``) adds the gazetteer
baseline's output as features (``features.gazetteer_features``): the gazetteer uses no
gold, so the CRF can learn, from the other languages, how far to trust it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, Callable, Iterable, Iterator, Sequence

from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.corpus.documents import read_corpus
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, sentence_records

from citydiplo.baselines.features import gazetteer_features, sentence_features
from citydiplo.baselines.folds import cross_validate

Featurize = Callable[[SentenceRecord], list[dict]]

PARAMS = {"algorithm": "lbfgs", "c1": 0.1, "c2": 0.05, "max_iterations": 150, "all_possible_transitions": True}


def trigger_tags(rec: SentenceRecord) -> list[str]:
    """IOB2 tags over event types for a sentence's gold triggers."""
    tags = ["O"] * len(rec.tokens)
    for ev in rec.events:
        first, last = ev.trigger
        if any(t != "O" for t in tags[first:last]):
            continue
        tags[first] = f"B-{ev.type}"
        for i in range(first + 1, last):
            tags[i] = f"I-{ev.type}"
    return tags


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
        realis = {}
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


def with_training_gold(documents: Iterable[Document]) -> list[Document]:
    """The documents with their gold layers read from the corpus: ``bench evaluate`` hands
    models text and metadata only, and a cross-validated baseline learns each fold from the
    gold of the *other* documents (``folds.cross_validate`` hides the held-out one's). The
    gold comes from the project root (``$CITYDIPLO_ROOT``, which ``bench --root`` sets)."""
    documents = list(documents)
    if any(d.entities or d.events for d in documents):
        return documents  # called directly with gold attached
    gold = {d.id: d for d in read_corpus()}
    return [gold.get(d.id, d) for d in documents]


def predict(documents: Iterable[Document]) -> list[dict]:
    """Cross-validated predictions for every sentence (the ``citydiplo.models`` entry
    point ``crf``): each document is tagged by CRFs trained on the other documents."""
    return list(cross_validate(with_training_gold(documents), fit, apply))


def predict_with_gazetteer(documents: Iterable[Document]) -> list[dict]:
    """Like ``predict``, with the gazetteer's entities and triggers as extra features
    (the ``citydiplo.models`` entry point ``crf-gazetteer``)."""
    from citydiplo.baselines.gazetteer import predict as gazetteer

    documents = with_training_gold(documents)
    found = {r["id"]: r for r in gazetteer(documents)}

    @memoised
    def featurize(rec: SentenceRecord) -> list[dict]:
        return gazetteer_features(surface(rec), found[rec.id])

    return list(cross_validate(documents, partial(fit, featurize=featurize), partial(apply, featurize=featurize)))
