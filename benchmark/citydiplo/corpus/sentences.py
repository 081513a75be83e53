"""Sentence segmentation: a rule-based proposal plus hand corrections.

The committed sentence boundaries of every document were proposed by ``propose`` and
then checked by hand; the corrections are recorded per document in ``corpus/recipe.json``
as ``sentence_joins`` (a boundary the rules put where there is none: the text that starts
the wrongly split-off sentence) and ``sentence_splits`` (a boundary the rules missed: the
text that starts the new sentence).
"""

from __future__ import annotations

from citydiplo.formats.model import Sentence
from citydiplo.formats.tokens import Token, tokenize

_FINAL = {".", "!", "?", "…", "...", "!!", "??"}
_QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“"}
_SHORT_QUOTE = 80  # quoted titles and slogans shorter than this are never split


def _protected(text: str) -> list[tuple[int, int]]:
    """Short quotations closed on the same line: a title or slogan, not reported speech."""
    spans = []
    for i, ch in enumerate(text):
        close = _QUOTE_PAIRS.get(ch)
        if close is None:
            continue
        j = text.find(close, i + 1)
        newline = text.find("\n", i)
        if j != -1 and (newline == -1 or j < newline) and j - i <= _SHORT_QUOTE:
            spans.append((i, j + 1))
    return spans


def propose(text: str) -> list[Sentence]:
    """Rule-based sentence boundaries: every line break, and final punctuation followed by
    a token that does not start in lower case, outside short quotations."""
    tokens = tokenize(text)
    protected = _protected(text)
    sentences: list[Sentence] = []
    current: list[Token] = []
    for k, tok in enumerate(tokens):
        if current and "\n" in text[current[-1].end:tok.start]:
            sentences.append(Sentence(current[0].start, current[-1].end))
            current = []
        current.append(tok)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.text in _FINAL and nxt is not None and not nxt.text[0].islower():
            if any(a < tok.start < b for a, b in protected):
                continue
            if "\n" in text[tok.end:nxt.start]:
                continue  # the line break ends it anyway
            sentences.append(Sentence(current[0].start, current[-1].end))
            current = []
    if current:
        sentences.append(Sentence(current[0].start, current[-1].end))
    return sentences


def apply_corrections(text: str, sentences: list[Sentence], joins: list[str], splits: list[str]) -> list[Sentence]:
    """Apply hand corrections; each string must start exactly one sentence (join) or occur
    exactly once inside a sentence (split)."""
    starts = [s.start for s in sentences]
    ends = {s.start: s.end for s in sentences}
    for needle in joins:
        hits = [s for s in starts if text.startswith(needle, s)]
        if len(hits) != 1:
            raise ValueError(f"sentence join {needle!r} starts {len(hits)} sentences, expected 1")
        idx = starts.index(hits[0])
        if idx == 0:
            raise ValueError(f"sentence join {needle!r} names the first sentence")
        prev = starts[idx - 1]
        ends[prev] = ends.pop(hits[0])
        starts.pop(idx)
    for needle in splits:
        at = text.find(needle)
        if at == -1 or text.find(needle, at + 1) != -1:
            raise ValueError(f"sentence split {needle!r} must occur exactly once in the text")
        owner = max(s for s in starts if s <= at)
        if owner == at:
            raise ValueError(f"sentence split {needle!r} already starts a sentence")
        tokens = tokenize(text[owner:at], owner)
        ends[at] = ends[owner]
        ends[owner] = tokens[-1].end
        starts.append(at)
        starts.sort()
    return [Sentence(s, ends[s]) for s in starts]
