"""brat standoff and IOB2 conversions: round trips and errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplo.formats.bio import iob2_to_spans, iob2_to_token_spans, spans_to_iob2
from citydiplo.formats.brat import parse_ann, serialize_ann
from citydiplo.errors import InputError
from citydiplo.formats.model import (Annotations, Attribute, Equivalence, EventRecord, Normalization, Note,
                                    RelationRecord, TextBound)
from citydiplo.formats.tokens import tokenize

name = st.from_regex(r"[A-Z][A-Za-z_]{0,8}", fullmatch=True)
surface = st.text(st.characters(blacklist_characters="\n\r\t", blacklist_categories=("Cs",)), max_size=12)
num = st.integers(min_value=1, max_value=999)


@st.composite
def annotations(draw):
    n_t = draw(st.integers(0, 5))
    tbs = []
    for i in range(1, n_t + 1):
        start = draw(st.integers(0, 500))
        tbs.append(TextBound(f"T{i}", draw(name), start, start + draw(st.integers(1, 40)), draw(surface)))
    ids = [t.id for t in tbs] or ["T1"]
    events = [
        EventRecord(f"E{i}", draw(name), draw(st.sampled_from(ids)),
                    tuple((draw(name), draw(st.sampled_from(ids))) for _ in range(draw(st.integers(0, 3)))))
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    targets = ids + [e.id for e in events]
    attrs = [Attribute(f"A{i}", draw(name), draw(st.sampled_from(targets)), draw(st.one_of(st.none(), name)))
             for i in range(1, draw(st.integers(0, 3)) + 1)]
    rels = [RelationRecord(f"R{i}", draw(name), draw(st.sampled_from(ids)), draw(st.sampled_from(ids)))
            for i in range(1, draw(st.integers(0, 2)) + 1)]
    norms = [Normalization(f"N{i}", draw(st.sampled_from(ids)), draw(name), str(draw(num)), draw(surface))
             for i in range(1, draw(st.integers(0, 2)) + 1)]
    notes = [Note(f"#{i}", "AnnotatorNotes", draw(st.sampled_from(ids)), draw(surface))
             for i in range(1, draw(st.integers(0, 2)) + 1)]
    equivs = [Equivalence(draw(name), tuple(draw(st.lists(st.sampled_from(ids), min_size=2, max_size=4))))
              for _ in range(draw(st.integers(0, 2)))]  # Coref clusters (GUIDELINES part 3)
    return Annotations(tbs, events, attrs, rels, norms, notes, equivs)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(annotations())
def test_brat_round_trip(ann):
    text = serialize_ann(ann)
    assert parse_ann(text) == ann
    assert serialize_ann(parse_ann(text)) == text


def test_coref_lines_are_read_and_kept():
    text = "T1\tCITY 0 8\tHarbinas\nT2\tCITY 20 28\tHarbinas\nT3\tCITY 40 48\tHarbinai\n*\tCoref T1 T2 T3\n"
    ann = parse_ann(text)
    assert ann.equivalences == [Equivalence("Coref", ("T1", "T2", "T3"))]
    assert serialize_ann(ann) == text
    for bad in ("*\tCoref T1\n", "*\tCoref T1 E2\n", "*1\tCoref T1 T2\n"):
        with pytest.raises(InputError, match="expected \\*<TAB>TYPE"):
            parse_ann(bad, "x.ann")


def test_parse_known_lines():
    ann = parse_ann("T1\tCITY 0 8\tHarbinas\nT2\tMEET 10 15\ttikās\nE1\tMEET:T2 Participant:T1 Participant2:T1\n"
                    "A1\tRealis E1 ACTUAL\nR1\tPARTNER_OF Arg1:T1 Arg2:T1\nN1\tReference T1 GeoNames:2037013\tHarbin\n")
    assert ann.textbounds[0] == TextBound("T1", "CITY", 0, 8, "Harbinas")
    assert ann.events[0].args == (("Participant", "T1"), ("Participant2", "T1"))
    assert ann.normalizations[0].db_id == "2037013"


@pytest.mark.parametrize("line, message", [
    ("T1\tCITY 0 3;5 8\tabc", "discontinuous"),
    ("T1\tCITY zero 8\tx", "cannot read type and offsets"),
    ("E1\tMEET:T2 Participant", "expected ROLE:ID"),
    ("X1\tfoo", "unknown annotation kind"),
    ("R1\tPARTNER_OF T1 T2", "expected TYPE Arg1:ID Arg2:ID"),
])
def test_parse_errors_name_the_line(line, message):
    with pytest.raises(InputError) as err:
        parse_ann("T9\tCITY 0 1\tx\n" + line + "\n", "f.ann")
    assert err.value.line == 2 and message in err.value.problem and err.value.path == "f.ann"


def test_spans_to_iob2_and_back():
    text = "12. augustā Daugavpils pilsētas domes priekšsēdētājs"
    tokens = tokenize(text)
    spans = [(0, 11, "DATE"), (12, 37, "ORG")]
    tags = spans_to_iob2(tokens, spans)
    assert tags == ["B-DATE", "I-DATE", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert iob2_to_spans(tokens, tags) == spans


def test_spans_off_token_boundaries_raise():
    tokens = tokenize("Daugavpils pilsētas")
    with pytest.raises(ValueError):
        spans_to_iob2(tokens, [(0, 5, "CITY")])
    with pytest.raises(ValueError):
        spans_to_iob2(tokens, [(0, 10, "CITY"), (0, 19, "ORG")])


def test_orphan_i_starts_an_entity_like_conlleval():
    assert iob2_to_token_spans(["O", "I-PER", "I-PER", "B-ORG", "I-CITY"]) == [(1, 3, "PER"), (3, 4, "ORG"), (4, 5, "CITY")]


@st.composite
def tagged(draw):
    n = draw(st.integers(0, 30))
    spans, i = [], 0
    while i < n:
        if draw(st.booleans()):
            j = draw(st.integers(i + 1, n))
            spans.append((i, j, draw(st.sampled_from(["PER", "CITY", "ORG"]))))
            i = j
        else:
            i += 1
    return n, spans


@given(tagged())
def test_token_spans_round_trip(case):
    n, spans = case
    text = " ".join(f"w{i}" for i in range(n))
    tokens = tokenize(text)
    char_spans = [(tokens[a].start, tokens[b - 1].end, t) for a, b, t in spans]
    tags = spans_to_iob2(tokens, char_spans)
    assert iob2_to_token_spans(tags) == spans
