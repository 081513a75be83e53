"""DATASHEET.md: its generated blocks are up to date and come from the data."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from citydiplo.cli import main
from citydiplo.text import replace_block
from citydiplo.release.datasheet import GENERATED, render
from citydiplo.errors import InputError

QUESTIONS = (  # one per section of Gebru et al., as a sanity check that the sections exist
    "For what purpose was the dataset created?",
    "What do the instances represent?",
    "How was the data associated with each instance acquired?",
    "Was any preprocessing/cleaning/labelling of the data done?",
    "Are there tasks for which the dataset should not be used?",
    "How will the dataset be distributed?",
    "How can the owner/curator/manager of the dataset be contacted?",
)


def test_replace_block_keeps_everything_else():
    text = "a\n<!-- x:start -->\nold\n<!-- x:end -->\nb\n<!-- y:start -->keep<!-- y:end -->\n"
    assert replace_block(text, "x", "new", "f.md") == "a\n<!-- x:start -->\nnew\n<!-- x:end -->\nb\n" \
                                              "<!-- y:start -->keep<!-- y:end -->\n"
    with pytest.raises(InputError, match="exactly one"):
        replace_block("no markers", "x", "new", "f.md")
    with pytest.raises(InputError, match="exactly one"):
        replace_block("<!-- x:end --><!-- x:start -->", "x", "new", "f.md")


def test_committed_datasheet_is_up_to_date(root):
    path, text = render(root)
    assert path.read_text(encoding="utf-8") == text, "DATASHEET.md is stale: run `bench datasheet` and commit it"
    for question in QUESTIONS:
        assert question in text
    assert text.count("<!-- agreement:start -->") == 1 and text.count("<!-- agreement:end -->") == 1


def test_blocks_are_generated_from_the_data(gold_project, root, tmp_path):
    copy = tmp_path / "p"
    shutil.copytree(gold_project, copy)
    sheet = (root / "DATASHEET.md").read_text(encoding="utf-8")
    agreement = sheet[sheet.index("<!-- agreement:start -->"):sheet.index("<!-- agreement:end -->")]
    (copy / "DATASHEET.md").write_text(sheet, encoding="utf-8")
    _, text = render(copy)
    assert "annotated and released: 3 (not yet annotated, left out: 001-ru, 002-fa)" in text
    assert "| **all** | 3 | 41 | 1213 | 18 | 2 | 4 | 7 | 2 |" in text  # docs, sentences, tokens, mentions...
    assert "| lv | 2 | 1 | 0 | 0 | 0 | 0 |" in text  # events per type: MEET 2, VISIT 1
    assert "| **all** | 5 | 74 | 2301 | 12644 |" in text  # whole corpus
    assert "| `003-uk` | 16–53 | 1229 | the site's list of unrelated 'Recent Posts'" in text
    assert "Nothing was removed from `001-ru`." in text
    assert agreement in text, "the agreement block is the maintainers', never rewritten"
    for name in GENERATED:
        assert text.count(f"<!-- {name}:start -->") == 1


def test_bench_datasheet_rewrites_and_checks(gold_project, root, tmp_path):
    copy = tmp_path / "p"
    shutil.copytree(gold_project, copy)
    shutil.copy(root / "DATASHEET.md", copy / "DATASHEET.md")
    runner = CliRunner()
    stale = runner.invoke(main, ["datasheet", "--root", str(copy), "--check"])
    assert stale.exit_code == 1 and "stale" in stale.output
    assert runner.invoke(main, ["datasheet", "--root", str(copy)]).exit_code == 0
    assert runner.invoke(main, ["datasheet", "--root", str(copy), "--check"]).exit_code == 0
    assert "| uk | 1 | 13 | 238 | 5 | 0 | 1 | 2 | 1 |" in (copy / "DATASHEET.md").read_text(encoding="utf-8")
