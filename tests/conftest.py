"""Shared fixtures: the project root and a throw-away copy of it for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of seeds/, corpus/ and the schema, with no gold annotations."""
    for sub in ("seeds", "corpus"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    (tmp_path / "annotations").mkdir()
    for name in ("annotation.conf", "tools.conf", "visual.conf"):
        shutil.copy(ROOT / "annotations" / name, tmp_path / "annotations" / name)
    return tmp_path
