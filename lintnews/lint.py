"""Run the rules over documents: check, stamp findings, filter, de-duplicate and sort."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from .checkers import checker_class
from .checkers.base import _TEMPLATE_FIELD as TEMPLATE_FIELD
from .checkers.base import FILTERS, Checker, PatternTimeout
from .document import Document
from .errors import BackendUnavailable
from .findings import Applicability, Edit, Finding, Fix, Hit
from .nlp import ModelUnavailable
from .rulepack import Rule, builtin_rules_dir
from .speed.select import Selector

T = TypeVar("T")
FindingFilter = Callable[[Document, list[Finding]], list[Finding]]


def format_message(template: str, fields: dict[str, str]) -> str:
    """Fill a rule's message the way its replacement is filled ({name}, {0}, {name|filter}), so one template
    language serves both; a field the hit lacks stays as written (the message test finds it), never an error."""

    def sub(m: re.Match[str]) -> str:
        value = fields.get(m.group(1))
        filters = m.group(2).split("|")[1:]
        if value is None or any(f not in FILTERS for f in filters):
            return m.group(0)
        for f in filters:
            value = FILTERS[f](value)
        return value

    return TEMPLATE_FIELD.sub(sub, template)


def stamp(rule: Rule, doc: Document, hit: Hit) -> Finding:
    """Turn a checker's hit into a finding: id, category, severity, message, position and fix."""
    start, end = hit.start, hit.end
    matched = doc.raw[start:end]
    fields = {"match": matched, **dict(hit.params)}
    message = hit.message or format_message(rule.message, fields)
    fix = None
    edits = list(hit.edits)
    if hit.replacement is not None and hit.replacement != matched:
        edits.append(Edit(start, end - start, hit.replacement))
    applicability = hit.applicability
    if applicability is None and rule.fix != "none":
        applicability = Applicability(rule.fix)
    if edits and applicability is not None:
        fix = Fix(applicability, tuple(sorted(edits)))
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Finding(
        path=doc.path,
        rule=rule.id,
        category=hit.category or rule.category,
        severity=hit.severity or rule.severity,
        message=message,
        offset=start,
        length=end - start,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        suggestions=hit.suggestions,
        fix=fix,
        source=rule.source,
    )


@dataclass
class Linter:
    """Holds one checker per enabled rule; lints documents one by one or as a corpus."""

    rules: Sequence[Rule]
    settings: Mapping[str, Any] = field(default_factory=dict)
    filters: list[FindingFilter] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

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

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(_keys=None)  # sent apart (see keys) or rebuilt where it is used
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
            return list(run())
        except (ModelUnavailable, BackendUnavailable) as e:
            self._disabled.add(rid)
            self.notices.append(f"rule {rid} is off: {e}")
        except TimeoutError as e:
            # checkers.base says where and for how long (a search covers one bounded piece of the text)
            why = str(e) if isinstance(e, PatternTimeout) else "its pattern ran too long (catastrophic backtracking?)"
            self.notices.append(f"{where}: rule {rid} stopped: {why}")
        return []

    def lint(self, doc: Document) -> list[Finding]:
        return self.finish(doc, drop_deferred(self.checkers, self.lint_part(doc)))

    def uses_model_on(self, doc: Document) -> bool:
        """Whether any rule that would run on this document needs the spaCy model."""
        return any(c.needs_parser and c.rule.id not in self._disabled for c in self._active(doc))

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

    def lint_part(self, doc: Document, model: bool | None = None) -> list[Finding]:
        """The stamped findings of all rules, or only of those that use the model (True) or do not (False);
        not yet filtered nor de-duplicated (see finish)."""
        out: list[Finding] = []
        ids = self._active_ids(doc, self._candidates(doc))
        if model is not None:
            users = self._model_users
            ids = [i for i in ids if (i in users) == model]
        self._prefetch_ids([(doc, ids)])
        checkers = self.checkers
        active = [checkers[i] for i in ids]
        for checker in active:
            hits = self._guarded(checker, doc.path, partial(checker.check, doc))
            out.extend(stamp(checker.rule, doc, h) for h in hits if 0 <= h.start <= h.end <= len(doc.text))
        return out

    def prefetch(self, docs: Sequence[Document]) -> None:
        """Parse what the model rules will read in these documents, in one batch (see nlp.prefetch_many)."""
        self._prefetch_ids([(d, self._active_ids(d)) for d in docs])

    def _prefetch_ids(self, work: list[tuple[Document, list[int]]]) -> None:
        from .nlp import prefetch_many

        # the blocks every model rule will read, parsed in one batch: one nlp.pipe call costs less than one per rule
        items = []
        checkers, users, disabled = self.checkers, self._model_users, self._disabled
        for doc, ids in work:
            requests = [
                checkers[i].parse_request(doc) for i in ids if i in users and checkers[i].rule.id not in disabled
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


def finish(filters: Sequence[FindingFilter], doc: Document, findings: list[Finding]) -> list[Finding]:
    """A document's findings filtered (suppressions, per-file ignores), de-duplicated and sorted."""
    for f in filters:
        findings = f(doc, findings)
    return dedupe(findings)


def merge_cross(
    filters: Sequence[FindingFilter],
    docs: list[Document],
    results: dict[str, list[Finding]],
    extra: dict[str, list[Finding]],
) -> dict[str, list[Finding]]:
    """Each document the cross-document pass found something in, with its own findings and those, finished."""
    by_path = {d.path: d for d in docs}
    return {p: finish(filters, by_path[p], results.get(p, []) + fs) for p, fs in extra.items() if p in by_path}


def drop_deferred(checkers: Sequence[Checker], findings: list[Finding]) -> list[Finding]:
    """Drop findings of rules that defer (an external backend) where another rule already reported."""
    deferring = {c.rule.id for c in checkers if c.defer_to_other_rules}
    if not deferring:
        return findings
    own = [f for f in findings if f.rule not in deferring]
    return own + [
        f
        for f in findings
        if f.rule in deferring
        and not any(o.offset < max(f.end, f.offset + 1) and f.offset < max(o.end, o.offset + 1) for o in own)
    ]


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span; and one per artifact when packs of one category report it twice."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.rule, f.offset, f.length)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return _merge_across_packs(out)


def _pack(f: Finding) -> str:
    return f.rule.split(".", 1)[0]


def _rank(f: Finding) -> tuple[int, int, int]:
    fix = 0 if f.fix is None else (2 if f.fix.applicability.value == "safe" else 1)
    return (int(f.severity), fix, f.length)


def _merge_across_packs(findings: list[Finding]) -> list[Finding]:
    """Calques shared by Romance languages sit in several language packs: with no --language, an artifact
    found by two packs of the same category would be reported twice. Keep the better of two findings
    that share most of their span (the higher severity, then one with a fix, then the longer span)."""
    dropped: set[int] = set()
    for i, a in enumerate(findings):
        if i in dropped:
            continue
        for j in range(i + 1, len(findings)):
            b = findings[j]
            if b.offset >= a.end:
                break
            if j in dropped or b.category != a.category or _pack(a) == _pack(b):
                continue
            shared = min(a.end, b.end) - max(a.offset, b.offset)
            if shared <= 0 or shared * 2 < min(a.length, b.length):
                continue
            if _rank(b) > _rank(a):
                dropped.add(i)
                break
            dropped.add(j)
    return [f for k, f in enumerate(findings) if k not in dropped]
