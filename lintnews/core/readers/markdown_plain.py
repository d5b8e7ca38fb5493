"""Runs of plain headings and table rows (no character an inline rule starts at) read by C loops, not a step each."""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, chain, compress, repeat
from operator import add, sub
from typing import Any

from markdown_it.rules_block.state_block import StateBlock

from .markdown_trace import TracingInline

# the types of the tokens a run of plain headings, or of a table's plain body rows, makes; meta[PLAIN_TEXT] holds
# the run's lines as read, meta[COLUMNS] a row's cells
PLAIN_HEADINGS = "plain_headings"
PLAIN_ROWS = "plain_rows"
PLAIN_TEXT = "text"
COLUMNS = "columns"
# the fewest plain headings or rows read as a run of their own: where they alternate with others, or come in
# short runs, they are read as before, not a token for each (1 MB of such rows took half as long again)
MIN_RUN = 8
_ONE = b"\x01"


def _content(terminators: str, extra: str = "") -> str | None:
    """The pattern of a plain content: characters neither a terminator nor one of `extra`, opening and ending with
    one that is not white space either; None where the terminators are not one class of characters.

    Written `E++(?:W++E++)*+` (E not white space, W white space but a line break), possessive: a character is
    taken once, where `E(?:[EW]*E)?` stepped back over each content's last characters (a sixth of the time)."""
    if not terminators.startswith("[") or terminators.startswith("[^") or not terminators.endswith("]"):
        return None
    edge = rf"[^\s{extra}{terminators[1:-1]}]"
    return rf"{edge}++(?:[^\S\n\r]++{edge}++)*+"


@cache
def _run_pattern(terminators: str) -> re.Pattern[str] | None:
    """Lines `# content`, one after another, whose content holds no character the text rule stops at (`terminators`,
    the inline parser's class, holds `#`) and neither opens nor ends with white space: markdown-it's heading rule
    takes such content whole, with no closing sequence to take off, and its inline parse is one text token. At
    least MIN_RUN of them."""
    content = _content(terminators)
    if content is None or not re.match(terminators, "#"):
        return None  # a `#` in content could close the heading
    return re.compile(rf"(?:#{{1,6}}[ \t]++{content}[ \t]*+\n){{{MIN_RUN},}}+")


@cache
def _rows_pattern(terminators: str, columns: int) -> re.Pattern[str] | None:
    """Table body rows `| a | b |`, one after another, of `columns` cells each, whose contents are plain as a plain
    heading's is and hold no `|`: markdown-it's table rule splits each at its pipes, no cell to autocomplete or
    drop, none escaped (a backslash is a terminator), and each cell's inline parse is one text token. At least
    MIN_RUN of them."""
    content = _content(terminators, "|")
    if content is None or columns < 1 or not re.match(terminators, "\\"):
        return None  # a backslash in a cell could escape a pipe
    return re.compile(rf"(?:\|(?:[ \t]*+{content}[ \t]*+\|){{{columns}}}[ \t]*+\n){{{MIN_RUN},}}+")


def _tracer(state: StateBlock) -> Any:
    """The reader's traced inline parser, where every enabled inline rule's start is known; else None."""
    tracer: Any = state.md.inline
    return tracer if isinstance(tracer, TracingInline) and tracer.all_text("") else None


def plain_run(state: StateBlock, start: int, end: int) -> int:
    """How many lines from `start` are plain headings that markdown_blocks.heading_run takes (each followed by a
    line opening with `#`); 0 where its usual reading is needed: inside a container, whose marks the lines'
    text holds, with an inline rule of unknown start enabled, or outside the reader's traced parser."""
    # no container open (a quote, a list item, a footnote: each opens a level), so the lines are the file's: the
    # parent type cannot tell, markdown-it's setext heading rule leaves it "paragraph" where it finds no underline
    tracer = _tracer(state) if not (state.level or state.blkIndent) else None
    if tracer is None:
        return 0
    pattern = _run_pattern(tracer.terminator_re.pattern)
    b_marks = state.bMarks
    m = pattern.match(state.src, b_marks[start]) if pattern is not None else None
    if m is None:
        return 0
    count = min(state.src.count("\n", m.start(), m.end()), end - start)
    after = start + count
    # the last heading of the run is left to the usual rules, unless the line after it opens with `#` too
    if not (after < end and state.src.startswith("#", b_marks[after] + state.tShift[after])):
        count -= 1
    return max(count, 0)


def may_run(state: StateBlock, start: int, end: int) -> bool:
    """May a run of plain rows open at line `start`: does the line MIN_RUN - 1 after it open with a pipe? A short
    table's body asks nothing more (the pattern, made per table, cost it a tenth of its reading)."""
    last = start + MIN_RUN - 1
    return last < end and state.src.startswith("|", state.bMarks[last] + state.tShift[last])


def rows_pattern(state: StateBlock, columns: int) -> re.Pattern[str] | None:
    """The pattern of plain body rows of a table of `columns` columns, to be asked only of a table that opens at
    no container's level (see plain_run), where no rule that ends a table body may match a line opening with `|`;
    else None. Kept per parse and number of columns where the state keeps them (markdown_lines.LinedStateBlock's
    `plain_rows`): the parser's rules do not change within a parse, and a file of short tables asks per table."""
    if state.blkIndent:
        return None
    kept: dict[int, re.Pattern[str] | None] | None = getattr(state, "plain_rows", None)
    if kept is not None and columns in kept:
        return kept[columns]
    tracer = _tracer(state)
    may_open = getattr(state.md.block.ruler, "may_open", None)  # markdown_dispatch.OpeningRuler's
    found = None
    if tracer is not None and may_open is not None and not may_open("blockquote", "|"):
        found = _rows_pattern(tracer.terminator_re.pattern, columns)
    if kept is not None:
        kept[columns] = found
    return found


def plain_rows(pattern: re.Pattern[str], state: StateBlock, start: int, end: int) -> int:
    """How many lines from `start` (before `end`) are plain rows, by `pattern` (rows_pattern): 0 if fewer than
    MIN_RUN."""
    m = pattern.match(state.src, state.bMarks[start]) if start < end else None
    return min(state.src.count("\n", m.start(), m.end()), end - start) if m else 0


def spans(text: str, offset: int) -> tuple[list[int], list[int]]:
    """[start, end) of each heading's content in `text`, plain heading lines each ended by a line break read from
    file offset `offset`: the marks and spaces before it and the spaces after it taken off each line at once."""
    lines = text.split("\n")
    lines.pop()
    return _trimmed(lines, offset, "# \t", None)


def cell_spans(text: str, offset: int, columns: int) -> tuple[list[int], list[int]]:
    """[start, end) of each cell's content in `text`, plain rows of `columns` cells each ended by a line break
    read from file offset `offset`, row by row: the text between two pipes, its spaces taken off."""
    pieces = text.split("|")
    # before the first pipe nothing, then per row its cells and what is between its last pipe and the next row's first
    cells = [False] + ([True] * columns + [False]) * text.count("\n")
    return _trimmed(pieces, offset, " \t", cells)


def _trimmed(pieces: list[str], offset: int, lead: str, chosen: list[bool] | None) -> tuple[list[int], list[int]]:
    """[start, end) in the file of each chosen piece (all where `chosen` is None) of a text split at one character,
    read from `offset`, with the characters of `lead` before it and spaces and tabs after it taken off."""
    widths = list(map(len, pieces))
    firsts = list(accumulate(map(add, widths, repeat(1)), initial=offset))
    if chosen is None:
        firsts.pop()
    else:
        firsts = list(compress(firsts, chosen))
        pieces = list(compress(pieces, chosen))
    leads = map(sub, map(len, pieces), map(len, map(str.lstrip, pieces, repeat(lead))))
    tails = map(len, map(str.rstrip, pieces, repeat(" \t")))
    return list(map(add, firsts, leads)), list(map(add, firsts, tails))


def mark(kinds: bytearray, offset: int, size: int, starts: list[int], ends: list[int]) -> None:
    """The characters [starts[k], ends[k]) of kinds[offset : offset + size] text, the others markup, in one write:
    the bytes are joined from runs of zeros and ones made by C loops."""
    heads = map(sub, starts, chain((offset,), ends))
    pieces = zip(map(bytes, heads), map(_ONE.__mul__, map(sub, ends, starts)), strict=True)
    joined = b"".join(chain.from_iterable(pieces))
    kinds[offset : offset + size] = joined + bytes(size - len(joined))
