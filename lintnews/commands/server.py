"""`lintnews server`: the language server, for live findings and fixes in an editor (LSP over stdio)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

# a burst of changes (typing, a paste in several parts) is linted once, this long after the last one
DEFAULT_DEBOUNCE_MS = 30


def add_parser(sub: Any) -> None:
    # pygls is imported only when the server runs: the other commands start without it
    p = sub.add_parser("server", help="run the language server (LSP over stdin/stdout) for editors")
    # editors' LSP clients pass --stdio by habit: accepted, and it is the only transport anyway
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument(
        "--debounce-ms",
        type=int,
        default=DEFAULT_DEBOUNCE_MS,
        metavar="MS",
        help="a change this long after the previous one is linted at once; a burst of changes once they stop "
        f"for this long (default {DEFAULT_DEBOUNCE_MS})",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..server.app import serve

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # anything printed by mistake goes to stderr (the client's log), never into the protocol stream
    sys.stdout = sys.stderr
    return serve(max(args.debounce_ms, 0) / 1000, stdin, stdout)
