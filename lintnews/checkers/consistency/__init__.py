"""kind: consistency: a name spelled two ways in an article or across a run, or written in lower case.

Each rule names one `mode`: spelling (a name spelled two ways, in one article or across the run), lowercase (a
name written in lower case), joiner (two parts of a name joined two ways), particle (an Arabic article glued
to a name two ways), date-order (dates written 'March 3' and '3 March').
"""

from __future__ import annotations

from .checker import ConsistencyChecker

__all__ = ["ConsistencyChecker"]
