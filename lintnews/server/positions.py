"""Character offsets to LSP positions and back: lines end at \\n, \\r\\n or \\r; columns in the client's code units."""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

# LSP counts a line break as \n, \r\n or \r only (Python's splitlines also breaks at U+2028, form feeds, ...)
_BREAK = re.compile(r"\r\n|\r|\n")
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """The length of `text` in the encoding's code units (UTF-16: 2 for a character beyond the BMP)."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class LineIndex:
    """Where each line of a text starts, to convert offsets (code points) to positions in `encoding` units."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        # a position inside a line ends at the line's break
        self.ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        # an offset between \r and \n belongs to the line's end
        start = self.starts[line]
        col_end = min(offset, self.ends[line])
        return types.Position(line=line, character=units(self.text[start:col_end], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: types.Position) -> int:
        """The offset of a client position; past the end of a line means the line's end (as the spec says)."""
        if pos.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[pos.line], self.ends[pos.line]
        line = self.text[start:end]
        if self.encoding == UTF32 or line.isascii():
            return start + min(pos.character, len(line))
        count = 0
        for i, ch in enumerate(line):
            if count >= pos.character:
                return start + i
            count += units(ch, self.encoding)
        return end

    def line_end(self, line: int) -> int:
        """The offset where a line's text ends (before its break)."""
        return self.ends[min(line, len(self.ends) - 1)]


def negotiated(kind: object) -> str:
    """The encoding name pygls chose for the session (PositionEncodingKind or its string), UTF-16 by default."""
    value = getattr(kind, "value", kind)
    return value if value in (UTF8, UTF16, UTF32) else UTF16


def apply_change(text: str, change: types.TextDocumentContentChangeEvent, encoding: str) -> str:
    """A document's text after one change the client sent: a range replaced, or the whole text."""
    if isinstance(change, types.TextDocumentContentChangeWholeDocument):
        return change.text
    index = LineIndex(text, encoding)
    start, end = index.offset(change.range.start), index.offset(change.range.end)
    return text[:start] + change.text + text[max(start, end) :]
