"""What a reader finds in a file: which characters are article text, the blocks, and the same-length view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import FILL, Block, Document

# per-character classes
MARKUP = 0
TEXT = 1
SHOWN = 2  # shown in the view as what it stands for (an entity), but not editable

_RUN = re.compile(rb"\x00+|\x01+|\x02+")
_NOT_NEWLINE = re.compile(r"[^\r\n]")
_INSIDE = re.compile(rb"\x00+|\x01+")
_MARK = re.compile(r"\S")
_BLANK = re.compile(r"[^\S\r\n]")
# runs of markup between blocks after which the view renders the whole file as such once (see Layout.view)
_MANY_RUNS = 256
_new = tuple.__new__


@dataclass
class Layout:
    """Per-character classes of one file, filled in by a reader, and the blocks it found."""

    raw: str
    kinds: bytearray = field(init=False)
    shown: dict[int, tuple[str, int]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kinds = bytearray(len(self.raw))

    def mark_text(self, start: int, end: int) -> None:
        if end > start:
            self.kinds[start:end] = b"\x01" * (end - start)

    def mark_shown(self, start: int, end: int, value: str) -> None:
        """[start, end) stands for `value` (an entity): the view shows it there, edits may not touch it."""
        if end > start:
            self.kinds[start:end] = b"\x02" * (end - start)
            self.shown[start] = (value[: end - start], end)

    def add_block(self, kind: str, start: int, end: int) -> None:
        """The block from the first to the last text character found in [start, end)."""
        kinds = self.kinds
        while start < end and (kinds[start] == MARKUP or self.raw[start].isspace()):
            start += 1
        while end > start and (kinds[end - 1] == MARKUP or self.raw[end - 1].isspace()):
            end -= 1
        if end > start:
            # made as the tuple it is: a named tuple's own constructor is a Python call, twice the cost per block
            self.blocks.append(_new(Block, (start, end, "", kind)))

    def text_spans(self) -> tuple[tuple[int, int], ...]:
        """Maximal runs of editable text, sorted."""
        return tuple(m.span() for m in re.finditer(rb"\x01+", bytes(self.kinds)))

    def view(self) -> str:
        """Text as it is, entities as what they stand for, markup as FILL (white space between blocks as
        spaces); line breaks stay line breaks so lines keep their numbers."""
        raw = self.raw
        inside = bytearray(len(raw))
        for b in self.blocks:
            inside[b.start : b.end] = b"\x01" * (b.end - b.start)
        out: list[str] = []
        kinds = bytes(self.kinds)
        # the whole file as markup between blocks would show: each character on its own (a mark as FILL, white
        # space as a space, line breaks kept), so a run between two blocks (a heading's '\n# ') is a slice of it.
        # Made once the file has shown it has many such runs: rendering a whole file of one long paragraph for the
        # comment above it would cost more than the run itself
        between: str | None = None
        runs_between = 0
        for m in _RUN.finditer(kinds):
            s, e = m.span()
            k = kinds[s]
            if k == TEXT:
                out.append(raw[s:e])
            elif between is not None and k == MARKUP and not inside[s] and inside.find(1, s, e) < 0:
                out.append(between[s:e])
            elif k == SHOWN:
                i = s
                while i < e:
                    value, end = self.shown[i]
                    out.append(value)
                    pad = end - i - len(value)
                    out.append((FILL if inside[i] else " ") * pad)
                    i = end
            else:
                out.append(self._markup(s, e, inside))
                if not inside[s]:
                    runs_between += 1
                    if runs_between == _MANY_RUNS:
                        between = _BLANK.sub(" ", _MARK.sub(FILL, raw))
        return "".join(out)

    def _markup(self, s: int, e: int, inside: bytearray) -> str:
        seg = self.raw[s:e]
        if inside[s] and "\n" not in seg and "\r" not in seg and inside.find(0, s, e) < 0:
            return FILL * (e - s)  # marks inside one block, on one line: the common run, without a regex
        if not inside[s] and inside.find(1, s, e) < 0:
            return _BLANK.sub(" ", _MARK.sub(FILL, seg))  # between two blocks (a heading's '# '), as below
        # a run is inside one block or outside all of them, except where a block starts or ends within it
        pieces = []
        for m in _INSIDE.finditer(inside, s, e):
            piece = seg[m.start() - s : m.end() - s]
            if inside[m.start()]:
                pieces.append(_NOT_NEWLINE.sub(FILL, piece))
            else:
                # between blocks: marks are FILL, so a rule that deletes a block with the white space after it
                # stops where the markup starts; white space stays white space
                pieces.append(_BLANK.sub(" ", _MARK.sub(FILL, piece)))
        return "".join(pieces)

    def document(self, path: str) -> Document:
        view = self.view()
        blocks = [_new(Block, (s, e, view[s:e], kind)) for s, e, _, kind in sorted(self.blocks)]
        return Document(path, self.raw, view, dict(self.meta), blocks=blocks, text_spans=self.text_spans())
