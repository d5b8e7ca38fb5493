"""A run of character references read in one step: the same tokens and trace as markdown-it's rule step by step."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_inline.entity import entity

from lintnews.core.readers import markdown_trace
from lintnews.core.readers.markdown_inline import _trace, parser

# references of each form, valid and not, and what may stand around them (a link label, an image's alt text)
PIECES = st.sampled_from(
    ["&amp;", "&copy;", "&#65;", "&#x41;", "&#X41;", "&#0;", "&#1114112;", "&#99999999;", "&bogus;", "&", "&amp",
     "&#;", "a", " ", "\n", "[", "]", "(", ")", "![", "[x](y)", "`", "*", "&nbsp;", "\\&amp;"]
)  # fmt: skip
SOURCES = st.lists(PIECES, max_size=40).map("".join)


def _read(content: str) -> tuple[Any, ...]:
    md, tracer = parser()
    traced, children = _trace(content, tracer, md=md, env={})
    return traced, [(t.type, t.content, t.markup, t.info, t.level) for t in children]


@contextmanager
def _one_by_one() -> Iterator[None]:
    """The traced parser with markdown-it's entity rule itself (its tables of rules per character made anew)."""
    _, tracer = parser()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(markdown_trace, "entity_run", entity)
        tracer._by_char.clear()
        tracer._dense_by_char.clear()
        try:
            yield
        finally:
            tracer._by_char.clear()
            tracer._dense_by_char.clear()


@settings(max_examples=600, deadline=None)
@given(SOURCES)
def test_a_run_reads_as_the_rule_step_by_step(content: str) -> None:
    in_runs = _read(content)
    with _one_by_one():
        assert _read(content) == in_runs


@settings(max_examples=100, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=10).map("".join))
def test_a_run_in_dense_content_reads_as_the_rule_step_by_step(unit: str) -> None:
    content = unit * (1 + 1500 // len(unit))
    in_runs = _read(content)
    with _one_by_one():
        assert _read(content) == in_runs


def test_each_reference_of_a_run_is_shown_as_what_it_stands_for() -> None:
    (_, shown, _), children = _read("&amp;&#65;&bogus;&lt;")
    assert shown == [(0, ("&", 5)), (5, ("A", 10)), (17, ("<", 21))]
    assert [c[0] for c in children] == ["text_special", "text_special", "text", "text_special"]
