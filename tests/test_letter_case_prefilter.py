"""letter_case._MIXED_CORE: a text without it has no mixed-case word (_MIXED), so the scan can be skipped."""

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
