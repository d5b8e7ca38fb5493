"""`python -m lintnews`: the same command line as the `lintnews` script."""

from .launch import entry

entry()
