"""kind: caption: photo captions left between paragraphs, found by their shape (credit in parentheses, no verb)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..core.document import Block, Document, split_sentences
from ..core.findings import Edit, Hit
from ..core.nlp import TAGS
from ..core.text_memo import TextMemo
from .base import Checker, Option, by_text, compile_user_regex, list_of_str, one_of
from .boilerplate import CLAIMS, delete_block_edit, word_count

MODES = ("credit", "noun-phrase")
_CREDIT_TAIL = compile_user_regex(r"\s*\((?P<credit>[^()\n]{1,40})\)\s*\.?\s*$")
_ACRONYM = compile_user_regex(r"[A-Z][A-Z0-9&]{1,6}")
_CAP_WORD = compile_user_regex(r"[A-Za-z][\w'’-]*")
_QUOTES = compile_user_regex(r"[\"“”«»]|(?<!\w)['‘]|['’](?!\w)")
# finite verbs and modals: a sentence has one, a caption or a bare name list does not
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VB"})
_COMMON_VERB = compile_user_regex(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|should|shall|"
    r"said|says|say|told|tells|added|according|announced|reported|showed|shows|made|took|gave|went|came|got|"
    r"became|began|left|found|called|asked|wants|wanted|plans|planned|expects|expected)\b",
    regex.IGNORECASE,
)
# a paragraph opening with a pronoun, a conjunction or an adverb continues a story; a caption names a scene
_SENTENCE_OPENER = compile_user_regex(
    r"(?:he|she|they|it|we|i|you|then|and|but|or|so|now|also|still|yet|separately|meanwhile|however|no|"
    r"this|that|these|those|there|here|when|while|if|after|before|as|in|on|at|for|by|with|from|during|since|"
    r"many|some|most|all|both|each|one|his|her|their|its|our|my)\b",
    regex.IGNORECASE,
)
# the blocks a caption can be (a file's title or heading loses only its credit) ...
_CAPTION_KINDS = frozenset({"paragraph", "caption", "title", "heading"})
_TITLE_KINDS = frozenset({"title", "heading"})
_FRAGMENT_START = frozenset({"RB", "RBR", "RBS", "CC", "IN", "WDT", "WP", "WRB", "PRP", "PRP$", "EX", "UH", "TO"})


_mode = one_of("mode", MODES)


def is_expansion(acronym: str, before: str) -> bool:
    """Is `(EU)` the short form of the words just before it ('the European Union (EU)')?"""
    words = _CAP_WORD.findall(before)[-2 * len(acronym) - 2 :]
    initials = [w[0].upper() for w in words]
    letters = [c for c in acronym.upper() if c.isalpha()]
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters)


class CaptionChecker(Checker):
    kind = "caption"
    shares_claims = True
    options = {
        "mode": Option(_mode, required=True, help="credit: ends with a credit in parentheses; noun-phrase: no verb"),
        "credits": Option(list_of_str, default=[], help="agency and photo credits, matched case-insensitively"),
        "min_words": Option(int, default=4, help="shorter paragraphs are not judged as captions"),
        "max_words": Option(int, default=45, help="longer paragraphs are body text, never captions"),
    }

    parse_level = TAGS

    def setup(self) -> None:
        self.credits = {c.lower() for c in self.opts["credits"]}
        # only a caption without a credit is told by its tags (no finite verb, a proper noun)
        self.needs_parser = self.opts["mode"] == "noun-phrase"
        # _may_be_caption per paragraph text, across the documents of a run
        self._captions: TextMemo[bool] = TextMemo()

    def _shape_ok(self, text: str) -> bool:
        n = word_count(text)
        if not self.opts["min_words"] <= n <= self.opts["max_words"]:
            return False
        # a caption is one statement, never a quotation
        return len(split_sentences(text)) == 1 and not _QUOTES.search(text)

    def _credit(self, credit: str, before: str) -> bool:
        c = credit.strip()
        low = c.lower()
        if low in self.credits:
            return True
        head = regex.split(r"\s*[/:,]\s*", low, maxsplit=1)[0]
        if head in self.credits or head in ("photo", "foto", "image", "picture", "file photo"):
            return "/" in c or ":" in c or head in self.credits
        # an unexplained acronym, as '(IDF)' after a caption; '(EU)' after 'European Union' is an expansion
        return _ACRONYM.fullmatch(c) is not None and not is_expansion(c, before)

    def check(self, doc: Document) -> Iterator[Hit]:
        # a paragraph another boilerplate rule already reported is not reported again
        claims: dict[int, str] = doc.cache.setdefault(CLAIMS, {})
        me = self.rule.id
        found = self._check_credit(doc) if self.opts["mode"] == "credit" else self._check_noun_phrase(doc)
        for hit in found:
            if claims.get(hit.start, me) != me:
                continue
            claims[hit.start] = me
            yield hit

    def _check_credit(self, doc: Document) -> Iterator[Hit]:
        for i, para in enumerate(doc.paragraphs):
            if para.kind not in _CAPTION_KINDS or ")" not in para.text:
                # a list item, a table cell or an image's alt text is never deleted as a caption; without a ')'
                # no credit in brackets ends the paragraph
                continue
            m = _CREDIT_TAIL.search(para.text)
            if m is None or not self._credit(m.group("credit"), para.text[: m.start()]):
                continue
            if i == 0 or para.kind in _TITLE_KINDS:
                # a title with its credit: only the credit goes
                s, e = para.start + m.start(), para.start + m.start("credit") + len(m.group("credit")) + 1
                yield Hit(s, e, edits=(Edit(s, e - s, ""),))
                continue
            if not self._shape_ok(para.text):
                continue
            yield Hit(para.start, para.end, edits=(_deletion(doc, para),))

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The paragraphs the tagger must look at (noun-phrase mode); it reads tags only."""
        if self.opts["mode"] != "noun-phrase":
            return []
        # the title and the last line (a sign-off) are not captions; a caption sits between paragraphs
        inner = [p for p in doc.paragraphs[1:-1] if p.kind in ("paragraph", "caption")]
        may, remembered = self._may_be_caption, self._captions.get
        return by_text(inner, lambda text: remembered(text, may))

    def _may_be_caption(self, t: str) -> bool:
        """May a paragraph of this text be a caption the tagger must look at?"""
        if not t.endswith(".") or not t[:1].isupper() or ":" in t or t.isupper():
            return False
        # the tagger is slow: a paragraph with a common finite verb is a sentence without asking it (asked before
        # the shape, whose word count and sentence split cost more, and which most paragraphs pass)
        return not (_COMMON_VERB.search(t) or _SENTENCE_OPENER.match(t)) and self._shape_ok(t)

    def _check_noun_phrase(self, doc: Document) -> Iterator[Hit]:
        # only tags are read: the tagger runs without the parser (see nlp.TAGS)
        for para, parsed in self.parsed(doc):
            if any(tok.tag_ in _FINITE_TAGS for tok in parsed):
                continue
            # 'Not just on X but ...', 'Originally published on Y.': fragments and notes, not captions
            if parsed[0].tag_ in _FRAGMENT_START:
                continue
            # a caption names someone or somewhere: at least one proper noun
            if not any(tok.tag_ in ("NNP", "NNPS") for tok in parsed):
                continue
            yield Hit(para.start, para.end, edits=(_deletion(doc, para),))


def _deletion(doc: Document, para: Block) -> Edit:
    """The caption block and the white space the file has after it: the raw text's, since in the view of a
    Markdown or HTML file markup outside blocks is blank too, and the deletion must stop where it starts."""
    return delete_block_edit(doc.raw, para.start, para.end)
