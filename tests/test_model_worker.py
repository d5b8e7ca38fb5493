"""Model rules in a forked helper process: the same findings and notices as one process, and only when useful."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.core.config import Config
from lintnews.core.document import Document
from lintnews.core.findings import Finding
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import select_rules
from lintnews.engine.runner import RunOptions, make_run
from lintnews.speed import model_worker
from lintnews.speed.model_worker import SplitLinter, fork_available

pytestmark = pytest.mark.skipif(not fork_available(), reason="needs fork()")

TEXT = (
    "The ministers has met in Cairo this Tuesday, despite of the protests.\n\n"
    "They says the talks will continue. The million and a half Palestinians wait.\n"
)


def _rows(findings: list) -> list[tuple]:
    return [f.to_row() for f in findings]


def _lint(split: SplitLinter, doc: Document) -> list[Finding]:
    """One document by the one path, its model rules in the helper; an internal error fails the test."""
    ((found, _notices, error),) = split.lint([doc])
    assert error is None, error
    return found


def test_same_findings_as_one_process() -> None:
    linter = Linter(select_rules(Config(select=("agreement", "calque-es", "punctuation"))))
    doc = make_document("a.txt", TEXT)
    expected = linter.lint(doc)
    assert any(f.rule.startswith("agreement.") for f in expected)
    assert any(f.rule.startswith("calque-es.") for f in expected)
    split = SplitLinter(Linter(select_rules(Config(select=("agreement", "calque-es", "punctuation")))))
    try:
        assert _rows(_lint(split, make_document("a.txt", TEXT))) == _rows(expected)
        assert split._used  # the model half did run in the helper
    finally:
        split.close()


def test_no_helper_without_model_rules() -> None:
    split = SplitLinter(Linter(select_rules(Config(select=("calque-es",)))))
    found = _lint(split, make_document("a.txt", TEXT))
    assert found and split._process is None and not split._used
    split.close()


def test_notices_from_the_helper_reach_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews.core import nlp

    def missing() -> None:
        raise nlp.ModelUnavailable("the spaCy model is not installed (test)")

    # patched before the fork: the helper inherits it
    monkeypatch.setattr(nlp, "model", missing)
    split = SplitLinter(Linter(select_rules(Config(select=("agreement", "calque-es")))))
    try:
        found = _lint(split, make_document("a.txt", TEXT))
        assert found and all(not f.rule.startswith("agreement.") for f in found)
        assert any("agreement." in n and "not installed" in n for n in split.linter.notices)
        n = len(split.linter.notices)
        _lint(split, make_document("b.txt", TEXT))
        assert len(split.linter.notices) == n  # each rule says it once
    finally:
        split.close()


@pytest.mark.parametrize(("jobs", "helper"), [(0, True), (1, False)])
def test_only_auto_jobs_uses_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, helper: bool
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    made: list[SplitLinter] = []
    real = model_worker.SplitLinter

    def spy() -> SplitLinter:
        made.append(real())
        return made[-1]

    monkeypatch.setattr("lintnews.speed.schedule.SplitLinter", spy)
    monkeypatch.setattr("lintnews.speed.schedule.cpu_count", lambda: 2)
    monkeypatch.setattr("lintnews.core.nlp.model_loaded", lambda: False)  # as in a fresh process
    run = make_run(Config(select=("agreement", "calque-es")), RunOptions(jobs=jobs))
    results = run.execute([str(tmp_path / "a.txt")])
    assert any(f.rule.startswith("agreement.") for f in results[0].findings)
    assert bool(made) == helper


def test_started_early_then_unused_is_stopped() -> None:
    split = SplitLinter().start()  # before the rules exist, as `check` does for a few files
    process = split._process
    assert process is not None and process.is_alive()
    split.attach(Linter(select_rules(Config(select=("calque-es",)))))
    assert _lint(split, make_document("a.txt", TEXT))
    split.close()
    assert not process.is_alive()


def test_a_dead_helper_falls_back_to_this_process() -> None:
    rules = Config(select=("agreement", "calque-es", "punctuation"))
    expected = Linter(select_rules(rules)).lint(make_document("a.txt", TEXT))
    split = SplitLinter(Linter(select_rules(rules))).start()
    assert split._process is not None
    split._process.kill()
    split._process.join()
    try:
        assert _rows(_lint(split, make_document("a.txt", TEXT))) == _rows(expected)
        assert _rows(_lint(split, make_document("a.txt", TEXT))) == _rows(expected)
    finally:
        split.close()


def test_the_helper_is_forked_only_for_a_document_that_needs_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plain.txt").write_text("The talks went on until late in the evening.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr("lintnews.speed.schedule.cpu_count", lambda: 2)
    monkeypatch.setattr("lintnews.core.nlp.model_loaded", lambda: False)  # as in a fresh process
    forked: list[SplitLinter] = []
    start = SplitLinter.start

    def counted(self: SplitLinter) -> SplitLinter:
        if self._process is None:
            forked.append(self)
        return start(self)

    monkeypatch.setattr(SplitLinter, "start", counted)
    cfg = Config(select=("agreement", "calque-es"))
    assert make_run(cfg, RunOptions(jobs=0)).execute([str(tmp_path / "plain.txt")])[0].findings == []
    assert forked == []  # no cue of a model rule in it: nothing forked
    results = make_run(cfg, RunOptions(jobs=0)).execute([str(tmp_path / "a.txt")])
    assert any(f.rule.startswith("agreement.") for f in results[0].findings)
    assert len(forked) == 1 and forked[0]._used and forked[0]._process is None  # used, then stopped


def test_rules_sharing_claims_with_a_model_rule_run_beside_it() -> None:
    """boilerplate.line-shape reads the lines boilerplate.caption-noun-phrase (a model rule) claimed as evidence: run
    in two processes, it must still see them, as in one."""
    path = Path(__file__).parent / "data" / "boilerplate_examples.txt"
    doc = make_document(str(path), path.read_text(encoding="utf-8"))
    cfg = Config(select=("boilerplate",))
    expected = Linter(select_rules(cfg)).lint(doc)
    rules = {f.rule for f in expected}
    assert {"boilerplate.caption-noun-phrase", "boilerplate.line-shape"} <= rules
    split = SplitLinter(Linter(select_rules(cfg)))
    try:
        side = {c.rule.id for c in split.linter.model_side()}
        assert {"boilerplate.caption-noun-phrase", "boilerplate.line-shape"} <= side
        assert "boilerplate.repeated-line" not in side  # shares no claims: it stays in this process
        assert _rows(_lint(split, make_document(str(path), path.read_text(encoding="utf-8")))) == _rows(expected)
    finally:
        split.close()
