"""CITATION.cff is valid CFF 1.2.0 for a dataset and agrees with citydiplo.release.meta."""

from __future__ import annotations

import re

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


def test_bibtex_names_the_version():
    entry = release.bibtex("9.9.9")
    assert re.match(r"@misc\{citydiplo\d{4},\n", entry)
    assert "version      = {9.9.9}" in entry and entry.count("{") == entry.count("}")
