"""The HTML reader's Document is the one html.parser's events made, read one event at a time as the reader did
before html_scan: text, entities, blocks and their kinds, the title, on generated pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import Document
from lintnews.core.readers.html import _URL, BLOCK_KIND, VOID, _decoded, _Stack, read_html
from lintnews.core.readers.layout import Layout
from tests.test_html_scan import PIECES, _cut_piece_by_piece, _reference


def _walked(layout: Layout, src: str) -> None:
    """The reader as it was: html.parser's events, each to the start of the next, the stack told every tag."""
    cut = _cut_piece_by_piece(src)
    events = _reference(src[:cut])
    assert not isinstance(events, str)
    if cut < len(src):
        events.append((cut, "markup", ""))
    offsets = [offset for offset, _, _ in events] + [len(src)]
    stack, run, title = _Stack(), 0, None
    for k, (_, kind, value) in enumerate(events):
        s, e = offsets[k], offsets[k + 1]
        if kind == "data" and not stack.hidden:
            layout.mark_text(s, e)
            if "http" in src:
                for m in _URL.finditer(layout.raw, s, e):
                    layout.kinds[m.start() : m.end()] = bytes(m.end() - m.start())
        elif kind == "entity" and not stack.hidden:
            layout.mark_shown(s, e, _decoded(value) if e - s >= len(value) - 1 else "")
        elif kind in ("start", "end", "empty"):
            if value in BLOCK_KIND:
                layout.add_block(stack.kinds[-1], run, s)
                if stack.tags and stack.tags[-1] == "title" and kind == "end" and value == "title":
                    title = (run, s)
                run = e
            if kind == "start" and value not in VOID:
                stack.open(value)
            elif kind == "end" and stack.counts.get(value):
                stack.close(value)
    layout.add_block(stack.kinds[-1], run, len(src))
    if title is not None:
        blocks = [b for b in layout.blocks if b.kind == "title" and title[0] <= b.start < title[1]]
        if blocks:
            layout.meta["title_span"] = (blocks[0].start, blocks[0].end)


def _as_before(src: str) -> Document:
    layout = Layout(src)
    _walked(layout, src)
    return layout.document("a.html")


def _same(a: Document, b: Document) -> None:
    assert a.text == b.text
    assert a.blocks == b.blocks
    assert a.text_spans == b.text_spans
    assert a.meta == b.meta


BLOCKS = ["<p>", "</p>", "<div>", "</div>", "<h2>", "</h2>", "<li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>",
          "</table>", "<title>", "</title>", "<head>", "<body>", "<blockquote>", "<hr>", "<hr/>", "<br>", "<code>",
          "</code>", "<script>x</script>", "<pre>", "</pre>", "<figcaption>", "<dt>", "<dd>", "<option>", "<b>",
          "</b>", "<i>", "</i>", " Word. ", "\n\n", "see https://example.com/a?b=1&amp;c ", "&nbsp;", "&#8203;",
          "&amp;", "&amp", "  "]  # fmt: skip
pages = st.lists(st.sampled_from(BLOCKS + PIECES), max_size=50).map("".join)


@settings(max_examples=2000, deadline=None)
@given(pages)
def test_document_is_the_one_the_events_made(src: str) -> None:
    if isinstance(_reference(src[: _cut_piece_by_piece(src)]), str):
        return  # html.parser gives up on the page: the reader raises as it did (tests/test_html_scan.py)
    _same(read_html("a.html", src), _as_before(src))


def test_known_page() -> None:
    src = (
        "<html><head><title>Vote &amp; count</title><script>var a = '<p>';</script></head><body>\n"
        "<h1>Results</h1><p>Turnout rose&nbsp;to 61% <b>in Cairo</b> &#8212; see https://example.com/r?a=1&amp;b=2\n"
        "<ul><li>One<li>Two</ul><table><tr><td>a<td>b</table><p>Unclosed <div>block</body></html>"
    )
    _same(read_html("a.html", src), _as_before(src))
    assert read_html("a.html", src).meta["title_span"]
