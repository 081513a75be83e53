"""The document-level layer in `bench view`: mentions of a cluster share a colour and light
up together, the cluster id in their tooltip; a records table per document."""

from __future__ import annotations

import pytest

from citydiplo.corpus.documents import read_document
from citydiplo.viewer.pages import doc_page
from citydiplo.viewer.view import write_site


@pytest.fixture
def page(doclevel_project) -> str:
    return doc_page(read_document("000-lv", doclevel_project))


def _mentions(tree):
    return {n.attrs["data-id"]: n for n in tree.iter() if n.attrs.get("data-kind") == "entity"
            and "cont" not in n.classes()}


def test_mentions_of_a_cluster_share_a_colour_and_a_link(page, parse_html):
    ents = _mentions(parse_html(page))
    colour = {i: [c for c in n.classes() if c.startswith("cc")] for i, n in ents.items()}
    assert colour["T2"] == colour["T6"] == colour["T9"] and len(colour["T2"]) == 1
    assert colour["T1"] == colour["T11"] != colour["T2"]
    assert colour["T5"] == [] and "coref" not in ents["T5"].classes()  # a singleton: no cluster colour
    for ref in ("T2", "T6", "T9"):
        assert "C2" in ents[ref].attrs["data-links"].split()
        assert "cluster C2 (3 mentions, GeoNames:2037013)" in ents[ref].attrs["title"]


def test_a_records_table_names_each_role_s_clusters_and_strings(page, parse_html):
    tree = parse_html(page)
    rows = [n for n in tree.iter() if n.tag == "tr" and "record" in n.classes()]
    assert [r.attrs["data-links"] for r in rows] == ["E1", "E2 E3", "E4"]
    r2 = rows[1].text()
    assert "MEET" in r2 and "2020-08-12" in r2 and "Participant:" in r2 and "Time:" in r2
    assert "C1 “Daugavpils” “Daugavpilij”" in " ".join(r2.split()) and "C7 “Sun Zhe”" in " ".join(r2.split())
    chips = [n.attrs["data-link"] for n in rows[1].iter() if "cluster" in n.classes()]
    assert chips == ["C1", "C5", "C7", "C4"]
    clusters = [n for n in tree.iter() if n.tag == "li" and "cluster" in n.classes()]
    assert [c.attrs["data-link"] for c in clusters] == ["C1", "C2", "C7"]


def test_without_the_layer_the_page_says_so(view_project, parse_html):
    html = doc_page(read_document("000-lv", view_project.root))
    assert "No event records for this document yet." in html and "No entity clusters for this document yet." in html
    assert 'class="m ent t-CITY l1 coref' not in html


@pytest.mark.skipif(__import__("shutil").which("chromium") is None, reason="headless Chromium is not installed")
def test_a_cluster_lights_up_together_in_chromium(page, parse_html, tmp_path):
    """#hl=C2 does what pointing at a mention of C2 does: every mention of the cluster, and
    its chips in the records table, are highlighted; nothing else in the text."""
    from test_view_browser import chromium

    write_site(tmp_path / "site", {"000-lv.html": page})
    (dom,) = chromium(tmp_path, [["--window-size=1280,900", "--dump-dom",
                                  (tmp_path / "site" / "000-lv.html").as_uri() + "#hl=C2"]])
    tree = parse_html(dom)
    lit = sorted(n.attrs["data-id"] for n in _mentions(tree).values() if "hl" in n.classes())
    assert lit == ["T2", "T6", "T9"]
    assert [n.attrs.get("data-link") for n in tree.iter() if "hl" in n.classes() and n.tag != "span"] == ["C2"]
