"""The tokeniser on cases drawn from the seeds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citydiplo.formats.tokens import tokenize


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def test_ukrainian_apostrophes_stay_inside_words():
    assert texts("Кам’янське та Камʼянським, прем'єри") == ["Кам’янське", "та", "Камʼянським", ",", "прем'єри"]


def test_hyphenated_names_and_numbers():
    assert texts("в Южно-Сахалинске Covid-19 Ngày 19-10,") == ["в", "Южно-Сахалинске", "Covid-19", "Ngày", "19-10", ","]


def test_latvian_ordinals_keep_their_period():
    assert texts("12. augustā un 1.Harbinas slimnīcas.") == ["12.", "augustā", "un", "1.", "Harbinas", "slimnīcas", "."]


def test_number_with_inner_period_or_comma():
    assert texts("1.200 phần quà, 1,5 млн о 09.00") == ["1.200", "phần", "quà", ",", "1,5", "млн", "о", "09.00"]


def test_sentence_final_period_after_number_is_separate():
    assert texts("у 2023 році. Відтоді") == ["у", "2023", "році", ".", "Відтоді"]


def test_persian_punctuation_digits_and_zwnj():
    assert texts("توزیع شود.در اسفند ۹۸، کمک‌ها؛") == ["توزیع", "شود", ".", "در", "اسفند", "۹۸", "،", "کمک\u200cها", "؛"]


def test_persian_bracket_glued_to_word():
    assert texts("شیان(خواهرخوانده") == ["شیان", "(", "خواهرخوانده"]


def test_vietnamese_syllables_and_combining_marks():
    decomposed = "Vie\u0302\u0323t"  # Việt written with combining marks
    assert texts(f"Đồng Tháp {decomposed} TP HCM") == ["Đồng", "Tháp", decomposed, "TP", "HCM"]


def test_quotes_dashes_and_ellipsis():
    assert texts('«Міста» “Наше” — "Аралия" – …...') == ["«", "Міста", "»", "“", "Наше", "”", "—", '"', "Аралия", '"', "–", "…", "..."]


@given(st.text())
def test_offsets_point_at_the_token_text(s):
    for t in tokenize(s):
        assert s[t.start:t.end] == t.text and t.text.strip()


@given(st.text())
def test_tokens_are_ordered_and_disjoint(s):
    tokens = tokenize(s)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
    covered = {i for t in tokens for i in range(t.start, t.end)}
    for i, ch in enumerate(s):
        if not ch.isspace() and ch not in "\u200c\u200d":
            assert i in covered, (s, i)
        if ch.isspace():
            assert i not in covered, (s, i)
