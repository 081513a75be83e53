"""CityDiplo: a multilingual benchmark for city-diplomacy event extraction.

The public API (everything else is internal and may change)::

    import citydiplo

    ner = citydiplo.load("ner")                      # the DatasetDict, as load_dataset gives it
    results = citydiplo.evaluate("gazetteer")        # any MODEL that `bench evaluate` takes
    results = citydiplo.score(records)               # your prediction records (dicts)
    arguments = citydiplo.tables("arguments")        # a flat pandas table, one row per argument
    print(results.headline["entity_f1"], results.render("markdown"))

Bad input raises ``citydiplo.InputError`` (its message names file, line and problem).
Heavy modules load on first use, so ``import citydiplo`` is quick.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citydiplo.errors import InputError
from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED, MIN_SAMPLES
from citydiplo.version import DATASET_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover
    from citydiplo.scoring.results import Headline, Results

__all__ = ["DATASET_VERSION", "Headline", "InputError", "Results", "__version__", "evaluate", "load", "score", "tables"]


def _path(value: str | os.PathLike[str] | None) -> Path | None:
    return None if value is None else Path(value)


def load(config: str, *, root: str | os.PathLike[str] | None = None,
         cache_dir: str | os.PathLike[str] | None = None):
    """One config of the dataset (``ner``, ``events`` or ``documents``) as a ``DatasetDict``
    with a ``test`` split, exactly as ``datasets.load_dataset`` opens the built dataset."""
    from citydiplo.release.loader import load as _load

    return _load(config, _path(root), cache_dir=_path(cache_dir))


def tables(name: str, *, root: str | os.PathLike[str] | None = None,
           cache_dir: str | os.PathLike[str] | None = None):
    """A flat table of the dataset as a pandas ``DataFrame`` with label names: ``entities``,
    ``event_mentions``, ``arguments`` (each row with its ``doc_id`` and ``event_id``) or
    ``relations``; every row has its ``doc_id`` and ``sentence_id``."""
    from citydiplo.release.loader import table

    return table(name, _path(root), cache_dir=_path(cache_dir))


def score(predictions, gold=None, *, root=None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
          input_format: str | None = None, blocks=None) -> "Results":
    """Score an iterable of prediction records (dicts as in a predictions file: tokens,
    chars or strings, detected or ``input_format``) against the benchmark, or against
    ``gold`` records of the tokens format (``norm`` gives their links). ``blocks``: the
    secondary blocks to compute, of ``partial``, ``linking``, ``trigger_overlap`` (None,
    the default: all; ``()``: the headline blocks only)."""
    from citydiplo.evaluation.api import score as _score

    _check_samples(samples)
    return _score(predictions, gold, root=root, samples=samples, seed=seed, input_format=input_format, blocks=blocks)


def evaluate(model: str, *, root=None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, name: str | None = None,
             input_format: str | None = None, base_url: str | None = None, **llm_options: Any) -> "Results":
    """Run and score MODEL: a registered model name, a predictions file (tokens, chars,
    strings) or brat directory, a local Hugging Face model directory, ``module:function``,
    or ``llm:MODEL`` served at ``base_url`` by any OpenAI-compatible server; the same as
    ``bench evaluate MODEL``.

    For ``llm:MODEL`` the keyword options are those of ``bench evaluate``: ``shots``,
    ``granularity``, ``temperature``, ``sampling_seed``, ``max_tokens``, ``concurrency``,
    ``timeout``, ``max_retries``, ``api_key_env``, ``cache`` (a directory, ``True`` for the
    default one, ``False`` for none), ``prompt_version`` and ``progress``; the run's
    requests, tokens and failure counts are in ``results.extra["llm"]``."""
    from citydiplo.evaluation.evaluate import evaluate as _evaluate

    _check_samples(samples)
    llm = None
    if model.startswith("llm:"):
        from citydiplo.evaluation.llm.run import LLMOptions

        llm = LLMOptions(base_url=base_url, **llm_options)
    elif base_url is not None or llm_options:
        raise TypeError(f"base_url and the LLM options apply to llm:MODEL only, not {model!r}")
    return _evaluate(model, root, samples, seed, name=name, input_format=input_format, llm=llm)


def _check_samples(samples: int) -> None:
    if samples < MIN_SAMPLES:
        raise InputError("samples", 0, f"{samples} bootstrap resamples are too few for an interval "
                                       f"(at least {MIN_SAMPLES})")


def __getattr__(name: str) -> Any:
    if name in ("Results", "Headline"):
        from citydiplo.scoring import results

        return getattr(results, name)
    raise AttributeError(f"module 'citydiplo' has no attribute {name!r}")
