"""Carry the letter case of matched text over to its replacement."""

from __future__ import annotations


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def lower_first(s: str) -> str:
    # an acronym or a name keeps its case: only a capitalised ordinary word is lowered
    if len(s) > 1 and s[1].isupper():
        return s
    return s[:1].lower() + s[1:]


def match_case(matched: str, replacement: str) -> str:
    """`This Tuesday` -> `On Tuesday`; `THIS` -> `ON`; a lower-case match leaves the replacement as written."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not any(c.isupper() for c in replacement[1:]):
        return replacement.upper()
    if matched[:1].isupper():
        return upper_first(replacement)
    return replacement
