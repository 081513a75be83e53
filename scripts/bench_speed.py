"""Speed and memory of `bench evaluate`'s scoring against seqeval called directly.

Writes a synthetic predictions file of N tokens (default 1,000,000) for a synthetic gold
set, then times, in the same run:
  A. the benchmark pipeline: streaming read + checks + seqeval-based entity scores
     (strict and default, outer and inner, per language) + event scorer + bootstrap CIs;
  B. seqeval called directly on the same tags for the same entity figures
     (classification_report, strict and default, outer and inner, overall and per language).
It reports the overhead of A over B, and the peak memory of A (tracemalloc) for files of
1/4, 1/2 and the full size, and for the same number of sentences made 2 and 4 times longer:
nothing is kept per token, only a few numbers per sentence (the duplicate check and the
bootstrap rows), so memory follows the number of sentences, not the size of the file.

    python scripts/bench_speed.py [--tokens 1000000] [--length 20]
"""

from __future__ import annotations

import argparse
import warnings
import json
import random
import tempfile
import time
import tracemalloc
from collections.abc import Mapping
from pathlib import Path

from citydiplo.formats.predictions import GoldShape, Inventory, read_predictions
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.schema import NER_TYPES
from citydiplo.scoring.scorer import score

LANGS = ("lv", "ru", "fa", "uk", "vi")
TYPES = NER_TYPES


def tags_for(seed: int, length: int, noise: float) -> tuple[list[str], list[str]]:
    """Deterministic gold tags and a noisy copy for one synthetic sentence."""
    rng = random.Random(seed)
    gold = ["O"] * length
    i = 0
    while i < length:
        if rng.random() < 0.15:
            t, n = rng.choice(TYPES), rng.randint(1, 3)
            for k in range(i, min(i + n, length)):
                gold[k] = ("B-" if k == i else "I-") + t
            i += n
        else:
            i += 1
    pred = [rng.choice(("O", "B-" + rng.choice(TYPES), "I-" + rng.choice(TYPES))) if rng.random() < noise else g
            for g in gold]
    return gold, pred


class SyntheticGold(Mapping):
    """Gold records made on demand from their id, so the gold takes no memory."""

    def __init__(self, n: int, length: int) -> None:
        self.n, self.length = n, length

    def __getitem__(self, sid: str) -> SentenceRecord:
        k = int(sid.rsplit("-", 1)[1])
        gold, _ = tags_for(k, self.length, 0.1)
        inner = ["O"] * self.length
        return SentenceRecord(sid, sid.rsplit("-", 1)[0], LANGS[k % 5], k, 0, 0, [None] * self.length, gold, inner)

    def __iter__(self):
        return (f"{LANGS[k % 5]}-{k}" for k in range(self.n))

    def __len__(self) -> int:
        return self.n


class Shapes(Mapping):
    def __init__(self, n: int, length: int) -> None:
        self.n, self.shape = n, GoldShape(length)

    def __getitem__(self, sid: str) -> GoldShape:
        k = int(sid.rsplit("-", 1)[1])
        if not 0 <= k < self.n or not sid.startswith(LANGS[k % 5] + "-"):
            raise KeyError(sid)
        return self.shape

    def __iter__(self):
        return (f"{LANGS[k % 5]}-{k}" for k in range(self.n))

    def __len__(self) -> int:
        return self.n


def write_predictions(path: Path, n: int, length: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            _, pred = tags_for(k, length, 0.1)
            fh.write(json.dumps({"id": f"{LANGS[k % 5]}-{k}", "ner_tags": pred, "ner_tags_inner": ["O"] * length}) + "\n")


def run_pipeline(path: Path, n: int, length: int, samples: int) -> dict:
    inv = Inventory(TYPES, {"MEET": ("Participant",)})
    scorer = score(SyntheticGold(n, length), read_predictions(str(path), Shapes(n, length), inv))
    return scorer.results(samples=samples)


def run_seqeval(path: Path, n: int, length: int) -> dict:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    gold_by = {lang: ([], [], [], []) for lang in LANGS}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            k = int(rec["id"].rsplit("-", 1)[1])
            gold, _ = tags_for(k, length, 0.1)
            g = gold_by[LANGS[k % 5]]
            g[0].append(gold), g[1].append(rec["ner_tags"]), g[2].append(["O"] * length), g[3].append(rec["ner_tags_inner"])
    out = {}
    for level, (gi, pi) in (("outer", (0, 1)), ("inner", (2, 3))):
        for mode, kwargs in (("strict", {"mode": "strict", "scheme": IOB2}), ("default", {})):
            all_gold = [s for lang in LANGS for s in gold_by[lang][gi]]
            all_pred = [s for lang in LANGS for s in gold_by[lang][pi]]
            out[(level, mode)] = classification_report(all_gold, all_pred, output_dict=True, zero_division=0, **kwargs)
            for lang in LANGS:
                classification_report(gold_by[lang][gi], gold_by[lang][pi], output_dict=True, zero_division=0, **kwargs)
    return out


def main() -> None:
    warnings.simplefilter("ignore", RuntimeWarning)  # seqeval averaging over an all-O inner level
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tokens", type=int, default=1_000_000)
    ap.add_argument("--length", type=int, default=20)
    ap.add_argument("--samples", type=int, default=1000)
    args = ap.parse_args()
    n = args.tokens // args.length
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "preds.jsonl"
        write_predictions(path, n, args.length)
        print(f"predictions: {n} sentences, {n * args.length} tokens, {path.stat().st_size / 1e6:.1f} MB")
        t0 = time.perf_counter()
        ours = run_pipeline(path, n, args.length, args.samples)
        t1 = time.perf_counter()
        theirs = run_seqeval(path, n, args.length)
        t2 = time.perf_counter()
        a, b = t1 - t0, t2 - t1
        same = abs(ours["entities"]["outer"]["strict"]["micro"]["f1"] - theirs[("outer", "strict")]["micro avg"]["f1-score"]) < 1e-12
        same &= abs(ours["entities"]["outer"]["default"]["micro"]["f1"] - theirs[("outer", "default")]["micro avg"]["f1-score"]) < 1e-12
        print(f"bench evaluate pipeline: {a:.2f} s   seqeval directly: {b:.2f} s   overhead: {100 * (a - b) / b:+.1f}%")
        print(f"micro F1 strict {ours['entities']['outer']['strict']['micro']['f1']:.6f}, identical to seqeval: {same}")
        for frac in (4, 2, 1):
            m = n // frac
            small = Path(tmp) / f"preds{frac}.jsonl"
            write_predictions(small, m, args.length)
            tracemalloc.start()
            run_pipeline(small, m, args.length, args.samples)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"peak Python memory for {m * args.length:>9,} tokens ({m:,} sentences): {peak / 1e6:6.1f} MB")
        m = n // 4
        for length in (args.length, 2 * args.length, 4 * args.length):
            small = Path(tmp) / f"long{length}.jsonl"
            write_predictions(small, m, length)
            tracemalloc.start()
            run_pipeline(small, m, length, args.samples)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"peak Python memory for {m * length:>9,} tokens ({m:,} sentences of {length}): {peak / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
