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

The settings (C = 1, L-BFGS, 1,000 iterations, balanced class weights) were fixed
before the first run and not tuned on the benchmark.

**Model selection on the training folds only** (issue #25). ``fit`` chooses, by
leave-one-document-out over its own training documents (so never looking at the test
document), between two role attachers, and between three realis models:

* roles: ``rule``, a count table with no learned weights: for each (event type, mention
  type, direction, nearest-of-its-type) cell, backing off to (event type, mention type,
  direction) and (event type, mention type), the label (a role or ``NONE``) most frequent
  in the training gold; and ``logreg``, the logistic regression above. Decided on argument
  classification F1 (micro, over the gold candidate pairs of the held-out documents), ties
  to the rule.
* realis: ``majority`` (the most frequent realis of the training gold), ``marker``
  (FUTURE when a future marker stands in the window, else the most frequent other realis),
  ``table`` (the most frequent realis per event type and future-marker presence, see
  ``RealisTable``) and ``logreg``. Decided on accuracy over the held-out documents' gold triggers, ties to
  the simpler (in that order).

The chosen models are then fitted on all the training documents; ``Attacher.selection``
keeps the figures each choice was made on (``selection_report`` prints them per fold).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from citydiplo.formats.bio import iob2_to_token_spans
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document, article_of, base_role
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
def _time_words(lang: str):
    """dateparser's relative time words of ``lang``, labelled by direction: ``PAST`` for
    "yesterday", "last week/month/year", ``FUTURE`` for "tomorrow", "next week/month/year"
    (language data, not written for the benchmark)."""
    from dateparser.languages.loader import default_loader

    relative = default_loader.get_locale(lang).info.get("relative-type", {})
    out: list[Any] = []
    for key, forms in relative.items():
        label = "FUTURE" if key.startswith("in ") else "PAST" if key.endswith(" ago") and not key.startswith("0") else None
        if label:
            out.extend(compile_pattern(form, label, norm) for form in forms if form.strip())
    return tuple(out)


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
    markers = [s for s, _, _ in match_patterns(keys, _future(lang))]
    f["future_marker"] = any(lo <= s < hi for s in markers)
    f["future_marker_sentence"] = bool(markers)
    labels = {label for _, _, label in match_patterns(keys, _time_words(lang))}
    f["time_word"] = "both" if len(labels) > 1 else next(iter(labels), "none")
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


_RULE_KEYS = (("ev", "ent", "dir", "nearest"), ("ev", "ent", "dir"), ("ev", "ent"))


@dataclass
class RoleTable:
    """The ``rule`` attacher: the most frequent training label of the most specific cell
    that was seen (see the module docstring)."""

    counts: dict[tuple, dict[str, int]]

    @classmethod
    def fit(cls, xs: Sequence[dict], ys: Sequence[str]) -> "RoleTable":
        counts: dict[tuple, dict[str, int]] = {}
        for x, y in zip(xs, ys):
            for level in _RULE_KEYS:
                cell = counts.setdefault((level, tuple(x[k] for k in level)), {})
                cell[y] = cell.get(y, 0) + 1
        return cls(counts)

    def choose(self, feats: dict, allowed: list[str]) -> str:
        for level in _RULE_KEYS:
            cell = self.counts.get((level, tuple(feats[k] for k in level)))
            if cell:
                options = [(-n, label) for label, n in cell.items() if label in allowed]
                return min(options)[1] if options else NONE
        return NONE


@dataclass
class LogReg:
    """The ``logreg`` attacher and realis model: the logistic regression's most probable
    label (for a role, the best of the ``allowed`` ones)."""

    model: Any

    @classmethod
    def fit(cls, xs: Sequence[dict], ys: Sequence[str]) -> "LogReg":
        return cls(_classifier(list(xs), list(ys)))

    def choose(self, feats: dict, allowed: list[str] | None = None) -> str:
        return _best(self.model, feats, allowed)


@dataclass
class RealisRule:
    """``majority``: always the most frequent realis; ``marker``: FUTURE where a future marker
    stands in the window, else the most frequent realis other than FUTURE."""

    kind: str
    majority: str
    other: str

    @classmethod
    def fit(cls, kind: str, ys: Sequence[str]) -> "RealisRule":
        ranked = sorted(set(ys), key=lambda y: (-list(ys).count(y), y))
        others = [y for y in ranked if y != "FUTURE"] or ["ACTUAL"]
        return cls(kind, ranked[0], others[0])

    def choose(self, feats: dict) -> str:
        if self.kind == "marker":
            return "FUTURE" if feats.get("future_marker") else self.other
        return self.majority


@dataclass
class RealisTable:
    """``table``: the most frequent training realis of the trigger's (event type, future
    marker in the window, future marker in the sentence, dateparser's past/future time
    word in the sentence) cell, backing off to the three cues without the event type,
    then to the majority: cues that do not depend on the language's words."""

    counts: dict[tuple, dict[str, int]]

    @classmethod
    def fit(cls, xs: Sequence[dict], ys: Sequence[str]) -> "RealisTable":
        counts: dict[tuple, dict[str, int]] = {}
        for x, y in zip(xs, ys):
            for key in _realis_keys(x):
                cell = counts.setdefault(key, {})
                cell[y] = cell.get(y, 0) + 1
        return cls(counts)

    def choose(self, feats: dict) -> str:
        for key in _realis_keys(feats):
            cell = self.counts.get(key)
            if cell:
                return min((-n, label) for label, n in cell.items())[1]
        return "ACTUAL"


def _realis_keys(x: dict) -> tuple[tuple, ...]:
    marker = bool(x.get("future_marker")), bool(x.get("future_marker_sentence")), x.get("time_word", "none")
    return (("ev_marker", x["ev"], marker), ("marker", marker), ("all",))


ROLE_MODELS = ("rule", "logreg")  # simplest first: ties go to the earlier
REALIS_MODELS = ("majority", "marker", "table", "logreg")


def _fit_roles(kind: str, xs: Sequence[dict], ys: Sequence[str]) -> Any:
    return RoleTable.fit(xs, ys) if kind == "rule" else LogReg.fit(xs, ys)


def _fit_realis(kind: str, xs: Sequence[dict], ys: Sequence[str]) -> Any:
    if kind == "logreg":
        return LogReg.fit(xs, ys)
    return RealisTable.fit(xs, ys) if kind == "table" else RealisRule.fit(kind, ys)


def allowed_roles(inventory: Inventory, etype: str, ent: str) -> list[str]:
    """The roles of ``etype`` that an entity of type ``ent`` may fill (``annotation.conf``)."""
    return [r for r in inventory.event_roles.get(etype, ()) if ent in inventory.fillers.get((etype, r), ())]


def _classes(model: Any) -> list[str]:
    return list(model.classes_) if not hasattr(model, "steps") else list(model.steps[-1][1].classes_)


@dataclass
class Attacher:
    """What one fold learnt: a role classifier and a realis classifier (``None`` where
    the training documents had no events)."""

    roles: Any
    realis: Any
    inventory: Inventory  # the evaluated benchmark's (the model protocol hands it over)
    selection: dict[str, Any] | None = None  # the training-fold figures of the choices

    def allowed(self, etype: str, ent: str) -> list[str]:
        return allowed_roles(self.inventory, etype, ent)

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
                ev["realis"] = self.realis.choose(realis_features(keys, lang, trig, etype))
            args = []
            if self.roles is not None:
                for m in mentions:
                    if m.first < trig[1] and trig[0] < m.last:
                        continue
                    allowed = self.allowed(etype, m.type)
                    if not allowed:
                        continue
                    feats = pair_features(keys, lang, trig, etype, m, mentions, triggers)
                    role = self.roles.choose(feats, allowed + [NONE])
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


def _argument_counts(model: Any, inventory: Inventory, xs: Sequence[dict], ys: Sequence[str]) -> tuple[int, int, int]:
    """(correct, predicted, gold) roles of a role model over gold candidate pairs."""
    tp = pred = gold = 0
    for x, y in zip(xs, ys):
        allowed = allowed_roles(inventory, x["ev"], x["ent"])
        guess = model.choose(x, allowed + [NONE])
        pred += guess != NONE
        gold += y != NONE
        tp += guess != NONE and guess == y
    return tp, pred, gold


def _f1(tp: int, pred: int, gold: int) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def select(train: Sequence[Document], inventory: Inventory) -> dict[str, Any]:
    """Leave-one-document-out over the training documents: argument classification F1 of
    each role model and realis accuracy of each realis model on the held-out documents
    (pooled), and the choices they make. The inner folds are by article too: a held-out
    document's other versions (the parallel track's translations) are not learnt from."""
    per_doc = {d.id: training_pairs([d]) for d in train}
    with_events = [d.id for d in train if per_doc[d.id][2]]
    roles = {k: [0, 0, 0] for k in ROLE_MODELS}
    realis = {k: [0, 0] for k in REALIS_MODELS}
    for held in with_events:
        rest = [per_doc[d] for d in with_events if article_of(d) != article_of(held)]
        px = [x for r in rest for x in r[0]]
        py = [y for r in rest for y in r[1]]
        rx = [x for r in rest for x in r[2]]
        ry = [y for r in rest for y in r[3]]
        hx, hy, hrx, hry = per_doc[held]
        if px:
            for kind in ROLE_MODELS:
                counts = _argument_counts(_fit_roles(kind, px, py), inventory, hx, hy)
                roles[kind] = [a + b for a, b in zip(roles[kind], counts)]
        if rx:
            for kind in REALIS_MODELS:
                model = _fit_realis(kind, rx, ry)
                right = sum(model.choose(x) == y for x, y in zip(hrx, hry))
                realis[kind] = [realis[kind][0] + right, realis[kind][1] + len(hry)]
    role_f1 = {k: _f1(*v) for k, v in roles.items()}
    realis_acc = {k: (v[0] / v[1] if v[1] else 0.0) for k, v in realis.items()}
    return {
        "documents": with_events,
        "roles": max(ROLE_MODELS, key=lambda k: (role_f1[k], -ROLE_MODELS.index(k))),
        "role_f1": role_f1,
        "realis": max(REALIS_MODELS, key=lambda k: (realis_acc[k], -REALIS_MODELS.index(k))),
        "realis_accuracy": realis_acc,
    }


def fit(train: Sequence[Document], inventory: Inventory) -> Attacher:
    """An attacher learnt from the gold of the training documents only, its role and realis
    models chosen by leave-one-document-out over those documents (``select``); roles are
    chosen where ``inventory`` (the evaluated benchmark's schema) allows the filler type."""
    px, py, rx, ry = training_pairs(train)
    selection = select(train, inventory)
    return Attacher(_fit_roles(selection["roles"], px, py) if px else None,
                    _fit_realis(selection["realis"], rx, ry) if rx else None,
                    inventory, selection)


def selection_report(documents: Sequence[Document], inventory: Inventory) -> str:
    """A Markdown table of the choices ``fit`` makes in each leave-one-document-out fold of
    ``documents`` and the training-fold figures they were made on."""
    rows = ["| test document | roles: rule / logreg (argument-C F1) | chosen | realis: majority / marker / table / "
            "logreg (accuracy) | chosen |", "| --- | --- | --- | --- | --- |"]
    for test in documents:
        sel = select([d for d in documents if d.article != test.article], inventory)
        f1, acc = sel["role_f1"], sel["realis_accuracy"]
        rows.append(f"| {test.id} | {100 * f1['rule']:.1f} / {100 * f1['logreg']:.1f} | {sel['roles']} | "
                    f"{100 * acc['majority']:.1f} / {100 * acc['marker']:.1f} / {100 * acc['table']:.1f} / "
                    f"{100 * acc['logreg']:.1f} | "
                    f"{sel['realis']} |")
    return "\n".join(rows)


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


def main() -> None:  # pragma: no cover - a report for the model card
    """Print the per-fold selection table over the benchmark's test documents."""
    from citydiplo.corpus.benchmark import load_benchmark

    bench = load_benchmark().require_documents()
    print(selection_report(bench.documents, bench.inventory))


if __name__ == "__main__":  # pragma: no cover
    main()
