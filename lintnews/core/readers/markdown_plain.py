"""Runs of plain headings (no character an inline rule starts at) read by C loops, not a step per heading."""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, chain, repeat
from operator import add, sub
from typing import Any

from markdown_it.rules_block.state_block import StateBlock

from .markdown_trace import TracingInline

# the type of the token a run of plain headings makes; its meta[PLAIN_TEXT] holds the run's lines as read
PLAIN_HEADINGS = "plain_headings"
PLAIN_TEXT = "text"
_ONE = b"\x01"


@cache
def _run_pattern(terminators: str) -> re.Pattern[str] | None:
    """Lines `# content`, one after another, whose content holds no character the text rule stops at (`terminators`,
    the inline parser's class, holds `#`) and neither opens nor ends with white space: markdown-it's heading rule
    takes such content whole, with no closing sequence to take off, and its inline parse is one text token."""
    if not terminators.startswith("[") or terminators.startswith("[^") or not terminators.endswith("]"):
        return None
    inner = terminators[1:-1]
    edge = rf"[^\s{inner}]"
    middle = rf"[^\n\r{inner}]"
    return re.compile(rf"(?:#{{1,6}}[ \t]+{edge}(?:{middle}*{edge})?[ \t]*\n)+")


def plain_run(state: StateBlock, start: int, end: int) -> int:
    """How many lines from `start` are plain headings that markdown_blocks.heading_run takes (each followed by a
    line opening with `#`); 0 where its usual reading is needed: inside a container, whose marks the lines'
    text holds, with an inline rule of unknown start enabled, or outside the reader's traced parser."""
    tracer: Any = state.md.inline
    # no container open (a quote, a list item, a footnote: each opens a level), so the lines are the file's: the
    # parent type cannot tell, markdown-it's setext heading rule leaves it "paragraph" where it finds no underline
    if not isinstance(tracer, TracingInline) or state.level or state.blkIndent:
        return 0
    if not tracer.all_text(""):
        return 0
    pattern = _run_pattern(tracer.terminator_re.pattern)
    b_marks = state.bMarks
    m = pattern.match(state.src, b_marks[start]) if pattern is not None else None
    if m is None:
        return 0
    count = min(m.group().count("\n"), end - start)
    after = start + count
    # the last heading of the run is left to the usual rules, unless the line after it opens with `#` too
    if not (after < end and state.src.startswith("#", b_marks[after] + state.tShift[after])):
        count -= 1
    return max(count, 0)


def spans(text: str, offset: int) -> tuple[list[int], list[int]]:
    """[start, end) of each heading's content in `text`, plain heading lines each ended by a line break read from
    file offset `offset`: the marks and spaces before it and the spaces after it taken off each line at once."""
    lines = text.split("\n")
    lines.pop()
    widths = list(map(len, lines))
    leads = map(sub, widths, map(len, map(str.lstrip, lines, repeat("# \t"))))
    tails = map(len, map(str.rstrip, lines, repeat(" \t")))
    firsts = list(accumulate(map(add, widths, repeat(1)), initial=offset))
    firsts.pop()
    return list(map(add, firsts, leads)), list(map(add, firsts, tails))


def mark(kinds: bytearray, offset: int, size: int, starts: list[int], ends: list[int]) -> None:
    """The characters [starts[k], ends[k]) of kinds[offset : offset + size] text, the others markup, in one write:
    the bytes are joined from runs of zeros and ones made by C loops."""
    heads = map(sub, starts, chain((offset,), ends))
    pieces = zip(map(bytes, heads), map(_ONE.__mul__, map(sub, ends, starts)), strict=True)
    joined = b"".join(chain.from_iterable(pieces))
    kinds[offset : offset + size] = joined + bytes(size - len(joined))
