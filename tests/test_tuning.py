"""The console script's process settings (tuning): malloc padding and the exit without teardown."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lintnews.speed import tuning

# buffered streams, as a user's shell gives (some CI machines set PYTHONUNBUFFERED): the flush at exit matters
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60, env={**BUFFERED, **env}
    )


def test_exit_now_flushes_the_streams_and_runs_the_atexit_functions() -> None:
    code = (
        "import atexit, sys\n"
        "from lintnews.speed import tuning\n"
        "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
        "sys.stdout.write('x' * 100000)\n"  # more than the buffer: the tail is only written by the flush
        "sys.stdout.write('END')\n"
        "tuning.exit_now(3)\n"
    )
    p = _run(code)
    assert p.returncode == 3
    assert p.stdout == "x" * 100000 + "END"
    assert p.stderr == "atexit ran\n"


def test_exit_now_to_a_closed_pipe_is_quiet() -> None:
    # as in `lintnews check ... | head -1`: the reader is gone when the last of the output is flushed
    code = (
        "import sys\n"
        "from lintnews.speed import tuning\n"
        "sys.stdout.write('the last lines')\n"  # held in the buffer until exit_now flushes it
        "sys.stdin.readline()\n"
        "tuning.exit_now(0)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=BUFFERED,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stdin.write(b"go\n")
    proc.stdin.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_exit_now_waits_for_a_running_thread_by_exiting_the_usual_way(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    monkeypatch.setattr(tuning, "_exit", lambda code: pytest.fail("exited without waiting for the thread"))
    try:
        with pytest.raises(SystemExit) as done:
            tuning.exit_now(1)
        assert done.value.code == 1
    finally:
        stop.set()
        t.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_malloc_padding_is_asked_for_unless_the_user_set_it() -> None:
    code = "import sys\nfrom lintnews.speed import tuning\nprint(tuning.pad_malloc())\n"
    assert _run(code).stdout.strip() in ("True", "False")  # False on a C library without it (musl says 0)
    users = {variable: "4096" for _, _, variable in tuning.MALLOPTS}
    assert _run(code, **users).stdout.strip() == "False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_each_malloc_setting_the_user_made_is_left_to_them(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    asked: list[tuple[int, int]] = []

    class C:
        @staticmethod
        def mallopt(param: int, value: int) -> int:
            asked.append((param, value))
            return 1

    monkeypatch.setattr(ctypes, "CDLL", lambda name: C)
    for _, _, variable in tuning.MALLOPTS:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert tuning.pad_malloc()
    assert asked == [(tuning.M_TOP_PAD, 64 << 20), (tuning.M_TRIM_THRESHOLD, 128 << 20)]


def test_exit_now_under_a_profiler_exits_the_usual_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "_exit", lambda code: pytest.fail("os._exit would skip the profiler's report"))
    monkeypatch.setattr(tuning.sys, "getprofile", object)
    with pytest.raises(SystemExit) as done:
        tuning.exit_now(1)
    assert done.value.code == 1


def test_python_m_cprofile_writes_its_profile(tmp_path: Path) -> None:
    (tmp_path / ".lintnews.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("He left. . Then.\n", encoding="utf-8")
    prof = tmp_path / "run.prof"
    args = [
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "lintnews",
        "check",
        "--no-cache",
        "--select",
        "punctuation",
        "a.txt",
    ]
    p = subprocess.run(
        [sys.executable, *args], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=BUFFERED, check=False
    )
    assert p.returncode == 0, p.stderr
    assert "a.txt:1:8: punctuation.doubled-period" in p.stdout
    # the profile holds the run: the lint itself is among the functions it timed
    functions = {name for (_, _, name) in pstats.Stats(str(prof)).stats}  # type: ignore[attr-defined]
    assert "lint" in functions
