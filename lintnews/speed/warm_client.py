"""The client of the warm server: hand it a run (argv, cwd, environment, stdio), pass on signals, wait for it.

Imported by the console script before anything else of lintnews, so it imports only the standard library's
small modules: the whole point is that a warm run does not pay for the command line's imports.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import sys
from typing import Any

from . import warm_place
from .warm_wire import WireError, parse_reply, send_request

# a client waits this long for the server to accept its request and fork (it serves one handshake at a time)
CONNECT_SECONDS = 10.0


class Fallback(Exception):
    """The run cannot be handed over: the caller runs it in its own process (the message says why)."""


class Lost(Exception):
    """The server went away during the run: its status is unknown and it may have written part of its output,
    so running it again here would repeat that."""


def supported() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "pidfd_open") and hasattr(socket, "SO_PEERCRED")


def socket_for_run() -> tuple[str, str]:
    """The folder and the socket of this environment's server (Fallback if the folder is not safe)."""
    if not supported():
        raise Fallback("the warm server needs Linux")
    try:
        folder = warm_place.private_dir(warm_place.runtime_dir())
        return folder, warm_place.socket_path(folder)
    except warm_place.Unsafe as e:
        raise Fallback(str(e)) from None


def connect(path: str) -> socket.socket | None:
    """A connection to the server at `path`, if one listens there and runs as this user (SO_PEERCRED: the
    folder is private already; this is the other side of the server's own check)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(CONNECT_SECONDS)
    try:
        sock.connect(path)
        _, uid, _ = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
    except OSError:
        sock.close()
        return None
    if uid != os.getuid():
        sock.close()
        return None
    return sock


def ask(op: str) -> tuple[str, Any] | None:
    """Send a request without a run (status, stop); None if no server answers."""
    _, path = socket_for_run()
    sock = connect(path)
    if sock is None:
        return None
    with sock:
        try:
            send_request(sock, {"op": op, "key": warm_place.key()}, [])
            with sock.makefile("rb") as replies:
                return _read_reply(replies)
        except (OSError, WireError):
            return None


def run(argv: list[str], streams: list[list[str]]) -> int:
    """The exit status of `lintnews` + argv run by the warm server, as if run here (its output goes straight
    to this process's stdout and stderr). Fallback if it cannot be handed over (a server is started in the
    background when there is none, or a stale one); Lost if the server went away during the run. `streams`: the
    encoding and error handler of this process's stdin, stdout and stderr, which the run's are made with."""
    _, path = socket_for_run()
    sock = connect(path)
    if sock is None:
        if warm_place.failed_recently(path, warm_place.key()):
            raise Fallback("the warm server failed to start a short while ago (see warm.log in the cache folder)")
        start_server()
        raise Fallback("no warm server was running: one is starting")
    with sock, sock.makefile("rb") as replies:
        relay = Relay(sock)
        try:
            _hand_over(sock, replies, argv, streams)
        except Fallback:
            relay.restore()
            raise
        return _wait(sock, replies)


def _hand_over(sock: socket.socket, replies: Any, argv: list[str], streams: list[list[str]]) -> None:
    try:
        send_request(sock, _request(argv, streams), [0, 1, 2])
        word, value = _read_reply(replies)
    except (OSError, WireError) as e:
        raise Fallback(f"the warm server did not take the run ({e})") from None
    if word == "stale":
        start_server()
        raise Fallback("the warm server ran older code or libraries: a new one is starting")
    if word != "started":
        raise Fallback(f"the warm server refused the run ({value})")


class Relay:
    """Ctrl-C, SIGTERM and SIGHUP passed on to the run from before the request is sent (the server passes one
    that comes before the fork to the child once it has its own handlers). If the run is not made after all,
    they are handled here again, and one that came meanwhile is raised again here."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.caught: list[int] = []
        self.old = {sig: signal.signal(sig, self._relay) for sig in self.SIGNALS}

    def _relay(self, signum: int, frame: Any) -> None:
        self.caught.append(signum)
        try:
            self.sock.sendall(f"signal {signum}\n".encode())
        except OSError:
            pass

    def restore(self) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)
        if self.caught:
            os.kill(os.getpid(), self.caught[0])


def _request(argv: list[str], streams: list[list[str]]) -> dict[str, Any]:
    try:
        cwd = os.getcwd()
    except OSError as e:
        raise Fallback(f"the working directory cannot be read ({e.strerror})") from None
    mask = os.umask(0o022)
    os.umask(mask)
    env = dict(os.environ)
    return {
        "op": "run",
        "key": warm_place.key(),
        "argv0": sys.argv[0],
        "argv": argv,
        "cwd": cwd,
        "env": env,
        "umask": mask,
        "streams": streams,
    }


def _read_reply(replies: Any) -> tuple[str, Any]:
    line = replies.readline()
    if not line:
        raise WireError("the server closed the connection")
    return parse_reply(line)


def _wait(sock: socket.socket, replies: Any) -> int:
    """Wait for the run's status (a run takes as long as it takes: no timeout)."""
    sock.settimeout(None)
    try:
        word, value = _read_reply(replies)
    except (OSError, WireError):
        word, value = "", None
    if word != "exit" or not isinstance(value, int):
        raise Lost("the warm server went away during the run")
    return value


def start_server() -> int | None:
    """Start `lintnews warm serve` detached (its own session, stdio on /dev/null, the folder / as its working
    directory), by a double fork so that no caller is left with a child to reap. Its pid, if it was started."""
    try:
        r, w = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(w)
        with os.fdopen(r, "rb") as said:
            server = said.read()
        os.waitpid(pid, 0)
        return int(server) if server.isdigit() else None
    try:
        os.close(r)
        os.setsid()
        server_pid = os.fork()
        if server_pid:
            os.write(w, str(server_pid).encode())
            os._exit(0)
        os.close(w)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.chdir("/")
        os.execv(sys.executable, [sys.executable, "-m", "lintnews", "warm", "serve"])
    finally:
        os._exit(127)
