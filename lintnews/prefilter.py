"""Cheap necessary conditions for a rule to match: words, word pairs and literals its matches must contain.

A rule whose pattern needs the word "informed" cannot match a document without it, and a set lookup costs
nanoseconds where running a pattern costs milliseconds. The conditions are derived from the pattern itself,
so pack authors write nothing extra and a wrong condition cannot arise by hand: syntax the analysis does not
model simply yields no condition.

Two generations live here. `pattern_query` (words and adjacent word pairs, tested against a `DocIndex`) is
the fast one; it holds only for documents whose characters mean the same to the `regex` engine, to `str.lower`
and to the `re` word splitter (`DocIndex.clean`, nearly every article). The substring factors of
`regex_factors` / `phrase_factors` are the older test that other documents keep, so that their findings
never depend on the newer analysis.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import regex

try:  # CPython 3.11+: the parser behind `re`
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    sre_parse = None

try:  # the case equivalences `regex` applies under IGNORECASE (simple case folding)
    from regex._regex import get_all_cases as _regex_cases
except ImportError:  # pragma: no cover - then every non-ASCII document takes the substring test
    _regex_cases = None

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


# ---------------------------------------------------------------------------------------------------------
# Word queries: what a document must hold, in words and adjacent word pairs, for a pattern to match in it.
#
# A query is None (no condition), an atom ("w", word), ("b", (word, next word)) or ("s", text: a substring
# of the lower-cased document), or ("&", queries) / ("|", queries).

Query = tuple[str, Any] | None


def _word_start(c: str) -> bool:
    """Is the first character of `c` a word character for `re` (str.isalnum, or "_")? Cheaper than a match."""
    c = c[0]
    return c.isalnum() or c == "_"


_REGEX_WORD_CHAR = regex.compile(r"\w", regex.V0).match
_REGEX_SPACE = regex.compile(r"\s", regex.V0).match
_UNICODE_CASES = regex.IGNORECASE | regex.UNICODE

# Stands in an analysed string for "no word runs across here": \s+, \b, ^, (?![\w-]) ...
MARK = "\x00"
# Sets of alternative strings larger than this are summarised instead of multiplied out.
LIMIT = 64
UNION = 512

_char_ok: dict[str, bool] = {}


def char_is_plain(c: str) -> bool:
    """True when `c` in a document lower-cases to one character, every case variant `regex` would match
    for it lower-cases to that same character, and `regex` and the `re` word splitter agree whether it is
    a word character: then a word query is a sound test for that character."""
    ok = _char_ok.get(c)
    if ok is None:
        low = c.lower()
        ok = (
            _regex_cases is not None
            and len(low) == 1
            and bool(_word_start(low)) == bool(_REGEX_WORD_CHAR(c))
            and not (_REGEX_SPACE(c) and _word_start(low))
            and all(chr(v).lower() == low for v in _regex_cases(_UNICODE_CASES, ord(c)))
        )
        _char_ok[c] = ok
    return ok


_pattern_char_ok: dict[str, bool] = {}


def pattern_char_is_plain(c: str) -> bool:
    """True when a literal `c` in a pattern can stand for itself lower-cased: every ASCII character `regex`
    would match for it lower-cases the same, and all of its case variants agree on being a word character.
    (Document characters outside ASCII are checked by char_is_plain; together they rule out pairs such as
    "s" and the long s, or "i" and the dotted capital I, which `regex` equates and `str.lower` does not.)"""
    ok = _pattern_char_ok.get(c)
    if ok is None:
        low = c.lower()
        ok = _regex_cases is not None and len(low) == 1
        if ok:
            word = bool(_word_start(low))
            for v in _regex_cases(_UNICODE_CASES, ord(c)):
                y = chr(v)
                if y.isascii() and y.lower() != low:
                    ok = False
                if bool(_REGEX_WORD_CHAR(y)) != word or bool(_word_start(y.lower())) != word:
                    ok = False
        _pattern_char_ok[c] = ok
    return ok


def _combine(op: str, qs: Iterable[Query]) -> Query:
    """("&" or "|") of the queries, flattened; atoms are de-duplicated (composite queries are not hashed:
    tuples do not cache their hash, and re-hashing nested queries made the analysis quadratic)."""
    items: list[Any] = []
    atoms: set[Any] = set()
    for q in qs:
        if q is None:
            if op == "|":
                return None
            continue
        parts = q[1] if q[0] == op else (q,)
        for part in parts:
            if part[0] in "&|":
                items.append(part)
            elif part not in atoms:
                atoms.add(part)
                items.append(part)
    if not items:
        return None if op == "&" else FALSE
    if len(items) == 1:
        return items[0]  # type: ignore[no-any-return]
    if op == "&" and FALSE in items:
        return FALSE
    return (op, tuple(items))


# No alternative at all: what a piece that cannot match in the document at hand comes to (see pattern_admits)
FALSE: Query = ("|", ())


def _and(qs: Iterable[Query]) -> Query:
    return _combine("&", qs)


def _or(qs: Iterable[Query]) -> Query:
    return _combine("|", qs)


_string_queries: dict[str, Query] = {}
# The words _string_query leaves out (see _every_word), and its table while every word counts
_skipped_words = _COMMON
_every_word_queries: dict[str, Query] = {}


def _string_query(s: str) -> Query:
    """What a document holding the analysed string `s` must contain: its complete words (those with a
    non-word character or MARK on both sides inside `s`) and their adjacent pairs, else its longest literal."""
    q = _string_queries.get(s, _MISSING)
    if q is not _MISSING:
        return q  # type: ignore[return-value]
    q = None
    atoms: list[Any] = []
    runs = _WORD.findall(s)
    if runs:
        # runs at the ends of `s` may go on beyond it: not complete words
        first, last = s[0], s[-1]
        words = runs[1 if first.isalnum() or first == "_" else 0 : len(runs) - (last.isalnum() or last == "_")]
        for w in words:
            if w not in _skipped_words:
                atom = _word_atoms.get(w)
                if atom is None:
                    atom = _word_atoms[w] = _atom("w", w)
                atoms.append(atom)
        if len(words) > 1:
            atoms += [_atom("b", f"{a} {b}") for a, b in itertools.pairwise(words)]
    # punctuation is what word tests cannot see: ", to." or " ;" is worth a scan when nothing else is known,
    # and narrows a word down when it is
    if _HAS_PUNCTUATION(s):
        marked = [p for p in s.split(MARK) if len(p) >= 2 and _HAS_PUNCTUATION(p)]
        if marked:
            atoms.append(_atom("s", max(marked, key=len)))
    if not atoms:
        strong = [p for p in s.split(MARK) if _strength(p) >= MIN_FACTOR]
        if strong:
            atoms.append(_atom("s", max(strong, key=len)))
    if len(atoms) > 1:
        q = ("&", tuple(atoms))
    elif atoms:
        q = atoms[0]
    _string_queries[s] = q
    return q


_word_atoms: dict[str, Query] = {}
_HAS_PUNCTUATION = re.compile(r"[.,;:!?…\"“”‘’'()\[\]]").search
_MISSING = object()
_atoms: dict[Any, Any] = {}


def _atom(kind: str, value: Any) -> Query:
    """One shared object per distinct atom: rule sets pickle (and load) in half the size."""
    atom = (kind, value)
    return _atoms.setdefault(atom, atom)  # type: ignore[no-any-return]


def _strings_query(strings: frozenset[str]) -> Query:
    return _or(_string_query(s) for s in strings)


def _starts_apart(strings: frozenset[str]) -> bool:
    """Every string begins with a non-word character or a MARK (no word runs across its start)."""
    return all(s and (s[0] == MARK or not _word_start(s[0])) for s in strings)


def _ends_apart(strings: frozenset[str]) -> bool:
    return all(s and (s[-1] == MARK or not _word_start(s[-1])) for s in strings)


_NO_STRINGS = frozenset({""})
_MARKS = frozenset({MARK})


class _Info:
    """What is known about the matches of a piece of pattern: the exact set of strings it matches (lower-cased,
    MARK for separators) when small; else sets of prefixes and of suffixes (every match starts with one of
    `pre` and ends with one of `suf`) and a query about what lies between. An alternation that is not exact
    keeps its branches (`alts`) until its neighbours are known: a branch's first and last words are only
    complete words when the text around the alternation says so."""

    __slots__ = ("alts", "empty", "exact", "pre", "q", "suf", "zero")

    def __init__(
        self,
        exact: frozenset[str] | None,
        pre: frozenset[str],
        suf: frozenset[str],
        q: Query,
        alts: list[_Info] | None = None,
        *,
        empty: bool = False,
        zero: bool = False,
    ) -> None:
        self.exact = exact
        self.pre = pre
        self.suf = suf
        self.q = q
        self.alts = alts
        # may match nothing at all, when not exact (then "" in pre and suf says so)
        self.empty = empty
        # a lookaround (or alternation of them): pre (suf) tells what follows (precedes) the place it looks from
        self.zero = zero


def _exact(strings: frozenset[str], q: Query = None) -> _Info:
    return _Info(strings, strings, strings, q)


_UNKNOWN = _Info(None, _NO_STRINGS, _NO_STRINGS, None)
_NOTHING = _exact(_NO_STRINGS)
_SEPARATOR = _exact(_MARKS)


def _fold(x: _Info, apart_before: bool = False, apart_after: bool = False) -> Query:
    """Everything known about a piece, as one query; `apart_before` (`apart_after`) says no word runs
    across its start (end), from what surrounds it."""
    if x.exact is not None:
        strings = x.exact
        if apart_before:
            strings = _cross(_MARKS, strings)
        if apart_after:
            strings = _cross(strings, _MARKS)
        return _and((x.q, _strings_query(strings)))
    if x.alts is not None:
        return _or(_fold(b, apart_before, apart_after) for b in x.alts)
    # the rest of a summarised piece's prefixes and suffixes was queried where they were formed
    return _and(
        (
            x.q,
            _strings_query(_cross(_MARKS, x.pre)) if apart_before else None,
            _strings_query(_cross(x.suf, _MARKS)) if apart_after else None,
        )
    )


def _cross(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    return frozenset([x + y for x in a for y in b])


def _merges(a: frozenset[str], b: frozenset[str]) -> bool:
    """Are two adjacent sets of strings multiplied out? When the product is small, or one of them is a
    single string (the product is no larger); larger products are summarised (see _junction)."""
    na, nb = len(a), len(b)
    return na * nb <= LIMIT or (min(na, nb) == 1 and max(na, nb) <= UNION)


def _junction(left: frozenset[str], right: frozenset[str]) -> Query:
    """Where two pieces meet: a suffix of the left one's match followed by a prefix of the right one's."""
    if _merges(left, right):
        return _strings_query(_cross(left, right))
    apart = _ends_apart(left) or _starts_apart(right)
    # too many to multiply out: the words right at the meeting point may still be few
    near = frozenset(map(_last_word, left)), frozenset(map(_first_word, right))
    if _starts_apart(right):
        left = _cross(left, _MARKS)
    if _ends_apart(left):
        right = _cross(_MARKS, right)
    q = _and((_strings_query(left), _strings_query(right)))
    if _merges(*near):
        return _and((q, _strings_query(_cross(*near))))
    return _and((q, _meeting(left, right))) if apart else q


def _last_word(s: str) -> str:
    """`s` from just before its last word (whole when that word starts it)."""
    runs = list(_WORD.finditer(s))
    return s[runs[-1].start() - 1 :] if runs and runs[-1].start() > 0 else s


def _first_word(s: str) -> str:
    m = _WORD.search(s)
    return s[: m.end() + 1] if m else s


def _meeting(left: frozenset[str], right: frozenset[str]) -> Query:
    """The last complete word of some left string directly followed by the first complete word of some right
    string: ("j", (words, next words)); None when a string has no complete word at that end."""
    lasts = set()
    for s in left:
        runs = _WORD.findall(s)
        if not runs or _word_start(s[-1]) or (len(runs) == 1 and _word_start(s)):
            return None
        lasts.add(runs[-1])
    firsts = set()
    for s in right:
        runs = _WORD.findall(s)
        if not runs or _word_start(s) or (len(runs) == 1 and _word_start(s[-1])):
            return None
        firsts.add(runs[0])
    if len(lasts) == 1 and len(firsts) == 1:
        return _atom("b", f"{lasts.pop()} {firsts.pop()}")
    return ("j", (frozenset(lasts), frozenset(firsts)))


# Prefixes and suffixes only matter where they meet a neighbour: the query already holds what lies further
# inside, so they are cut to the words a junction can still complete or pair: the first (last) complete
# word, and before it a word left open at the edge.
def _head(s: str) -> str:
    runs = list(_WORD.finditer(s))
    keep = 1 if runs and runs[0].start() > 0 else 2
    return s if len(runs) <= keep else s[: runs[keep - 1].end() + 1]


def _tail(s: str) -> str:
    runs = list(_WORD.finditer(s))
    keep = 1 if runs and runs[-1].end() < len(s) else 2
    return s if len(runs) <= keep else s[runs[-keep].start() - 1 :]


def _join(items: list[_Info]) -> _Info:
    """A sequence of pieces."""
    merged: list[_Info] = []
    for it in items:
        if it is _NOTHING:
            continue
        last = merged[-1] if merged else None
        if last is not None and last.exact is not None and it.exact is not None and _merges(last.exact, it.exact):
            merged[-1] = _exact(_cross(last.exact, it.exact), _and((last.q, it.q)))
        else:
            merged.append(it)
    if not merged:
        return _NOTHING
    if len(merged) == 1:
        return merged[0]
    # what each piece shows its neighbours: exact strings carry the separation their other side gives; a
    # piece that may match nothing lets its neighbour's separation through
    n = len(merged)
    before = [_apart(merged[k - 1 :: -1] if k else [], _closes) for k in range(n)]
    after = [_apart(merged[k + 1 :], _opens) for k in range(n)]
    # each exact piece with the separation both its sides give
    placed: list[frozenset[str] | None] = []
    for k, it in enumerate(merged):
        strings = it.exact
        if strings is not None:
            if before[k]:
                strings = _cross(_MARKS, strings)
            if after[k]:
                strings = _cross(strings, _MARKS)
        placed.append(strings)
    facing_right = []
    facing_left = []
    for k, it in enumerate(merged):
        if it.exact is None:
            facing_right.append(it.suf)
            facing_left.append(it.pre)
        else:
            facing_right.append(_cross(_MARKS, it.exact) if before[k] else it.exact)
            facing_left.append(_cross(it.exact, _MARKS) if after[k] else it.exact)
    parts: list[Query] = []
    for k, it in enumerate(merged):
        parts.append(it.q if it.exact is not None else _fold(it, before[k], after[k]))
        if k == n - 1:
            break
        nxt = merged[k + 1]
        if _optional(nxt) or _optional(it):
            # next to a piece that may match nothing, only each side's own strings are sure
            for strings in (placed[k], placed[k + 1]):
                if strings is not None:
                    parts.append(_strings_query(strings))
        else:
            parts.append(_junction(facing_right[k], facing_left[k + 1]))
    first, second = merged[0], merged[1]
    pre = first.pre
    if first.exact is not None:
        pre = (
            frozenset(map(_head, _cross(first.exact, second.pre)))
            if _merges(first.exact, second.pre)
            else facing_left[0]
        )
    last, previous = merged[-1], merged[-2]
    suf = last.suf
    if last.exact is not None:
        suf = (
            frozenset(map(_tail, _cross(previous.suf, last.exact)))
            if _merges(previous.suf, last.exact)
            else facing_right[-1]
        )
    return _Info(
        None,
        pre,
        suf,
        _and(parts),
        empty=all(_may_be_empty(it) for it in merged),
        zero=all(it.zero for it in merged),
    )


def _doubled(group: _Info, between: _Info) -> _Info | None:
    """A group's text, what comes between, and the group's text again (a back-reference); None when either
    part is not an exact set small enough."""
    if group.exact is None or between.exact is None or len(group.exact) * len(between.exact) > UNION:
        return None
    strings = frozenset(s + m + s for s in group.exact for m in between.exact)
    return _exact(strings, _and((group.q, between.q)))


def _may_be_empty(x: _Info) -> bool:
    return x.empty if x.exact is None else "" in x.exact


def _optional(x: _Info) -> bool:
    """A summarised piece that may match nothing (its prefixes and suffixes then include "")."""
    return x.exact is None and x.empty


def _opens(x: _Info) -> bool | None:
    """Does no word run into the piece's start (True, False), or may it match nothing (None: look further)?"""
    strings = x.exact if x.exact is not None else x.pre
    if x.zero:
        return True if _starts_apart(strings) else None
    empty = _may_be_empty(x)
    if empty:
        strings = strings - _NO_STRINGS
        if not strings and x.exact is None:
            return False  # what its non-empty matches start with is not known
    if strings and not _starts_apart(strings):
        return False
    return None if empty else bool(strings)


def _closes(x: _Info) -> bool | None:
    strings = x.exact if x.exact is not None else x.suf
    if x.zero:
        return True if _ends_apart(strings) else None
    empty = _may_be_empty(x)
    if empty:
        strings = strings - _NO_STRINGS
        if not strings and x.exact is None:
            return False
    if strings and not _ends_apart(strings):
        return False
    return None if empty else bool(strings)


def _apart(pieces: list[_Info], side: Callable[[_Info], bool | None]) -> bool:
    """The first decisive answer of `side` along the pieces; no word runs across when none decides."""
    for x in pieces:
        verdict = side(x)
        if verdict is not None:
            return verdict
    return False


def _alternation(branches: list[_Info]) -> _Info:
    if len(branches) == 1:
        return branches[0]
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*[b.exact for b in branches if b.exact is not None])
        if len(union) <= UNION:
            return _exact(union, _or(b.q for b in branches))
    pre = frozenset().union(*[b.pre for b in branches])
    suf = frozenset().union(*[b.suf for b in branches])
    return _Info(
        None,
        pre if len(pre) <= UNION else _NO_STRINGS,
        suf if len(suf) <= UNION else _NO_STRINGS,
        None,
        branches,
        empty=any(_may_be_empty(b) for b in branches),
        zero=all(b.zero for b in branches),
    )


def _repeat(x: _Info, lo: int, hi: int | None) -> _Info:
    if x.exact is not None and lo == hi and len(x.exact) ** lo <= LIMIT:
        return _join([x] * lo)
    if x.exact is not None and x.exact and all(s and not _WORD.search(s) for s in x.exact):
        # separators and punctuation, repeated: a separator (or nothing); a run of listed characters
        # starts and ends with one of them
        if lo == 0:
            return _exact(_NO_STRINGS | _MARKS)
        return _SEPARATOR if MARK in "".join(x.exact) else _Info(None, x.exact, x.exact, None)
    if lo == 0:
        if hi == 1 and x.exact is not None:
            return _exact(x.exact | _NO_STRINGS)
        if hi == 1 and x.alts is not None:
            # an optional group: its branches, or nothing
            return _alternation([*x.alts, _NOTHING])
        return _Info(None, x.pre | _NO_STRINGS, x.suf | _NO_STRINGS, None, empty=True)
    if hi == 1:
        return x
    return _Info(None, x.pre, x.suf, _fold(x), empty=x.empty)


class _Unsupported(Exception):
    """Syntax the analysis does not model: the pattern gets no query."""


# plain characters, taken as one run (verbose mode also stops at white space and comments)
_RUN = re.compile(r"[^\\\[\](){}|?*+.^$]+")
_RUN_VERBOSE = re.compile(r"[^\\\[\](){}|?*+.^$\s#]+")
_SPACE_OR_COMMENT = re.compile(r"(?:\s+|#[^\n]*)*")
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAGS = re.compile(r"\(\?([imsxu]*)(?:-([imsx]+))?([:)])")
_NAMED = re.compile(r"\(\?P?<([A-Za-z_]\w*)>")
_GROUP_REFERENCE = re.compile(r"\(\?P=(\w+)\)")
_ANY_NAME = re.compile(r"<(\w+)>")
_LEADING_FLAGS = re.compile(r"(?:\(\?[a-zA-Z]+\))*")
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]*(?:-[a-zA-Z]*)?\)")
# a group of plain alternatives, the commonest piece of a rule pattern: read in one step
_WORD_LIST = re.compile(r"\((?:\?:|\?P?<([A-Za-z_]\w*)>|(?!\?))((?:[\w '’-]|\\s)+(?:\|(?:[\w '’-]|\\s)+)*)\)")
# The rest of a branch, skipped when a document lacks something it needs: escapes, classes and nested groups
# (by recursion) up to the next `|` or `)` of this level. `regex` reads it at C speed.
_REST = regex.compile(
    r"(?(DEFINE)(?P<cls>\[\^?\]?(?:\[:\w+:\]|\\.|[^\]\\])*\])(?P<grp>\((?:\\.|(?&cls)|[^\\\[()]|(?&grp))*\)))"
    r"(?:\\.|(?&cls)|(?&grp)|[^\\\[()|])*",
    regex.S,
)
_HEX = {"x": 2, "u": 4, "U": 8}
_SEPARATOR_ESCAPES = frozenset("bAZmMsW")
_CONTROL = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


class _Parser:
    """A recursive-descent reading of the `regex` module's syntax (VERSION0) that yields an _Info.

    Anything it does not understand either becomes an unknown piece (which only weakens the query) or stops
    the analysis; it must never take for a literal what `regex` reads as something else."""

    def __init__(self, pattern: str, doc: DocIndex | None = None) -> None:
        self.p = pattern
        self.n = len(pattern)
        # reading for one document: literals it lacks are dropped as they are read (see pattern_admits)
        self.lower = doc.lower if doc is not None else None
        # the span of the last class (or \w, \S) that every word character matches
        self.word_class = (-1, -1)
        # the name of the group just read, and the group a reference just read refers to
        self.named: str | None = None
        self.reference: str | None = None
        self.names: collections.Counter[str] | None = None
        # may the rest of a branch go unread? Not when it could hide a parenthesis in a comment from _REST, or
        # hold what changes how earlier pieces read (a flag group, after which a quantifier binds backwards;
        # a verbose flag); such patterns are read whole
        lead = _LEADING_FLAGS.match(pattern)
        self.skippable = "#" not in pattern and _INLINE_FLAGS.search(pattern, lead.end() if lead else 0) is None

    def parse(self) -> _Info:
        i = 0
        verbose = False
        # global flags lead the pattern; verbose mode changes how the rest reads
        while True:
            m = _FLAGS.match(self.p, i)
            if not m or m.group(3) != ")" or m.group(2):
                break
            verbose = verbose or "x" in m.group(1)
            i = m.end()
        info, i = self.alternation(i, verbose)
        if i != self.n:
            raise _Unsupported("unbalanced parenthesis")
        return info

    def present(self, low: str) -> bool:
        """Does the document hold each stretch of the lower-cased literal between separators?"""
        lower: str = self.lower  # type: ignore[assignment]
        if MARK not in low:
            return low in lower
        return all(piece in lower for piece in low.split(MARK))

    def skip(self, i: int, verbose: bool) -> int:
        return _SPACE_OR_COMMENT.match(self.p, i).end() if verbose else i  # type: ignore[union-attr]

    def alternation(self, i: int, verbose: bool) -> tuple[_Info, int]:
        branches = []
        while True:
            info, i = self.sequence(i, verbose)
            branches.append(info)
            if i < self.n and self.p[i] == "|":
                i += 1
                continue
            return _alternation(branches), i

    def quantifier_at(self, j: int) -> bool:
        p = self.p
        return j < self.n and (p[j] in "*+?" or (p[j] == "{" and _QUANTIFIER.match(p, j) is not None))

    def sequence(self, i: int, verbose: bool) -> tuple[_Info, int]:
        p, n = self.p, self.n
        run = _RUN_VERBOSE if verbose else _RUN
        items: list[_Info] = []
        named: dict[str, int] = {}  # named groups among the items, unrepeated: where they are
        text = ""  # plain characters (and MARKs) read since the last other piece, lower-cased
        while True:
            i = self.skip(i, verbose)
            if i >= n or p[i] in "|)":
                if text:
                    items.append(self.literal(text))
                return _join(items), i
            m = run.match(p, i)
            if m:
                chunk = m.group()
                i = m.end()
                if not self.quantifier_at(self.skip(i, verbose)):
                    text += chunk
                    continue
                # a quantifier binds to the last character only
                text += chunk[:-1]
                atom = self.literal(chunk[-1])
            elif (
                p[i] == "\\"
                and p[i + 1 : i + 2] in _SEPARATOR_ESCAPES
                and not self.quantifier_at(self.skip(i + 2, verbose))
            ):
                text += MARK
                i += 2
                continue
            else:
                self.named = self.reference = None
                atom, i = self.atom(i, verbose)
            if text:
                items.append(self.literal(text))
                text = ""
                if self.cut_short(items[-1]):
                    return items[-1], self.rest(i)
            end = i
            atom, i = self.quantified(atom, i, verbose)
            if i == end and self.named and self.once(self.named):
                named[self.named] = len(items)
            if i == end and self.reference in named:
                # (?P<w>...)\s+(?P=w): the same text twice, not any two of the group's strings; the group
                # is then part of a larger piece, which a second reference cannot repeat
                k = named.pop(self.reference)
                doubled = _doubled(items[k], _join(items[k + 1 :]))
                if doubled is not None:
                    items[k:] = [doubled]
                    named = {name: at for name, at in named.items() if at < k}
                    continue
            items.append(atom)
            if self.cut_short(atom):
                return atom, self.rest(i)

    def once(self, name: str) -> bool:
        """Is `name` given to one group only (so that a reference to it means that group)?"""
        if self.names is None:
            self.names = collections.Counter(_ANY_NAME.findall(self.p))
        return self.names[name] == 1

    def cut_short(self, item: _Info) -> bool:
        """Reading for one document, can the rest of this branch be skipped? When `item` cannot match
        there, and the pattern has no comments that could hide a parenthesis from _REST."""
        return self.lower is not None and item.exact is not None and not item.exact and self.skippable

    def rest(self, i: int) -> int:
        """Where the branch that starts or continues at i ends (at its `|`, `)` or the end)."""
        m = _REST.match(self.p, i)
        return i if m is None else int(m.end())

    def literal(self, text: str) -> _Info:
        if text.isascii() or all(c == MARK or pattern_char_is_plain(c) for c in text):
            low = text.lower()
            if self.lower is not None and not self.present(low):
                return _exact(frozenset())
            return _exact(frozenset({low}))
        return _join([_exact(frozenset({c.lower()})) if pattern_char_is_plain(c) else _UNKNOWN for c in text])

    def quantified(self, atom: _Info, i: int, verbose: bool) -> tuple[_Info, int]:
        p, n = self.p, self.n
        j = self.skip(i, verbose)
        if j >= n:
            return atom, i
        c = p[j]
        hi: int | None
        if c == "*":
            lo, hi, j = 0, None, j + 1
        elif c == "+":
            lo, hi, j = 1, None, j + 1
        elif c == "?":
            lo, hi, j = 0, 1, j + 1
        elif c == "{":
            m = _QUANTIFIER.match(p, j)
            if not m:
                raise _Unsupported("brace")
            lo = int(m.group(1) or 0)
            if m.group(2):
                hi = int(m.group(3)) if m.group(3) else None
            elif m.group(1):
                hi = lo
            else:
                raise _Unsupported("empty braces")
            j = m.end()
        else:
            return atom, i
        if j < n and p[j] in "?+":  # lazy or possessive: the same strings
            j += 1
        if self.quantifier_at(self.skip(j, verbose)):
            raise _Unsupported("repeated quantifier")
        return _repeat(atom, lo, hi), j

    def atom(self, i: int, verbose: bool) -> tuple[_Info, int]:
        c = self.p[i]
        if c == "(":
            return self.group(i, verbose)
        if c == "[":
            return self.char_class(i, verbose)
        if c == "\\":
            return self.escape(i)
        if c == ".":
            return _UNKNOWN, i + 1
        if c in "^$":
            return _SEPARATOR, i + 1
        raise _Unsupported(f"unexpected {c!r}")  # a quantifier with nothing to repeat, a stray `]` or `{`

    def group(self, i: int, verbose: bool) -> tuple[_Info, int]:
        p = self.p
        m = _WORD_LIST.match(p, i)
        if m and not (verbose and (" " in m.group(2))):
            words = m.group(2)
            if words.isascii() or all(pattern_char_is_plain(c) for c in words.replace("\\s", "")):
                union = frozenset(words.replace("\\s", MARK).lower().split("|"))
                if self.lower is not None:
                    union = frozenset(w for w in union if self.present(w))
                if len(union) <= UNION:
                    self.named = m.group(1)
                    return _exact(union), m.end()
        if p.startswith("(?#", i):
            end = p.find(")", i)
            if end < 0:
                raise _Unsupported("comment")
            return self.invisible(end + 1, verbose)
        look = ""
        name = None
        if not p.startswith("(?", i):
            j = i + 1
        elif p.startswith(("(?:", "(?>"), i):
            j = i + 3
        elif p.startswith(("(?=", "(?!"), i):
            look, j = p[i + 2], i + 3
        elif p.startswith(("(?<=", "(?<!"), i):
            look, j = "<" + p[i + 3], i + 4
        elif m := _NAMED.match(p, i):
            j = m.end()
            name = m.group(1)
        elif m := _GROUP_REFERENCE.match(p, i):
            self.reference = m.group(1)
            return _UNKNOWN, m.end()
        elif (m := _FLAGS.match(p, i)) and m.group(3) == ":":
            j = m.end()
            if "x" in m.group(1):
                verbose = True
            elif m.group(2) and "x" in m.group(2):
                verbose = False
        elif m and m.group(3) == ")" and "x" not in m.group(1) + (m.group(2) or ""):
            return self.invisible(m.end(), verbose)  # a flag that does not change what the pattern spells
        else:
            raise _Unsupported("group syntax")
        body = j
        inner, j = self.alternation(j, verbose)
        if j >= self.n or p[j] != ")":
            raise _Unsupported("missing )")
        covers = self.word_class == (body, j)
        j += 1
        if not look:
            self.named = name
            return inner, j
        if look in ("!", "<!"):
            # (?![\w-]) and the like: no word character on that side, so no word runs across here
            return (_SEPARATOR if covers else _NOTHING), j
        if inner.exact is not None and not inner.exact:
            return inner, j  # (?=X) or (?<=X) where X cannot match
        # (?=X): the text here begins with X; (?<=X): the text before here ends with X
        if look == "=":
            strings = inner.exact if inner.exact is not None else inner.pre
            apart = _MARKS if _starts_apart(strings) else _NO_STRINGS
            return _Info(None, strings, apart, _fold(inner), zero=True), j
        strings = inner.exact if inner.exact is not None else inner.suf
        apart = _MARKS if _ends_apart(strings) else _NO_STRINGS
        return _Info(None, apart, strings, _fold(inner), zero=True), j

    def invisible(self, j: int, verbose: bool) -> tuple[_Info, int]:
        """A comment or flag group, which matches nothing; `regex` lets a quantifier after one apply to the
        piece before it, which this reading does not follow."""
        if self.quantifier_at(self.skip(j, verbose)):
            raise _Unsupported("quantifier after a flag or comment")
        return _NOTHING, j

    def char_class(self, i: int, verbose: bool) -> tuple[_Info, int]:
        p, n = self.p, self.n
        j = i + 1
        negated = j < n and p[j] == "^"
        if negated:
            j += 1
        chars: set[str] = set()
        listed = True  # every member is in `chars`
        word_category = False  # \w or \S: every word character is a member
        separators_only = True  # every member is a non-word character
        first = True
        while True:
            if j >= n:
                raise _Unsupported("unterminated class")
            c = p[j]
            if c == "]" and not first:
                j += 1
                break
            first = False
            if c == "[":
                end = p.find(":]", j) if p.startswith("[:", j) else -1
                if end < 0:
                    raise _Unsupported("nested set")
                listed = separators_only = False
                j = end + 2
                continue
            if p.startswith(("&&", "||", "--", "~~"), j):
                raise _Unsupported("set operation")
            if c == "\\":
                if j + 1 >= n:
                    raise _Unsupported("trailing backslash")
                e = p[j + 1]
                if e in "wSdDsW":
                    listed = False
                    word_category = word_category or e in "wS"
                    separators_only = separators_only and e in "sW"
                    j += 2
                    continue
                if e in "pP" or e in _HEX or e == "N" or e.isdigit():
                    j = self.property_end(j) if e in "pP" else self.code_end(j)
                    listed = separators_only = False
                    continue
                if e == "b":
                    ch = "\b"
                elif e in _CONTROL:
                    ch = _CONTROL[e]
                elif e.isascii() and e.isalnum():
                    raise _Unsupported(f"escape \\{e}")
                else:
                    ch = e
                j += 2
            elif verbose and c.isspace():
                listed = False  # literal or ignored: either way not a word character
                j += 1
                continue
            else:
                ch = c
                j += 1
            if p.startswith("-", j) and not p.startswith("-]", j):
                # a range: its members are not listed
                j += 1
                if p.startswith("\\", j):
                    j = self.code_end(j) if p[j + 1 : j + 2] in ("x", "u", "U", "N") else j + 2
                else:
                    j += 1
                listed = separators_only = False
                continue
            if not pattern_char_is_plain(ch):
                listed = separators_only = False
                continue
            low = ch.lower()
            chars.add(low)
            if _word_start(low):
                separators_only = False
        if negated:
            return (_SEPARATOR if word_category else _UNKNOWN), j
        if word_category:
            self.word_class = (i, j)
        if listed and chars and len(chars) <= 4:
            return _exact(frozenset(chars)), j
        if separators_only and (chars or not listed):
            return _SEPARATOR, j
        return _UNKNOWN, j

    def property_end(self, j: int) -> int:
        """The end of \\p{...} or \\pL at j."""
        if self.p.startswith("{", j + 2):
            end = self.p.find("}", j)
            if end < 0:
                raise _Unsupported("property")
            return end + 1
        return j + 3

    def code_end(self, j: int) -> int:
        """The end of a character code or group number (\\x41, \\u2019, \\N{...}, \\12) at j."""
        p = self.p
        e = p[j + 1]
        if e == "N" or (e in _HEX and p.startswith("{", j + 2)):
            end = p.find("}", j)
            if end < 0:
                raise _Unsupported("code")
            return end + 1
        if e in _HEX:
            return j + 2 + _HEX[e]
        k = j + 1
        while k < self.n and p[k].isdigit():
            k += 1
        return k

    def escape(self, i: int) -> tuple[_Info, int]:
        p = self.p
        if i + 1 >= self.n:
            raise _Unsupported("trailing backslash")
        e = p[i + 1]
        if e in "bAZmMsW":
            return _SEPARATOR, i + 2
        if e in "wS":
            self.word_class = (i, i + 2)
            return _UNKNOWN, i + 2
        if e in "dDX":
            return _UNKNOWN, i + 2
        if e in "BK":  # not a boundary; \K (keep out): what is before it is still matched, right before
            return _NOTHING, i + 2
        if e in "pP":
            return _UNKNOWN, self.property_end(i)
        if e in _HEX or e == "N" or e.isdigit():
            return _UNKNOWN, self.code_end(i)
        if e == "g" and p.startswith("<", i + 2):
            end = p.find(">", i)
            if end < 0:
                raise _Unsupported("group reference")
            return _UNKNOWN, end + 1
        if e in _CONTROL:
            return self.literal(_CONTROL[e]), i + 2
        if e.isascii() and e.isalnum():
            raise _Unsupported(f"escape \\{e}")
        return self.literal(e), i + 2


def pattern_query(pattern: str, flags: int = 0) -> Query:
    """What a plain document (DocIndex.clean) must hold for `pattern` to match in it; None when nothing is known.
    Kept between runs (query_memo): it depends on nothing but the pattern, its flags and this module."""
    from .query_memo import memo

    query: Query = memo().get(pattern, flags, lambda: derive_query(pattern, flags))
    return query


def derive_query(pattern: str, flags: int = 0) -> Query:
    """pattern_query, worked out."""
    if flags & ~(regex.IGNORECASE | regex.MULTILINE | regex.DOTALL):
        return None
    try:
        return _fold(_Parser(pattern).parse())
    except (_Unsupported, RecursionError):
        return None


def pattern_admits(pattern: str, flags: int, ix: DocIndex) -> bool:
    """pattern_query(pattern, flags) tested on one plain document, worked out for that document alone: the
    literals it lacks are dropped while the pattern is read, which keeps the sets small, so this is several
    times cheaper than the query itself when only one document is checked."""
    if flags & ~(regex.IGNORECASE | regex.MULTILINE | regex.DOTALL):
        return True
    try:
        q = _fold(_Parser(pattern, ix).parse())
    except (_Unsupported, RecursionError):
        return True
    return _query_holds(q, ix)


def _query_holds(q: Query, ix: DocIndex) -> bool:
    """holds() without compiling: for the small queries of one document's reading."""
    if q is None:
        return True
    op, arg = q
    if op == "&":
        return all(_query_holds(sub, ix) for sub in arg)
    if op == "|":
        return any(_query_holds(sub, ix) for sub in arg)
    return _holds(q, ix)


class DocIndex:
    """A document's words and adjacent word pairs (lower-cased, split as Document.word_set is; a pair is the
    two words with a space between, a string whose hash Python keeps, unlike a tuple's), and whether its
    characters are plain enough for word queries (char_is_plain)."""

    __slots__ = ("_successors", "_tokens", "atoms", "clean", "lower", "pairs", "words")

    def __init__(self, text: str, lower: str, words: frozenset[str], tokens: list[str] | None = None) -> None:
        self.clean = text.isascii() or all(c.isascii() or char_is_plain(c) for c in set(text))
        self.lower = lower
        self.words = words
        # `tokens`: _WORD.findall(lower), when the caller has them
        self._tokens = (_WORD.findall(lower) if tokens is None else tokens) if self.clean else []
        self.pairs = set(map(" ".join, itertools.pairwise(self._tokens)))
        # words and pairs in one set, for WordFilter's first test
        self.atoms: set[str] = self.pairs | words
        self._successors: dict[str, set[str]] | None = None

    def successors(self) -> dict[str, set[str]]:
        """Each word's set of words that directly follow it somewhere."""
        if self._successors is None:
            self._successors = {}
            for a, b in itertools.pairwise(self._tokens):
                self._successors.setdefault(a, set()).add(b)
        return self._successors


def doc_index(doc: Any) -> DocIndex:
    """The document's index, built once and kept in its cache."""
    ix = doc.cache.get("prefilter.index")
    if ix is None:
        ix = doc.cache["prefilter.index"] = DocIndex(doc.text, doc.lower, doc.word_set, doc.lower_words)
    return ix  # type: ignore[no-any-return]


def holds(q: Query, ix: DocIndex) -> bool:
    """Does the indexed document satisfy the query? (Only meaningful when ix.clean.)"""
    return _holds(_compile(q), ix)


# A compiled query: ("w", word) / ("b", pair) / ("s", text) / ("j", (words, next words)) atoms; ("&", nodes,
# words and pairs, rest): the nodes with the most selective first, and apart the words and pairs among them (one
# subset test) and the rest; and ("|", by_atom, atom_keys, by_text, guarded, direct): an alternative that
# needs a word or pair (text) is filed under it and tried only when the document holds that key, the keys
# that are alternatives by themselves (`direct`) admit at once; the others carry the keys one of which they
# need (see _keys), tested before they are.
Node = tuple[Any, ...]
_TRUE: Node = ("&", (), frozenset(), ())


def _and_node(nodes: Sequence[Node]) -> Node:
    subs = tuple(sorted(nodes, key=_node_rank))
    atoms = frozenset(n[1] for n in subs if n[0] in "wb")
    return ("&", subs, atoms, tuple(n for n in subs if n[0] not in "wb"))


# a join of at most this many word pairs is compiled as the pairs (the shipped packs' largest: 2,728)
JOIN_PAIRS_MAX = 4096
Keys = tuple[frozenset[Any], tuple[str, ...]]


def _compile(q: Query) -> Node:
    if q is None:
        return _TRUE
    op, arg = q
    if op == "&":
        return _and_node([_compile(sub) for sub in arg])
    if op == "|":
        by_atom: dict[Any, list[Node]] = {}
        by_text: dict[str, list[Node]] = {}
        guarded: list[tuple[Keys | None, Node]] = []
        for sub in arg:
            node = _compile(sub)
            key = _node_key(node)
            if key is not None:
                (by_text if key[0] == "s" else by_atom).setdefault(key[1], []).append(node)
                continue
            keys = _keys(node)
            if keys is None or keys[1]:
                guarded.append((keys, node))
            else:
                # filed under each of its keys: tried (perhaps more than once) when one is there
                for atom in keys[0]:
                    by_atom.setdefault(atom, []).append(node)
        return (
            "|",
            {k: tuple(v) for k, v in by_atom.items()},
            frozenset(by_atom),
            tuple((k, tuple(v)) for k, v in by_text.items()),
            tuple(guarded),
            frozenset(k for k, v in by_atom.items() if any(n[0] in "wb" for n in v)),
        )
    if op == "j" and len(arg[0]) * len(arg[1]) <= JOIN_PAIRS_MAX:
        # the join as the word pairs it stands for: one set test against the document's pairs, where the
        # join itself needs each word's successors, a table built per document
        pairs = frozenset(f"{a} {b}" for a in arg[0] for b in arg[1])
        return ("|", {p: (("b", p),) for p in pairs}, pairs, (), (), pairs)
    return q


def _node_rank(node: Node) -> tuple[int, int]:
    """Most selective first: a pair of uncommon words, a pair with one, an uncommon word (longer first), a pair
    of common words, a substring (a scan of the text), then composite queries."""
    kind, value = node[0], node[1]
    if kind == "b":
        first, second = value.split(" ")
        common = (first in _COMMON) + (second in _COMMON)
        return (3 if common == 2 else common, 0)
    if kind == "j":
        return (1, 0)
    if kind == "w":
        return (2, -len(value))
    return (4, -len(value)) if kind == "s" else (5, 0)


def _node_key(node: Node) -> tuple[str, Any] | None:
    """A word, pair or text (not a join) the node cannot hold without."""
    if node[0] in "wbs":
        return node
    if node[0] == "&":
        for sub in node[1]:
            if sub[0] in "wbs":
                return sub  # type: ignore[no-any-return]
    return None


_KEY_WEIGHT = {"b": 1, "w": 4, "s": 50}


def _keys(node: Node) -> Keys | None:
    """Words and pairs, and texts, one of which every document the node admits holds; None when unknown."""
    found = _key_atoms(node)
    if found is None:
        return None
    return (
        frozenset(a[1] for a in found if a[0] != "s"),
        tuple(sorted({a[1] for a in found if a[0] == "s"})),
    )


def _key_atoms(node: Node) -> set[Any] | None:
    op = node[0]
    if op in _KEY_WEIGHT:
        return {node}
    if op == "j":
        return {("w", w) for w in node[1][0]}
    if op == "&":
        best: set[Any] | None = None
        best_weight = 0
        for sub in node[1]:
            k = _key_atoms(sub)
            if k is not None:
                weight = sum(_KEY_WEIGHT[a[0]] for a in k)
                if best is None or weight < best_weight:
                    best, best_weight = k, weight
        return best
    atom_keys, by_text, guarded = node[2], node[3], node[4]
    out: set[Any] = {("b" if " " in a else "w", a) for a in atom_keys}
    out.update(("s", t) for t, _ in by_text)
    for keys, _ in guarded:
        if keys is None:
            return None
        out.update(("b" if " " in a else "w", a) for a in keys[0])
        out.update(("s", t) for t in keys[1])
    return out


def _may_hold(keys: Keys | None, ix: DocIndex) -> bool:
    return keys is None or not keys[0].isdisjoint(ix.atoms) or any(t in ix.lower for t in keys[1])


def _holds(node: Node, ix: DocIndex) -> bool:
    op = node[0]
    if op == "w":
        return node[1] in ix.words
    if op == "b":
        return node[1] in ix.pairs
    if op == "s":
        return node[1] in ix.lower
    if op == "j":
        words, following = node[1]
        successors = ix.successors()
        return any(not following.isdisjoint(successors.get(word, ())) for word in words & ix.words)
    if op == "&":
        # its words and pairs in one subset test (a word has no space, a pair one: they cannot be confused)
        if not node[2] <= ix.atoms:
            return False
        for sub in node[3]:  # noqa: SIM110 - a plain loop: this is the hot path
            if not _holds(sub, ix):
                return False
        return True
    _, by_atom, atom_keys, by_text, guarded, direct = node
    if not direct.isdisjoint(ix.atoms):
        return True
    if not atom_keys.isdisjoint(ix.atoms):
        for atom in atom_keys & ix.atoms:
            for sub in by_atom[atom]:
                if _holds(sub, ix):
                    return True
    for text, subs in by_text:
        if text in ix.lower:
            for sub in subs:
                if _holds(sub, ix):
                    return True
    for keys, sub in guarded:  # noqa: SIM110 - a plain loop: this is the hot path
        if _may_hold(keys, ix) and _holds(sub, ix):
            return True
    return False


class WordFilter:
    """A query compiled for quick tests against document indexes: first one set intersection with its key
    words and pairs (one of which every satisfying document holds), then, rarely, the query itself."""

    __slots__ = ("keys", "node")

    def __init__(self, query: Query) -> None:
        self.node = _compile(query)
        self.keys = _keys(self.node)

    def admits(self, ix: DocIndex) -> bool:
        return _may_hold(self.keys, ix) and _holds(self.node, ix)


# A piece of a document (a line, a sentence) as word tests read it: its lower-cased \w+ runs, as DocIndex has
# a document's words, and its lower-cased text (for the texts among the keys)
TextWords = tuple[frozenset[str], str]


def text_words(text: str) -> TextWords:
    """A line or a sentence as `may_hold_words` reads it (only meaningful in a document whose index is clean)."""
    lower = text.lower()
    return frozenset(_WORD.findall(lower)), lower


def word_keys(pattern: str, flags: int = 0, every_word: bool = False) -> Keys | None:
    """The pattern's keys (WordFilter.keys) for pieces of text known by their words alone (text_words): a word
    pair stands for the rarer of its two words, which any text holding the pair holds.

    `every_word`: the words found in nearly every document ('they', 'were'), which a document's query leaves
    out, count too (every_word_query): a sentence holds few words, so they tell sentences apart.
    """
    keys = WordFilter(every_word_query(pattern, flags) if every_word else pattern_query(pattern, flags)).keys
    if keys is None:
        return None
    return frozenset(_rarer(a) if " " in a else a for a in keys[0]), keys[1]


# the query_memo key of a query with every word counted: the flags with a bit no regex flag uses
_EVERY_WORD_KEY = 1 << 40


def every_word_query(pattern: str, flags: int = 0) -> Query:
    """pattern_query with the words of nearly every document kept ('they', 'were'): for pieces of a document.
    Kept between runs beside pattern_query's (query_memo)."""
    from .query_memo import memo

    def derive() -> Query:
        with _every_word():
            return derive_query(pattern, flags)

    query: Query = memo().get(pattern, int(flags) | _EVERY_WORD_KEY, derive)
    return query


@contextlib.contextmanager
def _every_word() -> Iterator[None]:
    """_string_query keeps every word meanwhile (with a table of its own)."""
    global _skipped_words, _string_queries
    saved = _skipped_words, _string_queries
    _skipped_words, _string_queries = frozenset(), _every_word_queries
    try:
        yield
    finally:
        _skipped_words, _string_queries = saved


def _rarer(pair: str) -> str:
    from .lexicon import zipf

    first, second = pair.split(" ", 1)
    return first if zipf(first) <= zipf(second) else second


def may_hold_words(keys: Keys | None, piece: TextWords) -> bool:
    """Can a pattern with these keys (word_keys) match in this piece of text? `_may_hold` for a line or a
    sentence."""
    if keys is None or not keys[0].isdisjoint(piece[0]):
        return True
    # a plain loop, and none for the many keys without texts: this runs for every pattern of every line
    lower = piece[1]
    for t in keys[1]:  # noqa: SIM110
        if t in lower:
            return True
    return False


class KeyIndex:
    """Which of many filters may admit a document, found with one set intersection per document.

    Each filter is given by its keys (WordFilter.keys: words and pairs, and texts, one of which a document
    must hold for the filter to admit it; None when it has none). `candidates` returns the positions of the
    filters whose keys the document holds, and of those without keys: the same as testing `_may_hold` for
    each filter, without a test per filter. Only meaningful for a clean index (ix.clean).
    """

    __slots__ = ("always", "atoms", "by_atom", "by_text")

    def __init__(self, keys: Sequence[Keys | None]) -> None:
        self.always = frozenset(i for i, k in enumerate(keys) if k is None)
        by_atom: dict[str, list[int]] = {}
        by_text: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            if k is not None:
                for atom in k[0]:
                    by_atom.setdefault(atom, []).append(i)
                for text in k[1]:
                    by_text.setdefault(text, []).append(i)
        self.by_atom = {a: tuple(ids) for a, ids in by_atom.items()}
        self.by_text = tuple((t, tuple(ids)) for t, ids in by_text.items())
        self.atoms = frozenset(by_atom)

    def candidates(self, ix: DocIndex) -> set[int]:
        found = set(self.always)
        by_atom = self.by_atom
        for atom in self.atoms.intersection(ix.atoms):
            found.update(by_atom[atom])
        lower = ix.lower
        for text, ids in self.by_text:
            if text in lower:
                found.update(ids)
        return found


class PatternFilter:
    """The word test of one pattern, worked out as documents come: the first is checked by a reading of the
    pattern for that document alone (pattern_admits, cheap when a run checks one file); the second builds
    the pattern's query and compiles it (WordFilter) for the rest. A pickled filter carries the query, not
    the compiled form, which is several times larger and slower to load: after loading, the first document
    is checked against the bare query and the second compiles it."""

    __slots__ = ("_filter", "_query", "_used", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._query: Query | bool = False  # False: not built yet
        self._filter: WordFilter | None = None
        self._used = False

    def admits(self, ix: DocIndex) -> bool:
        if self._filter is not None:
            return self._filter.admits(ix)
        if not self._used:
            self._used = True
            if self._query is False:
                from .query_memo import memo

                if not memo().has(self.pattern, self.flags):
                    return pattern_admits(self.pattern, self.flags, ix)
                self._query = pattern_query(self.pattern, self.flags)  # a previous run derived it
            return _query_holds(self._query, ix)  # type: ignore[arg-type]
        return self.compiled().admits(ix)

    def query(self) -> Query:
        if self._query is False:
            self._query = pattern_query(self.pattern, self.flags)
        return self._query  # type: ignore[return-value]

    def compiled(self) -> WordFilter:
        if self._filter is None:
            self._filter = WordFilter(self.query())
        return self._filter

    def __getstate__(self) -> tuple[str, int, Query]:
        return (self.pattern, self.flags, self.query())

    def __setstate__(self, state: tuple[str, int, Query]) -> None:
        self.pattern, self.flags, self._query = state
        self._filter = None
        self._used = False
