"""Speed and memory of the benchmark's scoring, against its fair peers, in one process.

Makes a synthetic gold set and a noisy predictions file of N tokens (default 1,000,000:
sentences of 20 tokens, ~10% outer and ~3% inner entity tokens, an event in a third of
the sentences), then times, on the same data in the same run (best of --repeat runs each):

  full report     ``bench evaluate``'s whole path: streaming the predictions file, checking
                  every record, entities (strict and default mode, outer and inner level,
                  per type and per language), events and relations, and the 95% bootstrap
                  intervals of the four headlines (--samples resamples, default 1,000);
    + secondary   the same with the secondary blocks ``bench evaluate`` adds (partial-match
                  modes through nervaluate, linking, trigger overlap, their intervals);
  entities alone  the entity figures only (both modes, both levels, per type and language)
                  from the tag lists in memory;
and the peers, each given the outer-level tag lists in memory:
  seqeval f1_score(mode="strict", scheme=IOB2)            one strict micro F1;
  seqeval classification_report(mode="strict", scheme=IOB2)  strict per-type figures;
  nervaluate Evaluator(loader="list").evaluate()          its strict/exact/partial/type figures.
It prints each time and its ratio to seqeval's f1_score, and checks that the strict and
default micro F1 and the strict per-type figures equal seqeval's, bit for bit.

Memory (``--memory``, on by default): the peak Python allocation (tracemalloc) of the full
report for 1/4, 1/2 and all of the sentences, and for 1/4 of them made 2 and 4 times
longer, with the bytes per sentence and per token that the peaks imply.

    python scripts/bench_speed.py [--tokens 1000000] [--length 20] [--samples 1000] [--repeat 3] [--no-memory]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Mapping
from pathlib import Path

from citydiplo.formats.model import TokenArgument, TokenEvent
from citydiplo.formats.predictions import GoldShape, read_predictions
from citydiplo.formats.records import SentenceRecord
from citydiplo.corpus.benchmark import load_inventory
from citydiplo.scoring.entities import EntityTally
from citydiplo.scoring.scorer import score

LANGS = ("lv", "ru", "fa", "uk", "vi")
INVENTORY = load_inventory()  # the schema's labels
TYPES = INVENTORY.ner_types


def _tags(rng: random.Random, length: int, rate: float) -> list[str]:
    tags = ["O"] * length
    i = 0
    while i < length:
        if rng.random() < rate:
            t, n = rng.choice(TYPES), rng.randint(1, 3)
            for k in range(i, min(i + n, length)):
                tags[k] = ("B-" if k == i else "I-") + t
            i += n
        else:
            i += 1
    return tags


def _noisy(rng: random.Random, gold: list[str], noise: float) -> list[str]:
    return [rng.choice(("O", "B-" + rng.choice(TYPES), "I-" + rng.choice(TYPES))) if rng.random() < noise else g
            for g in gold]


def sentence(k: int, length: int) -> tuple[SentenceRecord, dict]:
    """Deterministic gold record and noisy prediction record of synthetic sentence ``k``."""
    rng = random.Random(k)
    outer, inner = _tags(rng, length, 0.05), _tags(rng, length, 0.015)
    events = []
    if rng.random() < 1 / 3:
        a = rng.randrange(length - 1)
        events.append(TokenEvent(rng.choice(("MEET", "VISIT")), (a, a + 1), "ACTUAL",
                                 (TokenArgument("Time", (a + 1, min(length, a + 3))),)))
    sid = f"{LANGS[k % 5]}-{k}"
    gold = SentenceRecord(sid, LANGS[k % 5], LANGS[k % 5], k, 0, 0, [None] * length, outer, inner, events)
    pred_events = [{"type": e.type if rng.random() < 0.8 else "MEET", "trigger": list(e.trigger), "realis": "ACTUAL",
                    "arguments": [{"role": a.role, "span": list(a.span)} for a in e.arguments]} for e in events]
    pred = {"id": sid, "ner_tags": _noisy(rng, outer, 0.1), "ner_tags_inner": _noisy(rng, inner, 0.03),
            "events": pred_events, "relations": []}
    return gold, pred


class Shapes(Mapping):
    """Every synthetic sentence has the same shape; made on demand."""

    def __init__(self, n: int, length: int) -> None:
        self.n, self.shape = n, GoldShape(length)

    def __getitem__(self, sid: str) -> GoldShape:
        k = int(sid.rsplit("-", 1)[1])
        if not 0 <= k < self.n or sid != f"{LANGS[k % 5]}-{k}":
            raise KeyError(sid)
        return self.shape

    def __iter__(self):
        return (f"{LANGS[k % 5]}-{k}" for k in range(self.n))

    def __len__(self) -> int:
        return self.n


class LazyGold(Mapping):
    """Gold records made from their id when asked (so that they take no memory)."""

    def __init__(self, n: int, length: int) -> None:
        self.n, self.length = n, length

    def __getitem__(self, sid: str) -> SentenceRecord:
        return sentence(int(sid.rsplit("-", 1)[1]), self.length)[0]

    def __iter__(self):
        return iter(Shapes(self.n, self.length))

    def __len__(self) -> int:
        return self.n


def write_predictions(path: Path, n: int, length: int) -> dict[str, SentenceRecord]:
    gold = {}
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            g, p = sentence(k, length)
            gold[g.id] = g
            fh.write(json.dumps(p) + "\n")
    return gold


def full_report(path: Path, gold: Mapping[str, SentenceRecord], n: int, length: int, samples: int,
                secondary: bool = False):
    """What ``bench evaluate FILE`` computes: by default the headline report (both modes and
    levels, per type and language, events, intervals); with ``secondary``, also the
    partial-match (nervaluate), linking and trigger-overlap blocks."""
    preds = read_predictions(str(path), Shapes(n, length), INVENTORY)
    return score(gold, preds, secondary=secondary).results(samples=samples)


def entities_alone(gold: list[SentenceRecord], pred: list[dict]) -> dict:
    outer, inner = EntityTally(), EntityTally()
    for g, p in zip(gold, pred):
        outer.add(g.ner_tags, p["ner_tags"], g.language)
        inner.add(g.ner_tags_inner, p["ner_tags_inner"], g.language)
    return {"outer": outer.block(), "inner": inner.block()}


def timed(fn, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_memory(tmp: Path, n: int, length: int, samples: int) -> int:
    path = tmp / f"mem-{n}-{length}.jsonl"
    write_predictions(path, n, length)
    tracemalloc.start()
    full_report(path, LazyGold(n, length), n, length, samples)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    warnings.simplefilter("ignore", RuntimeWarning)  # seqeval averaging over empty label sets
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tokens", type=int, default=1_000_000)
    ap.add_argument("--length", type=int, default=20)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs for each figure")
    ap.add_argument("--memory", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args()

    from nervaluate import Evaluator
    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2

    n = args.tokens // args.length
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "preds.jsonl"
        gold = write_predictions(path, n, args.length)
        gold_list = list(gold.values())
        pred_list = [json.loads(line) for line in path.open(encoding="utf-8")]
        y_true = [g.ner_tags for g in gold_list]
        y_pred = [p["ner_tags"] for p in pred_list]
        entity_tokens = sum(t != "O" for s in y_true for t in s)
        inner_tokens = sum(t != "O" for g in gold_list for t in g.ner_tags_inner)
        print(f"data: {n:,} sentences, {n * args.length:,} tokens ({100 * entity_tokens / (n * args.length):.1f}% outer, "
              f"{100 * inner_tokens / (n * args.length):.1f}% inner entity tokens), "
              f"{sum(len(g.events) for g in gold_list):,} gold events, predictions file {path.stat().st_size / 1e6:.1f} MB")

        figures = [
            ("full report (file, checks, entities, events, CIs)",
             lambda: full_report(path, gold, n, args.length, args.samples)),
            ("  + partial-match (nervaluate), linking, trigger-overlap blocks",
             lambda: full_report(path, gold, n, args.length, args.samples, secondary=True)),
            ("entities alone (both modes and levels, per type and language)",
             lambda: entities_alone(gold_list, pred_list)),
            ("seqeval f1_score strict", lambda: f1_score(y_true, y_pred, mode="strict", scheme=IOB2)),
            ("seqeval classification_report strict",
             lambda: classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)),
            ("nervaluate Evaluator(loader='list').evaluate()",
             lambda: Evaluator(y_true, y_pred, tags=list(TYPES), loader="list").evaluate()),
        ]
        times, outputs = {}, {}
        for label, fn in figures:
            times[label], outputs[label] = timed(fn, args.repeat)
        reference = times["seqeval f1_score strict"]
        print(f"\n{'scoring ' + format(n * args.length, ',') + ' tokens':<66} {'seconds':>8} {'x f1_score':>11}")
        for label, _ in figures:
            print(f"{label:<66} {times[label]:>8.2f} {times[label] / reference:>10.2f}x")

        results = outputs[figures[0][0]]
        alone = outputs[figures[2][0]]
        with_secondary = outputs[figures[1][0]]
        report = outputs["seqeval classification_report strict"]
        strict = results.entity_block("outer", "strict")
        checks = {
            "strict micro F1 = f1_score": strict["micro"]["f1"] == outputs["seqeval f1_score strict"],
            "default micro F1 = f1_score (default mode)": results.entity_block("outer", "default")["micro"]["f1"]
            == f1_score(y_true, y_pred),
            "strict per-type P/R/F1 = classification_report": all(
                (c["precision"], c["recall"], c["f1"], c["gold"])
                == (report[t]["precision"], report[t]["recall"], report[t]["f1-score"], report[t]["support"])
                for t, c in strict["per_type"].items()),
            "entities alone = full report": alone["outer"]["strict"] == strict,
            "secondary blocks change no headline figure": with_secondary.headline == results.headline,
        }
        print(f"\nstrict micro F1 {strict['micro']['f1']:.6f}; " + "; ".join(f"{k}: {v}" for k, v in checks.items()))

        if args.memory:
            print("\npeak Python memory of the full report (tracemalloc; gold made on demand, not held):")
            peaks = {}
            for m, length in ((n // 4, args.length), (n // 2, args.length), (n, args.length),
                              (n // 4, 2 * args.length), (n // 4, 4 * args.length)):
                peaks[(m, length)] = peak_memory(tmp, m, length, args.samples)
                print(f"  {m:>9,} sentences of {length:>3} tokens ({m * length:>10,} tokens): {peaks[(m, length)] / 1e6:7.1f} MB")
            per_sentence = (peaks[(n, args.length)] - peaks[(n // 4, args.length)]) / (n - n // 4)
            per_token = (peaks[(n // 4, 4 * args.length)] - peaks[(n // 4, args.length)]) / (n // 4 * 3 * args.length)
            print(f"  growth: {per_sentence:.0f} bytes per sentence (at {args.length} tokens each); "
                  f"{per_token:.1f} bytes per extra token at a fixed number of sentences")


if __name__ == "__main__":
    main()
