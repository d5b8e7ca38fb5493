"""Every example of every shipped rule is a test: bad ones are found (and fixed as written), good ones are not."""

from __future__ import annotations

import pytest

from lintnews.engine.lint import Linter
from lintnews.rules.examples import bad_example_problem, good_example_problem, linter_for, needs_backend
from lintnews.rules.rulepack import Rule, collect_pack_paths, load_packs

# Rules whose checker needs an external backend (a LanguageTool server) have their examples run by that
# checker's own tests, against a local stand-in server.
RULES = [r for p in load_packs(collect_pack_paths()) for r in p.rules if not needs_backend(r)]
_LINTERS: dict[str, Linter] = {}


def _linter(rule: Rule) -> Linter:
    if rule.id not in _LINTERS:
        _LINTERS[rule.id] = linter_for(rule)
    return _LINTERS[rule.id]


BAD = [pytest.param(r, i, id=f"{r.id}[bad{i}]") for r in RULES for i in range(len(r.bad))]
GOOD = [pytest.param(r, i, id=f"{r.id}[good{i}]") for r in RULES for i in range(len(r.good))]


@pytest.mark.parametrize(("rule", "i"), BAD)
def test_bad_example_is_found(rule: Rule, i: int) -> None:
    problem = bad_example_problem(_linter(rule), rule, i)
    assert problem is None, f"{rule.id}: {problem}"


@pytest.mark.parametrize(("rule", "i"), GOOD)
def test_good_example_is_clean(rule: Rule, i: int) -> None:
    problem = good_example_problem(_linter(rule), rule, i)
    assert problem is None, f"{rule.id}: {problem}"
