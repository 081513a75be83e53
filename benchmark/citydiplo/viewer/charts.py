"""Horizontal bar charts as inline SVG strings: no JavaScript, no external resources.

Labels and titles are HTML-escaped, so a chart can be pasted into a page as it is.
"""

from __future__ import annotations

from html import escape
from typing import Optional, Sequence, Union

Bar = Union[tuple[str, Optional[float]], tuple[str, Optional[float], Optional[tuple[float, float]]]]

BAR_HEIGHT = 18
GAP = 6
CHAR_WIDTH = 7.2  # px per character of a 12px label, generous for Latin and Cyrillic lower case
WIDE_CHAR_WIDTH = 8.8  # px per capital letter or digit of a 12px DejaVu Sans label
MIN_LABEL_WIDTH, MAX_LABEL_WIDTH = 50, 240
BAR_WIDTH = 260
VALUE_WIDTH = 56
TITLE_HEIGHT = 24


def _fmt(value: Optional[float], scale: float) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if scale > 1 else f"{value:.3f}"


def text_width(text: str) -> float:
    """Estimated width of a 12px label (no font metrics available: per-character widths)."""
    return sum(WIDE_CHAR_WIDTH if c.isupper() or c.isdigit() else CHAR_WIDTH for c in text)


def label_width_for(labels: Sequence[str]) -> int:
    """Room for the longest label."""
    longest = max((text_width(label) for label in labels), default=0.0)
    return int(max(MIN_LABEL_WIDTH, min(MAX_LABEL_WIDTH, longest + 14)))


def bar_chart(title: str, values: Sequence[Bar], scale: float = 1.0) -> str:
    """An SVG of one bar per ``(label, value)`` or ``(label, value, (low, high))``; ``scale``
    is the value of a full bar; ``(low, high)``, a 95% confidence interval, is drawn as a whisker.

    ``None`` values draw no bar and read "n/a"; values are clipped to ``[0, scale]``.
    """
    label_width = label_width_for([v[0] for v in values])
    width = max(label_width + BAR_WIDTH + VALUE_WIDTH, int(text_width(title) * 1.08) + 4)
    height = TITLE_HEIGHT + len(values) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
        f'<line x1="{label_width}" y1="{TITLE_HEIGHT - 2}" x2="{label_width}" y2="{height}" class="axis"/>',
    ]
    def x_of(v: float) -> float:
        return label_width + max(0.0, min(1.0, v / scale)) * BAR_WIDTH

    for i, bar in enumerate(values):
        label, value = bar[0], bar[1]
        ci = bar[2] if len(bar) > 2 else None
        y = TITLE_HEIGHT + i * (BAR_HEIGHT + GAP)
        length = 0.0 if value is None else x_of(value) - label_width
        text = _fmt(value, scale)
        tip = f"{label}: {text}" + (f" (95% CI {_fmt(ci[0], scale)}–{_fmt(ci[1], scale)})" if ci else "")
        whisker = ""
        end = label_width + length
        if ci is not None and value is not None:
            lo, hi, mid = x_of(ci[0]), x_of(ci[1]), y + BAR_HEIGHT / 2
            whisker = (f'<path class="ci" data-low="{escape(_fmt(ci[0], scale))}" data-high="{escape(_fmt(ci[1], scale))}" '
                       f'd="M{lo:.1f} {mid:.1f}H{hi:.1f}M{lo:.1f} {y + 4}V{y + BAR_HEIGHT - 4}'
                       f'M{hi:.1f} {y + 4}V{y + BAR_HEIGHT - 4}"/>')
            end = max(end, hi)
        parts.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{escape(text)}">'
            f'<text x="{label_width - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}">'
            f"<title>{escape(tip)}</title></rect>{whisker}"
            f'<text x="{end + 4:.1f}" y="{y + BAR_HEIGHT - 5}" class="value">{escape(text)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)
