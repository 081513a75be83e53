"""The benchmark, loaded in one place: what evaluation, release, viewer and API all read.

``load_benchmark(root)`` reads the schema (``annotations/annotation.conf``) and its label
``Inventory``, every corpus document (with gold where a ``<doc_id>.ann`` file exists), the
sentence records of the gold documents, the dataset version and the content hash, and
hands them over as one ``Benchmark``. Whoever needs the benchmark takes this object; no
application reads the project's files for it a second time.

Tracks: the benchmark ``load_benchmark`` returns is the **default track**, the originals
(the documents built from seeds, one article per language). ``track("parallel")`` is the
benchmark over every version of every article: the originals and their translations
(``corpus/<NNN>-<lang>.json`` with ``original: false``) that have gold, by article, the
original first, then by language. Each track has its own content hash (the hash of the
files it scores), so that results of the default track stay valid when translations are
added.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from citydiplo.corpus.documents import gold_ids, read_corpus, read_translations, test_documents, version_order
from citydiplo.corpus.project import content_hash, project_root
from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document
from citydiplo.formats.predictions import GoldShape
from citydiplo.formats.records import SentenceRecord, sentence_records
from citydiplo.formats.schema import Schema, load_schema
from citydiplo.version import DATASET_VERSION


@dataclass
class Benchmark:
    """The benchmark of one project: schema and inventory, documents and their gold
    sentence records, the dataset version and the content hash results name."""

    root: Path
    schema: Schema
    inventory: Inventory
    corpus: list[Document]  # every corpus document, annotated or not
    documents: list[Document]  # the test set: the documents with gold annotations, in corpus order
    records: dict[str, SentenceRecord]  # sentence id -> gold record, in corpus order
    version: str = DATASET_VERSION
    content_hash: str = ""
    full: "Benchmark | None" = field(default=None, repr=False, compare=False)
    """When only some languages are evaluated (``only``): the whole benchmark, which a
    predictions file covers and an LLM's prompts and shots are drawn from."""
    track_name: str = "default"
    """Which track this is (``TRACKS``): results say it."""
    tracks: dict[str, "Benchmark"] = field(default_factory=dict, repr=False, compare=False)
    """Every track of the benchmark ``load_benchmark`` read, by name (shared by all of them)."""
    _by_doc: dict[str, list[SentenceRecord]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for rec in self.records.values():
            self._by_doc.setdefault(rec.doc_id, []).append(rec)

    @property
    def shapes(self) -> dict[str, GoldShape]:
        """What a prediction for each sentence is checked against."""
        return {sid: GoldShape(len(r.tokens)) for sid, r in self.records.items()}

    @property
    def languages(self) -> list[str]:
        """The languages of the test documents, in corpus order."""
        return list(dict.fromkeys(d.language for d in self.documents))

    def document_records(self, doc_id: str) -> list[SentenceRecord]:
        """The gold sentence records of one test document, in order."""
        return self._by_doc.get(doc_id, [])

    def only(self, languages: Iterable[str] | None) -> "Benchmark":
        """The benchmark restricted to the test documents of ``languages`` (``None``: all),
        before any model runs; ``full`` keeps the whole one. A language the test set does not
        have, or none at all, is an ``InputError`` (``--languages``)."""
        if languages is None:
            return self
        whole = self.full or self
        wanted = list(dict.fromkeys(languages))
        unknown = [lang for lang in wanted if lang not in whole.languages]
        if unknown or not wanted:
            raise InputError("--languages", 0, f"{', '.join(unknown) or 'none given'}: not a language of the "
                                               f"benchmark ({', '.join(whole.languages)})")
        docs = [d for d in whole.documents if d.language in wanted]
        keep = {d.id for d in docs}
        records = {sid: r for sid, r in whole.records.items() if r.doc_id in keep}
        return replace(whole, documents=docs, records=records, full=whole)

    def track(self, name: str) -> "Benchmark":
        """The benchmark of track ``name`` (``default``: the originals; ``parallel``: every
        version of every article with gold). An unknown track is an ``InputError``
        (``--track``). Restrict languages (``only``) after choosing the track."""
        if name not in TRACKS:
            raise InputError("--track", 0, f"{str(name)[:40]!r}: not a track of the benchmark "
                                           f"({', '.join(TRACKS)})")
        if name == self.track_name and self.full is None:
            return self
        whole = self.full or self
        if name in whole.tracks:
            return whole.tracks[name]
        if name == whole.track_name:
            return whole
        raise InputError("--track", 0, f"this benchmark has no {name} track (it was not read by load_benchmark)")

    def versions(self, article: str) -> list[Document]:
        """Every version of ``article`` (``"000"``) in the corpus, the original first, then
        by language; empty for an unknown article."""
        whole = self.full or self
        corpus = whole.tracks["parallel"].corpus if "parallel" in whole.tracks else whole.corpus
        return sorted((d for d in corpus if d.article == article), key=version_order)

    @property
    def articles(self) -> list[str]:
        """The articles of the test documents, in order."""
        return list(dict.fromkeys(d.article for d in self.documents))

    def require_documents(self, purpose: str = "nothing to score against") -> "Benchmark":
        """This benchmark, unless no document has gold annotations (``InputError``)."""
        if not self.documents:
            raise InputError(str(self.root / "annotations"), 0, f"no gold annotation file (<doc_id>.ann): {purpose}")
        return self


def load_benchmark(root: Path | None = None, version: str = DATASET_VERSION) -> Benchmark:
    """Read the benchmark of the project at ``root`` (``project_root``'s default). A gold file
    that cannot be cut into sentence records is an ``InputError`` naming it, asking for
    ``bench validate``."""
    root = project_root(root)
    schema = load_schema(root / "annotations")
    inventory = Inventory.from_schema(schema)
    corpus = read_corpus(root, schema=schema)
    documents = test_documents(root, corpus)
    translations = read_translations(root, schema=schema)
    gold = gold_ids(root)
    every = sorted(corpus + translations, key=version_order)
    every_gold = [d for d in every if d.id in gold]
    records: dict[str, SentenceRecord] = {}
    for doc in every_gold:
        try:
            records.update((r.id, r) for r in sentence_records(doc))
        except ValueError as exc:
            raise InputError(str(root / "annotations" / f"{doc.id}.ann"), 0, f"{exc}; run `bench validate`") from None
    originals = {d.id for d in documents}
    tracks: dict[str, Benchmark] = {}
    tracks["default"] = Benchmark(root, schema, inventory, corpus, documents,
                                  {sid: r for sid, r in records.items() if r.doc_id in originals}, version,
                                  content_hash(root, exclude=[d.id for d in translations]), tracks=tracks)
    tracks["parallel"] = Benchmark(root, schema, inventory, every, every_gold, records, version, content_hash(root),
                                   track_name="parallel", tracks=tracks)
    return tracks["default"]


TRACKS = ("default", "parallel")
"""The tracks of the benchmark: ``default`` (the originals) and ``parallel`` (every version)."""


def track_content_hash(root: Path | None, track: str = "default") -> str:
    """The content hash of ``track`` of the project at ``root`` (what its results name)."""
    from citydiplo.corpus.documents import translation_ids

    if track not in TRACKS:
        raise InputError("--track", 0, f"{str(track)[:40]!r}: not a track of the benchmark ({', '.join(TRACKS)})")
    return content_hash(root, exclude=translation_ids(root) if track == "default" else ())


def load_inventory(root: Path | None = None) -> Inventory:
    """The label inventory of the project at ``root`` alone (for gold that is not the
    benchmark's, such as a user's own records)."""
    return Inventory.from_schema(load_schema(project_root(root) / "annotations"))
