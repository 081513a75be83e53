"""The Python API behind ``citydiplo.score`` and ``citydiplo.evaluate``.

``score`` takes prediction records as plain dicts, exactly as in a predictions file (tags
as strings, or as the integer ClassLabel ids that ``load_dataset`` gives), checks them
the way ``bench evaluate FILE`` does, and scores them against the benchmark's gold or
against gold records a user passes in the same format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from citydiplo.corpus.benchmark import load_benchmark, load_inventory
from citydiplo.errors import InputError
from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import TokenEvent, TokenRelation, parse_sentence_id
from citydiplo.formats.predictions import GoldShape, Prediction, Shape, check_fields, check_record, check_stream
from citydiplo.formats.tokens import Token, Words
from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.results import Results
from citydiplo.scoring.scorer import GoldSentence, check_blocks, collector_paused
from citydiplo.scoring.scorer import score as score_stream

TAG_FIELDS = ("ner_tags", "ner_tags_inner")


def tags_as_names(record: Mapping[str, Any], inventory: Inventory) -> Mapping[str, Any]:
    """A record whose integer tag ids (``load_dataset``'s ClassLabels) are turned into
    names (``Inventory.tag_names``; the record itself when its tags are names already).
    The checks turn ids into names themselves; a label map reads names, so its records
    are turned first."""
    out: dict[str, Any] | None = None
    for name in TAG_FIELDS:
        tags = record.get(name)
        if isinstance(tags, list) and not inventory.tags_ok(tags) and (named := inventory.tag_names(tags)) is not tags:
            out = dict(record) if out is None else out
            out[name] = named
    return record if out is None else out


_MISSING = object()
_NONE: tuple = ()  # an empty layer: one shared object, not one list per record


@dataclass(slots=True)
class _GoldRecord:
    """A user's gold sentence, as the scorer reads it (``scoring.scorer.GoldSentence``)."""

    id: str
    given_doc_id: str | None  # the record's ``doc_id``; None: the id's document part
    language: str
    ner_tags: list[str]
    ner_tags_inner: list[str] | None
    events: Sequence[TokenEvent]
    relations: Sequence[TokenRelation]
    norms: Sequence[tuple[tuple[int, int], str, str]]
    words: list | None = None  # the record's ``tokens``, as given

    @property
    def doc_id(self) -> str:
        """The record's ``doc_id``, else the document part of its id (worked out when asked:
        one string less kept per sentence)."""
        return self.given_doc_id if self.given_doc_id is not None else parse_sentence_id(self.id)[0]

    @property
    def n_tokens(self) -> int:
        """Its length (the record is its own shape for the checks, ``formats.predictions.Shape``)."""
        return len(self.ner_tags)

    @property
    def tokens(self) -> Sequence[Token]:
        """The words as tokens without offsets (``""`` for each when the record gave none),
        made only for the spans the string track reads."""
        return Words(self.words or [""] * len(self.ner_tags))


def _gold_links(pred: Prediction, where: int) -> Sequence[tuple[tuple[int, int], str, str]]:
    """The gold record's ``norm`` as links: each id on the entity (either level) with its span."""
    if not pred.norm:
        return _NONE
    mentions: dict[tuple[int, int], list[str]] = {}
    for tags in (pred.ner_tags, pred.ner_tags_inner):
        for a, b, t in iob2_to_token_spans(tags or []):
            mentions.setdefault((a, b), []).append(t)
    out: list[tuple[tuple[int, int], str, str]] = []
    given: set[tuple[int, int]] = set()
    for k, (span, ident) in enumerate(pred.norm):
        if span not in mentions:
            raise InputError("<gold>", where, f"{pred.id}: norm[{k}].span {list(span)} is not an entity of ner_tags "
                                              "or ner_tags_inner")
        if span not in given:  # the first id of a span counts, as for predictions
            given.add(span)
            out.extend((span, t, ident) for t in mentions[span])
    return out


def _user_gold(records: Iterable[Mapping[str, Any]], inventory: Inventory) -> dict[str, _GoldRecord]:
    """Gold given as records of the predictions format (``ner_tags`` required; ``language``,
    ``tokens``, ``norm`` optional) as the scorer's sentence records: the tag lists as given,
    no per-token objects."""
    out: dict[str, _GoldRecord] = {}
    for lineno, data in enumerate(records, 1):  # tag ids become names in the checks
        if type(data) is dict and type(sid := data.get("id")) is str and type(tags := data.get("ner_tags")) is list:
            pred = check_fields(data, sid, len(tags), inventory, "<gold>", lineno)
        else:  # ``check_record`` names what is wrong (or takes a dict or str subclass)
            if not isinstance(data, Mapping) or not isinstance(tags := data.get("ner_tags"), list):
                raise InputError("<gold>", lineno, "a gold record needs an 'id' and a list of 'ner_tags'")
            pred = check_record(data, {str(data.get("id")): GoldShape(len(tags))}, inventory, "<gold>", lineno)
        if pred.id in out:
            raise InputError("<gold>", lineno, f"sentence {pred.id!r} is given twice")
        assert pred.ner_tags is not None
        words = data.get("tokens")
        doc_id = data.get("doc_id", _MISSING)
        out[pred.id] = _GoldRecord(pred.id, None if doc_id is _MISSING else str(doc_id),
                                   str(data.get("language", "und")), pred.ner_tags, pred.ner_tags_inner,
                                   pred.events or _NONE, pred.relations or _NONE,
                                   _gold_links(pred, lineno) if pred.norm else _NONE,
                                   words if isinstance(words, list) else None)
    if not out:
        raise InputError("<gold>", 0, "no gold records")
    return out


def score(predictions: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]] | None = None, *,
          root: Path | None = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
          input_format: str | None = None, blocks: Iterable[str] | None = None, label_map: str | None = None,
          scheme: str = "full", track: str = "default") -> Results:
    """Score prediction records against the benchmark (``gold=None``) or your own gold.

    Against the benchmark, records may be in any JSON format (``tokens``, ``chars``,
    ``strings``; detected, or ``input_format``); your own gold takes ``tokens`` records.
    ``blocks``: the secondary blocks to compute (``scoring.scorer.BLOCKS``: ``partial``,
    ``linking``, ``trigger_overlap``, ``string_track``; None, the default, for all of
    them, ``()`` for the headline blocks only). ``label_map`` and ``scheme`` are ``bench
    evaluate``'s ``--label-map`` and ``--scheme``.

    ``track`` (against the benchmark): ``default`` (the originals) or ``parallel`` (every
    version; the results add the ``parallel`` block).

    Bad records raise ``InputError`` with the same messages as ``bench evaluate FILE``
    (``<predictions>:N: ...``, N the record's position); an unknown block, ``ValueError``."""
    from citydiplo.formats.labels import check_scheme

    chosen = check_blocks(blocks)
    check_scheme(scheme)
    if gold is not None and input_format is not None:
        raise InputError("input_format", 0, "your own gold is scored in the tokens format only: leave input_format "
                                            "out when you pass gold")
    if gold is not None and track != "default":
        raise InputError("track", 0, "your own gold has no tracks: leave track out when you pass gold")
    with collector_paused():
        return _score(predictions, gold, root, samples, seed, input_format, chosen, label_map, scheme, track)


def _score(predictions: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]] | None, root: Path | None,
           samples: int, seed: int, input_format: str | None, blocks: tuple[str, ...], label_map: str | None,
           scheme: str, track: str = "default") -> Results:
    from dataclasses import replace

    from citydiplo.evaluation.provenance import with_provenance
    from citydiplo.formats.labels import coarse, load_label_map

    records: Mapping[str, GoldSentence]
    shapes: Mapping[str, Shape]
    bench_shapes: dict[str, GoldShape] = {}
    if gold is None:
        bench = load_benchmark(root).track(track).require_documents()
        bench_shapes = bench.shapes
        records, inventory, shapes = bench.records, bench.inventory, bench_shapes
    else:
        bench = None
        inventory = load_inventory(root)
        user = _user_gold(gold, inventory)
        records, shapes = user, user
    labels = load_label_map(label_map, inventory.ner_types) if label_map is not None else None
    numbered: Iterator[tuple[int, Any]] = enumerate(predictions, 1)  # tag ids become names in the checks
    if labels is not None:  # a label map reads names
        numbered = ((i, tags_as_names(p, inventory) if isinstance(p, Mapping) else p) for i, p in numbered)
    if bench is None:
        if labels is not None:
            numbered = ((i, labels.record(p)) for i, p in numbered)
        stream, report = check_stream(numbered, shapes, inventory, "<predictions>"), None
    else:  # any JSON format (tokens, chars, strings), detected from the records or forced
        from citydiplo.formats.readers import predictions_from_records

        stream, report = predictions_from_records(numbered, bench.documents, bench_shapes, inventory, "<predictions>",
                                                  input_format, labels)
    if scheme == "coarse":
        records = {sid: coarse(r) for sid, r in records.items()}
        stream = (coarse(p) for p in stream)
    extensions: tuple = ()
    if bench is not None and bench.track_name == "parallel":
        from citydiplo.scoring.parallel import ParallelTrack

        extensions = (ParallelTrack.of(bench.documents, bench.records, samples=samples, seed=seed),)
    scorer = score_stream(records, stream, blocks, extensions,
                          string_answers=report.answers if report is not None else None)
    scorer.input_report = report.to_dict() if report is not None else None
    results = scorer.results(samples, seed)
    if labels is not None or scheme != "full":
        results = replace(results, extra={**results.extra, "labels": {
            "label_map": labels.name if labels is not None else None, "scheme": scheme}})
    if bench is None:
        return results
    return with_provenance(replace(results, extra={**results.extra, "track": bench.track_name}), "<predictions>", bench)
