"""Block rules offered by a line's first character: markdown-it's tokens are the same with the dispatch and without."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from lintnews.core.readers.markdown_blocks import heading_run
from lintnews.core.readers.markdown_dispatch import OPENERS, OpeningRuler
from lintnews.core.readers.markdown_inline import parser

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


def _parser(dispatch: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
    md.block.ruler.before("table", "heading_run", heading_run)
    if dispatch:
        md.block.ruler = OpeningRuler(md.block.ruler)
    return md


PLAIN, DISPATCH = _parser(False), _parser(True)


def _tokens(md: MarkdownIt, src: str) -> list[tuple[Any, ...]]:
    out = []
    for t in md.parse(src):
        kids = [(c.type, c.content, c.markup) for c in t.children or []]
        out.append((t.type, t.tag, t.nesting, t.level, t.map, t.content, t.markup, t.info, t.meta, t.hidden, kids))
    return out


def test_every_commonmark_example_gives_the_same_tokens() -> None:
    for example in SPEC:
        src = example["markdown"]
        assert _tokens(DISPATCH, src) == _tokens(PLAIN, src), example["example"]


# lines that open with every character some block rule looks for, in and out of containers, and lines that
# continue a paragraph or a table
_LINES = [
    "# a",
    "#x",
    "    # code",
    "\t> tab",
    "| a | b |",
    "|---|---|",
    ":-:|---",
    "a | b",
    "---",
    "===",
    "***",
    "_ _ _",
    "",
    "text",
    "more text",
    "```",
    "~~~",
    "<div>",
    "<!-- c -->",
    "[x]: /url",
    "[^1]: note",
    "> quoted",
    ">",
    "- item",
    "+ item",
    "* item",
    "  continued",
    "1. one",
    "2) two",
    "-",
    "[",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=16))
def test_documents_of_all_openers_give_the_same_tokens(lines: list[str]) -> None:
    src = "\n".join(lines) + "\n"
    assert _tokens(DISPATCH, src) == _tokens(PLAIN, src)


def test_a_keyed_rule_is_not_offered_a_line_it_cannot_open() -> None:
    # the dispatch is what makes the reading cheaper: a paragraph line opening with a letter is offered to no rule
    # that needs a mark first (and a rule keyed wrongly would be caught by the token comparisons above)
    offered: list[str] = []

    def spy(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        offered.append(state.src[state.bMarks[start] + state.tShift[start]])
        return False

    md = _parser(False)
    md.block.ruler.before("heading", "spy", spy, {"alt": ["paragraph"]})
    OPENERS[spy] = "#"
    try:
        md.block.ruler = OpeningRuler(md.block.ruler)
        md.parse("word\nword\n# h\nword\n")
    finally:
        del OPENERS[spy]
    # as a terminator of the setext-heading scan and of the paragraph's, then as a block of its own; never a 'w'
    assert offered == ["#", "#", "#"]


def test_the_reader_uses_the_dispatch() -> None:
    assert isinstance(parser()[0].block.ruler, OpeningRuler)
