"""Write the translated versions of the articles from their hand-made sentences (the one
builder every ``annotations/parallel/<LANG>/tools/build_texts.py`` calls).

Sentence i of a version renders sentence i of the original; the text between sentences (and
before the first / after the last) is copied EXACTLY from the original's sentence offsets, so
both versions share their layout. This module only computes offsets and writes
``corpus/<NNN>-<LANG>.txt|.json``; the sentences, titles and provenance texts are the
callers' hand work.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Mapping, Optional, Sequence


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
    os.replace(tmp, path)


def write_versions(root: Path, lang: str, script: str, sentences: Mapping[str, Sequence[str]],
                   titles: Mapping[str, Optional[str]], publishers: Mapping[str, Optional[str]],
                   translation: str, licence: str, docs: Sequence[str] = ()) -> None:
    """Write the ``lang`` version of each original in ``docs`` (default: every one in
    ``sentences``) beside it in ``root/corpus``. ``translation`` is formatted with the
    original's language (``{lang}``), ``licence`` with its id (``{doc}``)."""
    out = root / "corpus"  # beside the originals
    for doc in docs or list(sentences):
        if doc not in sentences:
            sys.exit(f"{doc}: no {lang} sentences (known: {sorted(sentences)})")
        sents = sentences[doc]
        meta = json.loads((out / f"{doc}.json").read_text(encoding="utf-8"))
        text = (out / f"{doc}.txt").read_text(encoding="utf-8")
        spans = meta["sentences"]
        if len(spans) != len(sents):
            sys.exit(f"{doc}: {len(sents)} {lang} sentences for {len(spans)} original ones")
        seps = [text[: spans[0][0]]]
        seps += [text[spans[i][1]: spans[i + 1][0]] for i in range(len(spans) - 1)]
        seps.append(text[spans[-1][1]:])
        parts: list[str] = []
        offsets: list[list[int]] = []
        pos = 0
        for i, sent in enumerate(sents):
            if sent != sent.strip() or "\n" in sent:
                sys.exit(f"{doc} sentence {i + 1}: surrounding space or line break")
            parts.append(seps[i])
            pos += len(seps[i])
            offsets.append([pos, pos + len(sent)])
            parts.append(sent)
            pos += len(sent)
        parts.append(seps[-1])
        version_text = "".join(parts)
        version_id = doc.split("-")[0] + "-" + lang
        version_meta = {
            "id": version_id,
            "language": lang,
            "script": script,
            "original": False,
            "translated_from": doc,
            "title": titles[doc],
            "publisher": publishers[doc],
            "date": meta.get("date"),
            "translation": translation.format(lang=meta["language"]),
            "merges_splits": [],
            "licence": licence.format(doc=doc),
            "sentences": offsets,
            "alignment": [[i, i] for i in range(len(sents))],
        }
        _write(out / f"{version_id}.txt", version_text)
        _write(out / f"{version_id}.json", json.dumps(version_meta, ensure_ascii=False, indent=2) + "\n")
        print(f"{version_id}: {len(sents)} sentences, {len(version_text)} characters, "
              f"{len(version_text.split())} words")
