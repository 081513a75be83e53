"""Compare the two independent document-level passes (GUIDELINES part 3) and report agreement.

    python annotations/passes/doclevel-tools/compare.py [--root .] [--markdown]

Reads, for each gold document with both passes, ``annotations/passes/doclevel-a/<doc>.coref``
and ``…-b/<doc>.coref`` (brat ``*<TAB>Coref T.. T..`` lines) and ``<doc>.records.json``, takes
every T id that is not an event trigger (entity clusters) and E id (event records) of the gold ``.ann`` as the items, and
prints MUC, B³, CEAF-e and CoNLL F1 (``citydiplo.scoring.coreference``; pass a as key; the
figures are symmetric up to swapping precision and recall) per document and pooled, the date
agreement of the records both passes formed alike, and every disagreement for adjudication.
It checks and compares; it decides nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from citydiplo.formats.brat import parse_ann
from citydiplo.scoring.coreference import partition_agreement


def read_coref(path: Path) -> list[list[str]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        star, body = line.split("\t", 1)
        kind, *members = body.split()
        if star != "*" or kind != "Coref" or len(members) < 2:
            raise SystemExit(f"{path}:{n}: expected '*<TAB>Coref T.. T..'")
        out.append(members)
    return out


def read_records(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["records"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=".")
    ap.add_argument("--passes", nargs=2, default=["doclevel-a", "doclevel-b"])
    args = ap.parse_args()
    root = Path(args.root)
    pa, pb = (root / "annotations" / "passes" / p for p in args.passes)
    pooled: dict[str, list] = {"clusters": [[], [], []], "records": [[], [], []]}
    dates_same = dates_both = 0
    for ann_path in sorted((root / "annotations").glob("*.ann")):
        doc = ann_path.stem
        if not (pa / f"{doc}.coref").exists() or not (pb / f"{doc}.coref").exists():
            continue
        ann = parse_ann(ann_path.read_text(encoding="utf-8"), str(ann_path))
        triggers = {e.trigger for e in ann.events}
        text = {t.id: f"{t.type} {t.text!r}" for t in ann.textbounds if t.id not in triggers}
        trig = {t.id: t.text for t in ann.textbounds}
        ev = {e.id: f"{e.type} {trig.get(e.trigger, '?')!r}" for e in ann.events}
        ca, cb = read_coref(pa / f"{doc}.coref"), read_coref(pb / f"{doc}.coref")
        ra, rb = read_records(pa / f"{doc}.records.json"), read_records(pb / f"{doc}.records.json")
        print(f"\n## {doc}")
        for layer, ka, kb, items, label in (
                ("clusters", ca, cb, list(text), text),
                ("records", [r["events"] for r in ra], [r["events"] for r in rb], list(ev), ev)):
            agr = partition_agreement(ka, kb, items)
            print(f"{layer}: {agr.items} items; a {agr.key_clusters} / b {agr.response_clusters} groups; "
                  f"MUC {agr.muc.f1:.3f} B3 {agr.b3.f1:.3f} CEAF-e {agr.ceafe.f1:.3f} CoNLL {agr.conll_f1:.3f}")
            for store, groups in ((0, ka), (1, kb)):
                pooled[layer][store].extend([f"{doc}:{m}" for m in g] for g in groups)
            pooled[layer][2].extend(f"{doc}:{m}" for m in items)
            sa = {frozenset(g) for g in ka if len(g) > 1}
            sb = {frozenset(g) for g in kb if len(g) > 1}
            for side, only in (("a only", sa - sb), ("b only", sb - sa)):
                for g in sorted(only, key=lambda g: sorted(g)):
                    print(f"  {side}: " + " | ".join(f"{m} {label.get(m, '?')}" for m in sorted(g, key=lambda x: int(x[1:]))))
        by_events_b = {tuple(r["events"]): r for r in rb}
        for r in ra:
            other = by_events_b.get(tuple(r["events"]))
            if other is None:
                continue
            dates_both += 1
            if r.get("date") == other.get("date"):
                dates_same += 1
            else:
                print(f"  date differs for {r['events']}: a {r.get('date')} ({r.get('date_evidence')}) / "
                      f"b {other.get('date')} ({other.get('date_evidence')})")
            if r.get("realis") != other.get("realis"):
                print(f"  realis override differs for {r['events']}: a {r.get('realis')} / b {other.get('realis')}")
    print("\n## pooled")
    for layer, (ka, kb, items) in pooled.items():
        agr = partition_agreement(ka, kb, items)
        print(f"{layer}: {agr.items} items; MUC P/R/F {agr.muc.precision:.3f}/{agr.muc.recall:.3f}/{agr.muc.f1:.3f}; "
              f"B3 {agr.b3.f1:.3f}; CEAF-e {agr.ceafe.f1:.3f}; CoNLL F1 {agr.conll_f1:.3f}")
    print(f"dates: {dates_same}/{dates_both} records formed alike by both passes have the same date")


if __name__ == "__main__":
    main()
