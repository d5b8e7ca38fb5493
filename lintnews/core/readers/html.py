"""Read HTML with the standard library's parser: text where it found character data, blocks between block tags."""

from __future__ import annotations

import html
import re

from ..document import Document
from .html_scan import scan
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
# a piece of markup, up to its closing mark or the end of the file
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*(?:>|\Z)",
    re.S,
)
_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)
_URL = re.compile(r"\bhttps?://[^\s<>\"'\u2060]+")


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
    cut = _complete_part(src)
    events = scan(src[:cut])
    if cut < len(src):
        events.append((cut, "markup", ""))
    offsets = [start + offset for offset, _, _ in events]
    offsets.append(end)
    stack = _Stack()
    run = start
    title: tuple[int, int] | None = None
    # every address starts with "http": a page without one is not searched for them once per piece of text
    urls = "http" in src
    for k, (_, kind, value) in enumerate(events):
        s, e = offsets[k], offsets[k + 1]
        if kind == "data":
            if not stack.hidden:
                layout.mark_text(s, e)
                if urls:
                    for m in _URL.finditer(layout.raw, s, e):
                        layout.kinds[m.start() : m.end()] = bytes(m.end() - m.start())
            continue
        if kind == "entity":
            if not stack.hidden:
                layout.mark_shown(s, e, _decoded(value) if e - s >= len(value) - 1 else "")
            continue
        if kind not in ("start", "end", "empty"):
            continue
        tag = value
        if tag in BLOCK_KIND:
            # a block tag ends the run of text before it, as the kind of the innermost open block
            layout.add_block(stack.kind(), run, s)
            if stack.top() == "title" and kind == "end" and tag == "title":
                title = (run, s)
            run = e
        if kind == "start" and tag not in VOID:
            stack.open(tag)
        elif kind == "end":
            stack.close(tag)
    layout.add_block(stack.kind(), run, end)
    if title is not None:
        blocks = [b for b in layout.blocks if b.kind == "title" and title[0] <= b.start < title[1]]
        if blocks:
            layout.meta["title_span"] = (blocks[0].start, blocks[0].end)


class _Stack:
    """The open elements, with counts and the open blocks beside them so that every step is O(1) amortised
    (a page of ten thousand unclosed <p> or <b> must not cost ten thousand steps per tag)."""

    def __init__(self) -> None:
        self.tags: list[str] = []
        self.counts: dict[str, int] = {}
        self.blocks: list[str] = []
        self.hidden = 0

    def top(self) -> str:
        return self.tags[-1] if self.tags else ""

    def kind(self) -> str:
        return self.blocks[-1] if self.blocks else "paragraph"

    def open(self, tag: str) -> None:
        if tag in _CLOSES_P and self.counts.get("p"):
            self.close("p")  # a block start ends an open paragraph, as in a browser
        if tag in _SIBLINGS and self.counts.get(tag):
            self.close(tag)  # <li> after <li>, <td> after <td>: the first one ends
        self.tags.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in BLOCK_KIND:
            self.blocks.append(BLOCK_KIND[tag])
        if tag in HIDDEN:
            self.hidden += 1

    def close(self, tag: str) -> None:
        if not self.counts.get(tag):
            return  # a stray end tag
        while self.tags:
            top = self.tags.pop()
            self.counts[top] -= 1
            if top in BLOCK_KIND:
                self.blocks.pop()
            if top in HIDDEN:
                self.hidden -= 1
            if top == tag:
                break


_CLOSES_P = frozenset(BLOCK_KIND) - {"html", "body", "head", "title"}
_SIBLINGS = frozenset({"li", "td", "th", "tr", "dt", "dd", "option"})


def _complete_part(src: str) -> int:
    """Where the last complete piece of markup ends: from a tag, comment or declaration that is never closed
    to the end of the file is markup (a browser drops it too). html.parser would look for that tag's end again
    at every later `<`, which is quadratic; cut there, it reads in linear time."""
    pos = 0
    while (m := _TOKEN.search(src, pos)) is not None:
        tok = m.group()
        if not tok.endswith(">") or (tok.startswith("<!--") and not tok.endswith("-->")):
            return m.start()
        pos = m.end()
        raw_text = _RAW_TEXT.match(tok)
        if raw_text:
            # a script's or style's content is not markup: skip to its end tag, as the parser will
            close = re.compile(rf"</{raw_text.group(1)}\s*>", re.I).search(src, pos)
            pos = close.end() if close else len(src)
    return len(src)


def read_html(path: str, raw: str) -> Document:
    """An HTML file as a document."""
    layout = Layout(raw)
    read_html_into(layout, 0, len(raw))
    return layout.document(path)
