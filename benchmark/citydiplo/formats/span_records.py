"""Event records from span predictions: how any mention-level system (tokens, chars, BIO,
brat, strings files, the baselines, an LLM's strings answer) gets a record score.

Every system's event mentions become records by this one rule, so that all of them are
scored alike and none gets the gold's coreference:

1. **Mentions.** Each predicted event mention (a ``TokenEvent`` of a sentence, in document
   order) gives its type, its realis and, per role, its fillers: each argument's surface
   text (``string_tuples.surface`` of its tokens), or the normalisation id the prediction
   gives that very span (``norm``: ``GeoNames:...``), which then stands for it.
2. **Merging.** Within a document, mentions of one type that share a filler (equal
   normalised strings, ``event_records.filler_key``, in any role) are one record, and so on
   transitively (connected components). A system that finds the same event twice (the
   title and the body of an article, with the same participants) thus predicts one record
   with the union of the fillers, not a second record that could only count as wrong;
   mentions that share nothing stay apart (two meetings of different parties), and so do
   mentions without arguments (they add no filler, so they cost nothing).
3. **The record.** Per role, the fillers of its mentions, in order, each distinct
   normalised string once; realis: that of the last of its mentions that has one (the
   latest state the text reports, as GUIDELINES 3.2 says for gold records); date: none
   (a span has no calendar date; only the records format and the LLM's ``records`` task
   predict dates).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from citydiplo.formats.event_records import PredictedRecord, filler_key
from citydiplo.formats.model import TokenEvent, base_role
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.string_tuples import surface
from citydiplo.formats.tokens import Token


class _Mention:
    __slots__ = ("type", "realis", "fillers")

    def __init__(self, etype: str, realis: str | None, fillers: list[tuple[str, str]]) -> None:
        self.type, self.realis, self.fillers = etype, realis, fillers  # fillers: (role, filler)


def mentions(tokens: Sequence[Token], pred: Prediction) -> list[_Mention]:
    """The event mentions of one sentence's prediction, with their fillers (rule 1)."""
    ids = {span: ident for span, ident in pred.norm or ()}
    out = []
    events: Iterable[TokenEvent] = sorted(pred.events or (), key=lambda e: e.trigger)
    for ev in events:
        fillers = []
        for arg in ev.arguments:
            text = ids.get(arg.span) or surface(tokens, arg.span[0], arg.span[1])
            if text.strip():
                fillers.append((base_role(arg.role), text))
        out.append(_Mention(ev.type, ev.realis, fillers))
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_mentions(found: Sequence[_Mention]) -> list[PredictedRecord]:
    """Rules 2 and 3: one record per connected group of mentions of one type sharing a
    filler, in order of first mention."""
    parent = list(range(len(found)))
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(found):
        for _, text in m.fillers:
            key = (m.type, filler_key(text))
            if key in first:
                a, b = _find(parent, first[key]), _find(parent, i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[key] = i
    groups: dict[int, list[_Mention]] = {}
    for i, m in enumerate(found):
        groups.setdefault(_find(parent, i), []).append(m)
    out = []
    for group in groups.values():
        args: dict[str, list[str]] = {}
        seen: dict[str, set[str]] = {}
        for m in group:
            for role, text in m.fillers:
                folded = filler_key(text)
                if folded not in seen.setdefault(role, set()):
                    seen[role].add(folded)
                    args.setdefault(role, []).append(text)
        realis = next((m.realis for m in reversed(group) if m.realis is not None), None)
        out.append(PredictedRecord(group[0].type, realis, None, {r: tuple(fs) for r, fs in args.items()}))
    return out


def document_records(sentences: Iterable[tuple[Sequence[Token], Prediction]]) -> list[PredictedRecord]:
    """The records of one document from its sentences' predictions (tokens, prediction),
    in document order."""
    found: list[_Mention] = []
    for tokens, pred in sentences:
        found.extend(mentions(tokens, pred))
    return merge_mentions(found)
