"""Checks of the document-level gold (GUIDELINES part 3): entity clusters and event records.

``check_clusters`` reads a document's ``*`` equivalence lines against its mentions;
``check_records`` a records file against the document's events and clusters. Each problem
is a coded ``Problem`` naming the file, the line (or record) and what is wrong; ``bench
validate`` runs both (``validate_project``). Pure: nothing here reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from citydiplo.annotation.validate import Problem
from citydiplo.errors import InputError
from citydiplo.formats.doclevel import (
    Cluster,
    RecordsFile,
    build_clusters,
    id_number,
    is_iso_date,
    parse_records,
)
from citydiplo.formats.model import Annotations, TextBound, sentence_id
from citydiplo.formats.schema import Schema


def equivalence_lines(content: str) -> list[int]:
    """The 1-based line numbers of the ``*`` lines of a ``.ann`` text, in order."""
    return [n for n, line in enumerate(content.split("\n"), 1) if line.startswith("*")]


def mention_spans(ann: Annotations, schema: Schema) -> list[TextBound]:
    """The spans clusters are made of: every entity mention and ITEM filler (not triggers)."""
    kinds = set(schema.entity_types)
    return [t for t in ann.textbounds if t.type in kinds]


def clusters_of(doc_id: str, ann: Annotations, schema: Schema) -> list[Cluster]:
    """The clusters of a parsed ``.ann`` (as ``corpus.documents.attach`` builds them)."""
    coref = schema.coref_type
    return build_clusters(doc_id, mention_spans(ann, schema),
                          [q.members for q in ann.equivalences if q.type == coref],
                          {n.target: f"{n.db}:{n.db_id}" for n in ann.normalizations})


def check_clusters(ann: Annotations, schema: Schema, path: str, star_lines: Sequence[int],
                   lines: dict[str, int], translation: bool = False) -> list[Problem]:
    """The ``*`` lines of one ``.ann`` file (GUIDELINES 3.1): a declared equivalence type,
    known entity members (no trigger), each mention in one line, members in document order;
    a cluster's members share type and norm; two mentions with the same norm are one cluster
    (once the document has the layer: a file without Coref lines has no clusters yet)."""
    problems: list[Problem] = []
    spans = {t.id: t for t in ann.textbounds}
    mentions = {t.id: t for t in mention_spans(ann, schema)}
    seen: dict[str, int] = {}
    for k, q in enumerate(ann.equivalences):
        line = star_lines[k] if k < len(star_lines) else 0

        def report(code: str, message: str) -> None:
            problems.append(Problem(path, line, message, code))

        if q.type not in schema.equivalences:
            declared = ", ".join(schema.equivalences) or "none"
            report("coref-unknown-type", f"{q.type!r} is not an equivalence type of annotation.conf (declared: "
                                         f"{declared}; GUIDELINES 3.1 writes clusters as '*<TAB>Coref T.. T..')")
            continue
        for m in q.members:
            if m not in spans:
                report("coref-unknown-id", f"{m} is not an annotation of this file")
            elif m not in mentions:
                report("coref-not-entity", f"{m} is a {spans[m].type} trigger, not an entity mention: only entity "
                                           "mentions and ITEM fillers form clusters")
            elif m in seen:
                where = "this line" if seen[m] == line else f"line {seen[m]}"
                report("coref-two-clusters", f"{m} {mentions[m].text!r} is already in the cluster of {where}: a "
                                             "mention belongs to exactly one cluster (merge the two lines)")
            else:
                seen[m] = line
        known = [mentions[m] for m in q.members if m in mentions]
        if [t.id for t in known] != [t.id for t in sorted(known, key=lambda t: (t.start, id_number(t.id)))]:
            report("coref-order", "members are not in document order (GUIDELINES 3.1)")
    if not any(q.type == schema.coref_type for q in ann.equivalences):
        return problems  # no cluster layer in this document (yet): nothing to check across clusters
    doc_clusters = clusters_of("", ann, schema)
    star_of: dict[str, int] = {}  # mention -> the first '*' line that names it
    for k, q in enumerate(ann.equivalences):
        for m in q.members:
            star_of.setdefault(m, star_lines[k] if k < len(star_lines) else 0)
    norms = {n.target: f"{n.db}:{n.db_id}" for n in ann.normalizations}
    by_norm: dict[str, list[Cluster]] = {}
    for c in doc_clusters:
        line = star_of.get(c.mentions[0], lines.get(c.mentions[0], 0))
        types = sorted({mentions[m].type for m in c.mentions})
        if len(types) > 1:
            shown = ", ".join(f"{m} {mentions[m].type}" for m in c.mentions)
            problems.append(Problem(path, line, f"cluster {c.id} mixes types ({shown}): a cluster's mentions "
                                                "share their type (GUIDELINES 3.1)", "cluster-mixed-types"))
        linked = {norms.get(m) for m in c.mentions}
        # a translation may lose a mention's normalisation (LOSSES.tsv, checked against the
        # original): there, only two different ids in one cluster are a problem
        if len(linked - {None} if translation else linked) > 1:
            shown = ", ".join(f"{m} {norms.get(m) or 'no norm'}" for m in c.mentions)
            problems.append(Problem(path, line, f"cluster {c.id} mixes norms ({shown}): a cluster's mentions carry "
                                                "the same GeoNames/ISO id (GUIDELINES 3.1)", "cluster-mixed-norms"))
        for norm in linked - {None}:
            by_norm.setdefault(str(norm), []).append(c)
    for norm, clusters in by_norm.items():
        if len(clusters) > 1:
            first = clusters[1].mentions[0]
            ids = ", ".join(f"{c.id} ({', '.join(c.mentions)})" for c in clusters)
            problems.append(Problem(path, star_of.get(first, lines.get(first, 0)),
                                    f"{norm} is the norm of mentions in {len(clusters)} clusters ({ids}): two "
                                    "mentions with the same id are one cluster (GUIDELINES 3.1)",
                                    "cluster-split-norm"))
    return problems


@dataclass(frozen=True)
class RecordsCheck:
    """What a records file was checked against: its document's annotations and sentences."""

    doc_id: str
    ann: Annotations
    schema: Schema
    sentence_count: int
    ordered: bool = True  # records numbered in order of first mention (False: a translation keeps the original's ids)


def check_records(content: str, path: str, against: RecordsCheck) -> list[Problem]:
    """A records file (GUIDELINES 3.2) against its document: it reads (keys spelt right),
    names its document, every event in exactly one record, known events of one type and
    one realis (or a valid override), an ISO 8601 date, a date evidence that exists, and
    ids ``R1``, ``R2``, ... in order of first mention with events in document order."""
    try:
        parsed: RecordsFile = parse_records(content, path)
    except InputError as exc:
        code = "records-unknown-key" if "unknown key" in exc.problem else "records-format"
        return [Problem(exc.path, exc.line, exc.problem, code)]
    problems: list[Problem] = []
    ann, schema = against.ann, against.schema
    if parsed.doc_id != against.doc_id:
        problems.append(Problem(path, 1, f"doc_id {parsed.doc_id[:60]!r} is not the document of this file "
                                         f"({against.doc_id!r})", "records-doc-id"))
    if not any(q.type == schema.coref_type for q in ann.equivalences):
        problems.append(Problem(path, 1, f"{against.doc_id}.ann has no entity clusters (Coref lines): records "
                                         "are made on a document's clusters (GUIDELINES 3.2)", "records-no-clusters"))
    events = {e.id: e for e in ann.events}
    spans = {t.id: t for t in ann.textbounds}
    realis_of = {a.target: a.value for a in ann.attributes if a.name == "Realis"}
    allowed_realis = schema.attributes.get("Realis", ((), ()))[1]
    clusters = {c.id for c in clusters_of(against.doc_id, ann, schema)}
    sentences = {sentence_id(against.doc_id, n) for n in range(1, against.sentence_count + 1)}
    home: dict[str, str] = {}
    firsts: list[tuple[int, str]] = []
    for k, rec in enumerate(parsed.records):
        where = f"records[{k}] ({rec.id})"

        def report(code: str, message: str) -> None:
            problems.append(Problem(path, rec.line, f"{where}: {message}", code))

        if not re.fullmatch(r"R[1-9]\d*", rec.id):
            report("record-id", "a record id is 'R' + a number (R1, R2, ...)")
        known = []
        for e in rec.events:
            if e not in events:
                report("record-unknown-event", f"{e} is not an event of {against.doc_id}.ann")
            elif e in home:
                report("record-event-twice", f"{e} is already in {home[e]}: every event mention belongs to exactly "
                                             "one record")
            else:
                home[e] = rec.id
                known.append(events[e])
        if not known:
            continue
        start = {e.id: spans[e.trigger].start if e.trigger in spans else 0 for e in known}
        if [e.id for e in known] != sorted(start, key=lambda i: (start[i], id_number(i))):
            report("record-order", "'events' are not in document order")
        firsts.append((min(start.values()), rec.id))
        types = sorted({e.type for e in known})
        if len(types) > 1:
            report("record-mixed-types", f"merges events of different types ({', '.join(types)}): different "
                                         "types are never merged")
        values = sorted({str(realis_of.get(e.id)) for e in known})
        if rec.realis is not None:
            if rec.realis not in allowed_realis:
                report("record-bad-realis", f"realis {rec.realis[:40]!r} is not one of {', '.join(allowed_realis)}")
        elif len(values) > 1:
            report("record-mixed-realis", f"its events' realis differ ({', '.join(values)}) and the record gives "
                                          "no 'realis' (the latest state the text reports, GUIDELINES 3.2)")
        if rec.date is not None and not is_iso_date(rec.date):
            report("record-bad-date", f"date {rec.date[:40]!r} is not an ISO 8601 date (2020-08-12, 2020-08 or "
                                      "2020) or null")
        ev = rec.date_evidence
        if ev is not None and ev not in spans and ev not in clusters and ev not in sentences:
            report("record-bad-evidence", f"date_evidence {ev[:40]!r} is no T id, cluster id or sentence id "
                                          f"({sentence_id(against.doc_id, 1)}, ...) of the document")
        if ev is not None and rec.date is None:
            report("record-bad-evidence", "date_evidence is given for a record without a date")
    ids = [r.id for r in parsed.records]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(path, 0, f"the record id {dup} is used twice", "record-id"))
    expected = [f"R{n}" for n in range(1, len(firsts) + 1)]
    order = [rid for _, rid in sorted(firsts)]
    if against.ordered and order != expected and len(set(ids)) == len(ids):
        problems.append(Problem(path, 0, f"records are numbered {', '.join(order)} in order of first mention; "
                                         f"expected {', '.join(expected)} (GUIDELINES 3.2)", "record-order"))
    missing = [e.id for e in ann.events if e.id not in home]
    if missing:
        problems.append(Problem(path, 0, f"event(s) {', '.join(missing)} are in no record: every event mention "
                                         "belongs to exactly one record (a lone mention is a record of its own)",
                                "record-missing-event"))
    return problems
