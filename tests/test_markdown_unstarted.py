"""The traced inline parser's step over characters no rule starts at: the same tokens and trace as without it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.readers import markdown_stretch
from lintnews.core.readers.markdown_inline import _trace, parser
from lintnews.core.readers.markdown_trace import TracingInline

# marks every inline rule starts at, the marks the text rule stops at that none takes, words, line breaks
PIECES = st.sampled_from(
    ["a", "b c", "=", "+", ":", "-", "#", "<", "<a href=\"", ">", "&amp;", "&", "*", "_", "`", "[", "]", "(", ")",
     "![", "{{< x >}}", "{", "}", "\\", "\n", "  \n", "~~", "^[n]", "http://x.y", "<b>", "</b>"]
)  # fmt: skip
SOURCES = st.lists(PIECES, max_size=30).map("".join)


def _never_shut(terminators: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """The plain stretch patterns that take no start a rule may match at (`<`, `{`: see markdown_stretch.plain)."""
    classes = terminators.pattern[1:]
    return (
        re.compile(rf"(?:[*_~\]]|[^{classes})+"),
        re.compile(rf"(?:[*_~\]\[!^]|[^{classes})+"),
        re.compile(rf"(?:[*_~\]!]|\[(?!\^)|[^{classes})+"),
    )


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


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_dense_stretches_over_unclosable_starts_change_no_token_and_no_trace(unit: str) -> None:
    # dense content (hundreds of marks, one in four characters or more): read with the plain stretch patterns,
    # which take a `<` or `{` in where no `>` or `}` follows; the same as with the patterns that never do
    content = unit * (1 + 2000 // len(unit))
    with_step = _read(content)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown_stretch, "plain", lambda enabled, terminators, shut: _never_shut(terminators))
        without = _read(content)
    assert with_step == without


def test_a_start_no_closer_follows_is_text_in_a_stretch() -> None:
    _, tracer = parser()
    stretch = [markdown_stretch.unstarted(tracer._enabled(), tracer.terminator_re, k) for k in range(4)]
    assert all(stretch) and stretch[0].match("<a") is None  # type: ignore[union-attr]
    assert stretch[1].match("<a {x").group() == "<a "  # type: ignore[union-attr]  # no `>` ahead: `<` is text
    assert stretch[3].match("<a {x").group() == "<a {x"  # type: ignore[union-attr]  # nor `}`: `{` too


def test_the_stretch_stops_at_every_rule_start() -> None:
    _, tracer = parser()
    stretch = tracer.unstarted_stretch()
    assert stretch is not None
    assert stretch.match('a href="x" = +:-#') is not None
    assert [stretch.match(c) for c in "\n\\`~*_[!<&^{"] == [None] * 12
