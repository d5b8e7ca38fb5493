"""`lintnews warm`: start, stop or show the warm server that makes `check --warm` runs (and serve, its body)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import threading
import time
from typing import Any

from ..speed import warm_client
from ..speed.cache import default_cache_dir

# how long `warm start` waits for the server to load the model and answer
START_SECONDS = 60.0
LOG_NAME = "warm.log"

# the warm-up: text of our own with the damage the rules look for (run-together words, a stray period, a
# calque, reporting inversion, boilerplate), read as each input format, so that every checker, reader and
# the model's pipes a run may need are imported and loaded before the first fork
WARM_UP_TEXT = """Ministers Meet In Capital

The ministers of the region met on Tuesday in the capital to discuss the water agreement, said to reporters
the spokesman of the government.. The talks,which lasted six hours, ended withouta joint statement.

"We have made important advances in the negotiation," declared the minister of foreign affairs, who added
that the next meeting will realize in March. The opposition have criticized the agreement because it do not
protect the farmers of the north.

Subscribe to our newsletter to receive the latest news. Share this article on social networks.
"""
WARM_UP_NAMES = ("warm-up.txt", "warm-up.md", "warm-up.html")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("warm", help="start, stop or show the warm server of `check --warm`")
    p.add_argument(
        "action",
        choices=("start", "stop", "status", "serve"),
        help="start: in the background; stop: after the runs in flight; status: is one serving, its figures; "
        "serve: be the server, in this process (what start runs)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        warm_client.socket_for_run()
    except warm_client.Fallback as e:
        print(f"lintnews: error: {e}", file=sys.stderr)
        return 2
    action: str = args.action
    if action == "serve":
        return _serve()
    if action == "start":
        return _start()
    if action == "stop":
        return _stop()
    return _status()


def _status() -> int:
    return _report(warm_client.ask("status"))


def _report(answer: tuple[str, Any] | None) -> int:
    """Print a status request's answer; 0 when a server is serving."""
    if answer is None:
        print("lintnews warm: no server running")
        return 1
    word, value = answer
    if word == "stale":
        print("lintnews warm: the server ran older code or libraries; it is exiting")
        return 1
    if word != "status" or not isinstance(value, dict):
        print(f"lintnews warm: unexpected answer {word}")
        return 1
    print(
        f"lintnews warm: serving (pid {value['pid']}, up {value['uptime']:.0f} s, {value['served']} runs, "
        f"{value['running']} running, {value['rss_kb'] // 1024} MB resident, {value['cpu']:.2f} s CPU own, "
        f"{value['children_cpu']:.2f} s CPU of its runs, exits after {value['idle_exit']:.0f} s idle)"
    )
    return 0


def _start() -> int:
    answer = warm_client.ask("status")
    if answer is not None and _report(answer) == 0:
        return 0
    pid = warm_client.start_server()
    deadline = time.monotonic() + START_SECONDS
    # until it answers, it has exited (another server took the folder, or it failed: its log says), or time is up
    while time.monotonic() < deadline and pid is not None and os.path.exists(f"/proc/{pid}"):
        time.sleep(0.1)
        answer = warm_client.ask("status")
        if answer is not None and answer[0] == "status":
            return _report(answer)
    answer = warm_client.ask("status")
    if answer is not None:  # one started by a concurrent run answers
        return _report(answer)
    log = default_cache_dir() / LOG_NAME
    print(f"lintnews: error: the warm server did not start; see {log}", file=sys.stderr)
    return 2


def _stop() -> int:
    answer = warm_client.ask("stop")
    if answer is None:
        print("lintnews warm: no server running")
        return 0
    word, value = answer
    pid = value.get("pid") if isinstance(value, dict) else None
    print(f"lintnews warm: stopping (pid {pid})" if word == "stopping" else "lintnews warm: the server was stale")
    return 0


def _serve() -> int:
    """Be the server: its log lines go to the log file in the cache folder."""
    log = default_cache_dir() / LOG_NAME
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError as e:
        print(f"lintnews: error: cannot write the log {log}: {e.strerror}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    print(f"lintnews warm: pid {os.getpid()} starting at {time.strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    # the server's loop only here: every command line imports this module to build its parser
    from ..speed import warm_server
    from . import cli

    return warm_server.run_server(cli.main, _prepare, _log)


def _log(line: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {line}", flush=True)


def _prepare() -> None:
    """What every run needs, loaded once here: the command line, the model, every checker (a warm-up run)."""
    from ..core import nlp
    from . import cli

    cli.build_parser()
    try:
        nlp.model()
    except nlp.ModelUnavailable:
        pass  # each run that needs it says so, as without the server
    for name in WARM_UP_NAMES:
        _warm_up(cli.main, name)
    # fork copies only the calling thread, with every lock another thread held at that moment: the server must
    # have no other thread, Python's or a library's (an OpenBLAS pool if OPENBLAS_NUM_THREADS was set above 1)
    threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else threading.active_count()
    if threads > 1:
        raise RuntimeError(f"{threads} threads after loading the model: a warm server forks from one only")


def _warm_up(main: Any, name: str) -> None:
    """Lint the warm-up text as stdin named `name`, with no cache (nothing is written), the output dropped."""
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(WARM_UP_TEXT.encode()), "utf-8")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["check", "--no-cache", "--stdin-filename", name, "-"])
    finally:
        sys.stdin = saved
