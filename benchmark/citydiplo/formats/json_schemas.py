"""JSON Schemas of the ``tokens``, ``chars`` and ``strings`` prediction formats, generated
from the annotation schema (``annotation.conf``: the one source of the label inventory).

The committed ``predictions.schema.json`` (tokens), ``chars.schema.json`` and
``strings.schema.json`` beside this module are its output (a test checks it); regenerate
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


def chars_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``chars`` record (one per document, or one per sentence)."""
    defs = _labels(inv)
    offsets = {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 1}}
    defs["span"] = {"type": "object", "required": ["start", "end"], "properties": offsets,
                    "description": "[start, end) character offsets into the document text (with doc_id) "
                                   "or into the sentence text (with a sentence id)."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citydiplo.org/schemas/chars-0.1.json",
        "title": "CityDiplo chars prediction record (one JSON Lines record per document, or per sentence)",
        "type": "object",
        "oneOf": [{"required": ["doc_id"]}, {"required": ["id"]}],
        "properties": {
            "doc_id": _DOC_ID,
            "id": {"type": "string", "pattern": "^[0-9]{3}-[a-z]{2}-[0-9]{3}$",
                   "description": "Sentence id <doc_id>-<nnn>: a record for one sentence, offsets into its text "
                                  "(the ner config's `text`)."},
            "entities": _array(["start", "end", "type"], {**offsets, "type": {"$ref": "#/$defs/ner"},
                                                          "level": {"$ref": "#/$defs/level"},
                                                          "norm": {"$ref": "#/$defs/norm"}}),
            "events": _events("span", ["start", "end"], offsets),
            "relations": _relations(inv, "span"),
        },
        "$defs": defs,
        "examples": [{"doc_id": "000-lv",
                      "entities": [{"start": 0, "end": 10, "type": "CITY", "level": 1, "norm": "GeoNames:460413"}],
                      "events": [{"type": "MEET", "trigger": {"start": 52, "end": 58}, "realis": "ACTUAL",
                                  "arguments": [{"role": "Participant", "start": 0, "end": 10}]}]}],
    }


def strings_schema(inv: Inventory) -> dict:
    """The JSON Schema of one ``strings`` record (one per document or per sentence)."""
    defs = _labels(inv)
    text = {"type": "string", "minLength": 1, "description": "The span's exact surface text."}
    hint = {"type": "integer", "minimum": 1,
            "description": "Optional: which occurrence of the text in the record's text (see the README)."}
    defs["surface"] = {"oneOf": [text, {"type": "object", "required": ["text"],
                                        "properties": {"text": text, "occurrence": hint}}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://citydiplo.org/schemas/strings-0.1.json",
        "title": "CityDiplo strings prediction record (one per document, or one per sentence)",
        "type": "object",
        "oneOf": [{"required": ["doc_id"]}, {"required": ["id"]}],
        "properties": {
            "doc_id": _DOC_ID,
            "id": {"type": "string", "pattern": "^[0-9]{3}-[a-z]{2}-[0-9]{3}$",
                   "description": "Sentence id <doc_id>-<nnn> (a record for one sentence)."},
            "entities": _array(["text", "type"], {"text": text, "occurrence": hint, "type": {"$ref": "#/$defs/ner"},
                                                  "level": {"$ref": "#/$defs/level"}, "norm": {"$ref": "#/$defs/norm"}}),
            "events": _events("surface", ["text"], {"text": text, "occurrence": hint}),
            "relations": _relations(inv, "surface"),
        },
        "$defs": defs,
        "examples": [{"doc_id": "000-lv", "entities": [{"text": "Daugavpils", "type": "CITY", "norm": "GeoNames:460413"}],
                      "events": [{"type": "MEET", "trigger": "tikās", "realis": "ACTUAL",
                                  "arguments": [{"role": "Participant", "text": "Daugavpils"}]}]}],
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
                               ("strings.schema.json", strings_schema))}


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
