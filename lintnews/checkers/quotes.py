"""kind: quotes: curly double quotes turned the wrong way or opened twice, and spaces inside quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.document import Block, Document
from ..core.findings import Hit, Severity
from .base import Checker

# `sides“,` : an opening mark glued to the word before it and followed by a space or punctuation.
_OPEN_AS_CLOSE = re.compile(r"(?<=[\w.,!?’)])“(?=[\s,.;:!?)]|$)")
# `not ” very promising”` : a closing mark after a space and before a word.
_CLOSE_AS_OPEN = re.compile(r"(?:(?<=[\s(\[—–])|^)”[ \t]*(?=\w)")
# spaces between an opening mark and a word, or between a word or its punctuation and a closing mark
_SPACE_AFTER = re.compile(r"[ \t]+(?=\w)")
_SPACE_BEFORE = re.compile(r"(?<=[\w.,!?…])[ \t]+\Z")
# what a closing mark follows and an opening mark precedes, besides letters and digits
_ENDS_A_QUOTE = ".,!?;:…'’)]%"
_STARTS_A_QUOTE = "'‘’…¡¿$€£#@"
_DOUBLE_QUOTES = ('"', "“", "”")
# a quotation ends with its sentence or clause: a mark between a word and a closing quote
_ENDS_A_QUOTATION = frozenset(".,!?;:…")
_ENDS_SENTENCE = re.compile(r"""[.!?:;]["”’'»)\]]*\s*$|["”]\s*$""")


class QuotesChecker(Checker):
    kind = "quotes"

    def check(self, doc: Document) -> Iterator[Hit]:
        if not any(mark in doc.text for mark in _DOUBLE_QUOTES):
            return
        paras = doc.paragraphs
        # the paragraphs left inside a quotation so far: a paragraph without a double quote reports nothing and
        # leaves nothing open, so it is passed over with three substring tests
        left_open: set[int] = set()
        for k, para in enumerate(paras):
            text = para.text
            if '"' not in text and "“" not in text and "”" not in text:
                continue
            if leaves_open(text):
                left_open.add(k)
            yield from self._paragraph(para)
            following = paras[k + 1].text if k + 1 < len(paras) else ""
            chained = k - 1 in left_open
            # a quotation opened a few paragraphs back and closed here, without being opened again in between
            open_earlier = any(j in left_open for j in range(max(0, k - 6), k))
            yield from _unclosed(para, following, chained, k == 0 or open_earlier)

    def _paragraph(self, para: Block) -> Iterator[Hit]:
        text = para.text
        if '"' in text and "“" not in text and "”" not in text:
            # in the order of the text already (the marks were found in order)
            for pos, opens in (straight_quote_directions(text) or {}).items():
                if _spaced(text, pos, opens):
                    yield from _inner_space(para, pos, opens)
            return
        if "“" not in text and "”" not in text:
            return
        # the direction each mark should have: True opens, False closes
        marks: dict[int, bool] = {m.start(): ch == "“" for m in re.finditer("[“”]", text) for ch in [m.group()]}
        turned: set[int] = set()  # marks turned the right way here: their fix takes care of any space
        for m in _OPEN_AS_CLOSE.finditer(text):
            marks[m.start()] = False
            turned.add(m.start())
            yield Hit(
                para.start + m.start(),
                para.start + m.end(),
                message="Opening quotation mark '“' where the quotation ends: write '”'.",
                replacement="”",
                suggestions=("”",),
            )
        for m in _CLOSE_AS_OPEN.finditer(text):
            later = text[m.end() :]
            close, opening = later.find("”"), later.find("“")
            if close < 0 or 0 <= opening < close:
                continue  # no quotation closes after it: maybe a stray mark, not a reversed one
            marks[m.start()] = True
            turned.add(m.start())
            yield Hit(
                para.start + m.start(),
                para.start + m.end(),
                message="Closing quotation mark '”' where a quotation begins: write '“' against the word.",
                replacement="“",
                suggestions=("“",),
            )
        is_open = False
        for pos in sorted(marks):
            if marks[pos]:
                if is_open:
                    yield Hit(
                        para.start + pos,
                        para.start + pos + 1,
                        message="A quotation opens before the previous one closed: a closing '”' is missing.",
                    )
                is_open = True
            else:
                is_open = False
        for pos, opens in sorted(marks.items()):
            if pos not in turned and _spaced(text, pos, opens):
                yield from _inner_space(para, pos, opens)


def _unclosed(para: Block, following: str, chained: bool, inside: bool) -> Iterator[Hit]:
    """A quotation opened and never closed in its paragraph, or closed and never opened.

    A quotation running over several paragraphs leaves each one open and opens the next again (`chained`:
    the paragraph before left one open); an excerpt (`...`, `[The]`), a paragraph that may begin inside a
    quotation (`inside`: the first of the text, or one after a quotation left open) and the last one of
    the text lose a mark on purpose. Any other lone mark is a lost partner or a mark added.
    """
    text = para.text
    if following.lstrip()[:1] in _DOUBLE_QUOTES or "..." in text or "…" in text or "[" in text:
        return
    if not _ENDS_SENTENCE.search(text):
        return  # a paragraph cut in mid-sentence goes on in the next
    if "“" in text or "”" in text:
        # curly marks come from an editor or a typesetter that pairs them; a lone one is most often the
        # multi-paragraph convention (each paragraph opens, only the last closes) or is reported above
        # (an opening twice); on the MQM dev set none of five was a marked error
        return
    found = [m.start() for m in re.finditer('"', text)]
    if len(found) % 2 == 0 or any(p > 0 and text[p - 1].isdigit() for p in found):
        return  # paired, or inch marks (12" vinyl)
    lone = _unpaired(text, found)
    if lone is None or (chained and lone == 0):
        return
    if not following and _opens(text, lone):
        return  # the text ends inside a quotation
    if inside and not _opens(text, lone) and text[lone - 1 : lone] in _ENDS_A_QUOTATION:
        return  # the paragraph begins inside a quotation, which ends at a mark (`...the last word."`)
    yield Hit(
        para.start + lone,
        para.start + lone + 1,
        message="This quotation mark has no partner in its paragraph: a mark was lost or added.",
    )


def _opens(text: str, p: int) -> bool:
    """Does the straight double quote at p open a quotation, by the side it is glued to?"""
    left = p > 0 and (text[p - 1].isalnum() or text[p - 1] in _ENDS_A_QUOTE)
    right = p + 1 < len(text) and (text[p + 1].isalnum() or text[p + 1] in _STARTS_A_QUOTE)
    return right and not left


def leaves_open(text: str) -> bool:
    """Does the paragraph end inside a quotation (an odd number of double quotes)?"""
    # three counts in C, not a list of every mark
    return (text.count('"') + text.count("“") + text.count("”")) % 2 == 1


def _unpaired(text: str, found: list[int]) -> int | None:
    """The straight double quote left without a partner, paired by the side each is glued to."""
    stack: list[int] = []
    lone: list[int] = []
    for p in found:
        closes = not _opens(text, p)
        if not closes:
            stack.append(p)
        elif stack:
            stack.pop()
        else:
            lone.append(p)
    left_over = lone or stack
    return left_over[0] if left_over else None


def straight_quote_directions(text: str) -> dict[int, bool] | None:
    """The direction of each straight double quote of a paragraph (True opens), paired in order; None when
    they cannot be paired with confidence: an odd number, one after a digit (an inch mark, 12" vinyl), or a
    pairing that a mark's own side contradicts (a text that begins inside a quotation: 'charges." It's')."""
    found = [m.start() for m in re.finditer('"', text)]
    if not found or len(found) % 2 or any(p > 0 and text[p - 1].isdigit() for p in found):
        return None
    directions = {p: i % 2 == 0 for i, p in enumerate(found)}
    for p, opens in directions.items():
        glued_left = p > 0 and (text[p - 1].isalnum() or text[p - 1] in _ENDS_A_QUOTE)
        glued_right = p + 1 < len(text) and (text[p + 1].isalnum() or text[p + 1] in _STARTS_A_QUOTE)
        one_sided = glued_left != glued_right  # glued on one side only: that side says which way it faces
        if one_sided and opens != glued_right:
            return None
    return directions


def _spaced(text: str, pos: int, opens: bool) -> bool:
    """Is there a space or a tab on the mark's inner side? Else _inner_space finds nothing (a quotation's marks
    are mostly glued to its words: a quarter of a million of them are not each searched)."""
    return (text[pos + 1 : pos + 2] if opens else text[pos - 1 : pos] if pos else "") in (" ", "\t")


def _inner_space(para: Block, pos: int, opens: bool) -> Iterator[Hit]:
    """A space between a quotation mark and the words it encloses ('“ the deal”', '"deal, " he said')."""
    text = para.text
    # a mark glued to a word on its other side may be turned the wrong way: its direction is not sure enough
    if opens:
        m = None if pos > 0 and text[pos - 1].isalnum() else _SPACE_AFTER.match(text, pos + 1)
    else:
        glued = pos + 1 < len(text) and text[pos + 1].isalnum()
        # \Z with pos as the end: the spaces must end at the mark itself
        m = None if glued else _SPACE_BEFORE.search(text, max(0, pos - 80), pos)
    if m is None:
        return
    # cosmetic: the reader is not misled, so it is reported as information (and fixed with the safe fixes)
    yield Hit(
        para.start + m.start(),
        para.start + m.end(),
        message="Space inside the quotation marks: remove it.",
        replacement="",
        severity=Severity.INFO,
    )
