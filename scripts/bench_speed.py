"""Speed and memory of the public scoring call against its peers, on the same data, in one process.

Makes synthetic gold and prediction records of N tokens (sentences of 20 tokens, ~9% outer
and ~3% inner entity tokens, noisy predictions, an event in a third of the sentences), as
a user holds them: dicts of the predictions format, gold with ``language`` and ``tokens``.
Then, in one process, for each size (default 100,000, 1,000,000 and 4,000,000 tokens), times:

  citydiplo.score(predictions, gold=gold)              what a user calls: checking every
                                                        record, entities (both modes and
                                                        levels, per type and language),
                                                        events, the partial-match, linking,
                                                        trigger-overlap and string-track
                                                        blocks and the 95% intervals of all
                                                        eight F1s (and of the headline per
                                                        language);
  citydiplo.score(..., blocks=())                      the headline blocks only;
  seqeval f1_score(mode="strict", scheme=IOB2)         one strict micro F1 of the outer tags;
and at the main size (--main, default 1,000,000) also
  seqeval classification_report(mode="strict", scheme=IOB2)
  nervaluate Evaluator(loader="list").evaluate()       its four modes on the outer tags.

Timings are noisy on a shared machine, so each round runs every call once, in an order
rotated from round to round, and the script reports the median over rounds of each call's
time and of its ratio to seqeval's f1_score in the same round, with the smallest and
largest ratio. Peak memory (tracemalloc; the records exist before it starts) of the
default score and of seqeval's f1_score, measured apart from the timings. It checks that
the strict and default micro F1 and the strict per-type figures equal seqeval's bit for
bit, and the outer level's partial-match counts nervaluate's.

    python scripts/bench_speed.py [--sizes 100000,1000000,4000000] [--main 1000000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import statistics
import time
import tracemalloc
import warnings
from typing import Any, Callable

import citydiplo
from citydiplo.corpus.benchmark import load_inventory

LANGS = ("lv", "ru", "fa", "uk", "vi")
TYPES = load_inventory().ner_types  # the schema's labels


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


@functools.lru_cache(maxsize=None)
def _words(length: int) -> list[str]:
    """The words of a synthetic sentence (the string track reads spans back as their text)."""
    return [f"word{i}" for i in range(length)]


def sentence(k: int, length: int) -> tuple[dict, dict]:
    """Deterministic gold record and noisy prediction record of synthetic sentence ``k``."""
    rng = random.Random(k)
    outer, inner = _tags(rng, length, 0.05), _tags(rng, length, 0.015)
    events = []
    if rng.random() < 1 / 3:
        a = rng.randrange(length - 1)
        events.append({"type": rng.choice(("MEET", "VISIT")), "trigger": [a, a + 1], "realis": "ACTUAL",
                       "arguments": [{"role": "Time", "span": [a + 1, min(length, a + 3)]}]})
    sid = f"{LANGS[k % 5]}-{k}"
    gold = {"id": sid, "language": LANGS[k % 5], "tokens": _words(length), "ner_tags": outer, "ner_tags_inner": inner,
            "events": events, "relations": []}
    pred_events = [{**e, "type": e["type"] if rng.random() < 0.8 else "MEET"} for e in events]
    pred = {"id": sid, "ner_tags": _noisy(rng, outer, 0.1), "ner_tags_inner": _noisy(rng, inner, 0.03),
            "events": pred_events, "relations": []}
    return gold, pred


def make(tokens: int, length: int) -> tuple[list[dict], list[dict]]:
    pairs = [sentence(k, length) for k in range(tokens // length)]
    return [g for g, _ in pairs], [p for _, p in pairs]


def calls(gold: list[dict], preds: list[dict], peers: bool) -> dict[str, Callable[[], Any]]:
    from nervaluate import Evaluator
    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2

    y_true = [g["ner_tags"] for g in gold]
    y_pred = [p["ner_tags"] for p in preds]
    out: dict[str, Callable[[], Any]] = {
        "citydiplo.score(predictions, gold=...)": lambda: citydiplo.score(preds, gold=gold),
        "citydiplo.score(..., blocks=())": lambda: citydiplo.score(preds, gold=gold, blocks=()),
        "seqeval f1_score strict": lambda: f1_score(y_true, y_pred, mode="strict", scheme=IOB2),
    }
    if peers:
        out["seqeval classification_report strict"] = lambda: classification_report(
            y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
        out["nervaluate Evaluator(loader='list')"] = lambda: Evaluator(y_true, y_pred, tags=list(TYPES),
                                                                       loader="list").evaluate()
    return out


REFERENCE = "seqeval f1_score strict"


def timed_rounds(fns: dict[str, Callable[[], Any]], rounds: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Each round calls every function once, the order rotated by one each round."""
    names = list(fns)
    times: dict[str, list[float]] = {k: [] for k in names}
    outputs: dict[str, Any] = {}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            gc.collect()
            t0 = time.perf_counter()
            outputs[name] = fns[name]()
            times[name].append(time.perf_counter() - t0)
    return times, outputs


def peak(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    fn()
    out = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out


def checks(outputs: dict[str, Any], gold: list[dict], preds: list[dict]) -> dict[str, bool]:
    from seqeval.metrics import f1_score

    results = outputs["citydiplo.score(predictions, gold=...)"]
    y_true = [g["ner_tags"] for g in gold]
    y_pred = [p["ner_tags"] for p in preds]
    strict = results.entity_block("outer", "strict")
    out = {
        "strict micro F1 = f1_score": strict["micro"]["f1"] == outputs[REFERENCE],
        "default micro F1 = f1_score (default mode)":
            results.entity_block("outer", "default")["micro"]["f1"] == f1_score(y_true, y_pred),
        "headline-only figures = default call's": outputs["citydiplo.score(..., blocks=())"].headline == results.headline,
    }
    report = outputs.get("seqeval classification_report strict")
    if report is not None:
        out["strict per-type P/R/F1 = classification_report"] = all(
            (c["precision"], c["recall"], c["f1"], c["gold"])
            == (report[t]["precision"], report[t]["recall"], report[t]["f1-score"], report[t]["support"])
            for t, c in strict["per_type"].items())
    ner = outputs.get("nervaluate Evaluator(loader='list')")
    if ner is not None:
        ours = results.extra["partial"]["outer"]
        out["outer partial-match counts = nervaluate"] = all(
            tuple(ours[mode][c] for c in ("correct", "incorrect", "partial", "missed", "spurious"))
            == tuple(getattr(ner["overall"][name], c) for c in ("correct", "incorrect", "partial", "missed", "spurious"))
            for mode, name in (("strict", "strict"), ("exact", "exact"), ("partial", "partial"), ("type", "ent_type")))
    return out


def main() -> None:
    warnings.simplefilter("ignore", RuntimeWarning)  # seqeval averaging over empty label sets
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000,4000000", help="token counts, comma-separated")
    ap.add_argument("--main", type=int, default=1_000_000, help="the size timed against every peer")
    ap.add_argument("--length", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--memory", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    summary = []
    for size in sizes:
        gold, preds = make(size, args.length)
        tokens = len(gold) * args.length
        share = [100 * sum(t != "O" for g in gold for t in g[f]) / tokens for f in ("ner_tags", "ner_tags_inner")]
        print(f"\n{len(gold):,} sentences, {tokens:,} tokens ({share[0]:.1f}% outer, {share[1]:.1f}% inner entity "
              f"tokens), {sum(len(g['events']) for g in gold):,} gold events; {args.rounds} rounds, order rotated")
        times, outputs = timed_rounds(calls(gold, preds, size == args.main), args.rounds)
        ratios = {k: [t / r for t, r in zip(v, times[REFERENCE])] for k, v in times.items()}
        print(f"{'call':<44} {'median s':>9} {'x f1_score (median)':>20} {'min-max':>13}")
        for name, ts in times.items():
            rs = ratios[name]
            print(f"{name:<44} {statistics.median(ts):>9.2f} {statistics.median(rs):>19.2f}x "
                  f"{min(rs):>6.2f}-{max(rs):.2f}")
        print("checks: " + "; ".join(f"{k}: {v}" for k, v in checks(outputs, gold, preds).items()))
        del outputs
        mem = None
        if args.memory:
            fns = calls(gold, preds, False)
            ours, theirs = peak(fns["citydiplo.score(predictions, gold=...)"]), peak(fns[REFERENCE])
            mem = ours / theirs
            print(f"peak memory: citydiplo.score {ours / 1e6:.1f} MB, seqeval f1_score {theirs / 1e6:.1f} MB "
                  f"({mem:.2f}x; {ours / len(gold):.0f} bytes per sentence)")
        summary.append((tokens, statistics.median(times["citydiplo.score(predictions, gold=...)"]),
                        statistics.median(ratios["citydiplo.score(predictions, gold=...)"]), mem))
        del gold, preds
    print(f"\n{'tokens':>10} {'citydiplo.score s':>18} {'s per 1M tokens':>16} {'x f1_score':>11} {'memory x seqeval':>17}")
    for tokens, t, ratio, mem in summary:
        print(f"{tokens:>10,} {t:>18.2f} {t / tokens * 1e6:>16.2f} {ratio:>10.2f}x "
              f"{f'{mem:.2f}x' if mem is not None else '-':>17}")


if __name__ == "__main__":
    main()
