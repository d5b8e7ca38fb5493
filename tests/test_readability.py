"""Readability: article grade figures and the thresholds of the readability checker."""

from __future__ import annotations

import pytest

from lintnews.errors import RuleError
from lintnews.lint import Linter
from lintnews.readability import article_readability, grade, word_count
from lintnews.rulepack import parse_pack
from lintnews.sources import make_document

EASY = "The cat sat on the mat. The dog ran to the park. We had fun."
HARD = (
    "Notwithstanding considerable institutional modernization, intergovernmental coordination "
    "mechanisms remained fundamentally inadequate regarding environmental sustainability."
)


def _linter(**options: object) -> Linter:
    rule = {"id": "rd.t", "kind": "readability", "message": "m", "examples": {"bad": ["x"], "good": []}, **options}
    pack = parse_pack({"pack": "rd", "defaults": {"category": "readability", "severity": "info"}, "rules": [rule]}, "t")
    return Linter(list(pack.rules))


def test_grade_orders_easy_and_hard_text() -> None:
    easy, hard = grade(EASY), grade(HARD)
    assert easy is not None and hard is not None
    assert easy < 5 < hard


def test_article_readability_figures() -> None:
    r = article_readability(EASY + "\n\n" + EASY)
    assert r["words"] == 2 * word_count(EASY) == 30
    assert r["sentences"] == 6
    assert r["grade"] is not None and r["reading_ease"] > 80


def test_empty_article_has_no_grade() -> None:
    assert article_readability("")["grade"] is None
    assert grade("Hi.") is None


def test_sentence_threshold_is_an_option() -> None:
    text = "One two three four five six seven eight nine ten. Short one."
    strict = _linter(unit="sentence", max_words=5).lint(make_document("a.txt", text))
    assert [(f.offset, f.severity.label) for f in strict] == [(0, "info")]
    assert _linter(unit="sentence", max_words=10).lint(make_document("a.txt", text)) == []


def test_dense_paragraph_by_grade() -> None:
    found = _linter(unit="paragraph", max_words=500, max_grade=15, min_words=5).lint(make_document("a.txt", HARD))
    assert len(found) == 1 and "grade" in found[0].message
    assert _linter(unit="paragraph", max_words=500, max_grade=15, min_words=5).lint(make_document("a", EASY)) == []


def test_bad_unit_is_rejected() -> None:
    with pytest.raises(RuleError):
        _linter(unit="chapter")
