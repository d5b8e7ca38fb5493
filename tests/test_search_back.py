"""checkers.base.search_back: the last match before a place, found in a window first, is the whole search's."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lintnews.checkers import lone_capital
from lintnews.checkers.base import search_back
from lintnews.checkers.misplaced_mark import checker as misplaced

# each pattern the checkers search back with, and whether they call it closed
_USES = [
    (misplaced._WORD_BEFORE, True),
    (misplaced._GAP_BEFORE, True),
    (misplaced._CHUNK_BEFORE, True),
    (lone_capital._CHUNK_BEFORE, True),
    (lone_capital._WORD_BEFORE, False),
]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and a.span() == b.span() and a.groups() == b.groups()
    )


@settings(max_examples=400)
@given(st.text(alphabet="ab É1²_ \t\n,:.-", max_size=30), st.integers(3, 6), st.integers(0, 30))
@example("ab     ", 3, 7)  # a word, then more blanks than the window holds
def test_search_back_is_the_search_from_the_start(text: str, reach: int, end: int) -> None:
    end = min(end, len(text))
    for pattern, closed in _USES:
        got = search_back(pattern, text, end, closed=closed, reach=reach)
        assert _same(got, pattern.search(text, 0, end)), (pattern.pattern, text, end, reach)
