"""Compiled regular expressions kept across runs: the rule packs' patterns parsed once, not in every process."""

from __future__ import annotations

import atexit
import os
import pickle
from pathlib import Path
from typing import Any

import regex

from .cache import read_entry, store_whole

# Why: the `regex` module parses a pattern in Python, 1.3 ms on average for the shipped packs' patterns, and a
# one-article run compiles a hundred and more of them (every rule whose pattern may match, each validated again
# by a --no-cache run). A compiled pattern pickles as its compiled code, and unpickling it is one call into C:
# 0.06 ms. The store is keyed by the pattern's text and flags and kept per `regex` version, so, like Python's
# bytecode or the Hyperscan databases beside it, it cannot go stale and --no-cache keeps it.

# bump when the stored layout changes
FORMAT = 1
# more entries than this (packs edited many times over; the shipped packs need about 150, 0.7 kB each) and the
# file keeps only what the run that finds it so used
MAX_ENTRIES = 5_000

Key = tuple[str, int]


class PatternStore:
    """Compiled patterns by (pattern, flags), read from one file on first use and written back with the new ones.

    Entries stay pickled until asked for, so a run pays only for the patterns it uses. A missing, truncated or
    foreign file is an empty store; a file that cannot be written leaves the store as it was.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored: dict[Key, bytes] | None = None
        self._new: dict[Key, bytes] = {}
        self._used: set[Key] = set()
        self.pid = os.getpid()

    def _entries(self) -> dict[Key, bytes]:
        if self._stored is None:
            self._stored = _read(self.path)
        return self._stored

    def compile(self, pattern: str, flags: int) -> regex.Pattern[str]:
        """`regex.compile(pattern, flags)`, from the store when an earlier run compiled it (errors as compile's)."""
        key = (pattern, flags)
        self._used.add(key)
        data = self._entries().get(key) or self._new.get(key)
        if data is not None:
            try:
                found = pickle.loads(data)
            except Exception:  # a damaged entry: compiled again below and stored over
                found = None
            if isinstance(found, regex.Pattern) and found.pattern == pattern and found.flags & flags == flags:
                return found
        compiled = regex.compile(pattern, flags)
        self._new[key] = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        return compiled

    @property
    def changed(self) -> bool:
        return bool(self._new)

    def save(self) -> None:
        """Write the store with this run's new patterns, merged with what another run may have written meanwhile."""
        if not self._new:
            return
        merged = _read(self.path)
        merged.update(self._new)
        if len(merged) > MAX_ENTRIES:
            # the patterns of packs long since edited: keep what this run used
            merged = {k: v for k, v in merged.items() if k in self._used}
        store_whole(self.path, pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
        self._stored = merged
        self._new = {}


def store_path(folder: Path) -> Path:
    return folder / f"regex-{regex.__version__}-{FORMAT}.pickle"


def _read(path: Path) -> dict[Key, bytes]:
    try:
        value: Any = pickle.loads(read_entry(path))  # marked used: kept by the size limit (cache_bound.py)
    except Exception:  # none yet, or truncated, or not ours: an empty store, rewritten by save()
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if _is_key(k) and isinstance(v, bytes)}


def _is_key(k: Any) -> bool:
    return isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str) and isinstance(k[1], int)


# the store this process compiles with, once installed
_INSTALLED: list[PatternStore] = []


def install(folder: Path) -> PatternStore:
    """Make the store in `folder` the one the packs' patterns are compiled with; written back at exit."""
    from ..checkers.base import use_compiler

    if _INSTALLED and _INSTALLED[0].path == store_path(folder):
        return _INSTALLED[0]
    if _INSTALLED:
        _INSTALLED[0].save()
    store = PatternStore(store_path(folder))
    _INSTALLED[:] = [store]
    use_compiler(store.compile)
    return store


def save_installed() -> None:
    """Write the installed store's new patterns now (a forked child that compiled them for its parent)."""
    if _INSTALLED:
        _INSTALLED[0].save()


def _save_installed() -> None:
    # only the process that installed it: a forked child ends with os._exit, and saves what it must itself
    if _INSTALLED and _INSTALLED[0].pid == os.getpid():
        _INSTALLED[0].save()


atexit.register(_save_installed)
