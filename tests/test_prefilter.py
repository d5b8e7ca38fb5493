"""Prefilters are necessary conditions: a rule they skip could never have matched."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.prefilter import doc_index, may_match_text, may_match_words, phrase_factors, regex_factors

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


def test_split_alternatives_respects_groups_classes_and_comments() -> None:
    from lintnews.prefilter import split_alternatives

    flags, parts = split_alternatives("(?x) a(b|c) | [|] d | e\\|f # x|y\n | g") or ("", [])
    assert flags == "(?x)"
    assert parts == ["(?x) a(b|c) ", "(?x) [|] d ", "(?x) e\\|f # x|y\n ", "(?x) g"]
    assert split_alternatives(r"(a)|\1") is None  # a back-reference ties the branches together
    assert split_alternatives("abc") is None


def test_split_regex_rule_finds_what_the_whole_alternation_finds() -> None:
    from lintnews.checkers.regex import RegexChecker
    from lintnews.document import Document
    from lintnews.findings import Severity
    from lintnews.rulepack import Example, Rule

    branches = ["foo (?P<x>bar)", "(?P<x>bar) baz", "qux (?P<x>quux)", "(?P<x>corge)", "grault (?P<x>garply)"]
    rule = Rule(
        id="t.split",
        kind="regex",
        category="grammar",
        severity=Severity.WARNING,
        message="m",
        fix="none",
        source="",
        description="",
        pack="t",
        path="t.yaml",
        line=1,
        bad=(Example("foo bar"),),
        good=(),
        options={"pattern": "(?x) " + " | ".join(branches), "group": "x"},
    )
    checker = RegexChecker(rule)
    assert checker.branches, "the rule should run as separate branches"
    texts = [
        "foo bar baz. qux quux, corge and grault garply; bar baz.",
        "Only corge here, and foo bar.",
        "Nothing at all.",
        "grault garply then qux quux and foo bar baz",
    ]
    # the first document reads each branch's pattern for it alone; the later ones go through the branches' key index
    for _ in range(2):
        for text in texts:
            whole = [m.span("x") for m in regex.finditer(rule.options["pattern"], text)]
            assert [(h.start, h.end) for h in checker.check(Document("a.txt", text))] == whole, text
    assert checker._branch_keys is not None
    assert sorted(checker._branch_keys.candidates(doc_index(Document("b.txt", "Only corge here.")))) == [3]
