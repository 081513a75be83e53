"""Broken Hugging Face model directories end in exit 2 and one clear line, before scoring:
truncated or corrupt safetensors, weights of the wrong shape, missing tokenizer files,
tokenizer and model that do not belong together, label maps that are not IOB2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

from test_hf_model import build_tiny_model  # noqa: E402

from fixtures import without_warnings
from citydiplo.cli import main  # noqa: E402
from citydiplo.formats.bio import iob2_labels  # noqa: E402
from citydiplo.corpus.benchmark import load_inventory  # noqa: E402

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types


@pytest.fixture(scope="module")
def good(tmp_path_factory, root) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("hfr") / "good", root / "corpus", iob2_labels(NER_TYPES))


@pytest.fixture
def model(good, tmp_path) -> Path:
    copy = tmp_path / "model"
    shutil.copytree(good, copy)
    return copy


def evaluate(path: Path):
    return CliRunner().invoke(main, ["evaluate", str(path), "--samples", "100"])


def weights(path: Path) -> Path:
    return next(path.glob("*.safetensors"))


def edit_config(path: Path, **changes) -> None:
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config.update(changes)
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")


def refused(result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and without_warnings(result.output).startswith("error: "), result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    for w in words:
        assert w in result.output, result.output
    return result.output


def test_truncated_safetensors(model):
    data = weights(model).read_bytes()
    weights(model).write_bytes(data[: len(data) // 2])
    refused(evaluate(model), "broken or truncated safetensors")


def test_garbage_safetensors(model):
    weights(model).write_bytes(b"\xff" * 64)
    refused(evaluate(model), "broken or truncated safetensors")


def test_empty_safetensors(model):
    weights(model).write_bytes(b"")
    refused(evaluate(model), "broken or truncated safetensors")


def test_shape_mismatch(model):
    edit_config(model, hidden_size=32, intermediate_size=64)
    refused(evaluate(model), "cannot load", str(model))


def test_classifier_shape_mismatch(model):
    """A label map with fewer labels than the classifier was trained for."""
    labels = iob2_labels(NER_TYPES)[:5]
    edit_config(model, id2label={str(i): lab for i, lab in enumerate(labels)},
                label2id={lab: i for i, lab in enumerate(labels)})
    refused(evaluate(model), str(model))


def test_missing_tokenizer_files(model):
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        (model / name).unlink(missing_ok=True)
    refused(evaluate(model), "no tokenizer files")


def test_tokenizer_larger_than_the_embeddings(model):
    edit_config(model, vocab_size=50)
    refused(evaluate(model), str(model))


@pytest.mark.parametrize("labels, words", [
    (["O", "B-PER", "B-PER"], "two ids"),
    (["B-PER", "I-PER"], "no 'O'"),
    (["O", "I-PER", "B-ORG"], "I-PER without its B-"),
    (["O", "S-PER", "E-PER"], "not IOB2 tags"),
    (["O", "B-PER", "I-PER", "B-FOO"], "not IOB2 tags"),
])
def test_label_map_not_iob2(model, labels, words):
    edit_config(model, id2label={str(i): lab for i, lab in enumerate(labels)},
                label2id={lab: i for i, lab in enumerate(labels)})
    refused(evaluate(model), words)
