"""html_scan finds the events html.parser reports, at the same offsets, on any text; plain pages without it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.readers import html_scan
from lintnews.core.readers.html import _complete_part
from lintnews.core.readers.html_scan import scan

# pieces of pages, plain and broken: each alternative of the scanner's pattern, and what is next to each one
PIECES = [
    "<p>", "</p>", "<b>", "</b>", "<br/>", "<br />", '<a href="x>y">', "<a href='q'>", "<a href=x/>", "<a href=x />",
    "<img src=x alt>", "<div class=a\nid=b>", "</ div>", "</p >", "</>", "<!-- c -->", "<!-- c -- >", "<!-->",
    "<!DOCTYPE html>", "<!doctype>", "<![CDATA[x]]>", "<?php x ?>", "<script>a<b</script>", "<SCRIPT>x</script >",
    "<style>p{}</STYLE>", "<script>", "</script>", "&amp;", "&amp", "&#65;", "&#x41", "&#;", "&#x;", "&", "& ",
    "&nbsp;", "&bogus;", "<", "< ", "<3", "a<b", "<a<b>", "<p\xa0>", "<p\x0b>", "<o:p>", "<p/x>", '<a b="c"d="e">',
    '<a  b = "c" >', "<td>", "<li>", "</li>", "<title>T</title>", "<pre>", "</pre>", "text", " ", "\n", "\r\n",
    "http://example.com/a&b", "word. ", '<a href="', "<p", "=", '"', "'", "\x00", "&#8217;", "&amp.", "&a-b", "<!x>",
    "<!>", "<?", "<!--", "-->", "</b x>", "<B CLASS='z'>", "</DIV>", "<span\tid=1>", '<p title="a\nb">', "<i/>",
    "&#X41;", "&#65a", "<a =x>", "<a b=>", "<a b='>'>", "<a\nb\n>", "</a\n>", "<!--x--!>", "<a b=c>", "<a b = c d>",
    "<p/ >", '<a href="x"/>', "<ab:cd x:y=1>", "<\u00e9>", "<a\u00e9>", "&ab1", "&1;", "&amp;&amp;", "<scr<script>",
    "</script\n>", "</SCRIPT  >", "<style>", "</script", "<!---->", "<!-- -- -->", "<!--->", "<a\rb>", "<a\fb=c>",
    "<a b=`c`>", "<a b=c=d>", "<a @click=x>", "<a :b=1>", "&#x110000;", "&LT", "<a\x00b>", '</a b=">">', "</\u00e9>",
    "< /a>", "<br\x0b/>", "<a b=c/>", "<p//>", "<p / >", "<p\t/>", "<#", "&/", "&!x", "<a b==c>", "<a b= =c>",
    "<a b=/>", "<a href=f?a=b&c=d>", "<a b=c\"d>",
]  # fmt: skip


class _Reference(HTMLParser):
    """html.parser fed the whole text and closed, each event at the offset its (line, column) names."""

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
        self._add("data")

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


def _reference(text: str) -> list[tuple[int, str, str]] | str:
    parser = _Reference()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as e:  # html.parser gives up on some declarations: the scanner must too
        return f"AssertionError {e}"
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return [(line_starts[line - 1] + col, kind, value) for (line, col), kind, value in parser.events]


def _scanned(text: str) -> list[tuple[int, str, str]] | str:
    try:
        events = scan(text)
    except AssertionError as e:
        return f"AssertionError {e}"
    # html.parser's events: the data kept with the event before it is an event of its own; a data event's value
    # is not kept where the scanner found it itself (it runs to the next event)
    found = []
    for offset, kind, value, after in events:
        found.append((offset, kind, "" if kind == "data" else value))
        if after >= 0:
            found.append((after, "data", ""))
    return found


pages = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(pages)
def test_events_are_html_parsers(text: str) -> None:
    assert _scanned(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "<p>Text <b>bold &amp; more</b>" * 3,
        "<b>x <p>y <div>" * 3,
        "a < b &amp c & d &#8217;s <br/><br /><img src=x alt='a > b'>",
        "<script>if (a<b && c) {}</script><p>After</p><style>p{}</STYLE >x",
        "<!DOCTYPE html><html><head><title>T</title></head><!-- c -->",
        "<p>&#65a</p>",  # a character reference followed by a hex digit is no reference: html.parser stops there
        "<p>x &#; y</p><b>z</b>",
        "<p>ends in &amp",
        "<p>ends in <",
        "<a href='x",
        "<script>never closed <b>",
    ],
)
def test_known_pages(text: str) -> None:
    assert _scanned(text) == _reference(text)


def test_plain_page_needs_no_html_parser_method(monkeypatch: pytest.MonkeyPatch) -> None:
    # tags with attributes, entities, comments, a lone '<', a script: all found by the scanner's own pattern
    def refuse(*args: object) -> int:
        raise AssertionError("html.parser was asked")

    monkeypatch.setattr(html_scan, "_slow", refuse)
    text = (
        "<div class=\"a\" id=b data-x='1'><p>One &amp; two &#8217; &nbsp;</p><!-- note -->\n"
        "<script>var a = 1 < 2;</script><br/><img src=x.png alt><p>a < b <a href=f?a=b&c=d>x</a></p></div>\n"
    )
    assert _scanned(text) == _reference(text)


# the cut as html.py found it before: piece after piece, a script's or style's content skipped to its end tag
_OLD_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*(?:>|\Z)",
    re.S,
)
_OLD_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)


def _cut_piece_by_piece(src: str) -> int:
    pos = 0
    while (m := _OLD_TOKEN.search(src, pos)) is not None:
        tok = m.group()
        if not tok.endswith(">") or (tok.startswith("<!--") and not tok.endswith("-->")):
            return m.start()
        pos = m.end()
        raw_text = _OLD_RAW_TEXT.match(tok)
        if raw_text:
            close = re.compile(rf"</{raw_text.group(1)}\s*>", re.I).search(src, pos)
            pos = close.end() if close else len(src)
    return len(src)


RAW_TEXT_PIECES = ["<script-x>", "<Script a='>'>", "<style", "<STYLE>", "</style >", "<scripts>", "<script.x>",
                   "<\u017fcript>", "</\u017fcript>", "<\u017ftyle>"]  # fmt: skip
cut_pages = st.lists(st.sampled_from(PIECES + RAW_TEXT_PIECES), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(cut_pages)
def test_complete_part_cuts_where_the_piece_by_piece_scan_did(text: str) -> None:
    assert _complete_part(text) == _cut_piece_by_piece(text)
