"""A scheduler for a small run: the rules that need the spaCy model run in a helper process beside the others."""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from ..checkers.base import PARSE_BLOCKS
from ..core.document import Document
from ..core.findings import Finding
from ..engine.lint import Linted, Linter, lint_documents
from .parallel import bare_document

# Why: importing spaCy and loading its model take about a second, more than all the pattern rules of an
# article. In a pre-commit hook on one file that second was most of the wait. With a second core, a helper
# process forked at the first document that needs the model loads it while this one runs the pattern rules;
# the model rules then run in the helper and the two halves meet at the end. A document that needs no model
# rule (their cues find nothing to parse) forks nothing and imports no spaCy.
# Large runs do not need this: --jobs spreads whole documents over the cores instead.


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _serve(conn: Connection) -> None:
    """The helper: load the model at once, then lint the model part of each document it is sent."""
    from ..core import nlp

    try:
        nlp.model()
    except nlp.ModelUnavailable:
        pass  # each rule that needs it says so when it runs
    linter: Linter | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        kind, payload = message
        try:
            if kind == "rules":
                linter = Linter.of_checkers(payload)
                continue
            assert linter is not None
            before = len(linter.notices)
            rows = [f.to_row() for f in linter.lint_part(payload, model=True)]
            conn.send(("ok", (rows, linter.notices[before:])))
        except Exception as e:  # reported by the parent as that document's internal error
            conn.send(("error", repr(e)))


def _with_parse_requests(doc: Document) -> Document:
    """The document as sent to the helper, with the blocks the model rules' cues chose here (uses_model_on):
    the helper parses them without searching the cues again."""
    sent = bare_document(doc)
    sent.cache.update((k, v) for k, v in doc.cache.items() if k.startswith(PARSE_BLOCKS))
    return sent


class SplitLinter:
    """Runs each document's rules in two halves: the model rules in a forked helper, the others here.

    The document still takes the one path (lint.lint_documents): this only supplies its `run_rules` step, so
    the two halves' stamped findings are joined before the shared finishing (deferring rules, filters,
    de-duplication) and nothing depends on which process found what. If the helper dies, the model rules run
    here again for the rest of the run.
    """

    def __init__(self, linter: Linter | None = None) -> None:
        self._linter = linter
        self._conn: Connection | None = None
        self._process: BaseProcess | None = None
        self._rules_sent = False
        self._used = False
        self._broken = False

    def start(self) -> SplitLinter:
        """Fork the helper now, so the model loads while this process runs the other rules."""
        if self._process is None:
            ctx = multiprocessing.get_context("fork")
            self._conn, child = ctx.Pipe()
            self._process = ctx.Process(target=_serve, args=(child,), daemon=True, name="lintnews-model")
            self._process.start()
            child.close()
        return self

    def attach(self, linter: Linter) -> SplitLinter:
        self._linter = linter
        return self

    @property
    def linter(self) -> Linter:
        assert self._linter is not None, "attach() the run's linter first"
        return self._linter

    def lint(self, docs: list[Document]) -> list[Linted]:
        """The documents linted by the one path, their model rules run by the helper."""
        return lint_documents(self.linter, docs, self.run_rules)

    def run_rules(self, doc: Document) -> list[Finding]:
        """The stamped findings of all the rules that run on `doc`: the model rules' from the helper."""
        linter = self.linter
        if self._broken or not linter.uses_model_on(doc):
            return linter.lint_part(doc)
        self.start()
        assert self._conn is not None
        try:
            if not self._rules_sent:
                self._conn.send(("rules", linter.model_side()))
                self._rules_sent = True
            self._conn.send(("lint", _with_parse_requests(doc)))
            self._used = True
        except (OSError, ValueError):  # the helper is gone: lint here
            self._give_up()
            return linter.lint_part(doc)
        plain = linter.lint_part(doc, model=False)
        try:
            status, payload = self._conn.recv()
        except (EOFError, OSError):
            self._give_up()
            return plain + linter.lint_part(doc, model=True)
        if status != "ok":
            raise RuntimeError(f"model rules: {payload}")
        rows, notices = payload
        for n in notices:
            if n not in linter.notices:
                linter.notices.append(n)
        return plain + [Finding.from_row(r, doc.path) for r in rows]

    def _give_up(self) -> None:
        self._broken = True
        self.close()

    def close(self) -> None:
        if self._process is None:
            return
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
            conn.close()
        if not self._used:
            # never asked: it may still be loading the model, which nobody will wait for
            process.kill()
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()
