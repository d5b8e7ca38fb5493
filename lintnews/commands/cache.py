"""`lintnews cache`: show where the cache is and how big it has grown, or empty it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import LintnewsError
from ..speed.cache import CACHE_ENV, clean, default_cache_dir, usage


def add_parser(sub: Any) -> None:
    p = sub.add_parser("cache", help="show the cache folder and its size, or empty it")
    p.add_argument("action", choices=("info", "clean"), help="info: folder, files and size; clean: empty it")
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"cache folder (default ${CACHE_ENV}, else $XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews)",
    )
    p.set_defaults(run=run)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def run(args: argparse.Namespace) -> int:
    root = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    if root.exists() and not root.is_dir():
        raise LintnewsError(f"{root}: not a folder, not a lintnews cache")
    files, size = usage(root)
    if args.action == "info":
        print(f"{root}: {files} file{'s' if files != 1 else ''}, {_size(size)}")
        return 0
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
