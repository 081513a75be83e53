"""Builds, exports and sites are atomic as a whole (item 2): written beside the target and
swapped in at once, under a lock. Concurrent runs cannot interleave, and SIGKILL at random
moments leaves the old or the new complete folder, never a missing or mixed one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import citydiplo.files as files
from citydiplo.cli import main
from citydiplo.errors import InputError
from citydiplo.files import lock_path, recover_tree, replace_tree
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.release.build import dataset_files, stale_paths, tree_files

N_FILES = 8
SIZE = 2_000


def version(k: int) -> dict[str, bytes]:
    """A tree whose every file says which version it belongs to."""
    return {f"d{i % 4}/f{i:03d}.txt": (f"version {k}\n".encode() * (SIZE // 10)) for i in range(N_FILES)}


def which(directory: Path) -> int | None:
    """The version a folder holds completely, else None (missing, mixed or partial)."""
    tree = tree_files(directory)
    if not tree:
        return None
    k = int(next(iter(tree.values())).split(b"\n", 1)[0].split()[1])
    return k if tree == version(k) else None


CHILD = textwrap.dedent("""
    import sys, citydiplo.files as f
    from pathlib import Path
    if sys.argv[3] == "fallback":
        f._exchange = lambda a, b: False
    target, k = Path(sys.argv[1]), int(sys.argv[2])
    files = lambda k: {f"d{i % 4}/f{i:03d}.txt": (f"version {k}\\n".encode() * (SIZE // 10)) for i in range(N_FILES)}
    print("ready", flush=True)
    while True:
        k += 1
        f.replace_tree(target, files(k))
        if len(sys.argv) > 4:
            break
""").replace("SIZE", str(SIZE)).replace("N_FILES", str(N_FILES))


def child(target: Path, k: int, mode: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(k), mode, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def forked_writer(target: Path, k: int, mode: str) -> int:
    """A child process (fork: no interpreter start-up) that swaps new versions in forever."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            if mode == "fallback":
                files._exchange = lambda a, b: False
            while True:
                k += 1
                replace_tree(target, version(k))
        finally:
            os._exit(1)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("mode", ["exchange", "fallback"])
def test_sigkill_at_random_moments_leaves_a_complete_tree(tmp_path, mode):
    """Kill a writer at random moments, at least 20 times (about two seconds); a naive
    writer (remove, then write in place) fails this at the first kill."""
    target = tmp_path / "out"
    replace_tree(target, version(0))
    rng = random.Random(14)
    seen, kills, deadline = set(), 0, time.monotonic() + 1.5
    while time.monotonic() < deadline or kills < 20:
        pid = forked_writer(target, kills * 1000, mode)
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if mode == "fallback":  # two renames: the next run (here: its recovery) finishes the swap
            recover_tree(target)
        found = which(target)
        assert found is not None, f"kill {kills}: {sorted(tree_files(target))[:3]} ... is not one complete version"
        seen.add(found)
        kills += 1
        assert kills < 200
    assert len(seen) >= 3, seen  # kills landed before and after swaps: old and new trees were both seen
    replace_tree(target, version(7))  # the next run cleans up whatever a kill left
    assert which(target) == 7
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != lock_path(target).name) == ["out"]


def test_concurrent_writers_do_not_interleave(tmp_path):
    target = tmp_path / "out"
    procs = [child(target, 1000 * i, "exchange", "once") for i in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    assert which(target) in {1001, 2001, 3001, 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", lock_path(target).name])


def test_a_second_run_waits_and_is_refused_when_the_lock_is_held(tmp_path):
    from filelock import FileLock

    target = tmp_path / "out"
    replace_tree(target, version(1))
    with FileLock(str(lock_path(target))):
        proc = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
            import citydiplo.files as f
            from citydiplo.errors import InputError
            try:
                f.replace_tree({str(target)!r}, {{"a.txt": "x"}}, timeout=0.2)
            except InputError as exc:
                print(exc)
            """)], capture_output=True, text=True, timeout=60)
    assert "another run is writing this output" in proc.stdout, proc.stdout + proc.stderr
    assert which(target) == 1


def test_two_bench_builds_at_once_give_one_complete_build(tmp_path, gold_project):
    out = tmp_path / "ds"
    cmd = [sys.executable, "-m", "citydiplo.cli", "build", "--root", str(gold_project), "--out", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert stale_paths(out, dataset_files(load_benchmark(gold_project))) == []


def test_a_crash_while_building_keeps_the_old_build(tmp_path, gold_project, monkeypatch):
    out = tmp_path / "ds"
    assert CliRunner().invoke(main, ["build", "--root", str(gold_project), "--out", str(out)]).exit_code == 0
    before = tree_files(out)
    real = files._write_files

    def crash(folder, content):
        real(folder, dict(list(content.items())[:2]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write_files", crash)
    result = CliRunner().invoke(main, ["build", "--root", str(gold_project), "--out", str(out)])
    assert result.exit_code != 0
    assert tree_files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".building", ".old"))]


def test_export_is_swapped_in_whole_and_refuses_a_foreign_folder(tmp_path, gold_project):
    out = tmp_path / "x"
    args = ["export", "--root", str(gold_project), "--format", "conll", "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, args).exit_code == 0  # a rerun replaces its own export
    # a file the export did not write is the user's, whatever its name: the folder is refused, untouched
    for name in ("mine.conll", "notes.txt"):
        (out / name).write_text("mine", encoding="utf-8")
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "not a CityDiplo export" in result.output and name in result.output
        assert (out / name).read_text(encoding="utf-8") == "mine"
        (out / name).unlink()


def test_view_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path, root):
    out = tmp_path / "site"
    out.mkdir()
    (out / "thesis.tex").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["view", "--out", str(out)])
    assert result.exit_code == 2 and "not a CityDiplo site" in result.output
    assert (out / "thesis.tex").exists()


def test_build_refuses_an_out_that_holds_its_inputs(gold_project):
    result = CliRunner().invoke(main, ["build", "--root", str(gold_project), "--out", str(gold_project)])
    assert result.exit_code == 2 and "holds the input" in result.output
    assert (gold_project / "corpus" / "recipe.json").exists()


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/x", "a/../../b", "", "a//b", "a\\..\\b"])
def test_no_file_is_written_outside_the_folder(tmp_path, name):
    with pytest.raises(InputError, match="would leave the output folder"):
        replace_tree(tmp_path / "out", {"ok.txt": "x", name: "y"})
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape.txt").exists()
