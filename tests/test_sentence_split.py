"""The sentence-split rules: stray periods, paragraphs that continue, mid-sentence capitals, fragments."""

from __future__ import annotations

import pytest

from lintnews.core.findings import Finding
from lintnews.core.sources import make_document
from lintnews.engine.fix import fix_text
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import builtin_rules_dir, load_pack

RULES = list(load_pack(builtin_rules_dir() / "sentence-split.yaml").rules)
LINTER = Linter(RULES)


def lint(text: str) -> list[Finding]:
    return LINTER.lint(make_document("t.txt", text))


def flagged(text: str) -> list[str]:
    return [text[f.offset : f.end] for f in lint(text)]


def fixed(text: str) -> str:
    return fix_text(text, lambda t: LINTER.lint(make_document("t.txt", t)), unsafe=False).text


def test_pack_has_the_rules() -> None:
    assert {r.id for r in RULES} >= {
        "sentence-split.stray-period",
        "sentence-split.paragraph-continues",
        "sentence-split.mid-capital",
        "sentence-split.aux-fragment",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met the envoy of Chile. who chairs the panel.", "He met the envoy of Chile, who chairs the panel."),
        ("The storm flooded 40 streets. and closed schools.", "The storm flooded 40 streets and closed schools."),
        ("Troops left the base. but returned at night.", "Troops left the base but returned at night."),
    ],
)
def test_stray_period_is_fixed(text: str, expected: str) -> None:
    assert fixed(text) == expected


def test_stray_period_without_a_safe_fix_is_reported_only() -> None:
    text = "The talks ended. then the delegates flew home."
    assert [f.rule for f in lint(text)] == ["sentence-split.stray-period"]
    assert fixed(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "She moved to the U.S. and found work.",
        "He wrote to Mr. and Mrs. Lopez.",
        "Prices rose in Jan. and Feb. this year.",
        "The firm, Smith & Co. and partners, won.",
        "A dose of 5 mg. per day is enough.",
        "John F. and Robert F. Kennedy were brothers.",
        "Talk to Dr. and Mrs. Okafor.",
        "She paused... and then smiled.",
        "See pic.twitter.com/abc for the photo.",
        "The ID. cars are new.",
    ],
)
def test_stray_period_spares_abbreviations(text: str) -> None:
    assert [f for f in lint(text) if f.rule == "sentence-split.stray-period"] == []


def test_paragraph_continuation_is_joined() -> None:
    text = "The minister said the border would stay open for\n\nat least two more weeks.\n"
    assert fixed(text) == "The minister said the border would stay open for at least two more weeks.\n"


def test_quote_closed_in_next_paragraph_is_joined() -> None:
    text = "“We expect the water to recede by the end of\n\nMarch,” the engineer said.\n"
    assert fixed(text) == "“We expect the water to recede by the end of March,” the engineer said.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Floods Hit The North\n\nHeavy rain fell on Sunday.\n",
        "The plan was approved.\n\nnobody objected to it.\n",
        # each line is a paragraph: a line break inside a sentence is wrapping, not a split
        "The plan was approved by\nthe council on Monday.\n",
        "12 May 2024 | 14 June 2024\n\ncopyright Example Press\n",
        "“The war will end.\n\n“We rebuild after,” he said.\n",
    ],
)
def test_paragraph_continuation_spares_normal_text(text: str) -> None:
    assert [f for f in lint(text) if f.rule == "sentence-split.paragraph-continues"] == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Farmers protested because Almost all the wells are dry.", "Almost"),
        ("The agency reported that The EU monitors will leave.", "The"),
        ("Rebels agreed to a pause And release the prisoners.", "And"),
        ("Meanwhile, This Thursday the court met.", "This"),
        ("The army entered the town They are searching houses.", "They"),
        ("They discussed its last proposal Were.", "Were"),
    ],
)
def test_mid_sentence_capital_is_found(text: str, word: str) -> None:
    assert word in flagged(text)


def test_garbled_sentence_reports_restarted_nouns_too() -> None:
    text = "It would bring a long ceasefire Suspension of raids for weeks In return for the hostages."
    spans = flagged(text)
    assert "Suspension" in spans and "In" in spans


def test_lone_capitalised_noun_in_a_sound_sentence_is_not_reported() -> None:
    assert flagged("The deal calls for Release of all prisoners by May.") == []


def test_repeated_segment_is_found() -> None:
    assert "Meetings High-level meetings" in flagged("He said that Meetings High-level meetings went on.")


@pytest.mark.parametrize(
    "text",
    [
        "The report was published by The Washington Post on Friday.",
        "Diplomats met in The Hague and in Geneva.",
        "The Foreign Ministry said President Joe Biden had called the emir.",
        "Her novel The Remains of the Day won.",
        "She sang We Are the Champions at the rally.",
        "They met Liu He, the chief negotiator.",
        "He paid for Amazon Prime Now, the delivery service.",
        "The Security Council of The United Nations met.",
        "In 2020, The Guardian reported the story.",
        "Israel Accuses Hamas Of Delaying Talks In Cairo",
        "He asked, Are you sure about that?",
        "The vote was on Tuesday. The count begins on Wednesday.",
        "Paris is calm.\n\nThe protests ended on Monday.",
    ],
)
def test_names_titles_and_headlines_are_not_mid_capitals(text: str) -> None:
    assert [f for f in lint(text) if f.rule == "sentence-split.mid-capital"] == []


def test_subjectless_fragment() -> None:
    assert "Are meeting." in flagged("The envoys arrived on Monday. Are meeting. Talks go on.")
    assert flagged("Are they meeting? Nobody knows.") == []


def test_clean_news_paragraphs_have_no_finding() -> None:
    text = (
        "Israeli Prime Minister Benjamin Netanyahu met U.S. envoy Brett McGurk on Tuesday, officials said.\n\n"
        "“We are close to a deal,” McGurk told reporters in Tel Aviv. “But it is not done.”\n\n"
        "The talks, hosted by Egypt and Qatar, resumed in Cairo on Feb. 13 and were expected to last "
        "three days, according to The Associated Press.\n\n"
        "Gen. Herzi Halevi, the army chief, said troops would stay in the south of the Gaza Strip.\n"
    )
    assert lint(text) == []
