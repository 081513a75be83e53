"""How the evaluator hands documents to a model callable, and the training folds.

A callable with one required parameter, ``predict(documents)``, gets every benchmark
document without its gold (text, metadata, sentences) in one call. A callable with two
required parameters, ``predict(test_docs, train_docs)``, is a trained model: it is run
leave-one-document-out, once per document, with that document *without* its gold as
``test_docs`` and the documents of the *other* articles *with* their gold as ``train_docs``
(folds are by article: a version of the held-out article in another language, on the
parallel track, is never in its training set). Each CityDiplo article is in its own language,
so on the default track every fold is a transfer to an unseen language.

What "without its gold" means depends on the task (``Document.for_task``): nothing but text
and metadata for ``ner``, ``ed`` and ``e2e``; for ``eae`` also the gold triggers (type and
span, no realis, no arguments). ``Document.task`` tells the model which task it is doing.

A callable that takes a keyword parameter ``inventory`` (or ``**kwargs``) also gets the
benchmark's label inventory (``citydiplo.formats.inventory.Inventory``: entity, event and
relation types, roles and their allowed fillers, realis values, statuses), read from the
schema of the project being evaluated (``--root``), never from global state.

This module is the only place where training data is chosen: the guarantee that a model
never sees the gold of the document it predicts lives (and is tested) here.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document


@dataclass(frozen=True)
class Fold:
    """One fold: the held-out document (without gold) and the documents to learn from."""

    test: Document
    train: tuple[Document, ...]


def leave_one_document_out(documents: Sequence[Document], task: str = "e2e") -> list[Fold]:
    """One fold per document, in corpus order; its training set is every document of
    another article, with gold: folds are by article, so that on the parallel track a
    translation of the held-out article (the same content in another language) is never
    learnt from (on the default track, one document per article, that is every other
    document). The held-out document is given without its gold layers (for ``eae``: with
    the gold triggers only, ``Document.for_task``)."""
    return [Fold(doc.for_task(task), tuple(d for d in documents if d.article != doc.article)) for doc in documents]


def is_trained(func: Callable) -> bool:
    """True when ``func`` takes two required positional parameters (test and training
    documents); parameters with defaults and keyword-only ones do not count."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    required = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    return len(required) >= 2


def accepts_keyword(func: Callable, name: str) -> bool:
    """True when ``func`` can be called with the keyword argument ``name`` (a parameter of
    that name, or ``**kwargs``)."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.kind is p.VAR_KEYWORD or (p.name == name and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))
               for p in params)


def run_model(func: Callable[..., Iterable[dict]], documents: Sequence[Document],
              inventory: Inventory | None = None, task: str = "e2e") -> Iterator[dict]:
    """The prediction records of ``func`` for ``documents`` (gold attached; the model sees
    only what the rules above allow, and ``Document.task`` says which task it is asked for:
    ``Document.for_task``), with ``inventory=`` when ``func`` takes it."""
    extra: dict[str, Any] = {}
    if inventory is not None and accepts_keyword(func, "inventory"):
        extra["inventory"] = inventory
    if not is_trained(func):
        yield from func([d.for_task(task) for d in documents], **extra)
        return
    for fold in leave_one_document_out(documents, task):
        yield from func([fold.test], list(fold.train), **extra)
