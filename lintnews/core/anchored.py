"""finditer tried only near the hits of a cheap anchor pattern that every match must hold: the same matches."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, overload

import regex


def run_back(chars: str) -> regex.Pattern[str]:
    """The reverse search that finds the run of `chars` (a character-class body) ending at a position."""
    return regex.compile(rf"(?r)[{chars}]+")


@overload
def anchored_finditer(
    pattern: re.Pattern[str], anchor: re.Pattern[str] | regex.Pattern[str], back: regex.Pattern[str], text: str
) -> Iterator[re.Match[str]]: ...


@overload
def anchored_finditer(
    pattern: regex.Pattern[str], anchor: re.Pattern[str] | regex.Pattern[str], back: regex.Pattern[str], text: str
) -> Iterator[regex.Match[str]]: ...


def anchored_finditer(pattern: Any, anchor: Any, back: regex.Pattern[str], text: str) -> Iterator[Any]:
    """`pattern.finditer(text)`, where every match of `pattern` holds a hit of `anchor` and is made of the
    characters `back` (see run_back) runs over; `pattern` matches no empty string.

    A scan for the anchor is cheap where the full pattern is tried at every character: the pattern is tried
    only from the starts a match holding the anchor's hit at q may have, those in the run of `back`'s
    characters that ends at q. A start before that run would make a match that holds a character outside the
    run; every start of the run up to q is tried, in order, so the first match found is finditer's next one."""
    pos = 0  # finditer's next match starts here or later: after the last match, or the last start tried
    for hit in anchor.finditer(text):
        q = hit.start()
        if q < pos:
            continue
        run = back.search(text, pos, q + 1)
        lo = run.start() if run is not None and run.end() == q + 1 else q
        for s in range(lo, q + 1):
            m = pattern.match(text, s)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = q + 1
