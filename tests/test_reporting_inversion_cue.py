"""The reporting-inversion cue: only a verb that follows a mark (what was said) is a candidate for the tagger."""

from __future__ import annotations

import pytest

from lintnews.checkers.reporting_inversion import _CUE


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"The dam is safe," said to AFP a spokesman for the utility.', True),
        ("The dam is safe, they explained to Reuters the engineers of the utility.", True),
        ("The levels are normal — declared to this newspaper a hydrologist.", True),
        # a heavy object moved last, in a clause of its own: no mark before the verb
        ("The company sold to Google the rights for the software.", False),
        ("He went to Paris the next day.", False),
    ],
)
def test_cue(text: str, found: bool) -> None:
    assert bool(_CUE.search(text)) is found
