"""One lint run: each source read, its documents given to a scheduler (which lints them by the one path), or
fixed; the results in input order, then the cross-document pass."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..core.config import Config, check_names
from ..core.document import WORD_COUNT, Document
from ..core.findings import Finding
from ..core.sources import Source, Unread, is_jsonl, read_documents, sources_in
from ..speed import pattern_store
from ..speed.cache import Cache, tables_dir
from ..speed.parallel import Pool
from ..speed.result_cache import FindingsCache
from ..speed.schedule import InProcess, Item, jobs_for, may_split
from .finish import merge_cross
from .lint import Linted, Linter
from .results import FileResult, article_findings
from .ruleset import linter_filters, make_linter, rule_catalog, rules_key


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_text: str | None = None
    stdin_name: str = "-"
    # worker processes; 0 means auto (see schedule.AUTO_JOBS_MIN_FILES). --fix and --diff run in one process.
    jobs: int = 1
    # the content-hash cache folder; None: no cache
    cache_dir: Path | None = None
    # JSON Lines archives read line by line and each result handed over as it is ready (Run.iter_results)
    stream: bool = False
    # told of each result as execute() gets it (a progress bar)
    on_result: Callable[[FileResult], object] | None = None


class Run:
    """One run over some paths. The linter is built (or unpickled from the cache) on first use only: a
    re-run over unchanged files answers from the findings cache without loading a single rule."""

    def __init__(
        self,
        linter: Linter | Callable[[], Linter],
        cfg: Config,
        opts: RunOptions,
        cache: Cache | None = None,
        rules_key: str = "",
    ) -> None:
        self._linter = linter if isinstance(linter, Linter) else None
        self._make_linter = linter if not isinstance(linter, Linter) else None
        self.cfg = cfg
        self.opts = opts
        self.results: list[FileResult] = []
        self.notices: list[str] = []
        # one copy of each text the findings of the run repeat (see share_strings)
        self._strings: dict[object, object] = {}
        # what the findings of a document depend on besides its text: the code, the rule packs, the config
        self.findings_cache = FindingsCache(cache, rules_key, cfg) if cache is not None and rules_key else None

    def _may_split(self) -> bool:
        return may_split(self.opts.jobs, self.opts.fix or self.opts.diff)

    @property
    def linter(self) -> Linter:
        if self._linter is None:
            assert self._make_linter is not None
            self._linter = self._make_linter()
        return self._linter

    def _adopt_linter(self, linter: Linter) -> None:
        """Take rules a pool loaded in a child process as this run's own (the cross-document pass uses them)."""
        linter.filters = linter_filters(self.cfg)
        self._linter = linter

    def linter_notices(self) -> list[str]:
        """What the rules reported (a rule turned off, a runaway pattern); none if no rule was needed."""
        return self._linter.notices if self._linter is not None else []

    def sources(self, paths: Sequence[str]) -> Iterator[tuple[Source, Path | None]]:
        """The sources to read, each with the tree a symlink's target must lie in (see sources.sources_in)."""
        return sources_in(paths, self.cfg, self.notices)

    def _scheduler(self, sources: Sequence[Source]) -> Pool | InProcess:
        """--jobs workers for many documents; else this process, with the model helper in a small run."""
        jobs = jobs_for(self.opts.jobs, sources)
        if jobs > 1:
            # the default rule set has rules that need the spaCy model: it is loaded before the workers fork
            filters = partial(linter_filters, self.cfg)
            return Pool(lambda: self.linter, jobs, filters, not self.cfg.select, self._adopt_linter)
        return InProcess(lambda: self.linter, split_ok=self._may_split())

    def iter_results(self, paths: Sequence[str]) -> Iterator[FileResult]:
        """Lint (no fixing) every document, in input order, one result at a time: nothing is held back, so a
        caller that drops each result lints an archive of any size in bounded memory. No cross-document pass."""
        sources = [s for s, _ in self.sources(paths)]
        # input errors are not documents: each waits with the number of documents read before it
        pending: deque[tuple[int, FileResult]] = deque()
        hits: set[int] = set()
        read = read_documents(sources, self.cfg, self.opts.stdin_text, self.opts.stdin_name, self.opts.stream)
        items = self._with_cache(read, pending, hits)
        # a run of files has as many documents as sources (an archive holds many, stdin may be one of them)
        known = all(not s.stdin and not is_jsonl(s.path) for s in sources)
        with closing(self._scheduler(sources)) as scheduler:
            for done_docs, (doc, linted) in enumerate(scheduler.lint(items, len(sources) if known else None)):
                while pending and pending[0][0] <= done_docs:
                    yield pending.popleft()[1]
                hit = id(doc) in hits
                hits.discard(id(doc))
                yield self._result(doc, linted, hit)
            while pending:
                yield pending.popleft()[1]

    def _with_cache(
        self, read: Iterable[Document | Unread], pending: deque[tuple[int, FileResult]], hits: set[int]
    ) -> Iterator[Item]:
        """The documents read, each with its findings if the cache has them; what could not be read is
        put in `pending` with the number of documents before it."""
        count = 0
        for item in read:
            if isinstance(item, Unread):
                pending.append((count, FileResult(item.path, error=item.error, file=item.file)))
                continue
            count += 1
            found = self.findings_cache.get(item) if self.findings_cache is not None else None
            if found is not None:
                hits.add(id(item))
            yield item, found

    def _result(self, doc: Document, linted: Linted, hit: bool) -> FileResult:
        findings, notices, error = linted
        self.notices.extend(notices)
        share_strings(findings, self._strings)
        self._drop_caches(doc)
        if not hit and self.findings_cache is not None:
            self.findings_cache.put(doc, linted)
        meta = doc.meta
        if "article" in meta:
            r = FileResult(doc.path, findings, doc=doc, file=str(meta["file"]), article=str(meta["article"]))
        else:
            r = FileResult(doc.path, findings, doc=doc)
        if error:
            r.findings, r.doc, r.error = [], None, error
        return r

    def _drop_caches(self, doc: Document) -> None:
        """Leave on a document linted in this process only what a worker sends back with it (the cross-document
        facts, the word count): its parses, lines and sentences, kept to the end of the run, made the memory of a
        run in one process grow with every document."""
        if self._linter is None:  # nothing linted here: a cache hit's document holds only what its reading made
            return
        keep = {*self._linter.corpus_cache_keys(), WORD_COUNT}
        cache = doc.cache
        for k in [k for k in cache if k not in keep]:
            del cache[k]

    def _cross_findings(self, docs: list[Document]) -> dict[str, list[Finding]]:
        if self.findings_cache is None:
            return self.linter.cross_findings(docs)
        return self.findings_cache.cross_findings(lambda: self.linter, docs)

    def execute(self, paths: Sequence[str]) -> list[FileResult]:
        if self.opts.fix or self.opts.diff:
            self._execute_fixing(paths)
        else:
            for r in self.iter_results(paths):
                self.results.append(r)
                if self.opts.on_result is not None:
                    self.opts.on_result(r)
        docs = [r.doc for r in self.results if r.doc is not None and r.error is None]
        if len(docs) > 1 and not self.opts.fix:
            current = {r.path: r.findings for r in self.results}
            updated = merge_cross(linter_filters(self.cfg), docs, current, self._cross_findings(docs))
            for r in self.results:
                if r.path in updated:
                    r.findings = updated[r.path]
        for r in self.results:
            article_findings(r)
        return self.results

    def _execute_fixing(self, paths: Sequence[str]) -> None:
        from .fix_file import FileFixer  # only --fix and --diff re-lint fixed text

        opts = self.opts
        fixer = FileFixer(
            lambda: self.linter, self.cfg, opts.unsafe_fixes, opts.diff, self.notices, opts.stdin_text, opts.stdin_name
        )
        for source, tree in self.sources(paths):
            try:
                if not source.stdin and is_jsonl(source.path):
                    done = fixer.process_jsonl(source)
                else:
                    done = [fixer.process(source, tree)]
            except Exception as e:  # a bug met on one file must not stop the others nor show a traceback
                name = opts.stdin_name if source.stdin else source.path
                done = [FileResult(name, error=f"{name}: internal error, file skipped: {e!r}")]
            self.results.extend(done)
            if opts.on_result is not None:
                for r in done:
                    opts.on_result(r)


# the fields of a finding that many findings of a run repeat: its file, its rule's id, category and source, a
# message, the suggestions
_SHARED = ("path", "rule", "category", "source", "message", "suggestions")


def share_strings(findings: list[Finding], strings: dict[object, object]) -> None:
    """Make the findings of a run hold one copy of each repeated text. A worker's batch of documents comes back
    unpickled with its own copies of them (a rule's source and category, a message said of every document):
    kept to the end of the run, they were a fifth of what the run's findings held."""
    for f in findings:
        # the same values, equal and of equal hash, only shared: a frozen finding's fields are set as its
        # __init__ sets them
        fields = f.__dict__
        for k in _SHARED:
            v = fields[k]
            fields[k] = strings.setdefault(v, v)


def make_run(cfg: Config, opts: RunOptions, extra_packs: Sequence[str] = ()) -> Run:
    """The run for these settings; a rule selector or language that names nothing is a ConfigError first."""
    # the packs' patterns compiled by earlier runs: content-addressed, so kept by --no-cache as the word tables are
    pattern_store.install(tables_dir())
    if cfg.origins:
        check_names(cfg, *rule_catalog(cfg, extra_packs, None if opts.cache_dir is None else Cache(opts.cache_dir)))
    if opts.cache_dir is None:
        return Run(partial(make_linter, cfg, extra_packs), cfg, opts)
    cache = Cache(opts.cache_dir)
    return Run(
        partial(make_linter, cfg, extra_packs, cache), cfg, opts, cache=cache, rules_key=rules_key(cfg, extra_packs)
    )
