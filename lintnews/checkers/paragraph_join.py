"""kind: paragraph-join: a sentence broken across two paragraphs, or a paragraph left ending in a comma."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..core.document import Block, Document
from ..core.findings import Hit
from .base import Checker, Option

_FINAL = re.compile(r"""[.!?…:;][”"’'»)\]]*$""")
_LOWER_WORDS = re.compile(r"(?<!\S)[a-z][a-z’'-]*(?=[\s,;]|$)")
_FIRST_WORD = re.compile(r"\S+")
# A lower-case opening that is not a sentence break: a handle, a link, a brand (`iPhone`), a list marker.
_NOT_CONTINUATION = re.compile(r"^(?:[a-z]{1,3}[.)]|[\w.-]*[@/#:]|www\.|[a-z]+[A-Z0-9])")


def _mode(value: Any) -> str:
    if value not in ("continuation", "comma"):
        raise ValueError("must be 'continuation' or 'comma'")
    return str(value)


def _quote_open_at_end(text: str) -> bool:
    """Does the paragraph leave a curly double quote open?"""
    return text.rfind("“") > text.rfind("”")


def _closes_quote_first(text: str) -> bool:
    """Does the paragraph close a quote before it opens one (`Gaza,” Biden said`)?"""
    close = text.find("”")
    if close < 0:
        return False
    opening = text.find("“")
    return opening < 0 or close < opening


class ParagraphJoinChecker(Checker):
    kind = "paragraph-join"
    options = {
        "mode": Option(
            _mode,
            default="continuation",
            help="continuation: a paragraph without final punctuation continued by the next; "
            "comma: a paragraph that ends in a comma",
        ),
    }

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.blank_line_separated:
            return  # each line is a paragraph: a line break inside a sentence is ordinary wrapping
        paras = doc.paragraphs
        for k, para in enumerate(paras):
            if para.kind != "paragraph":
                continue  # a heading, list item, table cell or caption ends where the file's structure ends it
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if nxt is not None and (nxt.kind != "paragraph" or doc.raw[para.end : nxt.start].strip()):
                nxt = None  # the next block is no paragraph, or something (code, a picture) stands between
            if self.opts["mode"] == "comma":
                yield from self._comma(doc, para, nxt)
            elif nxt is not None and self._continues(para, nxt):
                last = para.text.rsplit(None, 1)[-1]
                first = _FIRST_WORD.match(nxt.text)
                assert first is not None
                joined = f"{last} {first.group()}"
                yield Hit(
                    para.end - len(last),
                    nxt.start + first.end(),
                    suggestions=(joined,),
                    replacement=joined,
                    params=(("next", first.group()),),
                )

    @staticmethod
    def _continues(para: Block, nxt: Block) -> bool:
        if _FINAL.search(para.text):
            return False
        # a sentence has lower-case words; a date line, an address or a name label has hardly any
        if len(_LOWER_WORDS.findall(para.text)) < 2:
            return False
        first = _FIRST_WORD.match(nxt.text)
        if first is None:
            return False
        word = first.group()
        if word[:1].islower() and word[:1].isalpha():
            return _NOT_CONTINUATION.match(word) is None
        # a quotation opened in one paragraph and closed in the next without a new opening mark
        return _quote_open_at_end(para.text) and _closes_quote_first(nxt.text)

    @staticmethod
    def _comma(doc: Document, para: Block, nxt: Block | None) -> Iterator[Hit]:
        if not para.text.endswith(",") or nxt is None:
            return  # a text that stops on a comma may just be cut short
        if nxt is not None:
            first = _FIRST_WORD.match(nxt.text)
            if first is not None and first.group()[:1].islower():
                return  # the sentence goes on: `continuation` reports and joins it
        yield Hit(para.end - 1, para.end, suggestions=(".",))
