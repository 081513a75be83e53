"""Helpers for the baseline tests: hand-made gold in a throw-away project copy."""

from __future__ import annotations

from pathlib import Path

from fixtures import Ann


def write_ann(project: Path, doc_id: str, mentions: list[tuple[str, str]],
              events: list[tuple[str, str, str]] = ()) -> None:
    """Write ``annotations/<doc_id>.ann``: entity mentions (type, surface; first occurrence
    not yet used) and events (type, trigger surface, realis) found in the document text."""
    ann = Ann((project / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    for etype, surface in mentions:
        ann.t(etype, surface)
    for etype, surface, realis in events:
        ann.e(etype, ann.t(etype, surface), realis=realis)
    ann.write(project / "annotations" / f"{doc_id}.ann")


def small_gold(project: Path) -> Path:
    """Entity (and a few event) annotations for three documents of the project copy."""
    write_ann(project, "000-lv", [("CITY", "Daugavpils"), ("CITY", "Harbinas"), ("DATE", "12. augustā")],
              [("MEET", "tikās", "ACTUAL")])
    write_ann(project, "001-ru", [("CITY", "Хэйхэ"), ("CITY", "Южно-Сахалинске")], [("VISIT", "посетили", "ACTUAL")])
    write_ann(project, "003-uk", [("CITY", "Кам’янське"), ("CITY", "Вупперталь"), ("PER", "Андрій Білоусов")],
              [("VISIT", "візитом", "ACTUAL")])
    return project
