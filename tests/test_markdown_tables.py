"""The table rule: its one token per table body stands for exactly the tokens markdown-it makes without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from lintnews.core.readers.markdown_tables import ROWS, TABLE_ROWS, table_rows

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


def _parser(with_rows: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
    if with_rows:
        md.block.ruler.at("table", table_rows, {"alt": ["paragraph", "reference"]})
    return md


PLAIN, ROWED = _parser(False), _parser(True)


def _row_tokens(t: Any, aligns: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """A body token as markdown-it's table rule makes the body: tbody, then per row tr, per cell td and inline."""
    assert t.map is not None
    out: list[tuple[Any, ...]] = [("tbody_open", "tbody", 1, t.level, t.map, "", {})]
    for row in t.meta[ROWS]:
        where = [row.line, row.line + 1]
        out.append(("tr_open", "tr", 1, t.level + 1, where, "", {}))
        for align, cell in zip(aligns, row.cells, strict=True):
            out.append(("td_open", "td", 1, t.level + 2, None, "", align))
            out.append(("inline", "", 0, t.level + 3, where, cell, {}))
            out.append(("td_close", "td", -1, t.level + 2, None, "", {}))
        out.append(("tr_close", "tr", -1, t.level + 1, None, "", {}))
    out.append(("tbody_close", "tbody", -1, t.level, None, "", {}))
    return out


def _tokens(md: MarkdownIt, src: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    aligns: list[dict[str, Any]] = []
    for t in md.parse(src):
        if t.type == "thead_open":
            aligns = []
        elif t.type == "th_open":
            aligns.append(t.attrs)
        if t.type == TABLE_ROWS:
            out.extend(_row_tokens(t, aligns))
        else:
            out.append((t.type, t.tag, t.nesting, t.level, t.map, t.content, t.attrs))
    return out


def test_every_commonmark_example_gives_the_same_tokens() -> None:
    for example in SPEC:
        src = example["markdown"]
        assert _tokens(ROWED, src) == _tokens(PLAIN, src), example["example"]


# header, delimiter and body lines of every shape the rule reads, and lines that end a table or a container
_LINES = [
    "| a | b |",
    "a | b",
    "| a |",
    "|---|---|",
    "|:--|--:|",
    "---|:-:",
    "|---|",
    "| c | d |",
    "| c | d | e |",
    "| c |",
    "|  |  |",
    "| \\| | x |",
    "c | d",
    "| `x|y` | d |",
    "| **b** | [l](u) |",
    "",
    "text",
    "    | code |",
    "> | q | r |",
    "> |---|---|",
    "- | l | m |",
    "-",
    "2. two",
    "1. one",
    "  |---|---|",
    "# h",
    "```",
    "<div>",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=16))
def test_documents_of_tables_give_the_same_tokens(lines: list[str]) -> None:
    src = "\n".join(lines) + "\n"
    assert _tokens(ROWED, src) == _tokens(PLAIN, src)


def test_a_table_body_is_one_token() -> None:
    types = [t.type for t in ROWED.parse("| a | b |\n|---|---|\n| c | d |\n| e | f |\n")]
    assert types.count(TABLE_ROWS) == 1 and "td_open" not in types
