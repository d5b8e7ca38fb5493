"""The lint engine keeps one finding per artifact when two packs of one category report it."""

from __future__ import annotations

from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity
from lintnews.engine.finish import dedupe


def finding(rule: str, offset: int, length: int, *, category: str = "calque", fix: bool = False) -> Finding:
    return Finding(
        path="a.txt",
        rule=rule,
        category=category,
        severity=Severity.WARNING,
        message="m",
        offset=offset,
        length=length,
        line=1,
        column=offset + 1,
        end_line=1,
        end_column=offset + length + 1,
        fix=Fix(Applicability.SAFE, (Edit(offset, length, "x"),)) if fix else None,
    )


def test_same_artifact_from_two_packs_is_reported_once() -> None:
    es = finding("calque-es.since-duration", 10, 5)
    fr = finding("calque-fr.since-duration", 10, 15, fix=True)
    assert dedupe([es, fr]) == [fr]


def test_different_categories_and_same_pack_are_kept() -> None:
    a = finding("calque-es.a", 10, 5)
    b = finding("calque-es.b", 10, 5)
    c = finding("grammar.c", 10, 5, category="grammar")
    assert len(dedupe([a, b, c])) == 3


def test_neighbouring_findings_are_kept() -> None:
    a = finding("calque-es.a", 0, 10)
    b = finding("calque-fr.b", 9, 10)
    assert len(dedupe([a, b])) == 2


def test_identical_rule_and_span_collapse() -> None:
    a = finding("calque-es.a", 3, 4)
    assert dedupe([a, a]) == [a]
