"""Token features for the CRF baseline: language-independent surface features of a token
and its neighbours, so that a model trained on four languages can say something about a
fifth (word shape, casing, digits, script, affixes, position, the neighbouring tokens).

Per token (``f_`` features of the token itself):
* ``lower`` (the normalised word), ``pre1..3`` and ``suf1..4`` (prefixes and suffixes);
* ``shape`` (X for an upper-case letter, x lower-case, d digit, other characters as
  they are, runs of one symbol collapsed) and ``len`` (length bucket);
* booleans ``title``, ``upper``, ``lower_case``, ``digit``, ``has_digit``, ``hyphen``,
  ``apostrophe``, ``punct``; ``script`` (LATIN, CYRILLIC, ARABIC, ...);
* ``BOS`` / ``EOS`` at the sentence edges.
Neighbours at -2, -1, +1, +2 contribute ``lower``, ``shape``, ``title`` and ``suf3``.

``gazetteer_features`` adds, for the ``crf-gazetteer`` variant, the gazetteer baseline's
verdict on the token and its neighbours at -1 and +1: its IOB2 entity tag (``gaz``) and
its trigger tag (``gaz_trig``, B-/I- + event type); ``crf-toolkit`` adds the ``toolkit``
baseline's the same way (``tk``, ``tk_trig``).
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from citydiplo.formats.bio import token_spans_to_iob2
from citydiplo_baselines.text import is_capitalised, norm, script


def shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        s = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


def _len_bucket(word: str) -> str:
    n = len(word)
    return "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-7" if n <= 7 else "8+"


def _own(word: str) -> dict[str, object]:
    low = norm(word)
    feats: dict[str, object] = {
        "lower": low, "shape": shape(word), "len": _len_bucket(word),
        "title": is_capitalised(word), "upper": word.isupper(), "lower_case": word.islower(),
        "digit": word.isdigit(), "has_digit": any(ch.isdigit() for ch in word),
        "hyphen": "-" in word, "apostrophe": any(ch in "'’ʼ" for ch in word),
        "punct": all(unicodedata.category(ch)[0] in "PS" for ch in word),
        "script": script(word) or "NONE",
    }
    for k in range(1, 4):
        feats[f"pre{k}"] = low[:k]
    for k in range(1, 5):
        feats[f"suf{k}"] = low[-k:]
    return feats


def sentence_features(tokens: Sequence[str]) -> list[dict[str, object]]:
    """The feature dicts of every token of a sentence (sklearn-crfsuite's input)."""
    own = [_own(t) for t in tokens]
    out = []
    for i in range(len(tokens)):
        feats: dict[str, object] = {"bias": 1.0}
        feats.update({f"f_{k}": v for k, v in own[i].items()})
        if i == 0:
            feats["BOS"] = True
        if i == len(tokens) - 1:
            feats["EOS"] = True
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(tokens):
                for k in ("lower", "shape", "title", "suf3"):
                    feats[f"{off:+d}_{k}"] = own[j][k]
        out.append(feats)
    return out


def gazetteer_features(feats: list[dict[str, object]], record: dict, name: str = "gaz") -> list[dict[str, object]]:
    """Add a gazetteer (or toolkit: ``name="tk"``) prediction record's entity and trigger
    tags to the token features."""
    n = len(feats)
    ner = record.get("ner_tags") or ["O"] * n
    trig = token_spans_to_iob2(n, ((*ev["trigger"], ev["type"]) for ev in record.get("events") or []))
    out = []
    for i, f in enumerate(feats):
        g = dict(f)
        for off in (-1, 0, 1):
            j = i + off
            if 0 <= j < n:
                where = "" if off == 0 else f"{off:+d}_"
                g[f"{where}{name}"] = ner[j]
                g[f"{where}{name}_trig"] = trig[j]
        out.append(g)
    return out
