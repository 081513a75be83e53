"""A learned argument attacher and realis classifier, shared by the trained baselines.

Given a sentence's predicted entity mentions (outer and inner level) and predicted event
triggers, ``Attacher`` decides for every (trigger, mention) pair a role or none, and a
realis for every trigger. Both are scikit-learn logistic regressions over a
``DictVectorizer``, fitted on the gold of the training documents only (``fit``): the
candidates there are the gold entity mentions of each sentence with a gold trigger, the
label the gold role (or ``NONE``).

Pair features: the event type, the mention's type and their conjunction, the token
distance (bucketed) and direction, whether the pair is the nearest mention of its type
to the trigger, how many mentions and triggers stand between, the normalised words
between (up to four, and the one just before the mention), the mention's level, and the
language. A role is only chosen where the schema allows that filler type for it
(``annotation.conf``); the best allowed role must beat ``NONE``.

Realis features: the event type, the trigger's normalised word and its suffixes, the words
within four tokens before and two after, whether a future marker
(``lexicon.FUTURE_MARKERS``) is in that window, and the language.

The settings (C = 1, L-BFGS, 1,000 iterations, no class weights) were fixed
before the first run and not tuned on the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document, base_role
from citydiplo.formats.records import sentence_records

from citydiplo_baselines.lexicon import FUTURE_MARKERS
from citydiplo_baselines.matcher import compile_pattern, match_patterns
from citydiplo_baselines.text import norm

NONE = "NONE"
REALIS_WINDOW = (4, 2)
LOGREG = {"C": 1.0, "max_iter": 1000, "class_weight": "balanced"}


@dataclass(frozen=True)
class Mention:
    first: int
    last: int
    type: str
    level: str  # "outer" or "inner"


def mentions_from_tags(outer: Sequence[str] | None, inner: Sequence[str] | None = None) -> list[Mention]:
    """Entity mentions from IOB2 tags of both levels."""
    out = [Mention(a, b, t, "outer") for a, b, t in iob2_to_token_spans(outer or [])]
    out += [Mention(a, b, t, "inner") for a, b, t in iob2_to_token_spans(inner or [])]
    return out


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def pair_features(keys: Sequence[str], lang: str, trigger: tuple[int, int], etype: str, m: Mention,
                  mentions: Sequence[Mention], triggers: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """The features of one (trigger, mention) candidate pair."""
    a, b = trigger
    after = m.first >= b
    lo, hi = (b, m.first) if after else (m.last, a)
    lo, hi = min(lo, hi), max(lo, hi)
    dist = max(0, hi - lo)
    same_type = [o for o in mentions if o.type == m.type]
    gap = lambda o: o.first - b if o.first >= b else a - o.last
    nearest = min(same_type, key=lambda o: (abs(gap(o)), o.first)) == m
    f: dict[str, Any] = {
        "ev": etype, "ent": m.type, "ev_ent": f"{etype}|{m.type}", "lang": lang, "level": m.level,
        "dir": "after" if after else "before", "dist": _bucket(dist),
        "ev_ent_dir": f"{etype}|{m.type}|{'after' if after else 'before'}",
        "nearest": nearest, "ent_nearest": f"{m.type}|{nearest}",
        "between_mentions": _bucket(sum(1 for o in mentions if o.level == "outer" and lo <= o.first and o.last <= hi)),
        "between_triggers": sum(1 for t in triggers if t != trigger and lo <= t[0] and t[1] <= hi) > 0,
        "prev": keys[m.first - 1] if m.first > 0 else "<s>",
    }
    for w in keys[lo:hi][:4] if after else keys[lo:hi][-4:]:
        f[f"w={w}"] = 1.0
    return f


@lru_cache(maxsize=None)
def _future(lang: str):
    return tuple(compile_pattern(t, "FUTURE", norm) for t in FUTURE_MARKERS.get(lang, ()))


def realis_features(keys: Sequence[str], lang: str, trigger: tuple[int, int], etype: str) -> dict[str, Any]:
    a, b = trigger
    before, after = REALIS_WINDOW
    word = " ".join(keys[a:b])
    f: dict[str, Any] = {"ev": etype, "lang": lang, "trig": word, "suf2": word[-2:], "suf3": word[-3:]}
    lo, hi = max(0, a - before), min(len(keys), b + after)
    for w in keys[lo:a]:
        f[f"before={w}"] = 1.0
    for w in keys[b:hi]:
        f[f"after={w}"] = 1.0
    f["future_marker"] = any(lo <= s < hi for s, _, _ in match_patterns(keys, _future(lang)))
    return f


def _classifier(xs: list[dict], ys: list[str]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if len(set(ys)) < 2:
        return _Constant(ys[0])
    return make_pipeline(DictVectorizer(), LogisticRegression(**LOGREG)).fit(xs, ys)


@dataclass
class _Constant:
    label: str

    @property
    def classes_(self):
        return [self.label]

    def predict_proba(self, xs):
        return [[1.0] for _ in xs]


def _classes(model: Any) -> list[str]:
    return list(model.classes_) if not hasattr(model, "steps") else list(model.steps[-1][1].classes_)


@dataclass
class Attacher:
    """What one fold learnt: a role classifier and a realis classifier (``None`` where
    the training documents had no events)."""

    roles: Any
    realis: Any
    inventory: Inventory  # the evaluated benchmark's (the model protocol hands it over)

    def allowed(self, etype: str, ent: str) -> list[str]:
        return [r for r in self.inventory.event_roles.get(etype, ())
                if ent in self.inventory.fillers.get((etype, r), ())]

    def attach(self, tokens: Sequence[str], lang: str, events: list[dict], mentions: Sequence[Mention]) -> list[dict]:
        """``events`` (prediction dicts with ``type`` and ``trigger``) with learned
        ``arguments`` and ``realis``."""
        keys = [norm(t) for t in tokens]
        triggers = [tuple(e["trigger"]) for e in events]
        out = []
        for ev in events:
            trig, etype = tuple(ev["trigger"]), ev["type"]
            ev = dict(ev)
            if self.realis is not None:
                ev["realis"] = _best(self.realis, realis_features(keys, lang, trig, etype))
            args = []
            if self.roles is not None:
                for m in mentions:
                    if m.first < trig[1] and trig[0] < m.last:
                        continue
                    allowed = self.allowed(etype, m.type)
                    if not allowed:
                        continue
                    feats = pair_features(keys, lang, trig, etype, m, mentions, triggers)
                    role = _best(self.roles, feats, allowed + [NONE])
                    if role != NONE:
                        args.append({"role": role, "span": [m.first, m.last]})
            ev["arguments"] = args
            out.append(ev)
        return out


def _best(model: Any, feats: dict, allowed: list[str] | None = None) -> str:
    """The most probable class (among ``allowed``; ties by name)."""
    probs = model.predict_proba([feats])[0]
    for label, _ in sorted(zip(_classes(model), probs), key=lambda cp: (-cp[1], cp[0])):
        if allowed is None or label in allowed:
            return label
    return NONE


def training_pairs(documents: Iterable[Document]) -> tuple[list[dict], list[str], list[dict], list[str]]:
    """Role and realis training examples from the gold of ``documents``."""
    px, py, rx, ry = [], [], [], []
    for doc in documents:
        for rec in sentence_records(doc):
            if not rec.events:
                continue
            keys = [norm(t.text) for t in rec.tokens]
            mentions = mentions_from_tags(rec.ner_tags, rec.ner_tags_inner)
            triggers = [ev.trigger for ev in rec.events]
            for ev in rec.events:
                rx.append(realis_features(keys, doc.language, ev.trigger, ev.type))
                ry.append(ev.realis or "ACTUAL")
                roles = {tuple(a.span): base_role(a.role) for a in ev.arguments}
                for m in mentions:
                    if m.first < ev.trigger[1] and ev.trigger[0] < m.last:
                        continue
                    px.append(pair_features(keys, doc.language, ev.trigger, ev.type, m, mentions, triggers))
                    py.append(roles.get((m.first, m.last), NONE))
    return px, py, rx, ry


def fit(train: Sequence[Document], inventory: Inventory) -> Attacher:
    """An attacher learnt from the gold of the training documents only; roles are chosen
    where ``inventory`` (the evaluated benchmark's schema) allows the filler type."""
    px, py, rx, ry = training_pairs(train)
    return Attacher(_classifier(px, py) if px else None, _classifier(rx, ry) if rx else None, inventory)


def benchmark_inventory(inventory: Inventory | None) -> Inventory:
    """The inventory the evaluator handed a model (``inventory=``); called directly, without
    one, a model falls back to the schema of the default project."""
    if inventory is not None:
        return inventory
    from citydiplo.corpus.benchmark import load_inventory

    return load_inventory()


def attach_records(attacher: Attacher, documents: Sequence[Document], records: Iterable[dict]) -> list[dict]:
    """Prediction records with the attacher's arguments and realis on their events."""
    sentences = {r.id: (r, d.language) for d in documents for r in sentence_records(d.without_gold())}
    out = []
    for rec in records:
        rec = dict(rec)
        if rec.get("events"):
            sent, lang = sentences[rec["id"]]
            mentions = mentions_from_tags(rec.get("ner_tags"), rec.get("ner_tags_inner"))
            rec["events"] = attacher.attach([t.text for t in sent.tokens], lang, rec["events"], mentions)
        out.append(rec)
    return out
