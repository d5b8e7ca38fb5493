"""Run a rule's examples as tests: each bad one must be found (and fixed as written), each good one must not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.sources import make_document
from ..engine.fix import fix_text
from ..engine.lint import Linter
from .kinds import checker_class
from .rulepack import Rule

EXAMPLE_PATH = "example.txt"


@dataclass(frozen=True)
class ExampleFailure:
    """One example that does not behave as its rule says."""

    rule: Rule
    which: str  # "bad 1", "good 2": the example's place in its list, from 1
    problem: str

    def line(self) -> str:
        return f"{self.rule.path}:{self.rule.line}: {self.rule.id}: {self.which}: {self.problem}"


def needs_backend(rule: Rule) -> bool:
    """True for a rule whose checker asks an outside server (LanguageTool): its examples need that server."""
    return checker_class(rule.kind).needs_backend


def linter_for(rule: Rule) -> Linter:
    # a rule switched off in its pack is still tested: its examples are its documentation
    return Linter([dataclasses.replace(rule, enabled=True)])


def bad_example_problem(linter: Linter, rule: Rule, i: int) -> str | None:
    """Why bad example i of the rule fails (not found, or fixed to another text); None when it passes."""
    ex = rule.bad[i]
    linter.notices.clear()
    found = linter.lint(make_document(EXAMPLE_PATH, ex.text))
    if linter.notices:
        return "; ".join(linter.notices)
    if not any(f.rule == rule.id for f in found):
        return f"not found: {ex.text!r}"
    if ex.fixed is not None:
        result = fix_text(ex.text, lambda t: linter.lint(make_document(EXAMPLE_PATH, t)), unsafe=True)
        if result.text != ex.fixed:
            return f"fixed to {result.text!r}, expected {ex.fixed!r}"
    return None


def good_example_problem(linter: Linter, rule: Rule, i: int) -> str | None:
    """Why good example i of the rule fails (the rule flags it); None when it passes."""
    text = rule.good[i]
    linter.notices.clear()
    found = [f for f in linter.lint(make_document(EXAMPLE_PATH, text)) if f.rule == rule.id]
    if linter.notices:
        return "; ".join(linter.notices)
    if found:
        return f"flagged {text[found[0].offset : found[0].offset + found[0].length]!r} in {text!r}"
    return None


def example_failures(rules: Iterable[Rule]) -> Iterator[ExampleFailure]:
    """Every failing example of the rules, in their order (rules needing a backend excluded by the caller)."""
    for rule in rules:
        linter = linter_for(rule)
        for i in range(len(rule.bad)):
            problem = bad_example_problem(linter, rule, i)
            if problem:
                yield ExampleFailure(rule, f"bad {i + 1}", problem)
        for i in range(len(rule.good)):
            problem = good_example_problem(linter, rule, i)
            if problem:
                yield ExampleFailure(rule, f"good {i + 1}", problem)
