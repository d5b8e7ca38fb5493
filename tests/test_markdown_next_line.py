"""Block rules asked only where the next line opens as they need (a table's delimiter row): the same tokens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_block.state_block import StateBlock

from lintnews.core.readers import markdown_dispatch
from lintnews.core.readers.markdown_inline import parser

# lines that make and break tables, in and out of containers, and the paragraphs around them
LINES = st.sampled_from(
    ["a | b", "| a | b |", "|---|---|", "--- | ---", ":-: | -:", "- | -", "-|-", "|", "word", "", "> | a |",
     "> |---|", "- | a |", "  |---|", "    |---|", "# h", "a", "\t|-|"]
)  # fmt: skip
SOURCES = st.lists(LINES, min_size=1, max_size=12).map("\n".join)


def _tokens(src: str) -> list[tuple[Any, ...]]:
    md, _ = parser()
    return [(t.type, t.map, t.content, t.level, t.meta.get("rows")) for t in md.parse(src)]


@contextmanager
def _every_line_asked() -> Iterator[None]:
    md, _ = parser()
    ruler = md.block.ruler
    assert isinstance(ruler, markdown_dispatch.OpeningRuler)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown_dispatch, "NEXT_OPENERS", {})
        ruler._dispatch.clear()  # the chains compiled anew, without the keyed rules
        try:
            yield
        finally:
            ruler._dispatch.clear()


@settings(max_examples=500, deadline=None)
@given(SOURCES)
def test_tables_read_as_when_every_line_is_asked(src: str) -> None:
    keyed = _tokens(src)
    with _every_line_asked():
        assert _tokens(src) == keyed


def test_a_line_before_one_that_is_no_delimiter_row_is_not_offered_to_the_table_rule() -> None:
    asked: list[int] = []
    keyed = markdown_dispatch._next_keyed(lambda state, start, end, silent: asked.append(start) or False, "|-:")
    md, _ = parser()
    state = StateBlock("a\nb\n|-|\n", md, {}, [])
    assert [keyed(state, k, 3, True) for k in range(3)] == [False] * 3
    assert asked == [1]
