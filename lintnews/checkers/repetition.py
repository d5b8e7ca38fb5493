"""kind: repetition: a word or a phrase the decoder wrote twice in a row (`the the`, `on the on the`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache, partial
from itertools import accumulate, compress
from operator import eq, ne
from typing import NamedTuple

from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.nlp import TAGS
from ..core.spans import SpanColumns
from ..core.text_memo import TextMemo
from .base import Checker, Option

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# what may stand between two words of one copy, or between two copies: spaces on one line, a comma for a clause
_SPACE = re.compile(r"[ \t]+")
_POSSESSIVE_ENDS = ("'s", "’s")  # what a word's normal form drops (a word has no line break)
_CLAUSE_SEP = re.compile(r"[ \t]*,[ \t]+")
# a sentence break inside the gap: the repeat would cross it
_BREAK = re.compile(r"[.!?;:…\n]")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


def _tokenise(text: str) -> tuple[SpanColumns[_Tok], list[str]]:
    """The words of `text` and the gaps between each two, from one split (no match object per word)."""
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    return _spans(parts), parts[2:-1:2]


def _spans(parts: list[str]) -> SpanColumns[_Tok]:
    """The words of _WORD_SPLIT's parts of a text, with their offsets."""
    offsets = list(accumulate(map(len, parts)))  # [2k]: where word k starts, [2k + 1]: where it ends
    return SpanColumns(_Tok, offsets[0:-1:2], offsets[1::2], parts[1::2])


class _Gaps:
    """What stands between each token and the next, read once per paragraph (not once per candidate size):
    the text, and whether it joins two copies (2: spaces, 1: a comma, 0: neither) or breaks a sentence."""

    def __init__(self, gaps: list[str]) -> None:
        self.text = gaps
        # each distinct gap read once: a paragraph has few (a space, a comma and a space)
        join = {g: 2 if _SPACE.fullmatch(g) else 1 if _CLAUSE_SEP.fullmatch(g) else 0 for g in set(gaps)}
        breaks = {g: _BREAK.search(g) is not None for g in join}
        self.any_join = any(join.values())
        self.join: list[int] = list(map(join.__getitem__, gaps))
        self.breaks: list[bool] = list(map(breaks.__getitem__, gaps))

    def copies_follow(self, low: list[str], i: int, size: int, times: int, k: int) -> bool:
        """Do copies times+1 .. times+k of the unit of `size` tokens at i follow as copies_join has each follow
        the one before? (each condition over the k copies at once, by strided slices)"""
        first = i + times * size  # copy `times`, the last one known
        if i + (times + k + 1) * size > len(low) or low[first + size : first + (k + 1) * size] != low[i : i + size] * k:
            return False
        # the gap after each of copies times .. times+k-1 joins, and each copy's inner gaps are those of the next
        if min(self.join[first + size - 1 : first + k * size : size]) < (2 if size < 4 else 1):
            return False
        text, breaks = self.text, self.breaks
        for j in range(size - 1):
            same = text[first + j : first + k * size + j + 1 : size]
            if same.count(same[0]) != len(same) or any(breaks[first + j : first + (k - 1) * size + j + 1 : size]):
                return False
        return True

    def copies_join(self, i: int, size: int) -> bool:
        """Are tokens i..i+size and the next `size` tokens two copies with the same spacing, side by side?"""
        # the one gap between the copies first: where words repeat without being a repeat (a list, markup
        # between the words), it is what fails. A clause said twice may be set off by a comma; a short phrase
        # so set off is a chant or a list
        join = self.join[i + size - 1]
        if join == 0 or (join == 1 and size < 4):
            return False
        text, breaks = self.text, self.breaks
        last = i + size - 1
        return text[i:last] == text[i + size : last + size] and not any(breaks[i:last])


def _normal_forms(words: list[str]) -> list[str]:
    """Each word in lower case, a possessive's `'s` dropped (`the region region's`): lowered by one call on the
    words joined by a NUL (in no word; no cased letter, none case ignores: each word lowers as alone), but word by
    word where a capital sigma is (it lowers by what stands around it)."""
    joined = "\0".join(words)
    low = joined.lower().split("\0") if "Σ" not in joined else [w.lower() for w in words]
    if "'" in joined or "’" in joined:
        return [w[:-2] if w.endswith(_POSSESSIVE_ENDS) else w for w in low]
    return low


class ParaWords:
    """One paragraph's words, made once for every repetition rule that reads the paragraph (they differ only
    in the unit sizes they try): the words normalised together (_normal_forms), not one by one."""

    def __init__(self, text: str) -> None:
        # the words' offsets and the gaps are read only where words repeat: kept as the split's parts till then
        self._parts = parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        self.low: list[str] = _normal_forms(words) if words else []
        # no normal form twice: nothing repeats (most headings, cells and short paragraphs)
        self.distinct = len(set(self.low)) == len(words)

    @cached_property
    def toks(self) -> SpanColumns[_Tok]:
        return _spans(self._parts)

    @cached_property
    def gaps(self) -> _Gaps:
        return _Gaps(self._parts[2:-1:2])

    @cached_property
    def _run_starts(self) -> list[int]:
        """Each token whose word differs from the one before (where a run of one word begins), and the end."""
        low = self.low
        return [*compress(range(1, len(low)), map(ne, low, low[1:])), len(low)]

    def run(self, i: int) -> int:
        """How many tokens from i on are the same word (1: the next one differs)."""
        starts = self._run_starts
        return starts[bisect.bisect_right(starts, i)] - i


_POSSESSIVE = re.compile(r"['’]s$")
# two words side by side, as copies must stand: a token's last character, what _SPACE or _CLAUSE_SEP takes whole,
# the next token's first (a paragraph without one has markup between all its words: nothing can repeat)
_SIDE_BY_SIDE = re.compile(rf"[^\W_](?:{_SPACE.pattern}|{_CLAUSE_SEP.pattern})[^\W_]")
# Doubles English grammar licenses: `had had` (auxiliary + participle) and `that that` (conjunction +
# determiner or pronoun) in any sentence; `is is`, `do do` only after a free relative (`what it is is`).
# `her her` (object + possessive: `gave her her passport`) likewise.
ALWAYS_LICENSED = frozenset(["had", "that", "her"])
# The linking words of English's reduplicated chains and equatives (`round and round`, `day after day`,
# `step by step`, `as far as far`): a two-word unit with one of them repeats on purpose.
CHAIN_LINKS = frozenset(["and", "or", "as", "after", "by", "to", "upon", "than", "in"])
# a chain links content words, never articles (`in the in the` is a slip); `a spade a spade` names a thing
# by itself (an object and its complement)
ARTICLES = frozenset(["the", "a", "an"])
AFTER_FREE_RELATIVE = frozenset(["is", "was", "are", "were", "do", "does", "did"])
_FREE_RELATIVE = re.compile(r"\b(?:[Ww]hat|[Ww]hatever|[Aa]ll)\b")
# Penn tags of a reduplication for emphasis: an interjection (`bye bye`, `no no`), or a degree adverb before
# the word it grades (`very very cold`, `really really`)
_INTERJECTION = "UH"
_ADVERB = frozenset(["RB", "RBR", "RBS"])
_GRADED = frozenset(["JJ", "JJR", "JJS", "RB", "RBR", "RBS"])


def _min_words(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 8:
        raise ValueError("must be an integer from 1 to 8")
    return value


class Repeat(NamedTuple):
    """Token `first` begins a copy of `size` tokens that is repeated `times` more times right after it."""

    first: int
    size: int
    times: int


def _adjacent_equal(low: list[str], min_words: int, max_words: int) -> list[int]:
    """The tokens i whose word comes again `size` words on, with room for two copies, for any size: where a
    repeat can begin (each pair compared in C, not per token in Python)."""
    n = len(low)
    at: set[int] = set()
    for size in range(min_words, max_words + 1):
        at.update(compress(range(n - 2 * size + 1), map(eq, low, low[size:])))
    return sorted(at)


def find_repeats(
    text: str, min_words: int, max_words: int, known: dict[str, ParaWords | None] | None = None
) -> tuple[Sequence[_Tok], list[Repeat]]:
    """The tokens of a paragraph with repeats and every immediate repeat of min..max words in it, longest first;
    `known` holds the paragraphs' words already read by another repetition rule of the document."""
    if len(text) < 4 * min_words - 1:
        return [], []  # 2n words take 2n characters and a separator between each two (a match is maximal)
    known = {} if known is None else known
    if text not in known:  # None: no two words side by side as copies stand (markup between all of them)
        known[text] = ParaWords(text) if _SIDE_BY_SIDE.search(text) else None
    words = known[text]  # the tokens are made only for a paragraph with repeats: the rules read no other's
    if words is None or len(words.low) < 2 * min_words or words.distinct:
        return [], []  # no word twice: nothing repeats (most headings, cells and short paragraphs)
    # where a copy can begin (cheaper than the gaps, which a rule of longer units may not read either)
    starts = _adjacent_equal(words.low, min_words, max_words)
    if not starts or not words.gaps.any_join:
        return [], []  # no word comes again within max_words words, or no two words side by side: no copies
    reps = _scan(words, starts, min_words, max_words)
    return (words.toks if reps else []), reps


def _scan(words: ParaWords, starts: list[int], min_words: int, max_words: int) -> list[Repeat]:
    """The repeats, longest unit first at each token, visiting only the tokens in `starts` (no other can begin
    one: its first word does not come again at any size)."""
    low, gaps, same = words.low, words.gaps, words.run
    n = len(low)
    found: list[Repeat] = []
    covered = -1
    i = starts[0]
    while i < n:
        if min_words > 1 and same(i) >= max_words:
            # max_words or more of one word from here: every unit that starts here is that word, periodic
            i += same(i) - max_words + 1
        else:
            hit = None
            for size in range(max_words, min_words - 1, -1):
                # the first words and the gaps compared before the lists are sliced: most sizes fail there, cheaply
                if i + 2 * size > n or low[i] != low[i + size]:
                    continue
                if size > 1 and same(i) >= 2 * size:
                    continue  # inside a run of one word: the unit repeats that word, it is periodic
                if not gaps.copies_join(i, size):
                    continue
                if low[i : i + size] == low[i + size : i + 2 * size] and not _periodic(low[i : i + size]):
                    hit = size
                    break
            if hit is None or i <= covered:
                i += 1
            else:
                times = _more_copies(words, i, hit)
                found.append(Repeat(i, hit, times))
                covered = i + (times + 1) * hit - 1
                i = covered + 1
        k = bisect.bisect_left(starts, i)
        if k == len(starts):
            break
        i = starts[k]
    return found


def _more_copies(words: ParaWords, i: int, hit: int) -> int:
    """How many copies follow the unit of `hit` words at token i (at least the one found)."""
    low, gaps = words.low, words.gaps
    times = 1
    if hit == 1:
        # one word: the copies are the rest of its run, as far as spaces alone join them (a comma parts copies
        # of a unit under four words: see copies_join)
        last = i + words.run(i) - 1  # the run's last copy
        while times < last - i and gaps.join[i + times] == 2:
            times += 1
        return times
    # several copies asked at once, twice as many after each yes and half after each no (a phrase a decoder
    # looped on a hundred thousand times is a few slice comparisons, not a call per copy)
    step = 1
    while step:
        if gaps.copies_follow(low, i, hit, times, step):
            times += step
            step *= 2
        else:
            step //= 2
    return times


@lru_cache(maxsize=16)  # asked once per repeat in the paragraph: read the paragraph once, not once per repeat
def _title_case(text: str) -> bool:
    """A headline or a table header (`Last Change Change %`) capitalises its words: not prose."""
    words = [w for w in _WORD.findall(text) if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _periodic(words: list[str]) -> bool:
    """Is the unit itself a repeat of a shorter one (`on on`)? Then the shorter unit is the one repeated."""
    n = len(words)
    return any(n % p == 0 and words == words[:p] * (n // p) for p in range(1, n // 2 + 1))


class RepetitionChecker(Checker):
    kind = "repetition"
    needs_parser = True
    parse_level = TAGS
    options = {
        "min_words": Option(_min_words, default=1, help="the shortest repeated unit, in words"),
        "max_words": Option(_min_words, default=1, help="the longest repeated unit, in words"),
    }

    def _candidates(self, doc: Document) -> list[tuple[Block, Sequence[_Tok], list[Repeat]]]:
        key = f"repetition:{self.rule.id}"
        got: list[tuple[Block, Sequence[_Tok], list[Repeat]]] | None = doc.cache.get(key)
        if got is None:
            known: dict[str, ParaWords | None] = doc.cache.setdefault("repetition:words", {})
            # a paragraph's repeats depend on its text (and the document): each distinct text read once
            found = {text: self._repeats(text, known, doc) for text in {p.text for p in doc.paragraphs}}
            got = [(para, *found[para.text]) for para in doc.paragraphs if found[para.text][1]]
            doc.cache[key] = got
        return got

    def _repeats(
        self, text: str, known: dict[str, ParaWords | None], doc: Document
    ) -> tuple[Sequence[_Tok], list[Repeat]]:
        """The tokens of a paragraph's text and its repeats that grammar does not license."""
        toks, reps = self._found.get(text, partial(self._find, known=known))
        return toks, [r for r in reps if not self._licensed_by_grammar(text, toks, r, doc)]

    @staticmethod
    def _licensed_by_grammar(text: str, toks: Sequence[_Tok], rep: Repeat, doc: Document) -> bool:
        words = toks[rep.first : rep.first + rep.size]
        low = words[0].text.lower()
        if all(t.text[:1].isdigit() for t in words) and len(words[0].text) <= 2:
            return True  # scores and table cells: `2 2`
        if rep.size > 1:
            # `on and on and on`, `Jewels after Jewels after Jewels`: a chain of one word joined by a small one
            # `as big as big business`: one word and a linking word, repeated, is a construction of English
            pair = [t.text.lower() for t in words]
            if rep.size != 2:
                return False
            if pair[0] in ("a", "an"):
                return True
            return any(w in CHAIN_LINKS for w in pair) and not any(w in ARTICLES for w in pair)
        if low in ALWAYS_LICENSED and rep.times == 1:
            return True
        if low in AFTER_FREE_RELATIVE and rep.times == 1:
            head = text[max(0, words[0].start - 120) : words[0].start]
            clause = re.split(r"[.!?;]", head)[-1]
            if _FREE_RELATIVE.search(clause):
                return True
        word = words[0].text
        if word[:1].isupper() and word[1:].islower() and words[0].start > 0:
            # a doubled name (`Sirhan Sirhan`) is written so every time; a decoder's slip happens once
            doubled = text[words[0].start : toks[rep.first + 1].end]
            return _title_case(text) or doc.text.count(doubled) >= 2
        return False

    def _find(self, text: str, known: dict[str, ParaWords | None]) -> tuple[Sequence[_Tok], Sequence[Repeat]]:
        """find_repeats' answer for a paragraph's text; without repeats, not its tokens (nobody reads them)."""
        toks, reps = find_repeats(text, self.opts["min_words"], self.opts["max_words"], known)
        return (toks, tuple(reps)) if reps else ((), ())

    def setup(self) -> None:
        # find_repeats per paragraph text across the documents of a run (a licence reads the document: not kept)
        self._found: TextMemo[tuple[Sequence[_Tok], Sequence[Repeat]]] = TextMemo()
        # only a doubled single word can be emphasis, which the tagger tells from a slip
        self.needs_parser = int(self.opts["min_words"]) == 1

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences holding a doubled single word: the tagger tells emphasis from a slip."""
        blocks: dict[Block, None] = {}
        starts = [s.start for s in doc.sentences]
        for para, toks, reps in self._candidates(doc):
            for r in reps:
                if r.size == 1:
                    s = self._sentence(doc, starts, para.start + toks[r.first].start)
                    if s is not None:
                        blocks[s] = None
        return list(blocks)

    @staticmethod
    def _sentence(doc: Document, starts: list[int], offset: int) -> Block | None:
        """The sentence holding `offset` (sentences are in order and do not overlap)."""
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and doc.sentences[i].start <= offset < doc.sentences[i].end:
            return doc.sentences[i]
        return None

    def check(self, doc: Document) -> Iterator[Hit]:
        cands = self._candidates(doc)
        if not cands:
            return
        tags: dict[int, tuple[str, str]] = {}
        if self.needs_parser:
            for block, sdoc in self.parsed(doc):
                for tok in sdoc:
                    nxt = sdoc[tok.i + 1].tag_ if tok.i + 1 < len(sdoc) else ""
                    tags[block.start + tok.idx] = (tok.tag_, nxt)
        for para, toks, reps in cands:
            for r in reps:
                first = toks[r.first]
                last = toks[r.first + r.size * (r.times + 1) - 1]
                if r.size == 1 and self._emphasis(tags, para.start, toks, r):
                    continue
                copy_end = toks[r.first + r.size - 1].end
                phrase = para.text[first.start : copy_end]
                start, end = copy_end, last.end
                if _POSSESSIVE.search(last.text) and not _POSSESSIVE.search(toks[r.first + r.size - 1].text):
                    # `the region region's rivers`: keep the last copy, which carries the possessive
                    start, end = first.start, toks[r.first + r.size * r.times].start
                yield Hit(
                    para.start + start,
                    para.start + end,
                    replacement="",
                    params=(("unit", phrase), ("times", str(r.times + 1))),
                )

    @staticmethod
    def _emphasis(tags: dict[int, tuple[str, str]], base: int, toks: Sequence[_Tok], r: Repeat) -> bool:
        """`bye bye`, `very very cold`: a reduplication for emphasis, by the tags of the last copy."""
        first, last = toks[r.first], toks[r.first + r.times]
        tag, nxt = tags.get(base + last.start, ("", ""))
        # `Will will notice`: a name and a modal, which the tagger reads as two classes
        if first.text != last.text and first.text[:1].isupper() and tags.get(base + first.start, ("", ""))[0] != tag:
            return True
        return tag == _INTERJECTION or (tag in _ADVERB and nxt in _GRADED)
