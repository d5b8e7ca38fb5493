"""Read HTML with the standard library's parser: text where it found character data, blocks between block tags."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import Document
from .layout import Layout

# Elements whose content is not article text.
HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "code", "pre", "svg", "math", "textarea", "iframe", "object", "select"}
)
# Elements that make a block of their own, and its kind.
BLOCK_KIND = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
    "aside": "paragraph", "header": "paragraph", "footer": "paragraph", "nav": "paragraph", "address": "paragraph",
    "details": "paragraph", "summary": "paragraph", "form": "paragraph", "dl": "paragraph", "dt": "paragraph",
    "dd": "paragraph", "body": "paragraph", "html": "paragraph", "head": "paragraph", "hr": "paragraph",
    "ul": "paragraph", "ol": "paragraph", "table": "paragraph", "thead": "paragraph", "tbody": "paragraph",
    "tfoot": "paragraph", "tr": "paragraph", "figure": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list-item", "td": "table-cell", "th": "table-cell", "blockquote": "blockquote",
    "figcaption": "caption", "caption": "caption", "title": "title",
}  # fmt: skip
# Elements with no end tag: never pushed on the open-element stack.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u200a\u202f")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u00ad")
_URL = re.compile(r"\bhttps?://[^\s<>\"'\u2060]+")


class _Reader(HTMLParser):
    """Records each event's kind and where it starts; an event runs to the start of the next."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[tuple[int, int], str, str]] = []

    def _add(self, kind: str, value: str = "") -> None:
        self.events.append((self.getpos(), kind, value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("empty", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data", data)

    def handle_entityref(self, name: str) -> None:
        self._add("entity", f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add("entity", f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._add("markup")

    def handle_decl(self, decl: str) -> None:
        self._add("markup")

    def handle_pi(self, data: str) -> None:
        self._add("markup")

    def unknown_decl(self, data: str) -> None:
        self._add("markup")


def _decoded(ref: str) -> str:
    ch = html.unescape(ref)
    if ch == ref:
        return ""
    if ch in _SPACES:
        return " "  # a no-break or thin space is a space to every rule
    if ch in _INVISIBLE:
        return ""
    return ch


def read_html_into(layout: Layout, start: int, end: int) -> None:
    """Mark the text and blocks of the HTML in layout.raw[start:end]."""
    src = layout.raw[start:end]
    reader = _Reader()
    reader.feed(src)
    reader.close()
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", src))
    offsets = [start + line_starts[line - 1] + col for (line, col), _, _ in reader.events]
    offsets.append(end)
    open_: list[str] = []
    hidden = 0
    run = start
    title: tuple[int, int] | None = None
    for k, (_, kind, value) in enumerate(reader.events):
        s, e = offsets[k], offsets[k + 1]
        if kind == "data":
            if not hidden:
                layout.mark_text(s, e)
                for m in _URL.finditer(layout.raw, s, e):
                    layout.kinds[m.start() : m.end()] = bytes(m.end() - m.start())
            continue
        if kind == "entity":
            if not hidden:
                layout.mark_shown(s, e, _decoded(value) if e - s >= len(value) - 1 else "")
            continue
        if kind not in ("start", "end", "empty"):
            continue
        tag = value
        if tag in BLOCK_KIND:
            # a block tag ends the run of text before it, as the kind of the innermost open block
            layout.add_block(_innermost(open_), run, s)
            if open_ and open_[-1] == "title" and kind == "end" and tag == "title":
                title = (run, s)
            run = e
        if kind == "start" and tag not in VOID:
            open_.append(tag)
            if tag in HIDDEN:
                hidden += 1
        elif kind == "end" and tag in open_:
            while open_:
                top = open_.pop()
                if top in HIDDEN:
                    hidden -= 1
                if top == tag:
                    break
    layout.add_block(_innermost(open_), run, end)
    if title is not None:
        blocks = [b for b in layout.blocks if b.kind == "title" and title[0] <= b.start < title[1]]
        if blocks:
            layout.meta["title_span"] = (blocks[0].start, blocks[0].end)


def _innermost(open_: list[str]) -> str:
    for tag in reversed(open_):
        if tag in BLOCK_KIND and BLOCK_KIND[tag] != "paragraph":
            return BLOCK_KIND[tag]
        if tag in BLOCK_KIND:
            return "paragraph"
    return "paragraph"


def read_html(path: str, raw: str) -> Document:
    """An HTML file as a document."""
    layout = Layout(raw)
    read_html_into(layout, 0, len(raw))
    return layout.document(path)
