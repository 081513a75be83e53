"""MODEL -> predictions -> scores: what ``bench evaluate`` and ``bench compare`` run.

MODEL is, in this order of lookup:
1. the name of a model registered in the ``citydiplo.models`` entry-point group (the
   baselines register there; anyone's package can): a callable taking the benchmark's
   documents — text and metadata, without gold annotations — and returning prediction
   records; a callable with two required parameters, ``predict(test_docs, train_docs)``,
   is a trained model and runs leave-one-document-out (``training.run_model``); a callable
   with a keyword parameter ``inventory`` also gets the benchmark's label inventory;
2. a predictions file (JSON Lines in the tokens, chars or strings format) or a directory
   of brat ``.ann`` files (see ``citydiplo.formats.readers``);
3. a local Hugging Face token-classification model directory (``config.json`` and
   safetensors weights), run offline for the outer entity level;
4. ``module:function``, a Python callable like the registered ones;
5. ``llm:MODEL``, a model behind an OpenAI-compatible chat-completions server
   (``base_url`` and the other ``LLMOptions``; see ``citydiplo.evaluation.llm``).

A ``records`` file (document-level event records, ``formats.event_records``) is scored
for the ``records`` task; every other system's events are also scored as records
(``evaluation.records``) in the tasks with arguments.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from citydiplo.corpus.benchmark import Benchmark, load_benchmark
from citydiplo.evaluation.provenance import with_provenance
from citydiplo.evaluation.training import run_model
from citydiplo.errors import InputError
from citydiplo.formats.labels import LabelMap, check_scheme, coarse, load_label_map
from citydiplo.formats.model import parse_sentence_id
from citydiplo.formats.predictions import Prediction
from citydiplo.scoring.bootstrap import DEFAULT_SAMPLES, DEFAULT_SEED
from citydiplo.scoring.results import Results
from citydiplo.scoring.scorer import Extension, Scorer
from citydiplo.scoring.scorer import score as score_stream
from citydiplo.scoring.tasks import DEFAULT_TASK, RECORD_TASKS, TASKS

if TYPE_CHECKING:  # pragma: no cover
    from citydiplo.formats.readers import InputReport

ENTRY_POINT_GROUP = "citydiplo.models"


def registered_models() -> dict[str, metadata.EntryPoint]:
    return {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}


class ModelError(InputError):
    """A model that failed: raised, exited, returned no records. The CLI prints one line
    (the traceback of the model's own exception, kept as ``__cause__``, with ``--debug``)."""

    def __init__(self, label: str, problem: str) -> None:
        super().__init__(label, 0, problem)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    text = str(exc).strip().splitlines()
    return f"raised {type(exc).__name__}" + (f": {text[0][:300]}" if text else "")


def _checked(func: Callable[..., Iterable[dict]], label: str) -> Callable[..., Iterable[dict]]:
    """``func`` wrapped so that whatever a call does wrong (raises, calls ``sys.exit``,
    returns something that is not an iterable of records) ends in one ``ModelError``
    naming the model; the signature stays ``func``'s (``training.is_trained`` reads it)."""

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Iterable[dict]:
        try:
            records = func(*args, **kwargs)
        except InputError:
            raise
        except (Exception, SystemExit) as exc:
            raise ModelError(label, f"the model {_failure(exc)}") from exc
        if isinstance(records, (str, bytes, dict)) or not isinstance(records, Iterable):
            raise ModelError(label, f"the model returned {type(records).__name__}, not an iterable of prediction "
                                    "records (dicts)")
        return records

    return call


def _model_stdout_to_stderr() -> contextlib.AbstractContextManager:
    """While a model runs, what it prints goes to stderr: stdout stays the command's own
    (``bench evaluate --format json`` prints clean JSON whatever the model prints)."""
    return contextlib.redirect_stdout(sys.stderr)


def _guarded(func: Callable[..., Iterable[dict]], gold: Benchmark, label: str,
             task: str = DEFAULT_TASK) -> Iterator[tuple[int, Any]]:
    """Run a model (``training.run_model``: one call, or one per fold; the benchmark's
    inventory to a model that takes it; the documents as ``task`` gives them) and number its
    records; a failure while its records are read ends in one ``ModelError`` too."""
    with _model_stdout_to_stderr():
        iterator = iter(run_model(_checked(func, label), gold.documents, gold.inventory, task))
    i = 0
    while True:
        try:
            with _model_stdout_to_stderr():
                record = next(iterator)
        except StopIteration:
            return
        except InputError:
            raise
        except (Exception, SystemExit) as exc:
            raise ModelError(label, f"the model {_failure(exc)} after {i} record(s)") from exc
        i += 1
        yield i, record


def _callable_predictions(func: Callable[..., Iterable[dict]], gold: Benchmark, label: str,
                          input_format: str | None = None,
                          label_map: LabelMap | None = None,
                          task: str = DEFAULT_TASK) -> tuple[Iterator[Prediction], InputReport]:
    """A callable's records, in any JSON prediction format (detected, or ``input_format``);
    a trained model (two parameters) runs leave-one-document-out (``training.run_model``);
    the documents it gets are ``Document.for_task(task)``."""
    from citydiplo.formats.readers import predictions_from_records

    records = _guarded(func, gold, label, task)
    return predictions_from_records(records, gold.documents, gold.shapes, gold.inventory, label, input_format,
                                    label_map)


def _import_module(module_name: str) -> Any:
    """Import a user's module as ``python -m`` would: the current folder comes first on the
    path (and stays there, so that the module's own imports of its neighbours, at any
    time, work as they would under ``python -m``)."""
    cwd = os.getcwd()
    if cwd not in sys.path and "" not in sys.path:
        sys.path.insert(0, cwd)
    return importlib.import_module(module_name)


def _import_callable(spec: str) -> Callable:
    module_name, _, attr = spec.partition(":")
    try:
        with _model_stdout_to_stderr():
            module = _import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            path = Path(*module_name.split(".")).with_suffix(".py")
            raise ModelError(spec, f"cannot import module {module_name!r}: no {path} in the current folder "
                                   f"({os.getcwd()}) nor on the Python path; run bench from the folder that "
                                   f"holds {path}, or add its folder to PYTHONPATH") from exc
        raise ModelError(spec, f"cannot import module {module_name!r}: {exc}") from exc
    except ImportError as exc:
        raise ModelError(spec, f"cannot import module {module_name!r}: {exc}") from exc
    except (Exception, SystemExit) as exc:
        raise ModelError(spec, f"importing module {module_name!r} {_failure(exc)}") from exc
    func = getattr(module, attr, None)
    if not callable(func):
        raise InputError(spec, 0, f"{module_name} has no callable {attr!r}")
    return func


def predictions_for(model: str, gold: Benchmark, input_format: str | None = None,
                    label_map: LabelMap | None = None, llm: Any = None,
                    task: str = DEFAULT_TASK) -> Iterator[Prediction]:
    """Resolve MODEL and stream its checked predictions."""
    return prediction_stream(model, gold, input_format, label_map, llm, task)[0]


def _llm_stream(model: str, gold: Benchmark, llm: Any, task: str = DEFAULT_TASK) -> tuple[Iterator[Prediction], InputReport]:
    """An ``llm:MODEL``'s predictions for every gold sentence (answers from the cache where
    it has them); ``--limit`` and ``--languages`` change what is scored: evaluate only."""
    from dataclasses import replace

    from citydiplo.evaluation.llm.options import LLMOptions
    from citydiplo.evaluation.llm.run import run_llm

    opts = llm if llm is not None else LLMOptions()
    for option, value in (("--limit", opts.limit), ("--languages", opts.languages)):
        if value is not None:
            raise InputError(option, 0, f"applies to `bench evaluate {model}` only (its results are marked)")
    run = run_llm(model, gold, replace(opts, task=task))
    return iter(run.predictions), run.report


def prediction_stream(model: str, gold: Benchmark, input_format: str | None = None,
                      label_map: LabelMap | None = None, llm: Any = None,
                      task: str = DEFAULT_TASK) -> tuple[Iterator[Prediction], InputReport]:
    """Resolve MODEL: its checked predictions and the report of reading them (format,
    snapped and unresolved spans; filled as the stream is consumed). ``llm``: the
    ``LLMOptions`` of an ``llm:MODEL``. A model that runs (registered, ``module:function``,
    ``llm:``) is asked for ``task``; a file is what it is."""
    from citydiplo.formats.readers import is_brat_dir, read_path

    registered = registered_models()
    path = Path(model)
    is_predictions = path.is_file() or is_brat_dir(path) or (path.is_dir() and input_format is not None)
    if gold.full is not None and model not in registered and is_predictions:
        # a predictions file or brat folder covers the whole test set: read it whole, keep the
        # chosen documents (a model, a model directory included, only ever sees those)
        stream, report = prediction_stream(model, gold.full, input_format, label_map)
        return (p for p in stream if p.id in gold.records), report
    if model.startswith("llm:"):
        return _llm_stream(model, gold, llm, task)
    if model in registered:
        label = f"<model {model}>"
        try:
            with _model_stdout_to_stderr():
                func = registered[model].load()
        except (Exception, SystemExit) as exc:
            raise ModelError(label, f"cannot load {registered[model].value}: {_failure(exc)}") from exc
        return _callable_predictions(func, gold, label, input_format, label_map, task)
    if is_predictions:
        return read_path(path, gold.documents, gold.shapes, gold.inventory, input_format, label_map)
    if path.is_dir():
        from citydiplo.evaluation.hf_model import hf_predictions

        return _callable_predictions(lambda docs: hf_predictions(path, gold.records.values(), gold.inventory, label_map),
                                     gold, str(path))
    if ":" in model and os.sep not in model:
        return _callable_predictions(_import_callable(model), gold, model, input_format, label_map, task)
    import difflib

    known = ", ".join(sorted(registered)) or "none installed"
    close = difflib.get_close_matches(model, list(registered), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise InputError(model, 0, f"not a registered model ({known}), a predictions file, a model directory or "
                               f"module:function{hint}")


def evaluate(model: str, root: Path | None = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
             name: str | None = None, input_format: str | None = None, llm: Any = None,
             task: str = DEFAULT_TASK, label_map: str | None = None, scheme: str = "full",
             languages: Iterable[str] | None = None, track: str = "default") -> Results:
    """Score MODEL on the benchmark: the figures, labelled with the model (or ``name``) and the data.
    ``llm``: the ``LLMOptions`` of an ``llm:MODEL``; ``task``: ``ner``, ``ed``, ``eae`` or
    ``e2e`` (``citydiplo.scoring.tasks``). ``label_map`` (a built-in name or a JSON file) maps
    another tagger's labels; ``scheme="coarse"`` scores CITY, GPE and LOC as LOC; ``languages``
    evaluates the test documents of those languages only (recorded in the results; the
    leaderboard refuses such a partial run). ``track``: ``default`` (the originals) or
    ``parallel`` (every version of every article: the model runs on all of them, a
    predictions file covers all of them, and the results add the ``parallel`` block,
    ``citydiplo.scoring.parallel``); the results say which (``track``)."""
    from citydiplo.corpus.pinning import gold_pinned
    from citydiplo.formats.predictions import PredictionsDigest

    if task not in TASKS:
        raise InputError("--task", 0, f"unknown task {task!r} (expected one of {', '.join(TASKS)})")
    check_scheme(scheme)
    from citydiplo.evaluation import records as rec

    records_input = not model.startswith("llm:") and rec.is_records_input(model, input_format)
    if records_input:
        task = rec.check_records_task(task)
    bench = load_benchmark(root).track(track).require_documents()
    labels = load_label_map(label_map, bench.inventory.ner_types) if label_map is not None else None
    if model.startswith("llm:"):
        from citydiplo.evaluation.llm.options import LLMOptions
        from citydiplo.evaluation.llm.run import evaluate_llm

        if labels is not None or scheme != "full":
            raise InputError(model, 0, "--label-map and --scheme apply to taggers' outputs, not to llm: models "
                                       "(their labels are the schema's)")
        opts = llm if llm is not None else LLMOptions()
        if languages is not None:  # the one language filter; the llm block marks it too
            opts = replace(opts, languages=tuple(dict.fromkeys(languages)))
        gold = bench.only(opts.languages)
        if task == "records":
            rec.require_gold_records(gold)
        results = with_setting(evaluate_llm(model, gold, opts, samples, seed, name, task,
                                            track_extensions(gold, task, samples, seed)),
                               None, scheme, gold)
    elif records_input:
        if labels is not None or scheme != "full":
            raise InputError(model, 0, "--label-map and --scheme apply to span predictions, not to a records file")
        gold = bench.only(languages)
        rec.require_gold_records(gold)
        predicted = rec.read_records_input(model, gold)
        scorer = score_stream(gold.records, rec.empty_predictions(gold), task="records")
        from citydiplo.formats.readers import InputReport

        scorer.input_report = InputReport("records").to_dict()  # no spans: nothing aligned or resolved
        results = with_provenance(scorer.results(samples, seed), name or model, gold)
        results = replace(results, extra={**results.extra, "predictions": {"sha256": rec.records_digest(predicted)}})
        results = with_setting(rec.with_records(results, gold, predicted, samples, seed, "records"), labels, scheme,
                               gold)
    else:
        gold = bench.only(languages)
        if task == "records":
            rec.require_gold_records(gold)
        digest = PredictionsDigest()
        tap = rec.SpanTap(gold, task) if task in RECORD_TASKS else None
        scorer = score_model(model, gold, input_format, digest, labels, scheme, task=task, tap=tap,
                             extensions=track_extensions(gold, task, samples, seed))
        results = with_provenance(scorer.results(samples, seed), name or model, gold)
        # which predictions these figures are of (bench view refuses results of other predictions)
        results = replace(results, extra={**results.extra, "predictions": {"sha256": digest.hexdigest()}})
        if tap is not None:  # the same events, scored as document-level records
            results = rec.with_records(results, gold, tap.records(), samples, seed, "spans")
        results = with_setting(results, labels, scheme, gold)
    results = replace(results, extra={**results.extra, "track": bench.track_name})
    if not gold_pinned(bench.root):  # scored on gold that is not the released gold: the leaderboard refuses it
        results = replace(results, extra={**results.extra, "gold_pinned": False})
    return results


def track_extensions(gold: Benchmark, task: str = DEFAULT_TASK, samples: int = DEFAULT_SAMPLES,
                     seed: int = DEFAULT_SEED) -> tuple:
    """The scorer extensions of ``gold``'s track: on the parallel track, the article x
    language matrix, the consistency block and the decomposition, whose bootstrap takes
    ``samples`` and ``seed`` (``scoring.parallel.ParallelTrack``)."""
    if gold.track_name != "parallel":
        return ()
    from citydiplo.scoring.parallel import ParallelTrack

    return (ParallelTrack.of(gold.documents, gold.records, task, samples, seed),)


def with_setting(results: Results, labels: LabelMap | None, scheme: str, gold: Benchmark) -> Results:
    """Record, in the results, a setting other than the benchmark's own: the label map,
    the scheme (``labels`` block) and the languages evaluated (``languages``)."""
    extra = dict(results.extra)
    if labels is not None or scheme != "full":
        extra["labels"] = {"label_map": labels.name if labels is not None else None, "scheme": scheme}
    if gold.full is not None:
        extra["languages"] = {"evaluated": gold.languages, "of": gold.full.languages}
    return replace(results, extra=extra)


def score_model(model: str, gold: Benchmark, input_format: str | None = None, digest=None,
                label_map: LabelMap | None = None, scheme: str = "full", llm: Any = None,
                task: str = DEFAULT_TASK, tap: Any = None, extensions: Sequence[Extension] = ()) -> Scorer:
    """Score MODEL's predictions for ``task``; ``digest`` (a ``PredictionsDigest``), if given,
    sees each one (as read, before the scheme), and so does ``tap`` (an
    ``evaluation.records.SpanTap``, which makes them records); ``scheme="coarse"`` scores
    gold and predictions coarsely; ``extensions``: scorer extensions (``track_extensions``)."""
    from citydiplo.evaluation.progress import with_progress

    stream, report = prediction_stream(model, gold, input_format, label_map, llm, task)
    stream = with_progress(stream, len(gold.records), model, lambda p: parse_sentence_id(p.id)[0])
    if digest is not None:
        stream = digest.wrap(stream)
    if tap is not None:
        stream = tap.wrap(stream)
    records = gold.records
    if scheme == "coarse":
        records = {sid: coarse(r) for sid, r in records.items()}
        stream = (coarse(p) for p in stream)
    scorer = score_stream(records, stream, extensions=extensions, task=task, string_answers=report.answers)
    scorer.input_report = report.to_dict()
    return scorer


def compare(model_a: str, model_b: str, root: Path | None = None, samples: int = DEFAULT_SAMPLES,
            seed: int = DEFAULT_SEED, input_format: str | None = None, label_map: str | None = None,
            scheme: str = "full", languages: Iterable[str] | None = None, llm: Any = None,
            task: str = DEFAULT_TASK, track: str = "default") -> dict:
    """Paired bootstrap test between two systems for every headline metric of ``task``
    (``llm``: the ``LLMOptions`` of either that is an ``llm:MODEL``; ``languages``: the test
    documents of those languages only, for both)."""
    import numpy as np

    from citydiplo.scoring.bootstrap import paired_test

    check_scheme(scheme)
    gold = load_benchmark(root).track(track).require_documents().only(languages)
    labels = load_label_map(label_map, gold.inventory.ner_types) if label_map is not None else None
    a = score_model(model_a, gold, input_format, label_map=labels, scheme=scheme, llm=llm, task=task)
    b = score_model(model_b, gold, input_format, label_map=labels, scheme=scheme, llm=llm, task=task)
    order_a = {sid: i for i, sid in enumerate(a.ids)}
    order_b = {sid: i for i, sid in enumerate(b.ids)}
    out: dict[str, Any] = {"model_a": model_a, "model_b": model_b, "tests": {}}
    ra, rb = a.results(samples, seed), b.results(samples, seed)
    idx_a = np.array([order_a[sid] for sid in gold.records])
    idx_b = np.array([order_b[sid] for sid in gold.records])
    for key in a.rows:
        rows_a, rows_b = a.table(key)[idx_a], b.table(key)[idx_b]
        test = paired_test(rows_a, rows_b, samples, seed)
        out["tests"][key] = {"f1_a": ra.figure(key), "f1_b": rb.figure(key), **test}
    return out


def write_predictions(model: str, root: Path | None, out: Path, write: Callable[[Path, str], None],
                      input_format: str | None = None, label_map: str | None = None, llm: Any = None,
                      task: str = DEFAULT_TASK, track: str = "default") -> int:
    """Run MODEL (asked for ``task``, on the documents of ``track``), check its predictions and
    write them as JSON Lines; the number written (``label_map``: another tagger's labels
    written as the schema's; ``llm``: the ``LLMOptions`` of an ``llm:MODEL``)."""
    import json

    from citydiplo.formats.predictions import prediction_to_json

    gold = load_benchmark(root).track(track).require_documents()
    labels = load_label_map(label_map, gold.inventory.ner_types) if label_map is not None else None
    lines = [json.dumps(prediction_to_json(p), ensure_ascii=False)
             for p in predictions_for(model, gold, input_format, labels, llm, task)]
    write(out, "\n".join(lines) + "\n")
    return len(lines)
