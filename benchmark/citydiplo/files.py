"""Writing files so that nothing is ever half-written, mixed, or written outside its folder.

* ``write_atomic``: one file, through a unique temporary file beside it (``mkstemp``:
  ``O_EXCL``, never following a link) and one rename, so that concurrent writers of one
  path end with one complete file and a planted link cannot redirect the write.
* ``check_output``: refuse an output path before a run (missing folder, not writable, a
  directory, or one of the run's own inputs), so that a long run never ends in a failed
  write and a predictions file is never overwritten by its own results.
* ``replace_tree``: a whole output folder (``bench build``, ``bench export``, ``bench
  view``, ``bench gold-predictions --format brat``): written complete beside the target,
  swapped in with one atomic exchange of names, under a lock (``filelock``) so that two
  runs on the same target cannot interleave. A crash at any moment leaves the old folder
  or the new one, complete. Every such folder carries a marker (``MARKER``) naming the
  command that wrote it and every file it wrote; an existing folder is replaced only when
  it is empty or holds exactly what the same command wrote there (``owned_by``).
* ``read_text``: a UTF-8 text file of bounded size, or one clear error (directory, link
  loop, device, bad bytes, too large).
* ``safe_relpath``: a relative name that stays inside its folder (no ``..``, no absolute path).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO, Callable, Iterable, Mapping

from citydiplo.errors import InputError

LOCK_TIMEOUT = 60.0  # seconds a second run on the same folder waits before giving up
_RENAME_EXCHANGE = 2  # linux/fs.h
MAX_TEXT_BYTES = 64 * 1024 * 1024  # the largest text file read whole (a document, an .ann, a results file)
MARKER = ".citydiplo-output.json"  # in every folder replace_tree writes: who wrote it, and which files


@functools.lru_cache(maxsize=1)
def _umask_mode() -> int:
    """The mode a new file gets under the process's umask (read once: setting the umask to
    read it is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def os_problem(exc: OSError) -> str:
    """A short reason for an ``OSError`` (full disk, permissions, link loop, ...)."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device"
    if exc.errno == errno.EFBIG:
        return "file too large for the file system"
    return exc.strerror or str(exc)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write via a unique temporary file beside ``path`` (``mkstemp``: created with
    ``O_EXCL``, never through a link) and rename it into place. Whatever happens, the
    temporary file is gone afterwards and ``path`` is the old or the new file, complete;
    concurrent writers each rename a complete file, so the last one wins whole. A failed
    write (full disk, permissions) is an ``InputError`` naming ``path``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.is_file() else _umask_mode()
    except OSError:
        mode = _umask_mode()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:100]}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InputError(str(path), 0, f"cannot write the file: {os_problem(exc)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def read_bytes(path: Path | str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit`` of them, or ``InputError`` naming the file:
    a directory, a device (``/dev/zero``), a link loop or a file over the limit is refused
    without reading it all."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "Is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(str(path), 0, "is not a regular file (a device, a pipe or a socket)")
            data = _read_at_most(fh, limit + 1, info.st_size)
    except IsADirectoryError:
        raise InputError(str(path), 0, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(str(path), 0, f"cannot read the file: {os_problem(exc)}") from None
    if len(data) > limit:
        raise InputError(str(path), 0, f"is larger than {limit // (1024 * 1024)} MiB; not a file this command reads")
    return data


def _read_at_most(fh: IO[bytes], limit: int, size: int) -> bytes:
    """Up to ``limit`` bytes of ``fh``, read in pieces the size the file says it has (one
    read for a regular file; ``fh.read(limit)`` would reserve ``limit`` bytes up front,
    64 MiB for every small file)."""
    parts: list[bytes] = []
    left = limit
    piece = max(1 << 16, size + 1)
    while left > 0:
        chunk = fh.read(min(left, piece))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_text(path: Path | str, limit: int = MAX_TEXT_BYTES) -> str:
    """A UTF-8 text file's content, or ``InputError`` naming the file (and the line of a
    byte that is not UTF-8): a directory, a link loop, a device, a file over ``limit``
    bytes or an unreadable file where a text file should be is a user's mistake, not a
    crash."""
    path = Path(path)
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(str(path), line, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _probe_writable(folder: Path) -> str | None:
    """Why a new file cannot be created in ``folder`` (None when it can): tried for real,
    since permission bits say nothing for root or on read-only mounts."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".citydiplo-probe-", suffix=".tmp")
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(fd)
    os.unlink(name)
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path | str, inputs: Iterable[Path | str | None] = (), *, directory: bool = False,
                 option: str = "--out") -> Path:
    """Refuse, before any work, an output path that cannot be written or that is one of
    the run's ``inputs``; return it as a ``Path``. ``directory``: the output is a folder
    (it may exist; its parent must)."""
    path = Path(path)
    where = str(path)
    if not directory and path.is_dir():
        raise InputError(where, 0, f"{option} names a directory; give a file path")
    if directory and path.exists() and not path.is_dir():
        raise InputError(where, 0, f"{option} names a file; give a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(where, 0, f"cannot write {option}: the folder {str(parent)!r} does not exist")
    why = _probe_writable(parent)
    if why:
        raise InputError(where, 0, f"cannot write {option} in {str(parent)!r}: {why}")
    if path.exists() and not directory and not os.access(path, os.W_OK) and os.geteuid() != 0:
        raise InputError(where, 0, f"cannot write {option}: the file is read-only")
    for item in inputs:
        if item is None:
            continue
        src = Path(item)
        if _same_file(path, src) or path.resolve() == src.resolve():
            raise InputError(where, 0, f"{option} is the input {str(src)!r} itself; it would be overwritten "
                                       "by its own results; write somewhere else")
        if directory and src.exists() and src.resolve().is_relative_to(path.resolve()):
            raise InputError(where, 0, f"{option} holds the input {str(src)!r}; replacing the folder would "
                                       "delete it; write somewhere else")
        if src.is_dir() and path.resolve().is_relative_to(src.resolve()):
            raise InputError(where, 0, f"{option} lies inside the input folder {str(src)!r}; writing there would "
                                       "replace or add to an input of this run; write somewhere else")
    return path


def safe_relpath(name: str, folder: Path | str = "<output>") -> str:
    """``name`` if it is a relative path that stays inside its folder, else ``InputError``."""
    pure = PurePosixPath(name)
    if (not name or "\\" in name or "\0" in name or pure.is_absolute() or os.path.isabs(name)
            or any(part in ("..", "") for part in name.split("/")) or pure.parts[:1] == (".",)):
        raise InputError(str(folder), 0, f"refusing to write {name!r}: the path would leave the output folder")
    return name


def _libc_exchange() -> Callable[[Path, Path], bool]:
    """``renameat2(RENAME_EXCHANGE)`` where the system has it: swaps two names in one step."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return lambda a, b: False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd = -100

    def exchange(a: Path, b: Path) -> bool:
        done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0
        if not done and ctypes.get_errno() not in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))
        return done

    return exchange


_exchange = _libc_exchange()


def _side(directory: Path, what: str) -> Path:
    return directory.with_name(f".{directory.name}.{what}")


def lock_path(directory: Path) -> Path:
    return _side(Path(directory), "lock")


def recover_tree(directory: Path | str) -> None:
    """Finish a swap a crash interrupted (only the two-rename fallback can leave one) and
    remove the leftovers of a crashed write; ``replace_tree`` does this under its lock."""
    _recover(Path(directory))


def _no_link(path: Path, directory: Path) -> None:
    if path.is_symlink():
        raise InputError(str(path), 0, f"is a symbolic link where bench keeps its own working file for "
                                       f"{str(directory)!r}; bench made no such link: remove it and run again")


def _recover(directory: Path) -> None:
    old = _side(directory, "old")
    for leftover in (old, _side(directory, "building")):
        _no_link(leftover, directory)
    if not directory.exists() and old.is_dir():
        os.replace(old, directory)
    for leftover in (old, _side(directory, "building")):
        if leftover.exists():
            shutil.rmtree(leftover)


def marker_content(what: str, files: Iterable[str]) -> str:
    """The marker ``replace_tree`` writes into a folder: the command and its files."""
    return json.dumps({"written_by": f"bench {what}", "files": sorted(files)}, indent=1) + "\n"


def foreign_entries(directory: Path, what: str) -> tuple[str, list[str]]:
    """Why ``directory`` is not a folder the command ``what`` wrote: (reason, the entries
    it did not write); ``("", [])`` when it is one (or is empty). Pure reading, no change."""
    directory = Path(directory)
    entries = sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))
    if not entries:
        return "", []
    marker = directory / MARKER
    if not marker.is_file() or marker.is_symlink():
        return f"holds no {MARKER} marker, so bench {what} did not write it", entries[:5]
    try:
        data = json.loads(read_text(marker, 1024 * 1024))
        written_by, listed = data["written_by"], data["files"]
        if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
            raise TypeError
    except (InputError, ValueError, KeyError, TypeError):
        return f"has a damaged {MARKER} marker", [MARKER]
    if written_by != f"bench {what}":
        return f"was written by {written_by}, not by bench {what}", []
    allowed = {MARKER, *listed}
    allowed |= {PurePosixPath(f).parents[k].as_posix() for f in listed for k in range(len(PurePosixPath(f).parents) - 1)}
    foreign = [e for e in entries if e not in allowed or ((directory / e).is_symlink())]
    return ("holds files bench " + what + " did not write", foreign[:5]) if foreign else ("", [])


def owned_by(what: str) -> Callable[[Path], bool]:
    """``may_replace`` for ``replace_tree``: only an empty folder or one ``what`` wrote."""
    return lambda directory: not foreign_entries(directory, what)[0]


def _write_files(folder: Path, files: Mapping[str, bytes | str]) -> None:
    for rel, data in files.items():
        path = folder / safe_relpath(rel, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())


def replace_tree(directory: Path | str, files: Mapping[str, bytes | str],
                 may_replace: Callable[[Path], bool] = lambda d: True, *, what: str = "output",
                 timeout: float = LOCK_TIMEOUT, legacy: Callable[[Path], bool] = lambda d: False,
                 command: str | None = None) -> None:
    """Make ``directory`` hold exactly ``files`` (relative path -> content), atomically.

    The new tree is written complete in ``.<name>.building`` beside the target and swapped
    in with one ``renameat2(RENAME_EXCHANGE)`` (two renames where the system lacks it; a
    crash between them is repaired by the next run). ``may_replace(directory)`` says
    whether an existing folder may be replaced (else ``InputError``). A second run on the
    same target waits for the first (``.<name>.lock``, up to ``timeout`` seconds) and
    then is refused with ``InputError``. The tree gets the marker ``MARKER``; an existing
    folder is replaced only when it is empty or holds exactly what ``bench what`` wrote
    there (its marker and the files the marker lists), else ``InputError``; ``legacy``
    may accept a folder without a marker that a version before markers wrote. ``command``:
    the ``bench`` command the marker names (default: ``what``)."""
    from filelock import FileLock, Timeout

    directory = Path(directory)
    for rel in files:
        safe_relpath(rel, directory)
    if MARKER in files:
        raise InputError(str(directory), 0, f"refusing to write {MARKER!r}: the name is bench's marker")
    if not directory.parent.is_dir():
        raise InputError(str(directory), 0, f"the folder {str(directory.parent)!r} does not exist")
    command = command or what

    def refuse_foreign() -> None:
        if not directory.exists() and not directory.is_symlink():
            return
        if not directory.is_dir() or directory.is_symlink():
            raise InputError(str(directory), 0, f"exists and is not a CityDiplo {what} (not a folder bench "
                                                f"{command} wrote); refusing to replace it")
        why, foreign = foreign_entries(directory, command)
        if (why and not (why.startswith("holds no") and legacy(directory))) or not may_replace(directory):
            shown = f" ({', '.join(foreign)}{', ...' if len(foreign) == 5 else ''})" if foreign else ""
            raise InputError(str(directory), 0, f"not a CityDiplo {what}: {why or 'refused'}{shown}; refusing "
                                                "to replace or add to it: give a new or empty folder")

    refuse_foreign()  # before the lock too: a refused run leaves nothing behind, not even a lock file
    _no_link(lock_path(directory), directory)
    lock = FileLock(str(lock_path(directory)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(str(directory), 0, f"another run is writing this {what} (lock {lock_path(directory)} "
                                            f"held for over {timeout:g} s); try again when it has finished") from None
    try:
        _recover(directory)
        refuse_foreign()
        files = {**files, MARKER: marker_content(command, files)}
        tmp, old = _side(directory, "building"), _side(directory, "old")
        try:
            try:
                tmp.mkdir()
                _write_files(tmp, files)
            except OSError as exc:  # a full disk, permissions: the old folder stays as it was
                raise InputError(str(directory), 0, f"cannot write the {what}: {os_problem(exc)}") from None
            if not directory.exists():
                os.replace(tmp, directory)
            elif _exchange(tmp, directory):
                shutil.rmtree(tmp)  # now the old tree
            else:
                os.replace(directory, old)
                os.replace(tmp, directory)
                shutil.rmtree(old)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
    finally:
        lock.release()
