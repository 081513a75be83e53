"""Models that misbehave, for tests/test_robust_inputs.py (``tests.bad_models:<name>``)."""

from __future__ import annotations

import sys


def raises(documents):
    raise ValueError("weights not found")


def returns_int(documents):
    return 42


def returns_none(documents):
    return None


def returns_a_dict(documents):
    return {"id": "000-lv-001", "ner_tags": []}


def returns_wrong_records(documents):
    return [1, 2, 3]


def exits(documents):
    sys.exit(3)


def exits_while_yielding(documents):
    yield from ()
    sys.exit("bye")


def yields_nothing(documents):
    return iter(())


def fails_midway(documents):
    from citydiplo.formats.records import sentence_records

    for doc in documents:
        for rec in sentence_records(doc):
            yield {"id": rec.id, "ner_tags": ["O"] * len(rec.tokens)}
        raise RuntimeError("CUDA out of memory\nsecond line")


not_callable = 3
