"""The one lint path: lint_documents gives what Linter.lint gives, keeps a document's error to itself, and the
rules it runs travel to workers without the run's filters."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable

import pytest

from lintnews.core.document import Document
from lintnews.core.findings import Finding, Hit
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter, lint_documents
from lintnews.engine.suppress import suppression_filter
from lintnews.speed.schedule import InProcess

from .conftest import pack_linter

TEXTS = [
    "He came this Monday in colour.",
    "Nothing to see here.",
    "She left this Tuesday <!-- lintnews-disable-next-line -->\n\nin colour.",
]


def _rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [f.to_row() for f in findings]


def engine_linter() -> Linter:
    """The engine's test rules, with the suppression filter a run has."""
    linter = pack_linter()
    linter.filters = [suppression_filter]
    return linter


def _failing_on(path: str, check: Callable[[Document], Iterable[Hit]]) -> Callable[[Document], Iterable[Hit]]:
    def checked(doc: Document) -> Iterable[Hit]:
        if doc.path == path:
            raise ValueError("simulated bug")
        return check(doc)

    return checked


def test_lint_documents_is_linter_lint_per_document() -> None:
    linter = engine_linter()
    docs = [make_document(f"{i}.md", t) for i, t in enumerate(TEXTS)]
    expected = [_rows(linter.lint(d)) for d in docs]
    got = lint_documents(linter, docs)
    assert [_rows(f) for f, _, _ in got] == expected
    assert all(error is None for _, _, error in got)
    assert any(expected)


def test_a_failing_document_keeps_its_error_and_the_others_are_linted(monkeypatch: pytest.MonkeyPatch) -> None:
    linter = engine_linter()
    docs = [make_document(f"{i}.txt", t) for i, t in enumerate(TEXTS)]
    expected = [_rows(linter.lint(d)) for d in docs]
    for c in linter.checkers:
        monkeypatch.setattr(c, "check", _failing_on("1.txt", c.check))
    got = lint_documents(linter, docs)
    assert got[1][0] == [] and got[1][2] is not None
    assert "1.txt: internal error, file skipped" in got[1][2] and "simulated bug" in got[1][2]
    assert [_rows(got[i][0]) for i in (0, 2)] == [expected[0], expected[2]]


def test_a_scheduler_may_supply_the_rule_run_and_the_finish_is_the_same() -> None:
    linter = engine_linter()
    doc = make_document("a.md", TEXTS[2])
    calls: list[str] = []

    def run_rules(d: Document) -> list[Finding]:
        calls.append(d.path)
        return linter.lint_part(d)

    ((found, _, error),) = lint_documents(linter, [doc], run_rules)
    assert calls == ["a.md"] and error is None
    # the suppression filter ran on the supplied findings as on Linter.lint's own: 'colour' is suppressed
    assert _rows(found) == _rows(linter.lint(doc))
    assert {f.rule for f in found} == {"enginetest.this-day"}
    assert "enginetest.colour" in {f.rule for f in linter.lint_part(doc)}


def test_pickled_rules_leave_the_filters_and_notices_behind() -> None:
    linter = engine_linter()
    linter.notices.append("a notice of this process")
    assert suppression_filter in linter.filters
    copy = pickle.loads(pickle.dumps(linter))
    assert copy.filters == [] and copy.notices == []
    assert linter.filters and linter.notices  # the original keeps its own
    copy.filters = list(linter.filters)
    doc = make_document("a.md", TEXTS[2])
    assert _rows(copy.lint(doc)) == _rows(linter.lint(doc))


def test_in_process_scheduler_passes_cache_hits_through_in_order() -> None:
    linter = engine_linter()
    docs = [make_document(f"{i}.txt", t) for i, t in enumerate(TEXTS * 4)]
    asked: list[int] = []

    def rules() -> Linter:
        asked.append(1)
        return linter

    hit: tuple[list[Finding], list[str], None] = ([], ["cached"], None)
    assert [d.path for d, _ in InProcess(rules).lint([(d, hit) for d in docs])] == [d.path for d in docs]
    assert asked == []  # every document a cache hit: the rules are never built
    items = [(d, hit if i % 3 == 0 else None) for i, d in enumerate(docs)]
    out = list(InProcess(rules).lint(items))
    assert [d.path for d, _ in out] == [d.path for d in docs]
    assert all(linted is hit for (_, linted), (_, done) in zip(out, items, strict=True) if done is not None)
    fresh = [linted for (_, linted), (_, done) in zip(out, items, strict=True) if done is None]
    assert [_rows(f) for f, _, _ in fresh] == [_rows(linter.lint(d)) for d, done in items if done is None]
    assert any(f for f, _, _ in fresh)


def test_timings_name_each_rule_that_ran_and_leave_the_findings_alone() -> None:
    plain, timed = engine_linter(), engine_linter()
    timed.timings = {}
    docs = [make_document(f"t{i}.md", t) for i, t in enumerate(TEXTS)]
    assert [_rows(timed.lint(d)) for d in docs] == [_rows(plain.lint(d)) for d in docs]
    assert plain.timings is None
    ran = {c.rule.id for d in docs for c in timed._active(d, timed._candidates(d))}
    assert ran and set(timed.timings) == ran
    assert all(seconds >= 0.0 for seconds in timed.timings.values())
    assert pickle.loads(pickle.dumps(timed)).timings is None  # this process's figures, like its notices
