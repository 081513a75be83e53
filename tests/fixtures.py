"""Shared test fixtures: a throw-away copy of the project, and a ``.ann`` writer that takes
surface strings (so that no offset is ever typed by hand).

Every test module that needs a project copy or hand-made gold uses these two, instead of
its own copy of the project and its own ``.ann`` writer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILES = ("annotation.conf", "tools.conf", "visual.conf")


def copy_project(dst: Path) -> Path:
    """``seeds/``, ``corpus/`` and the schema copied into ``dst``, with no gold annotations."""
    dst = Path(dst)
    for sub in ("seeds", "corpus"):
        shutil.copytree(REPO / sub, dst / sub)
    (dst / "annotations").mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_FILES:
        shutil.copy(REPO / "annotations" / name, dst / "annotations" / name)
    return dst


def find(text: str, needle: str, nth: int = 1, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``needle`` in ``text[start:end]`` (raises if absent)."""
    pos = start - 1
    for _ in range(nth):
        pos = text.index(needle, pos + 1, len(text) if end is None else end)
    return pos, pos + len(needle)


class Ann:
    """Builds the lines of a ``.ann`` file from surface strings.

    ``t(type, needle)`` takes the first occurrence not used yet by another mention (so
    repeated calls walk through the text); ``nth`` picks an occurrence explicitly and
    ``sentence`` (a ``Sentence``) limits the search to it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.used: set[tuple[int, int]] = set()
        self.n = {"T": 0, "E": 0, "A": 0, "R": 0, "N": 0}

    def _id(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def t(self, type_: str, needle: str, nth: int | None = None, norm: str | None = None, sentence=None) -> str:
        lo, hi = (sentence.start, sentence.end) if sentence is not None else (0, None)
        if nth is not None:
            start, end = find(self.text, needle, nth, lo, hi)
        else:
            k = 1
            while (span := find(self.text, needle, k, lo, hi)) in self.used:
                k += 1
            start, end = span
        self.used.add((start, end))
        ident = self._id("T")
        self.lines.append(f"{ident}\t{type_} {start} {end}\t{needle}")
        if norm:
            self.lines.append(f"{self._id('N')}\tReference {ident} {norm}\t{needle}")
        return ident

    def e(self, type_: str, trigger: str, args: list[tuple[str, str]] = (), realis: str = "ACTUAL") -> str:
        ident = self._id("E")
        self.lines.append(f"{ident}\t{type_}:{trigger}" + "".join(f" {r}:{x}" for r, x in args))
        self.lines.append(f"{self._id('A')}\tRealis {ident} {realis}")
        return ident

    def r(self, arg1: str, arg2: str, status: str) -> str:
        ident = self._id("R")
        self.lines.append(f"{ident}\tPARTNER_OF Arg1:{arg1} Arg2:{arg2}")
        self.lines.append(f"{self._id('A')}\tStatus {ident} {status}")
        return ident

    def raw(self, line: str) -> None:
        """A line written as is (an id scheme a test wants to control)."""
        self.lines.append(line)

    def content(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def write(self, path: Path) -> Path:
        Path(path).write_text(self.content(), encoding="utf-8")
        return Path(path)


def run(*args: object):
    """``bench ARGS...`` in-process (click's runner); the result has ``exit_code`` and ``output``."""
    from click.testing import CliRunner

    from citydiplo.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


PREDICTION_FORMATS = ("tokens", "chars", "brat", "strings")


def export_gold(base: Path) -> dict[str, Path]:
    """The gold written by ``bench gold-predictions`` in every prediction format, below ``base``."""
    out = {}
    for fmt in PREDICTION_FORMATS:
        out[fmt] = base / f"gold-{fmt}"
        res = run("gold-predictions", "--format", fmt, "--out", out[fmt])
        assert res.exit_code == 0, res.output
    return out


def evaluate_json(path: object, *extra: object) -> dict:
    """``bench evaluate PATH --format json`` (100 bootstrap samples), which must succeed, as the results dict."""
    import json

    res = run("evaluate", path, "--format", "json", "--samples", 100, *extra)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def without_warnings(output: str) -> str:
    """A command's output less its ``warning:`` lines (e.g. that a scratch project's gold
    is not the pinned gold), so that a test can check that the rest is one ``error:`` line."""
    return "".join(line for line in output.splitlines(keepends=True) if not line.startswith("warning: "))


def copy_release(dst: Path) -> Path:
    """The project as released, copied into ``dst``: seeds, corpus, the gold with its
    checksums and schema, ``CHANGELOG.md`` and the committed ``results/`` (no passes)."""
    dst = Path(dst)
    for sub in ("seeds", "corpus", "results"):
        shutil.copytree(REPO / sub, dst / sub)
    (dst / "annotations").mkdir(parents=True, exist_ok=True)
    for p in (REPO / "annotations").iterdir():
        if p.is_file():
            shutil.copy(p, dst / "annotations" / p.name)
    shutil.copytree(REPO / "annotations" / "parallel", dst / "annotations" / "parallel")  # the translations' losses
    shutil.copy(REPO / "CHANGELOG.md", dst / "CHANGELOG.md")
    return dst


def retype_in_every_version(root: Path, doc_id: str = "001-ru", old: str = "PER", new: str = "ORG") -> list[Path]:
    """A silent ``old`` -> ``new`` swap on the first such gold mention of ``doc_id``, made the
    same in every version of its article (the translations keep the original's ids): still
    valid data, only a gold change. The ``.ann`` files changed, the original first."""
    path = Path(root) / "annotations" / f"{doc_id}.ann"
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^(T\d+)\t{old} ", text, flags=re.M)
    assert found, f"no {old} mention in {path}"
    changed = []
    for ann in [path, *sorted(path.parent.glob(f"{doc_id.split('-')[0]}-*.ann"))]:
        if ann in changed:
            continue
        content = ann.read_text(encoding="utf-8")
        swapped = re.sub(rf"^({found.group(1)}\t){old} ", rf"\g<1>{new} ", content, count=1, flags=re.M)
        if swapped != content:
            ann.write_text(swapped, encoding="utf-8")
            changed.append(ann)
    return changed
