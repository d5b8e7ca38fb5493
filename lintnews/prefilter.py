"""Cheap necessary conditions for a rule to match: literal factors of a regex, key words of a phrase list.

A rule whose pattern needs the literal "informed" cannot match a document without it, and a substring
test costs microseconds where running a pattern costs milliseconds. The factors are derived from the
pattern itself, so pack authors write nothing extra and a wrong factor set cannot arise by hand: when
the pattern is outside what the stdlib parser understands, there is simply no prefilter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # CPython 3.11+: the parser behind `re`
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    sre_parse = None

MIN_FACTOR = 3  # shorter literals occur in nearly every article: no use as a filter
_WORD = re.compile(r"\w+")

Factors = frozenset[str]


def regex_factors(pattern: str) -> Factors | None:
    """A set of lower-case strings of which every match contains at least one, or None when unknown."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return None
    try:
        found = _sequence(list(parsed))
    except RecursionError:
        return None
    if not found or min(_strength(f) for f in found) < MIN_FACTOR:
        return None
    return frozenset(found)


def _literal(op: Any, av: Any) -> str | None:
    if op is sre_c.LITERAL:
        return chr(av).lower()
    if op is sre_c.IN and av and all(o is sre_c.LITERAL for o, _ in av):
        chars = {chr(v).lower() for _, v in av}
        if len(chars) == 1:  # [Tt]: one letter in either case
            return chars.pop()
    return None


# Words in nearly every article: a factor made only of these filters nothing.
_COMMON = frozenset(
    """a an the of to in on at by for and or but is are was were be been has have had it its this that
    with as from he she they we his her their who which said says""".split()  # noqa: SIM905
)


def _strength(factor: str) -> int:
    words = _WORD.findall(factor)
    if not words or all(w in _COMMON for w in words):
        return 0
    return len(factor.strip())


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if not a:
        return b
    if not b:
        return a
    ka = (min(map(_strength, a)), -len(a))
    kb = (min(map(_strength, b)), -len(b))
    return a if ka >= kb else b


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def flush() -> None:
        nonlocal best
        if run:
            best = _better(best, {"".join(run)})
            run.clear()

    for op, av in items:
        ch = _literal(op, av)
        if ch is not None:
            run.append(ch)
            continue
        flush()
        sub: set[str] | None = None
        if op is sre_c.SUBPATTERN:
            sub = _sequence(list(av[-1]))
        elif op is sre_c.BRANCH:
            alts = [_sequence(list(b)) for b in av[1]]
            if alts and all(alts):
                sub = set().union(*alts)  # type: ignore[arg-type]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            if av[0] >= 1:
                sub = _sequence(list(av[2]))
        elif op is getattr(sre_c, "ATOMIC_GROUP", None):
            sub = _sequence(list(av))
        best = _better(best, sub)
    flush()
    return best


def phrase_factors(phrases: Iterable[str]) -> Factors | None:
    """The longest word of each phrase: a document must contain one of them as a word."""
    out = set()
    for p in phrases:
        words = _WORD.findall(p.lower())
        if not words:
            return None
        out.add(max(words, key=len))
    return frozenset(out)


def may_match_text(factors: Factors | None, lower_text: str) -> bool:
    return factors is None or any(f in lower_text for f in factors)


def may_match_words(factors: Factors | None, words: frozenset[str]) -> bool:
    return factors is None or not factors.isdisjoint(words)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\\g<")


def split_alternatives(pattern: str) -> tuple[str, list[str]] | None:
    """The leading global flags and the top-level alternatives of a pattern, or None when it has no
    top-level `|` or refers back to its own groups (then its branches cannot run apart)."""
    if _BACKREF.search(pattern):
        return None
    m = _GLOBAL_FLAGS.match(pattern)
    flags = m.group() if m else ""
    body = pattern[m.end() :] if m else pattern
    verbose = "x" in flags
    parts: list[str] = []
    depth = 0
    in_class = False
    start = i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if body[i + 1 : i + 2] == "]":  # a literal ] first in a class
                i += 1
        elif verbose and c == "#":
            nl = body.find("\n", i)
            i = len(body) if nl < 0 else nl
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    if len(parts) < 2 or depth != 0:
        return None
    return flags, [flags + p for p in parts]
