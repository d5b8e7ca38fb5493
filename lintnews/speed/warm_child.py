"""A forked run of the warm server: take on the client's process state, run the command line's main, exit."""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from . import tuning

Main = Callable[[Sequence[str]], int]


def run_forked(main: Main, request: dict[str, Any], fds: list[int], close: Sequence[int]) -> NoReturn:
    """In the child just forked: become the client's process as far as a run can tell, then run `main`.

    Never returns, and nothing raised here reaches the server's loop (this is a copy of it): every way out
    is os._exit.
    """
    code = 2
    try:
        for fd in close:  # the server's listener, lock, wake-up pipe and the other clients' connections
            _close(fd)
        _default_signals()
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                _close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        _standard_streams(request["streams"])
        sys.argv = [str(request.get("argv0", "lintnews")), *request["argv"]]
        code = _exit_code(main, list(request["argv"]))
    except BaseException as e:  # a request the server could not apply: one line, as a run would say it
        _say(f"lintnews: internal error: the warm server could not start the run: {e!r}\n")
    _finish(code)


def _default_signals() -> None:
    """The dispositions a fresh interpreter starts with: Ctrl-C is KeyboardInterrupt (cli.main reports it),
    a broken pipe is BrokenPipeError, the rest are the system's defaults."""
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD, signal.SIGQUIT):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # the server blocked them across the fork (see Server._fork): one passed on meanwhile is delivered now
    signal.pthread_sigmask(signal.SIG_SETMASK, set())


def _standard_streams(streams: Sequence[Sequence[str]]) -> None:
    """sys.stdin, stdout and stderr over descriptors 0-2 with the client's encodings and error handlers (which
    its interpreter chose from its own locale and PYTHONIOENCODING), buffered as an interpreter would:
    stdout by lines on a terminal, stderr always by lines."""
    (in_enc, in_err), (out_enc, out_err), (err_enc, err_err) = streams
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), in_enc, in_err)
    sys.stdout = _writer(1, out_enc, out_err, line_buffering=os.isatty(1))
    sys.stderr = _writer(2, err_enc, err_err, line_buffering=True)


def _writer(fd: int, encoding: str, errors: str, line_buffering: bool) -> TextIO:
    raw = io.BufferedWriter(io.FileIO(fd, "w", closefd=False))
    return io.TextIOWrapper(raw, encoding, errors, line_buffering=line_buffering)


def _exit_code(main: Main, argv: list[str]) -> int:
    """main's status, or what the interpreter makes of a SystemExit (argparse's --help and usage errors)."""
    try:
        return main(argv)
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        _say(f"{e.code}\n")
        return 1


def _finish(code: int) -> NoReturn:
    """Exit as the console script does (tuning.exit_now: flush, atexit functions, no teardown); under a
    profiler or coverage it raises SystemExit instead, which must not unwind into the server's loop."""
    try:
        tuning.exit_now(code)
    except SystemExit as e:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(e.code if isinstance(e.code, int) else code)
    except BaseException:
        os._exit(code)


def _say(text: str) -> None:
    try:
        os.write(2, text.encode("utf-8", "replace"))
    except OSError:
        pass


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass
