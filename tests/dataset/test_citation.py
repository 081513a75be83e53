"""CITATION.cff is valid CFF 1.2.0 for a dataset and agrees with citydiplo.release.meta."""

from __future__ import annotations

import re

import pytest
import yaml

from citydiplo.version import DATASET_VERSION

from citydiplo.release import meta as release

REQUIRED = {"cff-version", "message", "title", "authors"}
KNOWN = REQUIRED | {"type", "version", "license", "abstract", "keywords", "doi", "date-released",
                    "repository-code", "url", "identifiers", "preferred-citation", "references", "commit",
                    "contact", "license-url", "repository", "repository-artifact"}


def test_citation_cff(root):
    text = (root / "CITATION.cff").read_text(encoding="utf-8")
    cff = yaml.safe_load(text)
    assert REQUIRED <= set(cff) and set(cff) <= KNOWN, set(cff) - KNOWN
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert cff["version"] == DATASET_VERSION and isinstance(cff["version"], str)
    assert cff["title"] == release.TITLE
    assert cff["license"] == release.LICENSE_SPDX
    assert cff["authors"] and all(set(a) & {"name", "family-names"} for a in cff["authors"])
    assert [a.get("name") for a in cff["authors"]] == [release.CREATOR]
    assert cff["keywords"] == list(release.KEYWORDS)
    assert all(isinstance(k, str) and k for k in cff["keywords"])


def _bibtex_fields(entry: str) -> tuple[str, dict[str, str]]:
    """(key, field -> value without protective braces) of one BibTeX entry."""
    key = re.match(r"@\w+\{([^,]+),", entry).group(1)
    fields = {m.group(1).lower(): m.group(2).replace("{", "").replace("}", "")
              for m in re.finditer(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", entry, re.M)}
    return key, fields


def test_citation_cff_names_release_date_repository_and_preferred_citation(root):
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["date-released"] == release.DATE_RELEASED and int(release.DATE_RELEASED[:4]) == release.YEAR
    assert cff["repository-code"] == release.REPOSITORY_CODE
    pref = cff["preferred-citation"]
    assert pref["title"] == release.TITLE and pref["version"] == DATASET_VERSION
    assert pref["year"] == release.YEAR and pref["repository-code"] == release.REPOSITORY_CODE
    assert "MAINTAINERS" in (root / "CITATION.cff").read_text(encoding="utf-8"), "placeholders must stay marked"


def test_cffconvert_gives_the_readme_bibtex(root):
    """cffconvert's BibTeX of CITATION.cff agrees, field by field, with the README's entry.

    cffconvert 2.0 pins jsonschema<4, which the test extra cannot share (see pyproject.toml):
    install it beside with `pip install --no-deps cffconvert==2.0.0 pykwalify`."""
    pytest.importorskip("cffconvert", reason="cffconvert is installed apart (pip install --no-deps cffconvert)")
    from cffconvert.cli.create_citation import create_citation

    readme = (root / "README.md").read_text(encoding="utf-8")
    entry = release.bibtex(DATASET_VERSION)
    assert entry in readme, "README's BibTeX entry must be citydiplo.release.meta.bibtex()"
    citation = create_citation(str(root / "CITATION.cff"), None)
    citation.validate()
    key, converted = _bibtex_fields(citation.as_bibtex(reference=release.BIBTEX_KEY))
    ours_key, ours = _bibtex_fields(entry)
    assert key == ours_key == release.BIBTEX_KEY
    assert set(converted) == {"author", "month", "title", "url", "year"}
    assert {k: ours.get(k) for k in converted} == converted
    assert converted["year"] == str(release.YEAR)
    # cffconvert's BibTeX has no version field; its APA line carries it.
    apa = citation.as_apalike()
    assert f"({release.YEAR})" in apa and f"(version {DATASET_VERSION})" in apa and ours["version"] == DATASET_VERSION


def test_bibtex_names_the_version():
    entry = release.bibtex("9.9.9")
    assert re.match(r"@misc\{citydiplo\d{4},\n", entry)
    assert "version      = {9.9.9}" in entry and entry.count("{") == entry.count("}")
