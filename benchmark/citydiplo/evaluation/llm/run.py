"""``llm:MODEL``: ask an OpenAI-compatible server for every unit, score its answers.

For each unit (a document, or a sentence at ``granularity="sentence"``; only the
documents of ``languages``, only the first ``limit`` units): build the messages
(``prompt``), take the answer from the cache or send the request (``client``,
``concurrency`` at a time), parse it and check its labels (``parse``), read and resolve
its strings to offsets (``citydiplo.formats.strings``, the rule every ``strings`` file is
scored by, collecting malformed items instead of raising) and snap them to tokens
(``citydiplo.formats.chars``). Every failure is counted per language and none is fatal
while some unit was answered: a unit whose request failed or whose answer has no JSON
scores as an empty prediction, and the results say ``complete: false`` and which share of
the units had no answer. When no unit was answered at all (no server, a 401, a 429
storm), the run ends in ``NoAnswers`` (exit code 3) and there are no results. Each
well-formed answer is cached as it arrives, so Ctrl-C loses nothing that was answered.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from citydiplo.corpus.benchmark import Benchmark
from citydiplo.errors import InputError
from citydiplo.evaluation.llm.cache import ResponseCache, cache_key
from citydiplo.evaluation.llm.client import ChatClient, Completion, RequestFailed, base_url_host
from citydiplo.evaluation.llm.options import LLMOptions
from citydiplo.evaluation.llm.parse import LABEL_COUNTS, clean_answer, parse_answer, short
from citydiplo.evaluation.llm.prompt import PromptBuilder, Unit, prompt_builder, units
from citydiplo.evaluation.llm.redact import Redactor
from citydiplo.formats.chars import AlignmentReport, chars_to_predictions
from citydiplo.formats.model import Document
from citydiplo.formats.model import parse_sentence_id
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.string_tuples import StringTuples, from_strings
from citydiplo.formats.strings import StringsReport, resolve_strings
from citydiplo.scoring.report import marks

if TYPE_CHECKING:  # pragma: no cover
    from citydiplo.formats.readers import InputReport

PREFIX = "llm:"
NO_ANSWERS_EXIT = 3
"""The exit code of a run in which no unit got an answer (no results are written)."""

FAILURES = ("http_errors", "unparseable", "truncated", *LABEL_COUNTS, "unresolved_strings", "ambiguous_strings",
            "bad_usage")
"""The failure counts of a run, in the order the summary shows them."""


class NoAnswers(InputError):
    """Every unit's request failed: there is nothing to score (``bench`` exits 3)."""

    exit_code = NO_ANSWERS_EXIT


@dataclass
class Answer:
    """What came back for one unit: a completion, or the kind and message of a failure."""

    completion: Completion | None = None
    error: str | None = None
    cached: bool = False
    latency_s: float | None = None

    @property
    def kind(self) -> str | None:
        return None if self.error is None else self.error.split(":", 1)[0]


@dataclass
class Tally:
    """Failure counts, overall and per language, plus a few examples to look at."""

    per_language: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    request_errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def add(self, language: str, kind: str, n: int = 1, example: str | None = None) -> None:
        if n:
            self.per_language[language][kind] += n
            if example and len(self.examples) < 20:
                self.examples.append(short(example, 300))

    def total(self, kind: str | None = None) -> int:
        kinds = FAILURES if kind is None else (kind,)
        return sum(c[k] for c in self.per_language.values() for k in kinds)

    def to_dict(self) -> dict:
        return {
            "all": {k: self.total(k) for k in FAILURES},
            "per_language": {lang: {k: c[k] for k in FAILURES} for lang, c in sorted(self.per_language.items())},
            "http_errors_by_kind": dict(sorted(self.request_errors.items())),
            "examples": self.examples,
        }


# --------------------------------------------------------------------------- which units


def select_units(documents: Sequence[Document], opts: LLMOptions) -> list[Unit]:
    """The units of a run over ``documents`` (those of the chosen languages: the one filter,
    ``Benchmark.only``), the first ``limit`` of them."""
    todo = units(documents, opts.granularity)
    if opts.limit is not None:
        if opts.limit < 1:
            raise InputError("--limit", 0, "at least one unit")
        todo = todo[:opts.limit]
    return todo


# --------------------------------------------------------------------------- asking


def _ask(client: ChatClient, messages: list[dict], params: dict, cache: ResponseCache, key: str,
         request: dict) -> Answer:
    started = time.monotonic()
    try:
        completion = client.complete(messages, params)
    except RequestFailed as exc:
        return Answer(error=str(exc), latency_s=round(time.monotonic() - started, 3))
    latency = round(time.monotonic() - started, 3)
    cache.put(key, request, completion.to_dict(), latency_s=latency)  # a well-formed completion only
    return Answer(completion, latency_s=latency)


def _cached(entry: dict | None) -> Answer | None:
    """The answer a cache entry holds, or ``None`` when it does not read back as one."""
    if entry is None:
        return None
    try:
        completion = Completion.from_dict(entry.get("response"))
    except ValueError:
        return None
    latency = entry.get("latency_s")
    return Answer(completion, cached=True, latency_s=latency if isinstance(latency, (int, float)) else None)


def collect_answers(todo: list[Unit], builder: PromptBuilder, model: str, opts: LLMOptions,
                    cache: ResponseCache, client_factory: Callable[[], ChatClient],
                    on_answer: Callable[[Unit, Answer], None]) -> tuple[dict[str, Answer], bool]:
    """Every unit's answer: from the cache, else from the server (``concurrency`` requests
    in flight), and whether the server refused ``response_format``. ``on_answer`` sees each
    answer as it arrives (the progress bar)."""
    answers: dict[str, Answer] = {}
    pending = []
    for unit in todo:
        messages = builder.messages(unit, opts.shots, opts.granularity)
        key = cache_key(model, builder.version, messages, opts.params)
        request = {"model": model, "prompt_version": builder.version, "params": opts.params, "messages": messages}
        answer = _cached(cache.get(key, request))
        if answer is not None:
            answers[unit.id] = answer
            on_answer(unit, answer)
        else:
            pending.append((unit, messages, key, request))
    if not pending:
        return answers, False
    client = client_factory()
    pool = ThreadPoolExecutor(max_workers=max(1, opts.concurrency))
    try:
        futures = {pool.submit(_ask, client, m, opts.params, cache, k, r): u for u, m, k, r in pending}
        not_done = set(futures)
        while not_done:
            done, not_done = wait(not_done, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                unit = futures[fut]
                answers[unit.id] = fut.result()
                on_answer(unit, answers[unit.id])
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)  # what was answered is already cached
        raise
    pool.shutdown(wait=True)
    return answers, client.json_mode_refused


# --------------------------------------------------------------------------- reading


@dataclass
class UnitResult:
    """What one unit's answer became: token predictions, the reports, and for the log the
    record read from the answer and every problem found."""

    predictions: list[Prediction]
    strings: StringsReport
    alignment: AlignmentReport
    record: dict
    problems: list[str] = field(default_factory=list)


def unit_predictions(unit: Unit, answer: Answer, doc: Document, builder: PromptBuilder, inventory,
                     tally: Tally, granularity: str, answers: dict[str, StringTuples] | None = None) -> UnitResult:
    """The token predictions of a unit's sentences from its answer, counting every failure;
    ``answers`` (if given) gets the unit's string-track tuples as the model wrote them."""
    lang = unit.language
    number = None if granularity == "document" else parse_sentence_id(unit.id)[1]
    sentence_index = None if number is None else number - 1
    key = "doc_id" if sentence_index is None else "id"
    record: dict[str, Any] = {key: unit.id, "entities": [], "events": [], "relations": []}
    problems: list[str] = []
    if answer.error is not None:
        tally.add(lang, "http_errors", 1, f"{unit.id}: {answer.error}")
        tally.request_errors[answer.kind or "?"] += 1
        problems.append(answer.error)
    else:
        completion = answer.completion
        assert completion is not None
        if completion.finish_reason == "length":
            tally.add(lang, "truncated", 1, f"{unit.id}: cut off at max_tokens")
            problems.append("truncated: cut off at max_tokens")
        if completion.bad_usage:
            tally.add(lang, "bad_usage", 1, f"{unit.id}: the server's token usage is not a count")
            problems.append("bad_usage: the server's token usage is not a count (read as 0)")
        parsed = parse_answer(completion.content)
        if parsed is None:
            tally.add(lang, "unparseable", 1, f"{unit.id}: no JSON answer object in {short(completion.content or '', 80)!r}")
            problems.append("unparseable: no JSON answer object")
        else:
            cleaned = clean_answer(parsed, builder.inventory)
            for kind in LABEL_COUNTS:
                tally.add(lang, kind, cleaned.counts[kind])
            tally.examples.extend(f"{unit.id}: {e}" for e in cleaned.examples[: max(0, 20 - len(tally.examples))])
            problems.extend(cleaned.examples)
            record = cleaned.record(key, unit.id)
    if answers is not None:
        answers[unit.id] = from_strings(record)
    if builder.task == "eae":
        record = _on_given_triggers(record, builder.given_triggers(unit), doc, unit)
    scope = None if sentence_index is None else doc.meta.sentences[sentence_index]
    malformed: list[str] = []
    chars, resolved = resolve_strings(record, doc.text, doc.meta.sentences, scope, path=f"<llm {unit.id}>",
                                      problems=malformed)
    for problem in malformed:
        tally.add(lang, "malformed_items", 1, f"{unit.id}: {short(problem)}")
        problems.append(f"malformed_items: {short(problem)}")
    tally.add(lang, "unresolved_strings", len(resolved.unresolved),
              f"{unit.id}: unresolved {resolved.unresolved[0]['text']!r}" if resolved.unresolved else None)
    problems.extend(f"unresolved_strings: {u['span']} {short(u['text'], 80)!r} ({u['reason']})"
                    for u in resolved.unresolved)
    tally.add(lang, "ambiguous_strings", resolved.ambiguous)
    preds, alignment = chars_to_predictions(chars, doc, inventory, f"<llm {unit.id}>", 0, sentence_index)
    return UnitResult(preds, resolved, alignment, record, problems)


def _on_given_triggers(record: dict, given: list[dict], doc: Document, unit: Unit) -> dict:
    """``eae``: each answered event placed on the next unused given trigger with its text
    (and type, when one has it), by that trigger's occurrence hint; an event on no given
    trigger is kept as written (the scorer leaves it out and counts it)."""
    from citydiplo.formats.strings import occurrence_hint

    number = None if unit.id == unit.doc_id else parse_sentence_id(unit.id)[1]
    scope = None if number is None else doc.meta.sentences[number - 1]
    gold = sorted((ev for ev in doc.events if unit.start <= ev.start and ev.end <= unit.start + len(unit.text)),
                  key=lambda ev: ev.start)
    used: set[int] = set()
    events = []
    for ev in record.get("events", []):
        text = ev.get("trigger")
        free = [i for i, g in enumerate(gold) if i not in used and g.trigger == text]
        pick = next((i for i in free if gold[i].type == ev.get("type")), free[0] if free else None)
        if pick is not None:
            used.add(pick)
            g = gold[pick]
            ev = {**ev, "trigger": {"text": text, "occurrence": occurrence_hint(doc.text, doc.meta.sentences, g.start,
                                                                                g.end, scope)}}
        events.append(ev)
    return {**record, "events": events}


# --------------------------------------------------------------------------- the run


@dataclass
class LLMRun:
    """A run: the gold sentences it covers (``limit``/``languages`` select them), its
    predictions for them in gold order, the ``llm`` block of the results and the ``input``
    report every ``strings`` file gets."""

    records: dict[str, SentenceRecord]
    predictions: list[Prediction]
    block: dict
    report: "InputReport"


def run_llm(model: str, gold: Benchmark, opts: LLMOptions, client_factory: Callable[[], ChatClient] | None = None) -> LLMRun:
    """Run ``llm:MODEL`` over the gold's documents (see the module docstring); ``NoAnswers``
    when no unit got an answer (the log is written first)."""
    name = model[len(PREFIX):] if model.startswith(PREFIX) else model
    if not name:
        raise InputError(model, 0, "name the model: llm:MODEL (the id the server knows it by)")
    if not opts.base_url:
        raise InputError(model, 0, "an llm: model needs the server's --base-url (e.g. http://127.0.0.1:8000/v1)")
    host = base_url_host(opts.base_url)
    if opts.concurrency < 1:
        raise InputError("--concurrency", 0, "at least one request at a time")
    # the prompt (and the shots) come from every gold document, so that a run over some
    # languages or units sends exactly the requests a full run sends (and shares its cache)
    builder = prompt_builder(gold.full or gold, opts.prompt_version, opts.task)
    gold = gold.only(opts.languages)
    todo = select_units(gold.documents, opts)
    for unit in todo[:1]:  # an impossible number of shots fails before any request
        builder.messages(unit, opts.shots, opts.granularity)
    cache = ResponseCache(opts.cache_dir())
    base_url = opts.base_url
    factory = client_factory or (lambda: ChatClient(base_url, name, opts.api_key_env, opts.timeout,
                                                    opts.max_retries))
    progress = _Progress(len(todo), opts.progress)
    started = time.monotonic()
    try:
        answers, refused = collect_answers(todo, builder, name, opts, cache, factory, progress.update)
    finally:
        progress.close()
    wall = time.monotonic() - started
    tally = Tally()
    for unit in todo:
        tally.per_language[unit.language]  # every language gets a row, failures or not
    docs = {d.id: d for d in gold.documents}
    by_sentence: dict[str, Prediction] = {}
    alignment, strings = AlignmentReport(), StringsReport()
    log_lines = []
    written: dict[str, StringTuples] = {}
    for unit in todo:
        answer = answers[unit.id]
        result = unit_predictions(unit, answer, docs[unit.doc_id], builder, gold.inventory, tally, opts.granularity,
                                  written)
        strings.merge(result.strings)
        alignment.merge(result.alignment)
        for p in result.predictions:
            by_sentence[p.id] = p
        if opts.log is not None:
            log_lines.append(_log_line(unit, answer, builder.messages(unit, opts.shots, opts.granularity), result))
    failed = sum(answers[u.id].error is not None for u in todo)
    completions = [a.completion for a in answers.values() if a.completion is not None]
    block = {
        "model": name,
        "server_model": next((c.model for c in completions if c.model), None),
        "base_url_host": host,
        "prompt_version": builder.version,
        "task": opts.task,
        "granularity": opts.granularity,
        "shots": opts.shots,
        "params": opts.params,
        "response_format_refused": refused,
        "complete": failed == 0,
        "failed_share": round(failed / len(todo), 4) if todo else 0.0,
        "limit": opts.limit,
        "languages": list(opts.languages) if opts.languages is not None else None,
        "requests": {"units": len(todo), "cache_hits": sum(a.cached for a in answers.values()),
                     "sent": sum(not a.cached for a in answers.values()), "failed": failed},
        "usage": {"prompt_tokens": sum(c.prompt_tokens for c in completions),
                  "completion_tokens": sum(c.completion_tokens for c in completions)},
        "wall_time_s": round(wall, 3),
        "failures": tally.to_dict(),
    }
    if opts.log is not None:
        _write_log(Path(opts.log), log_lines)
    if opts.progress:
        print(summary(block), file=sys.stderr)
    if todo and failed == len(todo):
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(tally.request_errors.items()))
        raise NoAnswers(model, 0, f"no unit got an answer ({len(todo)} request(s) failed: {kinds}); "
                                  f"nothing is scored and no results are written (exit {NO_ANSWERS_EXIT})")
    from citydiplo.formats.readers import InputReport

    covered = {sid for unit in todo for sid in unit.sentence_ids}
    records = {sid: r for sid, r in gold.records.items() if sid in covered}
    return LLMRun(records, [by_sentence[sid] for sid in records], block, InputReport("strings", alignment, strings, written))


def _log_line(unit: Unit, answer: Answer, messages: list[dict], result: UnitResult) -> dict:
    c = answer.completion
    return {
        "unit": unit.id, "language": unit.language, "cached": answer.cached, "messages": messages,
        "answer": c.content if c is not None else None, "finish_reason": c.finish_reason if c is not None else None,
        "error": answer.error,
        "parsed": {k: result.record.get(k, []) for k in ("entities", "events", "relations")},
        "problems": result.problems,
        "usage": {"prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens} if c is not None else None,
        "latency_s": answer.latency_s,
    }


def _dump(value: Any) -> str:
    """One JSON line, readable UTF-8 where the text allows it (ASCII escapes otherwise)."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True)
    return text


def _write_log(path: Path, lines: list[dict]) -> None:
    from citydiplo.files import write_atomic

    redact = Redactor()  # answers are redacted already; this catches anything that looks like a token
    write_atomic(path, "".join(redact(_dump(line)) + "\n" for line in lines))


class _Progress:
    """A progress bar (tqdm, on stderr): units done, failures so far, tokens used."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        self.failed = self.tokens = 0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="unit", desc="llm", leave=False, disable=None)  # off when not a terminal

    def update(self, unit: Unit, answer: Answer) -> None:
        if answer.error is not None:
            self.failed += 1
        elif answer.completion is not None:
            self.tokens += answer.completion.prompt_tokens + answer.completion.completion_tokens
            if parse_answer(answer.completion.content) is None:
                self.failed += 1
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, tokens=self.tokens, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def evaluate_llm(model: str, gold: Benchmark, opts: LLMOptions | None, samples: int, seed: int, name: str | None = None,
                 task: str = "e2e", extensions: Sequence = ()):
    """Score ``llm:MODEL`` on ``task``: the results, with the run's ``llm`` block under ``extra`` (and
    the digest of its predictions, which ``bench view`` matches against ``bench predict``'s);
    ``extensions``: the track's scorer extensions."""
    from citydiplo.evaluation.provenance import with_provenance
    from citydiplo.formats.predictions import PredictionsDigest
    from citydiplo.scoring.scorer import score as score_stream

    opts = replace(opts or LLMOptions(), task=task)
    run = run_llm(model, gold, opts)
    digest = PredictionsDigest()
    scorer = score_stream(run.records, digest.wrap(run.predictions), extensions=extensions, task=task,
                          string_answers=run.report.answers)
    scorer.input_report = run.report.to_dict()
    results = scorer.results(samples, seed)
    label = name or (f"{model} ({run.block['prompt_version']}, {opts.shots}-shot)")
    results = with_provenance(results, label, gold)
    return replace(results, extra={**results.extra, "llm": run.block, "predictions": {"sha256": digest.hexdigest()}})


def summary(block: dict) -> str:
    """The few lines a terminal shows after an LLM run."""
    req, use, fail = block["requests"], block["usage"], block["failures"]
    lines = [f"llm: {block['model']} at {block['base_url_host']}, prompt {block['prompt_version']}, "
             f"{block['shots']}-shot, {block['granularity']} units: {req['units']} unit(s), {req['sent']} request(s) "
             f"sent, {req['cache_hits']} from the cache, {use['prompt_tokens']}+{use['completion_tokens']} tokens, "
             f"{block['wall_time_s']:.1f} s"]
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in fail["all"].items() if v)
    lines.append(f"failures: {counts or 'none'}")
    if fail.get("http_errors_by_kind"):
        lines.append("  failed requests by kind: " + ", ".join(f"{k} {v}" for k, v in fail["http_errors_by_kind"].items()))
    for lang, c in fail["per_language"].items():
        row = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in c.items() if v)
        if row:
            lines.append(f"  {lang}: {row}")
    lines += [f"marked: {m} (the leaderboard refuses it without --include-incomplete)" for m in marks(block)]
    return "\n".join(lines)
