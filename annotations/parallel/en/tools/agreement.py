"""Agreement between two independent projection tables of the same translated documents.

Staged tooling for issues 27 and 28 (one copy for every target language, like ``project.py``).
For each document and kind it compares:
  * T items (entity, trigger, ITEM): the status (projected/lost) and, where both projected,
    the exact translated span (character offsets computed from sentence, text and occurrence);
  * E and R items: presence (projected/lost); an event's trigger span is compared on the
    trigger's own T row;
and reports counts, percent agreement and Cohen's kappa (scikit-learn) of projected-vs-lost
where both labels occur (kappa is undefined when both readers project every item).

Run from the repository root (PYTHONPATH=benchmark):
    python annotations/parallel/en/tools/agreement.py FIRST_DIR SECOND_DIR [token|substring] [--lang LANG]
(the third argument: how the second table counts ``occurrence``, default token; ``--lang``: the
target language, default en, whose texts are ``corpus/<NNN>-<LANG>.txt``) prints a Markdown report
(figures and every disagreement) on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from citydiplo.formats.brat import parse_ann

sys.path.insert(0, str(Path(__file__).parent))
from project import Row, docs_for, read_table, texts, token_occurrences, version_id  # noqa: E402


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
    matches ("token", the first reading's tables) or over plain substrings ("substring"); a
    substring match that does not lie on token boundaries is no valid span (None)."""
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


def compare(first: Path, second: Path, second_counting: str = "token", lang: str = "en") -> str:
    out = ["| doc | kind | items | status agree | status % | kappa | span agree (both projected) | span % |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    disagreements: list[str] = []
    totals: dict[str, list[int]] = {}
    all_a: list[str] = []
    all_b: list[str] = []
    for doc in docs_for(lang):
        eid = version_id(doc, lang)
        text = (texts(lang) / f"{eid}.txt").read_text(encoding="utf-8")
        sents = json.loads((texts(lang) / f"{eid}.json").read_text(encoding="utf-8"))["sentences"]
        a = {r.id: r for r in read_table(first / f"{eid}.projection.tsv")}
        b_path = second / f"{eid}.projection.tsv"
        if not b_path.exists():
            disagreements.append(f"- {eid}: the second reading has no table")
            continue
        b = {r.id: r for r in read_table(b_path)}
        for ident in sorted(set(a) ^ set(b)):
            disagreements.append(f"- {eid} {ident}: only in {'first' if ident in a else 'second'} table")
        original = Path("annotations") / f"{doc}.ann"
        triggers = {e.trigger for e in parse_ann(original.read_text(encoding="utf-8"), str(original)).events}
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
    out.append("Disagreements:")
    out.append("")
    out += disagreements or ["- none"]
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("first", type=Path, help="folder of the first reading's tables")
    ap.add_argument("second", type=Path, help="folder of the second reading's tables")
    ap.add_argument("counting", nargs="?", default="token", choices=["token", "substring"],
                    help="how the second table counts occurrence (default token)")
    ap.add_argument("--lang", default="en", help="target language of the versions (default en)")
    opts = ap.parse_args()
    if not (Path('annotations/parallel') / opts.lang).is_dir():
        ap.error(f"--lang {opts.lang}: no folder annotations/parallel/{opts.lang}")
    sys.stdout.write(compare(opts.first, opts.second, opts.counting, opts.lang))


if __name__ == "__main__":
    main()
