"""Content-hash caches: the compiled rule set of a run, and each document's findings, on disk."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__

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


@cache
def code_fingerprint() -> str:
    """A hash of lintnews' own code and the libraries whose objects are pickled: a new version misses the cache."""
    import regex

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{regex.__version__}\0".encode())
    pkg = Path(__file__).resolve().parent
    # the checkers' classes are pickled by reference: any edit to their code must invalidate the entries
    for p in sorted(pkg.rglob("*.py")):
        h.update(p.relative_to(pkg).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def digest(parts: Iterable[str | bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        b = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        # length-prefixed so that ("ab", "c") and ("a", "bc") differ
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


class Cache:
    """Pickled values in files named by their key under `root/kind/`, written atomically.

    Concurrent runs are safe: an entry is written to a temporary file in the same folder and renamed over,
    so a reader sees a whole entry or none. A corrupt or unreadable entry is a miss (and is removed).
    Only the user's own cache folder should be used: entries are pickles.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
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
        tmp = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            if tmp:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
