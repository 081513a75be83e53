"""HTML generation: nested spans, gold pages, errors, passes, results, escaping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplo.corpus.documents import read_document
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.tokens import tokenize
from citydiplo.formats.model import TokenEvent
from citydiplo.viewer.errors import error_rows
from citydiplo.viewer.pages import all_errors_page, system_view
from citydiplo.scoring.agreement import agreement_figures, compare_passes
from citydiplo.scoring.doc_errors import PredictedDoc, doc_errors, predicted_doc, strict_token_spans
from citydiplo.viewer.assets import CSP
from citydiplo.viewer.marks import Mark, render_marks
from citydiplo.viewer.pages import compare_page, doc_page, errors_page, index_page
from citydiplo.viewer.results import charts, results_section

# --------------------------------------------------------------------------- nested spans


def mark(start, end, name, priority=0):
    return Mark(start, end, ("m",), (("data-name", name),), priority=priority)


def fragments(tree, name):
    return [n for n in tree.iter() if n.attrs.get("data-name") == name]


def test_inner_mark_nests_inside_outer(parse_html):
    text = "Daugavpils pilsētas domes"
    tree = parse_html(render_marks(text, [mark(0, 10, "inner", 2), mark(0, 25, "outer", 1)]))
    (outer,) = fragments(tree, "outer")
    (inner,) = fragments(tree, "inner")
    assert outer in inner.ancestors()
    assert inner.text() == "Daugavpils" and outer.text() == text


def test_equal_spans_nest_by_priority(parse_html):
    tree = parse_html(render_marks("abc", [mark(0, 3, "second", 5), mark(0, 3, "first", 1)]))
    (first,) = fragments(tree, "first")
    (second,) = fragments(tree, "second")
    assert second.parent is first


def test_crossing_marks_are_split_into_fragments(parse_html):
    html = render_marks("abcdefgh", [mark(0, 5, "x"), mark(3, 8, "y")])
    tree = parse_html(html)
    assert "".join(f.text() for f in fragments(tree, "x")) == "abcde"
    assert "".join(f.text() for f in fragments(tree, "y")) == "defgh"
    assert tree.text() == "abcdefgh"
    assert any("cont" in f.classes() for f in fragments(tree, "y") + fragments(tree, "x"))


def test_text_and_attributes_are_escaped():
    html = render_marks('<script>x</script> & "q"', [Mark(0, 8, ("m", 'a"b<c'), (("title", '"><img src=x>'),))])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert 'class="m a_b_c"' in html


@given(
    st.text(alphabet="ab<&\"' \nس", min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 3)), max_size=8),
)
def test_any_marks_render_well_formed_and_cover_their_text(parse_html, text, raw):
    marks = [mark(min(a, b), max(a, b), f"m{i}", p) for i, (a, b, p) in enumerate(raw)]
    tree = parse_html(render_marks(text, marks))
    assert tree.text() == text
    for i, m in enumerate(marks):
        if 0 <= m.start < m.end <= len(text):
            assert "".join(f.text() for f in fragments(tree, f"m{i}")) == text[m.start:m.end]
        else:
            assert fragments(tree, f"m{i}") == []


# --------------------------------------------------------------------------- gold pages


def marked(tree, **attrs):
    """Elements (first fragments only) whose data-* attributes equal ``attrs``."""
    return [n for n in tree.iter() if "cont" not in n.classes()
            and all(n.attrs.get(f"data-{k}") == str(v) for k, v in attrs.items())]


def text_of(node):
    return node.text(skip=lambda n: "norm" in n.classes())


@pytest.mark.parametrize("doc_id", ["000-lv", "002-fa"])
def test_every_gold_annotation_is_an_element_with_its_type(view_project, site, parse_html, doc_id):
    doc = read_document(doc_id, view_project.root)
    tree = parse_html(site[f"{doc_id}.html"])
    assert doc.entities and doc.events
    for e in doc.entities:
        (el,) = marked(tree, kind="entity", start=e.start, end=e.end, type=e.type)
        assert el.attrs["data-level"] == str(e.level) and f"t-{e.type}" in el.classes()
        assert text_of(el) == e.text
        if e.level == 2:
            assert any(a.attrs.get("data-level") == "1" for a in el.ancestors()), f"inner {e.text} not nested"
        if e.norm_id:
            badge = [c for c in el.children if not isinstance(c, str) and "norm" in c.classes()]
            assert badge and badge[0].text() == e.norm_id
            assert el.attrs["data-norm"] == f"{e.norm_db}:{e.norm_id}"
    for ev in doc.events:
        (el,) = marked(tree, kind="trigger", start=ev.start, end=ev.end)
        assert el.attrs["data-type"] == ev.type and el.attrs["data-realis"] == ev.realis
        for a in ev.arguments:  # each argument is linked to its event
            (arg,) = [n for n in tree.iter() if n.attrs.get("data-id") == a.ref and "cont" not in n.classes()]
            assert ev.id in arg.attrs["data-links"].split()
        (item,) = [n for n in tree.iter() if n.attrs.get("data-link") == ev.id]
        assert [li.text().split(":")[0] for li in item.iter() if li.tag == "li" and li is not item] == [
            a.role for a in ev.arguments]
    for rel in doc.relations:
        (item,) = [n for n in tree.iter() if n.attrs.get("data-link") == rel.id]
        assert "PARTNER_OF" in item.text() and rel.status in item.text()


def test_geonames_and_iso_links(site):
    assert 'href="https://www.geonames.org/460413"' in site["000-lv.html"]
    assert 'href="https://www.iso.org/obp/ui/#iso:code:3166:CN"' in site["000-lv.html"]


def test_persian_text_is_right_to_left(site, parse_html):
    (fa,) = [n for n in parse_html(site["002-fa.html"]).iter() if "text" in n.classes()]
    (lv,) = [n for n in parse_html(site["000-lv.html"]).iter() if "text" in n.classes()]
    assert (fa.attrs["dir"], fa.attrs["lang"]) == ("rtl", "fa")
    assert (lv.attrs["dir"], lv.attrs["lang"]) == ("ltr", "lv")


def test_pages_are_self_contained(site, parse_html):
    for name, html in site.items():
        tree = parse_html(html)
        for node in tree.iter():
            assert node.tag not in ("link", "img", "iframe", "object"), name
            assert "src" not in node.attrs, f"{name}: <{node.tag} src=...>"
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
        assert f'content="{CSP}"' in html.replace("&#x27;", "'").replace("&#39;", "'")
        hrefs = [n.attrs["href"] for n in tree.iter() if n.tag == "a"]
        assert all(h.startswith(("https://www.geonames.org/", "https://www.iso.org/")) or h.endswith(".html")
                   for h in hrefs), name


def test_document_without_gold_says_so(site):
    assert "No gold annotations for this document yet." in site["001-ru.html"]


# --------------------------------------------------------------------------- errors


def test_errors_of_the_fixture_predictions(view_project, site, parse_html):
    from citydiplo.viewer.view import load_site_input

    inp = load_site_input(view_project.root, predictions_path=view_project.predictions)
    (system,) = inp.systems
    assert set(system.predictions) == {d.id for d in inp.docs}
    doc = next(d for d in inp.docs if d.id == "000-lv")
    errors = doc_errors(doc, system.predictions["000-lv"])
    assert errors.summary() == {
        "entities": {"correct": 6, "wrong_type": 1, "wrong_boundary": 1, "other_level": 0, "spurious": 1,
                     "missed": 1},
        "inner": {"correct": 0, "wrong_type": 1, "wrong_boundary": 0, "other_level": 0, "spurious": 0, "missed": 0},
        "triggers": {"correct": 1, "wrong_type": 1, "wrong_boundary": 0, "spurious": 0, "missed": 0},
        "arguments": {"correct": 0, "wrong_role": 0, "wrong_trigger": 0, "spurious": 0, "missed": 6},
        "relations": {"correct": 0, "wrong_status": 0, "spurious": 0, "missed": 1},
    }
    tree = parse_html(site["000-lv.errors.html"])
    got = {(n.attrs["data-kind"], n.attrs["data-error"], text_of(n)) for n in marked(tree) if "data-error" in n.attrs}
    assert {("entity", "wrong_type", "Igors Prelatovs"), ("entity", "wrong_boundary", "Daugavpils pilsētas"),
            ("entity", "spurious", "priekšsēdētājs"), ("entity", "missed", "Līvija Jankovska"),
            ("trigger", "wrong_type", "apsprieda"), ("trigger", "correct", "tikās")} <= got
    cells = {(n.attrs["data-layer"], n.attrs["data-category"]): n.text()
             for n in tree.iter() if "chip" in n.classes() and "data-category" in n.attrs}
    assert cells[("entities", "correct")] == "correct 6" and cells[("triggers", "wrong_type")] == "wrong type 1"
    rows = [n for n in tree.iter() if n.tag == "tr" and "data-class" in n.attrs]
    assert {(r.attrs["data-layer"], r.attrs["data-class"]) for r in rows} == {
        ("entities", "wrong_type"), ("entities", "wrong_boundary"), ("entities", "spurious"), ("entities", "missed"),
        ("inner", "wrong_type"), ("triggers", "wrong_type"), ("arguments", "missed"), ("relations", "missed")}
    sentences = {r.children[0].text() for r in rows}
    assert sentences <= {"000-lv-001", "000-lv-002"} and "000-lv-002" in sentences


def test_gold_without_predictions_is_all_missed(site, parse_html):
    tree = parse_html(site["002-fa.errors.html"])
    judged = {n.attrs["data-error"] for n in marked(tree) if "data-error" in n.attrs}
    assert judged == {"missed"}


def test_strict_reading_drops_orphan_i_tags():
    assert strict_token_spans(["B-CITY", "I-CITY", "O", "I-PER", "I-PER", "B-ORG", "I-GPE"]) == [
        (0, 2, "CITY"), (5, 6, "ORG")]


def test_layers_that_were_not_predicted_are_not_judged(view_project):
    doc = read_document("000-lv", view_project.root)
    errors = doc_errors(doc, predicted_doc(doc, [Prediction("000-lv-001", events=[])]))
    assert errors.entities is None and errors.summary() == {
        "triggers": {"correct": 0, "wrong_type": 0, "wrong_boundary": 0, "spurious": 0, "missed": 2},
        "arguments": {"correct": 0, "wrong_role": 0, "wrong_trigger": 0, "spurious": 0, "missed": 6}}
    html = errors_page(doc, predicted_doc(doc, [Prediction("000-lv-001", events=[])]))
    assert "The predictions have no ner_tags: entities are not judged." in html


# --------------------------------------------------------------------------- passes


def test_pass_disagreements(view_project, site, parse_html):
    a = read_document("000-lv", view_project.root, view_project.pass_a)
    b = read_document("000-lv", view_project.root, view_project.pass_b)
    rows = compare_passes(a, b).rows
    assert [(r.sentence, r.layer, r.kind) for r in rows] == [
        (1, "relation", "only in A"),
        (2, "entity L1", "boundary"), (2, "entity L1", "only in B"), (2, "entity L1", "type"),
        (2, "entity L1", "only in A"), (2, "realis", "differs"), (2, "argument", "only in A"),
        (2, "normalisation", "differs"),
    ]
    assert [r.a for r in rows if r.layer == "argument"] == [
        "MEET “\u2068tikās\u2069”: Participant “\u2068Līvija Jankovska\u2069”"]  # text bidi-isolated
    assert compare_passes(a, a).rows == []
    tree = parse_html(site["000-lv.compare.html"])
    panes = {n.attrs["data-pass"]: n for n in tree.iter() if n.tag == "section"}
    flagged = {side: {(text_of(n), c) for n in marked(pane) for c in n.classes() if c.startswith("d-")}
               for side, pane in panes.items()}
    assert {("Līvija Jankovska", "d-only"), ("Igors Prelatovs", "d-type"), ("tikās", "d-realis"),
            ("Harbinas", "d-norm"), ("Daugavpils pilsētas domes", "d-boundary")} <= flagged["a"]
    assert {("priekšsēdētājs", "d-only"), ("Igors Prelatovs", "d-type"), ("Daugavpils pilsētas", "d-boundary")} \
        <= flagged["b"]
    assert ("Sun Zhe", "d-only") not in flagged["a"]


def test_agreement_figures_come_from_benchmark_agreement(view_project, site):
    a = read_document("000-lv", view_project.root, view_project.pass_a)
    b = read_document("000-lv", view_project.root, view_project.pass_b)
    figures = dict(agreement_figures(a, b))
    assert figures["entity F1 (outer)"] == pytest.approx(6 / 9)  # 6 shared of 9 outer mentions in each pass
    assert figures["realis agreement"] == 0.5
    assert agreement_figures(a, a)[0] == ("entity F1 (both levels)", 1.0)
    assert "<table class=\"agreement\">" in site["000-lv.compare.html"]


def test_a_document_in_one_pass_only(site):
    html = site["002-fa.compare.html"]
    assert "No annotations in this pass." in html and "only in A" in html


# --------------------------------------------------------------------------- results


def test_index_shows_charts_and_counts(site, parse_html):
    tree = parse_html(site["index.html"])
    charts = {n.children[0].text(): {(b.attrs["data-label"], b.attrs["data-value"])
                                     for b in n.iter() if "bar" in b.classes()}
              for n in tree.iter() if n.tag == "svg"}
    # the fixture results are `bench evaluate` output: 000-lv has 6 of 9 outer entities right, 002-fa none
    lang = charts["Outer entities (strict IOB2): micro F1 by language"]
    assert {("lv", "0.667"), ("fa", "0.000")} <= lang
    headline = charts["Headline F1 with 95% confidence intervals"]
    assert {("entity_f1", "0.522"), ("trigger_classification_f1", "0.400")} <= headline  # 6/9 P, 6/14 R
    assert ("MEET", "0.667") in charts["Trigger classification: F1 by event type"]
    (svg,) = [n for n in tree.iter() if n.tag == "svg" and n.children[0].text().startswith("Headline")]
    bars = [b for b in svg.iter() if "bar" in b.classes()]
    assert len(bars) >= 4 and all(any(c.tag == "path" and "ci" in c.classes() for c in b.iter()) for b in bars)
    # per language, the intervals the scorer stored in the results: lv's holds its F1
    (lang_svg,) = [n for n in tree.iter() if n.tag == "svg"
                   and n.children[0].text() == "Outer entities (strict IOB2): micro F1 by language"]
    (lv,) = [b for b in lang_svg.iter() if "bar" in b.classes() and b.attrs["data-label"] == "lv"]
    (ci,) = [c for c in lv.iter() if c.tag == "path"]
    assert float(ci.attrs["data-low"]) <= 0.667 <= float(ci.attrs["data-high"]) and ci.attrs["data-low"] != ci.attrs["data-high"]
    rows = {n.attrs["data-doc"]: n for n in tree.iter() if n.tag == "tr" and "data-doc" in n.attrs}
    originals = ["000-lv", "001-ru", "002-fa", "003-uk", "004-vi"]
    assert set(rows) == set(originals) | {f"{o[:3]}-{lang}" for o in originals
                                          for lang in ("lv", "ru", "fa", "uk", "vi", "en") if lang != o[4:]}
    links = {n.attrs["href"] for n in rows["000-lv"].iter() if n.tag == "a"}
    # its pages, and its article's versions (in the five other languages) and their side-by-side page
    assert links == {"000-lv.html", "000-lv.errors.html", "000-lv.compare.html", "000.versions.html"} | {
        f"000-{lang}.html" for lang in ("ru", "fa", "uk", "vi", "en")}


# --------------------------------------------------------------------------- hostile text

def assert_only_our_script(html: str) -> None:
    assert html.count("<script") == 1, "a <script> element other than the page's own"
    assert "<img" not in html and 'data-pwned","1")</script>' not in html


def test_hostile_text_is_shown_as_text(parse_html, hostile_doc):
    doc = hostile_doc()
    html = doc_page(doc)
    assert_only_our_script(html)
    assert "&lt;script&gt;document.body" in html
    tree = parse_html(html)
    (el,) = marked(tree, kind="entity", type="MISC")
    assert text_of(el) == hostile_doc.hostile


def test_hostile_prediction_labels_are_escaped(parse_html, hostile_doc, view_project):
    doc = hostile_doc()
    label = '<script>alert("label")</script>'
    n = len(tokenize(doc.text))
    record = Prediction("999-xx-001", ner_tags=[f"B-{label}"] + ["O"] * (n - 1),
                        events=[TokenEvent(label, (1, 2), label)])
    pred = predicted_doc(doc, [record])
    assert pred.entities[0][2] == label and pred.events[0].type == label
    html = errors_page(doc, pred)
    assert_only_our_script(html)
    parse_html(html)
    system = system_view("system", hostile_doc.hostile, "errors.html", [doc], {doc.id: pred})
    assert_only_our_script(index_page([doc], {doc.id: ("", ".errors")}, [system],
                                      results_html=_hostile_results(view_project, hostile_doc.hostile)))
    assert_only_our_script(all_errors_page(error_rows(doc, doc_errors(doc, pred)), 1, hostile_doc.hostile))
    assert_only_our_script(compare_page(doc, doc.without_gold(), (hostile_doc.hostile, label)))


def test_empty_predictions_for_a_document_make_no_judgements(hostile_doc):
    doc = hostile_doc()
    assert "no sentence of this document" in errors_page(doc, PredictedDoc(doc.id))


def _hostile_results(view_project, hostile: str) -> str:
    from dataclasses import replace

    from citydiplo.scoring.results_files import read_results_file

    return results_section(replace(read_results_file(view_project.results), model=hostile), results_of=hostile)


def test_results_json_is_escaped(hostile_doc, view_project):
    html = _hostile_results(view_project, hostile_doc.hostile)
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


# --------------------------------------------------------------------------- the real project


def test_the_checkout_renders(parse_html):
    """Whatever gold this checkout holds (none, entities, events): every page is well formed
    and every gold entity, ITEM span and trigger is an element with its type."""
    from citydiplo.corpus.project import project_root
    from citydiplo.viewer.view import load_site_input, site_pages

    root = project_root()
    inp = load_site_input(root)
    pages = site_pages(inp)
    assert set(pages) == {"index.html"} | {f"{d.id}.html" for d in inp.docs} | {f"{d.article}.versions.html"
                                                                               for d in inp.docs if not d.original}
    for doc in inp.docs:
        tree = parse_html(pages[f"{doc.id}.html"])
        got = {(n.attrs["data-kind"], n.attrs["data-type"], int(n.attrs["data-start"]), int(n.attrs["data-end"]))
               for n in marked(tree) if "data-kind" in n.attrs}
        want = {("entity", e.type, e.start, e.end) for e in doc.entities}
        want |= {("item", t.type, t.start, t.end) for t in doc.items}
        want |= {("trigger", ev.type, ev.start, ev.end) for ev in doc.events}
        assert got == want, doc.id


def test_charts_are_read_from_the_results(view_project):
    """Every chart comes from a Results accessor: the headline and per-language headline
    figures first (with the scorer's intervals), the variants behind "more charts"."""
    from citydiplo.scoring.results_files import read_results_file

    r = read_results_file(view_project.results)
    main, more = charts(r)
    titles = [title for title, _ in main]
    assert titles[:3] == ["Headline F1 with 95% confidence intervals", "Outer entities (strict IOB2): F1 by type",
                          "Outer entities (strict IOB2): micro F1 by language"]
    assert {"Relation: F1 by language", "Outer entities, nervaluate: F1 by matching mode",
            "Linking (span, type and id): F1 by language"} <= set(titles)
    assert {"Inner entities (seqeval default mode): micro F1 by language",
            "Relation with status: F1 by language"} <= {title for title, _ in more}
    bars = dict(main)["Relation: F1 by language"]
    assert [b[0] for b in bars] == r.languages
    assert all(b[1] == r.event_block("relation", b[0])["f1"] and b[2] == r.language_ci95["relation_f1"][b[0]]
               for b in bars)
    assert all(len(b) == 2 or b[2] is None for b in dict(more)["Relation with status: F1 by language"])


@pytest.mark.parametrize("page", ["000-lv.html", "000-lv.errors.html", "000-lv.compare.html"])
def test_sentence_ids_in_the_text(view_project, site, parse_html, page):
    doc = read_document("000-lv", view_project.root)
    tree = parse_html(site[page])
    first = [n for n in tree.iter() if "sent" in n.classes() and "cont" not in n.classes()]
    want = [f"000-lv-{i:03d}" for i in range(1, len(doc.meta.sentences) + 1)]
    per_pane = len(first) // len(want)
    assert per_pane >= 1 and [n.attrs["data-sentence"] for n in first] == want * per_pane
    whole = {}
    for n in tree.iter():
        if "sent" in n.classes() and n.attrs["data-sentence"] not in whole:
            whole[n.attrs["data-sentence"]] = text_of(n)
    s2 = doc.meta.sentences[1]
    assert whole["000-lv-002"].startswith(doc.text[s2.start:s2.start + 20])
    if page.endswith("compare.html"):
        assert "<td>000-lv-002</td>" in site[page]
