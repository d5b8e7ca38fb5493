"""Read HTML as html.parser reads it (html_scan finds its events): text in character data, blocks between block tags."""

from __future__ import annotations

import html
import re
from collections import deque
from functools import lru_cache
from itertools import islice

from ..document import Document
from .html_scan import Event, scan
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
# a piece of markup, up to its closing mark or the end of the file; a script or a style element whose start tag
# is closed with its content, up to its end tag or the end of the file (its content is not markup)
_REST_OF_TAG = r"[^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
_PIECE = re.compile(
    rf"(?P<script><(?=[sS])(?i:script)\b{_REST_OF_TAG}>(?:.*?</(?i:script)\s*>|.*))"
    rf"|(?P<style><(?=[sS])(?i:style)\b{_REST_OF_TAG}>(?:.*?</(?i:style)\s*>|.*))"
    rf"|<!--.*?(?:-->|\Z)|<![^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)|</?[A-Za-z]{_REST_OF_TAG}(?:>|\Z)",
    re.S,
)
_URL = re.compile(r"\bhttps?://[^\s<>\"'\u2060]+")


@lru_cache(maxsize=4096)  # a page names a few entities many times: each is decoded once
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
        events.append((cut, "markup", "", -1))
    events.append((len(src), "", "", -1))  # where the last event ends
    if start:
        events = [
            (offset + start, kind, value, after + start if after >= 0 else -1) for offset, kind, value, after in events
        ]
    # every address starts with "http": a page without one is not searched for them once per piece of text
    kind, first, last, span = _walk(layout, events, start, "http" in src)
    if first >= 0:
        layout.add_block(kind, first, last)
    if span is not None:
        blocks = [b for b in layout.blocks if b.kind == "title" and span[0] <= b.start < span[1]]
        if blocks:
            layout.meta["title_span"] = (blocks[0].start, blocks[0].end)


def _walk(layout: Layout, events: list[Event], run: int, urls: bool) -> tuple[str, int, int, tuple[int, int] | None]:
    """Mark the text and the blocks the events make, each event running to the start of the next (the layout
    has nothing marked there yet); the kind of the run of text after the last block tag and where its first and
    last marked character are (-1 if it has none), and where the title's text was."""
    stack = _Stack()
    tags, counts, kinds = stack.tags, stack.counts, stack.kinds
    mark_text, add_block = layout.mark_text, layout.add_block
    title: tuple[int, int] | None = None
    # the first and the last character marked since the last block tag (-1: none): the block's text lies between
    first = last = -1
    for (s, kind, value, after), (e, _, _, _) in zip(events, islice(events, 1, None), strict=False):
        if kind == "data":
            t = s  # with the data after it (a lone '<' or '&' is data), up to the next event
        else:
            end = after if after >= 0 else e  # where the event ends: at the data after it, or at the next event
            if kind == "entity":
                if not stack.hidden:
                    layout.mark_shown(s, end, _decoded(value) if end - s >= len(value) - 1 else "")
                    if first < 0:
                        first = s
                    last = end
            elif kind == "start" and value not in _SPECIAL:
                tags.append(value)  # an inline element: it only goes on the stack
                counts[value] = counts.get(value, 0) + 1
            elif kind != "markup":
                if value in BLOCK_KIND:
                    # a block tag ends the run of text before it, as the kind of the innermost open block; the
                    # run's markup around its first and last marked character is no part of it: not offered
                    if first >= 0:
                        add_block(kinds[-1], first, last)
                        first = last = -1
                    if kind == "end" and value == "title" and tags and tags[-1] == "title":
                        title = (run, s)
                    run = end
                if kind == "start":
                    if value not in VOID:
                        stack.open(value)
                elif kind == "end" and counts.get(value):
                    stack.close(value)
            if after < 0:
                continue
            t = after
        # data, from t to the next event
        if stack.hidden or e == t:
            continue
        mark_text(t, e)
        if urls:
            for m in _URL.finditer(layout.raw, t, e):
                layout.mark_markup(m.start(), m.end())
        if first < 0:
            first = t
        last = e
    return kinds[-1], first, last, title


class _Stack:
    """The open elements, with counts and the kinds of the open blocks beside them (under them all, the kind of
    text outside any block) so that every step is O(1) amortised (a page of ten thousand unclosed <p> or <b> must
    not cost ten thousand steps per tag)."""

    def __init__(self) -> None:
        self.tags: list[str] = []
        self.counts: dict[str, int] = {}
        self.kinds: list[str] = ["paragraph"]
        self.hidden = 0

    def open(self, tag: str) -> None:
        if tag in _CLOSES_P and self.counts.get("p"):
            self.close("p")  # a block start ends an open paragraph, as in a browser
        if tag in _SIBLINGS and self.counts.get(tag):
            self.close(tag)  # <li> after <li>, <td> after <td>: the first one ends
        self.tags.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in BLOCK_KIND:
            self.kinds.append(BLOCK_KIND[tag])
        if tag in HIDDEN:
            self.hidden += 1

    def close(self, tag: str) -> None:
        """Close the innermost open `tag` and every element opened after it (the caller knows one is open)."""
        tags, counts = self.tags, self.counts
        while True:
            top = tags.pop()
            counts[top] -= 1
            if top in BLOCK_KIND:
                self.kinds.pop()
            if top in HIDDEN:
                self.hidden -= 1
            if top == tag:
                break


_CLOSES_P = frozenset(BLOCK_KIND) - {"html", "body", "head", "title"}
_SIBLINGS = frozenset({"li", "td", "th", "tr", "dt", "dd", "option"})
# elements whose start does more than go on the stack
_SPECIAL = _CLOSES_P | _SIBLINGS | frozenset(BLOCK_KIND) | HIDDEN | VOID


def _complete_part(src: str) -> int:
    """Where the last complete piece of markup ends: from a tag, comment or declaration that is never closed
    to the end of the file is markup (a browser drops it too). html.parser would look for that tag's end again
    at every later `<`, which is quadratic; cut there, it reads in linear time. A piece never closed runs to the
    end of the file, so it can only be the last piece: the pieces are found in one pass and the last one looked at."""
    last = deque(_PIECE.finditer(src), maxlen=1)
    if not last or last[0].lastgroup is not None:
        return len(src)
    tok = last[0].group()
    if not tok.endswith(">") or (tok.startswith("<!--") and not tok.endswith("-->")):
        return last[0].start()
    return len(src)


def read_html(path: str, raw: str) -> Document:
    """An HTML file as a document."""
    layout = Layout(raw)
    read_html_into(layout, 0, len(raw))
    return layout.document(path)
