"""A document's content lines (its non-blank lines, stripped), read once for all the boilerplate rules."""

from __future__ import annotations

import re
from itertools import accumulate, chain

from ...core.document import Block, Document
from ...core.spans import SpanColumns

# doc.cache key: the document's content lines, computed once for the pack's rules
_LINES = "boilerplate-lines"
# the white space before a line's text, and the text from its first to its last character that is not white
# space (re's \s is str.isspace()): from the end of one line's text, the white space runs over the line break
# and any blank lines to the next line's first character, so the pairs tile the view up to its last text
_CONTENT = re.compile(r"(\s*)(\S(?:[^\n]*\S)?)")


# the lines as Blocks, each made only when read: most rules read the texts and a few lines
ContentLines = SpanColumns[Block]


def content_lines(doc: Document) -> ContentLines:
    """Non-blank lines of the lintable view, stripped of surrounding white space (shared: do not modify)."""
    cached: ContentLines | None = doc.cache.get(_LINES)
    if cached is not None:
        return cached
    # one scan of the whole view: each line from its first to its last character that is not white space (str's
    # and re's white space are the same characters), as doc.lines stripped one by one would give; the offsets
    # summed from the pieces' lengths in C, no match object per line
    pairs = _CONTENT.findall(doc.text)
    offsets = list(accumulate(map(len, chain.from_iterable(pairs))))  # [2k]: line k's start, [2k + 1]: its end
    out = SpanColumns(Block, offsets[0::2], offsets[1::2], [text for _, text in pairs])
    doc.cache[_LINES] = out
    return out
