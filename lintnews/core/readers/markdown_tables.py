"""A table rule for markdown-it: the header read by markdown-it's own rule, the body rows into one token."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit, table

from .markdown_plain import COLUMNS, PLAIN_ROWS, PLAIN_TEXT, may_run, plain_rows, rows_pattern

# the type of the token that stands for a table's body; its meta[ROWS] holds the rows in order
TABLE_ROWS = "table_rows"
ROWS = "rows"
_new = tuple.__new__


class Row(NamedTuple):
    """One body row: its line and its cells' inline content, as many as the header has (missing ones empty)."""

    line: int
    cells: tuple[str, ...]


def table_rows(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, whose body rows make one token (TABLE_ROWS) instead of 3 + 3 per cell Token
    objects each (a row open, a cell open, its inline content, ...): the reader places and reads each cell's
    content as it would a cell's inline token.

    The header and the delimiter row are markdown-it's rule's own: it is run on those two lines alone (it reads
    nothing further before the body). The body is then read as that rule's loop reads it, line by line: the
    same terminators, the same cell split, the same limit on autocompleted cells."""
    if silent:
        return table(state, start, end, True)
    first = len(state.tokens)
    top = not state.level  # no container open: the lines are the file's (markdown_plain.plain_run)
    if not table(state, start, min(end, start + 2), False):
        return False
    # the table_close markdown-it pushed goes after the body: it is made again there, at the table's level
    state.tokens.pop()
    state.level += 1
    columns = sum(t.type == "th_open" for t in state.tokens[first:])
    state.line = start  # as markdown-it's loop has it while it reads the body (its terminators see it so)
    line = start + 2
    pattern = rows_pattern(state, columns) if top and may_run(state, line, end) else None
    autocompleted = 0
    while True:
        # plain rows, their lines alone, and the rows up to the next plain one as markdown-it reads them
        count = plain_rows(pattern, state, line, end) if pattern is not None else 0
        if count:
            token = state.push(PLAIN_ROWS, "", 0)
            token.map = [line, line + count]
            token.meta[PLAIN_TEXT] = state.src[state.bMarks[line] : state.bMarks[line + count]]
            token.meta[COLUMNS] = columns
            line += count
        rows, autocompleted, at_plain = _body(state, line, end, columns, autocompleted=autocompleted, plain=pattern)
        if rows:
            token = state.push(TABLE_ROWS, "", 0)
            token.map = [line, rows[-1].line + 1]
            token.meta[ROWS] = rows
            line = rows[-1].line + 1
        if not at_plain:
            break
    state.push("table_close", "table", -1)
    opened = state.tokens[first].map
    assert opened is not None
    opened[1] = line
    state.line = line
    return True


def _terminated(terminators: list[Any], state: StateBlock, line: int, end: int) -> bool:
    for rule in terminators:  # noqa: SIM110 (any() of a generator costs more per row)
        if rule(state, line, end, True):
            return True
    return False


def _body(
    state: StateBlock, line: int, end: int, columns: int, *, autocompleted: int, plain: re.Pattern[str] | None
) -> tuple[list[Row], int, bool]:
    """The body rows from `line`, read as markdown-it's table rule reads them (rules_block/table.py), up to a
    run of plain rows (`plain`, which markdown_plain reads); the count of autocompleted cells so far; whether
    such a run stopped the reading (else the body ends)."""
    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    rows: list[Row] = []
    src, b_marks, e_marks, t_shift, s_count = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    code = state._code_enabled  # StateBlock.is_code_block, read here without a call per row
    while line < end:
        if plain is not None and plain.match(src, b_marks[line]):
            state.parentType = old_parent
            return rows, autocompleted, True
        if s_count[line] < state.blkIndent:
            break
        if _terminated(terminators, state, line, end):
            break
        text = src[b_marks[line] + t_shift[line] : e_marks[line]].strip(MD_TRIM_CHARS)  # mdTrim(getLine(...))
        if not text or (code and s_count[line] - state.blkIndent >= 4):
            break
        # escapedSplit steps over each character for its backslashes: without one, it is str.split
        cells = escapedSplit(text) if "\\" in text else text.split("|")
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        autocompleted += columns - len(cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        row = [c.strip(MD_TRIM_CHARS) for c in cells[:columns]]
        row.extend([""] * (columns - len(row)))
        rows.append(_new(Row, (line, tuple(row))))  # the named tuple's own constructor is a Python call
        line += 1
    state.parentType = old_parent
    return rows, autocompleted, False
