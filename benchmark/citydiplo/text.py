"""Text helpers every layer shares: document text quoted inside user-interface text, and the
generated blocks inside hand-written Markdown (the text between ``<!-- NAME:start -->`` and
``<!-- NAME:end -->`` is rewritten by a command, the rest kept)."""

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


def read_block(text: str, name: str) -> str | None:
    """The content of block ``name`` (stripped), or None when ``text`` has no such block."""
    start, end = _marker(name, "start"), _marker(name, "end")
    if start not in text or end not in text:
        return None
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def quote(text: str) -> str:
    """Document text quoted inside UI text, bidi-isolated (FSI ... PDI) so RTL stays in place."""
    return f"“\u2068{text}\u2069”"
