"""Messages that name the real problem when a file is not predictions at all.

Checked before the readers' generic checks (unknown field, malformed JSON, no id), so
that a results file, a pretty-printed JSON file, a JSON array or spaCy's training
tuples are called what they are. Pure functions of the decoded data.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

JSON_LINES = "predictions are JSON Lines: one JSON object per line (json.dumps(record), no indent)"
RESULTS = ("this is a results file (what `bench evaluate --out` writes), not predictions: give the predictions "
           "it was scored from, or check it with `bench check-results`")
SPACY_DOC = ("this is a spaCy training tuple [text, {\"entities\": [[start, end, label], ...]}]: write "
             "{\"id\": SENTENCE_ID, \"entities\": [{\"start\": s, \"end\": e, \"type\": label}]} (the chars "
             "format, offsets into the sentence; add --label-map spacy for spaCy's labels)")


def is_results(data: Any) -> bool:
    return isinstance(data, Mapping) and "headline" in data and isinstance(data.get("entities"), Mapping)


def _spacy_tuple(value: Any) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 3 and all(isinstance(v, int) for v in value[:2])
            and isinstance(value[2], str))


def record_hint(data: Any) -> str | None:
    """What a decoded record is when it is not a prediction record; ``None`` when it may be one."""
    if is_results(data):
        return RESULTS
    if isinstance(data, list) and len(data) == 2 and isinstance(data[0], str) and isinstance(data[1], Mapping):
        return SPACY_DOC
    if isinstance(data, list) and data and all(isinstance(x, Mapping) for x in data):
        return f"a JSON array of {len(data)} record(s) on one line: {JSON_LINES}"
    if isinstance(data, Mapping) and "records" in data and "doc_id" in data:
        return ("this is a records file (document-level event records), which has no spans: score it with "
                "`bench evaluate FILE --input-format records`")
    if isinstance(data, Mapping):
        entities = data.get("entities")
        if isinstance(entities, list):
            for k, ent in enumerate(entities):
                if _spacy_tuple(ent):
                    return (f"entities[{k}] = {list(ent)!r} is a spaCy-style (start, end, label) tuple: write "
                            "{\"start\": s, \"end\": e, \"type\": label} objects (the chars format: with \"doc_id\", "
                            "offsets into the document; with a sentence \"id\", offsets into the sentence; add "
                            "--label-map spacy for spaCy's labels)")
    return None


def whole_file_hint(text: str) -> str | None:
    """Why a file whose first line is not a JSON record still holds JSON: pretty-printed
    (one object over several lines), a JSON array, or a results file."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if is_results(data):
        return RESULTS
    if isinstance(data, dict):
        return f"one JSON object spread over several lines (pretty-printed): {JSON_LINES}"
    if isinstance(data, list):
        return f"one JSON array: {JSON_LINES}"
    return None
