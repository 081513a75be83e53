"""The options of ``llm:MODEL`` and their defaults: the one place both ``bench evaluate``
(its ``--shots``, ``--temperature``, ... options) and ``citydiplo.evaluate`` read them from.
A light module, so that the command line can show the defaults without loading the harness.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from citydiplo.evaluation.llm.cache import default_cache_dir

DEFAULT_PROMPT_VERSION = "v1"
GRANULARITIES = ("document", "sentence")


@dataclass(frozen=True)
class LLMOptions:
    """How to run ``llm:MODEL`` (the options of ``bench evaluate llm:MODEL``)."""

    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    shots: int = 0
    granularity: str = "document"
    temperature: float = 0.0
    sampling_seed: int | None = None
    max_tokens: int | None = 4096
    concurrency: int = 4
    timeout: float = 120.0
    max_retries: int = 2
    cache: str | Path | bool = True  # True: the default directory; False: no cache
    prompt_version: str = DEFAULT_PROMPT_VERSION
    progress: bool = False
    limit: int | None = None  # only the first N units (results marked, refused by the leaderboard)
    languages: tuple[str, ...] | None = None  # only the documents in these languages
    log: str | Path | None = None  # one JSON line per unit: what was sent and received
    task: str = "e2e"  # ner, ed, eae (the gold triggers are in the prompt) or e2e

    @property
    def params(self) -> dict[str, Any]:
        """The sampling parameters sent (and keyed in the cache)."""
        return {"temperature": self.temperature, "seed": self.sampling_seed, "max_tokens": self.max_tokens}

    def cache_dir(self) -> Path | None:
        if self.cache is False:
            return None
        return default_cache_dir() if self.cache is True else Path(self.cache)


def default(name: str) -> Any:
    """The default value of one LLM option."""
    return next(f.default for f in fields(LLMOptions) if f.name == name)
