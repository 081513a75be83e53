#!/usr/bin/env bash
# The dataset card's features must read the same with `datasets` 3.x as with 4.x/5.x (many
# research codebases pin datasets<4): install datasets 3.x into a throwaway venv, load every
# config of the built dataset/ and use the README's `.feature.names`. CI runs it (.ci/run).
# Usage: scripts/check_datasets3.sh [DATASET_DIR]   (default: dataset/ of this checkout)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="$(cd "${1:-$repo/dataset}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "datasets>=3,<4"
cd "$work"
HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_HOME="$work/hf" "$work/venv/bin/python" - "$data" <<'PY'
import sys

import datasets
from datasets import ClassLabel, Sequence, load_dataset

assert datasets.__version__.startswith("3."), datasets.__version__
data = sys.argv[1]
for config in ("ner", "events", "documents", "entities", "event_mentions", "arguments", "relations", "parallel"):
    split = load_dataset(data, config, split="test", cache_dir="cache")
    assert split.num_rows > 0, config
    print(f"{config}: {split.num_rows} rows")
ner = load_dataset(data, "ner", split="test", cache_dir="cache")
for column in ("ner_tags", "ner_tags_inner"):
    feature = ner.features[column]
    assert isinstance(feature, Sequence) and isinstance(feature.feature, ClassLabel), feature
    assert feature.feature.names[0] == "O", feature.feature.names
assert isinstance(ner.features["tokens"], Sequence) and isinstance(ner[0]["tokens"], list)
events = load_dataset(data, "events", split="test", cache_dir="cache")
assert isinstance(events[0]["events"], list), "a list of structs must stay a list of dicts"
parallel = load_dataset(data, "parallel", split="test", cache_dir="cache")
assert {"en"} < set(parallel["language"]) and any(parallel["original"]) and not all(parallel["original"])
assert all(isinstance(a, list) for a in parallel["aligned_to"]), "aligned_to is a list of sentence ids"
print(f"datasets {datasets.__version__}: every config loads; ner_tags.feature.names =", ner.features["ner_tags"].feature.names[:3], "...")
PY
