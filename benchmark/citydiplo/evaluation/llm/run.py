"""``llm:MODEL``: ask an OpenAI-compatible server for every unit, score its answers.

For each unit (a document, or a sentence at ``granularity="sentence"``): build the
messages (``prompt``), take the answer from the cache or send the request (``client``,
``concurrency`` at a time), parse it tolerantly and keep what the schema allows
(``parse``), resolve its strings to offsets (``citydiplo.formats.strings``, the rule every
``strings`` file is scored by) and snap them to tokens (``citydiplo.formats.chars``).
Every failure is counted per language and none is fatal: a unit whose request failed or
whose answer has no JSON scores as an empty prediction, and the run still ends with
scores. Each answer is cached as it arrives, so Ctrl-C loses nothing that was answered.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from citydiplo.errors import InputError
from citydiplo.evaluation.llm.cache import ResponseCache, cache_key, default_cache_dir
from citydiplo.evaluation.llm.client import ChatClient, Completion, RequestFailed, base_url_host
from citydiplo.evaluation.llm.parse import LABEL_COUNTS, clean_answer, parse_answer
from citydiplo.evaluation.llm.prompt import DEFAULT_PROMPT_VERSION, PromptBuilder, Unit, prompt_builder, units
from citydiplo.formats.chars import AlignmentReport, chars_to_predictions
from citydiplo.formats.model import Document
from citydiplo.formats.predictions import Prediction
from citydiplo.formats.strings import StringsReport, resolve_strings
from citydiplo.scoring.string_track import StringTuples, from_strings

if TYPE_CHECKING:  # pragma: no cover
    from citydiplo.evaluation.inputs import InputReport

PREFIX = "llm:"

FAILURES = ("http_errors", "unparseable", "truncated", *LABEL_COUNTS, "unresolved_strings", "ambiguous_strings")
"""The failure counts of a run, in the order the summary shows them."""


@dataclass(frozen=True)
class LLMOptions:
    """How to run ``llm:MODEL`` (the options of ``bench evaluate llm:MODEL``)."""

    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    shots: int = 0
    granularity: str = "document"
    temperature: float = 0.0
    sampling_seed: int | None = None
    max_tokens: int | None = 4096
    concurrency: int = 4
    timeout: float = 120.0
    max_retries: int = 2
    cache: str | Path | bool = True  # True: the default directory; False: no cache
    prompt_version: str = DEFAULT_PROMPT_VERSION
    progress: bool = False
    task: str = "e2e"  # ner, ed, eae (the gold triggers are in the prompt) or e2e

    @property
    def params(self) -> dict[str, Any]:
        """The sampling parameters sent (and keyed in the cache)."""
        return {"temperature": self.temperature, "seed": self.sampling_seed, "max_tokens": self.max_tokens}

    def cache_dir(self) -> Path | None:
        if self.cache is False:
            return None
        return default_cache_dir() if self.cache is True else Path(self.cache)


@dataclass
class Answer:
    """What came back for one unit."""

    completion: Completion | None = None
    error: str | None = None
    cached: bool = False


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
                self.examples.append(example)

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


def _ask(client: ChatClient, messages: list[dict], params: dict, cache: ResponseCache, key: str,
         request: dict) -> Answer:
    try:
        completion = client.complete(messages, params)
    except RequestFailed as exc:
        return Answer(error=str(exc))
    cache.put(key, {"request": request, "response": completion.to_dict()})
    return Answer(completion)


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
        entry = cache.get(key)
        if entry is not None and isinstance(entry.get("response"), dict):
            answers[unit.id] = Answer(Completion.from_dict(entry["response"]), cached=True)
            on_answer(unit, answers[unit.id])
        else:
            request = {"model": model, "prompt_version": builder.version, "params": opts.params, "messages": messages}
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


def unit_predictions(unit: Unit, answer: Answer, doc: Document, builder: PromptBuilder, inventory,
                     tally: Tally, granularity: str, answers: dict[str, StringTuples] | None = None
                     ) -> tuple[list[Prediction], StringsReport, AlignmentReport]:
    """The token predictions of a unit's sentences from its answer, counting every failure;
    ``answers`` (if given) gets the unit's string-track tuples as the model wrote them."""
    lang = unit.language
    sentence_index = None if granularity == "document" else int(unit.id.rsplit("-", 1)[1]) - 1
    key = "doc_id" if sentence_index is None else "id"
    record: dict[str, Any] = {key: unit.id, "entities": [], "events": [], "relations": []}
    if answer.error is not None:
        tally.add(lang, "http_errors", 1, f"{unit.id}: {answer.error}")
        tally.request_errors[answer.error.split(":", 1)[0]] += 1
    else:
        completion = answer.completion
        assert completion is not None
        if completion.finish_reason == "length":
            tally.add(lang, "truncated", 1, f"{unit.id}: cut off at max_tokens")
        parsed = parse_answer(completion.content)
        if parsed is None:
            tally.add(lang, "unparseable", 1, f"{unit.id}: no JSON object in {(completion.content or '')[:80]!r}")
        else:
            cleaned = clean_answer(parsed, builder.schema)
            for kind in LABEL_COUNTS:
                tally.add(lang, kind, cleaned.counts[kind])
            tally.examples.extend(f"{unit.id}: {e}" for e in cleaned.examples[: max(0, 20 - len(tally.examples))])
            record = cleaned.record(key, unit.id)
    if answers is not None:
        answers[unit.id] = from_strings(record)
    if builder.task == "eae":
        record = _on_given_triggers(record, builder.given_triggers(unit), doc, unit)
    scope = None if sentence_index is None else doc.meta.sentences[sentence_index]
    chars, resolved = resolve_strings(record, doc.text, doc.meta.sentences, scope, path=f"<llm {unit.id}>")
    tally.add(lang, "unresolved_strings", len(resolved.unresolved),
              f"{unit.id}: unresolved {resolved.unresolved[0]['text']!r}" if resolved.unresolved else None)
    tally.add(lang, "ambiguous_strings", resolved.ambiguous)
    preds, alignment = chars_to_predictions(chars, doc, inventory, f"<llm {unit.id}>", 0, sentence_index)
    return preds, resolved, alignment


def _on_given_triggers(record: dict, given: list[dict], doc: Document, unit: Unit) -> dict:
    """``eae``: each answered event placed on the next unused given trigger with its text
    (and type, when one has it), by that trigger's occurrence hint; an event on no given
    trigger is kept as written (the scorer leaves it out and counts it)."""
    from citydiplo.formats.strings import occurrence_hint

    scope = None if unit.id == unit.doc_id else doc.meta.sentences[int(unit.id.rsplit("-", 1)[1]) - 1]
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


def run_llm(model: str, gold, opts: LLMOptions, client_factory: Callable[[], ChatClient] | None = None
            ) -> tuple[Iterator[Prediction], dict, InputReport]:
    """Run ``llm:MODEL`` over the gold's documents: its predictions, in gold order, the
    ``llm`` block of the results (what was asked, what it cost, what failed) and the
    ``InputReport`` every ``strings`` file gets (resolution and snapping counts; the
    answers' string-track tuples as written)."""
    name = model[len(PREFIX):] if model.startswith(PREFIX) else model
    if not name:
        raise InputError(model, 0, "name the model: llm:MODEL (the id the server knows it by)")
    if not opts.base_url:
        raise InputError(model, 0, "an llm: model needs the server's --base-url (e.g. http://127.0.0.1:8000/v1)")
    host = base_url_host(opts.base_url)
    if opts.concurrency < 1:
        raise InputError("--concurrency", 0, "at least one request at a time")
    builder = prompt_builder(gold.root, gold.documents, opts.prompt_version, opts.task)
    todo = units(gold.documents, opts.granularity)
    for unit in todo[:1]:  # an impossible number of shots fails before any request
        builder.messages(unit, opts.shots, opts.granularity)
    cache = ResponseCache(opts.cache_dir())
    factory = client_factory or (lambda: ChatClient(opts.base_url, name, opts.api_key_env, opts.timeout,
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
    written: dict[str, StringTuples] = {}
    for unit in todo:
        preds, resolved, aligned = unit_predictions(unit, answers[unit.id], docs[unit.doc_id], builder,
                                                    gold.inventory, tally, opts.granularity, written)
        strings.merge(resolved)
        alignment.merge(aligned)
        for p in preds:
            by_sentence[p.id] = p
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
        "requests": {"units": len(todo), "cache_hits": sum(a.cached for a in answers.values()),
                     "sent": sum(not a.cached for a in answers.values()),
                     "failed": sum(a.error is not None for a in answers.values())},
        "usage": {"prompt_tokens": sum(c.prompt_tokens for c in completions),
                  "completion_tokens": sum(c.completion_tokens for c in completions)},
        "wall_time_s": round(wall, 3),
        "failures": tally.to_dict(),
    }
    from citydiplo.evaluation.inputs import InputReport

    report = InputReport("strings", alignment, strings, written)
    return (by_sentence[sid] for sid in gold.records), block, report


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


def evaluate_llm(model: str, gold, opts: LLMOptions | None, samples: int, seed: int, name: str | None = None,
                 task: str = "e2e"):
    """Score ``llm:MODEL`` on ``task``: the results, with the run's ``llm`` block under ``extra``."""
    from citydiplo.evaluation.evaluate import with_provenance
    from citydiplo.scoring.scorer import score as score_stream

    opts = replace(opts or LLMOptions(), task=task)
    predictions, block, report = run_llm(model, gold, opts)
    scorer = score_stream(gold.records, predictions, task=task, string_answers=report.answers)
    scorer.input_report = report.to_dict()
    results = scorer.results(samples, seed)
    label = name or (f"{model} ({block['prompt_version']}, {opts.shots}-shot)")
    results = with_provenance(results, label, gold)
    return replace(results, extra={**results.extra, "llm": block})


def summary(block: dict) -> str:
    """The few lines a terminal shows after an LLM run."""
    req, use, fail = block["requests"], block["usage"], block["failures"]
    lines = [f"llm: {block['model']} at {block['base_url_host']}, prompt {block['prompt_version']}, "
             f"{block['shots']}-shot, {block['granularity']} units: {req['units']} unit(s), {req['sent']} request(s) "
             f"sent, {req['cache_hits']} from the cache, {use['prompt_tokens']}+{use['completion_tokens']} tokens, "
             f"{block['wall_time_s']:.1f} s"]
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in fail["all"].items() if v)
    lines.append(f"failures: {counts or 'none'}")
    for lang, c in fail["per_language"].items():
        row = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in c.items() if v)
        if row:
            lines.append(f"  {lang}: {row}")
    return "\n".join(lines)
