"""kind: quotes: curly double quotes turned the wrong way or opened twice, and spaces inside quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Block, Document
from ..findings import Hit, Severity
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


class QuotesChecker(Checker):
    kind = "quotes"

    def check(self, doc: Document) -> Iterator[Hit]:
        for para in doc.paragraphs:
            yield from self._paragraph(para)

    def _paragraph(self, para: Block) -> Iterator[Hit]:
        text = para.text
        if '"' in text and "“" not in text and "”" not in text:
            directions = straight_quote_directions(text)
            for pos, opens in sorted((directions or {}).items()):
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
            if pos not in turned:
                yield from _inner_space(para, pos, opens)


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


CHECKER = QuotesChecker
