"""Where the warm server listens and which one may serve: the private runtime folder, the socket, the key."""

from __future__ import annotations

import hashlib
import os
import site
import stat
import sys
import time

# the suffixes of lintnews' own files whose edit must retire a warm server (as speed/cache.py's fingerprint)
_CODE_AND_DATA = (".py", ".json", ".yaml", ".tsv", ".txt")
# AF_UNIX paths are limited to 108 bytes on Linux (sun_path), less elsewhere
MAX_SOCKET_PATH = 100
IDLE_ENV = "LINTNEWS_WARM_IDLE"
DEFAULT_IDLE_SECONDS = 600.0


class Unsafe(Exception):
    """The runtime folder cannot be trusted or used: the client runs in its own process instead."""


def runtime_dir() -> str:
    """$XDG_RUNTIME_DIR/lintnews, else <tmp>/lintnews-<uid>: a folder only this user may enter."""
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    if xdg and os.path.isabs(xdg) and os.path.isdir(xdg):
        return os.path.join(xdg, "lintnews")
    tmp = os.environ.get("TMPDIR", "")
    base = tmp if tmp and os.path.isabs(tmp) and os.path.isdir(tmp) else "/tmp"
    return os.path.join(base, f"lintnews-{os.getuid()}")


def private_dir(path: str) -> str:
    """`path`, created 0700 if missing; Unsafe unless it is a real folder owned by this user, closed to others.

    Others must not be able to put a socket of their own there (a server that would read our files and
    write our outputs) nor replace ours, so a folder that is a symlink, another user's or group- or
    world-accessible is refused, never repaired.
    """
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as e:
        raise Unsafe(f"cannot create {path}: {e.strerror}") from None
    try:
        st = os.lstat(path)
    except OSError as e:
        raise Unsafe(f"cannot read {path}: {e.strerror}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise Unsafe(f"{path} is not a folder")
    if st.st_uid != os.getuid():
        raise Unsafe(f"{path} belongs to another user")
    if st.st_mode & 0o077:
        raise Unsafe(f"{path} is open to other users (mode {stat.S_IMODE(st.st_mode):o}, expected 700)")
    return path


def socket_path(folder: str) -> str:
    """The socket of this Python environment's server: one per interpreter, so two virtualenvs never meet."""
    name = hashlib.sha256(f"{sys.executable}\0{sys.prefix}".encode()).hexdigest()[:16]
    path = os.path.join(folder, f"{name}.sock")
    if len(path.encode()) > MAX_SOCKET_PATH:
        raise Unsafe(f"the socket path {path} is too long for a Unix socket")
    return path


def package_signature(h: hashlib._Hash, root: str) -> None:
    """Names, sizes and modification times of lintnews' code and data files (stat only: a few ms)."""
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(_CODE_AND_DATA):
                    st = entry.stat()
                    h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())


def _environment_signature(h: hashlib._Hash) -> None:
    """Each installation folder with its modification time: installing, upgrading or removing a distribution
    (spaCy, its model, numpy) adds or renames an entry there and so changes the time. Not all of sys.path:
    its first entry is the script's folder or the working directory, which differ between client and server."""
    folders = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    for entry in folders:
        if os.path.isdir(entry):
            try:
                h.update(f"{entry}\0{os.stat(entry).st_mtime_ns}\0".encode())
            except OSError:
                continue


def key() -> str:
    """What a server's answers depend on besides the request: the interpreter, the installed libraries and
    model, and lintnews' own files. A server whose key differs from the client's must not serve it."""
    h = hashlib.sha256(f"{sys.version}\0{sys.executable}\0{sys.prefix}\0".encode())
    _environment_signature(h)
    package_signature(h, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return h.hexdigest()


# after a server of a key failed to start, clients of that key start none for this long (each try costs the
# model's load): the runs are made in their own process meanwhile, and `lintnews warm start` still tries
RETRY_SECONDS = 600.0


def mark_failed(path: str, key: str) -> None:
    """Remember that a server of `key` failed to start at the socket `path`."""
    try:
        with open(path + ".failed", "w", encoding="ascii") as fh:
            fh.write(key)
    except OSError:
        pass


def failed_recently(path: str, key: str) -> bool:
    try:
        with open(path + ".failed", encoding="ascii") as fh:
            same = fh.read() == key
        return same and time.time() - os.stat(path + ".failed").st_mtime < RETRY_SECONDS
    except OSError:
        return False


def clear_failed(path: str) -> None:
    try:
        os.unlink(path + ".failed")
    except FileNotFoundError:
        pass


def idle_seconds() -> float:
    """How long a server waits without a request before it exits: $LINTNEWS_WARM_IDLE seconds, else 10 min."""
    try:
        value = float(os.environ.get(IDLE_ENV, ""))
    except ValueError:
        return DEFAULT_IDLE_SECONDS
    return value if value > 0 else DEFAULT_IDLE_SECONDS
