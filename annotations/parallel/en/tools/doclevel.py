"""Copy the document-level layer (GUIDELINES part 3) of each original onto its translations.

    PYTHONPATH=benchmark python annotations/parallel/en/tools/doclevel.py [--check]

A translation keeps its original's brat ids (the alignment ids), so its entity clusters are
the original's ``*<TAB>Coref`` lines less the mentions lost in translation (members in the
translation's document order, lines ordered by their first member), and its event records
are the original's ``annotations/records/<doc>.json`` with the translation's ``doc_id`` and
without lost events. This script copies by id and writes; it decides nothing (whether each
cluster and merged record still holds in the target language is checked by a reader, see
``GUIDELINES.md`` part 4 and ``annotations/parallel/<lang>/README.md``). ``--check`` writes
nothing and exits 1 if a file would change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from citydiplo.formats.brat import parse_ann

ANNS = Path("annotations")
CORPUS = Path("corpus")


def coref_lines(original: str, translation: str) -> list[str]:
    """The ``*`` lines of the translation, from the original's, by id."""
    o, t = parse_ann(original), parse_ann(translation)
    start = {tb.id: (tb.start, int(tb.id[1:])) for tb in t.textbounds}
    clusters = []
    for q in o.equivalences:
        members = sorted((m for m in q.members if m in start), key=lambda m: start[m])
        if len(members) > 1:
            clusters.append((q.type, members))
    clusters.sort(key=lambda c: start[c[1][0]])
    return [f"*\t{kind} {' '.join(members)}" for kind, members in clusters]


def with_clusters(original: str, translation: str) -> str:
    kept = [line for line in translation.split("\n") if line and not line.startswith("*")]
    return "\n".join(kept + coref_lines(original, translation)) + "\n"


def records(original: dict, doc_id: str, events: set[str]) -> dict:
    out = []
    for r in original["records"]:
        kept = [e for e in r["events"] if e in events]
        if kept:
            out.append({**r, "events": kept})
    return {"doc_id": doc_id, "records": out}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for meta_path in sorted(CORPUS.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("original", True) is not False:
            continue
        doc, source = meta["id"], meta["translated_from"]
        ann_path, src_ann = ANNS / f"{doc}.ann", ANNS / f"{source}.ann"
        if not ann_path.exists():
            continue
        original, translation = src_ann.read_text(encoding="utf-8"), ann_path.read_text(encoding="utf-8")
        new_ann = with_clusters(original, translation)
        src_rec = ANNS / "records" / f"{source}.json"
        outputs = {ann_path: new_ann}
        if src_rec.exists():
            events = {e.id for e in parse_ann(translation).events}
            rec = records(json.loads(src_rec.read_text(encoding="utf-8")), doc, events)
            outputs[ANNS / "records" / f"{doc}.json"] = json.dumps(rec, ensure_ascii=False, indent=1) + "\n"
        for path, content in outputs.items():
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                changed.append(path)
                if not check:
                    path.write_text(content, encoding="utf-8")
    for path in changed:
        print(("would change " if check else "wrote ") + str(path))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
