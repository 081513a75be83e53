"""Leave-one-document-out cross-validation, shared by the trained baselines.

Each CityDiplo document is in its own language, so every fold is a transfer to an
unseen language: train on the other documents, predict the held-out one. ``cross_validate``
is the only place where training data is chosen, so the guarantee that a document is
never predicted by a model that saw it lives (and is tested) here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from citydiplo.formats.model import Document

M = TypeVar("M")


@dataclass(frozen=True)
class Fold:
    """One fold: the held-out document and the documents a model may learn from."""

    test: Document
    train: tuple[Document, ...]


def leave_one_document_out(documents: Sequence[Document]) -> list[Fold]:
    """One fold per document, in corpus order; its training set is every other document.
    The held-out document is given without its gold layers: text and metadata only."""
    return [Fold(doc.without_gold(), tuple(d for d in documents if d.id != doc.id)) for doc in documents]


def cross_validate(documents: Sequence[Document], fit: Callable[[Sequence[Document]], M],
                   apply: Callable[[M, Document], Iterable[dict]]) -> Iterator[dict]:
    """Prediction records for every document, each from a model fitted on the others."""
    for fold in leave_one_document_out(documents):
        model = fit(fold.train)
        yield from apply(model, fold.test)
