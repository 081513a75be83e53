"""Which prediction format a record is in, read from its content.

``tokens``: sentence records (``id``) with IOB2 tags or token-index spans (``[f, l]``);
``chars``: records whose spans are ``{start, end}`` character offsets; ``strings``:
records whose spans are surface text (``text``, or a string trigger / relation end);
``brat`` is a directory of ``.ann`` files (decided by the reader, not here). A record that
says nothing (no span at all) is undecided: the first decided record of a file decides
it, and a file with none is ``chars`` when its records carry ``doc_id``, else ``tokens``.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

FORMATS = ("tokens", "chars", "brat", "strings")


def _span_kind(value: Any) -> str | None:
    if isinstance(value, list):
        return "tokens"
    if isinstance(value, str):
        return "strings"
    if isinstance(value, Mapping):
        if "start" in value or "end" in value:
            return "chars"
        if "text" in value:
            return "strings"
        if "span" in value:
            return "tokens"
    return None


def record_format(data: Any) -> str | None:
    """The format one decoded record is in, or ``None`` when it does not tell."""
    if not isinstance(data, Mapping):
        return None
    if "ner_tags" in data or "ner_tags_inner" in data:
        return "tokens"
    for ent in data.get("entities") or []:
        if (kind := _span_kind(ent)) is not None:
            return kind
    for ev in data.get("events") or []:
        if isinstance(ev, Mapping) and (kind := _span_kind(ev.get("trigger"))) is not None:
            return kind
    for rel in data.get("relations") or []:
        if isinstance(rel, Mapping) and (kind := _span_kind(rel.get("arg1"))) is not None:
            return kind
    return None


def stream_format(records: Iterable[Any]) -> str:
    """The format of a sequence of records (the first record that tells decides)."""
    has_doc_id = False
    for data in records:
        kind = record_format(data)
        if kind is not None:
            return kind
        has_doc_id |= isinstance(data, Mapping) and "doc_id" in data
    return "chars" if has_doc_id else "tokens"
