"""Upload the built dataset directory to the Hugging Face Hub.

``upload_plan`` lists exactly what would be sent (path, size, sha256) and is what
``--dry-run`` prints. ``publish`` refuses a stale build and a version that the Hub repo
already has (a published version is never changed: bump ``citydiplo.DATASET_VERSION``),
uploads the directory as one commit and tags it ``v<version>``, so that
``load_dataset(repo_id, config, revision="v<version>")`` always returns that version.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.release.build import CROISSANT, dataset_files, stale_paths, tree_files
from citydiplo.errors import InputError

TOKEN_ENV = "HF_TOKEN"


@dataclass(frozen=True)
class UploadFile:
    path: str
    size: int
    sha256: str


def upload_plan(directory: Path) -> list[UploadFile]:
    """Every file of the built directory, sorted by path, with its size and sha256."""
    files = tree_files(Path(directory))
    if not files:
        raise InputError(str(directory), 0, "no built dataset here; run `bench build`")
    return [UploadFile(p, len(data), hashlib.sha256(data).hexdigest()) for p, data in files.items()]


def check_fresh(directory: Path, root: Path | None = None) -> None:
    """Raise unless ``directory`` is exactly what ``bench build`` makes from ``root`` now."""
    stale = stale_paths(Path(directory), dataset_files(load_benchmark(root)))
    if stale:
        raise InputError(str(directory), 0, f"stale build ({', '.join(stale)} differ); run `bench build` first")


def release_id(directory: Path) -> tuple[str, str]:
    """(version, content identifier) of a built directory, read from its Croissant file."""
    path = Path(directory) / CROISSANT
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        return meta["version"], meta["identifier"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), 0, f"cannot read version and identifier: {exc}") from None


def publish(directory: Path, repo_id: str, token: str | None = None, api=None) -> str:
    """Upload ``directory`` to the dataset repo ``repo_id`` and tag it; returns the commit URL.

    ``token`` defaults to ``$HF_TOKEN``; ``api`` (an ``HfApi``) can be injected for tests.
    """
    directory = Path(directory)
    upload_plan(directory)  # fails early on an empty directory
    version, identifier = release_id(directory)
    if api is None:
        token = token or os.environ.get(TOKEN_ENV)
        if not token:
            raise InputError(TOKEN_ENV, 0, "is not set: export a Hugging Face write token as HF_TOKEN")
        from huggingface_hub import HfApi

        api = HfApi(token=token)
    tag = f"v{version}"
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags}
    if tag in tags:
        raise InputError(repo_id, 0, f"already has {tag}; a published version never changes: bump "
                                     "citydiplo.DATASET_VERSION and rebuild")
    commit = api.upload_folder(
        repo_id=repo_id, folder_path=str(directory), repo_type="dataset",
        commit_message=f"CityDiplo {version} ({identifier})",
    )
    api.create_tag(repo_id, tag=tag, repo_type="dataset", revision=getattr(commit, "oid", None),
                   tag_message=f"CityDiplo {version} ({identifier})")
    return str(getattr(commit, "commit_url", commit))
