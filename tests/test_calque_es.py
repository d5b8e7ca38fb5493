"""The calque-es pack on whole paragraphs: several rules at once, their fixes together, case kept right."""

from __future__ import annotations

from lintnews.fix import fix_text
from lintnews.lint import Linter
from lintnews.rulepack import builtin_rules_dir, load_pack
from lintnews.sources import make_document

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
