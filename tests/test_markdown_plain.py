"""Plain headings and table rows read a run at once (markdown_plain) give the document read one by one gives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import Document
from lintnews.core.readers import markdown_blocks, markdown_tables
from lintnews.core.readers.markdown import read_markdown
from lintnews.core.readers.markdown_plain import MIN_RUN

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
_PLAIN_HEADINGS = ["# a", "## b c", "###### six words here", "#  spaced  out  ", "# tab\there\t", "# a\u00a0b\u2003c"]


def _parts(lines: list[str], plain: list[str]) -> st.SearchStrategy[list[str]]:
    """One of `lines`, or a run of `plain` lines about as long as a run read at once (markdown_plain.MIN_RUN)."""
    return st.one_of(
        st.sampled_from(lines).map(lambda line: [line]),
        st.lists(st.sampled_from(plain), min_size=MIN_RUN - 1, max_size=MIN_RUN + 1),
    )


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
    st.lists(_parts(_LINES, _PLAIN_HEADINGS), max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\ufeff", "---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n"]),
)
def test_plain_runs_read_as_heading_by_heading(parts: list[list[str]], newline: str, head: str) -> None:
    lines = [line for part in parts for line in part]
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


def _answers(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """What `module.name` answers, each call's answer in order, as the reader calls it from now on."""
    answers: list[int] = []
    real = getattr(module, name)

    def recorded(*args: Any) -> int:
        found = real(*args)
        answers.append(found)
        return found

    monkeypatch.setattr(module, name, recorded)
    return answers


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["| a | b |\n|---|---|", "a | b\n--|--", "| a |\n|---|", "> | a | b |\n> |---|---|"]),
    st.lists(_parts(_ROWS, _PLAIN_ROWS), max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\ufeff", "---\ntitle: x\n---\n", "- item\n\n"]),
)
def test_plain_rows_read_as_row_by_row(header: str, parts: list[list[str]], newline: str, head: str) -> None:
    rows = [row for part in parts for row in part]
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(head + newline.join([*header.split("\n"), *rows]) + newline, monkeypatch)


def test_plain_rows_are_read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = _answers(monkeypatch, markdown_tables, "plain_rows")
    rows = ["| a | b |", "|---|---|", *["| c | d |"] * 9, "| *g* | h |", *["| e | f |"] * 8, "| *k* | l |"]
    raw = "\n".join([*rows, "| i | j |", "| m | n |", "", "Text.", ""])
    doc = read_markdown("a.md", raw)
    # nine plain rows; after the row with emphasis (read as before) eight; the last two, fewer than MIN_RUN, are read
    # with the row with emphasis before them
    assert counts == [9, 8]
    cells = [b.text for b in doc.blocks or () if b.kind == "table-cell"]
    assert cells == ["a", "b", *["c", "d"] * 9, "g", "h", *["e", "f"] * 8, "k", "l", "i", "j", "m", "n"]
    monkeypatch.undo()
    _same(raw, monkeypatch)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_run_of_plain_headings_is_read_at_once(newline: str, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = _answers(monkeypatch, markdown_blocks, "plain_run")
    lines = [f"# Heading {k}" for k in range(MIN_RUN + 1)]
    raw = newline.join([*lines, "# a *b*", "Text", *lines, "Text.", "# One", "# Two", "Text.", ""])
    doc = read_markdown("a.md", raw)
    # two plain runs, each but its last heading, which is followed by a line that does not open with `#` (the usual
    # rule reads it); the heading with emphasis and the two short of a run are read as before
    assert taken == [MIN_RUN + 1, 0, MIN_RUN, 0, 0, 0]
    blocks = doc.blocks or []
    headings = [h[2:] for h in lines]
    assert [b.text for b in blocks] == [*headings, "a \u2060b", "Text", *headings, "Text.", "One", "Two", "Text."]
    kinds = ["heading"] * (MIN_RUN + 2) + ["paragraph"] + ["heading"] * (MIN_RUN + 1) + ["paragraph"]
    assert [b.kind for b in blocks] == [*kinds, "heading", "heading", "paragraph"]
    monkeypatch.undo()
    _same(raw, monkeypatch)
