"""A Python `regex` pattern rewritten as a Hyperscan expression that matches wherever the pattern matches.

Candidate selection only asks whether a pattern may match somewhere, so the rewrite may widen a pattern but
never narrow it. Each step widens or keeps the language: zero-width assertions (lookarounds, \\b, \\K) are
dropped, except a positive lookbehind that opens a top-level branch or a positive lookahead that closes one,
whose text is read as the expression's own (it stands beside every match of the pattern); bounded repeats
lose their upper bound (compiling a large `{0,12}` costs Hyperscan seconds); back-references become "any
text"; \\w, \\d, \\s stand for their ASCII members plus every non-ASCII character, which keeps Hyperscan in its
cheap ASCII classes (Unicode classes made compiling eight times slower) and inside a negated class for their
ASCII members only, so the negation stays wide; case variants that Hyperscan's ASCII folding would miss
(the Kelvin sign for "k", "É" for "é") are spelled out. What the reader does not know (recursion,
conditionals, fuzzy matching, an unknown escape) gives None: the pattern is then always a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex
from regex._regex import get_all_cases

MAX = 0x10FFFF
_CASES = regex.IGNORECASE | regex.UNICODE
_NON_ASCII = ((0x80, MAX),)
Ranges = tuple[tuple[int, int], ...]


class Unsupported(Exception):
    """Syntax the rewrite does not model: the pattern stays an unconditional candidate."""


def _ascii(test: str) -> Ranges:
    """The ASCII characters the `regex` class `test` matches, as ranges (the engine itself decides)."""
    rx = regex.compile(test)
    codes = [c for c in range(128) if rx.match(chr(c))]
    out: list[tuple[int, int]] = []
    for c in codes:
        if out and out[-1][1] == c - 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return tuple(out)


# Per class escape: (a superset of what it matches, a subset of it). The superset serves where a character
# must be matched, the subset inside a negated class, where less excluded means more matched.
_CLASSES: dict[str, tuple[Ranges, Ranges]] = {}
for _name in "wdsWDS":
    _members = _ascii(rf"\{_name}")
    _CLASSES[_name] = (_members + _NON_ASCII, _members)
_ANY: Ranges = ((0, MAX),)
_ZERO_WIDTH = frozenset("bBAZGmMK")
_CONTROL = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_NAME = re.compile(r"\(\?P?<([A-Za-z_]\w*)>")
_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]+))?([:)])")
_OCTAL = re.compile(r"[0-7]{1,3}")
# a digit escape other than \0 is a back-reference unless three octal digits make it a character (\101 is 'A')
_OCTAL_CHARACTER = re.compile(r"[0-7]{3}")
_LEADING = re.compile(r"(?:\(\?[a-zA-Z]+\))*")


def _variants(code: int) -> list[int]:
    return sorted(set(get_all_cases(_CASES, code)) | {code})


def _escape(code: int) -> str:
    c = chr(code)
    return c if c.isascii() and c.isalnum() else f"\\x{{{code:x}}}"


def _class(ranges: Ranges | list[tuple[int, int]], negated: bool = False) -> str:
    parts = [_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in sorted(ranges)]
    if not parts:
        raise Unsupported("a class with no member")
    return "[" + ("^" if negated else "") + "".join(parts) + "]"


@dataclass
class _Reader:
    pattern: str
    caseless: bool
    verbose: bool
    i: int = 0
    out: list[str] = field(default_factory=list)

    def peek(self, n: int = 1) -> str:
        return self.pattern[self.i : self.i + n]

    def literal(self, code: int) -> str:
        """One character, with the case variants Hyperscan's ASCII folding would not find."""
        codes = _variants(code) if self.caseless else [code]
        if len(codes) == 1 or all(chr(c).isascii() for c in codes):
            return _escape(code)
        return _class([(c, c) for c in codes])

    def sequence(self, depth: int) -> str:
        """Read up to the `)` closing the group at `depth` (or the end at depth 0); the expression read."""
        out: list[str] = []
        atom = False  # whether the last item may take a quantifier
        while self.i < len(self.pattern):
            c = self.pattern[self.i]
            if c == ")":
                if depth == 0:
                    raise Unsupported("unbalanced )")
                self.i += 1
                return "".join(out)
            if self.verbose and (c.isspace() or c == "#"):
                self.skip_verbose()
                continue
            if c in "*+?{":
                quantifier = self.quantifier()
                if quantifier is None:  # a { that is no quantifier is a literal
                    self.i += 1
                    out.append("\\{")
                    atom = True
                elif atom:
                    out.append(quantifier)
                    atom = False
                continue  # a quantifier of a dropped assertion goes with it
            if c == "|":
                self.i += 1
                out.append("|")
                atom = False
                continue
            item = self.atom(depth, at_start=not out or out[-1] == "|")
            atom = item is not None
            if item:
                out.append(item)
        if depth:
            raise Unsupported("unbalanced (")
        return "".join(out)

    def kept_as_text(self, opening: str, depth: int, at_start: bool) -> bool:
        """Is the positive lookaround just read at an edge of a top-level branch, where the text it asks for
        may be read as part of the expression? A lookbehind that opens the branch (unquantified) is text just
        before the match, a lookahead that closes it text just after: the pattern's match and that text stand
        side by side wherever the pattern matches, so the expression still matches there (and the scan of a
        line alone or of the whole text sees the text the lookaround saw). Anywhere else the text it asks for
        overlaps what follows it, and it is dropped."""
        if depth or self.verbose:
            return False
        after = self.peek()
        if opening == "(?<=":
            return at_start and after not in ("*", "+", "?", "{")
        return opening == "(?=" and after in ("", "|")

    def skip_verbose(self) -> None:
        if self.pattern[self.i] == "#":
            end = self.pattern.find("\n", self.i)
            self.i = len(self.pattern) if end < 0 else end + 1
        else:
            self.i += 1

    def quantifier(self) -> str | None:
        """`*`, `+`, `?` or a bounded repeat widened to no upper bound; lazy and possessive marks dropped."""
        c = self.pattern[self.i]
        if c == "{":
            m = _QUANTIFIER.match(self.pattern, self.i)
            if m is None or not (m.group(1) or m.group(2)):
                if regex.match(r"\{\s*[eisd]", self.pattern[self.i :]):
                    raise Unsupported("fuzzy matching")
                return None
            self.i = m.end()
            text = "{" + (m.group(1) or "0") + ",}"
        else:
            self.i += 1
            text = c
        if self.peek() in ("?", "+"):
            self.i += 1
        return text

    def atom(self, depth: int, at_start: bool = False) -> str | None:
        """One atom; None for a dropped zero-width one (so that its quantifier goes too). `at_start`: the atom
        opens a branch of its sequence."""
        c = self.pattern[self.i]
        if c == "\\":
            return self.escape()
        if c == "[":
            return self.char_class()
        if c == "(":
            return self.group(depth, at_start)
        self.i += 1
        if c in ".^$":
            return c
        return self.literal(ord(c))

    def group(self, depth: int, at_start: bool = False) -> str | None:
        p, i = self.pattern, self.i
        if not p.startswith("(?", i):
            self.i += 1
            return "(?:" + self.sequence(depth + 1) + ")"
        name = _NAME.match(p, i)
        if name is not None:
            self.i = name.end()
            return "(?:" + self.sequence(depth + 1) + ")"
        for opening in ("(?=", "(?!", "(?<=", "(?<!"):
            if p.startswith(opening, i):
                self.i += len(opening)
                inner = self.sequence(depth + 1)  # read for its syntax, then dropped (zero width) unless kept
                return "(?:" + inner + ")" if inner and self.kept_as_text(opening, depth, at_start) else None
        if p.startswith("(?>", i):
            self.i += 3
            return "(?:" + self.sequence(depth + 1) + ")"
        if p.startswith("(?#", i):
            end = p.find(")", i)
            if end < 0:
                raise Unsupported("unclosed comment")
            self.i = end + 1
            return ""
        if p.startswith("(?P=", i):
            end = p.find(")", i)
            if end < 0:
                raise Unsupported("unclosed reference")
            self.i = end + 1
            return "(?s:.*)"
        flags = _FLAGS.match(p, i)
        if flags is None:
            raise Unsupported(f"group syntax {p[i : i + 4]!r}")
        on, off, close = flags.groups()
        if set(on + (off or "")) - set("imsxaLu"):
            raise Unsupported(f"flags {on!r}")
        self.i = flags.end()
        # x is applied here (the output has no white space to ignore); a, L, u only narrow \w and \s
        keep_on = "".join(f for f in on if f in "ims")
        keep_off = "".join(f for f in (off or "") if f in "ims")
        head = "(?" + keep_on + ("-" + keep_off if keep_off else "")
        if close == ")":
            return head + ")" if keep_on or keep_off else ""
        return head + ":" + self.sequence(depth + 1) + ")"

    def escape(self) -> str | None:
        p = self.pattern
        e = p[self.i + 1 : self.i + 2]
        if not e:
            raise Unsupported("trailing backslash")
        if e in _ZERO_WIDTH:
            self.i += 2
            return None
        if e in _CLASSES:
            self.i += 2
            return _class(_CLASSES[e][0])
        if e in "pP":
            self.property_end()
            return _class(_ANY)
        if e == "X":
            self.i += 2
            return _class(_ANY) + "+"
        if e.isdigit() and e != "0" and not _OCTAL_CHARACTER.fullmatch(p[self.i + 1 : self.i + 4]):
            m = re.match(r"\d{1,2}", p[self.i + 1 :])
            assert m is not None
            self.i += 1 + m.end()
            return "(?s:.*)"  # a back-reference: any text
        if e == "g" and p.startswith("<", self.i + 2):
            end = p.find(">", self.i)
            if end < 0:
                raise Unsupported("unclosed \\g<")
            self.i = end + 1
            return "(?s:.*)"
        return self.literal(self.char_escape())

    def property_end(self) -> None:
        p = self.pattern
        if p.startswith("{", self.i + 2):
            end = p.find("}", self.i)
            if end < 0:
                raise Unsupported("unclosed \\p{")
            self.i = end + 1
        else:
            self.i += 3

    def char_escape(self) -> int:
        """The code of the one character an escape stands for (\\n, \\x41, \\u00e9, \\N{...}, \\012, \\.)."""
        p, i = self.pattern, self.i
        e = p[i + 1]
        sizes = {"x": 2, "u": 4, "U": 8}
        if e in sizes:
            if e == "x" and p.startswith("{", i + 2):
                end = p.find("}", i)
                digits = p[i + 3 : end]
                self.i = end + 1
            else:
                digits = p[i + 2 : i + 2 + sizes[e]]
                self.i = i + 2 + sizes[e]
            try:
                return int(digits, 16)
            except ValueError:
                raise Unsupported(f"escape \\{e}{digits}") from None
        if e == "N" and p.startswith("{", i + 2):
            import unicodedata

            end = p.find("}", i)
            self.i = end + 1
            try:
                return ord(unicodedata.lookup(p[i + 3 : end]))
            except KeyError:
                raise Unsupported("unknown character name") from None
        octal = _OCTAL.match(p, i + 1)
        if octal is not None:
            self.i = octal.end()
            return int(octal.group(), 8)
        self.i = i + 2
        if e in _CONTROL:
            return _CONTROL[e]
        if e.isascii() and e.isalnum():
            raise Unsupported(f"escape \\{e}")
        return ord(e)

    def char_class(self) -> str:
        p = self.pattern
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        ranges: list[tuple[int, int]] = []
        first = True
        while True:
            if self.i >= len(p):
                raise Unsupported("unclosed [")
            c = p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            posix = regex.match(r"\[:\^?[a-z]+:\]", p[self.i :])
            if posix is not None:
                self.i += posix.end()
                if not negated:
                    ranges.extend(_ANY)
                continue
            low = self.class_member(negated, ranges)
            if low is None:
                continue
            if self.peek() == "-" and p[self.i + 1 : self.i + 2] not in ("]", ""):
                self.i += 1
                high = self.class_member(negated, ranges)
                if high is None or high < low:
                    raise Unsupported("a range to a class")
                self.add(ranges, low, high, negated)
            else:
                self.add(ranges, low, low, negated)
        if not ranges:
            if negated:
                return _class(_ANY)
            raise Unsupported("an empty class")
        return _class(ranges, negated)

    def class_member(self, negated: bool, ranges: list[tuple[int, int]]) -> int | None:
        """One character of a class (its code), or None after adding a class escape's ranges itself."""
        p = self.pattern
        c = p[self.i]
        if c != "\\":
            self.i += 1
            return ord(c)
        e = p[self.i + 1 : self.i + 2]
        if e in _CLASSES:
            self.i += 2
            ranges.extend(_CLASSES[e][1 if negated else 0])
            return None
        if e in "pP":
            self.property_end()
            if not negated:
                ranges.extend(_ANY)
            return None
        if e == "b":  # a backspace inside a class
            self.i += 2
            return 8
        return self.char_escape()

    def add(self, ranges: list[tuple[int, int]], low: int, high: int, negated: bool) -> None:
        ranges.append((low, high))
        if not self.caseless or negated:
            return  # a negated class that misses a variant excludes less: wider, as it may be
        if high - low > 0x400:
            ranges.extend(_NON_ASCII)
            return
        for code in range(low, high + 1):
            ranges.extend((v, v) for v in _variants(code) if v >= 0x80)


def prefilter_expression(pattern: str, caseless: bool = False) -> str | None:
    """A Hyperscan expression (UTF-8 mode, without UCP) matching wherever `pattern` matches; None if unknown."""
    leading = _LEADING.match(pattern)
    assert leading is not None
    groups = list(_FLAGS.finditer(pattern))
    # a flag seen anywhere counts everywhere for case (more variants only widen); white space is ignored only
    # under a leading (?x), as a pattern that turns it on later is not modelled
    caseless = caseless or any("i" in m.group(1) for m in groups)
    verbose = "x" in leading.group()
    if any("x" in m.group(1) for m in groups if m.start() >= leading.end()) or "V1" in pattern:
        return None
    try:
        return _Reader(pattern, caseless, verbose).sequence(0)
    except (Unsupported, RecursionError, ValueError, IndexError):
        return None
