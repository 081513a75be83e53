"""Responses cached on disk, so that a rerun with the same options sends no request.

The key is the SHA-256 of the request that matters for the answer: the model id as sent
to the server, the prompt version, the messages and the sampling parameters. One JSON
file per response (``<dir>/<key[:2]>/<key>.json``), written beside its place and renamed
into it, so that an interrupted run leaves whole files only. The API key is never part of
a key or an entry. Only answers are cached; a failed request is asked again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Mapping

from citydiplo.files import write_atomic


def default_cache_dir() -> Path:
    """``$CITYDIPLO_CACHE`` or ``$XDG_CACHE_HOME/citydiplo/llm`` (``~/.cache/citydiplo/llm``)."""
    if os.environ.get("CITYDIPLO_CACHE"):
        return Path(os.environ["CITYDIPLO_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "citydiplo" / "llm"


def cache_key(model: str, prompt_version: str, messages: list[dict], params: Mapping[str, Any]) -> str:
    blob = json.dumps({"model": model, "prompt_version": prompt_version, "messages": messages,
                       "params": dict(params)}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """A directory of cached responses; ``ResponseCache(None)`` caches nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = Path(directory) if directory is not None else None

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        if self.directory is None:
            return None
        path = self._path(key)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent, or unreadable: ask again

    def put(self, key: str, entry: Mapping[str, Any]) -> None:
        if self.directory is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(dict(entry), ensure_ascii=False, indent=1) + "\n")
