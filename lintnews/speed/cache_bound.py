"""The cache folder's size limit: least-recently-used entries evicted by a sweep that runs seldom."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import LintnewsError
from .cache import KINDS, STATE, store_whole, take_written, usage

LIMIT_ENV = "LINTNEWS_CACHE_MAX"
# A first run over 200k words of news fills 36 MB (word tables and Hyperscan databases 34 MB, findings 2 MB,
# compiled rules 1 MB): a gibibyte keeps the findings of hundreds of such runs, over many code versions.
DEFAULT_LIMIT = 1 << 30
# a sweep goes below the limit, as ccache's does, so the next runs do not each sweep again
KEEP_FRACTION = 0.8
# a walk of the folder (100k files: 0.4 s CPU; 1.2 s when it evicts 60k of them) at most this often, unless a
# run's writes push it over
SWEEP_PERIOD = 86_400.0
# a temporary file of store_whole older than this was left by a run that died; a younger one is being written
TMP_AGE = 3_600.0
TMP_PREFIX = ".tmp-"

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?", re.IGNORECASE)
_POWERS = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def parse_size(text: str) -> int | None:
    """Bytes from `500M`, `1.5G`, `2GiB`, `800000` (K, M, G, T are decimal, Ki, Mi, Gi, Ti binary, as ccache's);
    None for 0, no limit. ValueError for anything else."""
    m = _SIZE.fullmatch(text.strip())
    if m is None:
        raise ValueError(text)
    number, unit, binary = m.groups()
    if binary and not unit:
        raise ValueError(text)
    size = int(float(number) * (1024 if binary else 1000) ** _POWERS[unit.lower()])
    return size or None


def cache_limit(environ: Mapping[str, str] = os.environ) -> int | None:
    """The folder's limit in bytes ($LINTNEWS_CACHE_MAX, else DEFAULT_LIMIT); None: no limit."""
    text = environ.get(LIMIT_ENV)
    if text is None or not text.strip():
        return DEFAULT_LIMIT
    try:
        return parse_size(text)
    except ValueError:
        raise LintnewsError(
            f"{LIMIT_ENV}={text!r}: not a size (bytes, or with K, M, G, T, KiB, MiB, GiB: 500M, 2G; 0 for no limit)"
        ) from None


@dataclass
class Swept:
    """What a sweep found and did."""

    before: int = 0  # bytes in the entries' folders when it began
    after: int = 0
    removed: int = 0  # files


@dataclass(frozen=True)
class _State:
    swept_at: float  # when the folder was last walked
    total: float  # its bytes then, plus what runs wrote since


def _read_state(root: Path) -> _State | None:
    try:
        value = json.loads((root / STATE).read_bytes())
        return _State(float(value["swept_at"]), float(value["total"]))
    except (OSError, ValueError, TypeError, KeyError):  # none yet, or damaged: a sweep writes it anew
        return None


def _write_state(root: Path, state: _State) -> None:
    store_whole(root / STATE, json.dumps({"swept_at": state.swept_at, "total": state.total}).encode())
    take_written()  # the state file itself is not an entry


def sweep_if_due(root: Path, limit: int | None, now: float | None = None) -> Swept | None:
    """After a run: sweep when none did for SWEEP_PERIOD, or when what this process wrote pushes the kept total
    over the limit; else add what it wrote to that total. Reads one small file and writes it only if this
    process wrote, so a re-run over unchanged files costs nothing. None when no sweep was due."""
    now = time.time() if now is None else now
    written = take_written()
    state = _read_state(root)
    if state is None and not written and not root.is_dir():
        return None  # nothing was ever written here
    due = state is None or now - state.swept_at >= SWEEP_PERIOD or now < state.swept_at
    if not due and limit is not None and state is not None and state.total + written > limit:
        due = True
    if due:
        # claimed first: a run ending meanwhile sees a fresh stamp and does not walk the folder too
        _write_state(root, _State(now, (state.total if state else 0) + written))
        return sweep(root, limit, now)
    if written and state is not None:
        _write_state(root, _State(state.swept_at, state.total + written))
    return None


def sweep(root: Path, limit: int | None, now: float | None = None) -> Swept:
    """Remove temporary files left by dead runs, then, over `limit`, the least recently used entries until the
    folder holds KEEP_FRACTION of it. Safe beside other runs: an entry gone under a reader is its miss."""
    now = time.time() if now is None else now
    entries: list[tuple[float, int, str]] = []
    done = Swept()
    for kind in KINDS:
        for folder, _, names in os.walk(root / kind):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    st = os.lstat(path)
                except OSError:  # removed by another sweep
                    continue
                if name.startswith(TMP_PREFIX):
                    if now - st.st_mtime > TMP_AGE and _remove(path):
                        done.removed += 1
                        continue
                    done.before += st.st_size  # being written: counted, never evicted
                    continue
                # a hit refreshes the time only daily (cache.mark_used); where the file system keeps access
                # times (relatime) a read marks it too
                entries.append((max(st.st_mtime, st.st_atime), st.st_size, path))
                done.before += st.st_size
    done.after = done.before
    if limit is not None and done.after > limit:
        entries.sort()
        for _, size, path in entries:
            if done.after <= limit * KEEP_FRACTION:
                break
            if _remove(path):
                done.removed += 1
            done.after -= size
        _prune_empty(root)
    _write_state(root, _State(now, done.after))
    return done


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:  # gone already (another sweep), or not ours to remove
        return False
    return True


def _prune_empty(root: Path) -> None:
    """Remove folders a sweep emptied (the key-prefix folders of older code versions); a run writing into one
    at that moment only misses storing that entry."""
    for kind in KINDS:
        # bottom-up, and tried even where a sub-folder was listed: it may be one this loop just removed
        for folder, _, names in os.walk(root / kind, topdown=False):
            if not names and Path(folder) != root / kind:
                try:
                    os.rmdir(folder)
                except OSError:
                    pass


def stale_usage(root: Path, generation: str) -> tuple[int, int, int]:
    """(code versions, files, bytes) of the entries that older code versions wrote: under a kind, any folder
    but this version's. The lexicon's tables are keyed by their data, not by code version: not counted."""
    versions: set[str] = set()
    files = size = 0
    for kind in KINDS:
        if kind == "lexicon":
            continue
        try:
            folders = [e for e in os.scandir(root / kind) if e.is_dir() and e.name != generation]
        except OSError:
            continue
        for entry in folders:
            found, found_size = usage(Path(entry.path))
            files += found
            size += found_size
            # the two-letter folders of the layout before generations held entries of one or more versions
            if found:
                versions.add(entry.name if len(entry.name) > 2 else "before")
    return len(versions), files, size
