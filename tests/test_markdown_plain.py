"""Plain headings and table rows read a run at once (markdown_plain) give the document read one by one gives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import Document
from lintnews.core.readers import markdown_blocks, markdown_tables
from lintnews.core.readers.markdown import read_markdown
from lintnews.core.readers.markdown_plain import MIN_ROWS

# lines around plain headings: headings that are not plain, lines another block rule claims, containers
_LINES = [
    "# a",
    "## b c",
    "###### six words here",
    "#  spaced  out  ",
    "# tab\there\t",
    "# a\u00a0",
    "# a\u00a0b\u2003c",
    "# \u00a0a",
    "# caf\u00e9 \u4e2d\u6587",
    "# a *b*",
    "# a #",
    "## b c ##",
    "# a&amp;b",
    "#x",
    "####### seven",
    "   # indented",
    "    # code",
    "#",
    "# ",
    "# a | b",
    "| a | b |",
    "|---|---|",
    "---",
    "===",
    "",
    "text",
    "- item",
    "> # quoted",
    "  # in an item",
    "[x]: /url",
    "<div>",
    "# a\x00b",
]


def _doc(raw: str, plain: bool, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as m:
        if not plain:
            m.setattr(markdown_blocks, "plain_run", lambda *_: 0)
            m.setattr(markdown_tables, "rows_pattern", lambda *_: None)
        return read_markdown("a.md", raw)


def _same(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    one, other = _doc(raw, True, monkeypatch), _doc(raw, False, monkeypatch)
    assert one.text == other.text
    assert one.blocks == other.blocks
    assert one.text_spans == other.text_spans
    assert one.meta == other.meta


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_LINES), max_size=14),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\ufeff", "---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n"]),
)
def test_plain_runs_read_as_heading_by_heading(lines: list[str], newline: str, head: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(head + newline.join(lines) + newline, monkeypatch)


# table body lines: plain rows of two cells, rows that are not plain (markup, a cell too few or too many, an escaped
# or a missing pipe), and lines that end a table or a container
_ROWS = [
    "| c | d |",
    "|c|d|",
    "|  c d  |\te\t|  ",
    "| c\u2003d | e\u00a0 |",
    "| caf\u00e9 | \u00a0x |",
    "| c | *d* |",
    "| c |",
    "| c | d | e |",
    "| c \\| d | e |",
    "c | d",
    "| c | d",
    "|  | d |",
    "  | c | d |",
    "    | c | d |",
    "| c | d\x00 |",
    "",
    "text",
    "> | c | d |",
    "- | c | d |",
    "# h",
]
_PLAIN_ROWS = _ROWS[:5]
# a row of _ROWS, or a run of plain rows long enough to be read at once (markdown_plain.MIN_ROWS)
_BODY_PARTS = st.one_of(
    st.sampled_from(_ROWS).map(lambda row: [row]),
    st.lists(st.sampled_from(_PLAIN_ROWS), min_size=MIN_ROWS - 1, max_size=MIN_ROWS + 1),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["| a | b |\n|---|---|", "a | b\n--|--", "| a |\n|---|", "> | a | b |\n> |---|---|"]),
    st.lists(_BODY_PARTS, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\ufeff", "---\ntitle: x\n---\n", "- item\n\n"]),
)
def test_plain_rows_read_as_row_by_row(header: str, parts: list[list[str]], newline: str, head: str) -> None:
    rows = [row for part in parts for row in part]
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(head + newline.join([*header.split("\n"), *rows]) + newline, monkeypatch)


def test_plain_rows_are_read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counts: list[int] = []
    count = markdown_tables.plain_rows

    def counted(*args: Any) -> int:
        found = count(*args)
        counts.append(found)
        return found

    monkeypatch.setattr(markdown_tables, "plain_rows", counted)
    rows = ["| a | b |", "|---|---|", *["| c | d |"] * 9, "| *g* | h |", *["| e | f |"] * 8, "| *k* | l |"]
    raw = "\n".join([*rows, "| i | j |", "| m | n |", "", "Text.", ""])
    doc = read_markdown("a.md", raw)
    # nine plain rows; after the row with emphasis (read as before) eight; the last two, fewer than MIN_ROWS, are read
    # with the row with emphasis before them
    assert counts == [9, 8, 0]
    cells = [b.text for b in doc.blocks or () if b.kind == "table-cell"]
    assert cells == ["a", "b", *["c", "d"] * 9, "g", "h", *["e", "f"] * 8, "k", "l", "i", "j", "m", "n"]
    monkeypatch.undo()
    _same(raw, monkeypatch)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_run_of_plain_headings_is_read_at_once(newline: str, monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[int] = []
    run = markdown_blocks.plain_run

    def counted(*args: Any) -> int:
        found = run(*args)
        taken.append(found)
        return found

    monkeypatch.setattr(markdown_blocks, "plain_run", counted)
    raw = newline.join(["# One", "## Two words", "# a *b*", "Text", "# Three", "# Four", "# Five", "Text.", ""])
    doc = read_markdown("a.md", raw)
    # two plain runs of two: the last heading before a line that does not open with `#` is left to the usual rule
    assert taken == [2, 0, 2, 0]
    blocks = doc.blocks or []
    assert [b.text for b in blocks] == ["One", "Two words", "a \u2060b", "Text", "Three", "Four", "Five", "Text."]
    assert [b.kind for b in blocks] == ["heading"] * 3 + ["paragraph"] + ["heading"] * 3 + ["paragraph"]
    monkeypatch.undo()
    _same(raw, monkeypatch)
