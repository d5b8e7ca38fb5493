"""The checkers: one module (or package) per rule kind; lintnews.kinds names them, this package imports none."""

from __future__ import annotations

from ..kinds import available_kinds, checker_class

__all__ = ["available_kinds", "checker_class"]
