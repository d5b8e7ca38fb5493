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
from .tags import Around, comma_may_be_misplaced
from .words import CLOSED

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
_WORD_AFTER = re.compile(r"[^\W\d_]+")
# the marks that set off an aside (a comma or colon inside a number is none), and any punctuation token but a
# period; what follows a comma up to the next aside mark, in words of letters, each at most three tokens
# (`couldntve`): one word puts the mark within the 4 tokens judge.py calls near, three within its 12
_ASIDE = re.compile(r"[;()\"“”—–]|(?<!\d)[,:]|[,:](?!\d)")
# an article or a possessive determiner (not `this`, `each`, `her`: pronouns too, before a verb: `this means`)
_AFTER_ARTICLE = re.compile(
    r"(?<![\w'’-])(?:[Tt]he|[Aa]n?|[Mm]y|[Yy]our|[Hh]is|[Ii]ts|[Oo]ur|[Tt]heir|[Ee]very)[ \t]+$"
)
# a capitalised word before, in the middle of the sentence (not its first word)
_AFTER_CAPITAL = re.compile(r"\S[ \t]+[A-Z][\w'’.-]*[ \t]+$")
_CONJUNCTION = re.compile(r"\b(?:and|or|nor)\b")
_PUNCT = re.compile(r"[,;:()\"“”—–!?]")
_NEAR = re.compile(r"[^\W\d_]+[ \t]*(?:[;()\"“”—–]|[,:](?!\d))")
_FAR = re.compile(r"(?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+[ \t]*(?:[;()\"“”—–]|[,:](?!\d))")
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
            if any(self._may_judge(s.text, m, floor) for m in _MARK.finditer(s.text)):
                blocks.append(s)
        return blocks

    def _may_judge(self, text: str, m: re.Match[str], floor: float) -> bool:
        """May the tags around this mark make it misplaced? A semicolon or colon between words always may; a
        comma only before a lower-case word or after a function word, and only between words whose tags by the
        lexicon can make a pair judge.py reports (`year, the` cannot: a noun before an article)."""
        w = _WORD_BEFORE.search(text, 0, m.start())
        if not w:
            return False
        if m.group(1) != ",":
            return True
        if not (text[m.end()].islower() or self.zipf(w.group(1).lower()) >= floor):
            return False
        right = _WORD_AFTER.match(text, m.end())
        if right is None:
            return True
        possessive = w.start() > 0 and text[w.start() - 1] in "'’"
        before = _ASIDE.findall(text, 0, m.start())
        around = Around(
            near=bool(_NEAR.match(text, m.end())),
            far=bool(_FAR.match(text, m.end())),
            marks_after=bool(_PUNCT.search(text, m.end())),
            marks_before=len(before) > 1 or (len(before) == 1 and before[0] != ","),
            after_article=bool(_AFTER_ARTICLE.search(text, 0, w.start())),
            in_name=w.group(1)[:1].isupper() and bool(_AFTER_CAPITAL.search(text, 0, w.start())),
            conjunction_after=bool(_CONJUNCTION.search(text, m.end())),
        )
        left = w.group(1)
        if left.lower() in CLOSED and not _WORD_BEFORE.search(text, 0, w.start()):
            # a function word's capital at the start is the sentence's, which the tagger expects (`However,`)
            left = left.lower()
        return comma_may_be_misplaced(left, right.group(0), possessive, around)

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
