"""Inline SVG bar charts: well-formed, proportional, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from citydiplo.viewer.charts import BAR_WIDTH, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def bars(svg: str):
    root = ET.fromstring(svg)
    return root, [(g.get("data-label"), float(g.find(f"{SVG}rect").get("width")), g.get("data-value"))
                  for g in root.iter(f"{SVG}g")]


def test_bar_lengths_are_proportional_and_values_printed():
    root, found = bars(bar_chart("F1 by language", [("lv", 0.5), ("fa", 1.0), ("vi", 0.0)]))
    assert root.find(f"{SVG}title").text == "F1 by language"
    assert [(label, value) for label, _, value in found] == [("lv", "0.500"), ("fa", "1.000"), ("vi", "0.000")]
    assert [width for _, width, _ in found] == [BAR_WIDTH / 2, BAR_WIDTH, 0.0]


def test_percent_scale_clipping_and_missing_values():
    _, found = bars(bar_chart("t", [("a", 150.0), ("b", None), ("c", 25.0)], scale=100.0))
    assert found[0][1] == BAR_WIDTH  # clipped
    assert found[1][1:] == (0.0, "n/a")
    assert found[2][1:] == (BAR_WIDTH / 4, "25.0")


def test_labels_are_escaped():
    svg = bar_chart('<script>alert("t")</script>', [("<b>&", 0.3)])
    assert "<script>" not in svg and "<b>" not in svg
    _, found = bars(svg)  # still well-formed XML
    assert found[0][0] == "<b>&"
