"""A block rule for markdown-it: a run of ATX headings, one per line, read by the heading rule itself."""

from __future__ import annotations

from markdown_it.rules_block.heading import heading
from markdown_it.rules_block.state_block import StateBlock


def heading_run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The headings of consecutive lines that each open with `#`, the last one left to the usual rules.

    Between two blocks, markdown-it offers a line to every block rule in turn (table, code, fence, quote, rule
    line, list, reference, HTML, footnote) before the heading rule: ten calls that fail on a line opening with
    `#`, most of the reading of a file of headings. A line opening with `#` is none of those blocks, except the
    header row of a table, which needs a delimiter row (`|---|`) on the next line: where the next line opens
    with `#` too, the line can only be a heading (or a paragraph, when the heading rule refuses it, and the
    usual rules read it then). A heading leaves nothing open, so the next line starts a block of its own, as
    markdown-it's block loop would have it (no blank line between: the same tightness)."""
    if silent:
        return False
    line = start
    while line + 1 < end and _opens_with_hash(state, line + 1):
        if line > start and state.sCount[line] < state.blkIndent:
            break  # the end of the container this call reads (a list item, a quote): the loop ends it
        if not heading(state, line, end, False):
            break
        line += 1
    return line > start


def _opens_with_hash(state: StateBlock, line: int) -> bool:
    return state.src.startswith("#", state.bMarks[line] + state.tShift[line])
