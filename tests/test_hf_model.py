"""Hugging Face models end to end on a tiny model built here: a WordPiece tokenizer
trained on the corpus text, a 1-layer BERT with random weights, saved with safetensors.
Nothing is downloaded. Skipped when torch or transformers is not installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from baseline_fixtures import small_gold

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from citydiplo.formats.bio import iob2_labels  # noqa: E402
from citydiplo.errors import InputError  # noqa: E402
from citydiplo.corpus.benchmark import load_benchmark, load_inventory  # noqa: E402

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types
from citydiplo.evaluation.hf_model import LoadedModel, load, word_labels  # noqa: E402
from fixtures import run

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tiny_model(out: Path, corpus_dir: Path, labels: list[str], seed: int = 0) -> Path:
    """A WordPiece tokenizer trained on the corpus text and a random 1-layer BERT."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=600, special_tokens=SPECIALS))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    fast = transformers.PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                                cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
    fast.save_pretrained(out)
    config = transformers.BertConfig(
        vocab_size=fast.vocab_size, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=128, num_labels=len(labels),
        id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)})
    torch.manual_seed(seed)
    transformers.BertForTokenClassification(config).save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, root) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("hf") / "tiny", root / "corpus", iob2_labels(NER_TYPES))


def test_bench_evaluate_runs_a_local_model_directory(tiny, tmp_path, root):
    out = tmp_path / "results.json"
    result = run("evaluate", tiny, "--samples", 100, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["model"] == str(tiny) and data["predicted_fields"] == ["ner_tags"]
    assert data["sentences"] == len(load_benchmark(root).records)
    assert any(f.suffix == ".safetensors" for f in tiny.iterdir())


def test_first_sub_token_labels_each_word(tiny):
    gold_inventory = load_benchmark().inventory
    loaded = load(tiny, gold_inventory, device="cpu")
    labels = loaded.labels

    class PositionModel:  # label id = sub-token position, so a word's tag tells where it was read
        config = loaded.model.config

        def __call__(self, input_ids, **_):
            n = input_ids.shape[1]
            logits = torch.zeros(input_ids.shape[0], n, len(labels))
            for pos in range(n):
                logits[:, pos, pos % len(labels)] = 1.0
            return type("Out", (), {"logits": logits})()

    words = ["Daugavpils", "zzqxv", "un", "Харбинская"]
    pieces = [len(loaded.tokenizer.tokenize(w)) for w in words]
    assert max(pieces) > 1  # some word is split into several sub-tokens
    expected, pos = [], 1  # position 0 is [CLS]
    for n in pieces:
        expected.append(labels[pos % len(labels)])
        pos += n
    fake = LoadedModel(loaded.tokenizer, PositionModel(), labels)
    assert word_labels(fake, [words]) == [expected]


def test_a_directory_without_safetensors_is_refused(tiny, tmp_path):
    copy = tmp_path / "pickled"
    shutil.copytree(tiny, copy)
    (copy / "model.safetensors").rename(copy / "pytorch_model.bin")
    result = run("evaluate", copy)
    assert result.exit_code == 2 and "no .safetensors weights" in result.output and str(copy) in result.output


def test_labels_that_are_not_iob2_ner_tags_are_refused(tiny, tmp_path):
    copy = tmp_path / "pos-tagger"
    shutil.copytree(tiny, copy)
    config = json.loads((copy / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {**config["id2label"], "1": "B-NOUN"}
    (copy / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(InputError, match="not IOB2 tags of the NER types") as info:
        load(copy, load_benchmark().inventory)
    assert str(copy) in str(info.value) and "B-NOUN" in str(info.value)
    result = run("evaluate", copy)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_train_transformer_cross_validates_and_saves_a_loadable_model(tiny, project, tmp_path):
    small_gold(project)
    out = tmp_path / "run"
    result = run("train-transformer", tiny, "--out", out, "--epochs", 1, "--batch-size", 16,
                 "--max-length", 64, "--final", "--device", "cpu", "--root", project)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    for fold in summary["folds"]:
        assert fold["test"] not in fold["train"]
    gold = load_benchmark(project)
    lines = (out / "cv_predictions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(gold.records)
    for model in (out / "cv_predictions.jsonl", out / "model"):
        result = run("evaluate", model, "--root", project, "--samples", 100, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["sentences"] == len(gold.records)
