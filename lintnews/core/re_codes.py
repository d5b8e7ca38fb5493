"""Python's compiled regular expressions kept across runs: `re` patterns a load compiles, put in re's own cache."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine, imported by re already
import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Why: importing spaCy and loading the model compile about 120 `re` patterns (packaging's version grammar at
# import, the tokenizer's affix patterns at load): a tenth of a second, all in Python (re._parser and
# re._compiler), every process. The last step, `_sre.compile(pattern, flags, code, ...)`, takes the compiled
# code as a list of ints; given the same list it makes the same pattern (Pattern.__eq__ compares the code).
# So the arguments are kept in the cache folder, and before the next load each pattern is made from them and
# put in re's module cache under the key re.compile looks up first: spaCy's own re.compile calls then get an
# equal pattern without parsing. The store is keyed by the exact interpreter (its compiler decides the code),
# and by the pattern's text and flags, so a changed library only compiles its new patterns the usual way.

# one stored pattern: re's cache key (pattern, flags) and _sre.compile's arguments after the pattern
Entry = tuple[Any, int, int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _cache() -> dict[Any, Any] | None:
    """re's module cache, when it is the plain dict keyed by (type, pattern, flags) these functions know."""
    found = getattr(re, "_cache", None)
    return found if isinstance(found, dict) and hasattr(re, "_compiler") else None


def interpreter_key() -> str:
    """What the compiled code depends on: this interpreter's exact version and its regex engine's, hashed."""
    ident = f"{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0{_sre.CODESIZE}"
    return hashlib.sha256(ident.encode()).hexdigest()[:16]


def _entry(key: tuple[Any, Any, int], compiled: re.Pattern[Any]) -> Entry | None:
    """The arguments that make `compiled` again, checked to make an equal pattern; None if they do not."""
    kind, pattern, flags = key
    if kind not in (str, bytes) or not isinstance(flags, int) or flags & re.DEBUG:
        return None
    try:
        parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
        code = re._compiler._code(parsed, flags)  # type: ignore[attr-defined]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        code_ints = [int(c) for c in code]  # marshal writes ints, not re's named opcodes (an int subclass)
        args = (flags | parsed.state.flags, code_ints, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _sre.compile(pattern, *args) != compiled:
            return None
    except Exception:  # an interpreter whose compiler works otherwise: that pattern is not kept
        return None
    return (pattern, flags, *args)


def preload(entries: Iterable[Entry]) -> int:
    """Put each stored pattern in re's cache (those it holds already are left alone); how many were put."""
    cache = _cache()
    if cache is None:
        return 0
    put = 0
    for pattern, flags, *args in entries:
        key = (type(pattern), pattern, flags)
        if key in cache or len(cache) >= getattr(re, "_MAXCACHE", 512) - 1:
            continue
        try:
            cache[key] = _sre.compile(pattern, *args)
        except Exception:  # a damaged entry: re.compile makes that pattern the usual way
            continue
        put += 1
    return put


def recorded(make: Callable[[], T]) -> tuple[T, list[Entry]]:
    """`make()`, and the patterns it compiled (those re's cache gained meanwhile), as stored entries."""
    cache = _cache()
    before = set(cache) if cache is not None else set()
    made = make()
    cache = _cache()
    if cache is None:
        return made, []
    entries = []
    for key, compiled in list(cache.items()):
        if key not in before and isinstance(compiled, re.Pattern):
            entry = _entry(key, compiled)
            if entry is not None:
                entries.append(entry)
    return made, entries


def package_file(name: str) -> Path | None:
    """The file of an installed package, found without importing it: reinstalled, it is another file (its size
    or time), and what `kept` stored for it is made again."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None


def kept(name: str, source: Path | None, make: Callable[[], T]) -> T:
    """`make()` with the patterns an earlier `make()` compiled already in re's cache, read from the cache folder
    (lexicon.store.cached_value keyed by `source`, a file whose change means other patterns, and the
    interpreter); the first time, and wherever nothing can be stored, `make()` compiles them as usual. What the
    first time stores stays until `source` changes: a pattern it did not compile (one re's cache held already)
    is compiled by each later `make()` as before."""
    if source is None or _cache() is None:
        return make()
    from .lexicon.store import cached_value

    made: list[T] = []

    def build() -> list[Entry]:
        value, entries = recorded(make)
        made.append(value)
        return entries

    try:
        entries = cached_value(f"{name}-{interpreter_key()}", source, build)
    except (TypeError, ValueError):  # entries marshal cannot write: make()'s own error is raised as it was
        if not made:
            raise
        entries = []
    if made:
        return made[0]
    if isinstance(entries, list):
        preload(e for e in entries if isinstance(e, tuple) and len(e) == 7)
    return make()
