"""Every CommonMark spec example through the Markdown reader: its text words against the rendered HTML's."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from lintnews.core.document import FILL
from lintnews.core.readers.markdown import read_markdown

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))
# the oracle renders with the same extensions as the reader, but with markdown-it's own (untraced) parser
RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
# not article text by design, though a browser shows it: code, and autolinks (a link whose text is its target)
HIDDEN = frozenset({"code", "pre", "script", "style", "noscript", "template", "svg", "math", "textarea"})
# Examples where the oracle and lintnews differ on purpose, each with why.
EXCEPTIONS: dict[int, str] = {
    148: "an HTML block ends at a blank line, so `_world_.` after it is a Markdown paragraph (lintnews reads it "
    "as text); the oracle's HTML parser puts the rendered paragraph inside the still-open <pre> and hides it",
    156: "an HTML block whose last tag is never closed: a browser drops a tag cut off by the end of the "
    "file (WHATWG 'eof-in-tag'), and so does lintnews, while html.parser, reading the rendered page, shows it as text",
    157: "an HTML block whose last tag is never closed: a browser drops a tag cut off by the end of the "
    "file (WHATWG 'eof-in-tag'), and so does lintnews, while html.parser, reading the rendered page, shows it as text",
    158: "an HTML block whose last tag is never closed: a browser drops a tag cut off by the end of the "
    "file (WHATWG 'eof-in-tag'), and so does lintnews, while html.parser, reading the rendered page, shows it as text",
    602: "a web address written out in the text is not prose for lintnews (no rule reads it, no fix edits it); "
    "the rendered page shows it as text",
    608: "a web address written out in the text is not prose for lintnews (no rule reads it, no fix edits it); "
    "the rendered page shows it as text",
    611: "a web address written out in the text is not prose for lintnews (no rule reads it, no fix edits it); "
    "the rendered page shows it as text",
    626: "`<!-->` is a whole comment for markdown-it (CommonMark 0.31), but Python's html.parser, reading the "
    "rendered page, runs that comment on to the next `-->` and loses the words between",
}


class _Text(HTMLParser):
    """The text a reader of the rendered page sees, plus image alt text; code and autolinks left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.parts: list[str] = []
        self.hidden = 0
        self.link: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "img":
            self.parts.append(a.get("alt") or "")
        elif tag == "a":
            self.link = (a.get("href") or "", len(self.parts))
        self.parts.append(" ") if tag in BREAKS else None

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden -= 1
        elif tag == "a" and self.link is not None:
            href, at = self.link
            shown = "".join(self.parts[at:])
            if shown and unquote(href) in (unquote(shown), "mailto:" + unquote(shown)):
                del self.parts[at:]  # an autolink: its text is its target
            self.link = None
        if tag in BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def text_words(self) -> list[str]:
        return "".join(self.parts).split()


BREAKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "br", "hr", "div", "tr"})


def oracle_words(markdown: str) -> list[str]:
    t = _Text()
    t.feed(RENDER.render(markdown))
    t.close()
    return t.text_words()


def reader_words(markdown: str) -> list[str]:
    """The words of each block of the text view, markup left out (a line break inside a tag too)."""
    doc = read_markdown("spec.md", markdown)
    assert doc.blocks is not None
    words = []
    for b in doc.blocks:
        kept = [
            c
            for i, c in enumerate(b.text, b.start)
            if c != FILL and (c != "\n" or doc.raw[i] != "\n" or doc.is_text(i, i + 1))
        ]
        words += "".join(kept).split()
    return words


def _agrees(example: dict[str, object]) -> bool:
    md = str(example["markdown"])
    return reader_words(md) == oracle_words(md)


def test_every_spec_example_reads_as_the_rendered_text() -> None:
    disagree = [e["example"] for e in SPEC if not _agrees(e)]
    assert len(SPEC) == 652
    unexplained = [n for n in disagree if n not in EXCEPTIONS]
    assert unexplained == [], f"{len(SPEC) - len(disagree)} of {len(SPEC)} agree; unexplained: {unexplained}"


@pytest.mark.parametrize("number", sorted(EXCEPTIONS))
def test_exceptions_still_differ(number: int) -> None:
    # an exception that starts agreeing is no longer an exception: take it off the list
    assert not _agrees(SPEC[number - 1])
