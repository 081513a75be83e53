"""Other taggers' labels and the coarse scheme: what makes a spaCy or CoNLL tagger scorable.

**Label maps** (``--label-map NAME|FILE``) turn a system's entity labels into CityDiplo's
before its predictions are checked, in every input format (the ``B-``/``I-`` tags of
``tokens`` records; the entity ``type`` of ``chars``, ``strings`` and ``brat``). A label
mapped to ``null`` is dropped (its tags become ``O``, its entity is left out); a label the
map does not name passes unchanged (and is then checked against the schema). Built-ins:

- ``spacy``: spaCy's English/OntoNotes labels (``PERSON``, ``NORP``, ``FAC``, ``GPE``, ...)
  and its multilingual WikiNER ones (``PER``, ``LOC``, ``ORG``, ``MISC``);
- ``conll``: the CoNLL-2002/2003 labels (``PER``, ``ORG``, ``LOC``, ``MISC``);
- ``wikiner``: WikiNER's (the same four; also ``PERSON`` and ``ORGANIZATION`` spellings).

A file is a JSON object ``{"THEIR_LABEL": "CITYDIPLO_TYPE" or null, ...}``.

Such systems know no ``CITY``: the **coarse scheme** (``--scheme coarse``) scores gold and
predictions alike with ``CITY``, ``GPE`` and ``LOC`` merged into ``LOC`` (``PER``, ``ORG``,
``MISC`` and ``DATE`` kept), the scheme in which a CoNLL-style tagger can be compared
fairly. ``full`` is the benchmark's own scheme. Both are pure functions of records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from citydiplo.errors import InputError

_CONLL = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

BUILTIN_MAPS: dict[str, dict[str, str | None]] = {
    "spacy": {
        **_CONLL,
        "PERSON": "PER", "NORP": "MISC", "FAC": "LOC", "GPE": "GPE", "PRODUCT": "MISC", "EVENT": "MISC",
        "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "DATE": "DATE",
        "TIME": None, "PERCENT": None, "MONEY": None, "QUANTITY": None, "ORDINAL": None, "CARDINAL": None,
    },
    "conll": dict(_CONLL),
    "wikiner": {**_CONLL, "PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"},
}
"""The built-in maps, their label -> CityDiplo type (``None``: drop)."""

SCHEMES = ("full", "coarse")
COARSE = {"CITY": "LOC", "GPE": "LOC", "LOC": "LOC"}
"""The coarse scheme: these types become ``LOC``; every other type is kept."""


@dataclass(frozen=True)
class LabelMap:
    """A system's entity labels -> CityDiplo types (``None``: drop the entity)."""

    name: str
    mapping: Mapping[str, str | None]

    def type(self, label: Any) -> Any:
        """The CityDiplo type of a label (``None``: dropped); an unnamed label unchanged."""
        return self.mapping.get(label, label) if isinstance(label, str) else label

    def tag(self, tag: Any) -> Any:
        """An IOB2 tag with its type mapped (``O`` when the type is dropped)."""
        if not isinstance(tag, str) or tag[:2] not in ("B-", "I-"):
            return tag
        mapped = self.type(tag[2:])
        return "O" if mapped is None else f"{tag[:2]}{mapped}"

    def record(self, data: Any) -> Any:
        """A decoded prediction record (any JSON format) with its entity labels mapped."""
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for key in ("ner_tags", "ner_tags_inner"):
            if isinstance(out.get(key), list):
                out[key] = [self.tag(t) for t in out[key]]
        if isinstance(out.get("entities"), list):
            entities = []
            for ent in out["entities"]:
                if isinstance(ent, dict) and "type" in ent:
                    mapped = self.type(ent["type"])
                    if mapped is None:
                        continue
                    ent = {**ent, "type": mapped}
                entities.append(ent)
            out["entities"] = entities
        return out


def load_label_map(spec: str, types: tuple[str, ...] | None = None) -> LabelMap:
    """A built-in map by name, or a JSON file mapping labels to CityDiplo types (checked
    against ``types``, the schema's entity types, when given)."""
    if spec in BUILTIN_MAPS:
        return LabelMap(spec, BUILTIN_MAPS[spec])
    path = Path(spec)
    if not path.is_file():
        raise InputError(spec, 0, f"not a built-in label map ({', '.join(BUILTIN_MAPS)}) or a JSON file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(spec, 0, f"a label map is a JSON object {{\"LABEL\": \"TYPE\" or null}}: {str(exc)[:120]}") from None
    if not isinstance(data, dict):
        raise InputError(spec, 0, "a label map is a JSON object {\"LABEL\": \"TYPE\" or null}")
    for label, target in data.items():
        if target is not None and not isinstance(target, str):
            raise InputError(spec, 0, f"{label!r} maps to {target!r}: a type name or null")
        if types is not None and target is not None and target not in types:
            raise InputError(spec, 0, f"{label!r} maps to {target!r}, not an entity type of the schema "
                                      f"({', '.join(types)})")
    return LabelMap(path.name, data)


def check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise InputError(scheme, 0, f"unknown scheme {scheme!r} (expected one of {', '.join(SCHEMES)})")
    return scheme


def coarse_type(etype: str) -> str:
    return COARSE.get(etype, etype)


def coarse_tags(tags: list[str] | None) -> list[str] | None:
    """IOB2 tags in the coarse scheme (``B-CITY`` -> ``B-LOC``)."""
    if tags is None:
        return None
    return [t if t == "O" else f"{t[:2]}{coarse_type(t[2:])}" for t in tags]


def coarse_types(types: tuple[str, ...]) -> tuple[str, ...]:
    """The entity types of the coarse scheme, in the schema's order."""
    return tuple(dict.fromkeys(coarse_type(t) for t in types))


def coarse(item: Any) -> Any:
    """A gold ``SentenceRecord`` or a ``Prediction`` in the coarse scheme (entity tags and
    the types of gold links; events and relations are untouched)."""
    changes: dict[str, Any] = {"ner_tags": coarse_tags(item.ner_tags),
                               "ner_tags_inner": coarse_tags(item.ner_tags_inner)}
    norms = getattr(item, "norms", None)
    if norms:
        changes["norms"] = [(span, coarse_type(etype), ident) for span, etype, ident in norms]
    return replace(item, **changes)


def foreign_label(data: Any, types: tuple[str, ...]) -> str | None:
    """When a record's entity label is not one of ``types`` but another tagger's (a label of
    a built-in map), the message that says which ``--label-map`` reads it; else ``None``."""
    if not isinstance(data, dict):
        return None
    found: list[tuple[str, str]] = []
    for key in ("ner_tags", "ner_tags_inner"):
        tags = data.get(key)
        if isinstance(tags, list):
            found += [(f"{key}[{i}]", t[2:]) for i, t in enumerate(tags)
                      if isinstance(t, str) and t[:2] in ("B-", "I-") and t[2:] not in types]
    entities = data.get("entities")
    if isinstance(entities, list):
        found += [(f"entities[{k}].type", e["type"]) for k, e in enumerate(entities)
                  if isinstance(e, dict) and isinstance(e.get("type"), str) and e["type"] not in types]
    for where, label in found[:1]:
        maps = [name for name, mapping in BUILTIN_MAPS.items() if label in mapping]
        if maps:
            return (f"{where} {label!r} is not a type of the schema ({', '.join(types)}) but a label of "
                    f"{' and '.join(maps)}: add --label-map {maps[0]} (or a label map file), and --scheme coarse to "
                    "compare a tagger that knows no CITY")
    return None
