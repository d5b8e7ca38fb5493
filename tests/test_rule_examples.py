"""Every example of every shipped rule is a test: bad ones are found (and fixed as written), good ones are not."""

from __future__ import annotations

import pytest

from lintnews.checkers import checker_class
from lintnews.fix import fix_text
from lintnews.lint import Linter
from lintnews.rulepack import Rule, collect_pack_paths, load_packs
from lintnews.sources import make_document

# Rules whose checker needs an external backend (a LanguageTool server) have their examples run by that
# checker's own tests, against a local stand-in server.
RULES = [
    r
    for p in load_packs(collect_pack_paths())
    for r in p.rules
    if not getattr(checker_class(r.kind), "needs_backend", False)
]
BAD = [pytest.param(r, i, id=f"{r.id}[bad{i}]") for r in RULES for i in range(len(r.bad))]
GOOD = [pytest.param(r, i, id=f"{r.id}[good{i}]") for r in RULES for i in range(len(r.good))]
_LINTERS: dict[str, Linter] = {}


def linter_for(rule: Rule) -> Linter:
    if rule.id not in _LINTERS:
        _LINTERS[rule.id] = Linter([rule])
    return _LINTERS[rule.id]


def _marks(rule: Rule) -> list[pytest.MarkDecorator]:
    return [pytest.mark.slow] if linter_for(rule).uses_model else []


@pytest.mark.parametrize(("rule", "i"), BAD)
def test_bad_example_is_found(rule: Rule, i: int) -> None:
    ex = rule.bad[i]
    linter = linter_for(rule)
    findings = linter.lint(make_document("example.txt", ex.text))
    assert not linter.notices, linter.notices
    assert any(f.rule == rule.id for f in findings), f"{rule.id} did not flag: {ex.text!r}"
    if ex.fixed is not None:
        result = fix_text(ex.text, lambda t: linter.lint(make_document("example.txt", t)), unsafe=True)
        assert result.text == ex.fixed


@pytest.mark.parametrize(("rule", "i"), GOOD)
def test_good_example_is_clean(rule: Rule, i: int) -> None:
    linter = linter_for(rule)
    findings = linter.lint(make_document("example.txt", rule.good[i]))
    assert not linter.notices, linter.notices
    assert [f for f in findings if f.rule == rule.id] == [], f"{rule.id} flagged a good example: {rule.good[i]!r}"
