"""kind: phrase: any of a list of words or phrases (one compiled alternation per rule)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..casing import match_case
from ..document import Document
from ..findings import Hit
from ..prefilter import may_match_words, phrase_factors
from .base import Checker, Option, list_of_str


def phrase_pattern(phrases: list[str], ignorecase: bool) -> regex.Pattern[str]:
    """One alternation, longest first, whole words only; a space in a phrase matches any white space."""
    alts = []
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        alts.append(r"\s+".join(regex.escape(w) for w in p.split()))
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", flags | regex.VERSION0)


class PhraseChecker(Checker):
    kind = "phrase"
    options = {
        "phrases": Option(list_of_str, required=True),
        "ignorecase": Option(bool, default=True),
        "replacement": Option(str, help="the one text that replaces any of the phrases"),
        "suggestions": Option(list_of_str, default=[]),
    }

    def setup(self) -> None:
        self.pattern = phrase_pattern(self.opts["phrases"], self.opts["ignorecase"])
        self.factors = phrase_factors(self.opts["phrases"])

    def check(self, doc: Document) -> Iterator[Hit]:
        if not may_match_words(self.factors, doc.word_set):
            return
        for m in self.pattern.finditer(doc.text):
            repl = self.opts["replacement"]
            if repl is not None:
                repl = match_case(m.group(), repl)
            sugg = tuple(self.opts["suggestions"]) or ((repl,) if repl is not None else ())
            yield Hit(m.start(), m.end(), suggestions=sugg, replacement=repl)


CHECKER = PhraseChecker
