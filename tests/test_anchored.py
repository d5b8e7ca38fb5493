"""anchored_finditer finds what finditer finds, for the patterns the checkers try only near an anchor's hits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers import broken_word, letter_case
from lintnews.checkers.consistency import particle
from lintnews.core.anchored import anchored_finditer, run_back

# the characters the patterns and their look-arounds tell apart, ASCII letters most often
_PIECES = st.sampled_from(
    [*"aeBZ", "ab", "Ab", "AB", "cd", "Xy", "al", "El", "eel", "Sisi", *",.;:!?-(\"“”'’@#/&=", " ", "\n", "é", "7", "_"]
)
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)

_CASES = [
    (letter_case._MIXED, letter_case._MIXED_CORE, letter_case._MIXED_BACK),
    (broken_word._JOINED, broken_word._MARK_BEFORE_LETTERS, broken_word._JOINED_BACK),
    (particle._PARTICLE_NAME, particle._PARTICLE_CORE, particle._PARTICLE_BACK),
]


def _spans(matches: object) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", range(len(_CASES)))
@settings(max_examples=400, deadline=None)
@given(text=_TEXTS)
def test_same_matches_as_finditer(case: int, text: str) -> None:
    pattern, anchor, back = _CASES[case]
    assert _spans(anchored_finditer(pattern, anchor, back, text)) == _spans(pattern.finditer(text))


@pytest.mark.parametrize(
    "text",
    [
        "goVernment said",
        "the USAid plan",
        "ab-cd-ef and gover,nment",
        "x@goVernment /PResident é-ab",
        "aB" * 50,
        "al-Sisi, el Sisi and Al Thani; eel Sisi, Bel-Air",
    ],
)
def test_same_matches_on_known_words(text: str) -> None:
    for pattern, anchor, back in _CASES:
        assert _spans(anchored_finditer(pattern, anchor, back, text)) == _spans(pattern.finditer(text))


def test_a_pattern_without_its_anchor_is_not_tried() -> None:
    """The pattern matches here, but no anchor holds it: the contract is broken and nothing is found, which
    shows that the pattern is tried only from the anchor's hits."""
    found = list(anchored_finditer(re.compile(r"[a-z]+"), re.compile(r"Q"), run_back("a-z"), "abc def"))
    assert found == []


# letter_case._MIXED as it was written before its run of letters was taken whole (quadratic on a long run)
_MIXED_BACKTRACKING = re.compile(
    r"(?<![\w@#/.])[A-Za-z]*[a-z][A-Z][A-Za-z]*(?![\w@/])|(?<![\w@#/.])[A-Z]{2}[a-z]{2,}(?![\w@/])"
)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS)
def test_mixed_takes_the_same_words_as_the_backtracking_pattern(text: str) -> None:
    assert _spans(letter_case._MIXED.finditer(text)) == _spans(_MIXED_BACKTRACKING.finditer(text))


def test_mixed_on_a_long_run_of_letters_before_a_mark() -> None:
    """A run of letters no match may end (an `@` after it) is tried once, not at every split: this finishes."""
    text = "aB" * 200_000 + "@ and goVernment"
    assert [
        m.group() for m in anchored_finditer(letter_case._MIXED, letter_case._MIXED_CORE, letter_case._MIXED_BACK, text)
    ] == ["goVernment"]
