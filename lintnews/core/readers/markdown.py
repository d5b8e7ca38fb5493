"""Read Markdown with markdown-it-py: blocks from the token tree, text from the inline parser's own steps."""

from __future__ import annotations

import re
from itertools import accumulate

from markdown_it.token import Token

from ..document import Document
from .html import read_html_into
from .layout import Layout
from .markdown_blocks import HEADING_RUN
from .markdown_inline import READING, Reading, locate, parser
from .markdown_plain import PLAIN_HEADINGS, PLAIN_ROWS
from .markdown_tables import TABLE_ROWS

# the title in YAML (`title: "x"`) or TOML (`title = "x"`) front matter
_TITLE = re.compile(r"^title[ \t]*[:=][ \t]*(?P<q>['\"]?)(?P<t>[^\r\n]*?)(?P=q)[ \t]*\r?$", re.M)
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?]")
_TOML_FRONT = re.compile(r"\+\+\+[ \t]*\r?\n(?:.*?\r?\n)??\+\+\+(?=[ \t]*(?:\r?\n|\Z))", re.S)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


# the kind a block inside each container token takes (the innermost container decides)
_CONTAINERS = {
    "list_item_open": "list-item",
    "blockquote_open": "blockquote",
    "footnote_open": "footnote",
    "td_open": "table-cell",
    "th_open": "table-cell",
}


def _front_matter(layout: Layout, token: Token, lines: list[tuple[int, str]]) -> None:
    assert token.map is not None
    first, last = token.map
    start = lines[first][0]
    end = lines[last - 1][0] + len(lines[last - 1][1]) if last - 1 < len(lines) else len(layout.raw)
    m = _TITLE.search(layout.raw, start, end)
    if m and m.group("t").strip():
        layout.mark_text(m.start("t"), m.end("t"))
        layout.add_block("title", m.start("t"), m.end("t"))
        layout.meta["title_span"] = (m.start("t"), m.end("t"))


def read_markdown(path: str, raw: str) -> Document:
    """A Markdown file as a document: blocks with their kind, text where the parser found text."""
    layout = Layout(raw)
    md, _ = parser()
    # a byte-order mark is not part of the first line; TOML front matter (`+++`) is read as YAML's is
    base = 1 if raw.startswith("\ufeff") else 0
    src = raw[base:]
    toml = _TOML_FRONT.match(src)
    if toml:
        src = "---" + src[3 : toml.end() - 3] + "---" + src[toml.end() :]
    # each line with its offset in the file, made by C loops (findall, accumulate, zip), not a step per line
    texts = _LINE.findall(src)
    lines = list(zip(accumulate(map(len, texts), initial=base), texts, strict=False))  # one offset more: the end
    reading = Reading(layout, lines)
    tokens = md.parse(src, {READING: reading})
    _walk(reading, tokens)
    for m in _BARE_URL.finditer(raw):
        # a web address written out in the text is not prose: no rule reads it, no fix edits it
        layout.mark_markup(m.start(), m.end())
    _join_gaps(layout)
    if "title_span" not in layout.meta:
        # no title in the front matter: the first heading is the article's title
        first = layout.first_block("heading")
        if first is not None:
            layout.meta["title_span"] = (first.start, first.end)
    return layout.document(path)


def _walk(reading: Reading, tokens: list[Token]) -> None:
    layout, lines, placed_of = reading.layout, reading.lines, reading.placed
    # per open token, the kind of the innermost container around it ("" where there is none): one look per block
    inner: list[str] = []
    previous_image = False
    parent = ""
    for tok in tokens:
        ttype, nesting = tok.type, tok.nesting
        if nesting == 1:
            inner.append(_CONTAINERS.get(ttype) or (inner[-1] if inner else ""))
        elif nesting == -1:
            if inner:
                inner.pop()
        elif ttype == "inline":
            placed = placed_of.get(id(tok))
            if placed is not None:
                kind = (inner[-1] if inner else "") or ("heading" if parent == "heading_open" else "paragraph")
                start, end, image_only = placed
                if image_only:
                    kind = "image"
                elif kind == "paragraph" and previous_image:
                    kind = "caption"
                if kind in ("paragraph", "heading", "caption", "image") or tok.map:
                    layout.add_block(kind, start, end)
                previous_image = image_only
        elif ttype == HEADING_RUN:
            # headings, each as the inline token between a heading's open and close tokens would be read
            kind = (inner[-1] if inner else "") or "heading"
            previous_image = layout.add_blocks(kind, reading.runs[id(tok)], previous_image)
        elif ttype in (PLAIN_HEADINGS, PLAIN_ROWS):
            kind = "table-cell" if ttype == PLAIN_ROWS else (inner[-1] if inner else "") or "heading"
            plain = reading.plain.get(id(tok))
            if plain is None:
                previous_image = layout.add_blocks(kind, reading.runs[id(tok)], previous_image)
            else:
                layout.extend_blocks(kind, *plain)  # plain content: none is an image
                previous_image = False
        elif ttype == TABLE_ROWS:
            # the cells of a table's body, each as the inline token inside its cell's open token would be read
            previous_image = layout.add_blocks("table-cell", reading.runs[id(tok)], previous_image)
        elif ttype == "front_matter" and tok.map:
            _front_matter(layout, tok, lines)
        elif ttype == "html_block" and tok.map:
            _html_block(layout, tok, lines)
        parent = ttype


def _html_block(layout: Layout, tok: Token, lines: list[tuple[int, str]]) -> None:
    """An HTML block's text, read as HTML; inside a quote or a list, its content without their marks."""
    assert tok.map is not None
    content = tok.content.rstrip("\n")
    where = locate(lines, tok.map[0], content, {})
    if where is None:
        return
    inner = Layout(content)
    read_html_into(inner, 0, len(content))
    for k, cls in enumerate(inner.kinds):
        if cls:
            layout.kinds[where[k]] = cls
    for k, (value, end) in inner.shown.items():
        layout.mark_shown(where[k], where[end - 1] + 1, value)
    for b in inner.blocks:
        layout.add_block(b.kind, where[b.start], where[b.end - 1] + 1)


def _join_gaps(layout: Layout) -> None:
    """The blank lines after a paragraph that fills whole lines of its own are text: deleting it with them, or
    joining it to the next paragraph, removes whole lines, so whatever follows keeps its structure.
    (After a heading or a list item they are not: their marks would be left to take the next line in.)"""
    raw = layout.raw
    for b in layout.blocks:
        if b.kind not in ("paragraph", "caption") or not _opens_line(raw, b.start):
            continue
        end = b.end
        while end < len(raw) and raw[end] in " \t\r\n":
            end += 1
        if "\n" in raw[b.end : end] or end == len(raw):
            layout.mark_text(b.end, end)


def _opens_line(raw: str, pos: int) -> bool:
    return pos == 0 or raw[pos - 1] == "\n"
