"""LinedStateBlock: the same line markers as markdown-it's own StateBlock, on any source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock

from lintnews.core.readers.markdown_inline import parser
from lintnews.core.readers.markdown_lines import LinedParserBlock, LinedStateBlock

MD = MarkdownIt("commonmark")
FIELDS = ("src", "bMarks", "eMarks", "tShift", "sCount", "bsCount", "lineMax", "line", "blkIndent", "level")
# sources of lines, indentation of spaces and tabs, blank lines and a last line with or without a line break
SOURCES = st.text(alphabet=st.sampled_from(["a", "#", " ", "\t", "\n", "\u00a0", "\r", ">"]), max_size=40)


def _markers(state: StateBlock) -> tuple[object, ...]:
    return tuple(getattr(state, f) for f in FIELDS)


@settings(max_examples=1000, deadline=None)
@given(SOURCES)
def test_markers_are_markdown_its(src: str) -> None:
    assert _markers(LinedStateBlock(src, MD, {}, [])) == _markers(StateBlock(src, MD, {}, []))


def test_a_last_line_of_spaces_and_tabs_makes_no_line() -> None:
    state = LinedStateBlock("a\n \t", MD, {}, [])
    assert state.lineMax == 1 and state.bMarks == [0, 4] and state.sCount == [0, 0]


def test_an_indentation_with_tabs_is_expanded() -> None:
    state = LinedStateBlock(" \tx\n\t  y", MD, {}, [])
    assert state.tShift[:2] == [2, 3] and state.sCount[:2] == [4, 6]


def test_the_reader_parses_with_it() -> None:
    md, _ = parser()
    assert isinstance(md.block, LinedParserBlock)
    assert [t.type for t in md.parse("# a\n\n    code\n")][:1] == ["heading_open"]
