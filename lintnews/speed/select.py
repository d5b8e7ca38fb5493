"""Candidate selection: one Hyperscan scan of a text names the patterns that may match in it.

Each pattern is rewritten into a wider Hyperscan expression (speed.dialect) and all of a group's expressions
are compiled into one database in prefilter mode, so a scan reports every pattern with a match and perhaps a
few without. Compiling costs about a second for the shipped packs, so each database is kept in the tables
folder (cache.tables_dir), named by a hash of its expressions, and loaded in milliseconds by later runs. A
pattern Hyperscan cannot compile, or that the rewrite does not model, is always a candidate; without the
hyperscan module every pattern is (the same findings, more regex searches).

A selector built `per_line` answers for many lines at once: one scan of the lines joined (Lines) names, per
pattern, the lines it may match in (by_line), each match's end mapped back to its line by bisection. Its
databases report every match (not only the first), read `^` and `$` at each line's bounds, and leave a pattern
that matches the empty text always a candidate (it matches in every line). A match inside one line is still a
match of the joined text (the rewrite keeps no assertion but `^` and `$`, and the text of a lookaround it
reads as its own stands beside the match in that line), so no line is lost.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from operator import add
from pathlib import Path
from types import ModuleType
from typing import Any

import regex

from . import dialect
from .cache import read_entry, store_whole, tables_dir
from .dialect import prefilter_expression

# bump when the stored form or the rewrite changes in a way the expressions' hash would not show
FORMAT = 1
# the lines a pattern may match in (None: every line), by the pattern's position
PerLine = list[set[int] | None]

# rewritten expressions this long (characters) are compiled alone before their database (see _alone_compiles)
LONG_EXPRESSION = 4_000

# a pattern and its `regex` flags, or None for a rule with no pattern to select by (always a candidate)
Source = tuple[str, int] | None


def engine() -> ModuleType | None:
    """The hyperscan module, or None where it is not installed (then nothing is selected)."""
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


class _Database:
    """One group's compiled expressions: built (or loaded) on first scan."""

    def __init__(self, ids: list[int], patterns: list[str], caseless: list[bool], per_line: bool = False) -> None:
        self.ids = ids
        self.per_line = per_line
        self.patterns = patterns
        self.caseless = caseless
        self.expressions: list[str | None] = []  # rewritten when compiled (speed.dialect)
        self.always: set[int] = set()  # the ids no expression stands for, found while compiling
        self._db: Any = None
        self._scratch: Any = None
        self._key: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_db": None, "_scratch": None}  # loaded again where it is used

    def key(self, hs: ModuleType) -> str:
        """A hash of the patterns, the rewrite's code and the engine's version: what the database depends on."""
        if self._key is None:
            self._key = self._hash(hs)
        return self._key

    def _hash(self, hs: ModuleType) -> str:
        h = hashlib.sha256(f"{FORMAT}\0{hs.__version__}\0{regex.__version__}\0{_dialect_hash()}\0".encode())
        if self.per_line:  # compiled with other flags (the key of the others unchanged)
            h.update(b"per-line\0")
        for i, pattern, caseless in zip(self.ids, self.patterns, self.caseless, strict=True):
            h.update(f"{i}\0{int(caseless)}\0{pattern}\0".encode())
        return h.hexdigest()[:24]

    def load(self, hs: ModuleType) -> None:
        if self._db is None:
            self._db = self._load(hs)
            self._scratch = hs.Scratch(self._db) if self._db is not False else None

    def scan(self, hs: ModuleType, data: bytes, found: set[int]) -> None:
        self.load(hs)
        found.update(self.always)
        if self._db is False:
            found.update(self.ids)
            return

        def on_match(id_: int, start: int, end: int, flags: int, context: Any) -> None:
            found.add(id_)

        try:
            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch)
        except hs.error:  # a scratch in use by another thread, say: all of them, as with no engine
            found.update(self.ids)

    def scan_lines(self, hs: ModuleType, lines: Lines, out: PerLine) -> None:
        """Add to `out` the lines each pattern may match in: one scan of them all (a per_line database)."""
        self.load(hs)
        for i in self.always:
            out[i] = None
        if self._db is False:
            for i in self.ids:
                out[i] = None
            return
        starts = lines.starts
        after = len(starts)

        def on_match(id_: int, start: int, end: int, flags: int, context: Any) -> None:
            chosen = out[id_]
            if chosen is not None:
                # the line of the match's last character; an anchor's empty match (`^`) at a line's start is
                # that line's too
                k = bisect_right(starts, max(end - 1, 0)) - 1
                chosen.add(k)
                if k + 1 < after and starts[k + 1] == end:
                    chosen.add(k + 1)

        try:
            self._db.scan(lines.data, match_event_handler=on_match, scratch=self._scratch)
        except hs.error:
            for i in self.ids:
                out[i] = None

    def _load(self, hs: ModuleType) -> Any:
        """The database from the tables folder, else compiled and stored there; False if nothing compiles."""
        path = _path(f"hyperscan-{self.key(hs)}.db")
        try:
            data = read_entry(path) if path is not None else b""
            if data:
                always, blob = _unpack(data)
                self.always = always
                return hs.loadb(blob, hs.HS_MODE_BLOCK)
        except (OSError, ValueError, hs.error):
            pass  # missing or damaged: compiled again
        self.expressions = [prefilter_expression(p, c) for p, c in zip(self.patterns, self.caseless, strict=True)]
        self.always = {i for i, e in zip(self.ids, self.expressions, strict=True) if e is None}
        positions = [p for p, e in enumerate(self.expressions) if e is not None]
        db = self._compile(hs, [p for p in positions if self._alone_compiles(hs, p)])
        if db is None:
            return False
        if path is not None:
            store_whole(path, _pack(self.always, hs.dumpb(db)))  # else compiled again next time
        return db

    def _flags(self, hs: ModuleType, p: int) -> int:
        flags = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8
        # per line: every match is reported, so that each line it ends in is named; an expression that matches
        # the empty text would be reported at every offset, and is refused here (always a candidate)
        flags |= hs.HS_FLAG_MULTILINE if self.per_line else hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_ALLOWEMPTY
        return int(flags | (hs.HS_FLAG_CASELESS if self.caseless[p] else 0))

    def _alone_compiles(self, hs: ModuleType, p: int) -> bool:
        """A long expression is tried alone first: Hyperscan refuses one over its size limit (a phrase list of
        thousands of words), and one refusal inside a database of hundreds would cost the halving below a dozen
        compiles of the whole (12 s of a first run, against 0.3 s for trying the few long ones alone)."""
        expression = str(self.expressions[p])
        if len(expression) < LONG_EXPRESSION:
            return True
        try:
            hs.Database(mode=hs.HS_MODE_BLOCK).compile(
                expressions=[expression.encode()], ids=[self.ids[p]], flags=[self._flags(hs, p)]
            )
            return True
        except hs.error:
            self.always.add(self.ids[p])
            return False

    def _compile(self, hs: ModuleType, positions: list[int]) -> Any:
        """These expressions compiled together; one Hyperscan refuses is found by halving and left out."""
        if not positions:
            return None
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        try:
            db.compile(
                expressions=[str(self.expressions[p]).encode() for p in positions],
                ids=[self.ids[p] for p in positions],
                flags=[self._flags(hs, p) for p in positions],
            )
            return db
        except hs.error:
            if len(positions) == 1:
                self.always.add(self.ids[positions[0]])
                return None
        half = len(positions) // 2
        self._compile(hs, positions[:half])
        self._compile(hs, positions[half:])
        kept = [p for p in positions if self.ids[p] not in self.always]
        if len(kept) == len(positions):  # each half compiles, not the whole: no selection for these
            self.always.update(self.ids[p] for p in positions)
            return None
        return self._compile(hs, kept)


class Selector:
    """Which of many patterns may match in a text: `candidates(text)` gives their positions, the patterns
    without a source (None) and those no expression stands for included; None when there is no engine.

    `groups` puts the patterns in databases by label, one database per label: a house pack edited often
    recompiles its own few patterns, not the shipped packs'. A `per_line` selector also answers
    `by_line(lines)`."""

    def __init__(self, sources: Sequence[Source], groups: Sequence[str] | None = None, per_line: bool = False) -> None:
        self.size = len(sources)
        self.always: set[int] = set()
        by_group: dict[str, tuple[list[int], list[str], list[bool]]] = {}
        for i, source in enumerate(sources):
            if source is None:
                self.always.add(i)
                continue
            ids, patterns, caseless = by_group.setdefault(groups[i] if groups else "", ([], [], []))
            ids.append(i)
            patterns.append(source[0])
            caseless.append(bool(source[1] & regex.IGNORECASE))
        self.databases = [_Database(*v, per_line=per_line) for _, v in sorted(by_group.items())]

    def load(self) -> None:
        """Load (or compile) the databases now: before --jobs workers fork, so they inherit them."""
        hs = engine()
        if hs is not None:
            for db in self.databases:
                db.load(hs)

    def candidates(self, text: str) -> set[int] | None:
        hs = engine()
        if hs is None:
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no valid UTF-8 to scan
            return None
        found = set(self.always)
        for db in self.databases:
            db.scan(hs, data, found)
        return found

    def by_line(self, lines: Lines) -> PerLine | None:
        """For each pattern, the lines it may match in (None: any line); None when there is no engine."""
        hs = engine()
        if hs is None or lines.data is None:
            return None
        if not all(db.per_line for db in self.databases):
            raise ValueError("by_line() needs a selector built per_line")
        out: PerLine = [set() for _ in range(self.size)]
        for i in self.always:
            out[i] = None
        for db in self.databases:
            db.scan_lines(hs, lines, out)
        return out


class Lines:
    """Lines of text joined for one scan: their UTF-8, each followed by a line break, and the byte where each
    starts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.count = len(texts)
        # each line ends in a break, the last too: an anchor does not match after a break that ends the text
        joined = "\n".join(texts) + "\n" if texts else ""
        self.data: bytes | None
        try:
            self.data = joined.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no valid UTF-8 to scan
            self.data = None
        # ASCII text: bytes are characters; otherwise each line's length in bytes (every line encodes: the
        # whole did). Line k starts after the sizes of the lines before it and their k breaks, summed in C
        ascii_only = self.data is None or len(self.data) == len(joined)
        sizes = map(len, texts) if ascii_only else map(len, map(str.encode, texts))
        self.starts: list[int] = list(map(add, accumulate(sizes, initial=0), range(self.count)))


@cache
def _dialect_hash() -> str:
    """The rewrite's code: a database compiled from another rewrite is another database."""
    return hashlib.sha256(Path(dialect.__file__).read_bytes()).hexdigest()


def _pack(always: set[int], blob: bytes) -> bytes:
    head = ",".join(map(str, sorted(always))).encode()
    return len(head).to_bytes(4, "little") + head + blob


def _unpack(data: bytes) -> tuple[set[int], bytes]:
    n = int.from_bytes(data[:4], "little")
    head = data[4 : 4 + n].decode()
    return ({int(x) for x in head.split(",") if x}, data[4 + n :])


def _path(name: str) -> Path | None:
    try:
        return tables_dir() / name
    except (OSError, RuntimeError):  # no home folder to put it in: compiled in each process
        return None
