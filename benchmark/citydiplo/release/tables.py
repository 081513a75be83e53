"""Flat tables of the release: one row per entity mention, event mention, argument and
relation, derived from the rows of the ``documents`` config.

The nested configs are faithful but awkward in a data frame (``to_pandas()`` gives object
arrays of dicts) and beyond what Croissant readers unnest (a list inside a list). These
tables hold only scalars, carry their document and sentence ids, and each argument row
names its event (``event_id``, unique with ``doc_id``), so nothing is detached.
"""

from __future__ import annotations

from citydiplo.formats.model import Sentence, sentence_at, sentence_id


def _sentence_of(doc: dict):
    """A function from a character span to the id of the sentence that holds it (or None)."""
    sentences = [Sentence(s["start"], s["end"]) for s in doc["sentences"]]

    def find(start: int, end: int) -> str | None:
        i = sentence_at(sentences, start)
        return None if i is None or end > sentences[i].end else sentence_id(doc["id"], i + 1)

    return find


def flat_tables(documents: list[dict]) -> dict[str, list[dict]]:
    """``entities``, ``event_mentions``, ``arguments`` and ``relations`` rows, in document
    order and, within a document, in annotation order."""
    out: dict[str, list[dict]] = {"entities": [], "event_mentions": [], "arguments": [], "relations": []}
    for doc in documents:
        head = {"doc_id": doc["id"], "language": doc["language"]}
        sentence = _sentence_of(doc)
        texts = {e["id"]: e["text"] for e in doc["entities"]}
        for e in doc["entities"]:
            out["entities"].append(head | {"sentence_id": sentence(e["start"], e["end"]), "id": e["id"],
                                           "type": e["type"], "start": e["start"], "end": e["end"],
                                           "text": e["text"], "level": e["level"], "norm_db": e["norm_db"],
                                           "norm_id": e["norm_id"]})
        for ev in doc["events"]:
            out["event_mentions"].append(head | {
                "sentence_id": sentence(ev["trigger_start"], ev["trigger_end"]), "id": ev["id"],
                "type": ev["type"], "trigger_start": ev["trigger_start"], "trigger_end": ev["trigger_end"],
                "trigger": ev["trigger"], "realis": ev["realis"], "n_arguments": len(ev["arguments"])})
            for a in ev["arguments"]:
                out["arguments"].append(head | {
                    "sentence_id": sentence(a["start"], a["end"]), "event_id": ev["id"], "event_type": ev["type"],
                    "role": a["role"], "ref": a["ref"], "start": a["start"], "end": a["end"], "text": a["text"],
                    "filler_type": a["filler_type"]})
        spans = {e["id"]: (e["start"], e["end"]) for e in doc["entities"]}
        for r in doc["relations"]:
            first = spans.get(r["arg1"])
            out["relations"].append(head | {
                "sentence_id": sentence(*first) if first else None, "id": r["id"], "type": r["type"],
                "arg1": r["arg1"], "arg2": r["arg2"], "arg1_text": texts.get(r["arg1"]),
                "arg2_text": texts.get(r["arg2"]), "status": r["status"]})
    return out
