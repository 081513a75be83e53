"""The ``gazetteer`` baseline: zero-shot extraction from external knowledge only.

Entities: CITY from GeoNames names and alternate names, GPE from country names in the
document's language (``places``), DATE from calendar words (``dates``); a CITY or GPE
next to an organisation head word ("мэрия Москвы", "Rīgas dome") makes an ORG on the outer
level and moves to the inner level (``orgs``).
Events: triggers from a hand-written multilingual lexicon (``lexicon.TRIGGERS``), realis
FUTURE when a future marker stands near the trigger, else ACTUAL; the sentence's DATE is
the Time argument when there is exactly one. Relations: PARTNER_OF between the distinct
cities of a sentence that holds a sister/partner-city cue (``lexicon.TWINNING_CUES``),
PLANNED when the sentence has a future marker, else ESTABLISHED.

Each record also carries ``"norm": [{"span": [f, l], "id": "GeoNames:2037013"}, ...]``
(CITY mentions; countries get ``ISO3166:XX``), which ``bench evaluate`` scores as entity linking.

The model sees only the documents' text and sentence boundaries: gold annotations that
come with the documents are dropped before anything is read (``Document.without_gold``).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Iterator, Sequence

from citydiplo.formats.model import Document
from citydiplo.formats.records import sentence_records

from citydiplo_baselines.dates import find_dates
from citydiplo_baselines.lexicon import FUTURE_MARKERS, TRIGGERS, TWINNING_CUES
from citydiplo.formats.bio import token_spans_to_iob2
from citydiplo_baselines.matcher import Candidate, Pattern, PhraseIndex, compile_pattern, match_patterns, select
from citydiplo_baselines.orgs import nest
from citydiplo_baselines.places import find_places, place_index, vocabulary
from citydiplo_baselines.tasks import given_triggers, shape, task_of
from citydiplo_baselines.text import norm

FUTURE_WINDOW = (4, 2)  # tokens before and after a trigger searched for a future marker


Lexicon = dict[str, dict[str, tuple[str, ...]]]  # language -> event type -> patterns


def trigger_patterns(lang: str, lexicon: Lexicon | None = None) -> tuple[Pattern, ...]:
    table = TRIGGERS if lexicon is None else lexicon
    return _compiled(lang, tuple((e, tuple(ps)) for e, ps in table.get(lang, {}).items()))


@lru_cache(maxsize=None)
def _compiled(lang: str, entries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Pattern, ...]:
    return tuple(compile_pattern(text, etype, norm) for etype, texts in entries for text in texts)


@lru_cache(maxsize=None)
def future_patterns(lang: str) -> tuple[Pattern, ...]:
    return tuple(compile_pattern(text, "FUTURE", norm) for text in FUTURE_MARKERS.get(lang, ()))


def entity_mentions(tokens: Sequence[str], lang: str, index: PhraseIndex | None = None) -> list[Candidate]:
    """Outer-level CITY, GPE and DATE mentions, non-overlapping (longest first; a date
    beats a place name of the same length)."""
    return select(find_places(tokens, lang, index) + find_dates(tokens, lang))


def iob2(n: int, mentions: Iterable[Candidate]) -> list[str]:
    return token_spans_to_iob2(n, ((m.first, m.last, m.type) for m in mentions))


def event_mentions(keys: Sequence[str], lang: str, mentions: Sequence[Candidate],
                   lexicon: Lexicon | None = None, given: Sequence[dict] | None = None) -> list[dict]:
    """Lexicon triggers outside entity mentions, with realis and the Time argument
    (``given``: these triggers instead, as the ``eae`` task gives them)."""
    if given is None:
        inside = {i for m in mentions for i in range(m.first, m.last)}
        found = select([Candidate(a, b, label) for a, b, label in match_patterns(keys, trigger_patterns(lang, lexicon))
                        if not inside.intersection(range(a, b))])
    else:
        found = [Candidate(ev["trigger"][0], ev["trigger"][1], ev["type"]) for ev in given]
    futures = [a for a, _, _ in match_patterns(keys, future_patterns(lang))]
    dates = [m for m in mentions if m.type == "DATE"]
    events = []
    for trig in found:
        before, after = FUTURE_WINDOW
        future = any(trig.first - before <= f < trig.last + after for f in futures)
        args = [{"role": "Time", "span": [dates[0].first, dates[0].last]}] if len(dates) == 1 else []
        events.append({"type": trig.type, "trigger": [trig.first, trig.last],
                       "realis": "FUTURE" if future else "ACTUAL", "arguments": args})
    return events


def partner_relations(keys: Sequence[str], lang: str, mentions: Sequence[Candidate]) -> list[dict]:
    """PARTNER_OF between the distinct cities of a sentence with a partner-city cue."""
    text = " ".join(keys)
    if not any(norm(cue) in text for cue in TWINNING_CUES.get(lang, ())):
        return []
    first_mention: dict[str, Candidate] = {}
    for m in mentions:
        if m.type == "CITY":
            first_mention.setdefault(m.payload.id, m)
    planned = any(True for _ in match_patterns(keys, future_patterns(lang)))
    return [{"type": "PARTNER_OF", "arg1": [a.first, a.last], "arg2": [b.first, b.last],
             "status": "PLANNED" if planned else "ESTABLISHED"}
            for a, b in combinations(first_mention.values(), 2)]


def tag_sentence(tokens: Sequence[str], lang: str, index: PhraseIndex | None = None,
                 lexicon: Lexicon | None = None, given: Sequence[dict] | None = None) -> dict:
    """The prediction record of one sentence, without its id (``lexicon``: another
    trigger lexicon than ``lexicon.TRIGGERS``; ``given``: the triggers of the ``eae`` task)."""
    found = entity_mentions(tokens, lang, index)
    keys = [norm(t) for t in tokens]
    outer, inner = nest(keys, lang, found)
    return {
        "ner_tags": iob2(len(tokens), outer),
        "ner_tags_inner": iob2(len(tokens), inner),
        "events": event_mentions(keys, lang, outer, lexicon, given),
        "relations": partner_relations(keys, lang, found),
        "norm": [{"span": [m.first, m.last], "id": m.payload.id} for m in found if m.payload is not None and m.payload.id],
    }


def predict(documents: Iterable[Document], lexicon: Lexicon | None = None) -> Iterator[dict]:
    """Prediction records for every sentence of ``documents`` (the ``citydiplo.models``
    entry point ``gazetteer``), for the documents' task (``tasks``: for ``eae`` the given
    triggers get the realis and Time rules above)."""
    documents = list(documents)
    task = task_of(documents)
    given = given_triggers(documents) if task == "eae" else {}
    docs = [d.without_gold() for d in documents]
    records = {d.id: sentence_records(d) for d in docs}
    tokens_by_lang: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for rec in records[d.id]:
            tokens_by_lang[d.language].extend(t.text for t in rec.tokens)
    indexes = {lang: place_index(lang, vocabulary(toks, lang)) for lang, toks in tokens_by_lang.items()}
    for d in docs:
        for rec in records[d.id]:
            record = tag_sentence([t.text for t in rec.tokens], d.language, indexes[d.language], lexicon,
                                  given.get(rec.id, []) if task == "eae" else None)
            yield shape({"id": rec.id, **record}, task)
