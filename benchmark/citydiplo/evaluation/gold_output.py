"""``bench gold-predictions``: the gold written in a prediction format (the I/O edge of
``citydiplo.formats.gold_exports``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from citydiplo.errors import InputError
from citydiplo.formats.brat import serialize_ann
from citydiplo.formats.gold_exports import gold_ann, gold_chars, gold_strings, gold_strings_sentences, gold_tokens

GRANULARITIES = ("document", "sentence")


def gold_prediction_files(root: Path | None, fmt: str, hints: bool = True,
                          granularity: str = "document", track: str = "default") -> dict[str, str]:
    """File name (``""``: the one file) -> content of the gold in ``fmt``, for the documents
    of ``track`` (``default``: the originals; ``parallel``: every version). For ``strings``:
    ``hints=False`` leaves out the occurrence hints (the answer a perfect LLM writes) and
    ``granularity="sentence"`` writes one record per sentence instead of per document."""
    from citydiplo.corpus.benchmark import load_benchmark

    if granularity not in GRANULARITIES:
        raise InputError(granularity, 0, f"unknown granularity (expected {' or '.join(GRANULARITIES)})")
    if fmt != "strings" and (not hints or granularity != "document"):
        raise InputError(fmt, 0, "--no-hints and --granularity apply to the strings format only")
    gold = load_benchmark(root).track(track).require_documents()
    if fmt == "strings":
        if granularity == "sentence":
            lines = [json.dumps(r, ensure_ascii=False) for d in gold.documents for r in gold_strings_sentences(d, hints)]
        else:
            lines = [json.dumps(gold_strings(d, hints), ensure_ascii=False) for d in gold.documents]
    elif fmt == "tokens":
        lines = [json.dumps(gold_tokens(r), ensure_ascii=False) for r in gold.records.values()]
    elif fmt == "chars":
        lines = [json.dumps(gold_chars(d), ensure_ascii=False) for d in gold.documents]
    elif fmt == "brat":
        return {f"{d.id}.ann": serialize_ann(gold_ann(d)) for d in gold.documents}
    else:
        raise InputError(fmt, 0, "unknown format (expected tokens, chars, brat or strings)")
    return {"": "\n".join(lines) + "\n"}


def write_gold_predictions(root: Path | None, out: Path, fmt: str, write: Callable[[Path, str], None],
                           hints: bool = True, granularity: str = "document", track: str = "default") -> tuple[int, str]:
    """Write the gold of ``track`` in ``fmt`` to ``out`` (a directory for brat): (count, unit)."""
    files = gold_prediction_files(root, fmt, hints, granularity, track)
    if fmt != "brat":
        if out.is_dir():
            raise InputError(str(out), 0, f"is a directory; the {fmt} format is one file")
        write(out, files[""])
        sentences = fmt == "tokens" or granularity == "sentence"
        return files[""].count("\n"), "sentence" if sentences else "document"
    if out.exists() and not out.is_dir():
        raise InputError(str(out), 0, "brat predictions are a directory, and this is a file")
    from citydiplo.files import replace_tree

    # the whole folder at once (a kill leaves the old folder or the new one, complete);
    # a rerun replaces its own folder, never one it did not write
    replace_tree(out, files, what="predictions folder", command="gold-predictions")
    return len(files), ".ann file"
