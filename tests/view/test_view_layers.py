"""Every layer's error classes on the pages, two systems side by side, and results that
must belong to the predictions shown."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citydiplo.cli import main
from citydiplo.scoring.doc_errors import LAYERS
from citydiplo.viewer.errors import NOT_ERRORS

DOCS = ["000-lv", "001-ru", "002-fa", "003-uk", "004-vi"]


def rows_of(tree):
    return [n for n in tree.iter() if n.tag == "tr" and "data-class" in n.attrs]


def test_every_class_of_every_layer_is_on_some_page(site_two, parse_html):
    """Errors as table rows (with a sentence id), right answers as counts in the summary."""
    found = set()
    counted = set()
    for name, html in site_two.items():
        if ".errors" not in name:
            continue
        tree = parse_html(html)
        for r in rows_of(tree):
            found.add((r.attrs["data-layer"], r.attrs["data-class"]))
            assert r.children[0].text().startswith(name.split(".")[0] + "-")  # the sentence id
        for chip in tree.iter():
            if "chip" in chip.classes() and "data-category" in chip.attrs and not chip.text().endswith(" 0"):
                counted.add((chip.attrs["data-layer"], chip.attrs["data-category"]))
    want = {(layer, c) for layer, classes in LAYERS.items() for c in classes}
    assert {w for w in want if w[1] not in NOT_ERRORS} <= found
    assert {w for w in want if w[1] in NOT_ERRORS} <= counted


def test_system_b_classes_where_expected(site_two, parse_html):
    tree = parse_html(site_two["000-lv.errors-b.html"])
    got = {(r.attrs["data-layer"], r.attrs["data-class"], r.children[4].text()) for r in rows_of(tree)}
    assert {("entities", "other_level", "Daugavpils"), ("entities", "missed", "Daugavpils pilsētas domes"),
            ("inner", "other_level", "Harbinas"), ("inner", "spurious", "Sun"),
            ("linking", "wrong_id", "Harbinas"), ("linking", "spurious_id", "Igors Prelatovs"),
            ("inner", "wrong_boundary", "Daugavpils pilsētas"), ("arguments", "wrong_role", "Sun Zhe"),
            ("arguments", "wrong_trigger", "Līvija Jankovska"), ("arguments", "spurious", "Ķīna"),
            ("arguments", "missed", "12. augustā"), ("relations", "spurious", "“\u2068Harbinas\u2069” ⇄ “\u2068Ķīna\u2069”"),
            } <= got
    # arguments hang on their trigger: hovering the trigger lights them (same link id)
    triggers = {n.attrs["data-links"] for n in tree.iter() if n.attrs.get("data-kind") == "trigger"}
    args = [n for n in tree.iter() if n.attrs.get("data-kind") == "argument"]
    assert args and all(a.attrs["data-links"] in triggers for a in args if a.attrs["data-error"] != "missed")


def test_filters_offer_what_the_table_holds(site_two, parse_html):
    tree = parse_html(site_two["errors-b.html"])
    selects = {n.attrs["data-filter"]: [o.attrs["value"] for o in n.iter() if o.tag == "option"]
               for n in tree.iter() if n.tag == "select"}
    assert set(selects) == {"layer", "class", "type", "lang"}
    rows = rows_of(tree)
    assert set(selects["layer"][1:]) == {r.attrs["data-layer"] for r in rows}
    assert set(selects["lang"][1:]) == {r.attrs["data-lang"] for r in rows} == {"lv", "fa"}


def test_two_systems_side_by_side(site_two, parse_html):
    assert all(f"{d}.diff.html" in site_two and f"{d}.errors-b.html" in site_two for d in DOCS)
    tree = parse_html(site_two["000-lv.diff.html"])
    rows = {n.attrs["data-sentence"]: n for n in tree.iter() if n.tag == "tr" and "data-sentence" in n.attrs}
    assert "000-lv-002" in rows
    only_b = [c.text() for c in rows["000-lv-002"].iter() if c.tag == "div" and c.parent.attrs.get("class") == "b"]
    assert any(t.startswith("entities (outer): PER") and "Līvija Jankovska" in t for t in only_b)  # A missed it
    assert any(t.startswith("arguments: Participant of MEET") and "Igors" in t for t in only_b)
    only_a = [c.text() for c in rows["000-lv-002"].iter() if c.tag == "div" and c.parent.attrs.get("class") == "a"]
    assert not any("DATE" in t for t in only_a)  # both get the date right
    fa = parse_html(site_two["002-fa.diff.html"])
    assert any(c.text().startswith("entities (inner): CITY") for c in fa.iter() if c.tag == "div"
               and c.parent.attrs.get("class") == "b")
    index = parse_html(site_two["index.html"])
    metrics = {n.attrs["data-metric"]: [c.text() for c in n.children if not isinstance(c, str)]
               for n in index.iter() if n.tag == "tr" and "data-metric" in n.attrs}
    assert {"entity_f1", "trigger_classification_f1", "argument_classification_f1", "relation_f1"} <= set(metrics)
    assert all(len(cells) == 5 for cells in metrics.values())
    assert "000-lv.diff.html" in site_two["index.html"]


def run(*args):
    return CliRunner().invoke(main, ["view", *map(str, args)])


def test_results_of_other_predictions_are_refused(view_project, tmp_path):
    p = view_project
    result = run("--root", p.root, "--out", tmp_path / "site", "--predictions", p.predictions_b, "--results", p.results)
    assert result.exit_code == 2, result.output
    assert f"{p.results}" in result.output and "other predictions" in result.output
    assert not (tmp_path / "site").exists()
    # without a stored fingerprint, the model name decides
    old = json.loads(p.results.read_text(encoding="utf-8"))
    del old["predictions"]
    stale = tmp_path / "crf.json"
    stale.write_text(json.dumps(dict(old, model="crf")), encoding="utf-8")
    result = run("--root", p.root, "--out", tmp_path / "site", "--predictions", p.predictions, "--results", stale)
    assert result.exit_code == 2 and "model 'crf'" in result.output
    named = tmp_path / "named.json"
    named.write_text(json.dumps(dict(old, model="predictions")), encoding="utf-8")  # the file's stem
    result = run("000-lv", "--root", p.root, "--out", tmp_path / "ok", "--predictions", p.predictions,
                 "--results", named)
    assert result.exit_code == 0, result.output


def test_results_of_either_system_are_accepted(view_project, tmp_path):
    p = view_project
    result = run("000-lv", "--root", p.root, "--out", tmp_path, "--predictions", p.predictions_b,
                 "--predictions", p.predictions, "--results", p.results)
    assert result.exit_code == 0, result.output
    assert f"Model: <code>{p.predictions}</code>" in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("norm, problem", [
    ('"x"', "000-lv-001: norm must be a list"),
    ('[{"span": [0, 99], "id": "GeoNames:1"}]', "000-lv-001: norm[0].span [0, 99] is outside the sentence's 9 tokens"),
    ('[{"span": [0, 1], "id": 7}]', "000-lv-001: norm[0].id must be an id DB:KEY"),
])
def test_bad_norm_names_file_and_line(view_project, tmp_path, norm, problem):
    lines = view_project.predictions.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0][:-1] + f', "norm": {norm}}}'
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("--root", view_project.root, "--out", tmp_path / "site", "--predictions", bad)
    assert result.exit_code == 2 and f"{bad}:1: {problem}" in result.output, result.output


def test_predictions_in_another_format(view_project, tmp_path):
    """A chars-format file (character offsets, as `bench gold-predictions --format chars` writes the gold)
    shows the same verdicts as the tokens file of the same spans: the gold scores no error."""
    p = view_project
    chars = tmp_path / "gold.chars.jsonl"
    result = CliRunner().invoke(main, ["gold-predictions", "--root", str(p.root), "--format", "chars",
                                       "--out", str(chars)])
    assert result.exit_code == 0, result.output
    result = run("000-lv", "--root", p.root, "--out", tmp_path / "site", "--predictions", chars)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "000-lv.errors.html").read_text(encoding="utf-8")
    assert 'data-error="correct"' in html and "<tr class=" not in html and "No errors." in html


def test_three_systems_are_refused(view_project, tmp_path):
    p = view_project
    result = run("--root", p.root, "--out", tmp_path, *["--predictions", p.predictions] * 3)
    assert result.exit_code == 2 and "at most two predictions files" in result.output


def test_confusion_matrices_per_layer(site_two, parse_html):
    tree = parse_html(site_two["index.html"])
    systems = {n.attrs["data-system"]: n for n in tree.iter() if n.tag == "section" and "data-system" in n.attrs}
    captions = {k: [c.text().split(":")[0] for c in s.iter() if c.tag == "figcaption"] for k, s in systems.items()}
    assert captions["1"] == ["Entities (outer)", "Entities (inner)", "Triggers", "Argument roles"]
    (roles,) = [f for f in systems["1"].iter() if f.tag == "figure" and f.children[0].text().startswith("Argument")]
    cells = {(c.attrs["data-gold"], c.attrs["data-pred"]): c.text() for c in roles.iter() if c.tag == "td"}
    assert cells[("Participant", "Time")] == "1"  # B's Sun Zhe: gold Participant, predicted Time
    assert cells[("Participant", "Participant")] == "3"
    (outer,) = [f for f in systems["0"].iter() if f.tag == "figure" and f.children[0].text().startswith("Entities (outer)")]
    cells = {(c.attrs["data-gold"], c.attrs["data-pred"]): c.text() for c in outer.iter() if c.tag == "td"}
    assert cells[("PER", "ORG")] == "1" and cells[("CITY", "CITY")] == "3"  # A: Igors Prelatovs as ORG
