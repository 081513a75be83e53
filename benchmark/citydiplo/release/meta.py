"""What a CityDiplo release says about itself: name, licences, creators, citation.

The dataset card, the Croissant metadata and the publish command all read these
constants, and ``tests`` check that CITATION.cff agrees with them.
"""

from __future__ import annotations

from citydiplo.version import DATASET_VERSION

PRETTY_NAME = "CityDiplo"
TITLE = "CityDiplo: A Multilingual Benchmark for City-Diplomacy Event Extraction"
CREATOR = "The CityDiplo team"
# MAINTAINERS: the release date is a placeholder until the first public release.
DATE_RELEASED = "2026-12-04"
YEAR = int(DATE_RELEASED[:4])
# The Hub licence is ``other``: the annotations are CC BY 4.0 but the article texts in the
# `documents` config are not ours to license; LICENSE.md of the built dataset says which is which.
LICENSE = "other"
LICENSE_NAME = "cc-by-4.0-annotations-publisher-copyright-texts"
LICENSE_LINK = "LICENSE.md"
LICENSE_SPDX = "CC-BY-4.0"  # the annotations' licence (CITATION.cff)
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# MAINTAINERS: placeholder until the first public release. CITATION.cff carries the same
# values as this module (tests/dataset/test_citation.py checks that they agree).
REPOSITORY_CODE = "https://github.com/citydiplo/citydiplo"
CONTACT = f"{REPOSITORY_CODE}/issues"
BIBTEX_KEY = f"citydiplo{YEAR}"
KEYWORDS = (
    "city diplomacy", "paradiplomacy", "sister cities", "event extraction",
    "named entity recognition", "nested NER", "multilingual",
)
DESCRIPTION = (
    "CityDiplo is a small multilingual evaluation set for city-diplomacy information extraction: "
    "news articles in Latvian, Russian, Persian, Ukrainian and Vietnamese about cities meeting, "
    "visiting, agreeing, giving aid, inviting and cooperating, annotated in two independent, adjudicated "
    "passes with nested named "
    "entities (normalised to GeoNames and ISO 3166), city-diplomacy events with realis and arguments, "
    "and partner-city relations."
)
PROVENANCE = (
    "The annotations were made by AI language-model sessions, not by people: two independent passes p"
    "er document under the written guidelines (annotations/GUIDELINES.md) and an adjudication of ever"
    "y disagreement by a third session, each decision logged in annotations/ADJUDICATION.md; they wer"
    "e checked by bench validate against the schema and the source texts and by the agreement between"
    " the passes, which shows that the guidelines are applied consistently but not that human experts"
    " would agree, so treat the gold as the guidelines' reading of the texts and check a sample yours"
    "elf before drawing conclusions that depend on fine distinctions."
)
"""Who or what annotated, how it was checked, what that means: one sentence, the same in the
README, the dataset card, DATASHEET.md and CITATION.cff (a test checks all four)."""
TRANSLATION_PROVENANCE = (
    "Every article exists in all six languages, the five originals and 25 translations (five into "
    "English, twenty into the other corpus languages); the translations were made by AI "
    "language-model sessions, not by people: each was translated directly from its original language, "
    "not through English or another translation, sentence by sentence by one session under written "
    "instructions and reviewed against the original, the original's gold was projected onto it under "
    "the written guidelines (annotations/GUIDELINES.md, part 4), and another session made an "
    "independent second reading of the projection (annotations/parallel/<language>/AGREEMENT.md); no "
    "human translator or annotator was involved, so treat them as AI-made translations of the "
    "articles, not as independent news text in their languages."
)
"""Who or what translated and projected, the same way: one sentence in the README, the dataset
card and DATASHEET.md (a test checks all three)."""
LICENSE_TEXT = (
    "The annotations, the dataset card and the metadata are released under the Creative Commons "
    "Attribution 4.0 International licence (CC BY 4.0); the code that builds and scores the "
    "dataset is under the MIT licence. The text of the source articles is not ours: its copyright "
    "stays with the original publishers (named per document, where known, in the `documents` config). It is "
    "included, cleaned but otherwise unchanged, only so that the annotations can be used for "
    "research; CC BY 4.0 does not extend to it. The translations (into English and into the other "
    "corpus languages) are translations of those articles, derived from them: their text has the same status as the original's (the publishers' "
    "rights in the article extend to it, and CC BY 4.0 covers only their annotations). A rights holder "
    "who wants an article removed can ask through the project's issue tracker, and it will be removed, "
    "with its translations, in the next version."
)


def bibtex(version: str = DATASET_VERSION) -> str:
    """The BibTeX entry to cite a version of the dataset."""
    month = int(DATE_RELEASED.split("-")[1])
    return (
        f"@misc{{{BIBTEX_KEY},\n"
        f"  title        = {{{{CityDiplo}}: A Multilingual Benchmark for City-Diplomacy Event Extraction}},\n"
        f"  author       = {{{{{CREATOR}}}}},\n"
        f"  year         = {{{YEAR}}},\n"
        f"  month        = {{{month}}},\n"
        f"  version      = {{{version}}},\n"
        f"  url          = {{{REPOSITORY_CODE}}},\n"
        f"  howpublished = {{Dataset, version {version}}},\n"
        f"  note         = {{Annotations CC BY 4.0; code MIT}}\n"
        f"}}\n"
    )
