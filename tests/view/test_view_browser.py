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
from citydiplo.viewer.pages import doc_page
from citydiplo.viewer.view import write_site

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


# --------------------------------------------------------------------------- layout and filters

WIDTHS = (1280, 1920)
LAYOUT_PAGES = ["index.html", "000-lv.errors-b.html", "002-fa.errors-b.html", "errors-b.html", "000-lv.diff.html",
                "000-lv.compare.html"]
FILTERED = "errors-b.html#layer=arguments&class=wrong_role"
SORTED = "errors-b.html#sort=class"


def uri(site: Path, name: str) -> str:
    page, _, fragment = name.partition("#")
    return (site / page).as_uri() + (f"#{fragment}" if fragment else "")
OVERFLOWING = ('<table id="wide"><tr><td style="white-space:nowrap">' + "wide " * 800 + "</td></tr></table>"
               '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="80" height="30">'
               '<text x="40" y="16" text-anchor="end">COOPERATE</text></svg>')  # a clipped chart label


@pytest.fixture(scope="module")
def laid_out(site, site_two, parse_html, tmp_path_factory):
    """The two-system site (with the passes pages of the one-system site) rendered at 1280
    and 1920 px; screenshots of the index and an errors page at both widths."""
    tmp = tmp_path_factory.mktemp("layout")
    files = dict(site_two, **{"000-lv.compare.html": site["000-lv.compare.html"]})
    files["overflowing.html"] = site_two["000-lv.errors.html"].replace("<h2>Errors</h2>", OVERFLOWING + "<h2>Errors</h2>")
    write_site(tmp / "site", files)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    jobs, keys = [], []
    for width in WIDTHS:
        for name in LAYOUT_PAGES + ["errors.html", "overflowing.html", FILTERED, SORTED, shown_page(site_two, parse_html)]:
            jobs.append([f"--window-size={width},900", "--dump-dom", uri(tmp / "site", name)])
            keys.append((width, name))
        for name in ("index.html", "000-lv.errors-b.html"):
            shot = SCREENSHOTS / f"{name.replace('.html', '')}-{width}.png"
            shot.unlink(missing_ok=True)
            jobs.append([f"--screenshot={shot}", f"--window-size={width},1400", (tmp / "site" / name).as_uri()])
            keys.append((width, shot))
    return dict(zip(keys, chromium(tmp, jobs)))


def tikas_key(site_two, parse_tree) -> str:
    """The link id of the trigger "tikās" on B's 000-lv errors page."""
    (trig,) = [n for n in parse_tree(site_two["000-lv.errors-b.html"]).iter()
               if n.attrs.get("data-kind") == "trigger" and n.text().startswith("tikās")]
    return trig.attrs["data-links"]


def shown_page(site_two, parse_tree) -> str:
    return f"000-lv.errors-b.html#show={tikas_key(site_two, parse_tree)}"


def test_arguments_are_drawn_from_their_trigger(laid_out, site_two, parse_html):
    """Pointing at a trigger (here: #show=its link id) draws a line from it to each of its arguments."""
    key = tikas_key(site_two, parse_html)
    tree = parse_html(laid_out[(1280, shown_page(site_two, parse_html))])
    args = [n for n in tree.iter() if n.attrs.get("data-kind") == "argument" and n.attrs.get("data-links") == key
            and "cont" not in n.classes()]
    lines = [n for n in tree.iter() if n.tag == "line"]
    assert len(args) == 5 and html_attrs(tree)["data-drawn"] == "5" and len(lines) == 5
    assert sorted(n.attrs["class"].split()[1] for n in lines) == sorted(a.attrs["data-error"] for a in args)


def html_attrs(tree):
    return next(n for n in tree.iter() if n.tag == "html").attrs


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", LAYOUT_PAGES)
def test_no_element_overflows_its_column(laid_out, parse_html, width, name):
    """Element boxes as Chromium laid them out (recorded by the page's own script): no block
    sticks out of its parent's content box and the page does not scroll sideways."""
    attrs = html_attrs(parse_html(laid_out[(width, name)]))
    assert attrs["data-overflow"] == "", f"{name} at {width}px: {attrs['data-overflow']}"
    assert int(attrs["data-scroll-width"]) <= int(attrs["data-client-width"])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overflow_check_sees_an_overflow(laid_out, parse_html, width):
    attrs = html_attrs(parse_html(laid_out[(width, "overflowing.html")]))
    assert {"table#wide", "svg-text:COOPERATE"} <= set(attrs["data-overflow"].split())


@pytest.mark.parametrize("width", WIDTHS)
def test_filters_change_what_is_visible(laid_out, site_two, parse_html, width):
    """The filters, set from the address (#layer=arguments&class=wrong_role), hide every other row."""
    tree = parse_html(laid_out[(width, FILTERED)])
    rows = [n for n in tree.iter() if n.tag == "tr" and "data-class" in n.attrs]
    shown = [r for r in rows if "hidden" not in r.attrs]
    assert shown and len(shown) < len(rows)
    assert all((r.attrs["data-layer"], r.attrs["data-class"]) == ("arguments", "wrong_role") for r in shown)
    assert all("hidden" in r.attrs for r in rows if r.attrs["data-class"] != "wrong_role")
    (out,) = [n for n in tree.iter() if n.tag == "output"]
    assert out.text() == f"{len(shown)} of {len(rows)} shown"
    # the unfiltered page shows every row
    plain = parse_html(laid_out[(width, "errors-b.html")])
    assert not [n for n in plain.iter() if n.tag == "tr" and "data-class" in n.attrs and "hidden" in n.attrs]


def test_columns_sort(laid_out, parse_html):
    """Sorting by a column (here set from the address, as a click on its head does) reorders the rows."""
    rows = [n for n in parse_html(laid_out[(1280, SORTED)]).iter() if n.tag == "tr" and "data-class" in n.attrs]
    classes = [r.children[3].text() for r in rows]  # document, sentence, layer, class, ...
    assert classes == sorted(classes) and len(set(classes)) > 1
    plain = [n for n in parse_html(laid_out[(1280, "errors-b.html")]).iter() if n.tag == "tr" and "data-class" in n.attrs]
    assert [r.children[3].text() for r in plain] != classes  # text order, not class order, before sorting


@pytest.mark.parametrize("width", WIDTHS)
def test_every_error_class_renders(laid_out, parse_html, width):
    """In the browser's DOM, the two systems' error tables hold a row for every error class of every layer."""
    from citydiplo.scoring.doc_errors import LAYERS
    from citydiplo.viewer.errors import NOT_ERRORS

    found = set()
    for name in ("errors.html", "errors-b.html"):
        for n in parse_html(laid_out[(width, name)]).iter():
            if n.tag == "tr" and "data-class" in n.attrs:
                found.add((n.attrs["data-layer"], n.attrs["data-class"]))
    want = {(layer, c) for layer, classes in LAYERS.items() for c in classes if c not in NOT_ERRORS}
    assert want <= found


def test_layout_screenshots(laid_out):
    shots = [k for k in laid_out if isinstance(k[1], Path)]
    assert len(shots) == 4
    for _, shot in shots:
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot


# --------------------------------------------------------------------------- an article's versions side by side


@pytest.fixture(scope="module")
def versions_rendered(versions, tmp_path_factory):
    """The hand-built article's versions page rendered by Chromium: plain and with ``#select=T1``
    (what a click on T1 does), at both widths, and a screenshot."""
    from citydiplo.viewer.versions import versions_page

    tmp = tmp_path_factory.mktemp("versions")
    docs, alignment = versions
    write_site(tmp / "site", {"900.versions.html": versions_page(docs, alignment, {"900-en": "AI-made."})})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "900.versions.png"
    shot.unlink(missing_ok=True)
    names = [(w, name) for w in WIDTHS for name in ("900.versions.html", "900.versions.html#select=T1",
                                                   "900.versions.html#select=E1")]
    jobs = [[f"--window-size={w},900", "--dump-dom", uri(tmp / "site", name)] for w, name in names]
    jobs.append([f"--screenshot={shot}", "--window-size=1280,900", (tmp / "site" / "900.versions.html").as_uri()])
    outs = chromium(tmp, jobs)
    return dict(zip(names, outs)), shot


@pytest.mark.parametrize("width", WIDTHS)
def test_versions_page_does_not_overflow(versions_rendered, parse_html, width):
    attrs = html_attrs(parse_html(versions_rendered[0][(width, "900.versions.html")]))
    assert attrs["data-overflow"] == "", attrs["data-overflow"]
    assert int(attrs["data-scroll-width"]) <= int(attrs["data-client-width"])
    assert "data-selected" not in attrs


def test_selecting_an_item_lights_it_in_every_version(versions_rendered, versions, parse_html):
    """#select=T1: the Persian and the English T1 (and T1's row of the table) are selected,
    nothing else; #select=E1: the event's trigger and arguments in both versions."""
    tree = parse_html(versions_rendered[0][(1280, "900.versions.html#select=T1")])
    selected = [n for n in tree.iter() if "sel" in n.classes()]
    spans = [n for n in selected if n.attrs.get("data-kind")]
    assert sorted((n.attrs["data-id"], next(a.attrs["data-doc"] for a in n.ancestors() if "data-doc" in a.attrs))
                  for n in spans) == [("T1", "900-en"), ("T1", "900-fa")]
    assert [n.attrs["data-link"] for n in selected if n.tag == "tr"] == ["T1"]
    assert html_attrs(tree)["data-selected"] == str(len(selected))
    event = parse_html(versions_rendered[0][(1280, "900.versions.html#select=E1")])
    kinds = sorted((n.attrs["data-kind"], n.attrs.get("data-id", n.attrs.get("data-event")))
                   for n in event.iter() if "sel" in n.classes() and n.attrs.get("data-kind"))
    assert kinds == [("entity", "T1"), ("entity", "T1"), ("entity", "T2"), ("entity", "T2"),
                     ("trigger", "E1"), ("trigger", "E1")]


def test_versions_page_runs_its_script_and_escapes(versions_rendered, parse_html):
    from conftest import HOSTILE

    tree = parse_html(versions_rendered[0][(1280, "900.versions.html")])
    dirs = {n.attrs["data-doc"]: n.attrs["data-computed-dir"] for n in tree.iter() if "cell" in n.classes()}
    assert dirs == {"900-fa": "rtl", "900-en": "ltr"}
    assert not [n for n in tree.iter() if n.tag == "img"] and HOSTILE in tree.text()
    data = versions_rendered[1].read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


@pytest.fixture(scope="module")
def six_rendered(six_versions, tmp_path_factory):
    """An article in six versions (issue 28) rendered at both widths, with a screenshot."""
    from citydiplo.viewer.versions import versions_page

    tmp = tmp_path_factory.mktemp("six")
    docs, alignment = six_versions
    write_site(tmp / "site", {"901.versions.html": versions_page(docs, alignment)})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "901.six-versions.png"
    shot.unlink(missing_ok=True)
    jobs = [[f"--window-size={w},900", "--dump-dom", uri(tmp / "site", "901.versions.html#select=T1")] for w in WIDTHS]
    jobs.append([f"--screenshot={shot}", "--window-size=1280,900", (tmp / "site" / "901.versions.html").as_uri()])
    return dict(zip(WIDTHS, chromium(tmp, jobs))), shot


@pytest.mark.parametrize("width", WIDTHS)
def test_six_versions_side_by_side_fit_and_light_together(six_rendered, parse_html, width):
    tree = parse_html(six_rendered[0][width])
    attrs = html_attrs(tree)
    assert attrs["data-overflow"] == "", attrs["data-overflow"]
    assert int(attrs["data-scroll-width"]) <= int(attrs["data-client-width"])
    table = next(n for n in tree.iter() if n.tag == "table" and "versions" in n.classes())
    heads = [n.attrs["data-doc"] for n in table.iter() if n.tag == "th" and "data-doc" in n.attrs]
    assert heads == ["901-lv", "901-ru", "901-fa", "901-uk", "901-vi", "901-en"]
    dirs = {n.attrs["data-doc"]: n.attrs["data-computed-dir"] for n in tree.iter() if "cell" in n.classes()}
    assert dirs == {d: "rtl" if d == "901-fa" else "ltr" for d in heads}
    lit = sorted(next(a.attrs["data-doc"] for a in n.ancestors() if "data-doc" in a.attrs)
                 for n in tree.iter() if "sel" in n.classes() and n.attrs.get("data-kind"))
    assert lit == sorted(heads)  # T1, Daugavpils, in every version
    assert six_rendered[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
