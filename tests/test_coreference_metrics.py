"""The coreference metrics of scoring.coreference against hand-computed textbook cases and properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings, strategies as st

from citydiplo.scoring.coreference import partition_agreement


def test_identical_partitions_score_one():
    a = partition_agreement([["T1", "T5"], ["T2"]], [["T5", "T1"]], items=["T2"])
    assert (a.muc.f1, a.b3.f1, a.ceafe.f1, a.conll_f1) == (1.0, 1.0, 1.0, 1.0)
    assert a.key_clusters == a.response_clusters == 2


def test_textbook_case():
    # key {a,b,c} {d,e}; response {a,b} {c,d,e}
    key, resp = [["a", "b", "c"], ["d", "e"]], [["a", "b"], ["c", "d", "e"]]
    a = partition_agreement(key, resp)
    # MUC recall: (3-2 + 2-1) / (2 + 1) = 2/3; precision: (2-1 + 3-2) / (1 + 2) = 2/3
    assert a.muc.recall == pytest.approx(2 / 3) and a.muc.precision == pytest.approx(2 / 3)
    # B3 recall: a,b: 2/3 each; c: 1/3; d,e: 2/2 each -> (2/3+2/3+1/3+1+1)/5 = 11/15
    assert a.b3.recall == pytest.approx(11 / 15)
    # B3 precision: a,b: 2/2; c: 1/3; d,e: 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    assert a.b3.precision == pytest.approx(11 / 15)
    # CEAF-e: phi({abc},{ab}) = 4/5, phi({de},{cde}) = 4/5 -> 8/5 over 2 and 2
    assert a.ceafe.precision == pytest.approx(0.8) and a.ceafe.recall == pytest.approx(0.8)


def test_all_singletons_against_one_cluster():
    a = partition_agreement([["a"], ["b"], ["c"]], [["a", "b", "c"]])
    assert a.muc.recall == 1.0 and a.muc.precision == 0.0
    assert a.b3.recall == 1.0 and a.b3.precision == pytest.approx(1 / 3)


def test_an_item_in_two_clusters_is_refused():
    with pytest.raises(ValueError, match="two clusters"):
        partition_agreement([["a", "b"], ["b", "c"]], [["a"]])


def _partition(items: list[str], labels: list[int]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for item, label in zip(items, labels):
        groups.setdefault(label, []).append(item)
    return list(groups.values())


partitions = st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, n - 1), min_size=n, max_size=n),
    st.lists(st.integers(0, n - 1), min_size=n, max_size=n)))


@settings(max_examples=150, deadline=None)
@given(partitions)
def test_swapping_key_and_response_swaps_precision_and_recall(labels):
    items = [f"T{i}" for i in range(len(labels[0]))]
    k, r = _partition(items, labels[0]), _partition(items, labels[1])
    ab, ba = partition_agreement(k, r), partition_agreement(r, k)
    for m in ("muc", "b3", "ceafe"):
        assert getattr(ab, m).precision == pytest.approx(getattr(ba, m).recall)
    assert ab.conll_f1 == pytest.approx(ba.conll_f1)


@settings(max_examples=100, deadline=None)
@given(partitions)
def test_ceafe_equals_brute_force_best_alignment(labels):
    items = [f"T{i}" for i in range(len(labels[0]))]
    k = [frozenset(c) for c in _partition(items, labels[0])]
    r = [frozenset(c) for c in _partition(items, labels[1])]
    small, big = (k, r) if len(k) <= len(r) else (r, k)
    best = max(sum(2 * len(a & b) / (len(a) + len(b)) for a, b in zip(small, perm))
               for perm in itertools.permutations(big, len(small)))
    a = partition_agreement(k, r)
    assert a.ceafe.recall * len(k) == pytest.approx(best)
