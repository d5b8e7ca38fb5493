"""untranslated._OTHER_LETTER finds a letter of another script exactly where _SCRIPT_RUN finds a run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintnews.checkers.untranslated import _OTHER_LETTER, _SCRIPT_RUN


@given(st.text(alphabet="aé Ω北京Москва\u0301\u20601·ʼ", max_size=16) | st.text(max_size=16))
def test_a_run_is_found_where_its_first_letter_is(text: str) -> None:
    assert bool(_OTHER_LETTER.search(text)) == bool(_SCRIPT_RUN.search(text)), text


def test_every_character_is_read_alike() -> None:
    for code in range(0, 0x3400):
        c = chr(code)
        assert bool(_OTHER_LETTER.match(c)) == bool(_SCRIPT_RUN.match(c)), hex(code)
