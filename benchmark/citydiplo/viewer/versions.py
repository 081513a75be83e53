"""The versions page of one article (``<article>.versions.html``): its versions side by side.

The original comes first, then its translations; each row holds one sentence of the
original and the sentences of every translation aligned to it (the translation's metadata
``alignment``: pairs of 0-based sentence indices, translation -> original). Annotations are
marked as on the gold pages, and every entity, ITEM, trigger, event and relation carries its
brat id, which is the alignment id (the same item has the same id in every version): pointing
at an item, or clicking it, lights the item with that id in every version (``view.js``; the
address ``#select=T12`` selects on load). A table below lists each aligned event, relation and
mention per version, with what a version lacks (an item lost in projection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from markupsafe import Markup

from citydiplo.errors import InputError
from citydiplo.formats.model import Document, article_of
from citydiplo.viewer.assets import render
from citydiplo.viewer.marks import bdi, gold_marks, sentence_block, text_dir
from citydiplo.viewer.pages import LEGEND_TYPES  # noqa: F401  (pages registers the names the templates share)

SUFFIX = ".versions"


def article_page(article: str) -> str:
    """The file name of an article's versions page."""
    return f"{article}{SUFFIX}.html"


@dataclass(frozen=True)
class AlignedRow:
    """One row of the versions page: per version (the original first), the 0-based indices of
    its sentences shown in this row."""

    sentences: tuple[tuple[int, ...], ...]


def aligned_rows(n_original: int, translations: Sequence[tuple[int, Sequence[tuple[int, int]]]]) -> list[AlignedRow]:
    """The rows of the side-by-side table, from the original's sentence count and, per
    translation, its sentence count and alignment pairs (translation sentence, original
    sentence), 0-based.

    One row per original sentence, except that original sentences one translation sentence
    renders together (a merge) share a row; a translation sentence aligned to no original one
    joins the row of the sentence before it (the first row if none). Every sentence of every
    version is shown exactly once. A pair out of range is a ``ValueError``."""
    parent = list(range(n_original))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    targets: list[dict[int, list[int]]] = []
    for k, (size, pairs) in enumerate(translations):
        by_sentence: dict[int, list[int]] = {}
        for i, j in pairs:
            if not (0 <= i < size and 0 <= j < n_original):
                raise ValueError(f"translation {k + 1}: alignment pair [{i}, {j}] is out of range "
                                 f"({size} sentence(s) aligned to {n_original})")
            by_sentence.setdefault(i, []).append(j)
        for js in by_sentence.values():
            for j in js[1:]:
                parent[root(j)] = root(js[0])
        targets.append(by_sentence)
    spans: dict[int, list[int]] = {}
    for j in range(n_original):
        lo_hi = spans.setdefault(root(j), [j, j])
        lo_hi[1] = j
    blocks: list[list[int]] = []
    for lo, hi in sorted(spans.values()):
        if blocks and lo <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], hi)
        else:
            blocks.append([lo, hi])
    if not blocks:
        blocks = [[0, -1]]  # no original sentence: one row for whatever the translations hold
    block_of = {j: b for b, (lo, hi) in enumerate(blocks) for j in range(lo, hi + 1)}
    cells: list[list[list[int]]] = [[list(range(lo, hi + 1))] for lo, hi in blocks]
    for (size, _), by_sentence in zip(translations, targets):
        for row in cells:
            row.append([])
        last = 0
        for i in range(size):
            if i in by_sentence:
                last = block_of[min(by_sentence[i])]
            cells[last][-1].append(i)
    return [AlignedRow(tuple(tuple(c) for c in row)) for row in cells]


def _describe(doc: Document) -> dict[str, tuple[str, str, Markup]]:
    """id -> (group, type, readable text) for every event, relation, entity and ITEM."""
    texts = {e.id: e.text for e in doc.entities} | {t.id: t.text for t in doc.items}
    out: dict[str, tuple[str, str, Markup]] = {}
    for ev in doc.events:
        out[ev.id] = ("events", ev.type, Markup("{} {}").format(bdi(ev.trigger, doc.language), ev.realis or ""))
    for r in doc.relations:
        out[r.id] = ("relations", r.type, Markup("{} ⇄ {} {}").format(
            bdi(texts.get(r.arg1, r.arg1), doc.language), bdi(texts.get(r.arg2, r.arg2), doc.language), r.status or ""))
    for e in doc.entities:
        out[e.id] = ("mentions", e.type, bdi(e.text, doc.language))
    for t in doc.items:
        out[t.id] = ("mentions", t.type, bdi(t.text, doc.language))
    return out


def aligned_items(versions: Sequence[Document]) -> dict[str, list[dict]]:
    """Per group (events, relations, mentions): one row per alignment id, in the original's
    order and then any id only a later version has, with each version's type and text (None
    where the version has no item with that id)."""
    described = [_describe(doc) for doc in versions]
    ids = list(dict.fromkeys(ident for d in described for ident in d))
    groups: dict[str, list[dict]] = {"events": [], "relations": [], "mentions": []}
    for ident in ids:
        cells = [d.get(ident) for d in described]
        group = next(c[0] for c in cells if c is not None)
        groups[group].append({"id": ident, "cells": [None if c is None else (c[1], c[2]) for c in cells],
                              "missing": sum(c is None for c in cells)})
    return groups


def versions_page(versions: Sequence[Document], alignments: Mapping[str, Sequence[tuple[int, int]]],
                  notes: Optional[Mapping[str, str]] = None) -> str:
    """The versions of one article side by side: ``versions`` with the original first;
    ``alignments``: each translation's sentence alignment (translation -> original, 0-based);
    ``notes``: what each translation is (how it was made), shown under its heading."""
    original, translations = versions[0], versions[1:]
    n = len(original.meta.sentences)
    for doc in translations:  # name the file whose alignment is wrong
        try:
            aligned_rows(n, [(len(doc.meta.sentences), alignments.get(doc.id, ()))])
        except ValueError as exc:
            raise InputError(f"corpus/{doc.id}.json", 0, f"{str(exc).split(': ', 1)[1]} "
                                                         f"(the original {original.id})") from None
    rows = aligned_rows(n, [(len(d.meta.sentences), alignments.get(d.id, ())) for d in translations])
    marks = [gold_marks(doc, own=True) for doc in versions]
    table = [{"original": row.sentences[0], "label": "–".join(dict.fromkeys(
               (str(row.sentences[0][0] + 1), str(row.sentences[0][-1] + 1)))) if row.sentences[0] else "",
              "cells": [Markup(" ").join(sentence_block(doc, i, marks[k]) for i in row.sentences[k])
                        for k, doc in enumerate(versions)]} for row in rows]
    items = aligned_items(versions)
    lacking = [sum(r["cells"][k] is None for group in items.values() for r in group) for k in range(len(versions))]
    article = article_of(original.id)
    return render("versions.html", title=f"article {article}: versions side by side", article=article,
                  versions=versions, rows=table, items=items, lacking=lacking, notes=notes or {}, text_dir=text_dir)
