"""kind: misplaced-mark: a comma, semicolon or colon inside a phrase, where English grammar cannot put one."""
# The tags on both sides decide (an article, a possessive, `to`, an auxiliary, a subject pronoun before the
# word it must join); the tagger alone is a third of a full parse, and a parse of a sentence with a stray
# comma in it is unreliable where the comma is.

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Block, Document
from ..findings import Hit
from ..lexicon import zipf as lexicon_zipf
from ..nlp import TAGS
from .base import Checker, Option

# a mark between two words: the word before it is what the tagger and parser judge
_MARK = re.compile(r"(?<=[^\W\d_])([,;:])[ \t]+(?=[^\W\d_])")
_TWO_WORDS_BEFORE = re.compile(r"(?:([^\W\d_]+)[ \t]+)?([^\W\d_]+)$")
# Articles open a noun phrase and never end one (`the, government`); other determiners can stand alone
# as pronouns (`all, some, that`), so only these are judged.
ARTICLES = frozenset(["a", "an", "the", "every", "another"])
# the determiners before a lone adjective (`the new, budget`)
DETERMINERS = ARTICLES | frozenset(["my", "your", "his", "her", "its", "our", "their", "this", "that"])
_NOUN_PHRASE_START = frozenset(["DT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PDT"])
_FINITE = frozenset(["VBD", "VBP", "VBZ", "MD"])
_VERB_TAGS = frozenset(["VB", "VBD", "VBP", "VBZ", "VBN", "VBG", "MD", "TO"])
# prepositions that govern a noun phrase and do not also join clauses (`since`, `as`, `after` do)
_PREPOSITIONS = frozenset(["of", "in", "on", "at", "for", "with", "from", "by", "into", "during", "between", "among"])
# the forms of `be` and `have` that make tenses with a participle (`has, been`, `was, taken`)
_AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had"])
_ASIDE_MARKS = frozenset([",", ";", ":", "(", ")", "—", "–", "-"])
_SUBJECT_PRONOUNS = frozenset(["i", "he", "she", "we", "they"])


class MisplacedMarkChecker(Checker):
    kind = "misplaced-mark"
    needs_parser = True
    parse_level = TAGS
    options = {
        "min_zipf": Option(
            (int, float),
            default=5.3,
            help="a sentence is parsed only where the word before a mark is this common (function words)",
        ),
        "max_words": Option(int, default=80, help="sentences longer than this are not parsed"),
    }

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences where a mark follows a function word: only there can one of these slips be."""
        floor = float(self.opts["min_zipf"])
        most = int(self.opts["max_words"])
        blocks: list[Block] = []
        for s in doc.sentences:
            if s.text.count(" ") >= most:
                continue
            for m in _MARK.finditer(s.text):
                w = _TWO_WORDS_BEFORE.search(s.text, 0, m.start())
                # function words are the most frequent; after one of them (or a word after a determiner)
                # the phrase goes on in lower case
                if (
                    w
                    and w.group(2).islower()
                    and s.text[m.end()].islower()
                    and (self.zipf(w.group(2)) >= floor or (w.group(1) or "").lower() in DETERMINERS)
                ):
                    blocks.append(s)
                    break
        return blocks

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for tok in sdoc:
                if tok.text in (",", ";", ":") and 0 < tok.i < len(sdoc) - 1:
                    why = _misplaced(sdoc, tok.i)
                    if why:
                        start = block.start + tok.idx
                        left = sdoc[tok.i - 1]
                        yield Hit(
                            start,
                            start + 1,
                            replacement="",
                            params=(("mark", tok.text), ("before", left.text), ("why", why)),
                        )


def _aside(sdoc: Any, i: int, reach: int) -> bool:
    """Does a mark within `reach` tokens after i close an aside that the mark at i opens?"""
    return any(t.text in _ASIDE_MARKS or t.is_quote for t in sdoc[i + 1 : i + reach])


def _misplaced(sdoc: Any, i: int) -> str:
    """Why the mark at token i cannot stand there (empty when it can), by the tags on either side."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    if not left.is_alpha or not right.is_alpha or not left.text.islower():
        return ""
    low = left.lower_
    if low in ARTICLES and right.tag_ in _NOUN_PHRASE_START:
        return "an article and its noun"  # nothing, not even an aside, comes between an article and its phrase
    # an aside (`in, say, 2020`, `will, however, go`) closes with a second mark after it: within a few words
    # inside a phrase, and after a longer one (`had, according to the paper, been`) before a verb
    if _aside(sdoc, i, 5):
        return ""
    if left.tag_ == "PRP$" and right.tag_ in _NOUN_PHRASE_START:
        return "a possessive and its noun"
    if left.tag_ == "TO" and right.tag_ == "VB":
        return "'to' and its verb"
    if left.tag_ == "MD" and right.tag_ in ("VB", "RB") and not _aside(sdoc, i, 13):
        return "an auxiliary and its verb"
    # after `has,` the tagger may read the participle as a past tense (`has, approved`)
    if (
        left.tag_ in ("VBZ", "VBD", "VBP")
        and low in _AUXILIARIES
        and right.tag_ in ("VBN", "VBG", "VBD")
        and not _aside(sdoc, i, 13)
    ):
        return "an auxiliary and its verb"
    before = sdoc[i - 2] if i >= 2 else None
    # one adjective after a determiner, then its noun (`the new, measures`): coordinate adjectives would
    # need a second adjective after the comma (`a long, cold winter`)
    if left.tag_ == "JJ" and before is not None and before.tag_ in ("DT", "PRP$") and right.tag_ in ("NN", "NNS"):
        return "an adjective and its noun"
    # a preposition and the noun phrase it governs (`in, the capital`); a stranded one (`what they asked
    # for, the`) follows a verb
    if (
        left.tag_ == "IN"
        and low in _PREPOSITIONS
        and right.tag_ in _NOUN_PHRASE_START
        and before is not None
        and before.tag_ not in _VERB_TAGS
        and before.tag_ != "RP"
    ):
        return "a preposition and its object"
    if low in _SUBJECT_PRONOUNS and right.tag_ in _FINITE and not _aside(sdoc, i, 13):
        return "a subject and its verb"
    if left.tag_ == "WDT" and right.tag_ in _FINITE and i >= 2 and sdoc[i - 2].tag_ in ("NN", "NNS", ","):
        return "a relative pronoun and its verb"
    return ""
