"""The misplaced-mark checker: which sentences to tag, and the marks in them that stand inside a phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.document import Block, Document
from ...core.findings import Hit
from ...core.lexicon import zipf as lexicon_zipf
from ...core.nlp import TAGS
from ..base import Checker, Option
from .context import cannot_end
from .judge import misplaced

# a mark between two words: the word before it is what the tagger and parser judge
_MARK = re.compile(r"(?<=[^\W\d_])([,;:])[ \t]+(?=[^\W\d_])")
_FINAL = re.compile(r"""[.!?][”"’'»)\]]*\s*$""")
# a sentence ending in a period after a lower-case word, and the same paragraph going on after it
_FUNCTION_WORD_END = re.compile(r"(?<![\w.'’-])([a-z]+)\.$")
# an article with a period after it, anywhere in a sentence (`a. majority`, `the. Government`): spaCy reads
# `a.` as one token, an abbreviation, so the article is found by its letters
_ARTICLE_PERIOD = re.compile(r"(?<![\w.'’&-])(a|an|the|The|An)\.(?![\w.])")
_GOES_ON = re.compile(r"[ \t]+[^\s]")
_ENDS_PHRASE = "a word that needs the rest of its phrase and the rest"
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
# the word after a misplaced period, when it is capitalised, and whether the word after it is capitalised too
_CAPITALISED_NEXT = re.compile(r"[ \t]+([A-Z][a-z]+)\b(?:[ \t]+([A-Z]))?")
# a capitalised word this common in lower case is an ordinary word the period capitalised
_COMMON_ZIPF = 4.0


class MisplacedMarkChecker(Checker):
    kind = "misplaced-mark"
    needs_parser = True
    parse_level = TAGS
    options = {
        "min_zipf": Option(
            (int, float),
            default=5.3,
            help="a comma before a capital is judged only after a word this common (a function word)",
        ),
        "max_words": Option(int, default=80, help="sentences longer than this are not parsed"),
    }

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences where a mark may stand inside a phrase: before a lower-case word, after a function
        word (`The, government`, `in, Paris`), a semicolon or colon anywhere between words, or a period after a
        function word that ends a sentence the paragraph goes on from (`the. Government`)."""
        floor = float(self.opts["min_zipf"])
        most = int(self.opts["max_words"])
        blocks: list[Block] = []
        for s in doc.sentences:
            if s.text.count(" ") >= most or not _FINAL.search(s.text):
                continue  # a headline or a label (no final mark) punctuates by other conventions
            end = _FUNCTION_WORD_END.search(s.text)
            if _ARTICLE_PERIOD.search(s.text) or (
                end and self.zipf(end.group(1)) >= floor and _GOES_ON.match(doc.text, s.end)
            ):
                blocks.append(s)  # a period after a function word, and the paragraph goes on
                continue
            for m in _MARK.finditer(s.text):
                w = _WORD_BEFORE.search(s.text, 0, m.start())
                if w and (m.group(1) != "," or s.text[m.end()].islower() or self.zipf(w.group(1).lower()) >= floor):
                    blocks.append(s)
                    break
        return blocks

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for m in _ARTICLE_PERIOD.finditer(block.text, 1):  # `a.` opening a sentence marks an item of a list
                if _GOES_ON.match(doc.text, block.start + m.end()):
                    yield self._period(doc, block.start + m.end() - 1, m.group(1))
            k = len(sdoc) - 2
            if k >= 1 and sdoc[-1].text == "." and cannot_end(sdoc, k) and _GOES_ON.match(doc.text, block.end):
                yield self._period(doc, block.start + sdoc[-1].idx, sdoc[k].text)
            for tok in sdoc:
                if tok.text in (",", ";", ":") and 0 < tok.i < len(sdoc) - 1:
                    why = misplaced(sdoc, tok.i)
                    if why:
                        start = block.start + tok.idx
                        left = sdoc[tok.i - 1]
                        yield Hit(
                            start,
                            start + 1,
                            replacement="",
                            params=(("mark", tok.text), ("before", left.text), ("why", why)),
                        )

    def _period(self, doc: Document, at: int, before: str) -> Hit:
        """Delete a period inside a phrase; the capital it left on a common word goes with it (`their. Plan`
        -> `their plan`), but not on a name, which the next capitalised word shows (`the. European Union`)."""
        params = (("mark", "."), ("before", before), ("why", _ENDS_PHRASE))
        m = _CAPITALISED_NEXT.match(doc.text, at + 1)
        if m and not m.group(2) and self.zipf(m.group(1).lower()) >= _COMMON_ZIPF:
            space = doc.text[at + 1 : m.start(1)]
            return Hit(at, m.start(1) + 1, replacement=space + m.group(1)[0].lower(), params=params)
        return Hit(at, at + 1, replacement="", params=params)
