"""lintnews: a linter for machine-translated English news."""

__version__ = "0.1.0"
