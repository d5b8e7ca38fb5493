"""Cheap scans that prove a pattern has no match: letter_case._MIXED_CORE, broken_word._MARK_BEFORE_LETTERS."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintnews.checkers.letter_case import _MIXED, _MIXED_CORE


@given(st.text(alphabet="aAbBzZ .@/#-'\u00e9\u00c9", max_size=24))
def test_every_mixed_word_holds_the_core(text: str) -> None:
    if _MIXED.search(text):
        assert _MIXED_CORE.search(text), text


def test_the_core_of_each_shape() -> None:
    assert _MIXED_CORE.search("the goVernment") and _MIXED_CORE.search("PResident") and _MIXED_CORE.search("USAid")
    assert not _MIXED_CORE.search("The President of the USA said so.")


@given(st.text(alphabet="aAbz ,.-\"“(:@/'", max_size=24))
def test_every_joined_word_holds_a_mark_before_two_letters(text: str) -> None:
    from lintnews.checkers.broken_word import _JOINED, _MARK_BEFORE_LETTERS

    if _JOINED.search(text):
        assert _MARK_BEFORE_LETTERS.search(text), text
