"""kind: of-chain: a noun phrase nesting three or more 'of' phrases of common nouns (Chinese 的 chains)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.nlp import DEPS
from ..core.text_memo import TextMemo
from .base import Checker, Option, compile_user_regex
from .word_classes import possible_tags

# nouns and gerunds ('the signing of the contract')
_COMMON = frozenset({"NN", "NNS", "VBG"})
# a sentence holding this many 'of's may hold a chain: only those are parsed
_OF = compile_user_regex(r"(?i)\bof\b")
# the letter pairs _OF matches in: no other character than these folds to an `o` or an `f` (a test says so)
_OF_CASES = ("of", "Of", "oF", "OF")
_WORD = compile_user_regex(r"\S+")
# a word of lower-case letters: what a common noun's token is (see _common)
_LOWER = compile_user_regex(r"(?<!\p{L})\p{Ll}+(?!\p{L})")
# the links of a chain follow each other within a noun phrase each ('of the newly built rail lines of'): the
# farthest apart measured on the MT copy and the dev sets were 10 tokens, a coordination ('of its learning,
# grasp and implementation of'); 'of's farther apart than this belong to different phrases
_LINK_WORDS = 12


class OfChainChecker(Checker):
    kind = "of-chain"
    needs_parser = True
    # the chain is read from tags and dependencies alone: no attribute ruler, no lemmatizer
    parse_level = DEPS
    options = {
        "min_links": Option(int, default=3, help="report a chain of at least this many nested 'of' phrases"),
        "max_words": Option(int, default=150, help="sentences longer than this are not parsed"),
    }

    def setup(self) -> None:
        # the cue's answer per sentence text, across the documents of a run
        self._cues: TextMemo[bool] = TextMemo()

    def parse_blocks(self, doc: Document) -> list[Block]:
        most, least, remembered = self.opts["max_words"], self.opts["min_links"], self._cues.get
        if not may_chain(doc):
            return []

        def cue(text: str) -> bool:
            return bool(text.count(" ") < most and _of_count(text) >= least and _longest_run(text) >= least)

        return [s for s in doc.sentences if remembered(s.text, cue)]

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for token in sdoc:
                chain = self._chain(token)
                if chain is None:
                    continue
                head, last = chain
                start = block.start + head.idx
                yield Hit(start, block.start + last.idx + len(last.text))

    def _chain(self, of: Any) -> tuple[Any, Any] | None:
        """(the head noun, the last noun) of the chain that `of` opens, or None when it opens none to report."""
        head = of.head
        if of.lower_ != "of" or of.dep_ != "prep" or not _common(head):
            return None
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            return None  # a later link of a chain: the chain is reported from its first 'of'
        # a bare head after a verb or a preposition is an idiom that works as one preposition ('in terms of',
        # 'take advantage of'): its 'of' is not a link of the chain
        bare = not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in head.children)
        links, prep, last = -1 if bare else 0, of, head
        while True:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects:
                break
            last = objects[0]
            # a name's own 'of's ('the Bank of the Republic of Korea') are no links of the writer's chain
            links += _common(last)
            following = [c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"]
            if not following:
                break
            prep = following[0]
        if links < self.opts["min_links"]:
            return None
        return head, last


def _common(token: Any) -> bool:
    """A common noun written in lower case: a capital marks a name or a title, whose 'of's are its own."""
    return token.tag_ in _COMMON and token.text.isalpha() and token.text.islower()


def may_chain(doc: Document) -> bool:
    """Is there an 'of' in any letter case anywhere (else no sentence has a chain: a file of headings or cells)?"""
    return "of" in doc.lower


def _of_count(text: str) -> int:
    """No fewer than _OF's matches in `text` (each is one of these letter pairs, which never overlap): a run of
    links needs as many 'of's, and most sentences have fewer than a chain's, told so without a search."""
    return sum(map(text.count, _OF_CASES))


def _longest_run(text: str) -> int:
    """The most links a chain of the 'of's in `text` can make: in a run of 'of's each within _LINK_WORDS words of
    the one before, those followed by a lower-case word that may be a common noun (or gerund) before the next.
    (Each link's object lies between its 'of' and the next link's, which its own 'of' follows.)"""
    at = [m.start() for m in _OF.finditer(text)]
    best = run = 0
    for k, a in enumerate(at):
        if k and len(_WORD.findall(text, at[k - 1] + 2, a)) > _LINK_WORDS:
            run = 0
        end = at[k + 1] if k + 1 < len(at) else len(text)
        if any(possible_tags(w) & _COMMON for w in _LOWER.findall(text, a + 2, end)):
            run += 1
            best = max(best, run)
    return best
