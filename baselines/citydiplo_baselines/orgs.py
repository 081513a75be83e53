"""Organisations named after a place, and the inner level: "мэрия Москвы", "Rīgas dome",
"Ủy ban nhân dân thành phố Hà Nội", "شهرداری تهران".

A place mention (CITY or GPE) next to an organisation head word of its language
(``ORG_HEADS``), with at most one place connector between them (``CONNECTORS``: "города",
"pilsētas", "thành phố", "شهر", ...), makes one ORG mention on the outer level that spans
the head, the connector and the place; the place moves to the inner level, as the nested
annotation puts a city inside an organisation's name. Latvian puts the place first (a
genitive before the head); the other four languages put the head first.

``nest`` also takes ORG mentions found by other tools (natasha, underthesea): a place
mention inside one of them moves to the inner level.

The two word lists were written from general knowledge of the five languages (words for
municipality, city council, administration, government, university, ministry, embassy,
consulate, committee, chamber, association, company), without reading the benchmark's
texts, annotations or guidelines. Patterns as in ``lexicon``: ``*`` is a prefix wildcard.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from citydiplo_baselines.matcher import Candidate, Pattern, compile_pattern, match_patterns
from citydiplo_baselines.text import norm

HEAD_LAST = frozenset({"lv"})
PLACE_TYPES = frozenset({"CITY", "GPE"})

ORG_HEADS: dict[str, tuple[str, ...]] = {
    "lv": ("dome", "domes", "domei", "domi", "domē", "pašvaldīb*", "universitāt*", "padom*", "ministrij*", "komitej*", "vēstniecīb*",
           "konsulāt*", "aģentūr*", "asociācij*", "savienīb*", "biedrīb*", "kamer*", "uzņēmum*",
           "administrācij*", "valdīb*", "izpilddirekcij*", "tirdzniecības un rūpniecības kamer*"),
    "ru": ("администраци*", "мэри*", "правительств*", "университет*", "посольств*", "консульств*",
           "генконсульств*", "генеральн* консульств*", "министерств*", "комитет*", "городск* дум*",
           "городск* совет*", "горсовет*", "муниципалитет*", "ассоциаци*", "торгово-промышленн* палат*",
           "палат*", "компани*", "народн* правительств*", "народн* собрани*"),
    "uk": ("адміністраці*", "мері*", "уряд*", "університет*", "посольств*", "консульств*",
           "генконсульств*", "генеральн* консульств*", "міністерств*", "комітет*", "міськ* рад*",
           "міськрад*", "виконком*", "муніципалітет*", "асоціаці*", "торгово-промислов* палат*",
           "палат*", "компані*", "народн* уряд*"),
    "vi": ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "thành ủy",
           "thành uỷ", "tỉnh ủy", "tỉnh uỷ", "đại học", "trường đại học", "sở ngoại vụ", "đại sứ quán",
           "tổng lãnh sự quán", "lãnh sự quán", "công ty", "hiệp hội", "phòng thương mại",
           "chính quyền", "chính phủ", "bộ ngoại giao", "chính phủ nhân dân"),
    "fa": ("شهرداری", "شورای شهر", "شورای اسلامی شهر", "استانداری", "فرمانداری", "دانشگاه", "سفارت",
           "کنسولگری", "سرکنسولگری", "وزارت", "اتاق بازرگانی", "دولت", "حکومت", "مجلس"),
}

CONNECTORS: dict[str, tuple[str, ...]] = {
    "lv": ("pilsētas", "valstspilsētas", "novada"),
    "ru": ("города", "г.", "г", "провинции", "области"),
    "uk": ("міста", "м.", "м", "провінції", "області"),
    "vi": ("thành phố", "tp", "tp.", "tỉnh", "thủ đô"),
    "fa": ("شهر", "استان", "کلانشهر"),
}


@lru_cache(maxsize=None)
def _patterns(lang: str, table: str) -> tuple[Pattern, ...]:
    source = ORG_HEADS if table == "heads" else CONNECTORS
    return tuple(compile_pattern(text, table, norm) for text in source.get(lang, ()))


def _ending_at(keys: Sequence[str], lang: str, table: str, end: int) -> list[int]:
    return [a for a, b, _ in match_patterns(keys, _patterns(lang, table)) if b == end]


def starting_at(keys: Sequence[str], lang: str, table: str, start: int) -> list[int]:
    return [b for a, b, _ in match_patterns(keys, _patterns(lang, table)) if a == start]


def org_around(keys: Sequence[str], lang: str, place: Candidate) -> tuple[int, int] | None:
    """The ORG span that a head word makes of ``place`` and its neighbours, if any
    (the longest head wins)."""
    if lang in HEAD_LAST:
        for start in [place.last] + starting_at(keys, lang, "connectors", place.last):
            ends = starting_at(keys, lang, "heads", start)
            if ends:
                return place.first, max(ends)
        return None
    for end in [place.first] + _ending_at(keys, lang, "connectors", place.first):
        starts = _ending_at(keys, lang, "heads", end)
        if starts:
            return min(starts), place.last
    return None


def nest(keys: Sequence[str], lang: str, mentions: Sequence[Candidate],
         orgs: Sequence[tuple[int, int]] = ()) -> tuple[list[Candidate], list[Candidate]]:
    """(outer, inner) mentions: each place inside an organisation of ``orgs`` or one that
    a head word makes (``org_around``) goes to the inner level under an ORG mention.
    An ORG that would overlap another outer mention is not made."""
    outer = list(mentions)
    inner: list[Candidate] = []
    spans = list(orgs)
    for m in mentions:
        if m.type in PLACE_TYPES and not any(a <= m.first and m.last <= b for a, b in spans):
            span = org_around(keys, lang, m)
            if span is not None:
                spans.append(span)
    for a, b in sorted(set(spans)):
        inside = [m for m in outer if a <= m.first and m.last <= b]
        clash = [m for m in outer if m not in inside and m.first < b and a < m.last]
        if clash:
            continue
        outer = [m for m in outer if m not in inside]
        outer.append(Candidate(a, b, "ORG"))
        inner.extend(m for m in inside if m.type in PLACE_TYPES and (m.first, m.last) != (a, b))
    return sorted(outer, key=lambda m: m.first), sorted(inner, key=lambda m: m.first)
