"""JSON Schemas of the ``tokens``, ``chars``, ``strings`` and ``records`` prediction formats,
generated from the annotation schema (``annotation.conf``: the one source of the label
inventory).

The committed ``predictions.schema.json`` (tokens), ``chars.schema.json``,
``strings.schema.json`` and ``records.schema.json`` beside this module are its output (a
test checks it); regenerate
them with
``python -m citydiplo.formats.json_schemas annotations benchmark/citydiplo/formats``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from citydiplo.formats.inventory import Inventory

_DOC_ID = {"type": "string", "pattern": "^[0-9]{3}-[a-z]{2}$",
           "description": "Document id as `citydiplo.load('documents')` gives it."}


def _labels(inv: Inventory) -> dict:
    roles = list(dict.fromkeys(r for rs in inv.event_roles.values() for r in rs))  # first-seen order
    return {
        "ner": {"enum": list(inv.ner_types)},
        "event": {"enum": list(inv.event_roles)},
        "role": {"enum": roles},
        "realis": {"enum": [*inv.realis, None]},
        "status": {"enum": [*inv.statuses, None]},
        "level": {"enum": [1, 2], "description": "1 outer, 2 nested inside another entity; default: from nesting."},
        "norm": {"type": "string", "pattern": "^[^:\\s]+:\\S+$",
                 "description": "Normalisation id DB:KEY, e.g. GeoNames:460413 (cities) or ISO3166:LV (countries)."},
    }


def _array(required: list[str], properties: dict) -> dict:
    """An array of objects with these required fields and properties."""
    return {"type": "array", "items": {"type": "object", "required": required, "properties": properties}}


def _events(trigger: str, argument_required: list[str], argument: dict) -> dict:
    """The ``events`` property, the trigger as ``$defs/<trigger>``, an argument's span as ``argument``."""
    return _array(["type", "trigger"], {
        "type": {"$ref": "#/$defs/event"}, "trigger": {"$ref": f"#/$defs/{trigger}"},
        "realis": {"$ref": "#/$defs/realis"},
        "arguments": _array(["role", *argument_required], {"role": {"$ref": "#/$defs/role"}, **argument})})


def _relations(inv: Inventory, end: str) -> dict:
    """The ``relations`` property, each city as ``$defs/<end>``."""
    return _array(["arg1", "arg2"], {"type": {"enum": list(inv.relations)}, "arg1": {"$ref": f"#/$defs/{end}"},
                                     "arg2": {"$ref": f"#/$defs/{end}"}, "status": {"$ref": "#/$defs/status"}})


def tokens_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``tokens`` record (one per sentence; spans in token indices)."""
    defs = _labels(inv)
    defs["span"] = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2,
                    "description": "[first, last_exclusive) token indices into the sentence."}
    defs["tags"] = {"type": "array", "items": {"type": "string",
                                               "pattern": f"^(O|[BI]-({'|'.join(inv.ner_types)}))$"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citydiplo.org/schemas/predictions-0.1.json",
        "title": "CityDiplo prediction record (one JSON Lines record per sentence)",
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9]{3}-[a-z]{2}-[0-9]{3}$",
                   "description": "Sentence id <doc_id>-<nnn> as listed by `bench sentences`."},
            "ner_tags": {"$ref": "#/$defs/tags", "description": "Outer entity level, IOB2, one tag per token."},
            "ner_tags_inner": {"$ref": "#/$defs/tags", "description": "Inner entity level, IOB2, one tag per token."},
            "norm": {"type": "array", "description": "Normalisation ids of predicted mentions.", "items": {
                "type": "object", "required": ["span", "id"],
                "properties": {"span": {"$ref": "#/$defs/span"}, "id": {"$ref": "#/$defs/norm"}}}},
            "events": _events("span", ["span"], {"span": {"$ref": "#/$defs/span"}}),
            "relations": _relations(inv, "span"),
            # the sentence fields of the dataset's rows and `bench export --format jsonl`, passed through
            "doc_id": {**_DOC_ID, "description": "Ignored (a dataset row's field, passed through)."},
            "language": {"type": "string", "description": "Ignored (a dataset row's field, passed through)."},
            "tokens": {"type": "array", "items": {"type": "string"},
                       "description": "Ignored (a dataset row's field, passed through)."},
        },
        "$defs": defs,
        "examples": [{"id": "000-lv-002", "ner_tags": ["B-DATE", "I-DATE", "B-ORG"],
                      "events": [{"type": "MEET", "trigger": [27, 28], "realis": "ACTUAL",
                                  "arguments": [{"role": "Time", "span": [0, 2]}]}]}],
    }


def _document_record(inv: Inventory, name: str, title: str, sentence_id: str, defs: dict, ref: str,
                     required: list[str], span: dict, examples: list[dict]) -> dict:
    """The JSON Schema of a record for one document or one sentence whose spans are ``$defs/<ref>``
    (an entity or argument holds the ``span`` properties, ``required`` of them)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://citydiplo.org/schemas/{name}-0.1.json",
        "title": title,
        "type": "object",
        "oneOf": [{"required": ["doc_id"]}, {"required": ["id"]}],
        "properties": {
            "doc_id": _DOC_ID,
            "id": {"type": "string", "pattern": "^[0-9]{3}-[a-z]{2}-[0-9]{3}$", "description": sentence_id},
            "entities": _array([*required, "type"], {**span, "type": {"$ref": "#/$defs/ner"},
                                                     "level": {"$ref": "#/$defs/level"},
                                                     "norm": {"$ref": "#/$defs/norm"}}),
            "events": _events(ref, required, span),
            "relations": _relations(inv, ref),
        },
        "$defs": defs,
        "examples": examples,
    }


def chars_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``chars`` record (one per document, or one per sentence)."""
    defs = _labels(inv)
    offsets = {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 1}}
    defs["span"] = {"type": "object", "required": ["start", "end"], "properties": offsets,
                    "description": "[start, end) character offsets into the document text (with doc_id) "
                                   "or into the sentence text (with a sentence id)."}
    return _document_record(
        inv, "chars", "CityDiplo chars prediction record (one JSON Lines record per document, or per sentence)",
        "Sentence id <doc_id>-<nnn>: a record for one sentence, offsets into its text (the ner config's `text`).",
        defs, "span", ["start", "end"], offsets,
        [{"doc_id": "000-lv",
          "entities": [{"start": 0, "end": 10, "type": "CITY", "level": 1, "norm": "GeoNames:460413"}],
          "events": [{"type": "MEET", "trigger": {"start": 52, "end": 58}, "realis": "ACTUAL",
                      "arguments": [{"role": "Participant", "start": 0, "end": 10}]}]}])


def strings_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``strings`` record (one per document or per sentence)."""
    defs = _labels(inv)
    text = {"type": "string", "minLength": 1, "description": "The span's exact surface text."}
    hint = {"type": "integer", "minimum": 1,
            "description": "Optional: which occurrence of the text in the record's text (see the README)."}
    defs["surface"] = {"oneOf": [text, {"type": "object", "required": ["text"],
                                        "properties": {"text": text, "occurrence": hint}}]}
    return _document_record(
        inv, "strings", "CityDiplo strings prediction record (one per document, or one per sentence)",
        "Sentence id <doc_id>-<nnn> (a record for one sentence).",
        defs, "surface", ["text"], {"text": text, "occurrence": hint},
        [{"doc_id": "000-lv", "entities": [{"text": "Daugavpils", "type": "CITY", "norm": "GeoNames:460413"}],
          "events": [{"type": "MEET", "trigger": "tikās", "realis": "ACTUAL",
                      "arguments": [{"role": "Participant", "text": "Daugavpils"}]}]}])


def records_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``records`` line (one per document: its event records,
    span-free; ``formats.event_records``). Which roles each type has is the inventory's
    (``annotation.conf``) and checked by the reader."""
    from citydiplo.formats.doclevel import DATE_PATTERN

    defs = _labels(inv)
    roles = list(dict.fromkeys(r for rs in inv.event_roles.values() for r in rs))
    defs["fillers"] = {"type": "array", "items": {"type": "string", "minLength": 1},
                       "description": "The role's fillers, one per entity: an id (GeoNames:460413, ISO3166:LV) or "
                                      "any surface string of the entity in the document."}
    by_type = "; ".join(f"{t}: {', '.join(rs)}" for t, rs in inv.event_roles.items())
    record = {"type": "object", "required": ["type"], "properties": {
        "type": {"$ref": "#/$defs/event"},
        "realis": {"$ref": "#/$defs/realis"},
        "date": {"type": ["string", "null"], "pattern": DATE_PATTERN,
                 "description": "ISO 8601 date of the event: YYYY-MM-DD, YYYY-MM or YYYY; XXXX-MM-DD or XXXX-MM when the year is not given (ISO 8601-2); an interval START/END or START/..; null: not given."},
        "arguments": {"type": "object", "description": f"Role -> fillers; the roles of each type: {by_type}.",
                      "properties": {role: {"$ref": "#/$defs/fillers"} for role in roles}},
    }}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citydiplo.org/schemas/records-0.1.json",
        "title": "CityDiplo records prediction line (one JSON Lines record per document: its event records)",
        "type": "object",
        "required": ["doc_id", "records"],
        "properties": {"doc_id": _DOC_ID, "records": {"type": "array", "items": record}},
        "$defs": defs,
        "examples": [{"doc_id": "000-lv", "records": [
            {"type": "MEET", "realis": "ACTUAL", "date": "2020-08-12",
             "arguments": {"Participant": ["GeoNames:460413", "Igors Prelatovs"]}}]}],
    }


def closed(node: object) -> object:
    """``node`` with ``additionalProperties: false`` on every object schema (one with
    ``properties``): the readers refuse any other key (``citydiplo.formats.strict``)."""
    if isinstance(node, dict):
        out = {k: closed(v) for k, v in node.items() if k != "examples"}
        if "examples" in node:
            out["examples"] = node["examples"]
        if "properties" in node:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [closed(v) for v in node]
    return node


def schema_files(inv: Inventory) -> dict[str, str]:
    """File name -> content of the generated schemas."""
    return {name: json.dumps(closed(make(inv)), indent=2, ensure_ascii=False) + "\n"
            for name, make in (("predictions.schema.json", tokens_schema), ("chars.schema.json", chars_schema),
                               ("strings.schema.json", strings_schema), ("records.schema.json", records_schema))}


def main(argv: list[str]) -> None:  # pragma: no cover - a maintainer's command
    """``python -m citydiplo.formats.json_schemas ANNOTATIONS_DIR OUT_DIR``."""
    from citydiplo.files import write_atomic
    from citydiplo.formats.schema import load_schema

    annotations, out = map(Path, argv)
    for name, content in schema_files(Inventory.from_schema(load_schema(annotations))).items():
        write_atomic(out / name, content)
        print(out / name)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
