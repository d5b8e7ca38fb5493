"""kind: lone-capital: a common word capitalised between lower-case words: a lost sentence break or a flipped letter."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.lexicon import zipf as lexicon_zipf
from ..core.nlp import TAGS
from ..core.text_memo import TextMemo
from .base import Checker, Option, one_of, search_back
from .word_classes import most_tokens, possible_tags

CHECKS = ("sentence-break", "capital")
# a capitalised word standing alone: a lower-case word (no mark) before it, a lower-case word after it
# (the capital first, the lookbehind after it: the engine skips to a capital instead of looking behind everywhere)
_LONE = re.compile(r"([A-Z](?<=[a-z][ \t][A-Z])[a-z]+)(?=[ \t]+[a-z])")
# where a word stands capitalised in mid-sentence elsewhere: after a letter or a comma and a space
# (the capital first, its lookbehinds after it: the engine skips to a capital instead of trying both at every place)
_MID = re.compile(r"([A-Z](?:(?<=[^\W\d_][ \t][A-Z])|(?<=[^\W\d_],[ \t][A-Z]))[a-z]+)(?![\w’'-])")
_FINITE = frozenset(["VBD", "VBZ", "VBP", "MD"])
# the end of a clause: a noun, a number, an adverb, a participle or an object pronoun closes one
_CLAUSE_END = frozenset(["NN", "NNS", "CD", "RB", "VBN", "PRP", "RP"])
# a word the tagger reads as a verb or an adverb despite its capital (`will Begin`, `rose Sharply`);
# adjectives are left out, as those of nations and faiths (`French`, `Baptist`) keep their capital, and
# function words (`because Nearly`, `that The`) are sentence-split.mid-capital's
_COMMON = frozenset(["VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "RBR", "RBS"])
# ... or as a common noun or a number (`over Two spells`, `a number of Games`), but not after a determiner, where
# English capitalises an institution or a thing it names (`the Internet`, `a State`)
_NOMINAL = frozenset(["NN", "NNS", "CD"])
_NAMING = frozenset(["DT", "PRP$", "POS", "NNP", "NNPS"])
_NOUNS = frozenset(["NN", "NNS"])
# the verb tags a word right after an article or a possessive cannot take (`the State`): it heads or modifies a
# noun there (`this`, `each`, `her` are left out: pronouns too, before a verb: `this Happens`)
_ARTICLES = frozenset(["the", "a", "an", "my", "your", "his", "its", "our", "their", "every"])
_NOT_AFTER_ARTICLE = frozenset(["VB", "VBD", "VBP", "VBZ"])
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
# the whole chunk before the word, up to white space
_CHUNK_BEFORE = re.compile(r"(\S+)[ \t]$")
_LETTERS = re.compile(r"([^\W\d_]+)[,.;:!?]?")


_check_name = one_of("check_name", CHECKS)


def _whole_with_capital(chunk: str) -> bool:
    """Is this chunk of text one token with a capital: letters, not all lower case, that the tokenizer does not
    split (a lower-case part split off its end would be the token before the word)?"""
    return chunk.isalpha() and not chunk.islower() and most_tokens(chunk) == 1


# this many capitalised common words in one sentence make a series of labels (see _candidates)
_LABELS = 3


def may_be_lone(text: str) -> bool:
    """Has the whole text a match of _LONE? Its lookarounds are positive: a match in a sentence is one in the whole
    text, so where the text has none, no sentence has one."""
    return _LONE.search(text) is not None


def lone_starts(doc: Document) -> list[int]:
    """Where _LONE matches in the whole text, found once for both checks. Its lookarounds are positive and no
    match can start inside another (a capital, then lower-case letters): a sentence's match (a sentence is a slice
    of the text) is one of these at the same place, so a sentence that holds none of them has none."""
    starts: list[int] | None = doc.cache.get(_LONES)
    if starts is None:
        starts = doc.cache[_LONES] = [m.start() for m in _LONE.finditer(doc.text)]
    return starts


def _holds(starts: list[int], s: Block) -> bool:
    """Does the sentence hold one of these offsets (in order)?"""
    k = bisect.bisect_left(starts, s.start)
    return k < len(starts) and starts[k] < s.end


def _mid_counts(doc: Document) -> dict[str, int]:
    """How often each capitalised word stands in mid-sentence in the document: counted once for both checks."""
    mids: dict[str, int] | None = doc.cache.get(_MIDS)
    if mids is None:
        # the words alone (_MID's one group), counted in C: no match object per word
        mids = doc.cache[_MIDS] = Counter(_MID.findall(doc.text))
    return mids


_MIDS, _LONES = "lone-capital-mids", "lone-capital-starts"


class LoneCapitalChecker(Checker):
    kind = "lone-capital"
    needs_parser = True
    parse_level = TAGS
    options = {
        "check": Option(_check_name, required=True, help=f"one of: {', '.join(CHECKS)}"),
        "min_zipf": Option((int, float), default=3.5, help="how common (wordfreq Zipf) the word must be in lower case"),
    }

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def _may_report(self, text: str, m: re.Match[str]) -> bool:
        """Can some tags the lexicon allows the word and the one before it make this check report it? A stray
        capital is a verb or an adverb, or a noun or a number after no determiner; a lost sentence break is a
        noun after a word that can end a clause. After an article the word is no finite or base verb; after a
        token with a capital (check: the word before must be lower case) nothing is reported."""
        word = m.group(1)
        chunk = search_back(_CHUNK_BEFORE, text, m.start(1), closed=True)
        if chunk and _whole_with_capital(chunk.group(1)):
            return False  # the check skips a word after a token with a capital (`the Air Force at`)
        before = search_back(_WORD_BEFORE, text, m.start(1))
        if before is None:
            return True
        prev = possible_tags(before.group(1))
        tags = possible_tags(word)
        if before.group(1) in _ARTICLES:
            tags = tags - _NOT_AFTER_ARTICLE
        if self.opts["check"] == "sentence-break":
            return bool(prev & _CLAUSE_END and tags & _NOUNS) and self._verb_may_follow(text, m.end(1))
        return bool(tags & _COMMON or (tags & _NOMINAL and prev - _NAMING))

    @staticmethod
    def _verb_may_follow(text: str, at: int) -> bool:
        """May one of the three words after `at` be a finite verb? Words of letters with at most a mark after
        them are judged by the lexicon; anything else may be (a word the tokenizer splits, a number)."""
        for chunk in text[at:].split(None, 3)[:3]:
            word = _LETTERS.fullmatch(chunk)
            if word is None or possible_tags(word.group(1)) & _FINITE:
                return True
        return False

    def setup(self) -> None:
        # _spots per sentence text, across the documents of a run
        self._memo: TextMemo[tuple[tuple[int, str], ...]] = TextMemo()

    def _spots(self, text: str) -> tuple[tuple[int, str], ...]:
        """Where a sentence's text has a lone capitalised common word that the tags the lexicon allows may make
        this check report, and the word (what the document says of the word is _candidates')."""
        floor = float(self.opts["min_zipf"])
        common = [m for m in _LONE.finditer(text) if self.zipf(m.group(1).lower()) >= floor]
        # three or more common words capitalised in one sentence are labels the writer capitalises on purpose
        # (`Food and Beverages, Health and Education, while Housing`), not one slip of the decoder
        if len(common) >= _LABELS:
            return ()
        return tuple((m.start(1), m.group(1)) for m in common if self._may_report(text, m))

    def _candidates(self, doc: Document) -> list[tuple[Block, list[int]]]:
        """Sentences with a lone capitalised common word the article does not capitalise elsewhere, which the
        tags the lexicon allows it may make this check report."""
        key = f"lone-capital-candidates:{self.opts['check']}"
        got: list[tuple[Block, list[int]]] | None = doc.cache.get(key)
        if got is not None:
            return got
        got = []
        text = doc.text
        if not may_be_lone(text):
            doc.cache[key] = got
            return got
        mids: dict[str, int] | None = None
        spots, remembered, lones = self._spots, self._memo.get, lone_starts(doc)
        for s in doc.sentences:
            if not _holds(lones, s):
                continue  # no lone capital: no spot (most sentences; asked without the memo)
            found = []
            for at, word in remembered(s.text, spots):
                if mids is None:
                    mids = _mid_counts(doc)
                if mids.get(word, 0) <= 1:
                    found.append(s.start + at)
            if found:
                got.append((s, found))
        doc.cache[key] = got
        return got

    def parse_blocks(self, doc: Document) -> list[Block]:
        return [s for s, _ in self._candidates(doc)]

    def check(self, doc: Document) -> Iterator[Hit]:
        from ..core import nlp

        cands = self._candidates(doc)
        if not cands:
            return
        blocks = [s for s, _ in cands]
        want_break = self.opts["check"] == "sentence-break"
        for (block, offsets), sdoc in zip(cands, nlp.parse(doc, blocks, nlp.TAGS), strict=True):
            starts = [block.start + t.idx for t in sdoc]
            for at in offsets:
                i = bisect.bisect_left(starts, at)
                if i >= len(sdoc) or starts[i] != at or i == 0:
                    continue
                tok, prev = sdoc[i], sdoc[i - 1]
                if not prev.text.islower():
                    continue
                if any(t.text[:1].isupper() and t.text != "I" for t in sdoc[i + 1 : i + 4]):
                    continue  # a title (`his book Running for the Drum`) capitalises the words around it
                verb_follows = any(t.tag_ in _FINITE for t in sdoc[i + 1 : i + 4] if not t.is_punct)
                breaks = prev.tag_ in _CLAUSE_END and tok.tag_ in ("NNS", "NN") and verb_follows
                word = tok.text
                if want_break and breaks:
                    yield Hit(
                        at,
                        at + len(word),
                        suggestions=(". " + word,),
                        params=(("word", word), ("before", prev.text)),
                    )
                elif (
                    not want_break
                    and not breaks
                    and (tok.tag_ in _COMMON or (tok.tag_ in _NOMINAL and prev.tag_ not in _NAMING))
                ):
                    fixed = word.lower()
                    yield Hit(at, at + len(word), suggestions=(fixed,), params=(("word", word), ("fixed", fixed)))
