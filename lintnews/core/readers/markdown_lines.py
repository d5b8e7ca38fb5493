"""markdown-it's block parser with the per-line markers of its state (StateBlock) made by C loops."""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, sub
from typing import Any

from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

_INDENT = " \t"  # markdown-it's isStrSpace: what a line's indentation is made of


class LinedStateBlock(StateBlock):
    """StateBlock whose line markers (bMarks, eMarks, tShift, sCount, bsCount) are the same lists that its own
    constructor makes, made by str.split, map and accumulate instead of a Python step per line (a file of short
    lines spent a tenth of its reading there); only an indentation holding a tab is expanded line by line."""

    def __init__(self, src: str, md: Any, env: Any, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)  # every other field, as markdown-it sets it
        self.src = src
        texts = src.split("\n")
        shifts = list(map(sub, map(len, texts), map(len, map(str.lstrip, texts, repeat(_INDENT)))))
        if shifts[-1] == len(texts[-1]):
            # the text after the last line break is empty or only spaces and tabs: markdown-it makes no line of it
            texts.pop()
            shifts.pop()
        starts = list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))
        count = len(texts)
        length = len(src)
        self.bMarks = starts[:count]
        self.bMarks.append(length)
        self.eMarks = list(map(sub, starts[1:], repeat(1)))  # each line's line break
        if count and self.eMarks[-1] > length:
            self.eMarks[-1] = length  # the last line, without a line break after it
        self.eMarks.append(length)
        self.tShift = shifts
        self.tShift.append(0)
        self.sCount = list(shifts)
        for k in compress(range(count), shifts):  # the indented lines alone
            if "\t" in texts[k][: shifts[k]]:
                self.sCount[k] = _expanded(texts[k][: shifts[k]])
        self.bsCount = [0] * (count + 1)
        self.lineMax = count
        # per number of columns, the pattern of a table's plain rows (markdown_plain.rows_pattern), made once
        self.plain_rows: dict[int, re.Pattern[str] | None] = {}


def _expanded(indent: str) -> int:
    """The width of an indentation of spaces and tabs, a tab to the next multiple of 4."""
    offset = 0
    for ch in indent:
        offset += 4 - offset % 4 if ch == "\t" else 1
    return offset


class LinedParserBlock(ParserBlock):
    """markdown-it's block parser (its ruler and rules as given), parsing with a LinedStateBlock."""

    def __init__(self, base: ParserBlock) -> None:
        self.__dict__.update(base.__dict__)

    def parse(self, src: str, md: Any, env: Any, outTokens: list[Token]) -> list[Token] | None:
        if not src:
            return None
        state = LinedStateBlock(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens
