"""kind: stray-period: a full stop in mid-sentence, followed by a lower-case word (`people. and took`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.document import Document, is_abbreviation
from ..core.findings import Hit
from .base import Checker


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations news copy uses beyond the splitter's list: AP state names, plural titles, firms.
EXTRA_ABBREVIATIONS = _words(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn vt va wash wis wyo sens reps govs gens assn bros cos nos univ dist atty supt
    dep asst assoc natl intl govt mfg no nr tel ext min max avg viz med ca incl excl esp orig lit misc ref
    tbsp tsp oz lb lbs kg km mph yr yrs hr hrs mins pt pts qty mm cm ml mg ms msec sec proc
    """
)
# The period stood for a comma before a relative word, and for nothing before a conjunction.
COMMA_BEFORE = frozenset(["who", "which", "whose", "whom", "where"])
NOTHING_BEFORE = frozenset(["and", "but", "or", "nor"])

# the next word must go on (a space or a comma after it) or, if longer than a letter (`item. b. The`: a list),
# end the sentence: `on. meth. dot. com.` is word play (a period after the next word, then a lower-case word
# again), and `pic.twitter.com` a link
_CANDIDATE = re.compile(
    r"(?<=[^\W\d_])\.([ \t]+)([a-z](?:[a-z’'-]*[a-z])?)"
    r"(?=[ \t,;]|(?<=[a-z’'-][a-z])[!?.][\"”’)]*(?:\s*$|[ \t]+[^a-z\s]))"
)
# a contraction or a possessive (`you'd`, `Swift's`) ends in a letter after an apostrophe, which no initial does
_CLITIC = re.compile(r"[^\W\d_]{2,}['’](?:s|d|ll|re|ve|m|t)$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w.’'&-]+)$")


class StrayPeriodChecker(Checker):
    kind = "stray-period"

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _CANDIDATE.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            wm = _WORD_BEFORE.search(before)
            if not wm:
                continue
            word = wm.group(1)
            if len(word) < 2 or "." in word or (is_abbreviation(before) and not _CLITIC.search(word)):
                continue  # initials, `U.S. and`, `e.g. the`, `Inc. and`
            if word.lower() in EXTRA_ABBREVIATIONS or word.isupper():
                continue  # `Calif. and`, `all ID. models`
            nxt = m.group(2)
            start, end = m.start(), m.start(2)
            if nxt in COMMA_BEFORE:
                yield Hit(start, end, replacement=", ", suggestions=(", ",), params=(("next", nxt),))
            elif nxt in NOTHING_BEFORE:
                yield Hit(start, end, replacement=" ", suggestions=(" ",), params=(("next", nxt),))
            else:
                yield Hit(start, end, suggestions=(", ", " "), params=(("next", nxt),))
