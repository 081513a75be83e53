"""Writing files so that nothing is ever half-written, mixed, or written outside its folder.

* ``write_atomic``: one file, through a temporary file beside it and one rename.
* ``check_output``: refuse an output path before a run (missing folder, not writable, a
  directory, or one of the run's own inputs), so that a long run never ends in a failed
  write and a predictions file is never overwritten by its own results.
* ``replace_tree``: a whole output folder (``bench build``, ``bench export``, ``bench
  view``): written complete beside the target, swapped in with one atomic exchange of
  names, under a lock (``filelock``) so that two runs on the same target cannot interleave.
  A crash at any moment leaves the old folder or the new one, complete.
* ``read_text``: a UTF-8 text file, or one clear error (directory, link loop, bad bytes).
* ``safe_relpath``: a relative name that stays inside its folder (no ``..``, no absolute path).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Mapping

from citydiplo.errors import InputError

LOCK_TIMEOUT = 60.0  # seconds a second run on the same folder waits before giving up
_RENAME_EXCHANGE = 2  # linux/fs.h


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file beside ``path`` and rename it into place; whatever
    happens, the temporary file is gone afterwards and ``path`` is the old or new file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists() or tmp.is_symlink():
            tmp.unlink()


def read_text(path: Path | str) -> str:
    """A UTF-8 text file's content, or ``InputError`` naming the file (and the line of a
    byte that is not UTF-8): a directory, a link loop or an unreadable file where a text
    file should be is a user's mistake, not a crash."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), 0, "is a directory, not a file") from None
    except OSError as exc:
        why = "a symbolic link loop" if exc.errno == 40 else (exc.strerror or str(exc))
        raise InputError(str(path), 0, f"cannot read the file: {why}") from None
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


def _recover(directory: Path) -> None:
    old = _side(directory, "old")
    if not directory.exists() and old.is_dir():
        os.replace(old, directory)
    for leftover in (old, _side(directory, "building")):
        if leftover.exists():
            shutil.rmtree(leftover)


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
                 timeout: float = LOCK_TIMEOUT) -> None:
    """Make ``directory`` hold exactly ``files`` (relative path -> content), atomically.

    The new tree is written complete in ``.<name>.building`` beside the target and swapped
    in with one ``renameat2(RENAME_EXCHANGE)`` (two renames where the system lacks it; a
    crash between them is repaired by the next run). ``may_replace(directory)`` says
    whether an existing folder may be replaced (else ``InputError``). A second run on the
    same target waits for the first (``.<name>.lock``, up to ``timeout`` seconds) and
    then is refused with ``InputError``."""
    from filelock import FileLock, Timeout

    directory = Path(directory)
    for rel in files:
        safe_relpath(rel, directory)
    if not directory.parent.is_dir():
        raise InputError(str(directory), 0, f"the folder {str(directory.parent)!r} does not exist")
    lock = FileLock(str(lock_path(directory)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(str(directory), 0, f"another run is writing this {what} (lock {lock_path(directory)} "
                                            f"held for over {timeout:g} s); try again when it has finished") from None
    try:
        _recover(directory)
        if directory.exists() and (not directory.is_dir() or directory.is_symlink() or not may_replace(directory)):
            raise InputError(str(directory), 0, f"exists and is not a CityDiplo {what}; refusing to replace it")
        tmp, old = _side(directory, "building"), _side(directory, "old")
        tmp.mkdir()
        try:
            _write_files(tmp, files)
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
