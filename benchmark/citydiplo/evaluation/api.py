"""The Python API behind ``citydiplo.score`` and ``citydiplo.evaluate``.

``score`` takes prediction records as plain dicts, exactly as in a predictions file (tags
as strings, or as the integer ClassLabel ids that ``load_dataset`` gives), checks them
the way ``bench evaluate FILE`` does, and scores them against the benchmark's gold or
against gold records a user passes in the same format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from citydiplo.corpus.benchmark import load_benchmark, load_inventory
from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.predictions import GoldShape, check_record, check_stream
from citydiplo.formats.model import parse_sentence_id
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.tokens import Token
from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.results import Results
from citydiplo.scoring.scorer import score as score_stream

TAG_FIELDS = ("ner_tags", "ner_tags_inner")


def tags_as_names(record: Mapping[str, Any], labels: tuple[str, ...]) -> dict:
    """A record whose integer tag ids (``load_dataset``'s ClassLabels, ``labels`` the
    inventory's ``ner_tags``) are turned into names."""
    out = dict(record)
    for name in TAG_FIELDS:
        tags = out.get(name)
        if isinstance(tags, list) and any(isinstance(t, int) and not isinstance(t, bool) for t in tags):
            out[name] = [labels[t] if isinstance(t, int) and 0 <= t < len(labels) else t for t in tags]
    return out


def _user_gold(records: Iterable[Mapping[str, Any]], inventory: Inventory) -> dict[str, SentenceRecord]:
    """Gold given as records of the predictions format (``ner_tags`` required; ``language``
    and ``tokens`` optional) as the scorer's sentence records."""
    out: dict[str, SentenceRecord] = {}
    for lineno, raw in enumerate(records, 1):
        data = tags_as_names(raw, inventory.ner_tags) if isinstance(raw, Mapping) else raw
        if not isinstance(data, Mapping) or not isinstance(data.get("ner_tags"), list):
            raise InputError("<gold>", lineno, "a gold record needs an 'id' and a list of 'ner_tags'")
        n = len(data["ner_tags"])
        extra = {k: v for k, v in data.items() if k not in ("language", "tokens", "doc_id")}
        pred = check_record(extra, {str(data.get("id")): GoldShape(n)}, inventory, "<gold>", lineno)
        if pred.id in out:
            raise InputError("<gold>", lineno, f"sentence {pred.id!r} is given twice")
        words = data.get("tokens") or [""] * n
        out[pred.id] = SentenceRecord(
            pred.id, str(data.get("doc_id", parse_sentence_id(pred.id)[0])), str(data.get("language", "und")),
            0, 0, 0, [Token(str(w), 0, 0) for w in words], pred.ner_tags or ["O"] * n,
            pred.ner_tags_inner or ["O"] * n, pred.events or [], pred.relations or [])
    if not out:
        raise InputError("<gold>", 0, "no gold records")
    return out


def score(predictions: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]] | None = None, *,
          root: Path | None = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
          input_format: str | None = None, label_map: str | None = None, scheme: str = "full") -> Results:
    """Score prediction records against the benchmark (``gold=None``) or your own gold.

    Against the benchmark, records may be in any JSON format (``tokens``, ``chars``,
    ``strings``; detected, or ``input_format``); your own gold takes ``tokens`` records.
    ``label_map`` and ``scheme`` are ``bench evaluate``'s ``--label-map`` and ``--scheme``.

    Bad records raise ``InputError`` with the same messages as ``bench evaluate FILE``
    (``<predictions>:N: ...``, N the record's position)."""
    from dataclasses import replace

    from citydiplo.evaluation.provenance import with_provenance
    from citydiplo.formats.labels import check_scheme, coarse, load_label_map

    check_scheme(scheme)
    if gold is not None and input_format is not None:
        raise InputError("input_format", 0, "your own gold is scored in the tokens format only: leave input_format "
                                            "out when you pass gold")
    if gold is None:
        bench = load_benchmark(root).require_documents()
        records, inventory = bench.records, bench.inventory
    else:
        bench = None
        inventory = load_inventory(root)
        records = _user_gold(gold, inventory)
    shapes = {sid: GoldShape(len(r.tokens)) for sid, r in records.items()}
    labels = load_label_map(label_map, inventory.ner_types) if label_map is not None else None
    numbered = ((i, tags_as_names(p, inventory.ner_tags) if isinstance(p, Mapping) else p)
                for i, p in enumerate(predictions, 1))
    if bench is None:
        if labels is not None:
            numbered = ((i, labels.record(p)) for i, p in numbered)
        stream, report = check_stream(numbered, shapes, inventory, "<predictions>"), None
    else:  # any JSON format (tokens, chars, strings), detected from the records or forced
        from citydiplo.formats.readers import predictions_from_records

        stream, report = predictions_from_records(numbered, bench.documents, shapes, inventory, "<predictions>",
                                                  input_format, labels)
    if scheme == "coarse":
        records = {sid: coarse(r) for sid, r in records.items()}
        stream = (coarse(p) for p in stream)
    scorer = score_stream(records, stream, string_answers=report.answers if report is not None else None)
    scorer.input_report = report.to_dict() if report is not None else None
    results = scorer.results(samples, seed)
    if labels is not None or scheme != "full":
        results = replace(results, extra={**results.extra, "labels": {
            "label_map": labels.name if labels is not None else None, "scheme": scheme}})
    return with_provenance(results, "<predictions>", bench) if bench is not None else results

