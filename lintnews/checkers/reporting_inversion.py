"""kind: reporting-inversion: a verb before its subject with 'to' + listener ('said to AFP a source', Romance order)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.nlp import TAGS
from ..core.text_memo import TextMemo
from .base import Checker, Option, by_text, compile_user_regex

# what a candidate sentence shows before it is tagged: a mark (the verb follows what was said, see _inversion),
# perhaps the pronoun MT adds, a lower-case word, 'to', a capitalised listener or 'this' + a noun, then a word
# that may open a noun phrase
_CUE = compile_user_regex(
    r"[,;:—–\-\"”’'«»][ \t]*(?:(?:they|he|she|They|He|She)[ \t]+)?\p{Ll}+ to "
    r"(?:(?:the )?\p{Lu}[\w.&'’-]*(?: (?:\p{Lu}[\w.&'’-]*|de|del|la|of))*|this \p{Ll}+) \p{Ll}"
)
_VERB_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# tags that may open the subject noun phrase: a determiner, a number, an adjective, a noun
_NP_START = frozenset({"DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS"})
# a subject naming a time is an adverbial after a verb of motion ('went to Paris the next day'), not a speaker
_TIME_WORDS = frozenset(
    """
    day days week weeks month months year years morning mornings afternoon evening evenings night nights weekend
    time times hour hours minute minutes season next following same previous last first second other whole
    """.split()  # noqa: SIM905
)
_PRONOUNS = frozenset({"they", "he", "she"})


class ReportingInversionChecker(Checker):
    kind = "reporting-inversion"
    needs_parser = True
    parse_level = TAGS
    options = {
        "max_subject_words": Option(int, default=14, help="a longer stretch after the listener is not a subject"),
        "max_words": Option(int, default=80, help="sentences longer than this are not tagged"),
    }

    def setup(self) -> None:
        # the cue's answer per sentence text, across the documents of a run
        self._cues: TextMemo[bool] = TextMemo()

    def parse_blocks(self, doc: Document) -> list[Block]:
        most, remembered = self.opts["max_words"], self._cues.get

        def cue(text: str) -> bool:
            return text.count(" ") < most and _CUE.search(text) is not None

        return by_text(doc.sentences, lambda text: remembered(text, cue))

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for i in range(len(sdoc) - 3):
                found = self._inversion(sdoc, i)
                if found is None:
                    continue
                start_tok, listener, subject = found
                verb = sdoc[i]
                said = verb.lower_ in ("said", "says", "say")
                told = "told" if said else f"{verb.text} to"
                fixed = f"{_text(sdoc, *subject)} {told} {_text(sdoc, *listener)}"
                first = sdoc[start_tok]
                if first.text[:1].isupper():
                    fixed = fixed[:1].upper() + fixed[1:]
                start = block.start + first.idx
                last = sdoc[subject[1] - 1]
                end = block.start + last.idx + len(last.text)
                yield Hit(
                    start,
                    end,
                    params=(("fixed", fixed), ("verb", verb.text)),
                    suggestions=(fixed,),
                    replacement=fixed,
                )

    def _inversion(self, sdoc: Any, i: int) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
        """(first token of the span, listener token range, subject token range) of an inverted clause at verb i."""
        verb = sdoc[i]
        if verb.tag_ not in _VERB_TAGS or not verb.text.islower() or sdoc[i + 1].lower_ != "to":
            return None
        # the verb follows what was said: after a comma or a quotation, with or without the pronoun MT adds ('they')
        start = i
        prev = sdoc[i - 1] if i else None
        if prev is not None and prev.lower_ in _PRONOUNS and prev.tag_ == "PRP":
            start = i - 1
            prev = sdoc[i - 2] if i > 1 else None
        if prev is None or prev.text not in (",", ";", ":", "—", "–", "-", '"', "”", "’", "'", "«", "»"):
            return None  # 'They sold to Google the rights': a heavy object moved last, in a clause of its own
        # the listener: a proper name (with 'the'), or 'this' + a noun (this newspaper)
        j = i + 2
        lstart = j
        if sdoc[j].lower_ == "this" and j + 1 < len(sdoc) and sdoc[j + 1].tag_ == "NN":
            j += 2
        else:
            if sdoc[j].lower_ == "the":
                j += 1
            k = j
            # a capitalised adjective after the name opens the subject ('to AFP Israeli officials')
            while j < len(sdoc) and (_name_part(sdoc, j) or (j > k and sdoc[j].lower_ in ("de", "of", "&"))):
                j += 1
            if j == k or sdoc[j - 1].lower_ in ("de", "of", "&"):
                return None
        listener = (lstart, j)
        # the subject: a noun phrase, no finite verb before a relative pronoun, up to the end of the clause
        # a determiner, number, possessive or adjective: a bare noun after a name would belong to it ('to the
        # Nanjing property market')
        if j >= len(sdoc) or sdoc[j].tag_ not in _NP_START:
            return None
        s = j
        head_seen = False
        while j < len(sdoc) and sdoc[j].text not in (".", ",", ";", ":", "!", "?", "(", '"', "“", "”"):
            tok = sdoc[j]
            if tok.lower_ == "that" and head_seen:
                break  # 'declared to EFE the mayor that the dam is safe': the reported clause follows
            if tok.tag_ in ("WP", "WDT"):
                j = _clause_end(sdoc, j)
                break
            if tok.tag_ in _FINITE or tok.tag_ == "VB":
                return None
            if tok.tag_.startswith("NN"):
                head_seen = True
            j += 1
        if not head_seen or j - s > self.opts["max_subject_words"]:
            return None
        words = [t.lower_ for t in sdoc[s:j]]
        if any(w in _TIME_WORDS for w in words[:3]):
            return None
        # the subject ends the clause: the sentence's end, or a comma before what follows
        if j < len(sdoc) and sdoc[j].text not in (".", ",", ";", "!", "?", ":", '"', "”", "that"):
            return None
        return start, listener, (s, j)


def _name_part(sdoc: Any, j: int) -> bool:
    """Is token j a word of a name: a capitalised noun, or a capitalised adjective before one (Nordic Wire)?"""
    tok = sdoc[j]
    if not tok.text[:1].isupper():
        return False
    if tok.tag_ in ("NNP", "NNPS", "NN", "NNS"):
        return True
    nxt = sdoc[j + 1] if j + 1 < len(sdoc) else None
    return tok.tag_ == "JJ" and nxt is not None and nxt.text[:1].isupper() and nxt.tag_ in ("NNP", "NNPS")


def _clause_end(sdoc: Any, j: int) -> int:
    """The end of a relative clause inside the subject ('who asked not to be named'): the next comma or the end."""
    while j < len(sdoc) and sdoc[j].text not in (".", ",", ";", ":", "!", "?"):
        j += 1
    return j


def _text(sdoc: Any, start: int, end: int) -> str:
    return str(sdoc[start:end].text)
