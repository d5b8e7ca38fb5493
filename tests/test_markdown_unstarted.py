"""The traced inline parser's step over characters no rule starts at: the same tokens and trace as without it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.readers.markdown_inline import _trace, parser
from lintnews.core.readers.markdown_trace import TracingInline

# marks every inline rule starts at, the marks the text rule stops at that none takes, words, line breaks
PIECES = st.sampled_from(
    ["a", "b c", "=", "+", ":", "-", "#", "<", "<a href=\"", ">", "&amp;", "&", "*", "_", "`", "[", "]", "(", ")",
     "![", "{{< x >}}", "{", "}", "\\", "\n", "  \n", "~~", "^[n]", "http://x.y", "<b>", "</b>"]
)  # fmt: skip
SOURCES = st.lists(PIECES, max_size=30).map("".join)


def _read(content: str) -> tuple[Any, ...]:
    md, tracer = parser()
    traced, children = _trace(content, tracer, md=md, env={})
    return traced, [(t.type, t.content, t.markup) for t in children]


@settings(max_examples=600, deadline=None)
@given(SOURCES)
def test_the_step_changes_no_token_and_no_trace(content: str) -> None:
    with_step = _read(content)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(TracingInline, "unstarted_stretch", lambda self: None)
        without = _read(content)
    assert with_step == without


def test_the_stretch_stops_at_every_rule_start() -> None:
    _, tracer = parser()
    stretch = tracer.unstarted_stretch()
    assert stretch is not None
    assert stretch.match('a href="x" = +:-#') is not None
    assert [stretch.match(c) for c in "\n\\`~*_[!<&^{"] == [None] * 12
