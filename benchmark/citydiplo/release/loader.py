"""Open the built dataset with ``datasets`` exactly as one opens a dataset on the Hub.

No loading script: ``load_dataset(<built dir>, config)`` reads the data files and the
features (label names included) that the card's YAML declares. ``load`` is the same call
with the project's defaults and clear errors.
"""

from __future__ import annotations

from pathlib import Path

from citydiplo.corpus.project import project_root
from citydiplo.errors import InputError
from citydiplo.release.features import CONFIGS, OPTIONAL_CONFIGS, TABLE_CONFIGS


def dataset_dir(root: Path | None = None) -> Path:
    """The built dataset directory of a project: ``<root>/dataset``."""
    return (Path(root) if root else project_root()) / "dataset"


def load(config: str, root: Path | None = None, *, directory: Path | None = None, cache_dir: Path | None = None):
    """Load one config (``ner``, ``events``, ``documents``, ``records``, a flat table, or
    ``parallel``: every version of every article) as a ``DatasetDict`` with a ``test`` split,
    from ``directory`` (default: the ``dataset/`` of the project at ``root``)."""
    if config not in CONFIGS:
        raise InputError(config, 0, f"unknown config (expected one of {', '.join(CONFIGS)})")
    path = Path(directory) if directory else dataset_dir(root)
    if not (path / "README.md").is_file():
        raise InputError(str(path), 0, "no built dataset here; run `bench build`")
    if config in OPTIONAL_CONFIGS and not (path / config).is_dir():
        raise InputError(str(path), 0, f"this build has no {config!r} config: no document has that layer yet "
                                       "(annotations/records/<doc_id>.json)")
    import datasets

    loaded = datasets.load_dataset(str(path), config, cache_dir=str(cache_dir) if cache_dir else None)
    return _iso_dates(loaded, DATE_COLUMNS.get(config, ()))


DATE_COLUMNS = {"documents": ("date",), "records": ("date",)}
"""String columns that hold ISO 8601 dates: pyarrow's JSON reader (which ``datasets`` uses)
reads a column of full dates (``2020-08-12``) as timestamps, which the string feature then
shows as ``2020-08-12 00:00:00``; ``load`` gives back the date the file holds."""


def _iso_dates(loaded, columns: tuple[str, ...]):
    def fix(value):
        return value[:-9] if isinstance(value, str) and value.endswith(" 00:00:00") else value

    for name in columns:
        for split, part in loaded.items():
            if name in part.column_names and any(isinstance(v, str) and v.endswith(" 00:00:00") for v in part[name]):
                loaded[split] = part.map(lambda row: {name: fix(row[name])}, desc=f"ISO dates in {name}")
    return loaded


def table(name: str, root: Path | None = None, *, directory: Path | None = None, cache_dir: Path | None = None):
    """One flat table (``entities``, ``event_mentions``, ``arguments`` or ``relations``) as a
    pandas ``DataFrame``, one row per mention, event, argument or relation, with label
    names in place of the class ids that ``to_pandas()`` gives."""
    if name not in TABLE_CONFIGS:
        raise InputError(name, 0, f"unknown table (expected one of {', '.join(TABLE_CONFIGS)})")
    import datasets

    test = load(name, root, directory=directory, cache_dir=cache_dir)["test"]
    frame = test.to_pandas()
    for column, feature in test.features.items():
        if isinstance(feature, datasets.ClassLabel):
            frame[column] = [feature.int2str(int(v)) if v is not None and v == v else None for v in frame[column]]
    return frame
