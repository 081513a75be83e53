"""Keep secrets out of every text the harness stores or prints.

A server may echo the API key in an error (``Incorrect API key provided: sk-...``) or even
in an answer. ``Redactor`` replaces the key itself and anything that looks like a bearer
token or an API key (``Bearer ...``, ``sk-...``, ``Authorization: ...``) with
``[redacted]``; the client passes every server-provided text through it before anything
(results, cache, log, terminal) sees it.
"""

from __future__ import annotations

import re

MARK = "[redacted]"

_PATTERNS = (
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=*-]{4,}"),
    re.compile(r"(?i)(authorization|api[-_ ]?key|x-api-key)(\"?\s*[:=]\s*\"?)(?!bearer\b|basic\b|\[redacted)[^\s\"',;]{4,}"),
    re.compile(r"\b(?:sk|rk|pk|hf|gsk|xai)[-_][A-Za-z0-9._*-]{6,}"),
)


class Redactor:
    """Replaces ``secrets`` (strings of four characters or more) and token look-alikes."""

    def __init__(self, *secrets: str | None) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MARK)
        text = _PATTERNS[0].sub(lambda m: f"{m.group(1)} {MARK}", text)
        text = _PATTERNS[1].sub(lambda m: f"{m.group(1)}{m.group(2)}{MARK}", text)
        return _PATTERNS[2].sub(MARK, text)
