"""Progress on stderr for runs that take more than a moment (a model tagging the corpus).

A bar only where stderr is a terminal (tqdm's ``disable=None``), so logs and pipes stay
clean; it counts sentences and names the document being tagged.
"""

from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def with_progress(items: Iterable[T], total: int, label: str, doc_of=None) -> Iterator[T]:
    """Yield ``items`` unchanged while a bar on stderr shows how many of ``total`` are done."""
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=label, unit="sentence", disable=None, leave=False, mininterval=0.5)
    current = None
    try:
        for item in items:
            if doc_of is not None and (doc := doc_of(item)) != current:
                current = doc
                bar.set_postfix_str(doc, refresh=False)
            bar.update(1)
            yield item
    finally:
        bar.close()
