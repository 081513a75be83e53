"""CityDiplo: a multilingual benchmark for city-diplomacy event extraction.

The public API (everything else is internal and may change)::

    import citydiplo

    ner = citydiplo.load("ner")                      # the DatasetDict, as load_dataset gives it
    results = citydiplo.evaluate("gazetteer")        # any MODEL that `bench evaluate` takes
    results = citydiplo.score(records)               # your prediction records (dicts)
    print(results.headline["entity_f1"], results.render("markdown"))

Bad input raises ``citydiplo.InputError`` (its message names file, line and problem).
Heavy modules load on first use, so ``import citydiplo`` is quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from citydiplo.errors import InputError
from citydiplo.version import DATASET_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover
    from citydiplo.scoring.results import Headline, Results

__all__ = ["DATASET_VERSION", "Headline", "InputError", "Results", "__version__", "evaluate", "load", "score"]


def load(config: str, *, root: str | None = None, cache_dir: str | None = None):
    """One config of the dataset (``ner``, ``events`` or ``documents``) as a ``DatasetDict``
    with a ``test`` split, exactly as ``datasets.load_dataset`` opens the built dataset."""
    from citydiplo.release.loader import load as _load

    return _load(config, root, cache_dir=cache_dir)


def score(predictions, gold=None, *, root=None, samples: int = 1000, seed: int = 12345,
          input_format: str | None = None) -> "Results":
    """Score an iterable of prediction records (dicts as in a predictions file: tokens,
    chars or strings, detected or ``input_format``) against the benchmark, or against
    ``gold`` records of the tokens format."""
    from citydiplo.evaluation.api import score as _score

    return _score(predictions, gold, root=root, samples=samples, seed=seed, input_format=input_format)


def evaluate(model: str, *, root=None, samples: int = 1000, seed: int = 12345,
             input_format: str | None = None) -> "Results":
    """Run and score MODEL: a registered model name, a predictions file (tokens, chars,
    strings) or brat directory, a local Hugging Face model directory or ``module:function``;
    the same as ``bench evaluate MODEL``."""
    from citydiplo.evaluation.evaluate import evaluate as _evaluate

    if samples < 100:
        raise InputError("samples", 0, f"{samples} bootstrap resamples are too few for an interval (at least 100)")
    return _evaluate(model, root, samples, seed, input_format=input_format)


def __getattr__(name: str) -> Any:
    if name in ("Results", "Headline"):
        from citydiplo.scoring import results

        return getattr(results, name)
    raise AttributeError(f"module 'citydiplo' has no attribute {name!r}")
