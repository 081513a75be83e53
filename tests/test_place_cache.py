"""The gazetteer's on-disk name cache: built once per key, read back exactly, atomic, and
never needed for correctness (no usable directory: names are derived in memory)."""

from __future__ import annotations

import random

import pytest

from citydiplo_baselines import place_cache, places
from citydiplo_baselines.place_cache import NameStore, open_store, resource_key
from citydiplo_baselines.resources import Name


def synthetic_rows(seed: int = 0, n: int = 300):
    rng = random.Random(seed)
    words = ["harbina", "harbin", "riga", "rīga", "kyiv", "київ", "москва", "new", "york", "san", "josé", "ho", "chi"]
    rows = []
    for k in range(n):
        lang = rng.choice(["lv", "ru", "vi"])
        ws = tuple(rng.choice(words) for _ in range(rng.randint(1, 3)))
        name = Name(" ".join(ws).title(), rng.choice(["CITY", "GPE"]), f"GeoNames:{k}", rng.randint(0, 10**6),
                    rng.random() < 0.5)
        rows.append((lang, name, ws, (ws[0], ws[0][:4])))
    return rows


def scan(rows, lang, vocabulary):
    return [(name, ws) for lg, name, ws, keys in rows if lg == lang and any(k in vocabulary for k in keys)]


def test_lookups_give_exactly_the_names_a_scan_gives_in_order(tmp_path):
    rows = synthetic_rows()
    store = open_store("k1", lambda: iter(rows), tmp_path)
    assert isinstance(store, NameStore) and store.languages == {"lv", "ru", "vi"}
    rng = random.Random(1)
    keys = sorted({k for *_, ks in rows for k in ks})
    for _ in range(30):
        vocabulary = frozenset(rng.sample(keys, rng.randint(0, len(keys))))
        for lang in ("lv", "ru", "vi", "fa"):
            assert store.candidates(lang, vocabulary) == scan(rows, lang, vocabulary)


def test_built_once_per_key_and_rebuilt_for_a_new_key(tmp_path):
    calls = []

    def build():
        calls.append(1)
        return iter(synthetic_rows())

    open_store("k1", build, tmp_path)
    open_store("k1", build, tmp_path)
    assert len(calls) == 1
    open_store("k2", build, tmp_path)
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.glob("*.sqlite")) == ["places-k1.sqlite", "places-k2.sqlite"]


def test_a_failed_build_leaves_nothing_and_a_broken_file_is_rebuilt(tmp_path):
    def broken():
        yield synthetic_rows()[0]
        raise RuntimeError("resource unreadable")

    with pytest.raises(RuntimeError):
        open_store("k1", broken, tmp_path)
    assert not list(tmp_path.glob("*.sqlite")) and not list(tmp_path.glob("*.tmp"))
    (tmp_path / "places-k1.sqlite").write_bytes(b"not a database")
    store = open_store("k1", lambda: iter(synthetic_rows()), tmp_path)
    assert store is not None and store.candidates("lv", frozenset({"riga"}))


def test_no_usable_directory_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert open_store("k1", lambda: iter(synthetic_rows()), blocker / "cache") is None
    monkeypatch.setenv(place_cache.CACHE_ENV, "")
    assert place_cache.cache_dir() is None
    monkeypatch.setenv(place_cache.CACHE_ENV, str(tmp_path / "c"))
    assert place_cache.cache_dir() == tmp_path / "c"


def test_key_follows_the_deriving_code(tmp_path, monkeypatch):
    assert resource_key() == resource_key()
    assert resource_key() != resource_key(place_cache.SOURCES[:-1])


def test_place_index_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    """The wiring in ``places``: an index built from the cache equals one from the scan."""
    entries = [(Name("Rīga", "CITY", "GeoNames:1", 600000, True), ("rīga",)),
               (Name("Rīgas līcis", "LOC", "GeoNames:2", 0, True), ("rīgas", "līcis")),
               (Name("Harbina", "CITY", "GeoNames:3", 5000000, True), ("harbina",)),
               (Name("Latvija", "GPE", "ISO3166:LV", 10**10, True), ("latvija",))]
    monkeypatch.setattr(places, "_names", lambda lang: tuple(entries) if lang == "lv" else ())
    vocabulary = places.vocabulary(["Rīgas", "Harbinā", "Latvijā"], "lv")
    monkeypatch.setattr(places, "_store", lambda: None)
    without = places.place_index("lv", vocabulary)
    store = open_store("wiring", lambda: places._cache_rows(), tmp_path)
    monkeypatch.setattr(places, "_store", lambda: store)
    with_cache = places.place_index("lv", vocabulary)
    assert with_cache == without and with_cache.table
