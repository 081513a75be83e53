"""Responses cached on disk, so that a rerun with the same options sends no request.

The key is the SHA-256 of the request that matters for the answer: the model id as sent
to the server, the prompt version, the messages and the sampling parameters. One JSON
file per response (``<dir>/<key[:2]>/<key>.json``), written to a unique temporary file
beside its place and renamed into it, so that an interrupted run, or two runs sharing the
cache, leave whole files only. The API key is never part of a key or an entry (answers
are redacted before they get here).

Only well-formed completions are cached (``client.read_completion`` accepted them); a
failed request is asked again next time. An entry holds its key and its request, and is
used only when both match the request being made and its response reads back as a
completion: a damaged, foreign or mismatched entry is a miss, and is replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping



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

    def get(self, key: str, request: Mapping[str, Any]) -> dict | None:
        """The entry stored for ``key``, if it answers exactly ``request``; else ``None``."""
        if self.directory is None:
            return None
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None  # absent, or unreadable: ask again
        if not isinstance(entry, dict) or entry.get("key") != key or entry.get("request") != _plain(request):
            return None
        return entry

    def put(self, key: str, request: Mapping[str, Any], response: Mapping[str, Any], **more: Any) -> None:
        """Store ``response`` as the answer to ``request`` (the entry replaces any old one)."""
        if self.directory is None:
            return
        path = self._path(key)
        entry = {"key": key, "request": dict(request), "response": dict(response), **more}
        # ASCII escapes: any string (even a lone surrogate) is stored and read back unchanged
        text = json.dumps(entry, ensure_ascii=True, indent=1) + "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(text)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _plain(value: Mapping[str, Any]) -> Any:
    """``value`` as it reads back from JSON (tuples as lists), to compare with an entry."""
    return json.loads(json.dumps(value))
