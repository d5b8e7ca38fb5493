"""Lines, content lines and sentences made in bulk are those of their one-by-one definitions; Block's contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers.boilerplate import content_lines
from lintnews.core.document import FILL, MAX_SENTENCE, Block, Document, _pieces, split_sentences
from lintnews.core.sources import make_document

# pieces that sit on the edges of each definition: every kind of white space str.strip() and re's \s take
# (\x1c..\x1f and U+2028 among them), carriage returns alone and before a line feed, sentence marks, closing
# quotes, abbreviations, the view's FILL
_PIECES = [
    "a", "B", "word", " ", "\t", "\n", "\n\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u00a0",
    "\u3000", FILL, ".", "!", "?", "…", '"', ")", "Mr", "e.g", "U.S.", "x" * 400,
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _lines(doc: Document) -> list[Block]:
    out = []
    for i, start in enumerate(doc.line_starts):
        end = doc.line_starts[i + 1] - 1 if i + 1 < len(doc.line_starts) else len(doc.text)
        seg_end = end - 1 if end > start and doc.text[end - 1] == "\r" else end
        out.append(Block(start, seg_end, doc.text[start:seg_end]))
    return out


def _content_lines(doc: Document) -> list[Block]:
    out = []
    for b in _lines(doc):
        stripped = b.text.strip()
        if stripped:
            lead = len(b.text) - len(b.text.lstrip())
            out.append(Block(b.start + lead, b.start + lead + len(stripped), stripped))
    return out


def _sentences(doc: Document) -> list[Block]:
    out = []
    for para in doc.paragraphs:
        for first, stop in split_sentences(para.text):
            for s, piece_end in _pieces(para.text, first, stop):
                e = piece_end
                while e > s and para.text[e - 1] == FILL:
                    e -= 1
                out.append(Block(para.start + s, para.start + e, para.text[s:e], para.kind))
    return out


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["a.txt", "a.md"]))
def test_bulk_lines_and_sentences_are_the_definitions(text: str, path: str) -> None:
    doc = make_document(path, text)
    assert doc.lines == _lines(doc)
    assert content_lines(doc) == _content_lines(doc)
    assert doc.sentences == _sentences(make_document(path, text))


@pytest.mark.parametrize("text", ["a" * (MAX_SENTENCE + 10), "word " * 900, "# a\n# b.\n\nOne. Two\n"])
def test_long_and_mixed_paragraphs_are_split_as_defined(text: str) -> None:
    doc = make_document("a.md", text)
    assert doc.sentences == _sentences(make_document("a.md", text))


def test_a_block_is_an_immutable_ordered_value() -> None:
    b = Block(3, 7, "text", "heading")
    assert len(b) == 4 and b.kind == "heading" and Block(1, 2, "x").kind == "paragraph"
    assert sorted([b, Block(1, 9, "z")]) == [Block(1, 9, "z"), b]
    assert {b: 1}[Block(3, 7, "text", "heading")] == 1
    with pytest.raises(AttributeError):
        b.start = 0  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_a_text_said_to_have_no_capitals_has_none(text: str) -> None:
    doc = make_document("a.txt", text)
    assert doc.has_capitals or not any(c.isupper() for c in doc.text)
