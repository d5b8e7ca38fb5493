"""`python -m lintnews`: the same command line as the `lintnews` script."""

from .commands.cli import entry

entry()
