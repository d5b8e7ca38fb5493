"""The rules that need the spaCy model run in a helper process beside the others in a small run."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .document import Document
from .findings import Finding
from .lint import Linter, drop_deferred
from .parallel import bare_document

# Why: importing spaCy and loading its model take about a second, more than all the pattern rules of an
# article. In a pre-commit hook on one file that second was the whole wait; with a second core the model rules
# start in a forked helper while this process runs the pattern rules, and the two halves meet at the end.
# Large runs do not need this: --jobs spreads whole documents over the cores instead.

# the linter the forked helper inherits (set before the fork; never pickled)
_INHERITED: dict[str, Linter] = {}


def _model_part(doc: Document) -> tuple[list[tuple[Any, ...]], list[str]]:
    linter = _INHERITED["linter"]
    before = len(linter.notices)
    findings = linter.lint_part(doc, model=True)
    return [f.to_row() for f in findings], linter.notices[before:]


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class SplitLinter:
    """Lints like its Linter, with the model rules of each document run by a forked helper process.

    Same findings as Linter.lint: the two halves' findings are joined before the shared finishing step
    (deferring rules, filters, de-duplication), so nothing depends on which process found what.
    """

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self._executor: ProcessPoolExecutor | None = None

    @property
    def notices(self) -> list[str]:
        return self.linter.notices

    def _helper(self) -> ProcessPoolExecutor:
        if self._executor is None:
            _INHERITED["linter"] = self.linter
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        return self._executor

    def lint(self, doc: Document) -> list[Finding]:
        if not self.linter.uses_model_on(doc):
            return self.linter.lint(doc)
        future: Future[tuple[list[tuple[Any, ...]], list[str]]] = self._helper().submit(_model_part, bare_document(doc))
        plain = self.linter.lint_part(doc, model=False)
        rows, notices = future.result()
        for n in notices:
            if n not in self.linter.notices:
                self.linter.notices.append(n)
        found = plain + [Finding.from_row(r, doc.path) for r in rows]
        return self.linter.finish(doc, drop_deferred(self.linter.checkers, found))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
