"""Every shipped rule's message, rendered on its own bad examples, is finished prose: no `{field}` left over."""

from __future__ import annotations

import re

import pytest

from lintnews.checkers import checker_class
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import Rule, collect_pack_paths, load_packs

RULES = [
    r
    for p in load_packs(collect_pack_paths())
    for r in p.rules
    if r.bad and not getattr(checker_class(r.kind), "needs_backend", False)
]
# a template field str.format would fill: {name}, {0}, {name|filter}, {name!r}, {name:spec}
LEFTOVER = re.compile(r"\{[\w.|!:\[\]]*\}")


def _param(rule: Rule) -> object:
    slow = [pytest.mark.slow] if Linter([rule]).uses_model else []
    return pytest.param(rule, id=rule.id, marks=slow)


@pytest.mark.parametrize("rule", [_param(r) for r in RULES])
def test_message_has_no_leftover_placeholders(rule: Rule) -> None:
    linter = Linter([rule])
    messages = [
        f.message for ex in rule.bad for f in linter.lint(make_document("example.txt", ex.text)) if f.rule == rule.id
    ]
    assert messages, f"{rule.id}: no finding on its bad examples"
    assert [m for m in messages if LEFTOVER.search(m)] == []


def _message(rule_id: str, text: str) -> str:
    (rule,) = [r for r in RULES if r.id == rule_id]
    (finding,) = [f for f in Linter([rule]).lint(make_document("a.txt", text)) if f.rule == rule_id]
    return finding.message


@pytest.mark.parametrize(
    ("text", "day"),
    [("Talks began this Monday in Lima.", "Monday"), ("Talks ended this Thursday in Lima.", "Thursday")],
)
def test_this_weekday_names_the_day_the_text_has(text: str, day: str) -> None:
    msg = _message("calque-es.this-weekday", text)
    assert f"'this {day}'" in msg and f"'on {day}'" in msg
    # not one Spanish weekday for every day of the week
    assert not re.search(r"\b(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b", msg)


def test_space_before_mark_names_the_mark() -> None:
    assert _message("punctuation.space-before-mark", "Who won ? Nobody knows.").startswith("Space before '?':")
    assert _message("punctuation.space-before-mark", "It was a victory ; a rare one.").startswith("Space before ';':")
