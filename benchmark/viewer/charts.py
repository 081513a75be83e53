"""Horizontal bar charts as inline SVG strings: no JavaScript, no external resources.

Labels and titles are HTML-escaped, so a chart can be pasted into a page as it is.
"""

from __future__ import annotations

from html import escape
from typing import Optional, Sequence

BAR_HEIGHT = 18
GAP = 6
CHAR_WIDTH = 7.2  # px per character of a 12px label, generous for Latin and Cyrillic
MIN_LABEL_WIDTH, MAX_LABEL_WIDTH = 50, 240
BAR_WIDTH = 260
VALUE_WIDTH = 56
TITLE_HEIGHT = 24


def _fmt(value: Optional[float], scale: float) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if scale > 1 else f"{value:.3f}"


def label_width_for(labels: Sequence[str]) -> int:
    """Room for the longest label (no font metrics available: a per-character estimate)."""
    longest = max((len(label) for label in labels), default=0)
    return int(max(MIN_LABEL_WIDTH, min(MAX_LABEL_WIDTH, longest * CHAR_WIDTH + 10)))


def bar_chart(title: str, values: Sequence[tuple[str, Optional[float]]], scale: float = 1.0) -> str:
    """An SVG of one bar per ``(label, value)``; ``scale`` is the value of a full bar.

    ``None`` values draw no bar and read "n/a"; values are clipped to ``[0, scale]``.
    """
    label_width = label_width_for([label for label, _ in values])
    width = max(label_width + BAR_WIDTH + VALUE_WIDTH, int(len(title) * CHAR_WIDTH * 1.05))
    height = TITLE_HEIGHT + len(values) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
        f'<line x1="{label_width}" y1="{TITLE_HEIGHT - 2}" x2="{label_width}" y2="{height}" class="axis"/>',
    ]
    for i, (label, value) in enumerate(values):
        y = TITLE_HEIGHT + i * (BAR_HEIGHT + GAP)
        length = 0.0 if value is None else max(0.0, min(1.0, value / scale)) * BAR_WIDTH
        text = _fmt(value, scale)
        parts.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{escape(text)}">'
            f'<text x="{label_width - 6}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}">'
            f"<title>{escape(label)}: {escape(text)}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" class="value">{escape(text)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)
