"""The cues' shortcuts answer as the plain forms: search_back's windows, repetition's tokens made only for
repeats, of-chain's count of 'of's, lone-capital's sentences read."""

from __future__ import annotations

import re
import sys
from functools import cache

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers.base import search_back
from lintnews.checkers.caption import CaptionChecker
from lintnews.checkers.misplaced_mark.checker import _TO_ASIDE
from lintnews.checkers.of_chain import _OF, _longest_run, _of_count
from lintnews.checkers.repetition import ParaWords, _tokenise, find_repeats
from lintnews.core.sources import make_document
from lintnews.core.text_memo import TextMemo
from lintnews.rules.rulepack import Rule, collect_pack_paths, load_packs

_WORDS = st.sampled_from(["talks", "Talks", "talks's", "on", "the", "a", "B", "x" * 20, "7", "Ω"])
_GAPS = st.sampled_from([" ", ", ", ". ", "\t", "  ", "-", "’"])
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=40).map(lambda pairs: "".join(w + g for w, g in pairs))
# search_back's patterns: closed ones (a word, a gap, a chunk) and open ones (a word and the gap after it)
_CLOSED = [re.compile(r"([^\W\d_]+)$"), re.compile(r"\s+$"), re.compile(r"([^\W\d_]+)([,:]?)$")]
_OPEN = [re.compile(r"([^\W\d_]+)[ \t]+$"), re.compile(r"(\S+)[ \t]$")]


@settings(max_examples=1000, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=400))
def test_search_back_finds_the_whole_texts_match(text: str, end: int) -> None:
    end = min(end, len(text))
    for pattern in _CLOSED + _OPEN:
        got = search_back(pattern, text, end, closed=pattern in _CLOSED)
        want = pattern.search(text, 0, end)
        assert (got and got.span()) == (want and want.span()), (pattern.pattern, text, end)


def test_search_back_widens_past_a_long_word() -> None:
    text = "a " + "x" * 40 + ","
    m = search_back(_CLOSED[0], text, len(text) - 1, closed=True)
    assert m is not None and m.span() == (2, 42)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_repeats_come_with_the_paragraphs_tokens(text: str) -> None:
    for sizes in ((1, 1), (2, 8)):
        toks, reps = find_repeats(text, *sizes)
        assert list(toks) == (list(_tokenise(text)[0]) if reps else [])


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_paragraph_words_read_lazily_are_the_tokenised_ones(text: str) -> None:
    words = ParaWords(text)
    toks, gaps = _tokenise(text)
    assert list(words.toks) == list(toks) and words.gaps.text == gaps


def test_of_matches_only_the_letter_pairs_counted() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    folds = set(regex.findall("(?i)[of]", every, flags=_OF.flags))
    assert folds == set("oOfF")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["of", "Of", "OF", "oF", "off", "roof", " ", "\u0130", "of-", "ﬀ", "x"])).map("".join))
def test_of_count_is_no_fewer_than_the_matches(text: str) -> None:
    assert _of_count(text) >= len(_OF.findall(text))
    assert _longest_run(text) <= len(_OF.findall(text))


def test_memo_remembers_falsy_answers() -> None:
    calls: list[str] = []

    def compute(text: str) -> object:
        calls.append(text)
        return {"n": None, "f": False, "e": ()}[text]

    memo: TextMemo[object] = TextMemo()
    for _ in range(3):
        assert [memo.get(t, compute) for t in "nfe"] == [None, False, ()]
    assert calls == list("nfe")


# misplaced-mark's reach to the next aside mark as it was written before it was made possessive
_PLAIN_TO_ASIDE = re.compile(r"((?:[^\W\d_]+[ \t]+){0,10}[^\W\d_]+)([ \t]*)(?:[;()\"“”—–]|[,:](?!\d))")
_ASIDE_TEXTS = st.text(alphabet='ab Zé\t,;:()"“—1.’\n', max_size=60)


@settings(max_examples=3000, deadline=None)
@given(_ASIDE_TEXTS)
def test_possessive_reach_to_aside_matches_the_plain_one(text: str) -> None:
    for i in range(len(text) + 1):
        got, want = _TO_ASIDE.match(text, i), _PLAIN_TO_ASIDE.match(text, i)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (text, i)


def test_reach_to_aside_gives_back_no_word() -> None:
    text = ", one two three four five six seven eight nine ten eleven ; x"
    m = _TO_ASIDE.match(text, 2)
    assert m is not None and m.group(1).split()[-1] == "eleven" and m.group(2) == " "
    assert _TO_ASIDE.match(", " + "w " * 12 + ";", 2) is None


_LONE_PIECES = [
    "the talks ended and",
    "Talks",
    "Rose",
    "rose",
    "sharply",
    "the",
    "Air Force",
    "Games",
    ".",
    ",",
    "\n\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LONE_PIECES), max_size=16), st.sampled_from(["a.txt", "a.md"]))
def test_lone_capital_reads_only_sentences_holding_a_match(pieces: list[str], path: str) -> None:
    from lintnews.checkers import lone_capital

    text = " ".join(pieces)
    checkers = [lone_capital.LoneCapitalChecker(r) for r in _lone_rules()]
    fast = [c.parse_blocks(make_document(path, text)) for c in checkers]
    saved = lone_capital.lone_starts
    try:
        lone_capital.lone_starts = lambda doc: list(range(len(doc.text) + 1))  # every sentence holds one
        slow = [c.parse_blocks(make_document(path, text)) for c in checkers]
    finally:
        lone_capital.lone_starts = saved
    assert fast == slow, text


@cache
def _lone_rules() -> list[Rule]:
    return [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "lone-capital"]


_CAPTION_PIECES = [
    "Officials",
    "in",
    "Beijing",
    "said",
    "on",
    "Monday",
    "the",
    "new",
    "bridge",
    "is",
    "open",
    ".",
    ":",
    '"',
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CAPTION_PIECES), max_size=50).map(" ".join))
def test_caption_cue_asks_the_verb_before_the_shape(text: str) -> None:
    from lintnews.checkers import caption

    checker = _caption_checker()
    t = text[:1].upper() + text[1:] + "."
    plain = t.endswith(".") and t[:1].isupper() and ":" not in t and not t.isupper() and checker._shape_ok(t)
    plain = plain and not (caption._COMMON_VERB.search(t) or caption._SENTENCE_OPENER.match(t))
    assert checker._may_be_caption(t) == bool(plain)


@cache
def _caption_checker() -> CaptionChecker:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.endswith("caption-noun-phrase")]
    return CaptionChecker(rules[0])
