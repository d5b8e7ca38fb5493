"""What a reader finds in a file: which characters are article text, the blocks, and the same-length view."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, lt

from ..document import FILL, Block, Document

# per-character classes
MARKUP = 0
TEXT = 1
SHOWN = 2  # shown in the view as what it stands for (an entity), but not editable

_new = tuple.__new__
_SHOWN_RUN = re.compile(rb"\x02+")
_TEXT_RUN = re.compile(rb"\x01+")
_START, _KIND = itemgetter(0), itemgetter(3)


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

    def mark_markup(self, start: int, end: int) -> None:
        """[start, end) is markup after all (a web address written out); an entity it cuts into is markup whole,
        so no character is left standing for an entity whose start is gone."""
        kinds, shown = self.kinds, self.shown
        if kinds.find(SHOWN, max(start - 1, 0), min(end + 1, len(kinds))) >= 0:
            run = start
            while run > 0 and kinds[run - 1] == SHOWN:
                run -= 1
            for m in _SHOWN_RUN.finditer(kinds, run, end):
                i = m.start()
                while i < m.end():
                    stop = shown[i][1]
                    if stop > start:
                        start, end = min(start, i), max(end, stop)
                        del shown[i]
                    i = stop
        kinds[start:end] = bytes(end - start)

    def mark_shown_all(self, where: Sequence[int], shown: Iterable[tuple[int, tuple[str, int]]]) -> None:
        """`mark_shown` of each (k, (value, end)) of a content whose k-th character is at where[k] in the file:
        [where[k], where[end - 1] + 1) stands for `value`; one loop, not a call per entity."""
        kinds, marked = self.kinds, self.shown
        for k, (value, end) in shown:
            start, stop = where[k], where[end - 1] + 1
            if stop > start:
                kinds[start:stop] = b"\x02" * (stop - start)
                marked[start] = (value[: stop - start], stop)

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

    def add_blocks(self, kind: str, placed: Iterable[tuple[int, int, bool] | None], image: bool) -> bool:
        """`add_block` of each [start, end) of a run (headings, table cells) that is not None, of `kind`, or an
        image where its flag says so; the flag of the last one (`image` if there is none), in one loop."""
        kinds, raw, blocks = self.kinds, self.raw, self.blocks
        for p in placed:
            if p is None:
                continue
            start, end, image = p
            while start < end and (kinds[start] == MARKUP or raw[start].isspace()):
                start += 1
            while end > start and (kinds[end - 1] == MARKUP or raw[end - 1].isspace()):
                end -= 1
            if end > start:
                blocks.append(_new(Block, (start, end, "", "image" if image else kind)))
        return image

    def extend_blocks(self, kind: str, starts: list[int], ends: list[int]) -> None:
        """Blocks of `kind` [starts[k], ends[k]), each from text to text already, made by C loops."""
        self.blocks.extend(map(_new, repeat(Block), zip(starts, ends, repeat(""), repeat(kind), strict=False)))

    def first_block(self, kind: str) -> Block | None:
        """The first block of `kind` (the least, as blocks are ordered), found by C loops: where the blocks are in
        order of their starts (they are but for footnotes, read last), the first of the list."""
        blocks = self.blocks
        kinds = list(map(_KIND, blocks))
        if kind not in kinds:
            return None
        starts = list(map(_START, blocks))
        if all(map(lt, starts, starts[1:])):
            return blocks[kinds.index(kind)]
        return min(compress(blocks, map(kind.__eq__, kinds)))

    def text_spans(self) -> tuple[tuple[int, int], ...]:
        """Maximal runs of editable text, sorted."""
        return tuple(map(re.Match.span, _TEXT_RUN.finditer(self.kinds)))  # no generator step per span

    def view(self) -> str:
        """Text as it is, entities as what they stand for, markup as FILL (white space between blocks as
        spaces); line breaks stay line breaks so lines keep their numbers."""
        raw = self.raw
        inside = bytearray(len(raw))
        for b in self.blocks:
            inside[b.start : b.end] = b"\x01" * (b.end - b.start)
        view = rendered(raw, self.kinds, inside)
        if self.kinds.find(SHOWN) < 0:
            return view
        # an entity shows what it stands for, then FILL inside a block (a space between blocks) to its end
        out: list[str] = []
        add, shown = out.append, self.shown
        at = 0
        for m in _SHOWN_RUN.finditer(self.kinds):
            s, e = m.span()
            add(view[at:s])
            while s < e:
                value, end = shown[s]
                add(value)
                if end - s > len(value):
                    add((FILL if inside[s] else " ") * (end - s - len(value)))
                s = end
            at = e
        out.append(view[at:])
        return "".join(out)

    def document(self, path: str) -> Document:
        view = self.view()
        blocks = [_new(Block, (s, e, view[s:e], kind)) for s, e, _, kind in sorted(self.blocks)]
        return Document(path, self.raw, view, dict(self.meta), blocks=blocks, text_spans=self.text_spans())


def rendered(raw: str, kinds: bytearray, inside: bytearray) -> str:
    """The view of `raw` but its entities: each character of text as it is; of markup, a line break as it is,
    any other FILL, but for white space between blocks (`inside` 0), a space.

    Worked out for all characters at once by C loops, not a step per run of markup or text (two per heading
    in a file of headings): each character's class as a byte (from `kinds`, `inside` and whether it is white
    space or a line break, added up as big integers, one byte a character), turned by a table into what it
    shows, and the characters chosen by masks over the text's UTF-32 code units, again as big integers (over
    its bytes where it is ASCII)."""
    n = len(raw)
    if not n:
        return ""
    is_ascii = raw.isascii()
    narrow = raw.encode("ascii", "replace")
    blank = bytearray(narrow.translate(_BLANK_CLASS))
    for m in () if is_ascii else _WIDE_BLANK.finditer(raw):
        blank[m.start()] = 1  # white space beyond ASCII (a no-break space): read as '?' above
    key = (
        int.from_bytes(kinds, "little")
        + (int.from_bytes(blank, "little") << 2)
        + (int.from_bytes(inside, "little") << 4)
    ).to_bytes(n, "little")
    if is_ascii:
        # one byte a character: the text's own where it is kept, else 0x80 standing for FILL or a space
        shown = int.from_bytes(narrow, "little") & int.from_bytes(key.translate(_KEEP), "little") * 0xFF
        shown |= int.from_bytes(key.translate(_SHOWN_BYTE), "little")
        return shown.to_bytes(n, "little").decode("latin-1").replace("\x80", FILL)
    code = int.from_bytes(raw.encode("utf-32-le", "surrogatepass"), "little")
    out = (
        (code & _lanes(key.translate(_KEEP)) * 0xFFFFFFFF)
        | _lanes(key.translate(_SHOW_FILL)) * ord(FILL)
        | _lanes(key.translate(_SHOW_SPACE)) * ord(" ")
    )
    return out.to_bytes(4 * n, "little").decode("utf-32-le", "surrogatepass")


def _lanes(flags: bytes) -> int:
    """Bytes of 0 and 1 as a big integer with each in a 32-bit lane of its own (a UTF-32 code unit)."""
    return int.from_bytes(flags.decode("latin-1").encode("utf-32-le"), "little")


def _class_table(show: int) -> bytes:
    """The table from a character's class byte (kind + 4 * white space class + 16 * inside a block) to 1 where
    it shows as `show` (0: itself, 1: FILL, 2: a space), else 0."""
    table = bytearray(256)
    for kind in (MARKUP, TEXT, SHOWN):
        for space in (0, 1, 2):  # other, white space but a line break, a line break
            for inner in (0, 1):
                if kind == TEXT or space == 2:
                    shows = 0
                elif space == 1 and not inner:
                    shows = 2
                else:
                    shows = 1  # markup, and an entity's characters (their own step writes them over)
                table[kind + 4 * space + 16 * inner] = shows == show
    return bytes(table)


_BLANK_CLASS = bytes(2 if c in (10, 13) else 1 if chr(c).isspace() else 0 for c in range(256))
_WIDE_BLANK = re.compile(r"[^\S\x00-\x7f]")
_KEEP, _SHOW_FILL, _SHOW_SPACE = _class_table(0), _class_table(1), _class_table(2)
_SHOWN_BYTE = bytes(0x80 * f + 0x20 * sp for f, sp in zip(_SHOW_FILL, _SHOW_SPACE, strict=True))
