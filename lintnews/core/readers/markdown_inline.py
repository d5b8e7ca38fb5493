"""The Markdown parser and its traced inline rule: each inline token placed in the file, its text marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from operator import sub
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from . import markdown_plain
from .layout import TEXT, Layout
from .markdown_blocks import HEADING_RUN, HEADINGS, heading_run
from .markdown_dispatch import OpeningRuler
from .markdown_lines import LinedParserBlock
from .markdown_plain import COLUMNS, PLAIN_HEADINGS, PLAIN_ROWS, PLAIN_TEXT
from .markdown_tables import ROWS, TABLE_ROWS, table_rows
from .markdown_trace import DENSE_MARKS, Trace, TracingInline, is_dense

# Hugo shortcodes and Liquid tags: template code, never article text; each runs to its first closing mark
_CLOSERS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}", "{{": "}}"}
_OPENER = re.compile(r"\{\{<|\{\{%|\{%|\{\{")
READING = "lintnews.reading"
# where an inline content lies in the file, [start, end), and whether it is an image alone
Placed = tuple[int, int, bool]
# what a trace found of an inline content: its runs of text and its entities ([start, end) in the content, and
# what each stands for), and whether it is an image alone
Traced = tuple[list[tuple[int, int]], list[tuple[int, tuple[str, int]]], bool]
_ONES = re.compile(rb"\x01+")
# a link destination `](...)` in dense content, up to its first space or parenthesis: markup, even where the
# bounded link rule did not take it (a label with brackets inside)
_DESTINATION = re.compile(r"\]\([^\s()]{0,2048}\)?")


def _shortcode(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("{", pos):
        return False
    m = _OPENER.match(src, pos)
    if m is None:
        return False
    closer = _CLOSERS[m.group()]
    # where the next closing mark is, remembered per source: a run of openers without one stays linear
    key = ("lintnews.shortcode", closer)
    found: int = state.cache.get(key, -2)  # type: ignore[call-overload]
    if found == -2 or 0 <= found < m.end():
        found = src.find(closer, m.end())
        state.cache[key] = found  # type: ignore[index]
    if found < 0 or found + len(closer) > state.posMax:
        return False
    end = found + len(closer)
    if not silent:
        token = state.push("shortcode", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _as_is(url: str) -> str:
    return url


@cache
def parser() -> tuple[MarkdownIt, TracingInline]:
    """CommonMark with GitHub's tables and strikethrough, front matter, footnotes and shortcodes."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
    md.block.ruler.before("table", "heading_run", heading_run)
    md.block.ruler.at("table", table_rows, {"alt": ["paragraph", "reference"]})
    md.block.ruler = OpeningRuler(md.block.ruler)
    md.block = LinedParserBlock(md.block)
    md.inline.ruler.before("text", "shortcode", _shortcode)
    md.inline.add_terminator_char("{")
    # nothing is rendered: link targets need no percent-encoding nor punycode (a sixth of the reading time)
    md.normalizeLink = _as_is  # type: ignore[method-assign]
    md.normalizeLinkText = _as_is  # type: ignore[method-assign,assignment]
    tracer = TracingInline(md.inline)
    md.inline = tracer
    md.core.ruler.at("inline", _traced_inline)  # each block's inline content parsed once, traced
    return md, tracer


class Reading:
    """What the traced inline rule needs of the file being read, and what it found per inline token."""

    def __init__(self, layout: Layout, lines: list[tuple[int, str]]) -> None:
        self.layout = layout
        self.lines = lines
        self.cursor: dict[int, int] = {}
        # per inline token: [start, end) of what it covers in the file and whether it is an image alone
        self.placed: dict[int, Placed | None] = {}
        # per run of headings (markdown_blocks.HEADING_RUN) or table body (markdown_tables.TABLE_ROWS): the
        # same, per heading or cell
        self.runs: dict[int, list[Placed | None]] = {}
        # per run of plain headings (markdown_plain.PLAIN_HEADINGS) placed at once: [start, end) of each one's
        # content, as two lists (where it was placed heading by heading instead, it is in `runs`)
        self.plain: dict[int, tuple[list[int], list[int]]] = {}
        # per inline content that reads nothing of the document: its trace (see _place)
        self.traced: dict[str, Traced] = {}


def _traced_inline(state: Any) -> None:
    md = state.md
    tracer: TracingInline = md.inline
    reading: Reading | None = state.env.get(READING)
    for i, tok in enumerate(state.tokens):
        if tok.type in (PLAIN_HEADINGS, PLAIN_ROWS) and reading is not None:
            _place_plain(reading, tok, tracer, md=md, env=state.env)
        elif tok.type == HEADING_RUN and reading is not None:
            pieces = [(h.line, h.content) for h in tok.meta[HEADINGS]]
            reading.runs[id(tok)] = _place_many(reading, pieces, tracer, md=md, env=state.env)
        elif tok.type == TABLE_ROWS and reading is not None:
            rows = tok.meta[ROWS]
            for row in rows:
                reading.cursor.setdefault(row.line, 0)  # each cell after the previous one of its row
            pieces = [(row.line, cell) for row in rows for cell in row.cells]
            reading.runs[id(tok)] = _place_many(reading, pieces, tracer, md=md, env=state.env)
        if tok.type != "inline":
            continue
        if reading is None:
            tok.children = []
            md.inline.parse(tok.content, md, state.env, tok.children)
            continue
        if i and state.tokens[i - 1].type in ("th_open", "td_open") and tok.map:
            reading.cursor.setdefault(tok.map[0], 0)
        reading.placed[id(tok)] = _inline(reading, tok, tracer, md, state.env)


def locate(lines: list[tuple[int, str]], first: int, content: str, cursor: dict[int, int]) -> Sequence[int] | None:
    """Where each character of an inline token's content sits in the file, or None if it cannot be placed.

    markdown-it gives the lines a block spans; a content line is what is left of its source line once the
    container marks (`> `, `- `, indentation, table pipes) are taken off, so it is found at the line's end
    or, in a table row, after the previous cell."""
    if "\n" not in content:
        one = _one_line(lines, first, content, cursor)
        if one is not None:
            return one
    where: list[int] = []
    pieces = content.split("\n")
    last = len(pieces) - 1
    for k, piece in enumerate(pieces):
        n = first + k
        if n >= len(lines):
            return None
        start, line = lines[n]
        body = line.rstrip("\r\n")
        at = _find_on_line(body, piece, n, cursor)
        if at < 0:
            stripped = piece.lstrip(" ")  # a tab partly eaten by an indent comes back as spaces
            at = body.find(stripped) if stripped else len(body)
            if at < 0:
                return None
            where.extend([start + at] * (len(piece) - len(stripped)))
        else:
            stripped = piece
        where.extend(range(start + at, start + at + len(stripped)))
        if n in cursor:
            cursor[n] = at + len(stripped)
        if k < last:
            where.append(start + len(body))  # the line break between two content lines
    return where


def _find_on_line(body: str, piece: str, n: int, cursor: dict[int, int]) -> int:
    """Where `piece` of a token's content stands on line `n` (its text `body`), -1 if not there: after the line's
    cursor where an earlier token of the line was placed, else at the line's end (most content ends a line),
    else first found."""
    if n in cursor:
        return body.find(piece, cursor[n])
    if body.endswith(piece):
        return len(body) - len(piece)
    if body.rstrip().endswith(piece):
        return len(body.rstrip()) - len(piece)
    return body.find(piece)


def _one_line(lines: list[tuple[int, str]], n: int, piece: str, cursor: dict[int, int]) -> range | None:
    """`locate` of content on one line found whole in it, as a range of offsets (a heading, a table cell: most
    inline tokens), or None to leave it to `locate`'s general reading (the cursor is then untouched)."""
    if n >= len(lines):
        return None
    start, line = lines[n]
    body = line.rstrip("\r\n")
    at = _find_on_line(body, piece, n, cursor)
    if at < 0:
        return None
    if n in cursor:
        cursor[n] = at + len(piece)
    return range(start + at, start + at + len(piece))


def _place_plain(reading: Reading, tok: Token, tracer: TracingInline, *, md: Any, env: Any) -> None:
    """A run of plain headings or table rows placed and marked at once, where its lines are the file's as they
    stand; else (the parser's line breaks or NUL characters normalized) each content placed by `_place_many`."""
    assert tok.map is not None
    first = tok.map[0]
    text: str = tok.meta[PLAIN_TEXT]
    offset = reading.lines[first][0]
    columns: int = tok.meta.get(COLUMNS, 1)  # the contents of a line: a heading's one, a row's cells
    if tok.type == PLAIN_ROWS:
        starts, ends = markdown_plain.cell_spans(text, offset, columns)
    else:
        starts, ends = markdown_plain.spans(text, offset)
    if reading.layout.raw.startswith(text, offset):
        markdown_plain.mark(reading.layout.kinds, offset, len(text), starts, ends)
        reading.plain[id(tok)] = (starts, ends)
        return
    back = repeat(offset)
    contents = map(text.__getitem__, map(slice, map(sub, starts, back), map(sub, ends, back)))
    lines = range(first, first + len(starts) // columns)
    for n in lines:
        reading.cursor.setdefault(n, 0)  # each cell after the previous one of its row
    pieces = list(zip((n for n in lines for _ in range(columns)), contents, strict=True))
    reading.runs[id(tok)] = _place_many(reading, pieces, tracer, md=md, env=env)


def _place_many(
    reading: Reading, pieces: list[tuple[int, str]], tracer: TracingInline, *, md: Any, env: Any
) -> list[Placed | None]:
    """`_place` of each (line, content) of a run (headings, table cells), in order.

    The common piece, short text alone on one line where locate's first test finds it (after the line's
    cursor, or at the line's end), is placed and marked here, as `_place` would, without its calls (locate,
    _one_line, _find_on_line, all_text, is_dense, _mark_text: a file of headings spent most of its reading in
    them); any other piece is left to `_place`, before which nothing of it was changed."""
    lines, cursor, kinds = reading.lines, reading.cursor, reading.layout.kinds
    count = len(lines)
    known = tracer.all_text("")  # every enabled rule's start is known: no terminator, no rule starts
    stops = tracer.terminator_re.search
    out: list[Placed | None] = []
    for n, content in pieces:
        size = len(content)
        if known and n < count and size < DENSE_MARKS and "\n" not in content and stops(content) is None:
            start, line = lines[n]
            body = line.rstrip("\r\n")
            at = cursor.get(n)
            if at is not None:
                at = body.find(content, at)
                if at >= 0:
                    cursor[n] = at + size
            elif body.endswith(content):
                at = len(body) - size
            else:
                at = -1
            if at >= 0:
                if size:
                    first = start + at
                    kinds[first : first + size] = b"\x01" * size
                    out.append((first, first + size, not content.strip()))
                else:
                    out.append(None)
                continue
        out.append(_place(reading, n, content, tracer, md=md, env=env)[0])
    return out


def _inline(reading: Reading, tok: Token, tracer: TracingInline, md: Any, env: Any) -> Placed | None:
    """Trace one inline token's content and mark its text in the layout; [start, end) of what it covers, and
    whether it is an image alone."""
    if tok.map is None:
        return None
    placed, tok.children = _place(reading, tok.map[0], tok.content, tracer, md=md, env=env)
    return placed


def _place(
    reading: Reading, first: int, content: str, tracer: TracingInline, *, md: Any, env: Any
) -> tuple[Placed | None, list[Token]]:
    """Inline content from line `first` traced, its text marked in the layout: what it covers (see _inline) and
    the inline tokens it makes."""
    layout = reading.layout
    where = locate(reading.lines, first, content, reading.cursor)
    if where is None:
        return None, []  # could not place it: nothing of it is text, so nothing of it is edited
    # no character where a rule could start: the text rule would take it all as one text token, and all of it is
    # text (unless it is dense, where link destinations are taken out below): no trace to make
    if tracer.all_text(content) and not is_dense(content):
        # its one text token is not made: the reader reads only where the content is and whether it is blank
        if not where:
            return None, []
        _mark_text(layout.kinds, where, 0, len(content))
        return (where[0], where[-1] + 1, not content.strip()), []
    if content.strip() and tracer.text_and_breaks(content):
        # lines of text alone: all of it is text, and a character that is not white space leaves a text token
        # that is not blank, so it is not an image alone (a paragraph of a word per line made two tokens a line)
        _mark_text(layout.kinds, where, 0, len(content))
        return (where[0], where[-1] + 1, False), []
    # content with no `[` or `^` reads nothing of the document (no reference, no footnote): its trace depends on
    # its characters alone, so content met again (a run of like paragraphs, list items, cells) is traced once
    # and its tokens are not made again (nothing reads them but the image test, whose answer is kept)
    pure = "[" not in content and "^" not in content
    traced = reading.traced.get(content) if pure else None
    children: list[Token] = []
    if traced is None:
        traced, children = _trace(content, tracer, md=md, env=env)
        if pure:
            reading.traced[content] = traced
    runs, shown, image_only = traced
    for s, e in runs:
        _mark_text(layout.kinds, where, s, e)
    if shown:
        layout.mark_shown_all(where, shown)
    if not where:
        return None, children
    return (where[0], where[-1] + 1, image_only), children


def _trace(content: str, tracer: TracingInline, *, md: Any, env: Any) -> tuple[Traced, list[Token]]:
    """Inline content parsed by the traced inline parser: what of it is text, and the tokens it makes."""
    trace = Trace(content)
    children: list[Token] = []
    if tracer.all_text(content):
        trace.text[:] = b"\x01" * len(content)
        if content:
            children.append(Token("text", "", 0, content=content))
    else:
        tracer.trace = trace
        try:
            tracer.parse(content, md, env, children)
        finally:
            tracer.trace = None
            tracer._bases.clear()
    if trace.dense:
        for d in _DESTINATION.finditer(content):
            trace.text[d.start() : d.end()] = bytes(d.end() - d.start())
    runs = [m.span() for m in _ONES.finditer(bytes(trace.text))]
    shown = list(trace.shown.items())
    return (runs, shown, _image_only(children)), children


def _image_only(children: list[Token]) -> bool:
    """Is the content images and white space alone (a figure, whose next paragraph is its caption)?"""
    return bool(children) and all(
        c.type in ("image", "softbreak") or (c.type == "text" and not c.content.strip()) for c in children
    )


def _mark_text(kinds: bytearray, where: Sequence[int], s: int, e: int) -> None:
    """The file's characters of content [s, e) are text."""
    if where[e - 1] - where[s] == e - 1 - s:
        kinds[where[s] : where[e - 1] + 1] = b"\x01" * (e - s)  # on one line: one slice
    else:
        for k in range(s, e):
            kinds[where[k]] = TEXT
