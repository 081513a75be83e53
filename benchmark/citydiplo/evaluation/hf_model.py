"""A local Hugging Face token-classification model as a benchmark system (outer entity level).

``bench evaluate DIR`` runs the model in DIR over every sentence. Loading is offline and
safe: ``local_files_only=True``, ``trust_remote_code=False``, ``use_safetensors=True``; a
directory without ``config.json`` or without safetensors weights is refused, and so is a
model whose ``config.id2label`` is not a set of IOB2 tags of the benchmark's NER types.

Words are the benchmark's tokens (``is_split_into_words=True``); a word's label is the
label of its first sub-token. Words past the model's maximum length are tagged ``O``.
torch and transformers are imported inside the functions (``pip install ".[hf]"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.labels import LabelMap

BATCH_SIZE = 16
MAX_LENGTH = 512


@dataclass
class LoadedModel:
    """A tokenizer, a model in eval mode, and the model's labels by id."""

    tokenizer: Any
    model: Any
    labels: list[str]
    device: str = "cpu"


def _import_hf(path: Path):
    try:
        import torch  # noqa: F401
        import transformers
    except ImportError as exc:
        raise InputError(str(path), 0, f"running a Hugging Face model needs torch and transformers "
                         f"(pip install \".[hf]\"): {exc}") from None
    quiet(transformers)
    return transformers


def quiet(transformers) -> None:
    """No progress bars on the terminal: a benchmark run prints its results only."""
    transformers.utils.logging.disable_progress_bar()


# Files a tokenizer is built from; without any of them transformers quietly makes a
# tokenizer of its special tokens alone, and every word reads as [UNK].
TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "vocab.json", "spiece.model", "sentencepiece.bpe.model",
                   "tokenizer.model")


def check_directory(path: Path) -> None:
    """Refuse a directory that is not a model with readable safetensors weights and
    tokenizer files."""
    if not (path / "config.json").is_file():
        raise InputError(str(path), 0, "not a Hugging Face model directory (no config.json)")
    weights = sorted(path.glob("*.safetensors"))
    if not weights:
        raise InputError(str(path), 0, "no .safetensors weights in the model directory; only safetensors "
                         "weights are loaded (convert the model with save_pretrained(safe_serialization=True))")
    for file in weights:
        check_safetensors(file)
    if not any((path / name).is_file() for name in TOKENIZER_FILES):
        raise InputError(str(path), 0, f"no tokenizer files in the model directory (one of "
                         f"{', '.join(TOKENIZER_FILES)}); save the tokenizer with the model (tokenizer.save_pretrained)")


def check_safetensors(file: Path) -> None:
    """The file's header parses and every tensor it lists lies inside the file."""
    import json
    import struct

    try:
        with open(file, "rb") as fh:
            head = fh.read(8)
            if len(head) < 8:
                raise ValueError("shorter than a safetensors header")
            (size,) = struct.unpack("<Q", head)
            total = file.stat().st_size
            if size > total - 8:
                raise ValueError(f"the header claims {size} bytes but the file holds {total}")
            header = json.loads(fh.read(size))
        end = max((int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"), default=0)
        if 8 + size + end != total:
            raise ValueError(f"the tensors need {8 + size + end} bytes but the file holds {total}")
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error) as exc:
        raise InputError(str(file), 0, f"broken or truncated safetensors file: {exc}") from None


def check_labels(id2label: dict, inventory: Inventory, path: Path) -> list[str]:
    """The labels in id order: an IOB2 label map, i.e. ``O`` once, and ``B-``/``I-`` + a NER
    type, each label once, every ``I-X`` with its ``B-X``."""
    try:
        labels = [id2label[i] for i in range(len(id2label))]
    except KeyError:
        raise InputError(str(path), 0, "config.json id2label must map the ids 0..n-1 to labels") from None
    bad = [lab for lab in labels if not inventory.tag_ok(lab)]
    if bad:
        raise InputError(str(path), 0, f"config.json id2label holds labels that are not IOB2 tags of the NER "
                         f"types ({', '.join(inventory.ner_types)}): {', '.join(map(repr, bad[:5]))}")
    twice = sorted({lab for lab in labels if labels.count(lab) > 1})
    if twice:
        raise InputError(str(path), 0, f"config.json id2label gives a label to two ids: {', '.join(twice)}")
    if "O" not in labels:
        raise InputError(str(path), 0, "config.json id2label has no 'O' label: not an IOB2 label map")
    orphans = [lab for lab in labels if lab.startswith("I-") and "B-" + lab[2:] not in labels]
    if orphans:
        raise InputError(str(path), 0, f"config.json id2label has {', '.join(orphans)} without its B- label: "
                         "not an IOB2 label map")
    return labels


def model_labels(id2label: dict, inventory: Inventory, path: Path, label_map: LabelMap | None = None) -> list[str]:
    """The model's labels in id order, as the benchmark's tags: checked as an IOB2 label map
    of its own types, then (with ``label_map``, e.g. a CoNLL-trained model's PER/LOC/ORG/MISC)
    renamed, every renamed tag being one of the schema's."""
    if label_map is None:
        return check_labels(id2label, inventory, path)
    own = sorted({str(lab)[2:] for lab in id2label.values() if str(lab)[:2] in ("B-", "I-")})
    raw = check_labels(id2label, Inventory(tuple(own), {}), path)
    mapped = [label_map.tag(lab) for lab in raw]
    bad = [f"{r} -> {m}" for r, m in zip(raw, mapped) if not inventory.tag_ok(m)]
    if bad:
        raise InputError(str(path), 0, f"config.json id2label holds labels that the label map {label_map.name} does "
                         f"not turn into the schema's ({', '.join(inventory.ner_types)}): {', '.join(bad[:5])}")
    return mapped


def load(path: Path, inventory: Inventory, device: str | None = None, label_map: LabelMap | None = None) -> LoadedModel:
    """Load tokenizer and model from a local directory, offline, without remote code."""
    path = Path(path)
    check_directory(path)
    transformers = _import_hf(path)
    import torch

    options = {"local_files_only": True, "trust_remote_code": False}
    try:
        config = transformers.AutoConfig.from_pretrained(str(path), **options)
        labels = model_labels(dict(config.id2label), inventory, path, label_map)
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), **options)
        model, info = transformers.AutoModelForTokenClassification.from_pretrained(
            str(path), use_safetensors=True, output_loading_info=True, **options)
    except InputError:
        raise
    except Exception as exc:  # transformers raises many kinds (OSError, RuntimeError, safetensors errors...)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        raise InputError(str(path), 0, f"cannot load the model: {type(exc).__name__}: {first}") from None
    check_loading(info, path)
    if not getattr(tokenizer, "is_fast", False):
        raise InputError(str(path), 0, "the tokenizer is not a fast (Rust) tokenizer, which word alignment needs")
    vocab = getattr(config, "vocab_size", None)
    if vocab and len(tokenizer) > vocab:
        raise InputError(str(path), 0, f"the tokenizer has {len(tokenizer)} tokens but the model's embeddings "
                         f"only {vocab}: they do not belong together")
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device).eval()
    return LoadedModel(tokenizer, model, labels, device)


def check_loading(info: dict, path: Path) -> None:
    """Every weight of the model came from the files, in its shape: transformers would
    otherwise fill missing or mis-shaped weights with random ones and run anyway."""
    mismatched = [f"{name} {tuple(found)} for {tuple(wanted)}" for name, found, wanted in info.get("mismatched_keys", [])]
    if mismatched:
        raise InputError(str(path), 0, f"weights of the wrong shape for this config: {'; '.join(mismatched[:3])}")
    missing = sorted(info.get("missing_keys", []))
    if missing:
        raise InputError(str(path), 0, f"{len(missing)} weight(s) of the model are not in the files "
                         f"(first: {missing[0]}); they would be random")
    errors = info.get("error_msgs", [])
    if errors:
        raise InputError(str(path), 0, f"cannot load the weights: {str(errors[0]).splitlines()[0][:300]}")


def max_length(tokenizer: Any, model: Any) -> int:
    limits = [MAX_LENGTH, getattr(tokenizer, "model_max_length", MAX_LENGTH) or MAX_LENGTH]
    positions = getattr(model.config, "max_position_embeddings", None)
    if positions:
        limits.append(positions - 2)  # room for models that offset positions (RoBERTa)
    return max(8, min(limits))


def word_labels(loaded: LoadedModel, sentences: Sequence[Sequence[str]], batch_size: int = BATCH_SIZE) -> list[list[str]]:
    """The label of each word of each sentence: the first sub-token's argmax label."""
    import torch

    tok, model = loaded.tokenizer, loaded.model
    limit = max_length(tok, model)
    out: list[list[str]] = []
    for start in range(0, len(sentences), batch_size):
        batch = [list(s) for s in sentences[start:start + batch_size]]
        enc = tok(batch, is_split_into_words=True, truncation=True, max_length=limit, padding=True, return_tensors="pt")
        inputs = {k: v.to(loaded.device) for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}
        with torch.no_grad():
            best = model(**inputs).logits.argmax(-1).cpu().tolist()
        for b, words in enumerate(batch):
            tags = ["O"] * len(words)
            seen: set[int] = set()
            for pos, word in enumerate(enc.word_ids(b)):
                if word is not None and word not in seen:
                    seen.add(word)
                    tags[word] = loaded.labels[best[b][pos]]
            out.append(tags)
    return out


def hf_predictions(path: Path, records: Iterable, inventory: Inventory,
                   label_map: LabelMap | None = None) -> Iterator[dict]:
    """Prediction records (``id``, ``ner_tags``) of the model in ``path`` for sentence records
    (its labels renamed by ``label_map``, if given)."""
    loaded = load(Path(path), inventory, label_map=label_map)
    records = list(records)
    tags = word_labels(loaded, [[t.text for t in r.tokens] for r in records])
    for rec, rec_tags in zip(records, tags):
        yield {"id": rec.id, "ner_tags": rec_tags}
