"""The one way a document is linted: run the rules, stamp their hits, finish (filter, de-duplicate, sort)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from ..checkers import checker_class
from ..checkers.base import Checker, PatternTimeout
from ..core.document import Document
from ..core.errors import BackendUnavailable
from ..core.findings import Finding
from ..core.nlp import ModelUnavailable
from ..rules.rulepack import Rule, builtin_rules_dir
from ..speed.select import Selector
from .finish import FindingFilter, deferring_rules, drop_deferred, finish, merge_cross
from .stamp import stamp, stamp_hits

T = TypeVar("T")
# the rules of one document run and their hits stamped, not yet finished: Linter.lint_part, or a scheduler that
# runs part of them in another process (model_worker.SplitLinter.run_rules)
RunRules = Callable[[Document], list[Finding]]
# a document's findings, the notices its rules raised (a rule turned off, a timeout), and an internal error
Linted = tuple[list[Finding], list[str], str | None]


@dataclass
class Linter:
    """Holds one checker per enabled rule; lints documents one by one or as a corpus."""

    rules: Sequence[Rule]
    settings: Mapping[str, Any] = field(default_factory=dict)
    filters: list[FindingFilter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # rule id -> CPU seconds of this thread in its check and check_corpus, when set to a dict (benchmarks read it)
    timings: dict[str, float] | None = None

    def __post_init__(self) -> None:
        self._set_checkers([checker_class(r.kind)(r, self.settings) for r in self.rules if r.enabled])
        self._disabled: set[str] = set()
        # the selector of the rules' patterns, built on first use: its database is compiled once (a second and
        # a half for the shipped packs) and then loaded from the tables folder in milliseconds, where compiling
        # the patterns of every rule for one article would cost a third of a second on each run
        self._keys: Selector | None = None

    def _set_checkers(self, checkers: list[Checker]) -> None:
        self.checkers = checkers
        # positions of the rules that only read a title, and of those that use the model: the linter picks a
        # document's rules from them, and asking each checker cost a tenth of a second on 200,000 words
        self._title_only = frozenset(i for i, c in enumerate(checkers) if c.rule.scope == "title")
        self._model_users = frozenset(i for i, c in enumerate(checkers) if c.needs_parser)
        # the rules run apart from the others by a scheduler with a model helper (lint_part(model=True)): the model
        # users, and every rule sharing claims with one of them, so that the claims are made in one process in order
        claimers = frozenset(i for i, c in enumerate(checkers) if c.shares_claims)
        self._model_side = self._model_users | (claimers if claimers & self._model_users else frozenset())
        # asked of every document's findings: worked out here, not over all the checkers per document
        self._deferring = deferring_rules(checkers)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(_keys=None)  # sent apart (see keys) or rebuilt where it is used
        # the filters may be closures over the config, which do not pickle: whoever unpickles the rules (a worker,
        # the cache) sets its own; and the notices are this process's
        state.update(filters=[], notices=[], timings=None)
        return state

    def prepare(self) -> None:
        """Load (or compile) the selector of the rules' patterns and let each checker work out what it would on
        its first documents: a process that will fork workers does it once for all of them."""
        for c in self.checkers:
            c.prepare()
        if self._keys is None:
            self._keys = self._key_index()
        self._keys.load()

    def warm(self, docs: Sequence[Document], seconds: float) -> int:
        """Let the rules that may run on these documents compile what they would (Checker.warm), for at most
        about `seconds`; returns how many documents were gone through."""
        deadline = time.monotonic() + seconds
        keys = self._keys if self._keys is not None else self._key_index()
        done = 0
        for doc in docs:
            for checker in self._active(doc, keys.candidates(doc.text)):
                if checker.rule.id in self._disabled:
                    continue
                try:
                    checker.warm(doc)
                except Exception:
                    continue
                if time.monotonic() > deadline:
                    return done
            done += 1
        return done

    def _key_index(self) -> Selector:
        """The rules' patterns in two databases: the shipped packs' and the rest (house packs), so that editing
        a house pack recompiles only its own few patterns."""
        shipped = str(builtin_rules_dir())
        groups = ["shipped" if c.rule.path.startswith(shipped) else "house" for c in self.checkers]
        return Selector([c.document_pattern() for c in self.checkers], groups)

    def keys(self) -> Selector | None:
        """The selector of the rules' patterns, if built (see prepare)."""
        return self._keys

    def adopt_keys(self, keys: Selector | None) -> None:
        """Use a selector built by another process for these same rules (sent along with them)."""
        self._keys = keys

    def _candidates(self, doc: Document) -> set[int] | None:
        """The positions of the checkers that may find something in `doc`, or None for all of them."""
        if self._keys is None:
            self._keys = self._key_index()
        return self._keys.candidates(doc.text)

    @classmethod
    def of_checkers(cls, checkers: Sequence[Checker]) -> Linter:
        """A linter of checkers already set up elsewhere (sent to a helper process)."""
        linter = cls([])
        linter.rules = [c.rule for c in checkers]
        linter._set_checkers(list(checkers))
        return linter

    @property
    def uses_model(self) -> bool:
        return any(c.needs_parser for c in self.checkers)

    def _guarded(self, checker: Checker, where: str, run: Callable[[], Iterable[T]]) -> list[T]:
        """Run one rule; a missing model turns the rule off, a runaway pattern skips it for this input."""
        rid = checker.rule.id
        if rid in self._disabled:
            return []
        try:
            if self.timings is None:
                return list(run())
            started = time.thread_time()
            try:
                return list(run())
            finally:
                self.timings[rid] = self.timings.get(rid, 0.0) + time.thread_time() - started
        except (ModelUnavailable, BackendUnavailable) as e:
            self._disabled.add(rid)
            self.notices.append(f"rule {rid} is off: {e}")
        except TimeoutError as e:
            # checkers.base says where and for how long (a search covers one bounded piece of the text)
            why = str(e) if isinstance(e, PatternTimeout) else "its pattern ran too long (catastrophic backtracking?)"
            self.notices.append(f"{where}: rule {rid} stopped: {why}")
        return []

    def lint(self, doc: Document, run_rules: RunRules | None = None) -> list[Finding]:
        """The document's findings: its rules run and stamped (by `run_rules` when a scheduler spreads them over
        processes, else here), then finished. An internal error is raised; lint_documents keeps it instead."""
        found = (run_rules or self.lint_part)(doc)
        return self.finish(doc, drop_deferred(self._deferring, found))

    def uses_model_on(self, doc: Document) -> bool:
        """Whether a rule that runs on this document asks the spaCy model to parse some of it (its cue found a
        block worth parsing): where none does, the document is linted without the model being loaded."""
        checkers, users, disabled = self.checkers, self._model_users, self._disabled
        return any(
            checkers[i].parse_request(doc)[0]
            for i in self._active_ids(doc, self._candidates(doc))
            if i in users and checkers[i].rule.id not in disabled
        )

    def _active_ids(self, doc: Document, candidates: set[int] | None = None) -> list[int]:
        """The positions, in order, of the rules to run on `doc` (of the `candidates` only, when given)."""
        ids = range(len(self.checkers)) if candidates is None else sorted(candidates)
        if doc.meta.get("title_span"):
            return list(ids)
        title_only = self._title_only
        return [i for i in ids if i not in title_only]

    def _active(self, doc: Document, candidates: set[int] | None = None) -> list[Checker]:
        checkers = self.checkers
        return [checkers[i] for i in self._active_ids(doc, candidates)]

    def model_side(self) -> list[Checker]:
        """The rules a scheduler may run apart, in their order: those that use the model, and the rules that share
        claims with one of them."""
        return [c for i, c in enumerate(self.checkers) if i in self._model_side]

    def lint_part(self, doc: Document, model: bool | None = None) -> list[Finding]:
        """The stamped findings of all rules, or only of the model side (True: the rules that use the model and those
        sharing claims with them, see model_side) or of the rest (False); not yet filtered nor de-duplicated."""
        out: list[Finding] = []
        ids = self._active_ids(doc, self._candidates(doc))
        if model is not None:
            side = self._model_side
            ids = [i for i in ids if (i in side) == model]
        self._prefetch_ids([(doc, ids)])
        checkers = self.checkers
        active = [checkers[i] for i in ids]
        for checker in active:
            hits = self._guarded(checker, doc.path, partial(checker.check, doc))
            if hits:  # most rules find nothing in most documents: nothing to look up for stamping
                out.extend(stamp_hits(checker.rule, doc, hits))
        return out

    def prefetch(self, docs: Sequence[Document]) -> None:
        """Parse what the model rules will read in these documents, in one batch (see nlp.prefetch_many)."""
        self._prefetch_ids([(d, self._active_ids(d)) for d in docs])

    def _prefetch_ids(self, work: list[tuple[Document, list[int]]]) -> None:
        from ..core.nlp import prefetch_many

        # the blocks every model rule will read, parsed in one batch: one nlp.pipe call costs less than one per rule
        items = []
        checkers, users, disabled = self.checkers, self._model_users, self._disabled
        for doc, ids in work:
            requests = [
                checkers[i].prefetch_request(doc) for i in ids if i in users and checkers[i].rule.id not in disabled
            ]
            if requests:
                items.append((doc, requests))
        if items:
            try:
                prefetch_many(items)
            except ModelUnavailable:
                pass  # each rule that needs the model says so and turns itself off

    def finish(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        return finish(self.filters, doc, findings)

    def lint_corpus(self, docs: list[Document]) -> dict[str, list[Finding]]:
        """Lint each document, then run the checkers that compare documents with each other."""
        results = {d.path: self.lint(d) for d in docs}
        results.update(self.cross_document(docs, results))
        return results

    def corpus_cache_keys(self) -> tuple[str, ...]:
        """The doc.cache entries the cross-document rules read (see Checker.corpus_facts)."""
        return tuple(dict.fromkeys(k for c in self.checkers if c.cross_document for k in c.corpus_facts))

    def cross_document(self, docs: list[Document], results: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
        """The documents whose findings the cross-document rules change, with all their findings."""
        return merge_cross(self.filters, docs, results, self.cross_findings(docs))

    def cross_findings(self, docs: list[Document]) -> dict[str, list[Finding]]:
        """What the rules that compare documents find, per path, stamped but not yet filtered."""
        extra: dict[str, list[Finding]] = {}
        if len(docs) < 2:
            return extra
        for checker in self.checkers:
            if not checker.cross_document:
                continue
            for doc, hit in self._guarded(checker, "corpus", partial(checker.check_corpus, docs)):
                if 0 <= hit.start <= hit.end <= len(doc.text):
                    extra.setdefault(doc.path, []).append(stamp(checker.rule, doc, hit))
        return extra


def lint_documents(linter: Linter, docs: Sequence[Document], run_rules: RunRules | None = None) -> list[Linted]:
    """The one path every document takes, in this process, in a --jobs worker, beside the model helper or in a
    Dask task: Linter.lint on each, with the notices its rules raised and an internal error kept as its result.
    Run here, the model's parses of all the documents are made first in one batch (see nlp.prefetch_many)."""
    if run_rules is None and len(docs) > 1:
        try:
            linter.prefetch(docs)
        except Exception:  # each document then parses its own, and the error is reported if it recurs
            pass
    out: list[Linted] = []
    for doc in docs:
        before = len(linter.notices)
        try:
            findings = linter.lint(doc, run_rules)
        except Exception as e:  # a bug met on one document must not stop the others nor show a traceback
            name = str(doc.meta.get("file", doc.path))
            out.append(([], linter.notices[before:], f"{name}: internal error, file skipped: {e!r}"))
            continue
        out.append((findings, linter.notices[before:], None))
    return out
