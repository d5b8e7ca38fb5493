"""spaCy model handling: a missing model turns only the rules that need it off, with the install command."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lintnews import nlp
from lintnews.lint import Linter
from lintnews.rulepack import Rule, parse_pack
from lintnews.sources import make_document


def _rules() -> list[Rule]:
    tagged = {
        "id": "t.tagged",
        "kind": "token",
        "patterns": [[{"LOWER": "very"}, {"POS": "ADJ"}]],
        "trigger": r"\bvery\b",
        "message": "m",
        "examples": {"bad": ["x"], "good": []},
    }
    plain = {
        "id": "t.plain",
        "kind": "regex",
        "pattern": r"\bvery\b",
        "message": "m",
        "examples": {"bad": ["x"], "good": []},
    }
    pack = {"pack": "t", "defaults": {"category": "grammar", "severity": "warning"}, "rules": [tagged, plain]}
    return list(parse_pack(pack, "t").rules)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import spacy

    def missing(*args: object, **kwargs: object) -> None:
        raise OSError(f"[E050] Can't find model '{nlp.MODEL_NAME}'")

    nlp.model.cache_clear()
    monkeypatch.setattr(spacy, "load", missing)
    yield
    # the real model must load again for the tests that follow
    nlp.model.cache_clear()


def test_missing_model_is_a_notice_and_other_rules_run(no_model: None) -> None:
    assert not nlp.model_available()
    linter = Linter(_rules())
    assert linter.uses_model
    for _ in range(2):
        found = linter.lint(make_document("a.txt", "It was very cold."))
        assert [f.rule for f in found] == ["t.plain"]
    assert len(linter.notices) == 1
    notice = linter.notices[0]
    assert notice.startswith("rule t.tagged is off")
    assert f"pip install {nlp.MODEL_PACKAGE}" in notice


@pytest.mark.slow
def test_parse_is_cached_per_document() -> None:
    doc = make_document("a.txt", "It was very cold.\n\nThe rain stopped.")
    first = nlp.parse_blocks(doc, doc.paragraphs, tagged=True)
    again = nlp.parse_blocks(doc, doc.paragraphs, tagged=True)
    assert [a is b for a, b in zip(first, again, strict=True)] == [True, True]
    assert first[0][3].pos_ == "ADJ"
    assert "ner" not in nlp.model().pipe_names


@pytest.mark.slow
def test_model_rule_finds_with_the_model() -> None:
    linter = Linter(_rules())
    found = linter.lint(make_document("a.txt", "It was very cold."))
    assert sorted(f.rule for f in found) == ["t.plain", "t.tagged"]
    assert linter.notices == []
