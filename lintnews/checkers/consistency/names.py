"""Names in an article's text as the consistency modes see them: two-word names, headlines, quotations."""

from __future__ import annotations

from typing import NamedTuple

from ...core.document import Document
from ...core.lexicon import zipf
from ..base import compile_user_regex

# no apostrophe: Trump's and Trump’s are one name, the quote mark is punctuation's business
_NAME = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
_WORD_FIRST = compile_user_regex(r"(?<!\w)\w")
# a word this common ('State', 'President') is a title or an ordinary word, not the name that anchors a variant
ANCHOR_MAX_ZIPF = 5.0
# a word this common capitalised only at the start of sentences is an ordinary word ('Resume the talks')
COMMON_ZIPF = 4.0
# a one-letter variant of a name is reported only when English sources have (almost) never seen it
MISSPELT_MAX_ZIPF = 1.5
# two capitalised words in a row: a given name and a surname, or a two-word place (Khan Yunis)
_PAIR = compile_user_regex(rf"(?<![\w@#/.-])(?P<a>{_NAME}) (?P<b>{_NAME})(?![\w@-])")
# what sits before a word that starts a sentence, a line or a quotation: its capital says nothing
_INITIAL_BEFORE = compile_user_regex(r"(?:^|[.!?:;\n•*–—-])[\s\"“‘'«(\[]*$")


class Occurrence(NamedTuple):
    """Where a spelling occurs (a named tuple: an article makes tens of thousands of them)."""

    start: int
    end: int
    form: str


def title_case(text: str) -> bool:
    """Are most words of the line capitalised (more than half of those that start with a letter)?"""
    # the first characters of the \w+ words, gathered by C code: lines are whole paragraphs
    firsts = "".join(filter(str.isalpha, _WORD_FIRST.findall(text)))
    return len(firsts) > 1 and sum(map(str.isupper, firsts)) / len(firsts) > 0.5


def headline_spans(doc: Document) -> list[tuple[int, int]]:
    """Lines in title case (headlines, product names): their capitals say nothing about names."""
    key = "consistency-headlines"
    if key not in doc.cache:
        # a caption made of names ends with a period; a headline or a product name does not
        doc.cache[key] = [
            (b.start, b.end)
            for b in (doc.lines if doc.has_capitals else ())  # a title-case line has capitals
            if not b.text.rstrip().endswith(".") and title_case(b.text)
        ]
    spans: list[tuple[int, int]] = doc.cache[key]
    return spans


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


PAIRS_KEY = "consistency-pairs"


def pairs(doc: Document) -> dict[tuple[str, str], list[Occurrence]]:
    """Every two-word capitalised name of the document (outside headlines), by its spelling."""
    key = PAIRS_KEY
    if key in doc.cache:
        cached: dict[tuple[str, str], list[Occurrence]] = doc.cache[key]
        return cached
    out: dict[tuple[str, str], list[Occurrence]] = {}
    heads = headline_spans(doc)
    for m in _PAIR.finditer(doc.text, overlapped=True):
        if in_spans(m.start(), heads):
            continue
        out.setdefault((m.group("a"), m.group("b")), []).append(Occurrence(m.start(), m.end(), m.group()))
    doc.cache[key] = out
    return out


_QUOTED = compile_user_regex(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’(?!\w)")


def in_quotes(text: str, offset: int) -> bool:
    """Is the offset inside a quotation on its line?"""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return any(m.start() < offset < m.end() for m in _QUOTED.finditer(text, start, end))


_NEXT_WORD = compile_user_regex(r" (\p{Lu}\p{Ll}+)\b")


def in_term(text: str, end: int) -> bool:
    """Is the name ending at `end` followed by a capitalised common word, so part of a longer term?"""
    m = _NEXT_WORD.match(text, end)
    return m is not None and zipf(m.group(1)) >= COMMON_ZIPF


def sentence_initial(text: str, start: int) -> bool:
    if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # after a word and a space, as most words are: the pattern cannot match
    return _INITIAL_BEFORE.search(text, max(0, start - 6), start) is not None
