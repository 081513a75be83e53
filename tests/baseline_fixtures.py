"""Helpers for the baseline tests: hand-made gold in a throw-away project copy."""

from __future__ import annotations

from pathlib import Path


def write_ann(project: Path, doc_id: str, mentions: list[tuple[str, str]],
              events: list[tuple[str, str, str]] = ()) -> None:
    """Write ``annotations/<doc_id>.ann``: entity mentions (type, surface; first occurrence
    not yet used) and events (type, trigger surface, realis) found in the document text."""
    text = (project / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8")
    used: set[int] = set()
    lines, t = [], 0

    def place(surface: str) -> int:
        start = text.find(surface)
        while start in used:
            start = text.find(surface, start + 1)
        assert start >= 0, (doc_id, surface)
        used.add(start)
        return start

    for etype, surface in mentions:
        start = place(surface)
        t += 1
        lines.append(f"T{t}\t{etype} {start} {start + len(surface)}\t{surface}")
    for k, (etype, surface, realis) in enumerate(events, 1):
        start = place(surface)
        t += 1
        lines.append(f"T{t}\t{etype} {start} {start + len(surface)}\t{surface}")
        lines.append(f"E{k}\t{etype}:T{t}")
        lines.append(f"A{k}\tRealis E{k} {realis}")
    (project / "annotations" / f"{doc_id}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def small_gold(project: Path) -> Path:
    """Entity (and a few event) annotations for three documents of the project copy."""
    write_ann(project, "000-lv", [("CITY", "Daugavpils"), ("CITY", "Harbinas"), ("DATE", "12. augustā")],
              [("MEET", "tikās", "ACTUAL")])
    write_ann(project, "001-ru", [("CITY", "Хэйхэ"), ("CITY", "Южно-Сахалинске")], [("VISIT", "посетили", "ACTUAL")])
    write_ann(project, "003-uk", [("CITY", "Кам’янське"), ("CITY", "Вупперталь"), ("PER", "Андрій Білоусов")],
              [("VISIT", "візитом", "ACTUAL")])
    return project
