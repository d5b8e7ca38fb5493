"""A document's content lines (its non-blank lines, stripped), read once for all the boilerplate rules."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain
from typing import overload

from ...core.document import Block, Document

# doc.cache key: the document's content lines, computed once for the pack's rules
_LINES = "boilerplate-lines"
# the white space before a line's text, and the text from its first to its last character that is not white
# space (re's \s is str.isspace()): from the end of one line's text, the white space runs over the line break
# and any blank lines to the next line's first character, so the pairs tile the view up to its last text
_CONTENT = re.compile(r"(\s*)(\S(?:[^\n]*\S)?)")


class ContentLines(Sequence[Block]):
    """The lines as Blocks, each made only when read: most rules read the texts and a few lines (a file of a
    quarter of a million headings need not make a quarter of a million Blocks for them)."""

    __slots__ = ("ends", "starts", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self.starts, self.ends, self.texts = starts, ends, texts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, i: int) -> Block: ...
    @overload
    def __getitem__(self, i: slice) -> list[Block]: ...
    def __getitem__(self, i: int | slice) -> Block | list[Block]:
        if isinstance(i, slice):
            return list(map(Block, self.starts[i], self.ends[i], self.texts[i]))
        return Block(self.starts[i], self.ends[i], self.texts[i])

    def __iter__(self) -> Iterator[Block]:
        return map(Block, self.starts, self.ends, self.texts)

    def __eq__(self, other: object) -> bool:
        # equal to any sequence of the same Blocks, a list of them too
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which has no hash


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
    out = ContentLines(offsets[0::2], offsets[1::2], [text for _, text in pairs])
    doc.cache[_LINES] = out
    return out
