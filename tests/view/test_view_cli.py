"""`bench view` on the command line: files written, bad input reported with exit code 2."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citydiplo.files import MARKER
from citydiplo.cli import main


def run(*args):
    return CliRunner().invoke(main, ["view", *map(str, args)])


def test_writes_the_whole_site(view_project, tmp_path):
    p = view_project
    out = tmp_path / "site"
    result = run("--root", p.root, "--out", out, "--predictions", p.predictions, "--results", p.results,
                 "--compare", p.pass_a, p.pass_b)
    assert result.exit_code == 0, result.output
    names = sorted(f.name for f in out.iterdir() if f.name != MARKER)
    assert (out / MARKER).is_file()  # the site says bench view wrote it: a rerun may replace it
    originals = ["000-lv", "001-ru", "002-fa", "003-uk", "004-vi"]
    docs = originals + [f"{o[:3]}-{lang}" for o in originals for lang in ("lv", "ru", "fa", "uk", "vi", "en")
                        if lang != o[4:]]  # and the 25 translations
    assert names == sorted(["index.html", "errors.html"] + [f"{d}.html" for d in docs]
                           + [f"{d}.errors.html" for d in docs] + ["000-lv.compare.html", "002-fa.compare.html"]
                           + [f"00{i}.versions.html" for i in range(5)])  # each article's versions side by side
    assert f"{len(names)} page(s)" in result.output and len(names) == 69
    assert not list(out.glob("*.tmp"))


def test_selected_documents_only(view_project, tmp_path):
    result = run("002-fa", "--root", view_project.root, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(f.name for f in tmp_path.iterdir()) == [MARKER, "002-fa.html", "index.html"]


def test_an_article_in_two_versions_gets_its_versions_page(view_project, tmp_path):
    result = run("002-fa", "002-en", "--root", view_project.root, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(f.name for f in tmp_path.iterdir()) == [MARKER, "002-en.html", "002-fa.html", "002.versions.html",
                                                          "index.html"]
    for page in ("002-en.html", "002-fa.html", "index.html"):
        assert 'href="002.versions.html"' in (tmp_path / page).read_text(encoding="utf-8"), page
    only_translation = run("002-en", "--root", view_project.root, "--out", tmp_path / "en")
    assert only_translation.exit_code == 0 and not list((tmp_path / "en").glob("*.versions.html"))


def test_unknown_document(view_project, tmp_path):
    result = run("999-xx", "--root", view_project.root, "--out", tmp_path)
    assert result.exit_code == 2 and "no document '999-xx'" in result.output
    assert not list(tmp_path.iterdir())


def test_bad_predictions_name_file_and_line(view_project, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "000-lv-001", "ner_tags": ["O", "O", "O", "O", "O", "O", "O", "O", "O"]}\n{oops\n',
                   encoding="utf-8")
    result = run("--root", view_project.root, "--out", tmp_path / "site", "--predictions", bad)
    assert result.exit_code == 2
    assert f"{bad}:2: malformed JSON" in result.output
    assert not (tmp_path / "site").exists()


def test_predictions_are_checked_as_evaluate_checks_them(view_project, tmp_path):
    bad = tmp_path / "bad.jsonl"
    for content, problem in (
        ('{"id": "000-lv-001", "ner_tags": []}\n', ":1: 000-lv-001: ner_tags has 0 tags but the sentence has 9 tokens"),
        ('\n{"id": "123-zz-001", "ner_tags": []}\n', ":2: unknown sentence id '123-zz-001'"),
        (json.dumps({"id": "000-lv-001", "ner_tags": ["B-<script>"] + ["O"] * 8}) + "\n",
         ":1: 000-lv-001: ner_tags[0] = 'B-<script>' is not a tag"),
        (view_project.predictions.read_text(encoding="utf-8").split("\n", 1)[1], "sentence(s) have no prediction"),
    ):
        bad.write_text(content, encoding="utf-8")
        result = run("000-lv", "--root", view_project.root, "--out", tmp_path / "site", "--predictions", bad)
        assert result.exit_code == 2 and problem in result.output, result.output


def test_bad_results_json(view_project, tmp_path):
    bad = tmp_path / "results.json"
    bad.write_text("{", encoding="utf-8")
    result = run("--root", view_project.root, "--out", tmp_path / "site", "--results", bad)
    assert result.exit_code == 2 and f"{bad}:1: malformed JSON" in result.output


def test_gold_from_another_directory(view_project, tmp_path):
    """--annotations changes the gold the errors are judged against; the schema stays annotations/'s."""
    p = view_project
    result = run("000-lv", "--root", p.root, "--out", tmp_path, "--annotations", p.pass_b, "--predictions", p.predictions)
    assert result.exit_code == 0, result.output
    assert f"Gold: <code>{p.pass_b}</code>" in (tmp_path / "index.html").read_text(encoding="utf-8")
    errors = (tmp_path / "000-lv.errors.html").read_text(encoding="utf-8")
    assert 'data-error="correct"' in errors and "priekšsēdētājs" in errors
