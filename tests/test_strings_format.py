"""The strings resolver: the documented rule, hints, unresolved and ambiguous counts."""

import pytest

from citydiplo.errors import InputError
from citydiplo.formats.model import Sentence
from citydiplo.formats.strings import occurrence_hint, resolve_strings

TEXT = "Riga met Tartu. Riga and Tartu signed in Riga."
SENTS = [Sentence(0, 15), Sentence(16, 46)]


def test_entities_take_the_next_unused_occurrence():
    rec = {"doc_id": "d", "entities": [{"text": "Riga", "type": "CITY"}, {"text": "Riga", "type": "CITY"},
                                       {"text": "Tartu", "type": "CITY", "norm": "GeoNames:588335"}]}
    out, rep = resolve_strings(rec, TEXT, SENTS)
    assert [(e["start"], e["end"]) for e in out["entities"]] == [(0, 4), (16, 20), (9, 14)]
    assert out["entities"][2]["norm"] == "GeoNames:588335"
    assert "events" not in out and "relations" not in out
    assert rep.spans == 3 and rep.ambiguous == 3 and not rep.unresolved


def test_hallucinated_and_used_up_strings_are_reported_not_dropped_silently():
    rec = {"doc_id": "d", "entities": [{"text": "Tallinn", "type": "CITY"}] + [{"text": "Tartu", "type": "CITY"}] * 3}
    out, rep = resolve_strings(rec, TEXT, SENTS)
    assert len(out["entities"]) == 2
    assert [(u["text"], u["reason"]) for u in rep.unresolved] == [("Tallinn", "not_found"), ("Tartu", "used_up")]
    assert rep.to_dict()["unresolved_by_reason"] == {"not_found": 1, "used_up": 1, "bad_hint": 0}


def test_a_hint_resolves_exactly_and_is_not_a_guess():
    rec = {"doc_id": "d", "entities": [{"text": "Riga", "type": "CITY", "occurrence": 3}]}
    out, rep = resolve_strings(rec, TEXT, SENTS)
    assert (out["entities"][0]["start"], rep.hinted, rep.ambiguous) == (41, 1, 0)
    assert occurrence_hint(TEXT, SENTS, 41, 45) == 3
    bad, rep = resolve_strings({"doc_id": "d", "entities": [{"text": "Riga", "type": "CITY", "occurrence": 9}]}, TEXT, SENTS)
    assert bad["entities"] == [] and rep.unresolved[0]["reason"] == "bad_hint"


def test_token_aligned_occurrences_come_first():
    text = "Rigas dome. Riga."
    out, _ = resolve_strings({"doc_id": "d", "entities": [{"text": "Riga", "type": "CITY"}]}, text,
                             [Sentence(0, 11), Sentence(12, 17)])
    assert out["entities"][0]["start"] == 12


def test_arguments_are_looked_up_in_the_trigger_sentence_first():
    rec = {"doc_id": "d", "events": [{"type": "AGREE", "trigger": "signed", "realis": "ACTUAL",
                                      "arguments": [{"role": "Party", "text": "Tartu"}]}]}
    out, rep = resolve_strings(rec, TEXT, SENTS)
    ev = out["events"][0]
    assert ev["trigger"] == {"start": 31, "end": 37}
    assert ev["arguments"] == [{"role": "Party", "start": 25, "end": 30}]
    assert rep.ambiguous == 0


def test_relation_ends_share_a_sentence_and_unresolved_triggers_drop_their_event():
    rec = {"doc_id": "d", "relations": [{"arg1": "Tartu", "arg2": {"text": "Riga"}, "status": "ESTABLISHED"}],
           "events": [{"type": "MEET", "trigger": "danced", "arguments": []}]}
    out, rep = resolve_strings(rec, TEXT, SENTS)
    assert out["relations"][0]["arg1"] == {"start": 9, "end": 14}
    assert out["relations"][0]["arg2"] == {"start": 0, "end": 4}
    assert out["events"] == [] and rep.unresolved[0]["text"] == "danced"


def test_a_sentence_record_resolves_inside_its_sentence():
    rec = {"id": "d-002", "entities": [{"text": "Riga", "type": "CITY"}]}
    out, _ = resolve_strings(rec, TEXT, SENTS, SENTS[1])
    assert out["doc_id"] == "d" and out["entities"][0]["start"] == 16


@pytest.mark.parametrize("rec", [{"doc_id": "d", "entities": {}}, {"doc_id": "d", "entities": [{"type": "CITY"}]},
                                 {"doc_id": "d", "entities": [{"text": "Riga", "occurrence": 0}]},
                                 {"doc_id": "d", "events": [{"type": "MEET", "trigger": 3}]}])
def test_bad_shapes_name_file_and_line(rec):
    with pytest.raises(InputError) as err:
        resolve_strings(rec, TEXT, SENTS, path="p.jsonl", lineno=4)
    assert str(err.value).startswith("p.jsonl:4: d:")


def test_repeated_relations_take_the_next_sentence_holding_both():
    rel = {"arg1": "Riga", "arg2": "Tartu", "status": "ESTABLISHED"}
    out, rep = resolve_strings({"doc_id": "d", "relations": [rel, dict(rel, arg1="Tartu", arg2="Riga")]}, TEXT, SENTS)
    assert [r["arg1"]["start"] for r in out["relations"]] == [0, 25]
    assert rep.ambiguous >= 2
