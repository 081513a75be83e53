"""``bench gold-predictions``: the gold written in a prediction format (the I/O edge of
``citydiplo.formats.gold_exports``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from citydiplo.errors import InputError
from citydiplo.formats.brat import serialize_ann
from citydiplo.formats.gold_exports import gold_ann, gold_chars, gold_strings, gold_tokens


def gold_prediction_files(root: Path | None, fmt: str) -> dict[str, str]:
    """File name (``""``: the one file) -> content of the gold in ``fmt``."""
    from citydiplo.corpus.benchmark import load_benchmark

    gold = load_benchmark(root).require_documents()
    if fmt == "tokens":
        lines = [json.dumps(gold_tokens(r), ensure_ascii=False) for r in gold.records.values()]
    elif fmt in ("chars", "strings"):
        convert = gold_chars if fmt == "chars" else gold_strings
        lines = [json.dumps(convert(d), ensure_ascii=False) for d in gold.documents]
    elif fmt == "brat":
        return {f"{d.id}.ann": serialize_ann(gold_ann(d)) for d in gold.documents}
    else:
        raise InputError(fmt, 0, "unknown format (expected tokens, chars, brat or strings)")
    return {"": "\n".join(lines) + "\n"}


def write_gold_predictions(root: Path | None, out: Path, fmt: str,
                           write: Callable[[Path, str], None]) -> tuple[int, str]:
    """Write the gold in ``fmt`` to ``out`` (a directory for brat): (count, unit)."""
    files = gold_prediction_files(root, fmt)
    if fmt != "brat":
        if out.is_dir():
            raise InputError(str(out), 0, f"is a directory; the {fmt} format is one file")
        write(out, files[""])
        return files[""].count("\n"), "sentence" if fmt == "tokens" else "document"
    if out.exists() and not out.is_dir():
        raise InputError(str(out), 0, "brat predictions are a directory, and this is a file")
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        write(out / name, content)
    return len(files), ".ann file"
