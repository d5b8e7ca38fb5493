"""The checkers: one module (or package) per rule kind; lintnews.rules.kinds names them, this package imports none."""

from __future__ import annotations

from ..rules.kinds import available_kinds, checker_class

__all__ = ["available_kinds", "checker_class"]
