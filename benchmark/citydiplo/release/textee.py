"""The TextEE / OneIE JSON Lines layout: one object per sentence (a TextEE "window").

Each line holds ``doc_id``, ``wnd_id`` (the sentence id), ``text``, ``lang``, ``tokens``,
``entity_mentions`` (``id``, ``entity_type``, ``text``, ``start``, ``end``),
``event_mentions`` (``id``, ``event_type``, ``trigger`` {``text``, ``start``, ``end``},
``arguments`` [{``entity_id``, ``role``, ``text``, ``start``, ``end``}]) and
``relation_mentions`` (``id``, ``relation_type``, ``arguments`` with roles ``Arg-1`` and
``Arg-2``), spans as ``[start, end)`` token indices of the sentence, as TextEE's
processed-data format and its loaders (``TextEE/utils.py``: ``load_E2E_data``,
``load_ED_data``, ``load_EAE_data``) expect. TextEE looks every argument up by
``entity_id`` among the window's entity mentions, so ITEM fillers (what was agreed or
given) are entity mentions of type ``ITEM`` here; CityDiplo extras (``realis``,
``level``, ``norm``, ``status``) ride along as additional keys, which TextEE ignores.
Ids are ``<doc_id>-<brat id>``, unique over the export.
"""

from __future__ import annotations

import json

from citydiplo.errors import InputError
from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord, token_span

ARG_ROLES = ("Arg-1", "Arg-2")


def sentence_window(doc: Document, rec: SentenceRecord) -> dict:
    """One sentence of a gold document as a TextEE window."""
    def gid(ident: str) -> str:
        return f"{doc.id}-{ident}"

    entities: dict[str, dict] = {}
    for e in doc.entities:
        span = token_span(rec.tokens, e.start, e.end)
        if span is not None:
            entities[e.id] = {"id": gid(e.id), "entity_type": e.type, "text": e.text, "start": span[0],
                              "end": span[1], "level": e.level,
                              "norm": f"{e.norm_db}:{e.norm_id}" if e.norm_db else None}
    for t in doc.items:
        span = token_span(rec.tokens, t.start, t.end)
        if span is not None:
            entities[t.id] = {"id": gid(t.id), "entity_type": "ITEM", "text": t.text, "start": span[0],
                              "end": span[1], "level": 1, "norm": None}
    events = []
    for ev in doc.events:
        trigger = token_span(rec.tokens, ev.start, ev.end)
        if trigger is None:
            continue
        arguments = [{"entity_id": entities[a.ref]["id"], "role": a.role, "text": a.text,
                      "start": entities[a.ref]["start"], "end": entities[a.ref]["end"]}
                     for a in ev.arguments if a.ref in entities]
        events.append({"id": gid(ev.id), "event_type": ev.type,
                       "trigger": {"text": ev.trigger, "start": trigger[0], "end": trigger[1]},
                       "arguments": arguments, "realis": ev.realis})
    relations = []
    for r in doc.relations:
        if r.arg1 in entities and r.arg2 in entities:
            relations.append({"id": gid(r.id), "relation_type": r.type, "status": r.status, "arguments": [
                {"entity_id": entities[x]["id"], "role": role, "text": entities[x]["text"],
                 "start": entities[x]["start"], "end": entities[x]["end"]}
                for x, role in ((r.arg1, ARG_ROLES[0]), (r.arg2, ARG_ROLES[1]))]})
    return {
        "doc_id": doc.id, "wnd_id": rec.id, "text": doc.text[rec.start:rec.end], "lang": doc.language,
        "tokens": [t.text for t in rec.tokens], "entity_mentions": list(entities.values()),
        "event_mentions": events, "relation_mentions": relations,
    }


def write_textee(documents: list[tuple[Document, list[SentenceRecord]]]) -> str:
    """TextEE JSON Lines for documents with their sentence records, in order."""
    return "".join(json.dumps(sentence_window(doc, rec), ensure_ascii=False) + "\n"
                   for doc, records in documents for rec in records)


def read_textee(text: str, path: str = "<textee>") -> list[dict]:
    """Windows of a TextEE file, checked the way TextEE reads them: every argument's
    ``entity_id`` names an entity mention of its window, and every span lies in the tokens."""
    windows = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            w = json.loads(line)
            n = len(w["tokens"])
            ids = {e["id"] for e in w["entity_mentions"]}
            spans = [(e["start"], e["end"]) for e in w["entity_mentions"]]
            arguments = [a for r in w.get("relation_mentions", []) for a in r["arguments"]]
            for ev in w["event_mentions"]:
                spans.append((ev["trigger"]["start"], ev["trigger"]["end"]))
                arguments += ev["arguments"]
            for a in arguments:
                if a["entity_id"] not in ids:
                    raise ValueError(f"argument entity_id {a['entity_id']!r} is not an entity mention here")
                spans.append((a["start"], a["end"]))
            for start, end in spans:
                if not 0 <= start < end <= n:
                    raise ValueError(f"span [{start}, {end}) is outside the {n} tokens")
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(path, lineno, f"not a TextEE window: {exc}") from None
        windows.append(w)
    return windows
