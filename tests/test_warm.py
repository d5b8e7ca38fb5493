"""Warming the rules (Checker.warm, Linter.warm): patterns compiled ahead of time, findings unchanged."""

from __future__ import annotations

import pickle

import pytest
import yaml

from lintnews.core.config import Config
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import make_linter
from lintnews.rules.rulepack import parse_pack

PACK = r"""
pack: warmtest
defaults: {category: calque, severity: warning}
rules:
  - id: warmtest.this-day
    kind: regex
    pattern: '\bthis (?P<day>Monday|Tuesday|Wednesday)\b'
    replacement: 'on {day}'
    fix: safe
    message: "Write 'on {day}'."
    examples: {bad: ["He came this Monday."], good: ["He came on Monday."]}
  - id: warmtest.despite-of
    kind: regex
    pattern: '\bdespite of\b'
    replacement: 'despite'
    fix: safe
    message: "'despite' takes no 'of'."
    examples: {bad: ["despite of the rain"], good: ["despite the rain"]}
  - id: warmtest.leave-a-reply
    kind: boilerplate
    patterns: ['leave a reply']
    message: "Comment widget."
    examples: {bad: ["Leave a Reply"], good: ["He left a reply."]}
"""

TEXTS = [
    "The minister arrived this Monday in Lima.\n\nLeave a Reply\n",
    "Talks resumed despite of the strikes, officials said.\n",
    "Nothing here calls for either rule.\n",
]


def _linter() -> Linter:
    return Linter(parse_pack(yaml.safe_load(PACK), "warmtest.yaml").rules)


def _compiled(linter: Linter) -> set[str]:
    return {
        c.rule.id
        for c in linter.checkers
        if getattr(c, "_pattern", None) is not None or getattr(c, "_patterns", None) is not None
    }


def test_a_rule_is_warmed_only_by_a_document_it_may_match_in() -> None:
    linter = _linter()
    assert linter.warm([make_document("a.txt", TEXTS[0])], 10.0) == 1
    assert _compiled(linter) == {"warmtest.this-day", "warmtest.leave-a-reply"}
    linter.warm([make_document("b.txt", TEXTS[1])], 10.0)
    assert "warmtest.despite-of" in _compiled(linter)


def test_warming_stops_at_its_time_limit() -> None:
    assert _linter().warm([make_document(f"{i}.txt", t) for i, t in enumerate(TEXTS)], 0.0) == 0


def test_warmed_patterns_travel_compiled_and_find_the_same() -> None:
    warmed = _linter()
    warmed.warm([make_document(f"{i}.txt", t) for i, t in enumerate(TEXTS)], 10.0)
    copy = pickle.loads(pickle.dumps(warmed))
    assert _compiled(copy) == _compiled(warmed) == {c.rule.id for c in warmed.checkers}
    cold = _linter()
    for i, text in enumerate(TEXTS):
        got = [(f.rule, f.offset, f.length) for f in copy.lint(make_document(f"{i}.txt", text))]
        assert got == [(f.rule, f.offset, f.length) for f in cold.lint(make_document(f"{i}.txt", text))]
    assert any(copy.lint(make_document("0.txt", TEXTS[0])))


@pytest.mark.slow
def test_the_shipped_rules_find_the_same_once_warmed() -> None:
    texts = [
        "This Tuesday the minister informed to the press that the talks, despite of the strikes, would go on.",
        "Leave a Reply\n\nYou may be interested in: more news\n\nThe army said to AFP that they participated the "
        "head of the mission in the meeting celebrated in Cairo. who also serves as envoy.",
        "Officials in Khan Yunis said the million and a half Palestinians sheltered. . In Gazawhich allows no aid.",
    ]
    docs = [make_document(f"{i}.txt", t) for i, t in enumerate(texts)]
    warmed = make_linter(Config())
    assert warmed.warm(docs, 30.0) == len(docs)
    warmed = pickle.loads(pickle.dumps(warmed))
    cold = make_linter(Config())
    for i, text in enumerate(texts):
        got = [f.to_json() for f in warmed.lint(make_document(f"{i}.txt", text))]
        assert got == [f.to_json() for f in cold.lint(make_document(f"{i}.txt", text))]
        assert got
