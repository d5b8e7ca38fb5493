"""`lintnews cache`: show where the cache is, how big it has grown and its limit; sweep it to the limit, or empty it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import LintnewsError
from ..speed.cache import CACHE_ENV, clean, default_cache_dir, generation, usage
from ..speed.cache_bound import LIMIT_ENV, cache_limit, stale_usage, sweep


def add_parser(sub: Any) -> None:
    p = sub.add_parser("cache", help="show the cache folder, its size and limit; sweep it to the limit, or empty it")
    p.add_argument(
        "action",
        choices=("info", "prune", "clean"),
        help=f"info: folder, files, size, limit (${LIMIT_ENV}) and what older code versions left; "
        "prune: remove the least recently used entries down to 80%% of the limit now; clean: empty it",
    )
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"cache folder (default ${CACHE_ENV}, else $XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews)",
    )
    p.set_defaults(run=run)


def _size(n: float) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def run(args: argparse.Namespace) -> int:
    root = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    if root.exists() and not root.is_dir():
        raise LintnewsError(f"{root}: not a folder, not a lintnews cache")
    limit = cache_limit()
    if args.action == "info":
        return _info(root, limit)
    if args.action == "prune":
        done = sweep(root, limit) if root.is_dir() else None
        after = done.after if done else 0
        removed = f"removed {_files(done.removed)}, {_size(done.before - after)}" if done else "nothing to remove"
        print(f"{root}: {removed}; {_size(after)} of {_limit(limit)}")
        return 0
    files, size = usage(root)
    try:
        kept = clean(root)
    except OSError as e:
        raise LintnewsError(f"{root}: cannot empty the cache: {e.strerror or e}") from None
    left, left_size = usage(root)
    print(f"{root}: removed {files - left} file{'s' if files - left != 1 else ''}, {_size(size - left_size)}")
    if kept:
        print(
            f"lintnews: warning: {root} is not tagged as a lintnews cache; left what lintnews did not write: "
            + ", ".join(kept),
            file=sys.stderr,
        )
    return 0


def _limit(limit: int | None) -> str:
    return f"the limit {_size(limit)}" if limit is not None else "no limit"


def _info(root: Path, limit: int | None) -> int:
    files, size = usage(root)
    print(f"{root}: {_files(files)}, {_size(size)}; {_limit(limit)} (${LIMIT_ENV})")
    versions, stale_files, stale = stale_usage(root, generation())
    if stale_files:
        print(
            f"  {_files(stale_files)}, {_size(stale)}, written by {versions} older code version"
            f"{'s' if versions != 1 else ''} (`lintnews cache prune` evicts the least recently used first)"
        )
    return 0
