"""The translations as benchmark documents (every article in every corpus language and in
English): metadata, the two tracks, versions of an article, and `bench validate`'s
alignment checks (issues 27 and 28)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citydiplo.annotation.validate import validate_project
from citydiplo.corpus.benchmark import TRACKS, load_benchmark, track_content_hash
from citydiplo.corpus.documents import meta_from_json, meta_to_json, read_document, translation_ids
from citydiplo.errors import InputError
from fixtures import copy_release

ORIGINALS = ["000-lv", "001-ru", "002-fa", "003-uk", "004-vi"]
LANGUAGES = ["lv", "ru", "fa", "uk", "vi", "en"]
# every article in every other language: English first, then the corpus languages by code
VERSIONS = {o: [o] + [f"{o[:3]}-{lang}" for lang in ["en", *sorted(LANGUAGES[:5])] if lang != o[4:]]
            for o in ORIGINALS}
TRANSLATIONS = sorted(v for versions in VERSIONS.values() for v in versions[1:])


@pytest.fixture(scope="module")
def bench():
    return load_benchmark()


@pytest.fixture
def rel(tmp_path: Path) -> Path:
    return copy_release(tmp_path / "r")


def test_the_default_track_is_the_five_originals(bench):
    assert bench.track_name == "default"
    assert [d.id for d in bench.documents] == ORIGINALS == [d.id for d in bench.corpus]
    assert all(d.original and d.meta.seed_file for d in bench.documents)
    assert {r.doc_id for r in bench.records.values()} == set(ORIGINALS)
    assert bench.track("default") is bench


def test_the_parallel_track_is_every_version_original_first(bench):
    par = bench.track("parallel")
    assert par.track_name == "parallel"
    assert [d.id for d in par.documents] == [v for o in ORIGINALS for v in VERSIONS[o]]
    assert len(TRANSLATIONS) == 25 and {r.doc_id for r in par.records.values()} == set(ORIGINALS + TRANSLATIONS)
    assert len(par.records) == 6 * len(bench.records)  # one sentence of each version per original sentence
    assert par.track("default") is bench and par.track("parallel") is par
    assert par.content_hash != bench.content_hash
    assert (bench.content_hash, par.content_hash) == (track_content_hash(bench.root, "default"),
                                                      track_content_hash(bench.root, "parallel"))
    assert par.only(["en"]).documents == [d for d in par.documents if d.language == "en"]
    assert par.only(["en"]).track_name == "parallel"


def test_versions_of_an_article(bench):
    assert [d.id for d in bench.versions("002")] == VERSIONS["002-fa"]
    assert [d.id for d in bench.track("parallel").versions("004")] == VERSIONS["004-vi"]
    assert bench.versions("999") == []
    assert bench.track("parallel").articles == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("name", ["Parallel", "", "en", "defaults"])
def test_an_unknown_track_names_the_option(bench, name):
    with pytest.raises(InputError) as err:
        bench.track(name)
    assert err.value.path == "--track" and "default, parallel" in err.value.problem
    assert TRACKS == ("default", "parallel")


def test_translation_metadata(bench):
    en = read_document("002-en")
    assert (en.original, en.meta.translated_from, en.article, en.language) == (False, "002-fa", "002", "en")
    assert en.meta.seed_file is None and en.meta.provenance == [] and en.meta.licence and en.meta.translation
    assert en.meta.alignment == [(i, i) for i in range(len(en.meta.sentences))]
    assert len(en.events) == len(bench.versions("002")[0].events)
    assert translation_ids() == TRANSLATIONS


def test_metadata_round_trips_and_originals_keep_their_json(root):
    for doc_id in ORIGINALS + TRANSLATIONS:
        path = root / "corpus" / f"{doc_id}.json"
        meta = meta_from_json(path.read_text(encoding="utf-8"), str(path))
        assert meta_from_json(meta_to_json(meta)) == meta
        if meta.original:  # the corpus build writes exactly the committed file
            assert meta_to_json(meta) == path.read_text(encoding="utf-8")
            assert "translated_from" not in json.loads(meta_to_json(meta))


def test_a_misspelt_metadata_key_is_an_error(root):
    data = json.loads((root / "corpus" / "000-en.json").read_text(encoding="utf-8"))
    data["translated_form"] = data.pop("translated_from")
    with pytest.raises(InputError, match="translated_form"):
        meta_from_json(json.dumps(data), "x.json")


def test_the_checkout_validates_with_the_translations(root):
    assert validate_project(root) == []


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=count, flags=re.M)
    assert changed != text, (path, old)
    path.write_text(changed, encoding="utf-8")


def _messages(rel: Path) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in validate_project(rel)
            if "since the last release" not in p.message and "SHA256SUMS" not in p.path]


def test_a_broken_alignment_id_is_reported(rel):
    _edit(rel / "annotations" / "003-en.ann", r"^T1\t", "T901\t")
    _edit(rel / "annotations" / "003-en.ann", r"\bT1\b", "T901", count=0)
    messages = _messages(rel)
    assert any(m.startswith("003-en.ann:") and "T901 is not an id of the original 003-uk.ann" in m for m in messages)
    assert any("T1 of 003-uk.ann has no counterpart here and is not listed as lost" in m for m in messages)


def test_a_changed_type_realis_or_norm_is_reported(rel):
    ann = rel / "annotations" / "000-en.ann"
    _edit(ann, r"^(A\d+\tRealis E\d+ )(\w+)$", lambda m: m.group(1) + ("OTHER" if m.group(2) != "OTHER" else "ACTUAL"))
    _edit(ann, r"^(N\d+\tReference T\d+ GeoNames:)(\d+)", r"\g<1>1")
    messages = _messages(rel)
    assert any("Realis" in m and "in the original 000-lv.ann" in m for m in messages), messages
    assert any("GeoNames:1" in m and "in the original 000-lv.ann" in m for m in messages), messages


def test_a_lost_item_must_be_listed_and_a_listed_loss_must_be_lost(rel):
    ann = rel / "annotations" / "001-en.ann"
    text = ann.read_text(encoding="utf-8")
    # lose one normalisation (nothing refers to an N line)
    norm = re.search(r"^(N\d+)\t.*\n", text, flags=re.M)
    ann.write_text(text.replace(norm.group(0), ""), encoding="utf-8")
    messages = _messages(rel)
    assert any(f"{norm.group(1)} of 001-ru.ann has no counterpart here and is not listed as lost in" in m
               for m in messages), messages
    losses = rel / "annotations" / "parallel" / "en" / "LOSSES.tsv"
    _edit(losses, r"^001-en\tnormalisation\t(\d+)\t0\t(\d+)\t$",
          lambda m: f"001-en\tnormalisation\t{m.group(1)}\t1\t{int(m.group(2)) - 1}\t{norm.group(1)}")
    assert _messages(rel) == []  # recorded: valid
    ann.write_text(text, encoding="utf-8")  # back, but still listed as lost
    assert any(f"lists {norm.group(1)} (normalisation) as lost, but it is here" in m for m in _messages(rel))


def test_losses_rows_must_add_up_and_the_file_must_exist(rel):
    losses = rel / "annotations" / "parallel" / "en" / "LOSSES.tsv"
    _edit(losses, r"^002-en\tentity\t79\t0\t79\t$", "002-en\tentity\t79\t0\t78\t")
    assert any(m.startswith("LOSSES.tsv:") and "original 79 = lost 0 + projected 78" in m for m in _messages(rel))
    losses.unlink()
    assert sum("LOSSES.tsv:0: missing" in m for m in _messages(rel)) == sum(t.endswith("-en") for t in TRANSLATIONS)


def test_translation_metadata_is_checked(rel):
    meta = rel / "corpus" / "004-en.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["alignment"] = data["alignment"][:-1]
    data["translated_from"] = "003-uk"
    meta.write_text(json.dumps(data), encoding="utf-8")
    messages = _messages(rel)
    assert any("translated_from '003-uk': a translation has the article number of its original" in m for m in messages)
    data["translated_from"] = "004-vi"
    meta.write_text(json.dumps(data), encoding="utf-8")
    assert any("the alignment must pair every sentence" in m for m in _messages(rel))
