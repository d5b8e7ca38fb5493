"""kind: phrase: any of a list of words or phrases (alternations run only where a scan says they may match)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..core.casing import match_case
from ..core.document import Document
from ..core.findings import Hit
from ..speed.select import Selector
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


# phrases per alternation: a long one is tried at every position of every article, and most of its phrases
# never occur there; cut into buckets, only those a scan of the document names run
BUCKET_SIZE = 24


class PhraseMatcher:
    """Finds any of many phrases, leftmost, then longest, no overlaps: the list is cut into buckets, one
    alternation each (compiled on first use), and one scan of the document (speed.select) names the buckets
    that may match in it."""

    def __init__(self, phrases: list[str], ignorecase: bool):
        self.ignorecase = ignorecase
        self.flags = regex.IGNORECASE if ignorecase else 0
        self.source = phrase_source(phrases)
        unique = sorted(set(phrases))
        self.buckets = [unique[i : i + BUCKET_SIZE] for i in range(0, len(unique), BUCKET_SIZE)]
        self.selector = Selector([(phrase_source(b), self.flags) for b in self.buckets])
        self._patterns: dict[int, regex.Pattern[str]] = {}

    def _pattern(self, i: int) -> regex.Pattern[str]:
        if i not in self._patterns:
            self._patterns[i] = phrase_pattern(self.buckets[i], self.ignorecase)
        return self._patterns[i]

    def warm(self) -> None:
        self.selector.load()
        for i in range(len(self.buckets)):
            self._pattern(i)

    def finditer(self, doc: Document) -> Iterator[regex.Match[str]]:
        # one bucket is the whole list: the linter's scan of the document (document_pattern) asked already
        ids = self.selector.candidates(doc.text) if len(self.buckets) > 1 else None
        found: list[regex.Match[str]] = []
        for i in range(len(self.buckets)):
            if ids is None or i in ids:
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

    def document_pattern(self) -> tuple[str, int]:
        return self.matcher.source, self.matcher.flags

    def warm(self, doc: Document) -> None:
        self.matcher.warm()

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in self.matcher.finditer(doc):
            repl = self.opts["replacement"]
            if repl is not None:
                repl = match_case(m.group(), repl)
            sugg = tuple(self.opts["suggestions"]) or ((repl,) if repl is not None else ())
            yield Hit(m.start(), m.end(), suggestions=sugg, replacement=repl)
