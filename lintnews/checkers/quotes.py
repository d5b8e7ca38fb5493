"""kind: quotes: curly double quotes turned the wrong way, or opened again before the first one closed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Block, Document
from ..findings import Hit
from .base import Checker

# `sides“,` : an opening mark glued to the word before it and followed by a space or punctuation.
_OPEN_AS_CLOSE = re.compile(r"(?<=[\w.,!?’)])“(?=[\s,.;:!?)]|$)")
# `not ” very promising”` : a closing mark after a space and before a word.
_CLOSE_AS_OPEN = re.compile(r"(?:(?<=[\s(\[—–])|^)”[ \t]*(?=\w)")


class QuotesChecker(Checker):
    kind = "quotes"

    def check(self, doc: Document) -> Iterator[Hit]:
        for para in doc.paragraphs:
            yield from self._paragraph(para)

    def _paragraph(self, para: Block) -> Iterator[Hit]:
        text = para.text
        if "“" not in text and "”" not in text:
            return
        # the direction each mark should have: True opens, False closes
        marks: dict[int, bool] = {m.start(): ch == "“" for m in re.finditer("[“”]", text) for ch in [m.group()]}
        for m in _OPEN_AS_CLOSE.finditer(text):
            marks[m.start()] = False
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


CHECKER = QuotesChecker
