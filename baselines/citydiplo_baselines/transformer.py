"""Transformer recipe: fine-tune any Hugging Face token-classification checkpoint on the
outer entity level, with the same leave-one-document-out cross-validation as the CRF.

``bench train-transformer CHECKPOINT --out DIR`` (or ``train_transformer``) writes
* ``DIR/cv_predictions.jsonl``: every sentence tagged by a model fine-tuned on the other
  documents (score it with ``bench evaluate DIR/cv_predictions.jsonl``);
* ``DIR/run.json``: the checkpoint, the settings, the folds and their timings;
* with ``--final``, ``DIR/model/``: a model fine-tuned on all documents, saved with
  safetensors weights and IOB2 ``id2label``, which ``bench evaluate DIR/model`` loads
  (scoring it on the benchmark is training-set accuracy, not a result).

The checkpoint is read offline (``local_files_only=True``, ``trust_remote_code=False``,
safetensors weights only): a local directory, or a hub id already in the local cache
(e.g. ``xlm-roberta-base``). Training is a plain PyTorch loop (AdamW, linear warm-up and
decay, fixed seed) on CPU or, when available, GPU. Labels go on the first sub-token of
each word; the other sub-tokens and the special tokens are ignored by the loss (-100).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

from citydiplo.formats.bio import iob2_labels
from citydiplo.files import write_atomic
from citydiplo.errors import InputError
from citydiplo.evaluation.hf_model import LoadedModel, max_length, quiet, word_labels
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, sentence_records

from citydiplo.evaluation.training import leave_one_document_out


@dataclass(frozen=True)
class TrainConfig:
    """Fine-tuning settings (the defaults suit a base-size encoder on this small corpus)."""

    epochs: int = 10
    learning_rate: float = 5e-5
    batch_size: int = 8
    max_length: int = 256
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    seed: int = 13
    device: str | None = None  # None: cuda when available, else cpu


def _hf():
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise InputError("train-transformer", 0, f"needs torch and transformers (pip install \".[hf]\"): {exc}") from None
    quiet(transformers)
    return torch, transformers


def encode(tokenizer: Any, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
           label2id: dict[str, int], limit: int) -> list[dict[str, list[int]]]:
    """Token-classification features: ids, mask, and a label on each word's first
    sub-token (-100 elsewhere)."""
    enc = tokenizer([list(s) for s in sentences], is_split_into_words=True, truncation=True, max_length=limit)
    out = []
    for b, sent_tags in enumerate(tags):
        labels, seen = [], set()
        for word in enc.word_ids(b):
            if word is None or word in seen:
                labels.append(-100)
            else:
                seen.add(word)
                labels.append(label2id[sent_tags[word]])
        item = {k: enc[k][b] for k in enc.keys()}
        item["labels"] = labels
        out.append(item)
    return out


def _collate(items: list[dict[str, list[int]]], pad_id: int):
    import torch

    width = max(len(i["input_ids"]) for i in items)
    batch = {}
    for key in items[0]:
        fill = -100 if key == "labels" else pad_id if key == "input_ids" else 0
        batch[key] = torch.tensor([i[key] + [fill] * (width - len(i[key])) for i in items])
    return batch


def load_checkpoint(checkpoint: str, labels: list[str], device: str):
    """Tokenizer and a token-classification model with our label set, offline."""
    _, transformers = _hf()
    options = {"local_files_only": True, "trust_remote_code": False}
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(checkpoint, **options)
        model = transformers.AutoModelForTokenClassification.from_pretrained(
            checkpoint, num_labels=len(labels), id2label=dict(enumerate(labels)),
            label2id={lab: i for i, lab in enumerate(labels)}, ignore_mismatched_sizes=True,
            use_safetensors=True, **options)
    except (OSError, ValueError) as exc:
        raise InputError(checkpoint, 0, f"cannot load the checkpoint offline with safetensors weights: {exc}") from None
    if not getattr(tokenizer, "is_fast", False):
        raise InputError(checkpoint, 0, "the checkpoint's tokenizer is not a fast tokenizer")
    return tokenizer, model.to(device)


def fine_tune(checkpoint: str, train: Sequence[SentenceRecord], labels: list[str], config: TrainConfig) -> LoadedModel:
    """Fine-tune ``checkpoint`` on the outer-level tags of ``train``."""
    torch, transformers = _hf()
    device = config.device or ("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(config.seed)
    tokenizer, model = load_checkpoint(checkpoint, labels, device)
    limit = min(config.max_length, max_length(tokenizer, model))
    label2id = {lab: i for i, lab in enumerate(labels)}
    data = encode(tokenizer, [[t.text for t in r.tokens] for r in train], [r.ner_tags for r in train], label2id, limit)
    steps_per_epoch = max(1, -(-len(data) // config.batch_size))
    total = steps_per_epoch * config.epochs
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)], "weight_decay": config.weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=config.learning_rate)
    schedule = transformers.get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total), total)
    generator = torch.Generator().manual_seed(config.seed)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    model.train()
    for _ in range(config.epochs):
        order = torch.randperm(len(data), generator=generator).tolist()
        for start in range(0, len(order), config.batch_size):
            batch = _collate([data[i] for i in order[start:start + config.batch_size]], pad_id)
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.eval()
    return LoadedModel(tokenizer, model, labels, device)


def _gold_records(docs: Sequence[Document]) -> list[SentenceRecord]:
    return [r for d in docs if d.entities for r in sentence_records(d)]


def cross_validated(checkpoint: str, documents: Sequence[Document], labels: list[str],
                    config: TrainConfig) -> tuple[list[dict], list[dict]]:
    """Prediction records for every sentence from leave-one-document-out fine-tuning,
    and one summary per fold."""
    predictions, folds = [], []
    for fold in leave_one_document_out(documents):
        started = time.perf_counter()
        train = _gold_records(fold.train)
        test = sentence_records(fold.test.without_gold())
        if train:
            loaded = fine_tune(checkpoint, train, labels, config)
            tags = word_labels(loaded, [[t.text for t in r.tokens] for r in test])
        else:
            tags = [["O"] * len(r.tokens) for r in test]
        predictions += [{"id": r.id, "ner_tags": t} for r, t in zip(test, tags)]
        folds.append({"test": fold.test.id, "train": [d.id for d in fold.train if d.entities],
                      "train_sentences": len(train), "seconds": round(time.perf_counter() - started, 2)})
    return predictions, folds


def train_transformer(checkpoint: str, out: Path, documents: Sequence[Document], ner_types: Sequence[str],
                      config: TrainConfig = TrainConfig(), final: bool = False) -> dict:
    """Run the recipe and write its outputs under ``out``; returns the run summary."""
    out.mkdir(parents=True, exist_ok=True)
    labels = iob2_labels(list(ner_types))
    started = time.perf_counter()
    predictions, folds = cross_validated(checkpoint, documents, labels, config)
    write_atomic(out / "cv_predictions.jsonl", "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions))
    summary: dict[str, Any] = {"checkpoint": checkpoint, "config": asdict(config), "folds": folds,
                               "predictions": str(out / "cv_predictions.jsonl")}
    if final:
        loaded = fine_tune(checkpoint, _gold_records(documents), labels, config)
        loaded.model.save_pretrained(out / "model")  # safetensors (the default since transformers 4.35)
        loaded.tokenizer.save_pretrained(out / "model")
        summary["model"] = str(out / "model")
    summary["seconds"] = round(time.perf_counter() - started, 2)
    write_atomic(out / "run.json", json.dumps(summary, indent=2) + "\n")
    return summary
