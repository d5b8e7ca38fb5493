"""Content-hash caches: the compiled rule set of a run, and each document's findings, on disk."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__

CACHE_ENV = "LINTNEWS_CACHE_DIR"
# bump when the layout or the pickled types change in a way the code fingerprint would not catch
FORMAT = 1


def default_cache_dir() -> Path:
    """$LINTNEWS_CACHE_DIR, else $XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews.

    The user cache dir rather than a folder beside the config: a pre-commit hook on a content repository
    must not leave files to gitignore there, and several checkouts share the compiled rules.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "lintnews"


# marks the folder as a cache (https://bford.info/cachedir/): backup tools skip it, and `lintnews cache clean`
# empties a folder only when it has it or holds nothing but the entries lintnews writes
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lintnews (https://bford.info/cachedir/).\n"
)
# the folders of entries: the Cache kinds and the derived word tables (see tables_dir); what a sweep may evict
KINDS = ("rules", "findings", "corpus", "catalog", "lexicon")
# the bookkeeping of the size limit (cache_bound.py): when the folder was last swept, what was written since
STATE = "sweep-state.json"
# what lintnews writes in the folder
ENTRIES = (*KINDS, STATE, TAG)


# the folder --cache-dir named for this process, if any (see tables_dir)
_CHOSEN: list[Path] = []


def choose_cache_dir(path: Path) -> None:
    """Make `path` the folder of this process's derived tables too (the --cache-dir of the command line)."""
    _CHOSEN[:] = [path]


def tables_dir() -> Path:
    """Where tables derived from installed data (word frequencies, syllable counts) are kept, built once.

    They do not depend on what is linted, so --no-cache leaves them in use, as Python keeps its bytecode:
    without them every process would spend a second and more re-deriving the same tables.
    """
    return (_CHOSEN[0] if _CHOSEN else default_cache_dir()) / "lexicon"


_CODE_AND_DATA = frozenset({".py", ".json", ".yaml", ".tsv", ".txt"})


@cache
def code_fingerprint() -> str:
    """A hash of lintnews' own code and the libraries whose objects are pickled: a new version misses the cache."""
    import regex

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{regex.__version__}\0".encode())
    h.update(_files_hash(Path(__file__).resolve().parents[1]).encode())  # lintnews/, above speed/
    return h.hexdigest()


# Reading and hashing the 800 kB of the package's files took 17 ms of every run; their sizes and modification
# times, 1-3 ms. So the content hash is remembered per signature of those, as git's index does, and with git's
# guard against a "racily clean" file: a signature is remembered only when every file is older than
# RACY_SECONDS, since a file rewritten within one tick of the clock can keep its size and its time.
RACY_SECONDS = 2.0
_MEMO_ENTRIES = 16


def _files_hash(pkg: Path) -> str:
    # the checkers' classes are pickled by reference: any edit to their code must invalidate the entries, and so
    # must an edit to the data they ship beside it (a refitted model's weights, word tables)
    files = sorted(p for p in pkg.rglob("*") if p.suffix in _CODE_AND_DATA and "__pycache__" not in p.parts)
    stats = [(p.relative_to(pkg).as_posix(), p.stat()) for p in files]
    signature = digest([str(pkg), *(f"{name}\0{st.st_size}\0{st.st_mtime_ns}" for name, st in stats)])
    memo_path = tables_dir() / "code-fingerprints.json"
    memo = _read_memo(memo_path)
    if signature in memo:
        return memo[signature]
    h = hashlib.sha256()
    for p, (name, _) in zip(files, stats, strict=True):
        h.update(name.encode() + b"\0")
        h.update(p.read_bytes())
    found = h.hexdigest()
    newest = max((st.st_mtime for _, st in stats), default=0.0)
    if time.time() - newest > RACY_SECONDS:
        entries = [*((k, v) for k, v in memo.items() if k != signature), (signature, found)]
        # a folder that cannot be written: hashed again next time
        store_whole(memo_path, json.dumps(dict(entries[-_MEMO_ENTRIES:])).encode())
    return found


def _read_memo(path: Path) -> dict[str, str]:
    try:
        value = json.loads(read_entry(path))
    except (OSError, ValueError):  # none yet, or damaged: hashed again and rewritten
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


# Bytes this process wrote into the cache folder since the size limit last counted them (cache_bound.py): the
# sweep needs no walk of the folder to know that a run's writes may have pushed it over its limit. Kept by
# process id: a run forked by the warm server must not count again what the server wrote as it warmed up.
_WRITTEN: dict[int, int] = {}


def take_written() -> int:
    """The bytes store_whole wrote in this process since the last call (and count again from zero)."""
    return _WRITTEN.pop(os.getpid(), 0)


# A hit marks its entry used by its modification time, which the sweep evicts by (oldest first), but only once
# a day: a re-run over unchanged files must not write to every entry it reads.
TOUCH_AFTER = 86_400.0


def mark_used(path: Path, st: os.stat_result) -> None:
    """Mark the entry at `path` (whose stat is `st`) as used now, if it was not marked within TOUCH_AFTER."""
    if time.time() - st.st_mtime > TOUCH_AFTER:
        try:
            os.utime(path)
        except OSError:  # swept meanwhile, or a read-only folder: nothing to keep
            pass


def read_entry(path: Path) -> bytes:
    """The bytes of a cache file, marking it used (see mark_used); OSError when there is none."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    mark_used(path, st)
    return data


def store_whole(path: Path, data: bytes) -> bool:
    """Write a cache file under another name beside it, then rename it over `path`: a concurrent reader sees the
    old file or the new one, never a part. False, leaving nothing behind, when it cannot be written (a read-only
    folder, a full disk). No fsync, unlike fileio.write_atomic for articles: a cache file a crash loses is built
    again."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.stem}-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        pid = os.getpid()
        _WRITTEN[pid] = _WRITTEN.get(pid, 0) + len(data)
    except BaseException as e:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(e, OSError):
            return False
        raise
    return True


def digest(parts: Iterable[str | bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        b = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        # length-prefixed so that ("ab", "c") and ("a", "bc") differ
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def generation() -> str:
    """The folder of this code version's entries under each kind: the entries of older versions, which no key
    of this one can reach, are told apart (`lintnews cache info`) without opening them."""
    return code_fingerprint()[:16]


class Cache:
    """Pickled values in files named by their key under `root/kind/generation()/`, written atomically.

    Concurrent runs are safe: an entry is written to a temporary file in the same folder and renamed over,
    so a reader sees a whole entry or none. A corrupt or unreadable entry is a miss (and is removed).
    Only the user's own cache folder should be used: entries are pickles.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.generation = generation()
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / self.generation / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        try:
            data = read_entry(path)
        except OSError:  # none, or swept away by a concurrent run: a miss either way
            self.misses += 1
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # a truncated or foreign file, or a class that no longer exists: rebuild it
            self.misses += 1
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store `value`; a cache that cannot be written (read-only, full disk) is silently skipped."""
        path = self._path(kind, key)
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # something unpicklable (a closure): not cached, still correct
            return
        if not path.parent.is_dir():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
            tag(self.root)
        store_whole(path, data)


def tag(root: Path) -> None:
    """Mark `root` as a cache folder (once; a folder that cannot be written is left as it is)."""
    marker = root / TAG
    if not marker.exists():
        try:
            marker.write_text(TAG_TEXT, encoding="ascii")
        except OSError:
            pass


def usage(root: Path) -> tuple[int, int]:
    """The number of files and their bytes under `root` (0, 0 when it does not exist)."""
    files = size = 0
    for folder, _, names in os.walk(root):
        for name in names:
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            files += 1
    return files, size


def clean(root: Path) -> list[str]:
    """Remove the cache's contents; returns the entries left because lintnews did not write them.

    Only a folder tagged as a lintnews cache is emptied whole. Without the tag (a cache from before it, or
    a --cache-dir pointing somewhere else by mistake) only the entries named in ENTRIES go.
    """
    if not root.is_dir():
        return []
    tagged = (root / TAG).is_file()
    kept: list[str] = []
    for entry in sorted(root.iterdir()):
        if not tagged and entry.name not in ENTRIES:
            kept.append(entry.name)
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return kept
