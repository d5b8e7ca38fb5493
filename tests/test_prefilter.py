"""Prefilters are necessary conditions: a rule they skip could never have matched."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.prefilter import may_match_text, may_match_words, phrase_factors, regex_factors

PATTERNS = [
    r"(?<![\w-])(?:this|This)\s+(?P<day>Monday|Tuesday)\b",
    r"[Tt]he (?:past|last) (week|month)",
    r"(?i)despite\s+of",
    r"said to (?:AFP|EFE|Reuters) (?P<s>a source)",
    r"(?x) \b (?:informed|communicated) \s+ (?:the|a) \s+ \w+",
    r"\b(?:[Ss]ince) (?:two|three) (?:years|months)",
]


def test_factors_are_literals_every_match_contains() -> None:
    assert regex_factors(PATTERNS[0]) == {"monday", "tuesday"}
    assert regex_factors(PATTERNS[1]) == {"past", "last"}
    assert regex_factors(PATTERNS[2]) == {"despite"}


def test_no_prefilter_when_unknown_or_too_weak() -> None:
    assert regex_factors(r"\b(a|an)\b") is None  # only common words
    assert regex_factors(r"\p{Lu}\w+") is None  # syntax the stdlib parser does not know
    assert regex_factors(r"(?:x|y)z") is None  # too short to be worth testing
    assert may_match_text(None, "anything")


def test_phrase_factors_take_the_longest_word() -> None:
    assert phrase_factors(["in the framework of", "despite of"]) == {"framework", "despite"}
    assert may_match_words(frozenset({"despite"}), frozenset({"he", "came", "despite", "rain"}))
    assert not may_match_words(frozenset({"despite"}), frozenset({"he", "came"}))


WORDS = st.sampled_from(
    [
        "this",
        "This",
        "Monday",
        "the",
        "past",
        "week",
        "despite",
        "of",
        "said",
        "to",
        "AFP",
        "a",
        "source",
        "informed",
        "the",
        "ministry",
        "since",
        "Since",
        "two",
        "years",
        "and",
        ",",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12), st.sampled_from(PATTERNS))
def test_a_skipped_text_never_matches(words: list[str], pattern: str) -> None:
    text = " ".join(words)
    factors = regex_factors(pattern)
    if not may_match_text(factors, text.lower()):
        assert regex.search(pattern, text) is None
