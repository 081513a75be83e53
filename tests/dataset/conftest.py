"""A small fixture project for the dataset tests: the real seeds and corpus, the real
schema, and hand-made gold for three of the five documents (000-lv with entities, nesting,
events, an event without arguments and a relation; 003-uk with entities, an event and a
relation; 004-vi with entities only). 001-ru and 002-fa stay unannotated.

Hugging Face libraries are kept offline and their caches inside pytest's temp directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from citydiplo.corpus.documents import read_document
from fixtures import Ann, copy_project



def _ann(root: Path, doc_id: str, mentions: list[tuple], extra: list[str]) -> None:
    """Write annotations/<doc_id>.ann: mentions are (id, type, sentence_no, surface, nth, norm|None)."""
    doc = read_document(doc_id, root, annotations_dir=root / "none")
    ann = Ann(doc.text)
    for ident, etype, sno, surface, nth, norm in mentions:
        assert ann.t(etype, surface, nth, norm, sentence=doc.meta.sentences[sno - 1]) == ident
    for line in extra:
        ann.raw(line)
    ann.write(root / "annotations" / f"{doc_id}.ann")


LV = [
    ("T1", "CITY", 1, "Daugavpils", 1, "GeoNames:460413"),
    ("T2", "CITY", 1, "Harbinas", 1, "GeoNames:2037013"),
    ("T3", "MEET", 1, "apsprieda", 1, None),
    ("T4", "DATE", 2, "12. augustā", 1, None),
    ("T5", "ORG", 2, "Daugavpils pilsētas domes", 1, None),
    ("T6", "CITY", 2, "Daugavpils", 1, "GeoNames:460413"),
    ("T7", "PER", 2, "Igors Prelatovs", 1, None),
    ("T8", "CITY", 2, "Harbinas", 1, "GeoNames:2037013"),
    ("T9", "GPE", 2, "Ķīna", 1, "ISO3166:CN"),
    ("T10", "PER", 2, "Sun Zhe", 1, None),
    ("T11", "MEET", 2, "tikās", 1, None),
    ("T12", "VISIT", 3, "vizītes", 1, None),
]
LV_EXTRA = [
    "E1\tMEET:T3 Participant:T1 Participant2:T2",
    "E2\tMEET:T11 Participant:T7 Participant2:T10 Time:T4",
    "E3\tVISIT:T12",  # "virtual visit": no argument in its sentence
    "A1\tRealis E1 ACTUAL",
    "A2\tRealis E2 ACTUAL",
    "A3\tRealis E3 OTHER",
    "A4\tStatus R1 ESTABLISHED",
    "R1\tPARTNER_OF Arg1:T1 Arg2:T2",
]
UK = [
    ("T1", "CITY", 1, "Кам’янське", 1, "GeoNames:709932"),
    ("T2", "CITY", 1, "Вупперталь", 1, "GeoNames:2805753"),
    ("T3", "PER", 2, "Андрій Білоусов", 1, None),
    ("T4", "VISIT", 2, "візитом", 1, None),
    ("T5", "CITY", 2, "Вупперталь", 1, "GeoNames:2805753"),
    ("T6", "GPE", 2, "Федеративна Республіка Німеччина", 1, "ISO3166:DE"),
]
UK_EXTRA = [
    "E1\tVISIT:T4 Visitor:T3 Destination:T5",
    "A1\tRealis E1 ACTUAL",
    "A2\tStatus R1 PLANNED",
    "R1\tPARTNER_OF Arg1:T1 Arg2:T2",
]
VI = [
    ("T1", "DATE", 1, "Ngày 19-10", 1, None),
    ("T2", "PER", 1, "Nguyễn Văn Nên", 1, None),
    ("T3", "ORG", 1, "Thành ủy TP HCM", 1, None),
    ("T4", "CITY", 1, "TP HCM", 1, "GeoNames:1566083"),
    ("T5", "MISC", 1, "Covid-19", 1, None),
    ("T6", "GPE", 1, "Đồng Tháp", 1, None),
]


def make_project(root: Path, gold: bool = True) -> Path:
    """Copy seeds, corpus and schema into ``root``; with ``gold``, write the fixture .ann files."""
    copy_project(root)
    if gold:
        _ann(root, "000-lv", LV, LV_EXTRA)
        _ann(root, "003-uk", UK, UK_EXTRA)
        _ann(root, "004-vi", VI, [])
    return root


@pytest.fixture(scope="session", autouse=True)
def hf_offline(tmp_path_factory):
    """No network and no writes outside pytest's temp dir for datasets / huggingface_hub."""
    home = tmp_path_factory.mktemp("hf_home")
    saved = {k: os.environ.get(k) for k in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "HF_HOME")}
    os.environ.update({"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(home)})
    # Modules imported before this fixture ran read the environment already: tell them too.
    for module, names in (("datasets.config", ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")),
                          ("huggingface_hub.constants", ("HF_HUB_OFFLINE",))):
        if module in sys.modules:
            for name in names:
                setattr(sys.modules[module], name, True)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(name="make_project", scope="session")
def make_project_fixture():
    """``make_project(root, gold=True)``: a fresh fixture project a test may change."""
    return make_project


@pytest.fixture(scope="session")
def gold_project(tmp_path_factory) -> Path:
    """A fixture project with gold for 000-lv, 003-uk and 004-vi (read-only for tests)."""
    return make_project(tmp_path_factory.mktemp("gold"))


@pytest.fixture(scope="session")
def built(gold_project, tmp_path_factory) -> Path:
    """The dataset directory built from ``gold_project`` (read-only for tests)."""
    from citydiplo.release.build import build

    out, _, _ = build(gold_project, tmp_path_factory.mktemp("built") / "dataset")
    return out
