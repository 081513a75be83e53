"""Record scoring (``scoring.record_track``), the records format (``formats.event_records``)
and records made from span predictions (``formats.span_records``): hand-computed cases,
a brute-force alignment, strict reading."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplo.errors import InputError
from citydiplo.formats.event_records import (PredictedRecord, document_json, filler_key, read_records,
                                             read_records_file, check_records)
from citydiplo.formats.model import TokenArgument, TokenEvent
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.span_records import document_records
from citydiplo.formats.tokens import tokenize
from citydiplo.scoring.record_track import optimal_alignment, record_block, score_records
from fixtures import doclevel_document

CLUSTERS = {
    "C1": ("CITY", "GeoNames:460413", ["Daugavpils", "Daugavpilī"]),
    "C2": ("PER", None, ["Igors Prelatovs", "Prelatovs"]),
    "C3": ("CITY", "GeoNames:2037013", ["Harbina"]),
    "C4": ("DATE", None, ["12. augustā"]),
}
GOLD = [("MEET", "ACTUAL", "2020-08-12", {"Participant": ["C1", "C3"], "Time": ["C4"]}),
        ("VISIT", "FUTURE", None, {"Visitor": ["C2"], "Destination": ["C3"]})]


def _doc(records=GOLD, clusters=CLUSTERS, doc_id="000-lv"):
    return doclevel_document(doc_id, clusters, records)


def test_hand_computed_document():
    pred = [PredictedRecord("MEET", "ACTUAL", "2020-08-12",
                            {"Participant": ("GeoNames:460413", "Daugavpils", "«Harbina»"), "Time": ("12. Augustā",)}),
            PredictedRecord("MEET", "OTHER", None, {"Participant": ("Prelatovs",)}),
            PredictedRecord("VISIT", None, None, {"Visitor": ("prelatovs",), "Host": ("Rīga",)})]
    block = record_block([_doc()], {"000-lv": pred}, samples=200, seed=1)
    # MEET: the id and the string of Daugavpils are two fillers of one cluster: one right,
    # one wrong; «Harbina» is right (quotes folded); the date string is right (casefold).
    # The second MEET shares nothing with the gold MEET: left over. VISIT: Prelatovs right,
    # Rīga wrong (no Host in the gold), Harbina missed as Destination.
    assert block["micro"] == {"precision": 4 / 7, "recall": 4 / 5, "f1": pytest.approx(2 / 3), "tp": 4, "pred": 7,
                              "gold": 5}
    assert block["record_f1"]["f1"] == pytest.approx(2 / 3)
    lo, hi = block["record_f1"]["ci95"]
    assert 0 <= lo <= 2 / 3 <= hi <= 1
    roles = block["per_role"]
    assert (roles["Participant"]["tp"], roles["Participant"]["pred"], roles["Participant"]["gold"]) == (2, 4, 2)
    assert (roles["Host"]["tp"], roles["Host"]["pred"], roles["Host"]["gold"]) == (0, 1, 0)
    assert (roles["Destination"]["tp"], roles["Destination"]["pred"], roles["Destination"]["gold"]) == (0, 0, 1)
    assert (block["per_type"]["MEET"]["tp"], block["per_type"]["MEET"]["pred"]) == (3, 5)
    assert block["realis_accuracy"] == {"accuracy": 0.5, "aligned": 2}
    assert block["date_accuracy"] == {"accuracy": 1.0, "aligned": 2}  # no date predicted, none in the gold VISIT
    assert block["records"] == {"gold": 2, "predicted": 3, "aligned": 2}
    assert block["bootstrap"]["unit"] == "record"
    assert block["per_language"]["lv"]["f1"] == pytest.approx(2 / 3)


def test_alignment_is_optimal_not_greedy():
    gold = [("MEET", "ACTUAL", None, {"Participant": ["C1", "C2"]}),
            ("MEET", "ACTUAL", None, {"Participant": ["C1"]})]
    # X is listed first and overlaps both gold records by one filler; a greedy alignment
    # would give it the first gold record and leave Y one filler; the optimum credits 3
    pred = [PredictedRecord("MEET", arguments={"Participant": ("Daugavpils",)}),
            PredictedRecord("MEET", arguments={"Participant": ("Daugavpilī", "Prelatovs")})]
    score = score_records([_doc(gold)], {"000-lv": pred})
    assert (score.micro.tp, score.micro.pred, score.micro.gold) == (3, 3, 3)


def test_documents_without_gold_records_are_left_out():
    pred = {"001-ru": [PredictedRecord("MEET", arguments={"Participant": ("Москва",)})]}
    score = score_records([_doc(), _doc([], doc_id="001-ru")], pred)
    assert score.scored == ["000-lv"] and score.without_gold == ["001-ru"]
    assert score.micro.pred == 0 and score.micro.gold == 5
    block = record_block([_doc([], doc_id="001-ru")], pred, samples=50)
    assert block["record_f1"] is None and block["documents"]["without_gold_records"] == 1


def test_gold_as_predictions_scores_100():
    doc = _doc()
    pred = [PredictedRecord(r.type, r.realis, r.date,
                            {role: tuple(next(c for c in doc.clusters if c.id == cid).texts[-1] for cid in cids)
                             for role, cids in r.arguments.items()}) for r in doc.event_records]
    block = record_block([doc], {doc.id: pred}, samples=50)
    assert block["record_f1"]["f1"] == 1.0 and block["record_f1"]["ci95"] == [1.0, 1.0]
    assert block["realis_accuracy"]["accuracy"] == block["date_accuracy"]["accuracy"] == 1.0


def test_filler_key_folds_case_width_quotes_and_space():
    assert filler_key("  «Daugavpils»  ") == filler_key("daugavpils") == filler_key('"DAUGAVPILS"')
    assert filler_key("Ｈａｒｂｉｎ") == "harbin"  # NFKC: fullwidth letters
    assert filler_key("В’ячеслав") == filler_key("В'ячеслав") == filler_key("Вʼячеслав")
    assert filler_key("Igors   Prelatovs") == "igors prelatovs"
    assert filler_key("Rīga") != filler_key("Riga")  # diacritics are letters, not folded


def _brute(scores: np.ndarray) -> int:
    g, p = scores.shape
    if g == 0 or p == 0:
        return 0
    if g <= p:
        return max(sum(int(scores[i, c]) for i, c in enumerate(cols)) for cols in itertools.permutations(range(p), g))
    return max(sum(int(scores[r, j]) for j, r in enumerate(rows)) for rows in itertools.permutations(range(g), p))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 4), st.integers(0, 4), st.data())
def test_optimal_alignment_equals_the_best_permutation(g, p, data):
    cells = data.draw(st.lists(st.integers(0, 5), min_size=g * p, max_size=g * p))
    scores = np.array(cells, dtype=np.int64).reshape(g, p)
    pairs = optimal_alignment(scores)
    assert len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})
    assert sum(int(scores[a, b]) for a, b in pairs) == _brute(scores)


NAMES = ["Daugavpils", "Daugavpilī", "Prelatovs", "Igors Prelatovs", "Harbina", "GeoNames:460413", "Rīga"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Participant", "Time"]), st.lists(st.sampled_from(["C1", "C2", "C3"]),
                                                                             min_size=1, max_size=3, unique=True)),
                min_size=1, max_size=3),
       st.lists(st.lists(st.sampled_from(NAMES), min_size=0, max_size=3), min_size=0, max_size=3))
def test_record_alignment_equals_brute_force_over_record_pairings(gold_args, pred_fillers):
    gold = [("MEET", "ACTUAL", None, {role: cids}) for role, cids in gold_args]
    pred = [PredictedRecord("MEET", arguments={"Participant": tuple(dict.fromkeys(fs))} if fs else {})
            for fs in pred_fillers]
    doc = _doc(gold)
    total = score_records([doc], {doc.id: pred}).micro.tp
    single = np.array([[score_records([doclevel_document(doc.id, CLUSTERS, [g])], {doc.id: [p]}).micro.tp
                        for p in pred] for g in gold], dtype=np.int64).reshape(len(gold), len(pred))
    assert total == _brute(single)


# --------------------------------------------------------------------------- the format


def _inv():
    from citydiplo.corpus.benchmark import load_inventory

    return load_inventory()


def test_records_file_round_trip_and_strictness(tmp_path):
    inv = _inv()
    recs = [PredictedRecord("MEET", "ACTUAL", "2020-08", {"Participant": ("GeoNames:460413", "Harbina")})]
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(document_json("000-lv", recs)) + "\n" + json.dumps(document_json("001-ru", [])) + "\n",
                    encoding="utf-8")
    assert read_records_file(str(path), inv, ["000-lv", "001-ru"]) == {"000-lv": recs, "001-ru": []}

    def refused(line: dict, *needles: str) -> None:
        bad = tmp_path / "bad.jsonl"
        bad.write_text(json.dumps(document_json("001-ru", [])) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            read_records_file(str(bad), inv, ["000-lv", "001-ru"])
        assert err.value.line == 2 and err.value.path == str(bad), err.value
        for needle in needles:
            assert needle in str(err.value), str(err.value)

    good = document_json("000-lv", recs)
    refused({**good, "records": [{**good["records"][0], "argumnets": {}}]}, "argumnets", "did you mean 'arguments'")
    refused({"doc_id": "000-lv", "records": [{"type": "MEET", "arguments": {"Participnt": ["x"]}}]},
            "Participnt", "did you mean 'Participant'")
    refused({"doc_id": "000-lv", "records": [{"type": "MEET", "arguments": {"Visitor": ["x"]}}]},
            "'Visitor' is not a role of MEET")
    refused({"doc_id": "000-lv", "records": [{"type": "MEETING"}]}, "MEETING")
    refused({"doc_id": "000-lv", "records": [{"type": "MEET", "date": "12.08.2020"}]}, "ISO 8601")
    refused({"doc_id": "000-lv", "records": [{"type": "MEET", "date": "2020-02-30"}]}, "ISO 8601")
    refused({"doc_id": "000-lv", "records": [{"type": "MEET", "arguments": {"Participant": "Rīga"}}]}, "list")
    refused({"doc_id": "001-ru", "records": []}, "twice")
    refused({"doc_id": "009-xx", "records": []}, "unknown document")
    refused({"doc_id": "000-lv", "recrods": []}, "did you mean 'records'")
    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="001-ru"):
        read_records_file(str(short), inv, ["000-lv", "001-ru"])


def test_lenient_reading_keeps_the_good_records():
    problems: list[str] = []
    got = check_records([{"type": "MEET"}, {"type": "PARTY"}, {"type": "AID", "arguments": {"Giver": ["Rīga"]}}],
                        _inv(), problems=problems)
    assert [r.type for r in got] == ["MEET", "AID"] and len(problems) == 1 and "PARTY" in problems[0]
    with pytest.raises(InputError):
        read_records([(1, {"doc_id": "000-lv", "records": [{"type": "PARTY"}]})], _inv(), ["000-lv"], "<x>")


# --------------------------------------------------------------------------- records from spans


def _sentence(text: str):
    return tokenize(text, 0)


def _span(tokens, needle: str) -> tuple[int, int]:
    start = next(i for i, t in enumerate(tokens) if needle.startswith(t.text) and
                 " ".join(x.text for x in tokens[i:]).startswith(needle))
    return start, start + len(needle.split())


def test_span_mentions_sharing_a_filler_are_one_record():
    s1 = _sentence("Daugavpils met Harbina online .")
    s2 = _sentence("The meeting of Daugavpilī and Prelatovs was long .")
    s3 = _sentence("Rīga met Tartu and Harbina hosted .")

    def ev(tokens, trigger: str, args, realis="ACTUAL") -> TokenEvent:
        return TokenEvent("MEET", _span(tokens, trigger), realis,
                          tuple(TokenArgument(role, _span(tokens, text)) for role, text in args))

    p1 = Prediction("000-lv-001", events=[ev(s1, "met", [("Participant", "Daugavpils"), ("Participant", "Harbina")],
                                             "FUTURE")],
                    norm=[(_span(s1, "Daugavpils"), "GeoNames:460413")])
    p2 = Prediction("000-lv-002", events=[ev(s2, "meeting", [("Participant", "Prelatovs")]),
                                          ev(s2, "long", [("Participant", "Daugavpilī")], None)])
    p3 = Prediction("000-lv-003", events=[ev(s3, "met", [("Participant", "Rīga"), ("Participant", "Tartu")]),
                                          ev(s3, "hosted", [("Participant", "Harbina"), ("Participant", "Tartu")])])
    recs = document_records([(s1, p1), (s2, p2), (s3, p3)])
    # "Harbina" links the first mention with the last, "Tartu" the last with the one before;
    # Prelatovs stands alone; the id of Daugavpils replaces its string, so "Daugavpilī"
    # shares nothing and is a record of its own; realis: the last mention's
    assert [(r.type, r.realis, r.arguments["Participant"]) for r in recs] == [
        ("MEET", "ACTUAL", ("GeoNames:460413", "Harbina", "Rīga", "Tartu")),
        ("MEET", "ACTUAL", ("Prelatovs",)),
        ("MEET", None, ("Daugavpilī",)),
    ]
    assert all(r.date is None for r in recs)
