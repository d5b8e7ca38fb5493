"""quotes._spaced: a mark without a space or tab on its inner side gets no inner-space finding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintnews.checkers.quotes import _inner_space, _spaced
from lintnews.core.document import Block


@given(st.text(alphabet='ab ,.\t"“”!\n', max_size=30), st.booleans())
def test_a_mark_with_no_space_inside_has_no_inner_space(text: str, opens: bool) -> None:
    para = Block(0, len(text), text)
    for pos, ch in enumerate(text):
        if ch in '"“”' and not _spaced(text, pos, opens):
            assert list(_inner_space(para, pos, opens)) == [], (text, pos, opens)


def test_spaced_reads_the_inner_side() -> None:
    assert _spaced('say " the', 4, True) and not _spaced('say "the', 4, True)
    assert _spaced('the " said', 4, False) and not _spaced('the" said', 3, False)
    assert not _spaced('"the', 0, False)
