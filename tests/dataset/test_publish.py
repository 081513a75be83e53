"""`bench publish`: the dry run lists exactly what would be sent; uploads go through a
mocked HfApi. No network."""

from __future__ import annotations

import hashlib
import shutil
from types import SimpleNamespace
from unittest import mock

import pytest
from click.testing import CliRunner

from citydiplo.version import DATASET_VERSION
from citydiplo.cli import main
from citydiplo.errors import InputError
from citydiplo.release.publish import publish, upload_plan


def _api(tags=()):
    api = mock.Mock()
    api.list_repo_refs.return_value = SimpleNamespace(tags=[SimpleNamespace(name=t) for t in tags])
    api.upload_folder.return_value = SimpleNamespace(commit_url="https://hub/commit/abc", oid="abc")
    return api


def test_upload_plan_lists_every_file_with_size_and_sha256(built):
    plan = upload_plan(built)
    assert [f.path for f in plan] == ["LICENSE.md", "README.md", "arguments/test.jsonl", "croissant.json",
                                      "documents/test.jsonl", "entities/test.jsonl", "event_mentions/test.jsonl",
                                      "events/test.jsonl", "ner/test.jsonl", "parallel/test.jsonl",
                                      "relations/test.jsonl"]
    for f in plan:
        data = (built / f.path).read_bytes()
        assert (f.size, f.sha256) == (len(data), hashlib.sha256(data).hexdigest())


def test_dry_run_prints_the_plan_and_sends_nothing(gold_project, built):
    with mock.patch("huggingface_hub.HfApi") as hf:
        result = CliRunner().invoke(main, ["publish", "org/citydiplo", "--dry-run", "--root", str(gold_project),
                                           "--dir", str(built)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().split("\n")
    assert lines[:-1] == [f"{f.path}\t{f.size}\t{f.sha256}" for f in upload_plan(built)]
    assert lines[-1].startswith("dry run: 11 file(s)") and "datasets/org/citydiplo" in lines[-1]
    hf.assert_not_called()


def test_publish_uploads_the_folder_and_tags_the_version(built):
    api = _api()
    assert publish(built, "org/citydiplo", api=api) == "https://hub/commit/abc"
    api.create_repo.assert_called_once_with("org/citydiplo", repo_type="dataset", exist_ok=True)
    kwargs = api.upload_folder.call_args.kwargs
    assert kwargs["repo_id"] == "org/citydiplo" and kwargs["repo_type"] == "dataset"
    assert kwargs["folder_path"] == str(built)
    assert DATASET_VERSION in kwargs["commit_message"] and "sha256:" in kwargs["commit_message"]
    tag = api.create_tag.call_args
    assert tag.kwargs["tag"] == f"v{DATASET_VERSION}" and tag.kwargs["revision"] == "abc"


def test_publish_never_overwrites_a_published_version(built):
    api = _api(tags=[f"v{DATASET_VERSION}"])
    with pytest.raises(InputError, match="bump citydiplo.DATASET_VERSION"):
        publish(built, "org/citydiplo", api=api)
    api.upload_folder.assert_not_called()


def test_publish_needs_a_token(built, monkeypatch):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with pytest.raises(InputError, match="HF_TOKEN"):
        publish(built, "org/citydiplo")


def test_publish_command_uses_hf_token_and_refuses_a_stale_build(gold_project, built, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    api = _api()
    runner = CliRunner()
    with mock.patch("huggingface_hub.HfApi", return_value=api) as hf:
        ok = runner.invoke(main, ["publish", "org/citydiplo", "--root", str(gold_project), "--dir", str(built)])
    assert ok.exit_code == 0, ok.output
    hf.assert_called_once_with(token="hf_test")
    assert "https://hub/commit/abc" in ok.output

    stale = tmp_path / "stale"
    shutil.copytree(built, stale)
    (stale / "ner" / "test.jsonl").write_text("", encoding="utf-8")
    with mock.patch("huggingface_hub.HfApi") as hf:
        result = runner.invoke(main, ["publish", "org/citydiplo", "--root", str(gold_project), "--dir", str(stale)])
    assert result.exit_code == 2 and "stale build (ner/test.jsonl" in result.output
    hf.assert_not_called()
