"""The misplaced-mark checker: which sentences to tag, and the marks in them that stand inside a phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.document import Block, Document
from ...core.findings import Hit
from ...core.lexicon import zipf as lexicon_zipf
from ...core.nlp import TAGS
from ...core.text_memo import TextMemo
from ..base import Checker, Option, search_back
from ..word_classes import ADVERBS, CLOSED, most_tokens, one_token, possible_tags
from .context import cannot_end
from .judge import misplaced
from .tags import comma_may_be_misplaced, may_not_end, strong_may_be_misplaced
from .words import VERB_TAGS

# a mark between two words: the word before it is what the tagger and parser judge
# (each pattern here that may match anywhere starts with what it matches, its lookbehind after that: the engine
# skips to the characters that may start a match instead of trying the lookbehind at every place)
_MARK = re.compile(r"([,;:])(?<=[^\W\d_][,;:])[ \t]+(?=[^\W\d_])")
# a final mark, closing quotation marks or brackets after it, then white space (read from the end: _final)
_CLOSERS = "”\"’'»)]"
# a sentence ending in a period after a lower-case word, and the same paragraph going on after it
_FUNCTION_WORD_END = re.compile(r"(?<![\w.'’-])([a-z]+)\.$")
# an article with a period after it, anywhere in a sentence (`a. majority`, `the. Government`): spaCy reads
# `a.` as one token, an abbreviation, so the article is found by its letters
_ARTICLE_PERIOD = re.compile(
    r"(a(?<![\w.'’&-]a)|an(?<![\w.'’&-]an)|the(?<![\w.'’&-]the)|The(?<![\w.'’&-]The)|An(?<![\w.'’&-]An))\.(?![\w.])"
)
_GOES_ON = re.compile(r"[ \t]+[^\s]")
_ENDS_PHRASE = "a word that needs the rest of its phrase and the rest"
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")
# the marks that set off an aside (a comma or colon inside a number is none), and any punctuation token but a
# period
_ASIDE = re.compile(r"[;()\"“”—–]|(?<!\d)[,:]|[,:](?!\d)")
# an article or a possessive determiner (not `this`, `each`, `her`: pronouns too, before a verb: `this means`)
_AFTER_ARTICLE = re.compile(
    r"(?<![\w'’-])(?:[Tt]he|[Aa]n?|[Mm]y|[Yy]our|[Hh]is|[Ii]ts|[Oo]ur|[Tt]heir|[Ee]very)[ \t]+$"
)
# a capitalised word before, in the middle of the sentence (not its first word)
_AFTER_CAPITAL = re.compile(r"\S[ \t]+[A-Z][\w'’.-]*[ \t]+$")
_CONJUNCTION = re.compile(r"\b(?:and|or|nor)\b")
_PUNCT = re.compile(r"[,;:()\"“”—–!?]")
# the words of letters after a mark up to the next aside mark: how many tokens lie between (judge.aside's reach).
# Possessive: a word ends only at a non-letter and a gap only at a non-blank, so the one way to match is the
# greedy one, and nothing is given back where no mark follows (the backtracking was 2/3 of its cost)
_TO_ASIDE = re.compile(r"([^\W\d_]++(?:[ \t]++[^\W\d_]++){0,10}+)([ \t]*+)(?:[;()\"“”—–]|[,:](?!\d))")
_GAP = re.compile(r"[ \t]+")
# judge._modifier: a comma or colon among the tokens before the mark makes two nouns items of a list
_LIST_REACH = 6
_GAP_BEFORE = re.compile(r"\s+$")
_CHUNK_BEFORE = re.compile(r"([^\W\d_]+)([,:]?)$")
# judge.py's reaches: an aside mark among the 4 tokens after the comma (`near`) or the 12 (`far`)
_NEAR_TOKENS, _FAR_TOKENS = 4, 12
# the sentence's first word, and the word after a mark (each a whole token: no apostrophe or letter goes on)
_FIRST = re.compile(r"([^\W\d_]+)(?![\w'’])")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)(?![\w'’])")
# context.after_opening_phrase: the tags of a sentence's first word and of the word after the comma that closes
# an opening phrase (`In April, the government, said`)
_OPENING = frozenset(["IN", "RB", "VBG", "WRB"])
_OPENED = frozenset(["DT", "PRP$"])
_CHUNK = re.compile(r"\w+")
_FINITE_OR_TO = frozenset(["VBD", "VBP", "VBZ", "MD", "TO"])
# judge._modifier's words before an adjective that make it no modifier of the noun after the comma
_VERB_OR_ADVERB = VERB_TAGS | ADVERBS
# the word after a misplaced period, when it is capitalised, and whether the word after it is capitalised too
_CAPITALISED_NEXT = re.compile(r"[ \t]+([A-Z][a-z]+)\b(?:[ \t]+([A-Z]))?")
# a capitalised word this common in lower case is an ordinary word the period capitalised
_COMMON_ZIPF = 4.0
# parse_blocks' verdicts on a sentence's text
_TAG, _TAG_IF_GOES_ON = 2, 1


def _final(text: str) -> bool:
    """Does the text end in a final mark, with only closing marks, then white space, after it?"""
    return text.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?"))


def _function_word_end(text: str) -> re.Match[str] | None:
    """_FUNCTION_WORD_END's match: only in a text that ends in a period, and in its last characters first (the
    one match ends there; one that starts before them leaves none in them: then the whole is searched)."""
    if not (text.endswith(".") or text.endswith(".\n")):
        return None
    lo = max(0, len(text) - 66)
    m = _FUNCTION_WORD_END.search(text, lo)
    return _FUNCTION_WORD_END.search(text) if m is None and lo else m


def _goes_on(doc: Document, s: Block) -> bool:
    """Does the paragraph go on after sentence `s` (on its line)?"""
    return _GOES_ON.match(doc.text, s.end) is not None


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

    def setup(self) -> None:
        # the cue's answer per sentence text, across the documents of a run
        self._cues: TextMemo[int] = TextMemo()

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences where a mark may stand inside a phrase: before a lower-case word, after a function
        word (`The, government`, `in, Paris`), a semicolon or colon anywhere between words, or a period after a
        function word that ends a sentence the paragraph goes on from (`the. Government`)."""
        sentences = doc.sentences
        # what a sentence's text alone says, asked once per distinct text (a file may repeat a line many times,
        # and the documents of a run each other's)
        cue, remembered = self._cue, self._cues.get
        cues = {text: remembered(text, cue) for text in {s.text for s in sentences}}
        return [s for s in sentences if (c := cues[s.text]) == _TAG or (c == _TAG_IF_GOES_ON and _goes_on(doc, s))]

    def _cue(self, text: str) -> int:
        """_TAG, _TAG_IF_GOES_ON (a period after a function word: tagged if the paragraph goes on after it), or 0."""
        floor = float(self.opts["min_zipf"])
        if text.count(" ") >= int(self.opts["max_words"]) or not _final(text):
            return 0  # a headline or a label (no final mark) punctuates by other conventions
        if _ARTICLE_PERIOD.search(text) or any(self._may_judge(text, m, floor) for m in _MARK.finditer(text)):
            return _TAG
        end = _function_word_end(text)
        if end and self.zipf(end.group(1)) >= floor and may_not_end(end.group(1)):
            return _TAG_IF_GOES_ON
        return 0

    def _may_judge(self, text: str, m: re.Match[str], floor: float) -> bool:
        """May the tags around this mark make it misplaced? A semicolon or colon between words before a lower-case
        word always may; a comma only before a lower-case word or after a function word, and only between words
        whose tags by the lexicon can make a pair judge.py reports (`year, the` cannot: a noun before an article)."""
        w = search_back(_WORD_BEFORE, text, m.start(), closed=True)
        if not w:
            return False
        right = _WORD_AFTER.match(text, m.end())
        possessive = w.start() > 0 and text[w.start() - 1] in "'’"
        left = w.group(1)
        if left.lower() in CLOSED and not search_back(_WORD_BEFORE, text, w.start(), closed=True):
            # a function word's capital at the start is the sentence's, which the tagger expects (`However,`)
            left = left.lower()
        if m.group(1) != ",":
            return right is None or strong_may_be_misplaced(left, right.group(0), possessive)
        if not (text[m.end()].islower() or self.zipf(w.group(1).lower()) >= floor):
            return False
        if right is None:
            return True
        return comma_may_be_misplaced(left, right.group(0), possessive, _TextAround(text, m, w))

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


class _TextAround:
    """tags.Around's facts of one comma, each read from the text when comma_may_be_misplaced asks for it (once):
    the pair of words decides most commas before the later facts are asked (reading them all was half the cue).
    Plain properties: functools.cached_property takes a lock per read, which cost more than most facts."""

    _UNREAD = -1

    def __init__(self, text: str, mark: re.Match[str], left: re.Match[str]) -> None:
        self.text, self.mark, self.left = text, mark, left
        self._reach_read: int | None = self._UNREAD

    def _reach(self) -> int | None:
        if self._reach_read == self._UNREAD:
            self._reach_read = _tokens_to_aside(self.text, self.mark)
        return self._reach_read

    @property
    def near(self) -> bool:
        reach = self._reach()
        return reach is not None and reach <= _NEAR_TOKENS

    @property
    def far(self) -> bool:
        reach = self._reach()
        return reach is not None and reach <= _FAR_TOKENS

    @property
    def marks_after(self) -> bool:
        return bool(_PUNCT.search(self.text, self.mark.end()))

    @property
    def marks_before(self) -> bool:
        return _marks_before(self.text, self.mark.start())

    @property
    def after_article(self) -> bool:
        return bool(_AFTER_ARTICLE.search(self.text, 0, self.left.start()))

    @property
    def in_name(self) -> bool:
        w = self.left
        return w.group(1)[:1].isupper() and bool(_AFTER_CAPITAL.search(self.text, 0, w.start()))

    @property
    def conjunction_after(self) -> bool:
        return bool(_CONJUNCTION.search(self.text, self.mark.end()))

    @property
    def no_finite_before(self) -> bool:
        return _no_finite_before(self.text, self.left.start())

    @property
    def verb_before(self) -> bool:
        return _verb_before(self.text, self.left)

    @property
    def mark_before(self) -> bool:
        return _mark_near_before(self.text, self.left)


def _sentence_tags(word: str) -> frozenset[str]:
    """The tags of a sentence's first word, whose capital is the sentence's: by its lower-case form."""
    return possible_tags(word.lower())


def _marks_before(text: str, at: int) -> bool:
    """Is there an aside mark before `at` that judge.subject_and_verb cannot take for the comma closing an
    opening phrase: more than one, one that is no comma, or a comma after a sentence opening with no word that
    may be a preposition, adverb, gerund or wh-adverb, or before no word that may be a determiner?"""
    before = list(_ASIDE.finditer(text, 0, at))
    if len(before) != 1:
        return len(before) > 1
    if before[0].group() != ",":
        return True
    first, after = _FIRST.match(text), _NEXT_WORD.match(text, before[0].end())
    if first is None or after is None:
        return False  # unsure: a token the lexicon does not know
    return not (_sentence_tags(first.group(1)) & _OPENING and possible_tags(after.group(1)) & _OPENED)


def _no_finite_before(text: str, at: int) -> bool:
    """May no token before `at` be a finite verb or `to` (judge.after_verb_object)? Unsure (False) where an
    apostrophe may make a token of its own (`'s`, `n't`) or a chunk mixes letters and digits."""
    if "'" in text[:at] or "’" in text[:at]:
        return False
    for c in _CHUNK.finditer(text, 0, at):
        word = c.group()
        if word.isdigit():
            continue
        if not word.isalpha():
            return False
        tags = _sentence_tags(word) if c.start() == 0 else possible_tags(word)
        if tags & _FINITE_OR_TO:
            return False
    return True


def _verb_before(text: str, left: re.Match[str]) -> bool:
    """Is the token before the word `left` a word that may only be a verb or an adverb? Only where both are whole
    tokens (word_classes.one_token) one space apart, the earlier one after a space or at the start."""
    at = left.start()
    if at < 2 or text[at - 1] != " " or not one_token(left.group(1)):
        return False
    prev = search_back(_WORD_BEFORE, text, at - 1, closed=True)
    if prev is None or (prev.start() > 0 and text[prev.start() - 1] not in " \t") or not one_token(prev.group(1)):
        return False
    tags = _sentence_tags(prev.group(1)) if prev.start() == 0 else possible_tags(prev.group(1))
    return tags <= _VERB_OR_ADVERB


def _mark_near_before(text: str, left: re.Match[str]) -> bool:
    """Is there surely a comma or colon among the 6 tokens before the mark after `left` (judge._modifier's two
    nouns of a list)? Counted back over chunks of letters, each with a comma or colon after it or none, as at most
    word_classes.most_tokens tokens each and a token for any gap but one space; unsure (False) at anything else."""
    reach = most_tokens(left.group(1))
    end = left.start()
    while reach < _LIST_REACH:
        gap = search_back(_GAP_BEFORE, text, end, closed=True)
        if gap is None:
            return False
        reach += gap.group() != " "
        chunk = search_back(_CHUNK_BEFORE, text, gap.start(), closed=True)
        if chunk is None or (chunk.start() > 0 and not text[chunk.start() - 1].isspace()):
            return False
        if chunk.group(2):
            reach += 1
            if reach <= _LIST_REACH:
                return True
        reach += most_tokens(chunk.group(1))
        end = chunk.start()
    return False


def _tokens_to_aside(text: str, mark: re.Match[str]) -> int | None:
    """At most how many tokens after the mark the next aside mark is (it the last), where only words of letters
    come before it; None where anything else does (a number, a word with an apostrophe: unsure). A chunk of
    letters is one token, or at most three where the tokenizer may split it (word_classes.most_tokens); white
    space other than one space between words is a token of its own."""
    m = _TO_ASIDE.match(text, mark.end())
    if m is None:
        return None
    gaps = [text[mark.start() + 1 : mark.end()], *_GAP.findall(m.group(1)), m.group(2)]
    return sum(most_tokens(w) for w in m.group(1).split()) + sum(g not in ("", " ") for g in gaps) + 1
