"""Generated blocks inside hand-written Markdown: the text between
``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` is rewritten by a command, the rest kept."""

from __future__ import annotations

import re

from citydiplo.errors import InputError


def _marker(name: str, edge: str) -> str:
    return f"<!-- {name}:{edge} -->"


def replace_block(text: str, name: str, content: str, path: str) -> str:
    """``text`` with the block ``name`` replaced by ``content`` (markers kept)."""
    start, end = _marker(name, "start"), _marker(name, "end")
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise InputError(path, 0, f"needs exactly one {start} ... {end} block")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    return pattern.sub(lambda _: f"{start}\n{content.strip()}\n{end}", text, count=1)


