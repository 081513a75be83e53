"""Where the benchmark's files are: the project root, and the data version they make.

A *project* is a directory laid out like this repository (``seeds/``, ``corpus/``,
``annotations/``, ``dataset/``). Which one is used, in this order:

1. the ``root`` a caller passes (``bench --root DIR``);
2. ``$CITYDIPLO_ROOT``;
3. the checkout this package runs from (an editable install), so that editing
   ``annotations/`` in a clone is what ``bench`` sees;
4. the copy of the benchmark inside the installed package (``citydiplo/bundle``), so that
   a wheel installed anywhere evaluates offline.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from citydiplo.errors import InputError
from citydiplo.files import read_bytes

ROOT_ENV = "CITYDIPLO_ROOT"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # .../citydiplo
BUNDLE_DIR = PACKAGE_DIR / "bundle"


def is_project(path: Path) -> bool:
    """A directory holding a corpus recipe and an annotation schema."""
    return (path / "corpus" / "recipe.json").is_file() and (path / "annotations" / "annotation.conf").is_file()


def is_bundle(path: Path) -> bool:
    """The copy of the benchmark installed with the package (read-only data, not a checkout)."""
    try:
        return Path(path).resolve() == BUNDLE_DIR.resolve()
    except OSError:
        return False


def checkout_root() -> Path | None:
    """The repository this package was imported from, when it runs from a checkout."""
    candidate = PACKAGE_DIR.parent.parent  # benchmark/citydiplo -> the repository
    return candidate if is_project(candidate) else None


def project_root(root: Path | str | None = None) -> Path:
    """The project directory to read (see the module docstring for the order)."""
    if root:
        return Path(root)
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env)
    found = checkout_root()
    if found is not None:
        return found
    if is_project(BUNDLE_DIR):
        return BUNDLE_DIR
    raise InputError(str(BUNDLE_DIR), 0, "no CityDiplo project found: pass --root DIR or set $CITYDIPLO_ROOT")


def sha256_text(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(root: Path | None = None, exclude: Iterable[str] = ()) -> str:
    """sha256 over the corpus texts, their metadata and the gold annotations: the data
    version that results name. ``exclude``: document ids whose files are left out (the
    default track's hash leaves out the translations, so that it is the hash of the
    documents it scores)."""
    root = project_root(root)
    digest = hashlib.sha256()
    files = sorted((root / "corpus").glob("*.txt")) + sorted((root / "corpus").glob("*.json"))
    files += sorted((root / "annotations").glob("*.ann")) + [root / "annotations" / "annotation.conf"]
    left_out = set(exclude)
    for path in files:
        if path.stem in left_out and path.suffix in (".txt", ".json", ".ann"):
            continue
        if path.exists():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + read_bytes(path) + b"\0")
    return digest.hexdigest()
