"""punctuation.unpaired-bracket reports a tangle of unpaired marks once: marks with no word between them are one
place to mend; a word between two unpaired marks makes them two."""

from __future__ import annotations

import pytest

from lintnews.core.document import Document
from lintnews.rules.rulepack import builtin_rules_dir, load_pack


def _marks(text: str) -> list[tuple[int, str]]:
    from lintnews.checkers.brackets import BracketsChecker

    (rule,) = [r for r in load_pack(builtin_rules_dir() / "punctuation.yaml").rules if r.kind == "brackets"]
    return [(h.start, text[h.start]) for h in BracketsChecker(rule, {}).check(Document("a.txt", text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("](" * 1000 + " end", [(0, "]")]),  # closers that each meet the opener before them: one tangle
        ("The toll rose]] on Sunday.", [(13, "]")]),
        ("The army ((which had left said so.", [(9, "(")]),
        ("The toll rose] to 40 people) on Sunday.", [(13, "]"), (27, ")")]),  # a word between: two places
        ("It rose] and (fell on Sunday.", [(7, "]"), (13, "(")]),
        ("It rose] (fell on Sunday.", [(7, "]")]),  # the opener after the closer, nothing between: one tangle
        ("A ] b.\n\n] c.", [(2, "]"), (8, "]")]),  # each paragraph its own
    ],
)
def test_one_report_per_tangle(text: str, expected: list[tuple[int, str]]) -> None:
    assert _marks(text) == expected


def test_a_long_tangle_is_one_report_and_each_word_separates() -> None:
    assert len(_marks("](" * 100_000 + "x")) == 1
    assert len(_marks("](a" * 1_000)) == 1_000
