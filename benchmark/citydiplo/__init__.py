"""CityDiplo: a multilingual benchmark for city-diplomacy event extraction.

The public API (everything else is internal and may change)::

    import citydiplo

    ner = citydiplo.load("ner")                      # the DatasetDict, as load_dataset gives it
    records = citydiplo.load("records")              # document-level event records (who met whom, when)
    results = citydiplo.evaluate("gazetteer")        # any MODEL that `bench evaluate` takes
    results = citydiplo.score(records)               # your prediction records (dicts)
    arguments = citydiplo.tables("arguments")        # a flat pandas table, one row per argument
    print(results.headline["entity_f1"], results.render("markdown"))
    results.figure("entity_f1", "lv")                 # one way to read a figure; a typo raises KeyError

Bad input raises ``citydiplo.InputError`` (its message names file, line and problem).
Heavy modules load on first use, so ``import citydiplo`` is quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from citydiplo.errors import InputError
from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED, MIN_SAMPLES
from citydiplo.version import DATASET_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from datasets import DatasetDict

    from citydiplo.scoring.results import Headline, Results

__all__ = ["DATASET_VERSION", "Headline", "InputError", "Results", "__version__", "dataset_dir", "evaluate", "load",
           "score", "tables"]


def dataset_dir(*, root: str | Path | None = None) -> Path:
    """The folder of the built Hugging Face dataset (``load_dataset(str(citydiplo.dataset_dir()), "ner")``
    works from any folder): the checkout's ``dataset/``, or the copy installed with the package."""
    from citydiplo.release.loader import dataset_dir as _dataset_dir

    return _dataset_dir(Path(root) if root else None)


def load(config: str, *, root: str | Path | None = None, cache_dir: str | Path | None = None) -> "DatasetDict":
    """One config of the dataset as a ``DatasetDict`` with a ``test`` split, exactly as
    ``datasets.load_dataset`` opens the built dataset: ``ner``, ``events``, ``documents`` or a
    flat table (``entities``, ``event_mentions``, ``arguments``, ``relations``) of the five
    originals; ``records``: one row per document-level event record, its arguments as entity
    clusters with their mention strings; or ``parallel``: one row per sentence of every
    version of every article (the originals and their translations, annotation ids shared
    across versions)."""
    from citydiplo.release.loader import load as _load

    return _load(config, _path(root), cache_dir=_path(cache_dir))


def tables(name: str, *, root: str | Path | None = None, cache_dir: str | Path | None = None) -> "pandas.DataFrame":
    """A flat table of the dataset as a pandas ``DataFrame`` with label names: ``entities``,
    ``event_mentions``, ``arguments`` (each row with its ``doc_id`` and ``event_id``) or
    ``relations``; every row has its ``doc_id`` and ``sentence_id``."""
    from citydiplo.release.loader import table

    return table(name, _path(root), cache_dir=_path(cache_dir))


def score(predictions: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]] | None = None, *,
          root: str | Path | None = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
          input_format: str | None = None, blocks: Iterable[str] | None = None, label_map: str | None = None,
          scheme: str = "full", track: str = "default") -> "Results":
    """Score an iterable of prediction records (dicts as in a predictions file: tokens,
    chars or strings, detected or ``input_format``) against the benchmark, or against
    ``gold`` records of the tokens format (``norm`` gives their links; ``input_format`` is
    then refused: ``InputError``). ``blocks``: the secondary blocks to compute, of
    ``partial``, ``linking``, ``trigger_overlap``, ``string_track`` (None, the default:
    all; ``()``: the headline blocks only); ``label_map`` (``spacy``, ``conll``,
    ``wikiner`` or a JSON file), ``scheme`` (``full``, ``coarse``) and ``track``
    (``default``, ``parallel``: the predictions cover every version) as in ``bench
    evaluate``."""
    from citydiplo.evaluation.api import score as _score

    _check_samples(samples)
    return _score(predictions, gold, root=_path(root), samples=samples, seed=seed,
                  input_format=input_format, blocks=blocks, label_map=label_map, scheme=scheme, track=track)


def evaluate(model: str, *, root: str | Path | None = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
             name: str | None = None, input_format: str | None = None, task: str = "e2e",
             label_map: str | None = None, scheme: str = "full", languages: Iterable[str] | str | None = None,
             track: str = "default", base_url: str | None = None,
             **llm_options: Any) -> "Results":
    """Run and score MODEL: a registered model name, a predictions file (tokens, chars,
    strings) or brat directory, a local Hugging Face model directory, ``module:function``,
    or ``llm:MODEL`` served at ``base_url`` by any OpenAI-compatible server; the same as
    ``bench evaluate MODEL``. ``task``: ``ner``, ``ed``, ``eae`` (arguments and realis
    given the gold triggers) or ``e2e`` (the default); a model that runs gets
    ``Document.for_task(task)`` (see ``bench evaluate --task``).

    For ``llm:MODEL`` the keyword options are those of ``bench evaluate``: ``shots``,
    ``granularity``, ``temperature``, ``sampling_seed``, ``max_tokens``, ``concurrency``,
    ``timeout``, ``max_retries``, ``api_key_env``, ``cache`` (a directory, ``True`` for the
    default one, ``False`` for none), ``prompt_version``, ``progress``, ``limit`` (the first
    N units) and ``log`` (a JSON Lines file); the run's requests, tokens, failure counts and
    marks (``complete``, ``failed_share``, ``limit``, ``languages``) are in
    ``results.extra["llm"]``. A run in which no request got an answer raises
    ``citydiplo.evaluation.llm.run.NoAnswers`` (an ``InputError``). ``label_map``
    (``spacy``, ``conll``, ``wikiner`` or a JSON file), ``scheme`` (``full`` or ``coarse``) and
    ``languages`` (e.g. ``("lv", "uk")``, any MODEL, an ``llm:MODEL`` included) are
    ``bench evaluate``'s ``--label-map``, ``--scheme`` and ``--languages``. ``track``:
    ``default`` (the five originals) or ``parallel`` (every version of every article, with
    the article x language matrix and the cross-lingual consistency in
    ``results.parallel_block()``), ``bench evaluate --track``."""
    from citydiplo.evaluation.evaluate import evaluate as _evaluate

    _check_samples(samples)
    llm = None
    if model.startswith("llm:"):
        from citydiplo.evaluation.llm.options import LLMOptions

        llm = LLMOptions(base_url=base_url, **llm_options)
    elif base_url is not None or llm_options:
        given = ["base_url"] * (base_url is not None) + sorted(llm_options)
        raise TypeError(f"{', '.join(given)}: LLM options apply to llm:MODEL only, not {model!r}")
    if isinstance(languages, str):
        languages = languages.split(",")
    return _evaluate(model, _path(root), samples, seed, name=name, input_format=input_format, llm=llm, task=task,
                     label_map=label_map, scheme=scheme, languages=languages, track=track)


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


def _check_samples(samples: int) -> None:
    if samples < MIN_SAMPLES:
        raise InputError("samples", 0, f"{samples} bootstrap resamples are too few for an interval "
                                       f"(at least {MIN_SAMPLES})")


def __getattr__(name: str) -> Any:
    if name in ("Results", "Headline"):
        from citydiplo.scoring import results

        return getattr(results, name)
    raise AttributeError(f"module 'citydiplo' has no attribute {name!r}")
