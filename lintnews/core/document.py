"""A text to lint: its exact characters, lines, paragraphs and sentences, all as offsets into the file."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

# Titles before a name: "Gen. Smith" does not end a sentence even before a capital.
_TITLES = frozenset(
    """
    mr mrs ms dr prof sr st mt gen col lt sgt capt cmdr adm gov rep sen pres rev hon
    """.split()  # noqa: SIM905
)

# Abbreviations that end in a period without ending a sentence; lower-cased, without the final period.
ABBREVIATIONS = _TITLES | frozenset(
    """
    jr ft messrs vs etc e.g i.e cf al approx dept est fig inc ltd co corp vol vols pp p ch sec art para jan
    feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun a.m p.m u.s u.k
    u.n u.s.a e.u d.c n.y l.a ph.d b.a m.a m.d op ed eds rd ave blvd
    """.split()  # noqa: SIM905
)

# What the lintable view of a Markdown or HTML file holds in place of markup inside a block: neither a space
# nor a word character nor punctuation, so `[text](url).` does not read as "text ." and words stay apart.
FILL = "\u2060"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"""[.!?…]+["”’'»)\]]*(?=[\s\u2060])""")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_WORD_RUN = re.compile(r"\w+")
# the doc.cache entry of Document.word_count
WORD_COUNT = "document.word-count"
_ABBREV_TAIL = re.compile(r"""([\w.]+)\.[\"”’'»)\]]*$""")


class Block(NamedTuple):
    """A paragraph or sentence: [start, end) into the document's text; `kind` says what the file made it
    (paragraph, heading, list-item, table-cell, blockquote, caption, title, footnote, image).

    A named tuple: immutable, hashable and ordered by its fields as a frozen dataclass is, and made in a quarter
    of the time (a file of many small blocks makes a million of them: the reader's, lines, sentences)."""

    start: int
    end: int
    text: str
    kind: str = "paragraph"

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Document:
    """The file's raw text plus a lintable view of the same length.

    `raw` is exactly what the file holds (decoded). `text` has the same length;
    parts a checker must not see (front matter, code, HTML tags) are FILL characters
    (plain text's directive lines: spaces), line breaks kept, so every offset into
    `text` is an offset into the file.

    A Markdown or HTML reader also gives `blocks`, the units of text the file's structure makes (paragraphs,
    headings, list items, table cells, ...), and `text_spans`, the runs of characters that are article text:
    fixes may edit those and nothing else. Plain text has no blocks (paragraphs are found by blank lines) and
    is all text (text_spans None) but for what the reader leaves out (suppression directives).
    """

    path: str
    raw: str
    text: str = ""
    meta: dict[str, object] = field(default_factory=dict)
    # derived data checkers share (spaCy parses, name tables), filled on demand
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    blocks: list[Block] | None = field(default=None, repr=False)
    text_spans: tuple[tuple[int, int], ...] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.raw
        if len(self.text) != len(self.raw):
            raise ValueError("the lintable view must have the raw text's length")

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for m in re.finditer("\n", self.raw):
            starts.append(m.end())
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    @cached_property
    def lines(self) -> list[Block]:
        """Every line of the lintable view, without its line ending."""
        text = self.text
        starts = self.line_starts
        ends = [s - 1 for s in starts[1:]]
        ends.append(len(text))
        out = []
        for start, end in zip(starts, ends, strict=True):
            seg = text[start:end]
            if seg.endswith("\r"):
                out.append(Block(start, end - 1, seg[:-1]))
            else:
                out.append(Block(start, end, seg))
        return out

    @cached_property
    def _span_starts(self) -> list[int]:
        return [s for s, _ in self.text_spans or ()]

    def is_text(self, start: int, end: int) -> bool:
        """Are all characters of [start, end) article text? An insertion (start == end) must sit next to text."""
        spans = self.text_spans
        if spans is None:
            return 0 <= start <= end <= len(self.raw)
        i = bisect.bisect_right(self._span_starts, start) - 1
        if start == end:
            # at the end of a span (after its last character) or inside one, or at the start of the next
            if i >= 0 and spans[i][0] <= start <= spans[i][1]:
                return True
            return i + 1 < len(spans) and spans[i + 1][0] == start
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    @cached_property
    def blank_line_separated(self) -> bool:
        """True when paragraphs are separated by blank lines (else each line is a paragraph)."""
        if self.blocks is not None:
            return True  # the file's structure parts them
        return _PARAGRAPH_BREAK.search(self.text) is not None

    @cached_property
    def paragraphs(self) -> list[Block]:
        """Non-empty paragraphs, stripped of surrounding white space; for Markdown and HTML, the blocks."""
        if self.blocks is not None:
            return self.blocks
        if self.blank_line_separated:
            pieces: list[tuple[int, int]] = []
            pos = 0
            for m in _PARAGRAPH_BREAK.finditer(self.text):
                pieces.append((pos, m.start()))
                pos = m.end()
            pieces.append((pos, len(self.text)))
        else:
            pieces = [(b.start, b.end) for b in self.lines]
        out = []
        for start, end in pieces:
            seg = self.text[start:end]
            stripped = seg.strip()
            if not stripped:
                continue
            lead = len(seg) - len(seg.lstrip())
            s = start + lead
            out.append(Block(s, s + len(stripped), stripped))
        return out

    @cached_property
    def sentences(self) -> list[Block]:
        """Sentences of every paragraph, by punctuation with abbreviations and initials respected."""
        out: list[Block] = []
        # a paragraph with no mark that may end a sentence is one sentence: where the whole text has none (a file
        # of headings or table cells), no paragraph is searched
        anywhere = _SENTENCE_END.search(self.text) is not None
        for para in self.paragraphs:
            text = para.text
            if len(text) <= MAX_SENTENCE and (not anywhere or _SENTENCE_END.search(text) is None):
                e = len(text.rstrip())
                if e:
                    while e > 0 and text[e - 1] == FILL:
                        e -= 1
                    if e == len(text) and para.end - para.start == e:
                        out.append(para)  # the paragraph is its sentence: the same block, not made again
                    else:
                        out.append(Block(para.start, para.start + e, text[:e], para.kind))
                continue
            for first, stop in split_sentences(para.text):
                for s, piece_end in _pieces(para.text, first, stop):
                    e = piece_end
                    while e > s and para.text[e - 1] == FILL:
                        e -= 1  # a footnote marker or a closing tag after the period belongs to no sentence
                    out.append(Block(para.start + s, para.start + e, para.text[s:e], para.kind))
        return out

    def words(self) -> list[Block]:
        return [Block(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text)]

    @cached_property
    def has_capitals(self) -> bool:
        """May the view hold an upper-case letter? False only where every cased letter is lower case (a file of
        lower-case headings or cells), which rules about capitals read as 'nothing to look for'."""
        return not self.text.islower()

    @cached_property
    def lower(self) -> str:
        """The lintable view in lower case, for cheap "could this rule match here" tests (not for offsets)."""
        return self.text.lower()

    @cached_property
    def lower_words(self) -> list[str]:
        """Every \\w+ run of `lower`, in order (the word index and word_set are made from them)."""
        return _WORD_RUN.findall(self.lower)

    @cached_property
    def word_set(self) -> frozenset[str]:
        """Every word of the document, lower-cased: rules skip documents that lack their key words."""
        return frozenset(self.lower_words)

    @property
    def word_count(self) -> int:
        """The number of words (kept in the cache: a --jobs worker counts them and sends the count back)."""
        n: int | None = self.cache.get(WORD_COUNT)
        if n is None:
            n = self.cache[WORD_COUNT] = len(_WORD.findall(self.text))
        return n

    def paragraph_at(self, offset: int) -> Block | None:
        starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None


# The longest run that is still read as one sentence. News sentences run to a few hundred characters; a
# "sentence" of many thousands is a list, a table or junk without punctuation, and a rule that reads sentences
# (or the tagger it asks) would spend time on it in proportion to its length times the matches in it.
MAX_SENTENCE = 3000
_SPACE_RUN = re.compile(r"\s+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as one sentence, or, beyond MAX_SENTENCE characters, in pieces cut at the last white space
    before each limit (at the limit itself in a run of that many characters without white space)."""
    if end - start <= MAX_SENTENCE:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + MAX_SENTENCE // 2, limit), text.rfind("\n", start + MAX_SENTENCE // 2, limit))
        stop = cut if cut > start else limit
        out.append((start, stop))
        m = _SPACE_RUN.match(text, stop, end)
        start = m.end() if m else stop
    if end > start:
        out.append((start, end))
    return out


def is_abbreviation(before: str) -> bool:
    """Does the text before a period end with an abbreviation or an initial?"""
    m = _ABBREV_TAIL.search(before + ".")
    if not m:
        return False
    token = m.group(1)
    word = token.rsplit(" ", 1)[-1].lstrip("(\"“‘'")
    low = word.lower()
    if low in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Jonas E. Smith"
    # "U.S", "e.g", "a.m"
    return re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence in one paragraph of text."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        punct = m.group()
        nxt = end
        while nxt < n and (text[nxt].isspace() or text[nxt] == FILL):
            nxt += 1
        if nxt >= n:
            break
        following = text[nxt]
        if following.islower() or following in ",;:":
            continue  # the sentence goes on, whatever the period ends (tested first: it is the cheap test)
        if punct == ".":
            before = _last_words(text, start, m.start())
            if is_abbreviation(before) and (not following.isupper() or _looks_like_name_after_title(before)):
                continue
            if _DOTTED_ACRONYM.search(before) and text[nxt : nxt + 16].split(" ", 1)[0] not in _SENTENCE_STARTERS:
                continue
            if following.isdigit() and re.search(r"\b(?:[Nn]os?|[Pp]p?|[Vv]ol|[Aa]rt|[Ss]ec)$", before):
                continue
        spans.append((start, end))
        start = nxt
    if start < n and text[start:].strip():
        tail = text[start:].rstrip()
        spans.append((start, start + len(tail)))
    return spans


# how much of the sentence before a period the abbreviation tests read: its last words, not all of it (a
# "sentence" of a million characters whose periods are all followed by small letters was quadratic)
_BEFORE_REACH = 128


def _last_words(text: str, start: int, end: int) -> str:
    """text[start:end], or its last words when that is long: cut at a space, so the first word is whole."""
    lo = end - _BEFORE_REACH
    if lo <= start:
        return text[start:end]
    cut = text.find(" ", lo, end)
    return text[cut + 1 if cut >= 0 else lo : end]


_DOTTED_ACRONYM = re.compile(r"(?:^|[\s(])(?:[A-Z]\.)+[A-Z]$")
_SENTENCE_STARTERS = frozenset(
    """
    He She It They We I You The A An This That These Those There But And In On At As If When While
    """.split()  # noqa: SIM905
)


def _looks_like_name_after_title(before: str) -> bool:
    word = before.rsplit(None, 1)[-1].lstrip("(\"“‘'") if before.split() else ""
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in _TITLES
