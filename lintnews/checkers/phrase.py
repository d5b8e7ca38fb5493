"""kind: phrase: any of a list of words or phrases (alternations run only where their key words occur)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..casing import match_case
from ..document import Document
from ..findings import Hit
from ..prefilter import PatternFilter, doc_index, may_match_words, phrase_factors
from .base import Checker, Option, list_of_str


def phrase_source(phrases: list[str]) -> str:
    """One alternation, longest first, whole words only; a space in a phrase matches any white space."""
    alts = []
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        alts.append(r"\s+".join(regex.escape(w) for w in p.split()))
    return r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"


def phrase_pattern(phrases: list[str], ignorecase: bool) -> regex.Pattern[str]:
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(phrase_source(phrases), flags | regex.VERSION0)


BUCKET_SIZE = 24


class PhraseMatcher:
    """Finds any of many phrases: the list is cut into buckets of phrases sharing rare key words, and a
    bucket runs only on documents holding one of its key words (a table of hundreds of phrases would
    otherwise be one slow alternation tried at every position of every article).

    A bucket's test is the word query of its alternation (every word of some phrase, in order) on documents
    word queries speak for, else the older test (the longest word of some phrase); its pattern is compiled
    the first time a document passes."""

    def __init__(self, phrases: list[str], ignorecase: bool):
        self.ignorecase = ignorecase
        unique = sorted(set(phrases))
        keyed = sorted(unique, key=lambda p: (min(phrase_factors([p]) or {""}), p))
        self.buckets = [keyed[i : i + BUCKET_SIZE] for i in range(0, len(keyed), BUCKET_SIZE)]
        self.factors = [phrase_factors(b) for b in self.buckets]
        flags = regex.IGNORECASE if ignorecase else 0
        self.filters = [PatternFilter(phrase_source(b), flags) for b in self.buckets]
        self._patterns: dict[int, regex.Pattern[str]] = {}

    def _pattern(self, i: int) -> regex.Pattern[str]:
        if i not in self._patterns:
            self._patterns[i] = phrase_pattern(self.buckets[i], self.ignorecase)
        return self._patterns[i]

    def finditer(self, doc: Document) -> Iterator[regex.Match[str]]:
        ix = doc_index(doc)
        found: list[regex.Match[str]] = []
        for i, filt in enumerate(self.filters):
            if filt.admits(ix) if ix.clean else may_match_words(self.factors[i], doc.word_set):
                found.extend(self._pattern(i).finditer(doc.text))
        # as one longest-first alternation would: leftmost, then longest, no overlaps
        found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
        end = -1
        for m in found:
            if m.start() >= end:
                end = m.end()
                yield m


class PhraseChecker(Checker):
    kind = "phrase"
    options = {
        "phrases": Option(list_of_str, required=True, help="words or phrases to flag; a space matches any space"),
        "ignorecase": Option(bool, default=True, help="match the phrases whatever their letter case"),
        "replacement": Option(str, help="the one text that replaces any of the phrases"),
        "suggestions": Option(list_of_str, default=[], help="texts offered to the editor (no fix)"),
    }

    def setup(self) -> None:
        self.matcher = PhraseMatcher(self.opts["phrases"], self.opts["ignorecase"])

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in self.matcher.finditer(doc):
            repl = self.opts["replacement"]
            if repl is not None:
                repl = match_case(m.group(), repl)
            sugg = tuple(self.opts["suggestions"]) or ((repl,) if repl is not None else ())
            yield Hit(m.start(), m.end(), suggestions=sugg, replacement=repl)
