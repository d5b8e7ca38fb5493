"""Command-line entry point: parses arguments, dispatches to a command module, maps errors to exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from ..core.errors import LintnewsError
from ..speed import tuning

# Each module in lintnews/commands/ named here provides add_parser(subparsers) and run(args) -> int.
COMMANDS = ("check", "rules", "report", "server", "cache", "warm")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> Parser:
    parser = Parser(prog="lintnews", description="Lint machine-translated English news.")
    parser.add_argument("-V", "--version", action="version", version=f"lintnews {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        importlib.import_module(f".{name}", __package__).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        code: int = args.run(args)
        return code
    except LintnewsError as e:
        print(f"lintnews: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("lintnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug must still end as one line and exit 2, never a traceback
        print(f"lintnews: internal error: {e!r}", file=sys.stderr)
        return EXIT_ERROR


def entry() -> NoReturn:
    """The console script: main() in a process tuned for linting (see tuning), ended without teardown."""
    tuning.tune()
    tuning.exit_now(main())
