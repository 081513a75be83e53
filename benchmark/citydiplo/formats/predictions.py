"""Reading and checking system predictions.

Predictions are JSON Lines, one record per sentence (see ``benchmark/citydiplo/formats/predictions.schema.json``)::

    {"id": "000-lv-002",
     "ner_tags": ["B-DATE", "I-DATE", "B-CITY", ...],          # outer level, IOB2
     "ner_tags_inner": ["O", ...],                              # optional, inner level
     "events": [{"type": "MEET", "trigger": [5, 6], "realis": "ACTUAL",
                 "arguments": [{"role": "Participant", "span": [2, 3]}]}],
     "relations": [{"type": "PARTNER_OF", "arg1": [2, 3], "arg2": [9, 10],
                    "status": "ESTABLISHED"}]}

Spans are token indices ``[first, last_exclusive)`` into the sentence's tokens. Every
field but ``id`` is optional: a system that predicts only entities gives ``ner_tags``.
Reading streams the file: one record is in memory at a time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol

from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import TokenArgument, TokenEvent, TokenRelation, parse_sentence_id
from citydiplo.formats.strict import check_keys, has_unknown_keys

_MISSING = object()
SCHEMA_PATH = Path(__file__).with_name("predictions.schema.json")
MAX_LINE_BYTES = 64 * 1024 * 1024  # the longest record line read (a document's chars record is far shorter)
# Fields a record may carry besides the schema's: the gazetteer's normalisations, and the
# sentence fields of the dataset's rows and of `bench export --format jsonl` (so that a
# row passes through unchanged).
EXTRA_FIELDS = ("norm", "doc_id", "language", "tokens")


@lru_cache(maxsize=1)
def known_fields() -> frozenset[str]:
    """The top-level fields a prediction record may have: the schema's properties and
    ``EXTRA_FIELDS``; any other is refused, since a misspelt layer would score as empty."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return frozenset(schema.get("properties", {})) | frozenset(EXTRA_FIELDS)


@dataclass
class Prediction:
    """One checked prediction record; ``None`` fields were not predicted."""

    id: str
    ner_tags: list[str] | None = None
    ner_tags_inner: list[str] | None = None
    events: list[TokenEvent] | None = None
    relations: list[TokenRelation] | None = None
    norm: list[tuple[tuple[int, int], str]] | None = None
    """Predicted normalisation ids: (token span of an entity, ``DB:KEY``), for linking scores."""


@dataclass(frozen=True)
class GoldShape:
    """What a prediction for one sentence is checked against."""

    n_tokens: int


class Shape(Protocol):
    """What the checks read of a gold sentence (``GoldShape`` is one; a user's gold record,
    ``evaluation.api``'s, is another, so that its records are their own shapes)."""

    @property
    def n_tokens(self) -> int: ...


def object_list(value: Any, name: str, fail: Callable[[str], Exception]) -> list:
    """``value`` when it is a list of JSON objects; otherwise the error ``fail`` makes,
    naming ``name`` (or ``name[k]``, the first item that is no object)."""
    if not isinstance(value, list):
        raise fail(f"{name} must be a list")
    for k, item in enumerate(value):
        if type(item) is not dict and not isinstance(item, Mapping):  # a dict skips the ABC check
            raise fail(f"{name}[{k}] must be an object")
    return value


class _Checker:
    def __init__(self, path: str, lineno: int, sid: str, n_tokens: int, inv: Inventory) -> None:
        self.path, self.lineno, self.sid, self.n, self.inv = path, lineno, sid, n_tokens, inv

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, self.lineno, f"{self.sid}: {problem}")

    def tags(self, value: Any, name: str) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(f"{name} must be a list of tags")
        if len(value) != self.n:
            raise self.fail(f"{name} has {len(value)} tags but the sentence has {self.n} tokens")
        if self.inv.tags_ok(value):
            return value
        value = self.inv.tag_names(value)  # ClassLabel ids, as ``load_dataset`` gives them
        if self.inv.tags_ok(value):
            return value
        for i, tag in enumerate(value):
            if not self.inv.tag_ok(tag):
                raise self.fail(f"{name}[{i}] = {tag!r} is not a tag of the set (O, B-/I- + {', '.join(self.inv.ner_types)})")
        return value

    def span(self, value: Any, what: str, *at: int) -> tuple[int, int]:
        """``value`` as a token span; else the error names it (``what``, formatted with ``at``
        only then: ``"events[{}].trigger", k``)."""
        if type(value) is list and len(value) == 2:  # the common case, checked first
            a, b = value
            if type(a) is int and type(b) is int and 0 <= a < b <= self.n:
                return a, b
        what = what.format(*at)
        if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            raise self.fail(f"{what} must be [first, last_exclusive] token indices, found {value!r}")
        a, b = value
        if not 0 <= a < b <= self.n:
            raise self.fail(f"{what} {value} is outside the sentence's {self.n} tokens")
        return a, b

    def label(self, value: Any, allowed: Iterable[str], what: str, *at: int) -> str:
        """``value`` when it is one of ``allowed``; else the error names it (as ``span``)."""
        if type(value) is str and value in allowed:
            return value
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.fail(f"{what.format(*at)} {value!r} is not one of {', '.join(allowed)}")
        return value

    def events(self, value: Any) -> list[TokenEvent]:
        """The events of any value, or the error naming its first problem (``check_fields``
        asks ``_events_as_given`` first; this is the path of a list it doubts)."""
        out = []
        roles_of, realis_values = self.inv.event_roles, self.inv.realis
        for k, ev in enumerate(object_list(value, "events", self.fail)):
            etype = self.label(ev.get("type"), roles_of, "events[{}].type", k)
            trigger = self.span(ev.get("trigger"), "events[{}].trigger", k)
            realis = ev.get("realis")
            if realis is not None:
                self.label(realis, realis_values, "events[{}].realis", k)
            given = ev.get("arguments", _MISSING)
            args: tuple[TokenArgument, ...] = ()
            if given is not _MISSING:
                roles = roles_of[etype]
                args = tuple(TokenArgument(self.label(arg.get("role"), roles, "events[{}].arguments[{}].role", k, j),
                                           self.span(arg.get("span"), "events[{}].arguments[{}].span", k, j))
                             for j, arg in enumerate(object_list(given, f"events[{k}].arguments", self.fail)))
            out.append(TokenEvent(etype, trigger, realis, args))
        return out

    def norms(self, value: Any) -> list[tuple[tuple[int, int], str]]:
        """``norm``: [{"span": [f, l], "id": "GeoNames:460413"}, ...] (the gazetteer emits it)."""
        if not isinstance(value, list):
            raise self.fail("norm must be a list of {span, id} objects")
        out: list[tuple[tuple[int, int], str]] = []
        for k, item in enumerate(object_list(value, "norm", self.fail)):
            ident = item.get("id")
            if not isinstance(ident, str) or ":" not in ident.strip(":"):
                raise self.fail(f"norm[{k}].id must be an id DB:KEY (GeoNames:460413, ISO3166:LV), found {ident!r}")
            span = self.span(item.get("span"), "norm[{}].span", k)
            if any(other == span for other, _ in out):
                raise self.fail(f"norm[{k}]: a second id for the mention {list(span)}: give one id per mention")
            out.append((span, ident))
        return out

    def relations(self, value: Any) -> list[TokenRelation]:
        out = []
        for k, rel in enumerate(object_list(value, "relations", self.fail)):
            rtype = self.label(rel.get("type", self.inv.default_relation), self.inv.relations, "relations[{}].type", k)
            status = rel.get("status")
            if status is not None:
                self.label(status, self.inv.statuses, "relations[{}].status", k)
            out.append(TokenRelation(rtype, self.span(rel.get("arg1"), "relations[{}].arg1", k),
                                    self.span(rel.get("arg2"), "relations[{}].arg2", k), status))
        return out


def _events_as_given(value: list, n: int, inv: Inventory) -> list[TokenEvent] | None:
    """``_Checker.events`` of a well-formed list (plain dicts and lists, every label and
    span good) in one pass; None at the first doubt, and ``_Checker.events`` then walks the
    whole list again to name the problem (the same error as ever)."""
    roles_of, realis_values = inv.event_roles, inv.realis
    out = []
    for ev in value:
        if type(ev) is not dict:
            return None
        etype, trigger, realis = ev.get("type"), ev.get("trigger"), ev.get("realis")
        if (type(etype) is not str or etype not in roles_of or type(trigger) is not list or len(trigger) != 2
                or (realis is not None and (type(realis) is not str or realis not in realis_values))):
            return None
        a, b = trigger
        if type(a) is not int or type(b) is not int or not 0 <= a < b <= n:
            return None
        given = ev.get("arguments", _MISSING)
        args: tuple[TokenArgument, ...] = ()
        if given is not _MISSING:
            if type(given) is not list:
                return None
            if given:
                roles = roles_of[etype]
                made = []
                for arg in given:
                    if type(arg) is not dict:
                        return None
                    role, span = arg.get("role"), arg.get("span")
                    if type(role) is not str or role not in roles or type(span) is not list or len(span) != 2:
                        return None
                    f, l = span
                    if type(f) is not int or type(l) is not int or not 0 <= f < l <= n:
                        return None
                    made.append(TokenArgument(role, (f, l)))
                args = tuple(made)
        out.append(TokenEvent(etype, (a, b), realis, args))
    return out


def check_record(data: Any, shapes: Mapping[str, Shape], inv: Inventory, path: str, lineno: int) -> Prediction:
    """Check one decoded record against the gold sentence it names."""
    if not isinstance(data, dict):
        raise InputError(path, lineno, f"a prediction must be a JSON object, found {type(data).__name__}")
    sid = data.get("id")
    if type(sid) is not str and not isinstance(sid, str):
        raise InputError(path, lineno, "the record has no string 'id'")
    shape = shapes.get(sid)
    if shape is None:
        raise InputError(path, lineno, f"unknown sentence id {sid!r}")
    return check_fields(data, sid, shape.n_tokens, inv, path, lineno)


def check_fields(data: dict, sid: str, n: int, inv: Inventory, path: str, lineno: int) -> Prediction:
    """Check the fields of record ``data`` (a dict whose ``id`` is ``sid``) for a sentence of ``n`` tokens."""
    if has_unknown_keys(data, "tokens"):  # a misspelt field at any depth is an error, never "not predicted"
        check_keys(data, "tokens", path, lineno, sid)
    get = data.get
    tags, inner = get("ner_tags", _MISSING), get("ner_tags_inner", _MISSING)
    # tag lists of the sentence's length, every tag in the set: passed on as they are (else
    # ``_Checker.tags`` names the problem)
    pred = Prediction(sid, None if tags is _MISSING else tags if type(tags) is list and len(tags) == n and inv.tags_ok(tags)
                      else _Checker(path, lineno, sid, n, inv).tags(tags, "ner_tags"),
                      None if inner is _MISSING else inner if type(inner) is list and len(inner) == n and inv.tags_ok(inner)
                      else _Checker(path, lineno, sid, n, inv).tags(inner, "ner_tags_inner"))
    events, relations, norm = get("events", _MISSING), get("relations", _MISSING), get("norm", _MISSING)
    if type(events) is list and not events and type(relations) is list and not relations and norm is _MISSING:
        # both given and empty, no ids: nothing in them to check (the common sentence)
        pred.events, pred.relations = [], []
        return pred
    # a well-formed events list and an empty relations list need no _Checker (it names problems)
    if events is not _MISSING:
        quick = _events_as_given(events, n, inv) if type(events) is list else None
        pred.events = quick if quick is not None else _Checker(path, lineno, sid, n, inv).events(events)
    if relations is not _MISSING:
        pred.relations = [] if type(relations) is list and not relations else \
            _Checker(path, lineno, sid, n, inv).relations(relations)
    if norm is not _MISSING:
        pred.norm = _Checker(path, lineno, sid, n, inv).norms(norm)
    return pred


def iter_lines(path: str) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines of a UTF-8 file; a decoding error names its line."""
    try:
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), 1):
                if len(raw) > MAX_LINE_BYTES:
                    raise InputError(path, lineno, f"the line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB; "
                                                   "one record per line (is this a JSON Lines file?)")
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(path, lineno, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
                if line.strip():
                    yield lineno, line
    except OSError as exc:
        raise InputError(path, 0, f"cannot read the file: {exc.strerror}") from None


def read_predictions(path: str, shapes: Mapping[str, GoldShape], inv: Inventory) -> Iterator[Prediction]:
    """Stream checked predictions from a JSON Lines file.

    Raises ``InputError`` for malformed JSON, unknown or repeated ids, wrong tag counts,
    labels outside the inventory, an empty file, and sentences without a prediction
    (named by document)."""
    return check_stream(((lineno, decode_line(path, lineno, line)) for lineno, line in iter_lines(path)), shapes, inv, path)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def decode_line(path: str, lineno: int, line: str) -> Any:
    """One JSON record; the column of an error is counted in this line (its newline left
    out, so that a truncated record is not reported at column 1 of a next line)."""
    line = line.rstrip("\r\n")
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, lineno, f"malformed JSON: {exc.msg} (column {exc.pos + 1})") from None
    except RecursionError:
        raise InputError(path, lineno, "malformed record: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise InputError(path, lineno, f"malformed JSON: {_short(str(exc), 120)}") from None


def check_stream(records: Iterable[tuple[int, Any]], shapes: Mapping[str, Shape], inv: Inventory, path: str) -> Iterator[Prediction]:
    """Check decoded records (numbered) and then that every gold sentence was covered."""
    return covered(((lineno, check_record(data, shapes, inv, path, lineno)) for lineno, data in records), shapes, path)


def covered(preds: Iterable[tuple[int, Prediction]], shapes: Mapping[str, Shape], path: str) -> Iterator[Prediction]:
    """The predictions (numbered by line), passed on as read; ``InputError`` when a sentence
    is predicted twice and, at the end, unless every gold sentence was predicted (any format)."""
    seen: set[str] = set()
    for lineno, pred in preds:
        if pred.id in seen:
            raise InputError(path, lineno, f"sentence {pred.id!r} is predicted twice")
        seen.add(pred.id)
        yield pred
    first = next(iter(shapes), None)
    if not seen:
        raise InputError(path, 0, f"holds no predictions (an empty file, or a model that yields nothing); "
                                  f"expected one record for each of {len(shapes)} sentence(s), first: {first}")
    missing = [sid for sid in shapes if sid not in seen]
    if missing:
        docs = sorted({parse_sentence_id(sid)[0] for sid in missing})
        raise InputError(path, 0, f"{len(missing)} sentence(s) have no prediction, in document(s) {', '.join(docs)} (first: {missing[0]})")


def prediction_to_json(pred: Prediction) -> dict:
    """The JSON record of a prediction (the inverse of ``check_record``)."""
    out = record_json(pred.id, pred.ner_tags, pred.ner_tags_inner, pred.events, pred.relations)
    if pred.norm is not None:
        out["norm"] = [{"span": list(span), "id": ident} for span, ident in pred.norm]
    return out


def record_json(sid: str, ner_tags: list[str] | None = None, ner_tags_inner: list[str] | None = None,
                events: list[TokenEvent] | None = None, relations: list[TokenRelation] | None = None) -> dict:
    """A prediction record; the layers given as ``None`` are left out."""
    out: dict[str, Any] = {"id": sid}
    if ner_tags is not None:
        out["ner_tags"] = list(ner_tags)
    if ner_tags_inner is not None:
        out["ner_tags_inner"] = list(ner_tags_inner)
    if events is not None:
        out["events"] = [
            {"type": e.type, "trigger": list(e.trigger), "realis": e.realis,
             "arguments": [{"role": a.role, "span": list(a.span)} for a in e.arguments]}
            for e in events
        ]
    if relations is not None:
        out["relations"] = [
            {"type": r.type, "arg1": list(r.arg1), "arg2": list(r.arg2), "status": r.status} for r in relations
        ]
    return out


class PredictionsDigest:
    """A fingerprint of a system's checked predictions, whatever their order and JSON spelling.

    SHA-256 over the sorted hashes of the canonical records (``prediction_to_json``, keys
    sorted). ``bench evaluate`` stores it in the results (``predictions.sha256``) so that
    ``bench view`` can refuse a results file that belongs to other predictions.
    """

    def __init__(self) -> None:
        self._records: list[str] = []

    def add(self, pred: Prediction) -> None:
        line = json.dumps(prediction_to_json(pred), sort_keys=True, ensure_ascii=False)
        self._records.append(hashlib.sha256(line.encode("utf-8")).hexdigest())

    def wrap(self, stream: Iterable[Prediction]) -> Iterator[Prediction]:
        """The same stream, each prediction added as it passes."""
        for pred in stream:
            self.add(pred)
            yield pred

    def hexdigest(self) -> str:
        return hashlib.sha256("\n".join(sorted(self._records)).encode("ascii")).hexdigest()
