"""Fuzz (item 9): Hypothesis mutates valid prediction records and valid ``.ann`` lines at
random; every run ends in a score, a list of problems, or an ``InputError`` whose message
starts with the file (``file:line: problem``), never another exception. Bounded: a fixed
number of derandomized examples, a few seconds in all."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplo.annotation.validate import validate_annotation_file
from citydiplo.corpus.documents import attach, read_document
from citydiplo.errors import InputError
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.formats.brat import parse_ann
from citydiplo.formats.predictions import read_predictions
from citydiplo.formats.records import record_to_prediction_json, sentence_records
from citydiplo.formats.schema import load_schema
from citydiplo.scoring.scorer import score

ROOT = Path(__file__).resolve().parent.parent
GOLD = load_benchmark(ROOT)
LINES = [json.dumps(record_to_prediction_json(r), ensure_ascii=False) for r in GOLD.records.values()]
DOC = "000-lv"
ANN = (ROOT / "annotations" / f"{DOC}.ann").read_text(encoding="utf-8").splitlines()
SCHEMA = load_schema(ROOT / "annotations")
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

junk = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
                 st.text(max_size=8), st.lists(st.integers(-3, 60), max_size=4),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def paths(value, prefix=()):
    """Every path (tuple of keys/indices) into a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


@st.composite
def mutated_record(draw) -> dict:
    """A valid gold record with one to three random mutations anywhere in it."""
    rec = json.loads(draw(st.sampled_from(LINES)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(rec))))
        op = draw(st.sampled_from(["replace", "delete", "add_field", "nest"]))
        if not where or op == "add_field":
            rec[draw(st.sampled_from(["ner_tag", "event", "x", "norm", "tokens", "id"]))] = draw(junk)
            continue
        *head, last = where
        parent = rec
        for key in head:
            parent = parent[key]
        if op == "delete":
            del parent[last]
        elif op == "nest":
            parent[last] = [parent[last]]
        else:
            parent[last] = draw(junk)
    return rec


@FUZZ
@given(st.lists(mutated_record(), min_size=1, max_size=3), st.sampled_from(["all", "mutated only", "truncated"]))
def test_mutated_prediction_files_end_in_a_score_or_a_file_line_error(records, layout):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if layout == "all":
        ids = {r.get("id") for r in records if isinstance(r.get("id"), str)}
        lines += [line for line in LINES if json.loads(line)["id"] not in ids]
    elif layout == "truncated":
        lines[-1] = lines[-1][: len(lines[-1]) // 2]
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "p.jsonl")
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            scorer = score(GOLD.records, read_predictions(path, GOLD.shapes, GOLD.inventory))
        except InputError as exc:
            assert str(exc).startswith(path + ":"), str(exc)
            assert re.match(re.escape(path) + r":(\d+:)? \S", str(exc)), str(exc)
        else:
            assert scorer.ids  # a score, for every sentence


MUTATIONS = ["drop_char", "insert_char", "swap_type", "big_number", "drop_field", "duplicate", "tab", "crlf"]


@st.composite
def mutated_ann(draw) -> str:
    lines = list(ANN)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line, op = lines[i], draw(st.sampled_from(MUTATIONS))
        if op == "drop_char" and line:
            k = draw(st.integers(0, len(line) - 1))
            line = line[:k] + line[k + 1:]
        elif op == "insert_char":
            k = draw(st.integers(0, len(line)))
            line = line[:k] + draw(st.text(min_size=1, max_size=3)) + line[k:]
        elif op == "swap_type":
            line = re.sub(r"\b(PER|ORG|CITY|GPE|LOC|DATE|MISC|MEET|VISIT|Realis|Participant)\b",
                          draw(st.sampled_from(["ORG", "PER", "FOO", "AGREE", "Status", ""])), line, count=1)
        elif op == "big_number":
            line = re.sub(r"\d+", draw(st.sampled_from(["9" * 5000, "-1", "0", "99999999", "٣"])), line, count=1)
        elif op == "drop_field":
            line = "\t".join(line.split("\t")[:-1])
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "tab":
            line = line.replace(" ", "\t", 1)
        else:
            line += "\r"
        lines[i] = line
    return "\n".join(lines) + "\n"


@FUZZ
@given(mutated_ann())
def test_mutated_ann_files_end_in_problems_or_a_file_line_error(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{DOC}.ann"
        path.write_text(content, encoding="utf-8")
        doc = read_document(DOC, ROOT, annotations_dir=Path(tmp) / "none")
        problems = validate_annotation_file(path, doc.text, SCHEMA, doc.meta.sentences)
        for p in problems:
            assert str(p).startswith(f"{path}:") and len(str(p)) < 1000, str(p)
        try:  # what the evaluator and the release do with the file
            attach(doc, parse_ann(content, str(path)), SCHEMA)
            sentence_records(doc)
        except InputError as exc:
            assert str(exc).startswith(f"{path}:"), str(exc)
            assert problems  # the validator saw it too
        except ValueError:
            assert problems  # load_gold / load_release turn this into an InputError naming the file
