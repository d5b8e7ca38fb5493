"""checkers.base.by_text: the blocks a text predicate keeps, the predicate asked once per distinct text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintnews.checkers.base import by_text
from lintnews.core.document import Block


@given(st.lists(st.sampled_from(["a", "b", "a b", ""]), max_size=20))
def test_by_text_keeps_what_a_filter_keeps_in_order(texts: list[str]) -> None:
    blocks = [Block(i, i + len(t), t) for i, t in enumerate(texts)]
    asked: list[str] = []

    def keep(text: str) -> bool:
        asked.append(text)
        return "a" in text

    assert by_text(blocks, keep) == [b for b in blocks if "a" in b.text]
    assert sorted(asked) == sorted(set(texts))  # each distinct text once


def test_by_text_keeps_nothing_when_nothing_passes() -> None:
    assert by_text([Block(0, 1, "x"), Block(2, 3, "x")], lambda _t: False) == []
