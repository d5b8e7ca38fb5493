"""html.parser's events for a page, found by one regular expression per tag and the text after it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# One event: where it starts in the text, its kind (start, empty, end, data, entity, markup), its value (a tag's
# lower-case name, an entity as written with its ';', '' otherwise) and where the data after it starts, or -1: the
# data html.parser reports right after a tag or an entity is kept with it (one event less for each run of text),
# and runs to the start of the next event, as an event runs to the data after it or else to the next event.
Event = tuple[int, str, str, int]

# The constructs on which html.parser (Python 3.11, convert_charrefs=False, fed all the text then closed) calls one
# handler and goes on without a look at what follows them, each with the run of text after it. A start tag's
# attributes are the plain ones (a name, '=', a quoted or bare value, ASCII white space between them): on those,
# html.parser's tolerant patterns end the tag at the same '>' and find no stray data in it. Anything else at a
# '<' is left to html.parser's own method for that construct, and anything after which it would stop and wait
# for more (an '&' or '&#' that is not a reference, a tag that never ends) to html.parser for the rest of the page.
_WS = "[ \t\n\r\f]"
_ATTR = rf"""{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_WS}*={_WS}*(?:"[^"]*"|'[^']*'|[^\s"'<>`]+))?"""
_FAST = re.compile(
    rf"<([a-zA-Z][^\t\n\r\f />\x00]*)(?:{_ATTR})*{_WS}*(/?)>([^<&]*)"  # 1 tag, 2 '/' of '<br/>', 3 text after
    r"|</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>([^<&]*)"  # 4 end tag, 5 text after
    r"|&([a-zA-Z][-.a-zA-Z0-9]*)(?:;|(?=[^a-zA-Z0-9]))([^<&]*)"  # 6 entity name, 7 text after
    r"|&#([0-9]+|[xX][0-9a-fA-F]+)(?:;|(?=[^0-9a-fA-F]))([^<&]*)"  # 8 character reference, 9 text after
    r"|<!--.*?--\s*>([^<&]*)"  # 10 text after a comment
    r"|(?:<(?=[^a-zA-Z/!?])|&(?=[^a-zA-Z#]))([^<&]*)"  # a lone '<' or '&' is data of its own; 11 text after
    r"|([^<&]+)",  # 12 text
    re.S,
)
_CDATA = ("script", "style")
_TEXT = 12
_TAG_OPEN = re.compile("<[a-zA-Z]")
_NEWLINE = re.compile("\n")


class _Recorder(HTMLParser):
    """html.parser recording each event at its offset: where its position (line, column) says, its line 1
    starting at `line_starts[0]` of the whole text."""

    def __init__(self, events: list[Event], text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.events = events
        self.rawdata = text
        self.line_starts = [0]

    def _add(self, kind: str, value: str = "") -> None:
        line, col = self.getpos()
        self.events.append((self.line_starts[line - 1] + col, kind, value, -1))

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


def scan(text: str) -> list[Event]:
    """The events html.parser reports for `text` (fed whole, then closed), each at its offset."""
    events: list[Event] = []
    parser = _Recorder(events, text)
    n = len(text)
    pos = 0
    while pos < n:
        if parser.cdata_elem is not None:
            pos = _raw_text(parser, pos)
            continue
        pos = _fast(parser, pos)
        if pos < n and parser.cdata_elem is None:
            pos = _slow(parser, pos)
    return events


def _fast(parser: _Recorder, pos: int) -> int:
    """Events of the constructs _FAST knows, from `pos` to the first it does not know or a script's content."""
    text = parser.rawdata
    add = parser.events.append
    for m in _FAST.finditer(text, pos):
        if m.start() != pos:
            return pos
        # the last group of each alternative is the text after its construct, or the text itself
        last = m.lastindex or _TEXT  # every alternative has a group
        if last == _TEXT:
            add((pos, "data", "", -1))
            pos = m.end()
            continue
        start, end = m.span(last)
        after = start if start < end else -1
        if last == 3:
            tag = m[1].lower()
            if m[2]:
                add((pos, "empty", tag, after))
            elif tag in _CDATA:
                add((pos, "start", tag, -1))  # what follows is its content
                parser.set_cdata_mode(tag)
                return start
            else:
                add((pos, "start", tag, after))
        elif last == 5:
            add((pos, "end", m[4].lower(), after))
        elif last == 7:
            add((pos, "entity", f"&{m[6]};", after))
        elif last == 9:
            add((pos, "entity", f"&#{m[8]};", after))
        elif last == 10:
            add((pos, "markup", "", after))
        else:
            add((pos, "data", "", after))
        pos = end
    return pos


def _raw_text(parser: _Recorder, pos: int) -> int:
    """A script's or style's content is data up to its end tag; without one, nothing more is reported."""
    text = parser.rawdata
    m = parser.interesting.search(text, pos)
    if m is None:
        return len(text)
    if m.start() > pos:
        parser.events.append((pos, "data", "", -1))
    parser.events.append((m.start(), "end", parser.cdata_elem or "", -1))
    parser.clear_cdata_mode()
    return m.end()


def _slow(parser: _Recorder, pos: int) -> int:
    """One construct at a '<' by html.parser's own method for it; where html.parser would stop there to wait for
    more, html.parser reads the rest of the text as it would have (fed from there, then closed)."""
    text = parser.rawdata
    # its handlers are called before it moves its position: every event of the construct is at `pos`
    parser.line_starts[0] = pos
    parser.lineno, parser.offset = 1, 0
    k = -1
    if text.startswith("<", pos):
        if _TAG_OPEN.match(text, pos):
            k = parser.parse_starttag(pos)
        elif text.startswith("</", pos):
            k = parser.parse_endtag(pos)
        elif text.startswith("<!--", pos):
            k = parser.parse_comment(pos)
        elif text.startswith("<?", pos):
            k = parser.parse_pi(pos)
        elif text.startswith("<!", pos):
            k = parser.parse_html_declaration(pos)
    if k >= 0:
        return k
    return _rest(parser, pos)


def _rest(parser: _Recorder, pos: int) -> int:
    """html.parser, fed the text from `pos` (outside any script) and closed: until `pos` it had stopped nowhere,
    and what it does from there depends on that text alone."""
    text = parser.rawdata
    rest = _Recorder(parser.events, "")
    rest.line_starts = [pos]
    rest.line_starts.extend(m.end() for m in _NEWLINE.finditer(text, pos))
    rest.feed(text[pos:])
    rest.close()
    return len(text)
