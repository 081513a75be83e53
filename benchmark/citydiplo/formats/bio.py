"""Character spans <-> IOB2 tags over tokens, as pure functions.

A span is ``(start, end, type)`` in character offsets. Spans must start and end on token
boundaries (the validator enforces it for gold data); ``spans_to_iob2`` raises otherwise,
so that no label is ever silently moved.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from citydiplo.formats.tokens import Token

Span = tuple[int, int, str]


def token_spans_to_iob2(n: int, spans: Iterable[tuple[int, int, str]], overlap: str = "skip") -> list[str]:
    """IOB2 tags for ``n`` tokens from token spans ``(first, last_exclusive, type)``, in the
    order given. A span that overlaps an earlier one is left out (``overlap="skip"``) or
    raises ``ValueError`` (``overlap="raise"``): the one IOB2 encoder every caller uses."""
    tags = ["O"] * n
    for first, last, label in spans:
        if any(tag != "O" for tag in tags[first:last]):
            if overlap == "raise":
                raise ValueError(f"token span [{first}, {last}) {label} overlaps another span on the same level")
            continue
        tags[first] = f"B-{label}"
        for i in range(first + 1, last):
            tags[i] = f"I-{label}"
    return tags


def spans_to_iob2(tokens: Sequence[Token], spans: Iterable[Span]) -> list[str]:
    """IOB2 tags for ``tokens`` from non-overlapping character ``spans``."""
    index_of_start = {t.start: i for i, t in enumerate(tokens)}
    index_of_end = {t.end: i for i, t in enumerate(tokens)}
    token_spans = []
    for start, end, label in sorted(spans):
        if start not in index_of_start or end not in index_of_end:
            raise ValueError(f"span [{start}, {end}) {label} is not on token boundaries")
        token_spans.append((index_of_start[start], index_of_end[end] + 1, label))
    try:
        return token_spans_to_iob2(len(tokens), token_spans, overlap="raise")
    except ValueError:
        raise ValueError("a span overlaps another span on the same level") from None


def iob2_to_token_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token-index spans ``(first, last_exclusive, type)`` read from IOB2 tags.

    An ``I-X`` that does not continue an ``X`` entity starts a new one, as conlleval and
    seqeval's default mode read it.
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and label == kind and start is not None
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, ""
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = i, kind
    return spans


def iob2_to_spans(tokens: Sequence[Token], tags: Sequence[str]) -> list[Span]:
    """Character spans from IOB2 tags over ``tokens``."""
    if len(tokens) != len(tags):
        raise ValueError(f"{len(tokens)} tokens but {len(tags)} tags")
    return [(tokens[a].start, tokens[b - 1].end, label) for a, b, label in iob2_to_token_spans(tags)]


def iob2_labels(types: Sequence[str]) -> list[str]:
    """The IOB2 label inventory in a stable order: O, then B-/I- per type."""
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


def nesting_levels(spans: list[tuple[int, int]]) -> list[int]:
    """1 + the number of other spans that contain each span (equal spans do not nest).

    O(n log n): the spans are taken in order of start, all spans with one start at once,
    into a Fenwick tree over their (ranked) ends; the spans containing ``(s, e)`` are those
    already in with an end >= ``e``, less the spans equal to it (itself included)."""
    n = len(spans)
    if n == 0:
        return []
    ends = sorted({e for _, e in spans})
    rank = {e: i + 1 for i, e in enumerate(ends)}
    size = len(ends)
    tree = [0] * (size + 1)

    def add(i: int) -> None:
        while i <= size:
            tree[i] += 1
            i += i & -i

    def at_most(i: int) -> int:
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    equal: dict[tuple[int, int], int] = {}
    for span in spans:
        equal[span] = equal.get(span, 0) + 1
    order = sorted(range(n), key=lambda k: spans[k][0])
    levels = [0] * n
    inserted = 0
    i = 0
    while i < n:
        j = i
        start = spans[order[i]][0]
        while j < n and spans[order[j]][0] == start:
            add(rank[spans[order[j]][1]])
            inserted += 1
            j += 1
        for k in order[i:j]:
            s, e = spans[k]
            containing = inserted - at_most(rank[e] - 1)  # started at or before s, end >= e
            levels[k] = 1 + containing - equal[(s, e)]
        i = j
    return levels
