"""The heading-run block rule: its one token per run stands for exactly the tokens markdown-it makes without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from lintnews.core.readers.markdown_blocks import HEADING_RUN, HEADINGS, heading_run

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


FIRED: list[int] = []


def _counted(state: Any, start: int, end: int, silent: bool) -> bool:
    took = heading_run(state, start, end, silent)
    FIRED.extend([start] if took else [])
    return took


def _parser(with_run: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
    if with_run:
        md.block.ruler.before("table", "heading_run", _counted)
    return md


PLAIN, RUN = _parser(False), _parser(True)


def _tokens(md: MarkdownIt, src: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for t in md.parse(src):
        if t.type != HEADING_RUN:
            out.append((t.type, t.tag, t.nesting, t.level, t.map, t.content, t.markup, t.hidden))
            continue
        # each heading of the run as markdown-it's heading rule makes it: open, inline, close
        for h in t.meta[HEADINGS]:
            tag, marks, where = f"h{h.level}", "#" * h.level, [h.line, h.line + 1]
            out.append(("heading_open", tag, 1, t.level, where, "", marks, False))
            out.append(("inline", "", 0, t.level + 1, where, h.content, "", False))
            out.append(("heading_close", tag, -1, t.level, None, "", marks, False))
    return out


def test_every_commonmark_example_gives_the_same_tokens() -> None:
    FIRED.clear()
    for example in SPEC:
        src = example["markdown"]
        assert _tokens(RUN, src) == _tokens(PLAIN, src), example["example"]
    assert len(FIRED) >= 5  # the spec has runs of headings, in and out of containers


# lines around headings that another block rule could claim, or that end a container
_LINES = [
    "# a",
    "## b c ##",
    "#x",
    "####### seven",
    "   # three spaces",
    "    # code",
    "\t# tab",
    "#",
    "# a | b",
    "| a | b |",
    "|---|---|",
    "---|---",
    "---",
    "===",
    "",
    "text",
    "```",
    "<div>",
    "[x]: /url",
    "[^1]: note",
    "> # quoted",
    ">",
    "- # item",
    "  # in item",
    "1. # ordered",
    "* * *",
    "# a #",
    "#\ta",
    "# *em* and [link](u)",
    "### ",
    "#5 bolt",
    "# a \\#",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=16))
def test_documents_of_headings_and_blocks_give_the_same_tokens(lines: list[str]) -> None:
    src = "\n".join(lines) + "\n"
    assert _tokens(RUN, src) == _tokens(PLAIN, src)


def test_the_generated_documents_take_the_run_rule() -> None:
    FIRED.clear()
    _tokens(RUN, "# a\n## b\n> # c\n> # d\n- # e\n  # f\n")
    assert len(FIRED) == 3
