"""The gold annotations written in each prediction format (``bench gold-predictions``).

Scoring any of them gives 100.0 on every figure: it tests the whole reading path of its
format, and it is the example a user copies. Pure functions of the gold documents.
"""

from __future__ import annotations

from citydiplo.formats.model import (
    Annotations, Attribute, Document, EventRecord, Normalization, RelationRecord, TextBound,
)
from citydiplo.formats.records import SentenceRecord, record_to_prediction_json, sentence_id
from citydiplo.formats.strings import occurrence_hint


def gold_tokens(rec: SentenceRecord) -> dict:
    """A tokens record of the gold, with the gold's links as ``norm``."""
    out = record_to_prediction_json(rec)
    out["norm"] = [{"span": list(span), "id": ident} for span, _, ident in rec.norms]
    return out


def _spans(doc: Document) -> dict[str, tuple[int, int]]:
    spans = {e.id: (e.start, e.end) for e in doc.entities}
    spans.update({t.id: (t.start, t.end) for t in doc.items})
    return spans


def gold_chars(doc: Document) -> dict:
    """A chars record of the gold (entities with level and norm)."""
    spans = _spans(doc)
    entities = []
    for e in doc.entities:
        item = {"start": e.start, "end": e.end, "type": e.type, "level": e.level}
        if e.norm_id is not None:
            item["norm"] = f"{e.norm_db}:{e.norm_id}"
        entities.append(item)
    events = [{"type": ev.type, "trigger": {"start": ev.start, "end": ev.end}, "realis": ev.realis,
               "arguments": [{"role": a.role, "start": a.start, "end": a.end} for a in ev.arguments]}
              for ev in doc.events]
    relations = [{"type": r.type, "arg1": dict(zip(("start", "end"), spans[r.arg1])),
                  "arg2": dict(zip(("start", "end"), spans[r.arg2])), "status": r.status}
                 for r in doc.relations if r.arg1 in spans and r.arg2 in spans]
    return {"doc_id": doc.id, "entities": entities, "events": events, "relations": relations}


def gold_strings(doc: Document, hints: bool = True) -> dict:
    """A strings record of the gold: surface texts, with ``occurrence`` hints unless
    ``hints`` is false (the answer a perfect LLM writes)."""
    return _strings_record(gold_chars(doc), doc, None, hints)


def gold_strings_sentences(doc: Document, hints: bool = True) -> list[dict]:
    """The gold as one strings record per sentence (``id``: the sentence id): the entities,
    the events whose trigger and the relations whose two ends lie in the sentence."""
    chars = gold_chars(doc)
    out = []
    for index, sent in enumerate(doc.meta.sentences, 1):
        inside = lambda span: sent.start <= span["start"] and span["end"] <= sent.end  # noqa: E731
        part = {"entities": [e for e in chars["entities"] if inside(e)],
                "events": [ev for ev in chars["events"] if inside(ev["trigger"])],
                "relations": [r for r in chars["relations"] if inside(r["arg1"]) and inside(r["arg2"])]}
        out.append(_strings_record(part, doc, index, hints))
    return out


def _strings_record(chars: dict, doc: Document, sentence: int | None, hints: bool) -> dict:
    """A chars record (or the part of one in sentence ``sentence``, 1-based) as strings."""
    text, sents = doc.text, doc.meta.sentences
    scope = None if sentence is None else sents[sentence - 1]

    def surface(start: int, end: int) -> dict:
        if not hints:
            return {"text": text[start:end]}
        return {"text": text[start:end], "occurrence": occurrence_hint(text, sents, start, end, scope)}

    def end(span: dict) -> dict | str:
        out = surface(span["start"], span["end"])
        return out if hints else out["text"]

    entities = [{**surface(e["start"], e["end"]), **{k: e[k] for k in ("type", "level", "norm") if k in e}}
                for e in chars["entities"]]
    events = [{"type": ev["type"], "trigger": end(ev["trigger"]), "realis": ev["realis"],
               "arguments": [{"role": a["role"], **surface(a["start"], a["end"])} for a in ev["arguments"]]}
              for ev in chars["events"]]
    relations = [{"type": r["type"], "arg1": end(r["arg1"]), "arg2": end(r["arg2"]), "status": r["status"]}
                 for r in chars["relations"]]
    head = {"doc_id": doc.id} if sentence is None else {"id": sentence_id(doc.id, sentence)}
    return {**head, "entities": entities, "events": events, "relations": relations}


def gold_ann(doc: Document) -> Annotations:
    """The gold of a document as brat standoff (canonical ids and order)."""
    ann = Annotations()
    ids: dict[str, str] = {}

    def textbound(old: str, type_: str, start: int, end: int) -> str:
        if old not in ids:
            ids[old] = f"T{len(ids) + 1}"
            ann.textbounds.append(TextBound(ids[old], type_, start, end, doc.text[start:end]))
        return ids[old]

    for e in doc.entities:
        textbound(e.id, e.type, e.start, e.end)
        if e.norm_id is not None and e.norm_db is not None:
            ann.normalizations.append(Normalization(f"N{len(ann.normalizations) + 1}", ids[e.id], e.norm_db, e.norm_id,
                                                    e.text))
    for t in doc.items:
        textbound(t.id, t.type, t.start, t.end)
    for k, ev in enumerate(doc.events, 1):
        trig = textbound(ev.trigger_id, ev.type, ev.start, ev.end)
        seen: dict[str, int] = {}
        args: list[tuple[str, str]] = []
        for a in ev.arguments:
            if a.ref in ids:
                seen[a.role] = seen.get(a.role, 0) + 1  # brat numbers a repeated role: Participant2
                args.append((a.role if seen[a.role] == 1 else f"{a.role}{seen[a.role]}", ids[a.ref]))
        ann.events.append(EventRecord(f"E{k}", ev.type, trig, tuple(args)))
        if ev.realis is not None:
            ann.attributes.append(Attribute(f"A{len(ann.attributes) + 1}", "Realis", f"E{k}", ev.realis))
    for k, r in enumerate(doc.relations, 1):
        if r.arg1 in ids and r.arg2 in ids:
            ann.relations.append(RelationRecord(f"R{k}", r.type, ids[r.arg1], ids[r.arg2]))
            if r.status is not None:
                ann.attributes.append(Attribute(f"A{len(ann.attributes) + 1}", "Status", f"R{k}", r.status))
    return ann


def gold_records(doc: Document, ids: bool = True) -> list:
    """The gold event records of ``doc`` as predicted records (``formats.event_records``):
    each filler cluster given by its id where it is linked (``ids``) and else by its first
    mention's text; realis and date as the gold has them. Scored, they give record_f1 100."""
    from citydiplo.formats.event_records import PredictedRecord

    clusters = {c.id: c for c in doc.clusters}

    def filler(cid: str) -> str:
        c = clusters[cid]
        return c.norm if ids and c.norm else c.texts[0]

    return [PredictedRecord(r.type, r.realis, r.date,
                            {role: tuple(dict.fromkeys(filler(cid) for cid in cids))
                             for role, cids in r.arguments.items() if cids})
            for r in doc.event_records]
