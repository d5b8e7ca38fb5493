"""Patterns' word queries kept between runs: derived once, as Python keeps its bytecode.

A query (prefilter.pattern_query) depends on the pattern, its flags and lintnews' prefilter code, never on
what is linted. Working out the ~600 queries of the shipped packs took each process a third of a second,
each --jobs worker included; they are kept in the tables folder (cache.tables_dir), which --no-cache leaves
in use like the word tables. The file is named by a hash of the prefilter code, the `regex` version and
Python's, so an upgrade starts a new one; it carries a CRC-32 and a damaged file is derived again.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

# bump when the stored form changes
FORMAT = 1

_Key = tuple[str, int]


class QueryMemo:
    """A table of queries by (pattern, flags), read from `path` on first use; new entries are written back
    by `save`, merged with whatever another process stored meanwhile."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._table: dict[_Key, Any] | None = None
        self.added: dict[_Key, Any] = {}

    def _read(self) -> dict[_Key, Any]:
        if self.path is None:
            return {}
        try:
            data = self.path.read_bytes()
            if len(data) > 4 and zlib.crc32(data[4:]) == int.from_bytes(data[:4], "little"):
                table = marshal.loads(data[4:])
                if isinstance(table, dict):
                    return table
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing or damaged: derived again
        return {}

    def get(self, pattern: str, flags: int, derive: Callable[[], Any]) -> Any:
        table = self.table()
        key = (pattern, int(flags))  # a regex.RegexFlag is not plain data
        if key in table:
            return table[key]
        value = table[key] = self.added[key] = derive()
        return value

    def has(self, pattern: str, flags: int) -> bool:
        return (pattern, int(flags)) in self.table()

    def table(self) -> dict[_Key, Any]:
        if self._table is None:
            self._table = self._read()
        return self._table

    def save(self) -> None:
        """Store the queries derived in this process; nothing is written when none were."""
        if not self.added or self.path is None:
            return
        from .lexicon import _store

        table = {**self._read(), **self.added}
        try:
            body = marshal.dumps(table)
        except ValueError:  # a query of a type marshal cannot write: keep deriving it
            return
        if _store(self.path, zlib.crc32(body).to_bytes(4, "little") + body):
            self.added = {}


@cache
def _code_hash() -> str:
    import regex

    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{regex.__version__}\0".encode())
    h.update((Path(__file__).resolve().parent / "prefilter.py").read_bytes())
    return h.hexdigest()[:24]


def _memo_path() -> Path | None:
    from .cache import tables_dir

    try:
        return tables_dir() / f"pattern-queries-{_code_hash()}.marshal"
    except (OSError, RuntimeError):  # no home folder to put it in: derived in each process
        return None


_MEMOS: dict[Path | None, QueryMemo] = {}


def memo() -> QueryMemo:
    """The memo of this process's tables folder (--cache-dir may choose it after start-up)."""
    path = _memo_path()
    if path not in _MEMOS:
        _MEMOS[path] = QueryMemo(path)
    return _MEMOS[path]


def save() -> None:
    for m in _MEMOS.values():
        m.save()
