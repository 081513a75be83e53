"""Fixtures for every test: the project root and a throw-away copy of it for tests that write
(built by the shared ``tests/fixtures.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures import REPO, copy_project

ROOT = REPO


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of seeds/, corpus/ and the schema, with no gold annotations."""
    return copy_project(tmp_path)
