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
from pathlib import Path

from citydiplo.formats.brat import parse_ann
from citydiplo.formats.doclevel import RawRecord, parse_records
from citydiplo.scoring.coreference import partition_agreement


def read_coref(path: Path) -> list[list[str]]:
    """The clusters of a pass: its ``*`` lines, read by the project's brat reader."""
    return [list(q.members) for q in parse_ann(path.read_text(encoding="utf-8"), str(path)).equivalences]


def read_records(path: Path) -> list[RawRecord]:
    """The records of a pass, read by the project's records reader (GUIDELINES 3.2)."""
    return list(parse_records(path.read_text(encoding="utf-8"), str(path)).records)


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
                ("records", [list(r.events) for r in ra], [list(r.events) for r in rb], list(ev), ev)):
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
        by_events_b = {tuple(r.events): r for r in rb}
        for r in ra:
            other = by_events_b.get(tuple(r.events))
            if other is None:
                continue
            dates_both += 1
            if r.date == other.date:
                dates_same += 1
            else:
                print(f"  date differs for {list(r.events)}: a {r.date} ({r.date_evidence}) / "
                      f"b {other.date} ({other.date_evidence})")
            if r.realis != other.realis:
                print(f"  realis override differs for {list(r.events)}: a {r.realis} / b {other.realis}")
    print("\n## pooled")
    for layer, (ka, kb, items) in pooled.items():
        agr = partition_agreement(ka, kb, items)
        print(f"{layer}: {agr.items} items; MUC P/R/F {agr.muc.precision:.3f}/{agr.muc.recall:.3f}/{agr.muc.f1:.3f}; "
              f"B3 {agr.b3.f1:.3f}; CEAF-e {agr.ceafe.f1:.3f}; CoNLL F1 {agr.conll_f1:.3f}")
    print(f"dates: {dates_same}/{dates_both} records formed alike by both passes have the same date")


if __name__ == "__main__":
    main()
