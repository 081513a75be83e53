"""The gold is pinned: ``annotations/SHA256SUMS`` and the ``CHANGELOG.md`` entry of the data version.

``annotations/SHA256SUMS`` (``sha256sum`` format, like ``seeds/SHA256SUMS``) holds a
checksum of every gold ``.ann`` file, of every event-records file
(``records/<doc_id>.json``, GUIDELINES 3.2) and of the schema (``annotation.conf``,
``tools.conf``) as last released. ``CHANGELOG.md`` has one entry per data version, newest
first, each naming the checksum file it released::

    ## 0.1.0 - 2026-12-01

    Gold: sha256:<sha256 of annotations/SHA256SUMS>

A change to the gold (a PER turned ORG, a span moved) therefore fails ``bench validate``
(and ``bench build``, which runs it) until the checksum file is rewritten (``bench
pin-gold``), ``DATASET_VERSION`` is bumped and a ``CHANGELOG.md`` entry for the new
version names the new checksum file: a gold change can no longer pass silently.

The pin is mandatory in a release tree (a project with ``CHANGELOG.md``, or the copy
installed with the package): a missing ``SHA256SUMS`` is a problem, not a scratch
project. The digest each released version shipped is anchored in ``RELEASED_GOLD`` (and,
independently, in the test suite), where editing ``CHANGELOG.md`` or ``SHA256SUMS`` cannot
move it. ``pin_warning`` is what every command reading gold prints when the gold it reads
is not the pinned gold (results then record ``gold_pinned: false``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from citydiplo.errors import InputError
from citydiplo.files import read_bytes, read_text
from citydiplo.formats.doclevel import RECORDS_DIR
from citydiplo.version import DATASET_VERSION

SUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
SCHEMA_FILES = ("annotation.conf", "tools.conf")
_ENTRY = re.compile(r"^## +v?(\d+\.\d+\.\d+)\b.*$", re.M)
_GOLD = re.compile(r"^Gold: +sha256:([0-9a-f]{64})\s*$", re.M)


# The sha256 of annotations/SHA256SUMS each released data version shipped. A release adds
# one line here (and the same line in tests/test_user_data.py's RELEASED); it is never edited.
RELEASED_GOLD: dict[str, str] = {
    "0.1.0": "fc2e9213c92358413f42ad77fbe4fd7c06833148b74009b79d501db315ccf94b",
    "0.2.0": "8adfbd49decbdd2712b00d7d9fd92b384901fbfb4883fd72f034d3f063dabfc0",
    "0.3.0": "5881efaea0f8dbd304c649d96bb950c5eb820d796a624ae6ffdf9cac2f798727",
}


def is_release_tree(root: Path) -> bool:
    """A project whose gold must be pinned: it has a ``CHANGELOG.md`` (a checkout or a
    release), or it is the benchmark installed with the package."""
    from citydiplo.corpus.project import BUNDLE_DIR

    root = Path(root)
    if (root / CHANGELOG).exists() or (root / CHANGELOG).is_symlink():
        return True
    try:
        return root.resolve() == BUNDLE_DIR.resolve()
    except OSError:
        return False


def pinned_files(annotations_dir: Path) -> list[Path]:
    """The files the checksums cover: the schema, every gold ``.ann`` file and every
    event-records file (``records/<doc_id>.json``): the records are gold too."""
    files = [annotations_dir / n for n in SCHEMA_FILES if (annotations_dir / n).exists()]
    return files + sorted(annotations_dir.glob("*.ann")) + sorted((annotations_dir / RECORDS_DIR).glob("*.json"))


def pinned_name(path: Path, annotations_dir: Path) -> str:
    """A pinned file's name in ``SHA256SUMS``: its path under ``annotations/`` with ``/``."""
    return path.relative_to(annotations_dir).as_posix()


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except InputError as exc:  # a directory, a device, a link loop, too large: not a pinned file
        return f"unreadable ({exc.problem})"


def current_sums(annotations_dir: Path) -> dict[str, str]:
    return {pinned_name(p, annotations_dir): _digest(p) for p in pinned_files(annotations_dir)}


def render_sums(sums: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))


def read_sums(path: Path) -> dict[str, str]:
    """``name -> sha256`` from a checksum file; ``InputError`` naming a malformed line."""
    out: dict[str, str] = {}
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        m = re.fullmatch(rf"([0-9a-f]{{64}}) [ *]((?:{RECORDS_DIR}/)?[^/\\]+)", line)
        if not m or m.group(2) in out:
            raise InputError(str(path), lineno, "expected '<sha256>  <file name>', each file once")
        out[m.group(2)] = m.group(1)
    return out


@dataclass(frozen=True)
class Entry:
    """One CHANGELOG entry: the data version and the checksum file it released."""

    version: str
    gold: str | None
    line: int


def read_changelog(path: Path) -> list[Entry]:
    text = read_text(path)
    heads = list(_ENTRY.finditer(text))
    entries = []
    for i, head in enumerate(heads):
        body = text[head.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        gold = _GOLD.search(body)
        entries.append(Entry(head.group(1), gold.group(1) if gold else None, text.count("\n", 0, head.start()) + 1))
    return entries


@dataclass(frozen=True)
class PinProblem:
    path: str
    line: int
    message: str


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def check_pinned(root: Path, version: str = DATASET_VERSION) -> list[PinProblem]:
    """What differs from the last release: gold files changed, added or removed since
    ``annotations/SHA256SUMS``, and a checksum file or ``DATASET_VERSION`` without their
    ``CHANGELOG.md`` entry. Empty when nothing is pinned here (no checksum file: a scratch
    project) or everything agrees."""
    annotations = root / "annotations"
    sums_path = annotations / SUMS
    if not sums_path.exists() and not sums_path.is_symlink():
        if is_release_tree(root):
            return [PinProblem(str(sums_path), 0, f"missing: the gold of a release is pinned by {SUMS} (restore "
                                                  "it from the release; `bench pin-gold` only after a deliberate "
                                                  "gold change)")]
        return []
    where = str(sums_path)
    try:
        pinned = read_sums(sums_path)
    except InputError as exc:
        return [PinProblem(exc.path, exc.line, exc.problem)]
    problems = []
    now = current_sums(annotations)
    for name in sorted(set(pinned) | set(now)):
        if name not in now:
            problems.append(PinProblem(str(annotations / name), 0, f"removed since the last release "
                            f"(pinned in {SUMS}); a gold change needs a new DATASET_VERSION, `bench pin-gold` "
                            f"and a {CHANGELOG} entry"))
        elif name not in pinned:
            problems.append(PinProblem(str(annotations / name), 0, f"not in {SUMS}: added since the last release; "
                            f"a gold change needs a new DATASET_VERSION, `bench pin-gold` and a {CHANGELOG} entry"))
        elif pinned[name] != now[name]:
            shown = now[name] if now[name].startswith("unreadable") else now[name][:12] + "..."
            problems.append(PinProblem(str(annotations / name), 0, f"changed since the last release (sha256 "
                            f"{shown}, pinned {pinned[name][:12]}... in {SUMS}); a gold change needs "
                            f"a new DATASET_VERSION, `bench pin-gold` and a {CHANGELOG} entry"))
    try:
        digest = hashlib.sha256(read_bytes(sums_path)).hexdigest()
    except InputError as exc:
        return problems + [PinProblem(exc.path, exc.line, exc.problem)]
    released = RELEASED_GOLD.get(version)
    if released is not None and digest != released:
        problems.append(PinProblem(where, 0, f"is not the checksum file released as {version} (sha256 "
                                             f"{digest[:12]}..., released {released[:12]}...): the released gold "
                                             f"cannot change; a gold change needs a new DATASET_VERSION"))
    changelog = root / CHANGELOG
    if not changelog.exists():
        return problems
    try:
        entries = read_changelog(changelog)
    except InputError as exc:
        return problems + [PinProblem(exc.path, exc.line, exc.problem)]
    cl = str(changelog)
    for e in entries:
        if e.version in RELEASED_GOLD and e.gold != RELEASED_GOLD[e.version]:
            problems.append(PinProblem(cl, e.line, f"the {e.version} entry names gold sha256:{e.gold}, but "
                                                   f"{e.version} released sha256:{RELEASED_GOLD[e.version]}; "
                                                   "released entries are never edited"))
    listed = {e.version for e in entries}
    for v in sorted(set(RELEASED_GOLD) - listed, key=_key):
        problems.append(PinProblem(cl, 0, f"no entry for the released version {v}; released entries are never "
                                          "removed"))
    if not entries:
        return problems + [PinProblem(cl, 0, "no '## <version>' entry")]
    top = entries[0]
    if top.version != version:
        problems.append(PinProblem(cl, top.line, f"the newest entry is {top.version}, but DATASET_VERSION is "
                                                 f"{version} (benchmark/citydiplo/version.py); they change together"))
    elif top.gold != digest:
        problems.append(PinProblem(cl, top.line, f"the {version} entry does not name the gold it releases: "
                                                 f"'Gold: sha256:{digest}' ({where} now)"))
    seen: dict[str, str] = {}
    for a, b in zip(entries, entries[1:]):
        if _key(a.version) <= _key(b.version):
            problems.append(PinProblem(cl, a.line, f"entries go newest first: {a.version} above {b.version}"))
    for e in entries:
        if e.gold and e.gold in seen and seen[e.gold] != e.version:
            problems.append(PinProblem(cl, e.line, f"{e.version} names the same gold as {seen[e.gold]}: "
                                                   "a new version must release a new gold, or none"))
        seen.setdefault(e.gold or "", e.version)
    return problems


def pin(root: Path) -> tuple[Path, str]:
    """Rewrite ``annotations/SHA256SUMS`` from the gold now; its path and sha256."""
    from citydiplo.files import write_atomic

    annotations = root / "annotations"
    text = render_sums(current_sums(annotations))
    path = annotations / SUMS
    write_atomic(path, text)
    return path, hashlib.sha256(text.encode("utf-8")).hexdigest()


def pin_warning(root: Path) -> str | None:
    """What to warn about when a command reads gold that is not the pinned gold (None
    when it is): a scratch project without ``SHA256SUMS``, or gold that differs from it."""
    root = Path(root)
    problems = check_pinned(root)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more; `bench validate` lists them)" if len(problems) > 1 else ""
        where = f"{first.path}:{first.line}" if first.line else first.path
        return f"the gold is not the pinned gold: {where}: {first.message}{more}; results record gold_pinned: false"
    if not (root / "annotations" / SUMS).exists():
        return (f"the gold in {root / 'annotations'} is not pinned (no {SUMS}): it is not the released gold; "
                "results record gold_pinned: false")
    return None


def gold_pinned(root: Path) -> bool:
    """The gold under ``root`` is the pinned gold (``pin_warning`` has nothing to say)."""
    return pin_warning(root) is None
