"""Inline suppressions in Markdown/HTML comments and plain text, applied by the run's Linter filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.core.config import Config
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import make_linter
from lintnews.engine.suppress import suppression_filter
from lintnews.rules.rulepack import load_pack

PACK = r"""
pack: sup
defaults: {kind: regex, fix: none, severity: warning}
rules:
  - id: sup.weekday
    category: calque
    pattern: '\bthis Tuesday\b'
    message: "weekday"
    examples: {bad: ["this Tuesday"], good: ["on Tuesday"]}
  - id: sup.dots
    category: punctuation
    pattern: '\. \.'
    message: "dots"
    examples: {bad: ["a. ."], good: ["a."]}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    path = tmp_path_factory.mktemp("packs") / "sup.yaml"
    path.write_text(PACK, encoding="utf-8")
    return Linter(list(load_pack(path).rules), filters=[suppression_filter])


def found(linter: Linter, name: str, raw: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in linter.lint(make_document(name, raw))]


def test_disable_next_line_in_markdown(linter: Linter) -> None:
    raw = (
        "It came this Tuesday. .\n"
        "<!-- lintnews-disable-next-line sup.weekday -->\n"
        "\n"
        "It came this Tuesday. .\n"
        "It came this Tuesday.\n"
    )
    # the directive skips the blank line and covers only the named rule on the next line with text
    assert found(linter, "a.md", raw) == [(1, "sup.weekday"), (1, "sup.dots"), (4, "sup.dots"), (5, "sup.weekday")]


def test_region_by_category_and_enable(linter: Linter) -> None:
    raw = (
        "<p>one this Tuesday. .</p>\n"
        "<!-- lintnews-disable calque -->\n"
        "<p>two this Tuesday. .</p>\n"
        "<p>three this Tuesday. .</p>\n"
        "<!-- lintnews-enable -->\n"
        "<p>four this Tuesday. .</p>\n"
    )
    got = found(linter, "a.html", raw)
    assert got == [
        (1, "sup.weekday"),
        (1, "sup.dots"),
        (3, "sup.dots"),
        (4, "sup.dots"),
        (6, "sup.weekday"),
        (6, "sup.dots"),
    ]


def test_unclosed_disable_without_ids_runs_to_the_end(linter: Linter) -> None:
    raw = "First this Tuesday.\n<!-- lintnews-disable -->\nSecond this Tuesday. .\n\nThird. .\n"
    assert found(linter, "a.md", raw) == [(1, "sup.weekday")]


def test_plain_text_directive_lines_and_same_line_marker(linter: Linter) -> None:
    raw = (
        "lintnews-disable-next-line sup.dots, sup.weekday\n"
        "It came this Tuesday. .\n"
        "It came this Tuesday. . lintnews: ignore[sup.dots]\n"
        "It came this Tuesday. . lintnews: ignore\n"
        "It came this Tuesday. .\n"
    )
    assert found(linter, "a.txt", raw) == [(3, "sup.weekday"), (5, "sup.weekday"), (5, "sup.dots")]


def test_a_directive_for_another_rule_changes_nothing(linter: Linter) -> None:
    raw = "<!-- lintnews-disable-next-line punctuation.other -->\nIt came this Tuesday. .\n"
    assert found(linter, "a.md", raw) == [(2, "sup.weekday"), (2, "sup.dots")]


def test_the_run_linter_applies_suppressions(tmp_path: Path) -> None:
    pack = tmp_path / "sup.yaml"
    pack.write_text(PACK, encoding="utf-8")
    linter = make_linter(Config(select=("sup",)), [str(pack)])
    doc = make_document("a.md", "<!-- lintnews-disable-next-line -->\nIt came this Tuesday. .\nThis Tuesday. .\n")
    assert [(f.line, f.rule) for f in linter.lint(doc)] == [(3, "sup.dots")]
