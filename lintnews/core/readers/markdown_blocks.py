"""A block rule for markdown-it: a run of ATX headings, one per line, read into one token."""

from __future__ import annotations

from typing import NamedTuple

from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block.state_block import StateBlock

from .markdown_plain import PLAIN_HEADINGS, PLAIN_TEXT, plain_run

# the type of the token a run of headings makes; its meta[HEADINGS] holds them in order
HEADING_RUN = "heading_run"
HEADINGS = "headings"
_new = tuple.__new__


class Heading(NamedTuple):
    """One heading of a run: its line, its level and its inline content, as markdown-it's heading rule reads them."""

    line: int
    level: int
    content: str


def heading_run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The headings of consecutive lines that each open with `#`, the last one left to the usual rules.

    Between two blocks, markdown-it offers a line to every block rule in turn (table, code, fence, quote, rule
    line, list, reference, HTML, footnote) before the heading rule: ten calls that fail on a line opening with
    `#`, most of the reading of a file of headings. A line opening with `#` is none of those blocks, except the
    header row of a table, which needs a delimiter row (`|---|`) on the next line: where the next line opens
    with `#` too, the line can only be a heading (or a paragraph, when the heading rule refuses it, and the
    usual rules read it then). A heading leaves nothing open, so the next line starts a block of its own, as
    markdown-it's block loop would have it (no blank line between: the same tightness).

    The run is one token (HEADING_RUN) holding each heading's line, level and content, where markdown-it's rule
    makes three Token objects per heading (open, inline, close): the reader places and reads each content as it
    would an inline token's. A run of plain headings (markdown_plain.plain_run) is one token (PLAIN_HEADINGS)
    holding their lines' text alone."""
    if silent:
        return False
    plain = plain_run(state, start, end)
    if plain:
        # plain headings, their lines alone: the reader places them all at once (markdown_plain)
        state.line = start + plain
        token = state.push(PLAIN_HEADINGS, "", 0)
        token.map = [start, start + plain]
        token.meta[PLAIN_TEXT] = state.src[state.bMarks[start] : state.bMarks[start + plain]]
        return True
    found = _headings(state, start, end)
    line = start + len(found)
    if not found:
        return False
    state.line = line
    token = state.push(HEADING_RUN, "", 0)
    token.map = [start, line]
    token.meta[HEADINGS] = found
    return True


def _headings(state: StateBlock, start: int, end: int) -> list[Heading]:
    """The headings from line `start` while the next line opens with `#`, each as markdown-it's heading rule
    reads it (rules_block/heading.py), up to a line that rule refuses: its steps over characters done by str
    methods on the line, not a call per character, in one loop over the run (not a call per heading)."""
    found: list[Heading] = []
    src, b_marks, e_marks, t_shift, s_count = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    blk_indent, code = state.blkIndent, state._code_enabled
    line = start
    while line + 1 < end and src.startswith("#", b_marks[line + 1] + t_shift[line + 1]):
        if line > start and s_count[line] < blk_indent:
            break  # the end of the container this call reads (a list item, a quote): the loop ends it
        pos = b_marks[line] + t_shift[line]
        maximum = e_marks[line]
        if (code and s_count[line] - blk_indent >= 4) or pos >= maximum or src[pos] != "#":
            break  # an indented code line (StateBlock.is_code_block), an empty one, or no heading
        text = src[pos:maximum]
        after = text.lstrip("#")
        level = len(text) - len(after)
        if level > 6 or (after and after[0] not in " \t"):
            break
        # a closing sequence ('## Title ##') and the spaces around it are not the content (markdown-it's steps
        # back over spaces and tabs, then over '#', stop at the end of the opening sequence)
        body = after.rstrip(" \t")
        if body.endswith("#"):
            unclosed = body.rstrip("#")
            if unclosed and unclosed[-1] in " \t":
                body = unclosed
        # made as the tuple it is: a named tuple's own constructor is a Python call, twice the cost per heading
        found.append(_new(Heading, (line, level, body.strip(MD_TRIM_CHARS))))
        line += 1
    return found
