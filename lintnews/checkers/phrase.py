"""kind: phrase: any of a list of words or phrases, as one alternation (longest first, whole words)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..casing import match_case
from ..document import Document
from ..findings import Hit
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


class PhraseMatcher:
    """Finds any of many phrases: one alternation, compiled on first use; leftmost, then longest, no overlaps."""

    def __init__(self, phrases: list[str], ignorecase: bool):
        self.phrases = phrases
        self.ignorecase = ignorecase
        self.source = phrase_source(phrases)
        self.flags = regex.IGNORECASE if ignorecase else 0
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = phrase_pattern(self.phrases, self.ignorecase)
        return self._pattern

    def finditer(self, doc: Document) -> Iterator[regex.Match[str]]:
        yield from self.pattern.finditer(doc.text)


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
        self.matcher.pattern  # noqa: B018 - compiled on first use

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in self.matcher.finditer(doc):
            repl = self.opts["replacement"]
            if repl is not None:
                repl = match_case(m.group(), repl)
            sugg = tuple(self.opts["suggestions"]) or ((repl,) if repl is not None else ())
            yield Hit(m.start(), m.end(), suggestions=sugg, replacement=repl)


CHECKER = PhraseChecker
