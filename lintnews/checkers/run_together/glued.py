"""Joins at punctuation or digits: `used,which`, `September30`, `3The`, `VMand`, `(AFP)said`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .splits import Splitter
from .vocab import Vocab
from .words import GLUE_AFTER_NUMBER, GLUE_BEFORE_NUMBER, SENTENCE_STARTERS, UNITS

# Joins at punctuation or digits (checked only in tokens where one of GLUE_HINTS matches).
# (Three patterns, each starting with a narrow character class, which `re` scans for quickly.)
GLUE_HINTS = (
    re.compile(r"[,;:(][^\W_]|\)[^\W\d_]"),
    re.compile(r"\d(?:[^\W\d_]|(?<=[^\W\d_]\d))"),
    re.compile(r"[A-Z]{2}[a-z]"),
)
_PUNCT_GLUE = re.compile(r"([^\W\d_]+)([)\]\"”’]?[,;:])([^\W\d_]+)")
# `Neumann,2003`, `May 23,2004`: a year glued after a comma (never a thousands group: four digits)
_COMMA_YEAR = re.compile(r"(?<![\w,.])([^\W\d_]{2,}|\d{1,2})(,)(?:1[89]|20)\d\d(?![\w,.])")
# `friends(Linguistic`, `Apple(AAPL)`: a bracket glued to the word before it; `f(x)`, `item(s)` are not
_OPEN_PAREN = re.compile(r"(?<![\w.])([^\W\d_]{2,})\([A-Z][^\W\d_]*")
# `Padmanabhan,G.`, `Washington,D.C.`, `base,e.g.`: a comma glued to an initial or an abbreviation
_COMMA_INITIAL = re.compile(r"([^\W\d_]{3,})(,)(?:[A-Z]\.|(?:e\.g|i\.e)\.)")
# `Table 4:The`, `910.2:World`: a number, a colon and a word
_NUM_COLON = re.compile(r"(\d+)([:;])([A-Z][^\W\d_]{2,})(?![\w])")
# `(2002)are`, `(AFP)said`: a word glued after a bracket; `(s)he`, `(multi)media` are words
_CLOSE_PAREN = re.compile(r"\(([^()\s]{2,})\)([a-z]{2,})(?![\w])")
_NUM_WORD = re.compile(r"(?<![\w.,])(\d+)([^\W\d_]{2,})(?![\w])")
_WORD_NUM = re.compile(r"(?<![\w])([^\W\d_]{2,})(\d{1,4}(?:st|nd|rd|th)?)(?![\w])")
_ACRONYM_WORD = re.compile(r"(?<![\w])([A-Z]{2,})(and|the|for|with|that|which|was|were|from|who|has|had|have)(?![\w])")


def glued(token: str, vocab: Vocab, splitter: Splitter) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, replacement, safe) of each join inside `token` at a comma, digit or acronym."""
    for m in _PUNCT_GLUE.finditer(token):
        left, punct, right = m.group(1), m.group(2), m.group(3)
        if punct[-1] == ":" and (len(left) < 3 or not right[0].isupper()):
            continue  # key:value, re:Invent; a colon is glued only before a capital (`note:The`)
        if left.isupper() or (len(right) > 1 and right.isupper()):
            continue  # lists of codes: (PATID,SEX,AGE); TL;DR
        if right not in ("a", "A", "I") and splitter.part_zipf(right.lower(), vocab, left=True) < splitter.min_zipf:
            continue
        if len(left) < 2 or splitter.part_zipf(left.lower(), vocab, left=True) < splitter.min_zipf:
            continue  # OCR debris: ui;ions
        # a comma or semicolon between two words always takes a space after it
        safe = punct[-1] != ":" and left.islower() and right.islower()
        yield _spaced(token, m.start(), m.end(), m.end(2), safe)
    for m in _COMMA_YEAR.finditer(token):
        yield _spaced(token, m.start(), m.end(), m.end(2))
    for m in _COMMA_INITIAL.finditer(token):
        yield _spaced(token, m.start(), m.end(), m.end(2))
    for m in _NUM_COLON.finditer(token):
        if splitter.part_zipf(m.group(3).lower(), vocab, left=True) >= splitter.min_zipf:
            yield _spaced(token, m.start(), m.end(), m.end(2))
    for m in _CLOSE_PAREN.finditer(token):
        inside = m.group(1)
        if inside.isalpha() and inside.islower():
            continue  # (s)he, (multi)media
        if splitter.part_zipf(m.group(2), vocab, left=True) >= splitter.min_zipf:
            yield _spaced(token, m.start(), m.end(), m.start(2))
    for m in _OPEN_PAREN.finditer(token):
        if not m.group(1).isupper() and splitter.part_zipf(m.group(1).lower(), vocab, left=True) >= splitter.min_zipf:
            yield _spaced(token, m.start(), m.end(), m.end(1))
    for m in _NUM_WORD.finditer(token):
        word = m.group(2)
        # `1990and`, `3The`, `30soldiers`; never a unit or an abbreviation (`5bn`, `10kph`, `3rd`)
        if (
            word in GLUE_AFTER_NUMBER
            or (word.lower() in SENTENCE_STARTERS and word[1:].islower() and word[0].isupper())
            or (word.islower() and len(word) >= 4 and word not in UNITS and splitter.zipf(word) >= 3.5)
        ):
            yield m.start(1), m.end(), f"{m.group(1)} {word}", False
    for m in _WORD_NUM.finditer(token):
        word = m.group(1)
        if word.lower() in GLUE_BEFORE_NUMBER and (word.islower() or word[1:].islower()):
            yield m.start(), m.end(), f"{word} {m.group(2)}", False
    for m in _ACRONYM_WORD.finditer(token):
        yield m.start(), m.end(), f"{m.group(1)} {m.group(2)}", False


def _spaced(token: str, start: int, end: int, gap: int, safe: bool = False) -> tuple[int, int, str, bool]:
    """The span [start, end) of `token` with a space put back at `gap`, as `_glued` yields it."""
    return start, end, token[start:gap] + " " + token[gap:end], safe
