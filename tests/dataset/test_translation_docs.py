"""What the release says about the translations: one provenance sentence in README, card and
datasheet; the losses table read strictly from LOSSES.tsv and shown as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citydiplo.errors import InputError
from citydiplo.release import meta
from citydiplo.release.translations import loss_tables, losses_block, losses_markdown, read_losses

REPO = Path(__file__).resolve().parents[2]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_one_translation_provenance_sentence_in_readme_card_and_datasheet():
    sentence = _flat(meta.TRANSLATION_PROVENANCE)
    assert "AI language-model sessions, not by people" in sentence and "not as independent news text" in sentence
    assert "25 translations" in sentence and "not through English" in sentence
    for name in ("README.md", "dataset/README.md", "DATASHEET.md"):
        assert sentence in _flat((REPO / name).read_text(encoding="utf-8")), f"{name} lacks the translation provenance"


def test_the_licence_names_the_translations():
    assert "The translations (into English and into the other corpus languages) are translations of those" \
        " articles" in meta.LICENSE_TEXT
    assert _flat(meta.LICENSE_TEXT) in _flat((REPO / "dataset" / "LICENSE.md").read_text(encoding="utf-8"))


HEADER = "doc\tkind\toriginal\tlost\tprojected\tlost_ids\n"


def test_losses_are_summed_per_kind_with_the_lost_ids(tmp_path):
    path = tmp_path / "LOSSES.tsv"
    path.write_text(HEADER + "000-en\tentity\t5\t1\t4\tT3\n001-en\tentity\t3\t2\t1\tT1 T9\n"
                    "000-en\tevent\t2\t0\t2\t\n", encoding="utf-8")
    table = losses_markdown(read_losses(path))
    assert "| entity | 8 | 3 | 5 | 000-en: T3; 001-en: T1 T9 |" in table
    assert "| event | 2 | 0 | 2 | — |" in table
    assert "| **all** | 10 | 3 | 7 | 2 document(s) |" in table


def test_lost_ids_are_read_comma_separated_as_the_projection_tool_writes_them(tmp_path):
    path = tmp_path / "LOSSES.tsv"
    path.write_text(HEADER + "000-ru\tentity\t43\t3\t40\tT27,T29,T31\n", encoding="utf-8")
    (row,) = read_losses(path)
    assert row.lost_ids == ("T27", "T29", "T31")
    assert "000-ru: T27 T29 T31" in losses_markdown([row])


@pytest.mark.parametrize("content, line, message", [
    ("doc\tkind\n", 1, "header"),
    (HEADER + "000-en\tentity\t5\t1\t4\n", 2, r"expected 6 tab-separated cells, found 5"),
    (HEADER + "000-en\tentity\tfive\t1\t4\tT3\n", 2, "whole numbers"),
    (HEADER + "000-en\tentity\t5\t1\t3\tT3\n", 2, "do not add up"),
    (HEADER + "000-en\tentity\t5\t1\t4\t\n", 2, "do not add up"),
])
def test_a_broken_losses_table_is_an_error_naming_the_line(tmp_path, content, line, message):
    path = tmp_path / "LOSSES.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_losses(path)
    assert err.value.line == line


def test_the_committed_losses_are_what_the_datasheet_and_card_show():
    tables = loss_tables(REPO)
    assert [p.parent.name for p in tables] == ["en", "fa", "lv", "ru", "uk", "vi"]
    table = losses_markdown([row for path in tables for row in read_losses(path)])
    assert "| **all** | 3970 | 6 | 3964 | 25 document(s) |" in table
    assert "| entity | 1195 | 3 | 1192 | 000-ru: T27 T29 T31 |" in table
    assert "| normalisation | 530 | 3 | 527 | 000-ru: N9 N10 N11 |" in table
    assert table in (REPO / "DATASHEET.md").read_text(encoding="utf-8")
    assert table in (REPO / "dataset" / "README.md").read_text(encoding="utf-8")
    assert losses_block(REPO / "nowhere").startswith("No translation in this build")
