"""Agreement between two independent projection tables of the same translated documents.

Staged tooling for issue 28: the English agreement tool of issue 27
(``annotations/parallel/en/tools/agreement.py``) with the target language as an argument, over
``tools/project.py`` of this folder (which carries ``--lang`` the same way), so that one copy serves
every language (``--lang en … substring`` reproduces the English table of figures). For each
document and kind it compares:
  * T items (entity, trigger, ITEM): the status (projected/lost) and, where both projected,
    the exact span in the translation (character offsets computed from sentence, text and
    occurrence);
  * E and R items: presence (projected/lost); an event's trigger span is compared on the
    trigger's own T row;
and reports counts, percent agreement and Cohen's kappa (scikit-learn) of projected-vs-lost
where both labels occur (kappa is undefined when both readers give every item one label).
It also compares, per event, the set of arguments each table keeps (an argument survives when
its mention is projected; the argument list comes from the original ``.ann``).

Run from the repository root (PYTHONPATH=benchmark):
    python annotations/parallel/ru/tools/agreement.py FIRST_DIR SECOND_DIR [--lang ru] [--counting token|substring] [--originals DIR]
(``--counting``: how the second table counts ``occurrence``, default token) prints a Markdown
report (figures and every disagreement) on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, str(Path(__file__).parent))
import project as P  # noqa: E402
from project import Row, en_id, originals, read_table, token_occurrences  # noqa: E402


def substring_occurrences(text: str, start: int, end: int, surface: str) -> list[tuple[int, int]]:
    """Every place of ``surface`` in text[start:end], also inside longer words."""
    found = []
    i = text.find(surface, start)
    while i != -1 and i + len(surface) <= end:
        found.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return found


def span(row: Row, text: str, sents: list[list[int]], counting: str = "token") -> tuple[int, int] | None:
    """The offsets a row names. ``counting``: how its table counts occurrences, over token-aligned
    matches ("token") or over plain substrings ("substring"); a substring match that does not lie
    on token boundaries is no valid span (None)."""
    if row.status != "projected":
        return None
    if not 1 <= row.sentence <= len(sents):
        return None
    s, e = sents[row.sentence - 1]
    aligned = token_occurrences(text, s, e, row.text)
    found = aligned if counting == "token" else substring_occurrences(text, s, e, row.text)
    k = (row.occurrence or 1) - 1
    if not 0 <= k < len(found) or found[k] not in aligned:
        return None
    return found[k]


def kind_of(row: Row, triggers: set[str]) -> str:
    if row.kind == "T":
        return "trigger" if row.id in triggers else "ITEM" if row.type == "ITEM" else "entity"
    return {"E": "event", "R": "relation"}.get(row.kind, row.kind)


def compare(first: Path, second: Path, second_counting: str = "token", folder: Path = Path("annotations")) -> str:
    out = ["| doc | kind | items | status agree | status % | kappa | span agree (both projected) | span % |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    disagreements: list[str] = []
    arg_notes: list[str] = []
    n_events = n_args_same = 0
    totals: dict[str, list[int]] = {}
    all_a: list[str] = []
    all_b: list[str] = []
    for doc in P.docs_for(P.LANG):
        eid = en_id(doc)
        a_path = first / f"{eid}.projection.tsv"
        if not a_path.exists():
            continue
        text = (P.texts() / f"{eid}.txt").read_text(encoding="utf-8")
        sents = json.loads((P.texts() / f"{eid}.json").read_text(encoding="utf-8"))["sentences"]
        a = {r.id: r for r in read_table(a_path)}
        b_path = second / f"{eid}.projection.tsv"
        if not b_path.exists():
            disagreements.append(f"- {eid}: the second reading has no table")
            continue
        b = {r.id: r for r in read_table(b_path)}
        for ident in sorted(set(a) ^ set(b)):
            disagreements.append(f"- {eid} {ident}: only in {'first' if ident in a else 'second'} table")
        src, _, _ = originals(doc, folder)
        triggers = {e.trigger for e in src.events}
        groups: dict[str, list[str]] = {}
        for ident in a:
            if ident in b:
                groups.setdefault(kind_of(a[ident], triggers), []).append(ident)
        for kind in ("entity", "trigger", "ITEM", "event", "relation"):
            ids = groups.get(kind, [])
            if not ids:
                continue
            sa = [a[i].status for i in ids]
            sb = [b[i].status for i in ids]
            all_a += sa
            all_b += sb
            agree = sum(x == y for x, y in zip(sa, sb))
            kappa = (f"{cohen_kappa_score(sa, sb):.3f}" if len(set(sa) | set(sb)) > 1 else "n/a (one label)")
            both = [i for i in ids if a[i].status == b[i].status == "projected"]
            if kind in ("event", "relation"):
                same = both  # presence only: an event's trigger span is compared on its T row
            else:
                same = [i for i in both if span(a[i], text, sents) is not None
                        and span(a[i], text, sents) == span(b[i], text, sents, second_counting)]
            for i in ids:
                if a[i].status != b[i].status:
                    disagreements.append(f"- {eid} {i} ({kind} {a[i].type}, s{a[i].sentence}): status "
                                         f"{a[i].status} vs {b[i].status} — first {a[i].text!r}, second {b[i].text!r}"
                                         f"; second's note: {b[i].note or '-'}")
                elif i in both and i not in same:
                    disagreements.append(f"- {eid} {i} ({kind} {a[i].type}, s{a[i].sentence}): span "
                                         f"{a[i].text!r} (occ {a[i].occurrence}) vs {b[i].text!r} (occ {b[i].occurrence})"
                                         f"; second's note: {b[i].note or '-'}")
            t = totals.setdefault(kind, [0, 0, 0, 0])
            t[0] += len(ids)
            t[1] += agree
            t[2] += len(both)
            t[3] += len(same)
            spans = (f"{len(same)}/{len(both)} | {100 * len(same) / len(both) if both else 0:.1f}"
                     if kind not in ("event", "relation") else "— | —")
            out.append(f"| {eid} | {kind} | {len(ids)} | {agree} | {100 * agree / len(ids):.1f} | {kappa} | {spans} |")
        for e in src.events:
            if e.id not in a or e.id not in b or a[e.id].status != b[e.id].status == "projected":
                continue
            n_events += 1
            kept_a = {(role, ref) for role, ref in e.args if ref in a and a[ref].status == "projected"}
            kept_b = {(role, ref) for role, ref in e.args if ref in b and b[ref].status == "projected"}
            if kept_a == kept_b:
                n_args_same += 1
            else:
                arg_notes.append(f"- {eid} {e.id}: arguments kept differ — only first {sorted(kept_a - kept_b)}, "
                                 f"only second {sorted(kept_b - kept_a)}")
    for kind, (n_items, n_agree, n_both, n_same) in totals.items():
        spans = (f"{n_same}/{n_both} | {100 * n_same / n_both if n_both else 0:.1f}"
                 if kind not in ("event", "relation") else "— | —")
        out.append(f"| all | {kind} | {n_items} | {n_agree} | {100 * n_agree / n_items:.1f} | | {spans} |")
    kappa_all = (f"{cohen_kappa_score(all_a, all_b):.3f}" if len(set(all_a) | set(all_b)) > 1
                 else "undefined (every item has the same label in both readings)")
    out.append("")
    out.append(f"Cohen's kappa, projected vs lost, all items of all documents: {kappa_all} "
               f"({sum(x == y for x, y in zip(all_a, all_b))}/{len(all_a)} statuses agree).")
    out.append("")
    out.append(f"Events projected in both readings with the same set of kept arguments: {n_args_same}/{n_events}.")
    out.append("")
    out.append("Disagreements:")
    out.append("")
    out += (disagreements + arg_notes) or ["- none"]
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("first", type=Path, help="folder of the first reading's tables")
    ap.add_argument("second", type=Path, help="folder of the second reading's tables")
    ap.add_argument("--lang", default="ru", help="target language (default ru)")
    ap.add_argument("--counting", choices=["token", "substring"], default="token",
                    help="how the second table counts occurrences (default token)")
    ap.add_argument("--originals", type=Path, default=Path("annotations"),
                    help="folder of the original .ann files that were projected (default annotations)")
    opts = ap.parse_args()
    P.LANG = opts.lang
    for folder in (opts.first, opts.second):
        if not folder.is_dir():
            ap.error(f"{folder}: no such folder")
    sys.stdout.write(compare(opts.first, opts.second, opts.counting, opts.originals))


if __name__ == "__main__":
    main()
