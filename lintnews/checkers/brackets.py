"""kind: brackets: a parenthesis or square bracket opened and never closed in its paragraph, or closed unopened."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.document import Document
from ..core.findings import Hit
from .base import Checker

PAIRS = {")": "(", "]": "["}
_BRACKET = re.compile(r"[()\[\]]")
# A closing mark that needs no opening one: list markers (`1)`, `b)`, `iv)`) and emoticons (`:)`).
_LONE_CLOSE = re.compile(r"(?:(?<!\S)(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})\.?|[:;]-?|\d)[)\]]")
# `:(` and `;-(`, tried from two characters before an unclosed parenthesis (compiled once: a paragraph may leave
# a quarter of a million of them open)
_SAD = re.compile(r"[:;]-?\(")
# each mark's field for the message, made once and shared by its hits
_MARK = {m: (("mark", m),) for m in "()[]"}
# a word between two unpaired marks makes them two places to mend; marks with none between them (`](](`, `((`)
# are one tangle, reported at its first mark
_WORD = re.compile(r"\w")


class BracketsChecker(Checker):
    kind = "brackets"

    def check(self, doc: Document) -> Iterator[Hit]:
        for para in doc.paragraphs:
            text = para.text
            if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
                continue
            if text.endswith(("...", "…")):
                continue  # an excerpt cut short loses its closing bracket on purpose
            # the list markers and emoticons, found only when a close is left unpaired (most paragraphs pair theirs)
            excused: set[int] | None = None
            stack: list[int] = []
            last = -1  # the last unpaired mark of this paragraph, reported or part of a reported tangle
            for b in _BRACKET.finditer(text):
                i, ch = b.start(), b.group()
                if ch in "([":
                    stack.append(i)
                elif ch in ")]":
                    if stack and text[stack[-1]] == PAIRS[ch]:
                        stack.pop()
                    else:
                        if excused is None:
                            excused = {m.end() - 1 for m in _LONE_CLOSE.finditer(text)}
                        if i in excused:
                            continue
                        if last < 0 or _WORD.search(text, last + 1, i):
                            yield Hit(para.start + i, para.start + i + 1, params=_MARK[ch])
                        last = i
                        stack.clear()  # one report per tangle
            for i in stack:
                if text[i] == "(" and _SAD.match(text, max(0, i - 2), i + 1):
                    continue  # `:(`
                if i == len(text) - 1:
                    continue  # `... eating (` : a citation link the extractor dropped, boilerplate not prose
                if last < 0 or _WORD.search(text, last + 1, i):
                    yield Hit(para.start + i, para.start + i + 1, params=_MARK[text[i]])
                last = i
