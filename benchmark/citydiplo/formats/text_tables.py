"""Plain-text and Markdown tables: the string builders every report shares."""

from __future__ import annotations


def _numeric(cell: object) -> bool:
    return isinstance(cell, int) or (isinstance(cell, str) and cell[:1].isdigit())


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    """A GitHub-flavoured Markdown table; count columns right-aligned."""
    align = ["---:" if rows and all(_numeric(r[i]) for r in rows) else "---"
             for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(headers: list[str], rows: list[list[object]], markdown: bool = False) -> str:
    """A table for the terminal (columns padded) or, with ``markdown``, for Markdown."""
    if markdown:
        return markdown_table(headers, rows)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))]
                     + [fmt.format(*(str(c) for c in r)) for r in rows])


def pct(x: float) -> str:
    """A share as a percentage with one decimal (0.374 -> "37.4")."""
    return f"{100 * x:.1f}"
