"""The viewer's page shell: its stylesheet and script (package data, inlined in every page),
the Content-Security-Policy that allows exactly that script, and the Jinja2 templates.

The script (hover links, lines from a trigger to its arguments, error-table filters and
sorting, all three also settable from the address, e.g.
``errors.html#layer=arguments&class=missed&sort=sentence`` or
``<doc>.errors.html#show=ev12-17``; and a record on ``<html>`` of any block that sticks
out of its column, read by the browser tests) is allowed by its SHA-256 hash, so every
page can run it and nothing else; the policy also forbids every fetch. Templates autoescape: anything not marked ``Markup`` (the
marked-up document text, built and escaped by ``citydiplo.viewer.marks``) is escaped.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
CSS = (HERE / "static" / "view.css").read_text(encoding="utf-8")
SCRIPT = (HERE / "static" / "view.js").read_text(encoding="utf-8").rstrip("\n")
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_HASH}'; img-src data:"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' environment: autoescaping on, undefined names are errors."""
    from citydiplo.viewer import marks

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(bdi=marks.bdi, quote=marks.url_quote, css_token=marks.css_token, CSS=Markup(CSS),
                       SCRIPT=Markup(SCRIPT), CSP=CSP)
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``templates/`` with ``context``."""
    return environment().get_template(template).render(**context)
