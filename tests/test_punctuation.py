"""The punctuation rules: doubled and spaced marks, missing spaces, quotes, paragraphs ending in a comma."""

from __future__ import annotations

import pytest

from lintnews.core.findings import Finding
from lintnews.core.sources import make_document
from lintnews.engine.fix import fix_text
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import builtin_rules_dir, load_pack

RULES = list(load_pack(builtin_rules_dir() / "punctuation.yaml").rules)
LINTER = Linter(RULES)


def lint(text: str) -> list[Finding]:
    return LINTER.lint(make_document("t.txt", text))


def rules_hit(text: str) -> set[str]:
    return {f.rule.split(".", 1)[1] for f in lint(text)}


def fixed(text: str) -> str:
    return fix_text(text, lambda t: LINTER.lint(make_document("t.txt", t)), unsafe=False).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nobody was hurt. .\n", "Nobody was hurt.\n"),
        ("Nobody was hurt..\n", "Nobody was hurt.\n"),
        ("The town,, the valley and the pass fell.", "The town, the valley and the pass fell."),
        ("The envoy said , however, that talks went on .", "The envoy said, however, that talks went on."),
        ("He asked : is it over ? Nobody knew !", "He asked: is it over? Nobody knew!"),
        ("The shelling stopped at dawn.Residents came out.", "The shelling stopped at dawn. Residents came out."),
        ("“It is over,”he said.", "“It is over,” he said."),
        ("“We are safe.”She smiled.", "“We are safe.” She smiled."),
        ("They called it “a first step“, not a deal.", "They called it “a first step”, not a deal."),
        ("The mood was not ” very hopeful” in the camp.", "The mood was not “very hopeful” in the camp."),
    ],
)
def test_safe_fixes(text: str, expected: str) -> None:
    assert fixed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. economy grew 2.5 percent in 2023.",
        "He paused... then went on. . . . Nobody spoke.",
        "Visit www.Example.com or write to Ana.Lopez@example.org.",
        "Ratios were 3 : 1 and 2 : 1.",
        "The score, 1 , 2 , 3, was read out.",
        "“We will stay,” she said. “This is our home.”",
        "He called the plan “fair” and “balanced”.",
        "“The siege will end.\n\n“We will rebuild,” he said.\n",
        "The talks ended,\n\nbut a new round begins in May.\n",
        "Measured at 5’10” tall, he was the tallest.",
        "e.g. the Ministry of Health, i.e. the state.",
    ],
)
def test_clean_text_is_not_flagged(text: str) -> None:
    assert lint(text) == []


def test_quote_opened_twice_is_reported_without_fix() -> None:
    text = "“The camp is full. “We cannot take more,” an aid worker said."
    found = [f for f in lint(text) if f.rule == "punctuation.quotes"]
    assert len(found) == 1
    assert text[found[0].offset] == "“" and found[0].offset > 0
    assert found[0].fix is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “ the deal is close ” and left.", "He said “the deal is close” and left."),
        ('"We want a deal, " an official said.', '"We want a deal," an official said.'),
        ('" We want peace," he said.', '"We want peace," he said.'),
        ('She called it "fair" and " balanced".', 'She called it "fair" and "balanced".'),
    ],
)
def test_space_inside_quotation_marks_is_removed(text: str, expected: str) -> None:
    found = [f for f in lint(text) if f.rule == "punctuation.quotes"]
    assert found and all(f.severity.name == "INFO" for f in found)
    assert fixed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the text begins inside a quotation: the first mark closes, so pairing in order would be wrong
        'a lot of charges." It\'s a lot harder to get them to say "yes" now.',
        # an odd number of marks, and inch marks
        'He said " we are tired and left.',
        'The 12" and 7" records sold " out" fast.',
        # a closing mark glued to the next word may be a reversed opening one: left to the direction check
        "He said the plan was ”fair” and left.",
    ],
)
def test_quote_spacing_is_left_alone_when_the_marks_cannot_be_paired(text: str) -> None:
    assert [f for f in lint(text) if f.message.startswith("Space inside")] == []


def test_paragraph_ending_in_comma() -> None:
    text = "The deal frees the last hostages,\n\nIt also reopens the crossing.\n"
    assert rules_hit(text) == {"paragraph-ends-in-comma"}
    # a text that merely stops on a comma may be cut short: nothing to say
    assert rules_hit("The deal frees the last hostages,\n") == set()


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("The mayor (who was re-elected in May said the bridge would reopen.", "("),
        ("Aid reached 300 families] in the north, the agency said.", "]"),
    ],
)
def test_unpaired_bracket(text: str, mark: str) -> None:
    found = [f for f in lint(text) if f.rule == "punctuation.unpaired-bracket"]
    assert [text[f.offset] for f in found] == [mark]


@pytest.mark.parametrize(
    "text",
    [
        "Options: 1) a truce, 2) talks, 3.) elections.",
        "The agency (UNRWA) said [in a note] it had run out of fuel.",
        "Great news :) and bad news :(",
        "The full quote (from the leaked memo reads...",
    ],
)
def test_paired_or_excused_brackets(text: str) -> None:
    assert [f for f in lint(text) if f.rule == "punctuation.unpaired-bracket"] == []
