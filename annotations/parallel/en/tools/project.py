"""Project the gold of an original onto a translated version, from a hand-made projection table.

Staged tooling for issues 27 and 28 (not part of the citydiplo package), one copy for every
target language. The projection table ``annotations/parallel/<LANG>/<NNN>-<LANG>.projection.tsv``
is the hand decision: for every original item (T, E, R; A and N follow their target) it names
the translated surface, which occurrence of it in the aligned sentence, and whether the item is
projected or lost. This script only computes offsets, writes the ``.ann`` with the SAME ids as
the original (the alignment ids), counts the losses and checks the result with the project's own
reader and validator. It never decides a span.

Run from the repository root (PYTHONPATH=benchmark):
    python annotations/parallel/en/tools/project.py build  [--originals DIR] [--lang LANG]
    python annotations/parallel/en/tools/project.py check  [--originals DIR] [--lang LANG]
``--originals`` is the folder holding the original ``<doc>.ann`` files that were projected
(gold 0.2.0; default ``annotations``); ``--lang`` the target language (default ``en``): its
versions' texts and gold live beside the originals (``corpus/<NNN>-<LANG>.txt|.json``,
``annotations/<NNN>-<LANG>.ann``), their tables and ``LOSSES.tsv`` in
``annotations/parallel/<LANG>/``, and the original written in that language (if any) is
skipped. ``build`` writes the ``.ann`` without the document-level layer: run
``tools/doclevel.py`` after it (it copies the original's clusters and records by id).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from citydiplo.annotation.validate import check_annotations
from citydiplo.formats.brat import parse_ann, serialize_ann
from citydiplo.formats.model import Annotations, Attribute, EventRecord, Normalization, RelationRecord, Sentence, TextBound
from citydiplo.formats.schema import load_schema
from citydiplo.formats.tokens import tokenize

DOCS = ("000-lv", "001-ru", "002-fa", "003-uk", "004-vi")
COLUMNS = ["id", "kind", "type", "sentence", "text", "occurrence", "status", "note"]
ANNS = Path("annotations")  # the projected gold, <NNN>-<LANG>.ann, beside the originals
TEXTS = Path("corpus")  # <NNN>-<LANG>.txt and .json, beside the originals


def here(lang: str) -> Path:
    """The projection tables and LOSSES.tsv of ``lang``'s versions."""
    return Path("annotations/parallel") / lang


def texts(lang: str) -> Path:
    """Where the versions' texts and metadata are: the corpus, beside the originals."""
    return TEXTS


def anns(lang: str) -> Path:
    """Where the versions' projected gold is: ``annotations/<NNN>-<lang>.ann``, beside the originals."""
    return ANNS


def version_id(doc: str, lang: str) -> str:
    return doc.split("-")[0] + "-" + lang


def docs_for(lang: str) -> tuple[str, ...]:
    """The originals that have a version in ``lang`` (all but the one written in it)."""
    return tuple(d for d in DOCS if d.split("-")[1] != lang)


@dataclass(frozen=True)
class Row:
    id: str
    kind: str
    type: str
    sentence: int
    text: str
    occurrence: int | None
    status: str
    note: str


def en_id(doc: str) -> str:
    return version_id(doc, "en")


def read_table(path: Path) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames != COLUMNS:
            sys.exit(f"{path}: columns must be {COLUMNS}, found {reader.fieldnames}")
        for n, rec in enumerate(reader, 2):
            if rec["status"] not in ("projected", "lost"):
                sys.exit(f"{path}:{n}: status must be projected or lost, found {rec['status']!r}")
            occ = rec["occurrence"].strip()
            rows.append(Row(rec["id"], rec["kind"], rec["type"], int(rec["sentence"]), rec["text"],
                            int(occ) if occ else None, rec["status"], rec["note"] or ""))
    return rows


def write_table(path: Path, rows: list[Row]) -> None:
    lines = ["\t".join(COLUMNS)]
    for r in rows:
        cells = [r.id, r.kind, r.type, str(r.sentence), r.text, "" if r.occurrence is None else str(r.occurrence),
                 r.status, r.note]
        if any("\t" in c or "\n" in c for c in cells):
            sys.exit(f"{path}: a cell of {r.id} holds a tab or a line break")
        lines.append("\t".join(cells))
    _write(path, "\n".join(lines) + "\n")


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
    os.replace(tmp, path)


def token_occurrences(text: str, start: int, end: int, surface: str) -> list[tuple[int, int]]:
    """Every place in text[start:end] where ``surface`` starts and ends on token boundaries."""
    toks = tokenize(text)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    found = []
    i = text.find(surface, start)
    while i != -1 and i + len(surface) <= end:
        if i in starts and i + len(surface) in ends:
            found.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return found


def locate(text: str, sentences: list[list[int]], row: Row, where: str) -> tuple[int, int]:
    s, e = sentences[row.sentence - 1]
    found = token_occurrences(text, s, e, row.text)
    if not found:
        sys.exit(f"{where}: {row.id} {row.text!r} is not a token-aligned string of sentence {row.sentence}")
    if row.occurrence is None and len(found) > 1:
        sys.exit(f"{where}: {row.id} {row.text!r} occurs {len(found)} times in sentence {row.sentence}: "
                 "give the occurrence")
    k = (row.occurrence or 1) - 1
    if not 0 <= k < len(found):
        sys.exit(f"{where}: {row.id} {row.text!r}: occurrence {k + 1} of {len(found)}")
    return found[k]


def originals(doc: str, folder: Path) -> tuple[Annotations, str, list[list[int]]]:
    ann = parse_ann((folder / f"{doc}.ann").read_text(encoding="utf-8"), str(folder / f"{doc}.ann"))
    text = Path("corpus", f"{doc}.txt").read_text(encoding="utf-8")
    sents = json.loads(Path("corpus", f"{doc}.json").read_text(encoding="utf-8"))["sentences"]
    return ann, text, sents


def project(doc: str, folder: Path, lang: str = "en") -> tuple[Annotations, dict[str, list[str]]]:
    """The translated Annotations and, per kind, the ids of the original items that were not projected."""
    src, _, _ = originals(doc, folder)
    eid = version_id(doc, lang)
    text = (texts(lang) / f"{eid}.txt").read_text(encoding="utf-8")
    sents = json.loads((texts(lang) / f"{eid}.json").read_text(encoding="utf-8"))["sentences"]
    table = here(lang) / f"{eid}.projection.tsv"
    rows = {r.id: r for r in read_table(table)}
    expected = {t.id for t in src.textbounds} | {e.id for e in src.events} | {r.id for r in src.relations}
    if set(rows) != expected:
        sys.exit(f"{table}: ids missing {sorted(expected - set(rows))}, unknown {sorted(set(rows) - expected)}")
    out = Annotations()
    lost: dict[str, list[str]] = {}

    def lose(kind: str, ident: str) -> None:
        lost.setdefault(kind, []).append(ident)

    triggers = {e.trigger for e in src.events}
    for t in src.textbounds:
        row = rows[t.id]
        kind = "trigger" if t.id in triggers else "ITEM" if t.type == "ITEM" else "entity"
        if row.type != t.type or row.kind != "T":
            sys.exit(f"{table}: {t.id} is T {t.type} in the original, the table says {row.kind} {row.type}")
        if row.status == "lost":
            lose(kind, t.id)
            continue
        start, end = locate(text, sents, row, str(table))
        out.textbounds.append(TextBound(t.id, t.type, start, end, text[start:end]))
    kept = {t.id for t in out.textbounds}
    for e in src.events:
        row = rows[e.id]
        if row.status == "lost" or e.trigger not in kept:
            lose("event", e.id)
            for role, ref in e.args:
                lose("argument", f"{e.id}:{role}:{ref}")
            continue
        args = []
        for role, ref in e.args:
            if ref in kept:
                args.append((role, ref))
            else:
                lose("argument", f"{e.id}:{role}:{ref}")
        # renumber repeated roles as brat does (Participant, Participant2, ...) after a loss
        seen: dict[str, int] = {}
        renumbered = []
        for role, ref in args:
            base = role.rstrip("0123456789")
            seen[base] = seen.get(base, 0) + 1
            renumbered.append((base if seen[base] == 1 else f"{base}{seen[base]}", ref))
        out.events.append(EventRecord(e.id, e.type, e.trigger, tuple(renumbered)))
    kept_e = {e.id for e in out.events}
    for r in src.relations:
        row = rows[r.id]
        if row.status == "lost" or r.arg1 not in kept or r.arg2 not in kept:
            lose("relation", r.id)
            continue
        a1, a2 = r.arg1, r.arg2
        # symmetric relation: Arg1 is the first mention in the translated text
        if next(t for t in out.textbounds if t.id == a1).start > next(t for t in out.textbounds if t.id == a2).start:
            a1, a2 = a2, a1
        out.relations.append(RelationRecord(r.id, r.type, a1, a2))
    kept_r = {r.id for r in out.relations}
    for a in src.attributes:
        if a.target in kept_e or a.target in kept_r:
            out.attributes.append(Attribute(a.id, a.name, a.target, a.value))
        else:
            lose("attribute", a.id)
    en_text = {t.id: t.text for t in out.textbounds}
    for n in src.normalizations:
        if n.target in kept:
            out.normalizations.append(Normalization(n.id, n.target, n.db, n.db_id, en_text[n.target]))
        else:
            lose("normalisation", n.id)
    return out, lost


def check(doc: str, folder: Path, lang: str = "en") -> list[str]:
    """Every problem of the translated .ann: reader, validator (token boundaries, text equality,
    sentences, nesting, schema, GeoNames/ISO), and alignment with the original."""
    eid = version_id(doc, lang)
    path = anns(lang) / f"{eid}.ann"
    content = path.read_text(encoding="utf-8")
    ann = parse_ann(content, str(path))
    text = (texts(lang) / f"{eid}.txt").read_text(encoding="utf-8")
    sents = json.loads((texts(lang) / f"{eid}.json").read_text(encoding="utf-8"))["sentences"]
    schema = load_schema(Path("annotations"))
    lines = {line.split("\t", 1)[0]: i for i, line in enumerate(content.split("\n"), 1) if line}
    problems = [str(p) for p in check_annotations(ann, text, schema, str(path), lines,
                                                  [Sentence(s, e) for s, e in sents])]
    src, otext, osents = originals(doc, folder)

    def sent_of(spans: list[list[int]], offset: int) -> int:
        return next(i for i, (s, e) in enumerate(spans) if s <= offset < e)

    otb = {t.id: t for t in src.textbounds}
    for t in ann.textbounds:
        o = otb.get(t.id)
        if o is None:
            problems.append(f"{path}: {t.id} has no original")
        elif o.type != t.type:
            problems.append(f"{path}: {t.id} is {t.type}, the original {o.type}")
        elif sent_of(osents, o.start) != sent_of(sents, t.start):
            problems.append(f"{path}: {t.id} lies in sentence {sent_of(sents, t.start) + 1}, "
                            f"the original in {sent_of(osents, o.start) + 1}")
    oev = {e.id: e for e in src.events}
    for e in ann.events:
        oe = oev.get(e.id)
        if oe is None or oe.type != e.type or oe.trigger != e.trigger:
            problems.append(f"{path}: {e.id} differs from the original in type or trigger")
        elif not {ref for _, ref in e.args} <= {ref for _, ref in oe.args}:
            problems.append(f"{path}: {e.id} has arguments the original has not")
    ore = {r.id: r for r in src.relations}
    for r in ann.relations:
        orr = ore.get(r.id)
        if orr is None or {orr.arg1, orr.arg2} != {r.arg1, r.arg2}:
            problems.append(f"{path}: {r.id} differs from the original")
    oat = {a.id: a for a in src.attributes}
    for a in ann.attributes:
        if oat.get(a.id) != a:
            problems.append(f"{path}: {a.id} differs from the original")
    onz = {n.id: n for n in src.normalizations}
    for n in ann.normalizations:
        on = onz.get(n.id)
        if on is None or (on.target, on.db, on.db_id) != (n.target, n.db, n.db_id):
            problems.append(f"{path}: {n.id} differs from the original")
    if serialize_ann(ann) != content:
        problems.append(f"{path}: not in the reader's canonical form")
    return problems


KINDS = ("entity", "ITEM", "trigger", "event", "argument", "relation", "attribute", "normalisation")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["build", "check"])
    ap.add_argument("--originals", type=Path, default=Path("annotations"))
    ap.add_argument("--lang", default="en", help="target language of the versions (default en)")
    opts = ap.parse_args()
    lang = opts.lang
    if not here(lang).is_dir() or not texts(lang).is_dir():
        sys.exit(f"--lang {lang}: no folders {here(lang)} and {texts(lang)}")
    if opts.command == "build":
        loss_rows = ["\t".join(["doc", "kind", "original", "lost", "projected", "lost_ids"])]
        for doc in docs_for(lang):
            if not (here(lang) / f"{version_id(doc, lang)}.projection.tsv").exists():
                print(f"{version_id(doc, lang)}: no projection table yet, skipped", file=sys.stderr)
                continue
            ann, lost = project(doc, opts.originals, lang)
            _write(anns(lang) / f"{version_id(doc, lang)}.ann", serialize_ann(ann))
            src, _, _ = originals(doc, opts.originals)
            totals = _totals(src)
            for kind in KINDS:
                ids = lost.get(kind, [])
                loss_rows.append("\t".join([version_id(doc, lang), kind, str(totals[kind]), str(len(ids)),
                                            str(totals[kind] - len(ids)), ",".join(ids)]))
            print(f"{version_id(doc, lang)}: " + ", ".join(f"{k} {totals[k] - len(lost.get(k, []))}/{totals[k]}" for k in KINDS))
        _write(here(lang) / "LOSSES.tsv", "\n".join(loss_rows) + "\n")
    else:
        bad = 0
        for doc in docs_for(lang):
            if not (anns(lang) / f"{version_id(doc, lang)}.ann").exists():
                print(f"{version_id(doc, lang)}: missing")
                bad += 1
                continue
            problems = check(doc, opts.originals, lang)
            for p in problems:
                print(p)
            bad += len(problems)
            print(f"{version_id(doc, lang)}: {'ok' if not problems else f'{len(problems)} problems'}")
        sys.exit(1 if bad else 0)


def _totals(src: Annotations) -> dict[str, int]:
    triggers = {e.trigger for e in src.events}
    return {
        "entity": sum(1 for t in src.textbounds if t.id not in triggers and t.type != "ITEM"),
        "ITEM": sum(1 for t in src.textbounds if t.type == "ITEM"),
        "trigger": len(triggers),
        "event": len(src.events),
        "argument": sum(len(e.args) for e in src.events),
        "relation": len(src.relations),
        "attribute": len(src.attributes),
        "normalisation": len(src.normalizations),
    }


if __name__ == "__main__":
    main()
