"""Shared test fixtures: a throw-away copy of the project, and a ``.ann`` writer that takes
surface strings (so that no offset is ever typed by hand).

Every test module that needs a project copy or hand-made gold uses these two, instead of
its own copy of the project and its own ``.ann`` writer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILES = ("annotation.conf", "tools.conf", "visual.conf")


def copy_project(dst: Path) -> Path:
    """``seeds/``, ``corpus/`` and the schema copied into ``dst``, with no gold annotations."""
    dst = Path(dst)
    for sub in ("seeds", "corpus"):
        shutil.copytree(REPO / sub, dst / sub)
    (dst / "annotations").mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_FILES:
        shutil.copy(REPO / "annotations" / name, dst / "annotations" / name)
    return dst


def find(text: str, needle: str, nth: int = 1, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``needle`` in ``text[start:end]`` (raises if absent)."""
    pos = start - 1
    for _ in range(nth):
        pos = text.index(needle, pos + 1, len(text) if end is None else end)
    return pos, pos + len(needle)


class Ann:
    """Builds the lines of a ``.ann`` file from surface strings.

    ``t(type, needle)`` takes the first occurrence not used yet by another mention (so
    repeated calls walk through the text); ``nth`` picks an occurrence explicitly and
    ``sentence`` (a ``Sentence``) limits the search to it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.used: set[tuple[int, int]] = set()
        self.n = {"T": 0, "E": 0, "A": 0, "R": 0, "N": 0}

    def _id(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def t(self, type_: str, needle: str, nth: int | None = None, norm: str | None = None, sentence=None) -> str:
        lo, hi = (sentence.start, sentence.end) if sentence is not None else (0, None)
        if nth is not None:
            start, end = find(self.text, needle, nth, lo, hi)
        else:
            k = 1
            while (span := find(self.text, needle, k, lo, hi)) in self.used:
                k += 1
            start, end = span
        self.used.add((start, end))
        ident = self._id("T")
        self.lines.append(f"{ident}\t{type_} {start} {end}\t{needle}")
        if norm:
            self.lines.append(f"{self._id('N')}\tReference {ident} {norm}\t{needle}")
        return ident

    def e(self, type_: str, trigger: str, args: list[tuple[str, str]] = (), realis: str = "ACTUAL") -> str:
        ident = self._id("E")
        self.lines.append(f"{ident}\t{type_}:{trigger}" + "".join(f" {r}:{x}" for r, x in args))
        self.lines.append(f"{self._id('A')}\tRealis {ident} {realis}")
        return ident

    def r(self, arg1: str, arg2: str, status: str) -> str:
        ident = self._id("R")
        self.lines.append(f"{ident}\tPARTNER_OF Arg1:{arg1} Arg2:{arg2}")
        self.lines.append(f"{self._id('A')}\tStatus {ident} {status}")
        return ident

    def coref(self, *members: str) -> None:
        """An entity cluster: a brat equivalence line ``*<TAB>Coref T.. T..`` (GUIDELINES 3.1)."""
        self.lines.append("*\tCoref " + " ".join(members))

    def raw(self, line: str) -> None:
        """A line written as is (an id scheme a test wants to control)."""
        self.lines.append(line)

    def content(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def write(self, path: Path) -> Path:
        Path(path).write_text(self.content(), encoding="utf-8")
        return Path(path)


def run(*args: object):
    """``bench ARGS...`` in-process (click's runner); the result has ``exit_code`` and ``output``."""
    from click.testing import CliRunner

    from citydiplo.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


PREDICTION_FORMATS = ("tokens", "chars", "brat", "strings")


def export_gold(base: Path) -> dict[str, Path]:
    """The gold written by ``bench gold-predictions`` in every prediction format, below ``base``."""
    out = {}
    for fmt in PREDICTION_FORMATS:
        out[fmt] = base / f"gold-{fmt}"
        res = run("gold-predictions", "--format", fmt, "--out", out[fmt])
        assert res.exit_code == 0, res.output
    return out


def evaluate_json(path: object, *extra: object) -> dict:
    """``bench evaluate PATH --format json`` (100 bootstrap samples), which must succeed, as the results dict."""
    import json

    res = run("evaluate", path, "--format", "json", "--samples", 100, *extra)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def without_warnings(output: str) -> str:
    """A command's output less its ``warning:`` lines (e.g. that a scratch project's gold
    is not the pinned gold), so that a test can check that the rest is one ``error:`` line."""
    return "".join(line for line in output.splitlines(keepends=True) if not line.startswith("warning: "))


def copy_release(dst: Path) -> Path:
    """The project as released, copied into ``dst``: seeds, corpus, the gold with its
    checksums and schema, ``CHANGELOG.md`` and the committed ``results/`` (no passes)."""
    dst = Path(dst)
    for sub in ("seeds", "corpus", "results"):
        shutil.copytree(REPO / sub, dst / sub)
    (dst / "annotations").mkdir(parents=True, exist_ok=True)
    for p in (REPO / "annotations").iterdir():
        if p.is_file():
            shutil.copy(p, dst / "annotations" / p.name)
    if (REPO / "annotations" / "records").is_dir():  # the event records are gold too
        shutil.copytree(REPO / "annotations" / "records", dst / "annotations" / "records")
    shutil.copytree(REPO / "annotations" / "parallel", dst / "annotations" / "parallel")  # the translations' losses
    shutil.copy(REPO / "CHANGELOG.md", dst / "CHANGELOG.md")
    return dst


def doclevel_document(doc_id: str, clusters: dict, records: list, language: str | None = None, text: str = ""):
    """A ``Document`` with its document-level gold set by hand (GUIDELINES part 3), for the
    record scorer: ``clusters`` maps a cluster id to ``(type, norm or None, [mention texts])``
    (mention ids are made up, T1, T2, ... in order), ``records`` lists
    ``(type, realis, date, {role: [cluster ids]})``, ids R1, R2, ... in order."""
    from citydiplo.formats.doclevel import Cluster, DocumentRecord
    from citydiplo.formats.model import Document, DocumentMeta

    language = language or doc_id.rsplit("-", 1)[-1]
    meta = DocumentMeta(doc_id, language, "Latn", None, None, None, "", "", [], [], [])
    n = 0
    built = []
    for cid, (ctype, norm, texts) in clusters.items():
        ids = tuple(f"T{n + k + 1}" for k in range(len(texts)))
        n += len(texts)
        built.append(Cluster(cid, doc_id, ctype, norm, ids, tuple(texts)))
    recs = [DocumentRecord(f"R{k}", doc_id, etype, realis, date, (f"E{k}",),
                           {role: tuple(cids) for role, cids in args.items()})
            for k, (etype, realis, date, args) in enumerate(records, 1)]
    return Document(meta, text, clusters=built, event_records=recs)


def with_doclevel_gold(bench):
    """``bench`` with a document-level gold made up for tests (the real clusters and
    records are hand work, GUIDELINES part 3): clusters group the mentions of one type with
    one id (linked) or one text; a record is the mentions of one type that share a filler
    cluster (transitively). Returns a new ``Benchmark``; ``bench`` is left as it was."""
    from dataclasses import replace

    from citydiplo.formats.doclevel import Cluster, DocumentRecord

    docs = []
    for doc in bench.documents:
        groups: dict[tuple, list] = {}
        for m in [*doc.entities, *doc.items]:
            norm = f"{m.norm_db}:{m.norm_id}" if getattr(m, "norm_db", None) else None
            groups.setdefault((m.type, norm or m.text), []).append(m)
        clusters, of = [], {}
        for (ctype, key), ms in groups.items():
            cid = "C" + ms[0].id[1:]
            norm = key if ":" in key and any(getattr(m, "norm_db", None) for m in ms) else None
            clusters.append(Cluster(cid, doc.id, ctype, norm, tuple(m.id for m in ms), tuple(m.text for m in ms)))
            of.update((m.id, cid) for m in ms)
        parent = list(range(len(doc.events)))

        def find(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        seen: dict[tuple, int] = {}
        for i, ev in enumerate(doc.events):
            for arg in ev.arguments:
                key = (ev.type, of[arg.ref])
                if key in seen:
                    parent[find(i)] = find(seen[key])
                else:
                    seen[key] = i
        merged: dict[int, list] = {}
        for i, ev in enumerate(doc.events):
            merged.setdefault(find(i), []).append(ev)
        records = []
        for k, evs in enumerate(merged.values(), 1):
            args: dict[str, list[str]] = {}
            for ev in evs:
                for arg in ev.arguments:
                    args.setdefault(arg.role, [])
                    if of[arg.ref] not in args[arg.role]:
                        args[arg.role].append(of[arg.ref])
            records.append(DocumentRecord(f"R{k}", doc.id, evs[0].type, evs[-1].realis or "ACTUAL", None,
                                          tuple(e.id for e in evs), {r: tuple(c) for r, c in args.items()}))
        docs.append(replace(doc, clusters=clusters, event_records=records))
    by_id = {d.id: d for d in docs}
    return replace(bench, documents=docs, corpus=[by_id.get(d.id, d) for d in bench.corpus])


DOCLEVEL_RECORDS = {
    "doc_id": "000-lv",
    "records": [
        {"id": "R1", "events": ["E1"], "date": None, "note": "the talks of the title"},
        {"id": "R2", "events": ["E2", "E3"], "date": "2020-08-12", "date_evidence": "T4",
         "note": "the online meeting of sentence 2, told again as 'Saruna' in sentence 4"},
        {"id": "R3", "events": ["E4"], "date": None},
    ],
}


def doclevel_gold(project: Path) -> Path:
    """A small hand-made gold for 000-lv with the document-level layer (GUIDELINES part 3):
    three clusters of two or more mentions (Daugavpils, Harbin, Sun Zhe), singletons, and
    a records file merging the meeting of sentence 2 with the talk of sentence 4. Other
    documents get no gold. Returns ``project``."""
    import json

    from citydiplo.corpus.documents import meta_from_json

    text = (project / "corpus" / "000-lv.txt").read_text(encoding="utf-8")
    sents = meta_from_json((project / "corpus" / "000-lv.json").read_text(encoding="utf-8")).sentences
    a = Ann(text)
    daug = a.t("CITY", "Daugavpils", norm="GeoNames:460413", sentence=sents[0])  # T1
    harb = a.t("CITY", "Harbinas", norm="GeoNames:2037013", sentence=sents[0])  # T2
    a.e("MEET", a.t("MEET", "apsprieda", sentence=sents[0]), [("Participant", daug), ("Participant2", harb)])
    date = a.t("DATE", "12. augustā", sentence=sents[1])  # T4
    prel = a.t("PER", "Igors Prelatovs", sentence=sents[1])  # T5
    harb2 = a.t("CITY", "Harbinas", norm="GeoNames:2037013", sentence=sents[1])  # T6
    sun = a.t("PER", "Sun Zhe", sentence=sents[1])  # T7
    a.e("MEET", a.t("MEET", "tikās", sentence=sents[1]),
        [("Participant", prel), ("Participant2", sun), ("Time", date)])  # E2
    harb3 = a.t("CITY", "Harbinas", norm="GeoNames:2037013", sentence=sents[3])  # T9
    sun2 = a.t("PER", "Sun Zhe", sentence=sents[3])  # T10
    daug2 = a.t("CITY", "Daugavpilij", norm="GeoNames:460413", sentence=sents[3])  # T11
    a.e("MEET", a.t("MEET", "Saruna", sentence=sents[3]), [("Participant", sun2), ("Participant2", daug2)])  # E3
    china = a.t("GPE", "Ķīnu", norm="ISO3166:CN", sentence=sents[5])  # T13
    a.e("VISIT", a.t("VISIT", "apmeklēt", sentence=sents[5]), [("Destination", china)], realis="FUTURE")  # E4
    a.coref(daug, daug2)
    a.coref(harb, harb2, harb3)
    a.coref(sun, sun2)
    a.write(project / "annotations" / "000-lv.ann")
    (project / "annotations" / "records").mkdir(exist_ok=True)
    (project / "annotations" / "records" / "000-lv.json").write_text(
        json.dumps(DOCLEVEL_RECORDS, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return project


def retype_in_every_version(root: Path, doc_id: str = "001-ru", old: str = "PER", new: str = "ORG") -> list[Path]:
    """A silent ``old`` -> ``new`` swap on the first such gold mention of ``doc_id`` that is in no
    entity cluster of two or more, made the
    same in every version of its article (the translations keep the original's ids): still
    valid data, only a gold change. The ``.ann`` files changed, the original first."""
    path = Path(root) / "annotations" / f"{doc_id}.ann"
    text = path.read_text(encoding="utf-8")
    clustered = {m for line in text.splitlines() if line.startswith("*") for m in line.split()[2:]}
    found = next((m for m in re.finditer(rf"^(T\d+)\t{old} ", text, flags=re.M) if m.group(1) not in clustered),
                 None)  # a singleton: retyping a clustered mention would also split its cluster's type
    assert found, f"no {old} mention outside a cluster in {path}"
    changed = []
    for ann in [path, *sorted(path.parent.glob(f"{doc_id.split('-')[0]}-*.ann"))]:
        if ann in changed:
            continue
        content = ann.read_text(encoding="utf-8")
        swapped = re.sub(rf"^({found.group(1)}\t){old} ", rf"\g<1>{new} ", content, count=1, flags=re.M)
        if swapped != content:
            ann.write_text(swapped, encoding="utf-8")
            changed.append(ann)
    return changed
