"""The calque-es pack on whole paragraphs: several rules at once, their fixes together, case kept right."""

from __future__ import annotations

from lintnews.core.sources import make_document
from lintnews.engine.fix import fix_text
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import builtin_rules_dir, load_pack

PACK = load_pack(builtin_rules_dir() / "calque-es.yaml")
LINTER = Linter(list(PACK.rules))


def lint(text: str) -> list[str]:
    return [f.rule for f in LINTER.lint(make_document("t.txt", text))]


def fix(text: str, unsafe: bool = True) -> str:
    return fix_text(text, lambda t: LINTER.lint(make_document("t.txt", t)), unsafe=unsafe).text


def test_pack_is_large_and_documented() -> None:
    assert len(PACK.rules) >= 60
    assert PACK.languages == ("es",)
    assert all(r.category == "calque" for r in PACK.rules)


def test_inversion_fix_keeps_agency_case() -> None:
    text = "No talks are planned, said to AFP a senior official in Doha."
    assert fix(text) == "No talks are planned, a senior official in Doha told AFP."
    text = "The border stays shut, informed EFE police sources."
    assert fix(text) == "The border stays shut, police sources told EFE."


def test_inversion_at_sentence_start_capitalises_the_speaker() -> None:
    text = "They indicated to Reuters two diplomats in Geneva."
    assert fix(text) == "Two diplomats in Geneva told Reuters."


def test_several_fixes_in_one_paragraph() -> None:
    text = (
        "This Monday the mayor arrived in Quito together to his deputy. "
        "Talks went on despite of the storm, and the million and a half residents waited."
    )
    assert fix(text) == (
        "On Monday the mayor arrived in Quito along with his deputy. "
        "Talks went on despite the storm, and the 1.5 million residents waited."
    )


def test_safe_fixes_alone_leave_unsafe_ones() -> None:
    text = "The minister assured this Friday that prices will fall."
    assert fix(text, unsafe=False) == "The minister assured on Friday that prices will fall."
    assert fix(text) == "The minister said on Friday that prices will fall."


def test_fixing_twice_changes_nothing() -> None:
    text = "Prices fell, This Tuesday the bank said. The past Friday it rained."
    once = fix(text)
    assert once == "Prices fell, on Tuesday the bank said. Last Friday it rained."
    assert fix(once) == once


def test_plain_english_news_is_clean() -> None:
    text = (
        "The minister said on Tuesday that talks would resume. A source close to the talks told AFP "
        "the deal was almost done. Fans celebrated the election results, and nurses attended to the "
        "wounded. Despite that, the march went ahead; voters were assured that the count was fair. "
        "The region has sustained heavy damage, and about 1.5 million people were displaced."
    )
    assert lint(text) == []


def test_speaker_after_perfect_tense_verb() -> None:
    text = "“Nobody will be left behind,” has declared the regional president at the end of the session."
    assert "calque-es.has-said-speaker" in lint(text)
    text = "The flights were cancelled, communicated the Civil Aviation Authority (CAA)."
    assert "calque-es.informed-speaker" in lint(text)
    # English: an interrupted subject, an object that is not the speaker
    assert lint("The court, after a long hearing, has declared the law void.") == []
    assert lint("The agency, in its report, has stressed the need for calm.") == []


def test_press_inversion_and_told_to_fix() -> None:
    text = "“It was a fair result,” declared to the press the Getafe coach, after the match."
    assert fix(text) == "“It was a fair result,” the Getafe coach told the press, after the match."
    assert fix("A nurse told to Lusa that the ward was full.") == "A nurse told Lusa that the ward was full."
    fixed = fix("The cabinet will give green light to the budget.")
    assert fixed == "The cabinet will give the green light to the budget."


def test_spanish_formulas_in_a_match_report() -> None:
    text = (
        "Since three seasons the club does not win away. Mallorca receives to Cádiz on Sunday, "
        "and the striker scored in the minute 12. The fans carry years asking for a new stadium."
    )
    rules = set(lint(text))
    assert {
        "calque-es.since-duration",
        "calque-es.personal-a",
        "calque-es.in-the-minute",
        "calque-es.carry-time-gerund",
    } <= rules
    assert fix("Mallorca receives to Cádiz on Sunday.") == "Mallorca receives Cádiz on Sunday."


def test_billions_and_anchored_rules_fix_the_whole_phrase() -> None:
    assert fix("The plan will cost 4,000 million euros.") == "The plan will cost 4 billion euros."
    assert fix("Nearly a million and a half people voted.") == "Nearly 1.5 million people voted."


def test_near_misses_in_plain_english_are_clean() -> None:
    text = (
        "The ministers travelled together to Rome and arrived to a warm welcome. Fans celebrated the win "
        "all night. Since two years ago the clinic has treated more patients, and the summit was attended "
        "by 40 leaders. She insisted in that interview that she would stay; he defended that decision. "
        "The citizenship test is hard, the trucks carry months of supplies, and the glue's adhesion to "
        "metal is strong. Asked whether this Sunday's game could be decisive, he laughed."
    )
    assert lint(text) == []
