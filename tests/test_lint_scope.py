"""Which rules the linter runs on a document: `scope: title` rules only where the document has a title."""

from __future__ import annotations

import yaml

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import parse_pack

PACK = r"""
pack: scopetest
defaults: {category: calque, severity: info}
rules:
  - id: scopetest.in-title
    kind: regex
    scope: title
    pattern: '\bthis Tuesday\b'
    message: "In a title."
    examples: {bad: ["this Tuesday"], good: ["on Tuesday"]}
  - id: scopetest.anywhere
    kind: regex
    pattern: '\bthis Tuesday\b'
    message: "Anywhere."
    examples: {bad: ["this Tuesday"], good: ["on Tuesday"]}
"""

TITLED = "---\ntitle: Talks end this Tuesday\n---\n\nThe talks end this Tuesday.\n"


def _rules(linter: Linter, path: str, text: str) -> set[str]:
    return {f.rule for f in linter.lint(make_document(path, text))}


def test_a_title_rule_runs_only_on_a_document_with_a_title() -> None:
    linter = Linter(parse_pack(yaml.safe_load(PACK), "scopetest.yaml").rules)
    assert _rules(linter, "a.md", TITLED) == {"scopetest.in-title", "scopetest.anywhere"}
    assert _rules(linter, "a.txt", "The talks end this Tuesday.\n") == {"scopetest.anywhere"}
    # the second document onwards goes through the rules' key index: the same choice
    for _ in range(2):
        assert _rules(linter, "b.txt", "Talks end this Tuesday.\n") == {"scopetest.anywhere"}
        assert _rules(linter, "b.md", TITLED) == {"scopetest.in-title", "scopetest.anywhere"}


def test_the_model_part_and_the_rest_make_up_the_whole() -> None:
    linter = Linter(parse_pack(yaml.safe_load(PACK), "scopetest.yaml").rules)
    doc = make_document("a.md", TITLED)
    assert linter.lint_part(doc, model=True) == []
    assert {f.rule for f in linter.lint_part(make_document("a.md", TITLED), model=False)} == {
        "scopetest.in-title",
        "scopetest.anywhere",
    }
