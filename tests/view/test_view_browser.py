"""End to end: the site rendered by headless Chromium (skipped where Chromium is not installed).

Chromium runs the page (its inline script included) and dumps the resulting DOM; the
checks read that DOM. Screenshots go to ``artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from citydiplo.corpus.documents import read_document
from citydiplo.viewer.view import doc_page, write_site

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium); browser tests skipped",
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium(tmp: Path, jobs: list[list[str]]) -> list[str]:
    """Run Chromium once per job (each with its own profile), a few at a time; their stdouts."""
    workers = max(1, min(4, os.cpu_count() or 1))
    outs: list[str] = [""] * len(jobs)
    for first in range(0, len(jobs), workers):
        batch = range(first, min(first + workers, len(jobs)))
        procs = [subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / f'profile{i}'}", *jobs[i]],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in batch]
        for i, proc in zip(batch, procs):
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err[-2000:]
            outs[i] = out
    return outs


PAGES = ["000-lv.html", "002-fa.html"]
SHOTS = ["002-fa.html", "000-lv.errors.html", "index.html"]


@pytest.fixture(scope="module")
def rendered(site, hostile_doc, tmp_path_factory):
    """The fixture site (and a hostile page) written to disk and rendered by Chromium:
    each checked page's DOM as Chromium left it, and screenshots of some pages."""
    tmp = tmp_path_factory.mktemp("browser")
    write_site(tmp / "site", dict(site, **{"hostile.html": doc_page(hostile_doc())}))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = [SCREENSHOTS / name.replace(".html", ".png") for name in SHOTS]
    for shot in shots:
        shot.unlink(missing_ok=True)
    jobs = [["--dump-dom", (tmp / "site" / name).as_uri()] for name in PAGES + ["hostile.html"]]
    jobs += [[f"--screenshot={shot}", "--window-size=1200,900", (tmp / "site" / name).as_uri()]
             for shot, name in zip(shots, SHOTS)]
    outs = chromium(tmp, jobs)
    return dict(zip(PAGES + ["hostile.html"], outs)), shots


def text_of(node):
    return node.text(skip=lambda n: "norm" in n.classes())


@pytest.mark.parametrize("doc_id", ["000-lv", "002-fa"])
def test_every_annotated_span_is_rendered_with_its_type(view_project, rendered, parse_html, doc_id):
    doc = read_document(doc_id, view_project.root)
    tree = parse_html(rendered[0][f"{doc_id}.html"])
    spans = [n for n in tree.iter() if n.tag == "span" and "data-kind" in n.attrs and "cont" not in n.classes()]
    got = {(n.attrs["data-kind"], n.attrs["data-type"], int(n.attrs["data-start"]), int(n.attrs["data-end"]),
            text_of(n)) for n in spans}
    want = {("entity", e.type, e.start, e.end, e.text) for e in doc.entities}
    want |= {("item", t.type, t.start, t.end, t.text) for t in doc.items}
    want |= {("trigger", ev.type, ev.start, ev.end, ev.trigger) for ev in doc.events}
    assert got == want
    for n in spans:
        if n.attrs.get("data-level") == "2":
            assert any(a.attrs.get("data-level") == "1" for a in n.ancestors())


def test_persian_renders_right_to_left(rendered, parse_html):
    for name, direction in (("002-fa.html", "rtl"), ("000-lv.html", "ltr")):
        (text,) = [n for n in parse_html(rendered[0][name]).iter() if "text" in n.classes()]
        assert text.attrs["dir"] == direction
        # written by the page's own script from getComputedStyle: it ran, under the CSP
        assert text.attrs["data-computed-dir"] == direction


def test_hostile_text_does_not_run(rendered, parse_html, hostile_doc):
    tree = parse_html(rendered[0]["hostile.html"])
    body = next(n for n in tree.iter() if n.tag == "body")
    assert "data-pwned" not in body.attrs
    assert not [n for n in tree.iter() if n.tag == "img"]
    assert hostile_doc.hostile in tree.text()


def test_screenshots(rendered):
    for shot in rendered[1]:
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot
