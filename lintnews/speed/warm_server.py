"""The warm server: a process holding lintnews, spaCy and the model that forks one child per client run."""

from __future__ import annotations

import fcntl
import gc
import os
import selectors
import signal
import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import warm_place
from .warm_child import Main, run_forked
from .warm_wire import WireError, recv_request, reply

# a client has this long to send its request once connected: the loop serves one handshake at a time
HANDSHAKE_SECONDS = 5.0
# SO_PEERCRED's struct ucred: pid, uid, gid
_UCRED = struct.Struct("3i")


@dataclass
class Running:
    """One client's run: its connection, the forked child and the child's pidfd (readable when it exits)."""

    conn: socket.socket
    pid: int
    pidfd: int


@dataclass
class State:
    started: float = field(default_factory=time.monotonic)
    last: float = field(default_factory=time.monotonic)
    served: int = 0
    # no longer accepting (stopped, stale or SIGTERM): exits when the runs in flight are done
    closing: bool = False


class Server:
    """Single-threaded, so that fork copies no lock held by another thread: a selector over the listening
    socket, each run's connection and pidfd, and a pipe that signals write to."""

    def __init__(self, path: str, key: str, main: Main, idle: float) -> None:
        self.path, self.key, self.main, self.idle = path, key, main, idle
        self.sel = selectors.DefaultSelector()
        self.runs: dict[int, Running] = {}
        self.state = State()
        self.listener: socket.socket | None = None
        self._bound = -1
        self._wake_r, self._wake_w = os.pipe()

    def bind(self) -> None:
        """Listen at `path`, replacing a socket no server holds any more (the caller holds the lock)."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)  # the socket is created 0600: only this user may connect (the folder is 0700 too)
        try:
            listener.bind(self.path)
        finally:
            os.umask(old)
        # the socket file's inode: it is removed at the end only if no newer server has replaced it
        self._bound = os.stat(self.path).st_ino
        listener.listen(16)
        listener.setblocking(False)
        self.listener = listener
        self.sel.register(listener, selectors.EVENT_READ, "accept")
        os.set_blocking(self._wake_w, False)
        os.set_blocking(self._wake_r, False)
        self.sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        signal.set_wakeup_fd(self._wake_w)
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, frame: Any) -> None:
        self.state.closing = True

    def serve(self) -> None:
        """Serve until idle, told to stop, stale or signalled, then until the runs in flight have ended."""
        while True:
            if self.state.closing:
                self.stop_listening()
                if not self.runs:
                    return
            timeout = None if self.runs else self.idle - (time.monotonic() - self.state.last)
            if timeout is not None and timeout <= 0:
                return
            for key, _ in self.sel.select(timeout):
                self._dispatch(key.data, key.fileobj)

    def _dispatch(self, what: Any, fileobj: Any) -> None:
        if what == "accept":
            self._accept()
        elif what == "wake":
            try:
                os.read(self._wake_r, 512)
            except BlockingIOError:
                pass
        elif isinstance(what, tuple) and what[0] == "exited":
            self._reap(what[1])
        elif isinstance(what, tuple) and what[0] == "client":
            self._from_client(what[1])

    def _accept(self) -> None:
        if self.listener is None:  # closed by an earlier event of the same batch
            return
        try:
            conn, _ = self.listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        self.state.last = time.monotonic()
        conn.setblocking(True)
        conn.settimeout(HANDSHAKE_SECONDS)
        try:
            self._handshake(conn)
        except (OSError, WireError, ValueError, KeyError, TypeError):
            conn.close()

    def _handshake(self, conn: socket.socket) -> None:
        _, uid, _ = _UCRED.unpack(conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _UCRED.size))
        if uid != os.getuid():
            reply(conn, "refused", "another user")
            conn.close()
            return
        request, fds = recv_request(conn)
        op = request.get("op")
        if request.get("key") != self.key:
            for fd in fds:
                os.close(fd)
            # lintnews' files or the installed libraries changed since this server started: retire
            self.state.closing = True
            self.stop_listening()
            reply(conn, "stale")
            conn.close()
            return
        if op == "run" and len(fds) == 3 and not self.state.closing:
            self._fork(conn, request, fds)
            return
        for fd in fds:
            os.close(fd)
        if op == "run":  # the client runs it in its own process
            reply(conn, "refused", "stopping" if self.state.closing else "no standard streams came with it")
        elif op == "status":
            reply(conn, "status", self.status())
        elif op == "stop":
            self.state.closing = True
            reply(conn, "stopping", {"pid": os.getpid(), "running": len(self.runs)})
        else:
            reply(conn, "refused", "unknown request")
        conn.close()

    def _fork(self, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
        own = [self._wake_r, self._wake_w, *(r.pidfd for r in self.runs.values())]
        own += [s.fileno() for s in (self.listener, conn, *(r.conn for r in self.runs.values())) if s is not None]
        own += [fd for fd in (*_LOCKS, getattr(self.sel, "fileno", lambda: -1)()) if fd >= 0]
        # a signal the client passes on right after the fork must wait for the child's own handlers, not run
        # this server's (which would drop it): blocked across the fork, unblocked by the child once it has them
        signal.pthread_sigmask(signal.SIG_BLOCK, _RELAYED)
        try:
            pid = os.fork()
            if pid == 0:
                run_forked(self.main, request, fds, [fd for fd in own if fd not in fds])
        except OSError as e:  # no memory or too many processes: the client runs it in its own process
            reply(conn, "refused", f"cannot fork: {e.strerror}")
            conn.close()
            return
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _RELAYED)
            for fd in fds:
                os.close(fd)
        self.state.served += 1
        pidfd = os.pidfd_open(pid)
        run = Running(conn, pid, pidfd)
        self.runs[pid] = run
        conn.settimeout(None)
        self.sel.register(pidfd, selectors.EVENT_READ, ("exited", pid))
        self.sel.register(conn, selectors.EVENT_READ, ("client", pid))
        try:
            reply(conn, "started", {"pid": pid})
        except OSError:  # the client has gone already: so goes its run (reaped when it exits)
            _kill(pid, signal.SIGTERM)

    def _from_client(self, pid: int) -> None:
        """A client asks to pass on a signal (its Ctrl-C, its SIGTERM), or has gone: its child is killed."""
        run = self.runs.get(pid)
        if run is None:  # reaped by an earlier event of the same batch
            return
        try:
            data = run.conn.recv(256)
        except OSError:
            data = b""
        if not data:
            self.sel.unregister(run.conn)
            _kill(pid, signal.SIGTERM)
            return
        for line in data.decode("ascii", "replace").splitlines():
            word, _, number = line.partition(" ")
            if word == "signal" and number.isdigit() and int(number) in _RELAYED:
                _kill(pid, int(number))

    def _reap(self, pid: int) -> None:
        """Wait for the child (its CPU time joins this process's children's: the honest count of a warm run),
        and tell its client how it ended."""
        run = self.runs.pop(pid)
        _, status = os.waitpid(pid, 0)
        self.sel.unregister(run.pidfd)
        os.close(run.pidfd)
        try:
            self.sel.unregister(run.conn)
        except KeyError:  # the client had gone
            pass
        try:
            reply(run.conn, "exit", os.waitstatus_to_exitcode(status))
        except OSError:
            pass
        run.conn.close()
        self.state.last = time.monotonic()

    def stop_listening(self) -> None:
        """Take the socket away (only if it is still ours) and let another server start at once."""
        if self.listener is None:
            return
        self.sel.unregister(self.listener)
        try:
            if os.stat(self.path).st_ino == self._bound:
                os.unlink(self.path)
        except OSError:
            pass
        self.listener.close()
        self.listener = None
        release_lock()

    def status(self) -> dict[str, Any]:
        times = os.times()
        return {
            "pid": os.getpid(),
            "uptime": round(time.monotonic() - self.state.started, 1),
            "served": self.state.served,
            "running": len(self.runs),
            "idle_exit": self.idle,
            "rss_kb": _rss_kb(),
            "cpu": round(times.user + times.system, 3),
            "children_cpu": round(times.children_user + times.children_system, 3),
        }


# signals a client may have passed on to its run
_RELAYED = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
# the lock file's descriptor while this process is the folder's server
_LOCKS: list[int] = [-1]


def take_lock(path: str) -> bool:
    """Become the one server of `path`; False if another holds it (it was started by a concurrent client)."""
    fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _LOCKS[0] = fd
    return True


def release_lock() -> None:
    if _LOCKS[0] >= 0:
        os.close(_LOCKS[0])
        _LOCKS[0] = -1


def run_server(main: Main, prepare: Callable[[], None], log: Callable[[str], None]) -> int:
    """Prepare (imports, model, a warm-up run), then serve: 0 when done, or when another server has the
    folder; 1 if the folder is unsafe, preparing failed or the code changed while it was being prepared."""
    try:
        folder = warm_place.private_dir(warm_place.runtime_dir())
        path = warm_place.socket_path(folder)
    except warm_place.Unsafe as e:
        log(f"lintnews warm: {e}")
        return 1
    if not supported():
        log("lintnews warm: needs Linux 5.3 or later (pidfd_open, SO_PEERCRED)")
        return 1
    key = warm_place.key()
    if not take_lock(path):
        return 0
    try:
        try:
            prepare()
        except Exception as e:  # said in the log; the clients of this key run in their own process a while
            warm_place.mark_failed(path, key)
            log(f"lintnews warm: could not prepare: {e!r}")
            return 1
        if warm_place.key() != key:  # an edit or an upgrade while preparing: this process may hold either
            log("lintnews warm: lintnews or its libraries changed while the server started")
            return 1
        gc.freeze()
        server = Server(path, key, main, warm_place.idle_seconds())
        server.bind()
        warm_place.clear_failed(path)
        log(f"lintnews warm: serving at {path} (pid {os.getpid()})")
        server.serve()
        server.stop_listening()
        log(f"lintnews warm: exiting after {server.state.served} runs")
    finally:
        release_lock()
    return 0


def supported() -> bool:
    """Whether this system has what the server needs: a pidfd per child, the peer's credentials."""
    if not hasattr(os, "pidfd_open") or not hasattr(socket, "SO_PEERCRED"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _rss_kb() -> int:
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0
