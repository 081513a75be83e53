"""Writing files so that nothing is ever half-written."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(content, encoding="utf-8", newline="")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
