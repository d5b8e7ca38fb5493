"""kind: broken-word: a punctuation mark inside a word (`gover,nment`), where a piece is no word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.anchored import anchored_finditer, run_back
from ..core.document import Document
from ..core.findings import Hit
from ..core.lexicon import zipf as lexicon_zipf
from .base import Checker, Option

# two runs of letters joined by marks, standing as one token (no letter or digit, `@` or `/` around it);
# apostrophes join words in English (`don't`, `O'Neill`) and are left out
_JOINED = re.compile(r"(?<![\w@/.:-])([A-Za-z]?[a-z]{1,})([,.;:!?\-(\"“”]+)([a-z]{2,})(?![\w@/]|\.[a-z])")
# what every _JOINED match holds, a mark before two lower-case letters, found from the marks' class alone (no
# look-behind tried at every character): a text without one has no joined word
_MARK_BEFORE_LETTERS = re.compile(r"[,.;:!?\-(\"“”][a-z]{2}")
# a _JOINED match is made of letters and marks: it is tried only in their run before a _MARK_BEFORE_LETTERS hit
_JOINED_BACK = run_back(r"A-Za-z,.;:!?\-(\"“”")


class BrokenWordChecker(Checker):
    kind = "broken-word"
    options = {
        "min_zipf": Option((int, float), default=3.0, help="how common (wordfreq Zipf) the rejoined word must be"),
        "max_piece_zipf": Option(
            (int, float), default=2.5, help="a piece this common or more is a word: a hyphen may join two words"
        ),
        "max_piece_zipf_mark": Option(
            (int, float),
            default=4.3,
            help="the same for other marks, which join words only by a lost space: word endings (`ing`, `est`) "
            "are common in wordfreq's table, whole words more so",
        ),
    }

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def check(self, doc: Document) -> Iterator[Hit]:
        floor = float(self.opts["min_zipf"])
        for m in anchored_finditer(_JOINED, _MARK_BEFORE_LETTERS, _JOINED_BACK, doc.text):
            left, mark, right = m.group(1), m.group(2), m.group(3)
            if len(left) < 2:
                continue  # `e-mail`, `x-ray`
            whole = (left + right).lower()
            if self.zipf(whole) < floor:
                continue
            # two words joined (`well-known`, `said,which`) are a compound or a lost space
            piece = float(self.opts["max_piece_zipf" if mark == "-" else "max_piece_zipf_mark"])
            if self.zipf(left.lower()) >= piece and self.zipf(right) >= piece:
                continue
            yield Hit(
                m.start(2),
                m.end(2),
                replacement="",
                params=(("word", left + right), ("mark", mark)),
            )
