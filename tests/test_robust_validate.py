"""`bench validate` on broken files (item 6) and unsafe document ids (item 7): one line per
problem and exit 1, or exit 2 when it cannot run; never a traceback. Writers refuse a path
that would leave their output folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures import without_warnings
from citydiplo.cli import main

DOC = "000-lv"


def validate(project: Path, *extra: str):
    return CliRunner().invoke(main, ["validate", "--root", str(project), *extra])


def found(result, *words: str) -> list[str]:
    """Exit 1 and a ``file:line: problem`` line for each problem, with the words in them."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].endswith("problem(s)"), result.output
    for line in lines[:-1]:
        assert ":" in line and len(line) < 700, line
    for w in words:
        assert w in result.output, result.output
    return lines[:-1]


def cannot_run(result, *words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output and without_warnings(result.output).startswith("error: "), result.output
    for w in words:
        assert w in result.output, result.output


def ann(project: Path) -> Path:
    return project / "annotations" / f"{DOC}.ann"


# --------------------------------------------------------------------------- 6. broken files


@pytest.mark.parametrize("where", ["annotations/000-lv.ann", "corpus/000-lv.txt", "corpus/000-lv.json",
                                   "annotations/annotation.conf", "annotations/tools.conf"])
def test_non_utf8_files_are_one_problem_each(project, where):
    path = project / where
    path.write_bytes((path.read_bytes() if path.exists() else b"T1\tCITY 221 229\tHarbinas\n") + b"\nbad \xff\xfe byte\n")
    lines = found(validate(project), f"{path}:", "not UTF-8")
    assert len(lines) == 1


def test_a_directory_where_a_file_should_be(project):
    ann(project).mkdir()
    (project / "corpus" / "001-ru.txt").unlink()
    (project / "corpus" / "001-ru.txt").mkdir()
    lines = found(validate(project), "000-lv.ann:0: is a directory", "001-ru.txt:0: is a directory")
    assert len(lines) == 2


def test_a_link_loop_where_a_file_should_be(project):
    ann(project).symlink_to(ann(project))
    (project / "corpus" / "001-ru.json").unlink()
    (project / "corpus" / "001-ru.json").symlink_to(project / "corpus" / "001-ru.json")
    found(validate(project), "000-lv.ann:0: cannot read the file: a symbolic link loop",
          "001-ru.json:0: cannot read the file: a symbolic link loop")


def test_numbers_with_thousands_of_digits(project):
    ann(project).write_text(f"T1\tCITY {'9' * 5000} {'9' * 5001}\tHarbinas\nT2\tCITY 221 {'1' * 12}\tHarbinas\n",
                            encoding="utf-8")
    meta = project / "corpus" / "001-ru.json"
    data = meta.read_text(encoding="utf-8").replace('"sentences": [', '"sentences": [[' + "7" * 5000 + ', 1], ', 1)
    meta.write_text(data, encoding="utf-8")
    lines = found(validate(project), "5000 digits", "001-ru.json")
    assert all(len(line) < 700 for line in lines)


def test_exit_2_when_validate_cannot_run(project, tmp_path):
    cannot_run(validate(project, "--annotations", str(tmp_path / "nowhere")), "not a directory of .ann files")
    cannot_run(CliRunner().invoke(main, ["validate", "--root", str(tmp_path / "none")]))


def test_a_broken_recipe_is_a_problem_not_a_traceback(project):
    recipe = project / "corpus" / "recipe.json"
    recipe.write_text(json.dumps({"documents": {"id": "x"}}), encoding="utf-8")
    found(validate(project), "must be a list")
    recipe.write_text(json.dumps([1, 2]), encoding="utf-8")
    found(validate(project), "cannot read the corpus recipe")
    recipe.write_text("[" * 100_000, encoding="utf-8")
    found(validate(project), "cannot read the corpus recipe")


# --------------------------------------------------------------------------- 7. document ids


@pytest.mark.parametrize("bad", ["../evil", "/etc/passwd", "a/b", "..", "000-lv/../../x", "", "000-LV", "x" * 300])
def test_validate_refuses_unsafe_or_unrecipe_like_ids(project, bad):
    recipe = project / "corpus" / "recipe.json"
    data = json.loads(recipe.read_text(encoding="utf-8"))
    data["documents"][0]["id"] = bad
    recipe.write_text(json.dumps(data), encoding="utf-8")
    lines = found(validate(project), "recipe.json", "documents[0]")
    # the recipe's own problem (once or twice), and one line per translation of the lost original
    about_translations = [line for line in lines if "is not an original of the corpus" in line]
    assert len(about_translations) <= 5 and len(lines) - len(about_translations) <= 2
    assert all(len(line) < 700 for line in lines)


def test_validate_checks_the_metadata_names_the_recipes_document(project):
    set_metadata(project, "id", "../../escaped")
    found(validate(project), f"{DOC}.json", "the metadata names the document '../../escaped'")


def test_a_seed_name_may_not_leave_seeds(project):
    recipe = project / "corpus" / "recipe.json"
    data = json.loads(recipe.read_text(encoding="utf-8"))
    data["documents"][1]["seed"] = "../corpus/recipe.json"
    recipe.write_text(json.dumps(data), encoding="utf-8")
    found(validate(project), "documents[1]: the seed", "not a plain file name")


def test_commands_refuse_unsafe_doc_ids(root):
    result = CliRunner().invoke(main, ["sentences", "../../etc/passwd", "--root", str(root)])
    cannot_run(result, "not a plain name")


def set_metadata(project: Path, key: str, value: str) -> None:
    """Write ``value`` under ``key`` in the metadata of the project's document DOC."""
    meta = project / "corpus" / f"{DOC}.json"
    meta.write_text(json.dumps(json.loads(meta.read_text(encoding="utf-8")) | {key: value}), encoding="utf-8")


def test_view_refuses_a_page_that_would_leave_its_folder(project, tmp_path):
    set_metadata(project, "id", "../../escaped")
    out = tmp_path / "deep" / "site"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["view", "--root", str(project), "--out", str(out)])
    cannot_run(result, "would leave the output folder")
    assert not out.exists() and not list(tmp_path.rglob("escaped*"))


def test_export_refuses_a_file_that_would_leave_its_folder(project, tmp_path, root):
    shutil.copy(root / "annotations" / f"{DOC}.ann", project / "annotations")
    set_metadata(project, "language", "../../lang")
    out = tmp_path / "deep" / "x"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["export", "--root", str(project), "--format", "jsonl", "--out", str(out)])
    cannot_run(result, "would leave the output folder")
    assert not out.exists() and not list(tmp_path.rglob("lang*"))


@pytest.mark.parametrize("content, words", [("[1, 2]", "must hold a JSON object"),
                                            ('{"entities": 3}', "not a results file of bench evaluate")])
def test_view_refuses_a_results_file_that_is_not_one(tmp_path, root, content, words):
    """Any JSON used to pass as results (exit 0, an index without its figures)."""
    bad = tmp_path / "results.json"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["view", "--out", str(tmp_path / "site"), "--results", str(bad)])
    cannot_run(result, words)
    assert not (tmp_path / "site").exists()
