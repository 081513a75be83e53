"""Croissant 1.0 metadata (``croissant.json``) for the built dataset.

One ``cr:FileObject`` per data file, one record set per config whose fields mirror the
feature spec (lists are ``repeated``, structs have ``subField``s), and one small inline
record set per label inventory, named in the description of each class-label field.
Rendered from the same ``Feature`` tree as the dataset card.

Croissant readers unnest one level of lists only (mlcroissant keeps the first element of
a list inside a list), so the event arguments are left out of the nested ``events`` and
``documents`` record sets and read from the flat ``arguments`` record set, one record per
argument with its ``doc_id`` and ``event_id``; the flat record sets are keyed by
``(doc_id, id)``.
"""

from __future__ import annotations

import json

from citydiplo.release import meta as release
from citydiplo.release.card import ConfigFile
from citydiplo.formats.inventory import Inventory
from citydiplo.release.features import Feature, label_sets

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

# A list inside a list and the flat record set that holds its entries one per record.
NESTED_ELSEWHERE = {"arguments": "arguments"}
# Configs whose rows the flat record sets do not cover (they hold the originals only).
NOT_FLATTENED = ("parallel",)

# "date": ISO 8601 strings, which Croissant readers (pandas) turn into dates anyway; a month
# or year given alone then reads as its first day (the JSON Lines file keeps the string).
_DATA_TYPES = {"string": "sc:Text", "int32": "sc:Integer", "bool": "sc:Boolean", "label": "sc:Text",
               "date": "sc:Date"}


def _file_id(path: str) -> str:
    return path.replace("/", "-").removesuffix(".jsonl")


# The fields that identify a row of each flat table.
TABLE_KEYS = {"entities": ("doc_id", "id"), "event_mentions": ("doc_id", "id"), "relations": ("doc_id", "id")}


def label_set_ids(labels: Inventory) -> dict[tuple[str, ...], str]:
    """A record-set id per label inventory, named after it (``features.label_sets``)."""
    ids: dict[tuple[str, ...], str] = {}
    for name, values in label_sets(labels).items():
        ids.setdefault(values, "labels-" + name.replace("_", "-"))
    return ids


def _field(f: Feature, parent_id: str, file_id: str, column: str | None, json_path: str | None,
           label_sets: dict[tuple[str, ...], str], used: set[str], in_list: bool = False,
           flattened: bool = True) -> dict | None:
    """A ``cr:Field`` for a feature; None for a list nested inside a list, which Croissant
    readers do not unnest (mlcroissant keeps the first element of each inner list): those
    rows are in a flat record set instead (see ``NESTED_ELSEWHERE``)."""
    if in_list and f.repeated:
        return None
    ident = f"{parent_id}/{f.name}"
    source: dict = {"fileObject": {"@id": file_id}, "extract": {"column": column or f.name}}
    if json_path:
        source["transform"] = {"jsonPath": json_path}
    field: dict = {"@type": "cr:Field", "@id": ident, "name": f.name, "description": f.description}
    if f.dtype == "struct":
        subs = [
            _field(sub, ident, file_id, column or f.name,
                   f"{json_path or ''}{'[*]' if f.repeated else ''}.{sub.name}".lstrip("."), label_sets, used,
                   in_list or f.repeated, flattened)
            for sub in f.fields
        ]
        field["subField"] = [x for x in subs if x is not None]
        left_out = [sub.name for sub, x in zip(f.fields, subs) if x is None]
        if left_out and flattened:
            field["description"] += "; " + "; ".join(
                f"`{name}` is left out here: one row per entry, with this row's ids, in record set "
                f"`{NESTED_ELSEWHERE[name]}`" if name in NESTED_ELSEWHERE else
                f"`{name}` (a list inside a list, which Croissant readers do not unnest) is left out here: "
                "it is in the JSON Lines file and in the Hugging Face features" for name in left_out)
        elif left_out:
            field["description"] += "; " + "; ".join(
                f"`{name}` is left out here (a list inside a list, which Croissant readers do not unnest): "
                f"read it from the JSON Lines file" for name in left_out)
    else:
        field["dataType"] = _DATA_TYPES[f.dtype]
        field["source"] = source
        if f.dtype == "label":
            # A ``references`` link would make mlcroissant join on list values and fail,
            # so the label inventory is named in the description instead.
            set_id = label_sets[f.labels]
            used.add(set_id)
            field["description"] = f"{f.description} (label names: record set `{set_id}`)"
    if f.repeated:
        field["repeated"] = True
    return field


def _label_record_set(set_id: str, labels: tuple[str, ...]) -> dict:
    return {
        "@type": "cr:RecordSet",
        "@id": set_id,
        "name": set_id,
        "description": "Label names; a class-label column stores the name, `datasets` reads it as the id.",
        "dataType": "sc:Enumeration",
        "key": {"@id": f"{set_id}/name"},
        "field": [
            {"@type": "cr:Field", "@id": f"{set_id}/id", "name": "id", "description": "class id",
             "dataType": "sc:Integer"},
            {"@type": "cr:Field", "@id": f"{set_id}/name", "name": "name", "description": "label name",
             "dataType": "sc:Text"},
        ],
        "data": [{f"{set_id}/id": i, f"{set_id}/name": name} for i, name in enumerate(labels)],
    }


def render_croissant(files: list[ConfigFile], sha256: dict[str, str], features: dict[str, tuple[Feature, ...]],
                     labels: Inventory, languages: list[str], version: str, content_hash: str) -> str:
    """The JSON-LD text of ``croissant.json``."""
    label_sets = label_set_ids(labels)
    used: set[str] = set()
    record_sets = []
    for f in files:
        file_id = _file_id(f.path)
        record_sets.append({
            "@type": "cr:RecordSet",
            "@id": f.config,
            "name": f.config,
            "description": f"The `{f.config}` config, split `test` ({f.rows} rows).",
            "field": [_field(x, f.config, file_id, None, None, label_sets, used, flattened=f.config not in NOT_FLATTENED)
                      for x in features[f.config]],
        })
        if f.config in TABLE_KEYS:
            record_sets[-1]["key"] = [{"@id": f"{f.config}/{k}"} for k in TABLE_KEYS[f.config]]
    record_sets += [_label_record_set(set_id, names) for names, set_id in label_sets.items() if set_id in used]
    doc = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": release.PRETTY_NAME,
        "description": release.DESCRIPTION,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "version": version,
        "datePublished": release.DATE_RELEASED,
        "url": release.REPOSITORY_CODE,
        "license": release.LICENSE_URL,
        "creator": {"@type": "sc:Organization", "name": release.CREATOR},
        "keywords": list(release.KEYWORDS),
        "inLanguage": list(languages),
        "citeAs": release.bibtex(version),
        "identifier": f"sha256:{content_hash}",
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": _file_id(f.path),
                "name": _file_id(f.path),
                "description": f"`{f.config}` config, `test` split, JSON Lines",
                "contentUrl": f.path,
                "contentSize": f"{f.size} B",
                "encodingFormat": "application/jsonlines",
                "sha256": sha256[f.path],
            }
            for f in files
        ],
        "recordSet": record_sets,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
