"""A paragraph's words as the repetition rules read them: tokens, normal forms, gaps and runs, made once."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cached_property
from itertools import accumulate, compress
from operator import ne
from typing import NamedTuple, overload

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")
# what may stand between two words of one copy, or between two copies: spaces on one line, a comma for a clause
SPACE = re.compile(r"[ \t]+")
POSSESSIVE_ENDS = ("'s", "’s")  # what a word's normal form drops (a word has no line break)
CLAUSE_SEP = re.compile(r"[ \t]*,[ \t]+")
# a sentence break inside the gap: the repeat would cross it
BREAK = re.compile(r"[.!?;:…\n]")


class Tok(NamedTuple):
    start: int
    end: int
    text: str


class Tokens(Sequence[Tok]):
    """A paragraph's words as Tok, each made only when read: a long paragraph's are mostly never read."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, starts: list[int], ends: list[int], words: list[str]) -> None:
        self.starts, self.ends, self.words = starts, ends, words

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Tok: ...
    @overload
    def __getitem__(self, i: slice) -> list[Tok]: ...
    def __getitem__(self, i: int | slice) -> Tok | list[Tok]:
        if isinstance(i, slice):
            return [Tok(*t) for t in zip(self.starts[i], self.ends[i], self.words[i], strict=True)]
        return Tok(self.starts[i], self.ends[i], self.words[i])


def _tokenise(text: str) -> tuple[Tokens, list[str]]:
    """The words of `text` and the gaps between each two, from one split (no match object per word)."""
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts)))  # [2k]: where word k starts, [2k + 1]: where it ends
    return Tokens(offsets[0:-1:2], offsets[1::2], words), parts[2:-1:2]


def _normal(word: str) -> str:
    """`the region region's`: a possessive repeats its noun too, in any case."""
    low = word.lower()
    return low[:-2] if low.endswith(POSSESSIVE_ENDS) else low


class Gaps:
    """What stands between each token and the next, read once per paragraph (not once per candidate size):
    the text, and whether it joins two copies (2: spaces, 1: a comma, 0: neither) or breaks a sentence."""

    def __init__(self, gaps: list[str]) -> None:
        self.text = gaps
        # each distinct gap read once: a paragraph has few (a space, a comma and a space)
        join = {g: 2 if SPACE.fullmatch(g) else 1 if CLAUSE_SEP.fullmatch(g) else 0 for g in set(gaps)}
        breaks = {g: BREAK.search(g) is not None for g in join}
        self.any_join = any(join.values())
        self.join: list[int] = list(map(join.__getitem__, gaps))
        self.breaks: list[bool] = list(map(breaks.__getitem__, gaps))

    def copies_follow(self, low: list[str], i: int, size: int, times: int, k: int) -> bool:
        """Do copies times+1 .. times+k of the unit of `size` tokens at i follow as copies_join has each follow
        the one before? (each condition over the k copies at once, by strided slices)"""
        first = i + times * size  # copy `times`, the last one known
        if i + (times + k + 1) * size > len(low) or low[first + size : first + (k + 1) * size] != low[i : i + size] * k:
            return False
        # the gap after each of copies times .. times+k-1 joins, and each copy's inner gaps are those of the next
        if min(self.join[first + size - 1 : first + k * size : size]) < (2 if size < 4 else 1):
            return False
        text, breaks = self.text, self.breaks
        for j in range(size - 1):
            same = text[first + j : first + k * size + j + 1 : size]
            if same.count(same[0]) != len(same) or any(breaks[first + j : first + (k - 1) * size + j + 1 : size]):
                return False
        return True

    def copies_join(self, i: int, size: int) -> bool:
        """Are tokens i..i+size and the next `size` tokens two copies with the same spacing, side by side?"""
        # the one gap between the copies first: where words repeat without being a repeat (a list, markup
        # between the words), it is what fails. A clause said twice may be set off by a comma; a short phrase
        # so set off is a chant or a list
        join = self.join[i + size - 1]
        if join == 0 or (join == 1 and size < 4):
            return False
        text, breaks = self.text, self.breaks
        last = i + size - 1
        return text[i:last] == text[i + size : last + size] and not any(breaks[i:last])


class ParaWords:
    """One paragraph's words, made once for every repetition rule that reads the paragraph (they differ only
    in the unit sizes they try): each distinct word normalised once, not once per occurrence."""

    def __init__(self, text: str) -> None:
        self.toks, self._between = _tokenise(text)
        words = self.toks.words
        normal = {w: _normal(w) for w in dict.fromkeys(words)}
        self.low: list[str] = list(map(normal.__getitem__, words))
        # no normal form twice: nothing repeats (most headings, cells and short paragraphs)
        self.distinct = len(set(normal.values())) == len(words)

    @cached_property
    def gaps(self) -> Gaps:
        return Gaps(self._between)

    @cached_property
    def _run_starts(self) -> list[int]:
        """Each token whose word differs from the one before (where a run of one word begins), and the end."""
        low = self.low
        starts = list(compress(range(1, len(low)), map(ne, low, low[1:])))
        starts.append(len(low))
        return starts

    def run(self, i: int) -> int:
        """How many tokens from i on are the same word (1: the next one differs)."""
        starts = self._run_starts
        return starts[bisect.bisect_right(starts, i)] - i


def paragraph_words(known: dict[str, ParaWords | None], text: str, side_by_side: re.Pattern[str]) -> ParaWords | None:
    """The words of `text` from `known` (a document's texts read so far), else read now; None where no two words
    stand side by side as copies must (a paragraph with markup between all its words: nothing can repeat)."""
    if text in known:
        return known[text]
    got = ParaWords(text) if side_by_side.search(text) else None
    known[text] = got
    return got
