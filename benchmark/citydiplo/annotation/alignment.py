"""Check a translation against its original: metadata, sentence alignment and alignment ids.

A translation (``corpus/<NNN>-<lang>.json`` with ``original: false``) renders its original
sentence by sentence; its gold keeps **the original's brat ids** as alignment ids (``T12`` of
``002-en.ann`` is the counterpart of ``T12`` of ``002-fa.ann``). These checks make that a
contract:

- every id of the translation exists in the original with the same kind and type: a span
  (``T``) in the sentence aligned with the original's; an event (``E``) with the same trigger
  id and arguments that are original arguments (same base role, same filler id); a relation
  (``R``) between the same two ids (``PARTNER_OF`` is symmetric: the pair is unordered);
  an attribute (``A``, Realis/Status) with the same target and value; a normalisation
  (``N``) with the same target and GeoNames/ISO 3166 id;
- an item of the original that the translation lacks is listed as lost in
  ``annotations/parallel/<lang>/LOSSES.tsv`` (arguments as ``E3:Role:T5``), and every id
  listed there is indeed missing.

Pure functions over parsed annotations; the caller reads the files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from citydiplo.corpus.losses import LOSSES, parse_losses
from citydiplo.errors import InputError
from citydiplo.files import read_text
from citydiplo.formats.model import Annotations, DocumentMeta, Sentence, article_of, base_role, sentence_at



@dataclass(frozen=True)
class Issue:
    """One problem: the line of the checked file (0: the file as a whole) and what is wrong."""

    line: int
    message: str


def losses_path(root: Path, language: str) -> Path:
    """Where the losses of the translations into ``language`` are recorded."""
    return Path(root) / "annotations" / "parallel" / language / LOSSES


def read_losses(path: Path) -> tuple[dict[str, dict[str, list[str]]], list[tuple[int, str]]]:
    """``LOSSES.tsv`` (``corpus.losses.parse_losses``): doc id -> kind -> lost ids, and the
    (line, problem) of every malformed row."""
    rows, problems = parse_losses(read_text(path))
    out: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        out.setdefault(row.doc, {})[row.kind] = list(row.lost_ids)
    return out, problems


def check_translation_meta(meta: DocumentMeta, doc_id: str, originals: dict[str, DocumentMeta]) -> list[str]:
    """A translation's metadata: ``original: false``, ``translated_from`` an original of the
    same article in another language, and a sentence alignment that covers both sides
    (one pair per sentence unless ``merges_splits`` records the merges and splits)."""
    problems = []
    if meta.original:
        problems.append("not in corpus/recipe.json, so not built from a seed: a translation must say "
                        "original: false")
    source = originals.get(meta.translated_from or "")
    if source is None:
        problems.append(f"translated_from {str(meta.translated_from)[:60]!r} is not an original of the corpus")
    elif article_of(meta.translated_from or "") != article_of(doc_id) or source.language == meta.language:
        problems.append(f"translated_from {meta.translated_from!r}: a translation has the article number of its "
                        "original and another language")
    if meta.seed_file is not None or meta.seed_sha256 is not None or meta.provenance or meta.removals:
        problems.append("a translation is not built from a seed: no seed_file, seed_sha256, provenance or removals")
    if source is None:
        return problems
    n_t, n_o = len(meta.sentences), len(source.sentences)
    bad = [p for p in meta.alignment if not (0 <= p[0] < n_t and 0 <= p[1] < n_o)]
    if bad:
        problems.append(f"alignment pair {list(bad[0])} is outside the sentences ({n_t} here, {n_o} in the original)")
        return problems
    if {p[0] for p in meta.alignment} != set(range(n_t)) or {p[1] for p in meta.alignment} != set(range(n_o)):
        problems.append("the alignment must pair every sentence of the translation and of the original")
    one_to_one = len(meta.alignment) == n_t == n_o and len(set(meta.alignment)) == n_t
    if not one_to_one and not meta.merges_splits:
        problems.append("the alignment merges or splits sentences, but merges_splits records none")
    return problems


def _events(ann: Annotations) -> list[Any]:
    """The standoff events (``E`` lines) of ``ann``. Typed ``Any``: ``formats.model`` imports
    the document-level ``EventRecord`` under the name of its standoff one, so a type checker
    reads ``Annotations.events`` as the wrong class (a known defect, fixed apart)."""
    return list(ann.events)


def check_alignment(translation: Annotations, original: Annotations, lines: dict[str, int],
                    sentences: tuple[list[Sentence], list[Sentence]], alignment: list[tuple[int, int]],
                    lost: dict[str, list[str]], original_name: str, losses_name: str) -> list[Issue]:
    """Every alignment-id problem of a translation's gold against its original's (see the
    module docstring). ``lines``: the line of each id in the translation's ``.ann``;
    ``sentences``: (translation's, original's); ``lost``: kind -> ids from ``LOSSES.tsv``."""
    issues: list[Issue] = []

    def report(ident: str, message: str) -> None:
        issues.append(Issue(lines.get(ident, 0), message))

    pairs = set(alignment)
    o_tb = {t.id: t for t in original.textbounds}
    for t in translation.textbounds:
        o = o_tb.get(t.id)
        if o is None:
            report(t.id, f"{t.id} is not an id of the original {original_name}: a translation keeps the "
                         "original's ids (alignment ids)")
            continue
        if o.type != t.type:
            report(t.id, f"{t.id} is {t.type}, in the original {o.type}")
        here, there = sentence_at(sentences[0], t.start), sentence_at(sentences[1], o.start)
        if here is not None and there is not None and (here, there) not in pairs:
            report(t.id, f"{t.id} lies in sentence {here + 1}, its original in sentence {there + 1}, and the "
                         "alignment does not pair them")
    o_ev = {e.id: e for e in _events(original)}
    for e in _events(translation):
        oe = o_ev.get(e.id)
        if oe is None:
            report(e.id, f"{e.id} is not an event of the original {original_name}")
            continue
        if (oe.type, oe.trigger) != (e.type, e.trigger):
            report(e.id, f"{e.id} is {e.type} on {e.trigger}, in the original {oe.type} on {oe.trigger}")
        extra = Counter((base_role(r), ref) for r, ref in e.args) - Counter((base_role(r), ref) for r, ref in oe.args)
        for role, ref in sorted(extra):
            report(e.id, f"{e.id} has the argument {role}:{ref}, which the original has not")
    o_rel = {r.id: r for r in original.relations}
    for r in translation.relations:
        orr = o_rel.get(r.id)
        if orr is None:
            report(r.id, f"{r.id} is not a relation of the original {original_name}")
        elif orr.type != r.type or {orr.arg1, orr.arg2} != {r.arg1, r.arg2}:
            report(r.id, f"{r.id} is {r.type} {r.arg1}-{r.arg2}, in the original {orr.type} {orr.arg1}-{orr.arg2}")
    o_attr = {a.id: a for a in original.attributes}
    for a in translation.attributes:
        oa = o_attr.get(a.id)
        if oa is None or (oa.name, oa.target, oa.value) != (a.name, a.target, a.value):
            shown = f"{oa.name} {oa.target} {oa.value}" if oa else "none"
            report(a.id, f"{a.id} is {a.name} {a.target} {a.value}, in the original {original_name}: {shown}")
    o_norm = {n.id: n for n in original.normalizations}
    for n in translation.normalizations:
        on = o_norm.get(n.id)
        if on is None or (on.target, on.db, on.db_id) != (n.target, n.db, n.db_id):
            shown = f"{on.target} {on.db}:{on.db_id}" if on else "none"
            report(n.id, f"{n.id} is {n.target} {n.db}:{n.db_id}, in the original {original_name}: {shown}")

    # Entity clusters: the original's, less the mentions the translation lacks.
    present = {t.id for t in translation.textbounds}
    want_clusters = {frozenset(m for m in q.members if m in present) for q in original.equivalences}
    have_clusters = {frozenset(q.members) for q in translation.equivalences}
    for cluster in sorted(have_clusters - want_clusters, key=sorted):
        issues.append(Issue(0, f"the cluster {' '.join(sorted(cluster))} is not a cluster of the original "
                               f"{original_name} (a translation keeps the original's clusters)"))
    for cluster in sorted({c for c in want_clusters if len(c) > 1} - have_clusters, key=sorted):
        issues.append(Issue(0, f"the original's cluster {' '.join(sorted(cluster))} is missing here"))

    # What the translation lacks, against what LOSSES.tsv lists.
    here_ids = ({t.id for t in translation.textbounds} | {e.id for e in translation.events}
                | {r.id for r in translation.relations} | {a.id for a in translation.attributes}
                | {n.id for n in translation.normalizations})
    missing = [i for i in [t.id for t in original.textbounds] + [e.id for e in original.events]
               + [r.id for r in original.relations] + [a.id for a in original.attributes]
               + [n.id for n in original.normalizations] if i not in here_ids]
    t_ev = {e.id: e for e in _events(translation)}
    for e in _events(original):
        if e.id in t_ev:
            have = Counter((base_role(r), ref) for r, ref in t_ev[e.id].args)
            for role, ref in e.args:
                key = (base_role(role), ref)
                if have[key]:
                    have[key] -= 1
                else:
                    missing.append(f"{e.id}:{base_role(role)}:{ref}")
    listed: dict[str, str] = {}
    for kind, ids in lost.items():
        for ident in ids:
            if kind == "argument" and ident.count(":") == 2:
                ev, role, ref = ident.split(":")
                ident = f"{ev}:{base_role(role)}:{ref}"
            listed[ident] = kind
    for ident in missing:
        if ident not in listed:
            issues.append(Issue(0, f"{ident} of {original_name} has no counterpart here and is not listed as "
                                   f"lost in {losses_name}"))
    for ident in sorted(set(listed) - set(missing)):
        issues.append(Issue(0, f"{losses_name} lists {ident} ({listed[ident]}) as lost, but "
                               + ("it is here" if ident.split(":")[0] in here_ids else
                                  f"the original {original_name} has no such item")))
    return issues


def losses_for(root: Path, language: str) -> tuple[Path, dict[str, dict[str, list[str]]], list[tuple[int, str]]]:
    """``losses_path`` and what ``read_losses`` makes of it (a missing file: one problem)."""
    path = losses_path(root, language)
    if not path.exists():
        return path, {}, [(0, "missing: the losses of the translations into this language (LOSSES.tsv, even "
                              "when nothing was lost)")]
    try:
        lost, problems = read_losses(path)
    except InputError as exc:
        return path, {}, [(exc.line, exc.problem)]
    return path, lost, problems


def check_records_alignment(translation: Sequence[Any], original: Sequence[Any], present_events: set[str],
                            original_name: str) -> list[Issue]:
    """A translation's event records against its original's (``formats.doclevel.RawRecord``
    lists): the same ids, each with the original's events less those lost in translation,
    the same date and realis. Their order follows the original's ids, not the translation's
    text (the alignment ids are the original's)."""
    issues: list[Issue] = []
    want = {r.id: (tuple(e for e in r.events if e in present_events), r.date, r.realis) for r in original}
    have = {r.id: (tuple(r.events), r.date, r.realis) for r in translation}
    for rid in sorted(set(want) | set(have), key=lambda i: (len(i), i)):
        w, h = want.get(rid), have.get(rid)
        if w == h or (w is not None and not w[0] and h is None):
            continue
        line = next((r.line for r in translation if r.id == rid), 0)
        if h is None:
            issues.append(Issue(0, f"the original's record {rid} ({original_name}) is missing here"))
        elif w is None:
            issues.append(Issue(line, f"{rid} is not a record of the original {original_name}"))
        else:
            issues.append(Issue(line, f"{rid} is events {list(h[0])}, date {h[1]}, realis {h[2]}; in the original "
                                      f"{original_name} events {list(w[0])}, date {w[1]}, realis {w[2]}"))
    return issues
