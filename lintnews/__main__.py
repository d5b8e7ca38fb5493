"""`python -m lintnews`: the same command line as the `lintnews` script."""

from .cli import entry

entry()
