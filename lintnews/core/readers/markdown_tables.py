"""A table rule for markdown-it: the header read by markdown-it's own rule, the body rows into one token."""

from __future__ import annotations

from typing import NamedTuple

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit, getLine, table

# the type of the token that stands for a table's body; its meta[ROWS] holds the rows in order
TABLE_ROWS = "table_rows"
ROWS = "rows"


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
    if not table(state, start, min(end, start + 2), False):
        return False
    # the table_close markdown-it pushed goes after the body: it is made again there, at the table's level
    state.tokens.pop()
    state.level += 1
    columns = sum(t.type == "th_open" for t in state.tokens[first:])
    state.line = start  # as markdown-it's loop has it while it reads the body (its terminators see it so)
    rows = _body(state, start + 2, end, columns)
    if rows:
        token = state.push(TABLE_ROWS, "", 0)
        token.map = [start + 2, rows[-1].line + 1]
        token.meta[ROWS] = rows
    line = rows[-1].line + 1 if rows else start + 2
    state.push("table_close", "table", -1)
    opened = state.tokens[first].map
    assert opened is not None
    opened[1] = line
    state.line = line
    return True


def _body(state: StateBlock, line: int, end: int, columns: int) -> list[Row]:
    """The body rows from `line`, read as markdown-it's table rule reads them (rules_block/table.py)."""
    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    rows: list[Row] = []
    autocompleted = 0
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        if any(rule(state, line, end, True) for rule in terminators):
            break
        text = mdTrim(getLine(state, line))
        if not text or state.is_code_block(line):
            break
        cells = escapedSplit(text)
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        autocompleted += columns - len(cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        row = [mdTrim(c) if c else "" for c in cells[:columns]]
        row.extend([""] * (columns - len(row)))
        rows.append(Row(line, tuple(row)))
        line += 1
    state.parentType = old_parent
    return rows
