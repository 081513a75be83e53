"""The gold is pinned (item 8): annotations/SHA256SUMS covers the gold and the schema, and
a change to either fails `bench validate` / `bench build` until the checksums, the
DATASET_VERSION and a CHANGELOG.md entry change with it."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from citydiplo.corpus.pinning import RELEASED_GOLD, check_pinned, current_sums, read_changelog, read_sums
from citydiplo.version import DATASET_VERSION
from fixtures import retype_in_every_version, run


def test_the_checksums_cover_exactly_the_gold_and_the_schema(root):
    pinned = read_sums(root / "annotations" / "SHA256SUMS")
    expected = {p.name for p in (root / "annotations").glob("*.ann")} | {"annotation.conf", "tools.conf"}
    expected |= {f"records/{p.name}" for p in (root / "annotations" / "records").glob("*.json")}  # records are gold
    assert set(pinned) == expected
    for name, digest in pinned.items():
        assert hashlib.sha256((root / "annotations" / name).read_bytes()).hexdigest() == digest, name


def test_the_changelog_releases_this_gold_under_the_dataset_version(root):
    entries = read_changelog(root / "CHANGELOG.md")
    assert entries[0].version == DATASET_VERSION
    assert entries[0].gold == hashlib.sha256((root / "annotations" / "SHA256SUMS").read_bytes()).hexdigest()
    assert check_pinned(root) == []


@pytest.fixture
def release(tmp_path, root) -> Path:
    """A copy of the project as released: corpus, seeds, gold, checksums, changelog."""
    for sub in ("seeds", "corpus"):
        shutil.copytree(root / sub, tmp_path / sub)
    (tmp_path / "annotations").mkdir()
    for p in (root / "annotations").iterdir():
        if p.is_file():
            shutil.copy(p, tmp_path / "annotations" / p.name)
    if (root / "annotations" / "records").is_dir():
        shutil.copytree(root / "annotations" / "records", tmp_path / "annotations" / "records")
    shutil.copytree(root / "annotations" / "parallel", tmp_path / "annotations" / "parallel")
    shutil.copy(root / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    return tmp_path


def swap_a_type(project: Path) -> list[Path]:
    """A silent PER -> ORG swap on one gold mention of 001-ru and of its translations: still
    valid data (the versions agree), only a gold change."""
    return retype_in_every_version(project, "001-ru", "PER", "ORG")


def test_a_silent_type_swap_fails_validate_and_build(release, tmp_path):
    assert run("validate", "--root", release).exit_code == 0
    changed = swap_a_type(release)
    assert len(changed) == 6  # 001-ru and its five translations
    result = run("validate", "--root", release)
    assert result.exit_code == 1
    assert all(f"{path}:0: changed since the last release" in result.output for path in changed)
    assert len(result.output.strip().splitlines()) == len(changed) + 1  # the problems and the count
    build = run("build", "--root", release, "--out", tmp_path / "ds")
    assert build.exit_code == 1 and "changed since the last release" in build.output
    assert not (tmp_path / "ds").exists()


def test_pinning_without_a_version_and_changelog_entry_still_fails(release):
    swap_a_type(release)
    assert run("pin-gold", "--root", release).exit_code == 0
    result = run("validate", "--root", release)
    assert result.exit_code == 1 and "CHANGELOG.md" in result.output and "does not name the gold" in result.output
    digest = hashlib.sha256((release / "annotations" / "SHA256SUMS").read_bytes()).hexdigest()
    log = release / "CHANGELOG.md"
    head, rest = log.read_text(encoding="utf-8").split("\n## ", 1)
    major, minor, _ = DATASET_VERSION.split(".")
    following = f"{major}.{int(minor) + 1}.0"
    log.write_text(f"{head}\n## {following} - 2027-01-01\n\nGold: sha256:{digest}\n\nPER -> ORG fix.\n\n## {rest}",
                   encoding="utf-8")
    problems = [p.message for p in check_pinned(release)]
    assert problems and any(f"DATASET_VERSION is {DATASET_VERSION}" in p for p in problems)  # not bumped
    newest = max(RELEASED_GOLD, key=lambda v: tuple(int(x) for x in v.split(".")))
    assert any(f"not the checksum file released as {newest}" in p.message
               for p in check_pinned(release, version=newest))  # a released version is anchored
    assert check_pinned(release, version=following) == []  # ... once it is, everything agrees


def test_added_and_removed_gold_files_are_reported(release):
    (release / "annotations" / "004-vi.ann").unlink()
    shutil.copy(release / "annotations" / "000-lv.ann", release / "annotations" / "005-xx.ann")
    messages = "\n".join(f"{p.path}: {p.message}" for p in check_pinned(release))
    assert "004-vi.ann: removed since the last release" in messages
    assert "005-xx.ann: not in SHA256SUMS" in messages


def test_a_new_entry_may_not_reuse_an_old_gold_and_entries_go_newest_first(release):
    log = release / "CHANGELOG.md"
    text = log.read_text(encoding="utf-8")
    gold = re.search(r"Gold: sha256:\w+", text).group(0)
    log.write_text(text.replace(f"## {DATASET_VERSION}", f"## 0.0.9 - 2026-11-01\n\n{gold}\n\n## {DATASET_VERSION}", 1),
                   encoding="utf-8")
    messages = [p.message for p in check_pinned(release, version="0.0.9")]
    assert any("newest first" in m for m in messages) and any("same gold" in m for m in messages)


def test_a_schema_change_is_a_gold_change(release):
    conf = release / "annotations" / "annotation.conf"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n# harmless?\n", encoding="utf-8")
    assert any(p.path.endswith("annotation.conf") for p in check_pinned(release))


def test_a_malformed_checksum_file_is_one_problem(release):
    (release / "annotations" / "SHA256SUMS").write_text("not a checksum\n", encoding="utf-8")
    result = run("validate", "--root", release)
    assert result.exit_code == 1 and "SHA256SUMS:1: expected '<sha256>  <file name>'" in result.output


def test_a_scratch_project_without_checksums_is_not_pinned(project):
    assert check_pinned(project) == [] and current_sums(project / "annotations")
