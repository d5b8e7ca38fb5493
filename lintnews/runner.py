"""One lint run: load the rules the config selects, read each source, lint, fix or diff, collect results."""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .cache import Cache, code_fingerprint, digest
from .config import Config, check_names, selector_matches
from .document import Document
from .errors import InputError
from .fileio import ChangedOnDisk, OutsideTree, decode, encode, read_text, within, write_atomic
from .findings import Finding
from .fix import allowed, checked_fix, choose_fixes, confine, fix_text, unified_diff
from .lint import FindingFilter, Linter, merge_cross
from .model_worker import SplitLinter, fork_available
from .parallel import BATCH_CHARS, Linted, Pool, cpu_count, lint_batch, lint_one
from .rulepack import Rule, collect_pack_paths, known_categories, load_packs
from .sources import Source, article_key, expand, is_jsonl, jsonl_documents, load, make_document
from .suppress import suppression_filter

JSONL_NO_FIX = "--fix and --diff do not rewrite JSON Lines archives; it was linted only, and left as it was"
# --jobs auto: one process below this many files (a pre-commit hook, an editor), else one per core
AUTO_JOBS_MIN_FILES = 16
# in one process, documents are linted in chunks of this many (or BATCH_CHARS characters) so the model parses
# a chunk's sentences in one pass: 8 articles at once took 0.6 of the time of one by one, more gained nothing
PREFETCH_DOCS = 8


def select_rules(cfg: Config, extra_packs: Sequence[str] = ()) -> list[Rule]:
    packs = load_packs(collect_pack_paths([*cfg.rule_packs, *extra_packs]))
    rules: list[Rule] = []
    for pack in packs:
        if cfg.languages and pack.languages and not set(pack.languages) & set(cfg.languages):
            continue
        rules.extend(r for r in pack.rules if cfg.rule_selected(r.id, r.category))
    return rules


@dataclass
class FileResult:
    """One linted document. For a JSON Lines archive there is one per article: `path` is then the article's
    key (see sources.article_key), `file` the archive and `article` the article's id."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    doc: Document | None = None
    fixed_text: str | None = None
    applied: int = 0
    diff: str = ""
    file: str = ""
    article: str | None = None
    # with --fix: the fixes applied, per rule; and how many findings left are new, made by the fixes
    fixed_rules: Counter[str] = field(default_factory=Counter)
    introduced: int = 0

    def __post_init__(self) -> None:
        self.file = self.file or self.path


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_text: str | None = None
    stdin_name: str = "-"
    # worker processes; 0 means auto (see AUTO_JOBS_MIN_FILES). --fix and --diff always run in one process.
    jobs: int = 1
    # the content-hash cache folder; None: no cache
    cache_dir: Path | None = None
    # JSON Lines archives read line by line and each result handed over as it is ready (Run.iter_results)
    stream: bool = False
    # told of each result as execute() gets it (a progress bar)
    on_result: Callable[[FileResult], object] | None = None


def per_file_ignores_filter(cfg: Config) -> FindingFilter:
    """A Linter filter applying `per-file-ignores` (glob -> rule ids, prefixes or categories)."""

    def drop(doc: Document, findings: list[Finding]) -> list[Finding]:
        if not findings:
            return findings
        sels = cfg.ignored_for(str(doc.meta.get("file", doc.path)))
        if not sels:
            return findings
        return [f for f in findings if not any(selector_matches(s, f.rule, f.category) for s in sels)]

    return drop


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
        self.cache = cache
        # what the findings of a document depend on besides its text: the code, the rule packs, the config
        self.rules_key = rules_key
        # the last document's findings-cache key: looked up, then stored under, without hashing twice
        self._last_key: tuple[Document | None, str] = (None, "")
        self._split: SplitLinter | None = None

    def _may_split(self) -> bool:
        return may_split(self.opts.jobs, self.opts.fix or self.opts.diff)

    def adopt_model_helper(self, helper: SplitLinter | None) -> None:
        """Use a model helper started before this run was made (see early_model_helper)."""
        if helper is not None and self._may_split():
            self._split = helper
        elif helper is not None:
            helper.close()

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

    def lint_text(self, path: str, text: str) -> list[Finding]:
        return self.linter.lint(make_document(path, text))

    def process(self, source: Source, tree: Path | None = None) -> FileResult:
        """Lint one file; with --fix rewrite it, with --diff show the fixes. `tree` is where a symlink's
        target must lie for the fix to be written through it (see write_atomic)."""
        path = self.opts.stdin_name if source.stdin else source.path
        try:
            doc, decoded = load(source, self.opts.stdin_text, self.cfg.max_file_size)
        except InputError as e:
            return FileResult(path, error=str(e))
        if source.stdin and path != doc.path:
            doc = make_document(path, doc.raw)
        if not (self.opts.fix or self.opts.diff):
            return FileResult(path, self.linter.lint(doc), doc=doc)
        passes: list[tuple[str, list[Finding]]] = []

        def lint(text: str) -> list[Finding]:
            found = self.lint_text(path, text)
            passes.append((text, found))
            return found

        fixed = fix_text(doc.raw, lint, self.opts.unsafe_fixes)
        if fixed.notice:
            self.notices.append(f"{path}: {fixed.notice}")
        result = FileResult(path, fixed.remaining, doc=make_document(path, fixed.text), applied=fixed.applied)
        if fixed.text != doc.raw:
            result.fixed_rules = self._applied_rules(passes)
            result.introduced = introduced(passes[0][1], doc.raw, fixed.remaining, fixed.text)
            result.fixed_text = fixed.text
            if self.opts.diff:
                result.diff = unified_diff(path, doc.raw, fixed.text)
                result.findings = self.linter.lint(doc)
                result.doc = doc
            elif not source.stdin:
                try:
                    write_atomic(Path(source.path), encode(fixed.text, decoded.encoding), decoded.stamp, tree)
                except (ChangedOnDisk, OutsideTree) as e:
                    self.notices.append(f"{path}: not fixed: {e.strerror}")
                    self._unfixed(result, doc)
                except OSError as e:
                    result.error = f"{path}: not fixed, the file is left as it was: {e.strerror or e}"
                    self._unfixed(result, doc)
        return result

    def _unfixed(self, result: FileResult, doc: Document) -> None:
        """The result of a file whose fixes were not written: its findings as they are on disk."""
        result.findings = self.linter.lint(doc)
        result.doc = doc
        result.fixed_text = None
        result.applied = 0
        result.fixed_rules = Counter()
        result.introduced = 0

    def _applied_rules(self, passes: list[tuple[str, list[Finding]]]) -> Counter[str]:
        """The rules whose fixes each pass of fix_text applied (every lint but the last was followed by one)."""
        out: Counter[str] = Counter()
        for text, found in passes[:-1]:
            chosen = set(choose_fixes(found, self.opts.unsafe_fixes, text))
            for f in found:
                if f.fix is not None and allowed(f.fix, self.opts.unsafe_fixes):
                    fix = checked_fix(text, f.fix)
                    if fix in chosen:
                        chosen.discard(fix)  # the same fix from two findings was applied once
                        out[f.rule] += 1
        return out

    def process_jsonl(self, source: Source) -> list[FileResult]:
        """Each article of a JSON Lines archive linted as its own document; --fix/--diff leave the archive alone."""
        path = source.path
        try:
            raw = read_text(Path(path), max_bytes=self.cfg.max_file_size).text
            docs = jsonl_documents(path, raw, self.cfg.jsonl_text_field, self.cfg.jsonl_id_field)
        except InputError as e:
            return [FileResult(path, error=str(e))]
        if self.opts.fix or self.opts.diff:
            self.notices.append(f"{path}: {JSONL_NO_FIX}")
        return [FileResult(d.path, self.linter.lint(d), doc=d, file=path, article=str(d.meta["article"])) for d in docs]

    def _result_key(self, doc: Document) -> str:
        if self._last_key[0] is doc:
            return self._last_key[1]
        # the path counts only where the config makes findings depend on it; a renamed or copied file hits
        where = [doc.path, str(self.cfg.root), repr(self.cfg.per_file_ignores)] if self.cfg.per_file_ignores else []
        key = digest([self.rules_key, *where, doc.text, doc.raw])
        self._last_key = (doc, key)
        return key

    def _cached(self, doc: Document) -> Linted | None:
        if self.cache is None or not self.rules_key:
            return None
        found = self.cache.get("findings", self._result_key(doc))
        if not isinstance(found, list):
            return None
        try:
            return [Finding.from_row(row, doc.path) for row in found], [], None
        except (TypeError, ValueError, IndexError):  # an entry of another layout: lint again
            return None

    def _store(self, doc: Document, linted: Linted) -> None:
        findings, notices, error = linted
        # a run where a rule was off or stopped is not the answer for these rules: never cache it
        if self.cache is not None and self.rules_key and not notices and error is None:
            self.cache.put("findings", self._result_key(doc), [f.to_row() for f in findings])

    def _cross_findings(self, docs: list[Document]) -> dict[str, list[Finding]]:
        """The cross-document pass, from the cache when the same documents were checked together before."""
        if self.cache is None or not self.rules_key:
            return self.linter.cross_findings(docs)
        key = digest([self.rules_key, "corpus", *(part for d in docs for part in (d.path, self._result_key(d)))])
        found = self.cache.get("corpus", key)
        if isinstance(found, dict):
            try:
                return {p: [Finding.from_row(row) for row in rows] for p, rows in found.items()}
            except (TypeError, ValueError, IndexError):
                pass
        before = len(self.linter.notices)
        extra = self.linter.cross_findings(docs)
        if len(self.linter.notices) == before:
            self.cache.put("corpus", key, {p: [f.to_row() for f in fs] for p, fs in extra.items()})
        return extra

    def _documents(self, sources: Sequence[Source]) -> Iterator[Document | FileResult]:
        """Each source read into documents (a JSON Lines archive into one per article), or its input error."""
        for source in sources:
            name = self.opts.stdin_name if source.stdin else source.path
            try:
                if not source.stdin and is_jsonl(source.path):
                    if self.opts.stream:
                        yield from self._stream_jsonl(source.path)
                        continue
                    raw = read_text(Path(source.path), max_bytes=self.cfg.max_file_size).text
                    yield from jsonl_documents(source.path, raw, self.cfg.jsonl_text_field, self.cfg.jsonl_id_field)
                    continue
                doc, _ = load(source, self.opts.stdin_text, self.cfg.max_file_size)
                if source.stdin and name != doc.path:
                    doc = make_document(name, doc.raw)
                yield doc
            except InputError as e:
                yield FileResult(name, error=str(e))
            except Exception as e:  # a bug met on one file must not stop the others nor show a traceback
                yield FileResult(name, error=f"{name}: internal error, file skipped: {e!r}")

    def _stream_jsonl(self, path: str) -> Iterator[Document | FileResult]:
        """An archive of any size, one line at a time. Unlike the whole-file reading, a bad line is an error for
        that line alone and the others are still linted; max-file-size applies to each line."""
        limit = self.cfg.max_file_size
        with open(path, "rb") as fh:
            for n, line in enumerate(fh, start=1):
                where = f"{path}:{n}"
                if limit and len(line) > limit:
                    yield FileResult(article_key(path, n), error=f"{where}: line is over max-file-size", file=path)
                    continue
                try:
                    text = decode(line, where).text
                    if not text.strip():
                        continue
                    docs = jsonl_documents(path, text, self.cfg.jsonl_text_field, self.cfg.jsonl_id_field, n)
                    yield from docs
                except InputError as e:
                    yield FileResult(article_key(path, n), error=str(e), file=path)

    def _jobs(self, sources: Sequence[Source]) -> int:
        if self.opts.jobs > 0:
            return self.opts.jobs
        many = len(sources) >= AUTO_JOBS_MIN_FILES or any(not s.stdin and is_jsonl(s.path) for s in sources)
        return cpu_count() if many else 1

    def sources(self, paths: Sequence[str]) -> Iterator[tuple[Source, Path | None]]:
        """The sources to read, each with the tree a symlink's target must lie in to be written through.

        A folder's walk keeps only files inside that folder: a file symlink pointing out of it is skipped
        with a notice (folder symlinks are not followed at all). A named file that is a symlink may be read
        wherever it points, but is fixed only through to a target inside the project (the config's folder,
        or the current one), else the link's own folder.
        """
        for p in paths:
            if p != "-" and os.path.isdir(p):
                tree = Path(p).resolve()
                for s in expand([p], self.cfg):
                    if within(Path(s.path), tree):
                        yield s, tree
                    else:
                        target = os.path.realpath(s.path)
                        self.notices.append(f"{s.path}: skipped: a symlink to {target}, outside {p}")
                continue
            for s in expand([p], self.cfg):
                if s.stdin or not os.path.islink(s.path):
                    yield s, None
                    continue
                home = self.cfg.root
                yield s, home if within(Path(s.path).parent, home) else Path(s.path).parent.resolve()

    def iter_results(self, paths: Sequence[str]) -> Iterator[FileResult]:
        """Lint (no fixing) every document, in input order, one result at a time: nothing is held back, so a
        caller that drops each result lints an archive of any size in bounded memory. No cross-document pass."""
        sources = [s for s, _ in self.sources(paths)]
        jobs = self._jobs(sources)
        items = self._documents(sources)
        # the default rule set has rules that need the spaCy model: it is loaded before the workers fork
        warm = not self.cfg.select
        pool = (
            Pool(lambda: self.linter, jobs, partial(linter_filters, self.cfg), warm, self._adopt_linter)
            if jobs > 1
            else None
        )
        # a small run that --jobs auto keeps in one process still gets the second core for the model rules
        split = self._split
        if pool is not None and split is not None:
            split.close()
            split = None
        try:
            # input errors are not documents: each waits with the number of documents read before it
            pending: deque[tuple[int, FileResult]] = deque()
            read = 0

            hits: set[int] = set()

            def with_cache() -> Iterator[tuple[Document, Linted | None]]:
                nonlocal read
                for item in items:
                    if isinstance(item, FileResult):
                        pending.append((read, item))
                        continue
                    read += 1
                    found = self._cached(item)
                    if found is not None:
                        hits.add(id(item))
                    yield item, found

            def lint_here(doc: Document) -> Linted:
                nonlocal split
                if split is None and self._may_split():
                    split = SplitLinter()
                if split is not None:
                    return lint_one(split.attach(self.linter), doc)
                return lint_one(self.linter, doc)

            def in_process() -> Iterator[tuple[Document, Linted]]:
                for chunk in chunks(with_cache()):
                    todo = [d for d, done in chunk if done is None]
                    if todo and split is None and not self._may_split():
                        # the model's parses for the whole chunk in one batch (see nlp.prefetch_many)
                        results = iter(lint_batch(self.linter, todo))
                        for d, done in chunk:
                            yield d, done or next(results)
                    else:
                        for d, done in chunk:
                            yield d, done or lint_here(d)

            # a run of files has as many documents as sources (an archive holds many, stdin may be one of them)
            known = all(not s.stdin and not is_jsonl(s.path) for s in sources)
            linted = in_process() if pool is None else pool.lint(with_cache(), len(sources) if known else None)
            for done_docs, (doc, result) in enumerate(linted):
                while pending and pending[0][0] <= done_docs:
                    yield pending.popleft()[1]
                findings, notices, error = result
                self.notices.extend(notices)
                if id(doc) in hits:
                    hits.discard(id(doc))
                else:
                    self._store(doc, result)
                meta = doc.meta
                if "article" in meta:
                    r = FileResult(doc.path, findings, doc=doc, file=str(meta["file"]), article=str(meta["article"]))
                else:
                    r = FileResult(doc.path, findings, doc=doc)
                if error:
                    r.findings, r.doc, r.error = [], None, error
                yield r
            while pending:
                yield pending.popleft()[1]
        finally:
            if pool is not None:
                pool.close()
            if split is not None:
                split.close()
            self._split = None

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
        for source, tree in self.sources(paths):
            try:
                if not source.stdin and is_jsonl(source.path):
                    done = self.process_jsonl(source)
                else:
                    done = [self.process(source, tree)]
            except Exception as e:  # a bug met on one file must not stop the others nor show a traceback
                name = self.opts.stdin_name if source.stdin else source.path
                done = [FileResult(name, error=f"{name}: internal error, file skipped: {e!r}")]
            self.results.extend(done)
            if self.opts.on_result is not None:
                for r in done:
                    self.opts.on_result(r)


def introduced(before: list[Finding], old: str, after: list[Finding], new: str) -> int:
    """How many of the findings left after fixing were not there before: made by the fixes themselves.

    Offsets move as fixes apply, so findings are compared by rule and matched text (as a multiset).
    """
    had = Counter((f.rule, old[f.offset : f.end]) for f in before)
    has = Counter((f.rule, new[f.offset : f.end]) for f in after)
    return sum((has - had).values())


def chunks(items: Iterator[tuple[Document, Linted | None]]) -> Iterator[list[tuple[Document, Linted | None]]]:
    """The items in input order, PREFETCH_DOCS documents or BATCH_CHARS characters at a time."""
    chunk: list[tuple[Document, Linted | None]] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[0].text)
        if len(chunk) >= PREFETCH_DOCS or size >= BATCH_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def may_split(jobs: int, fixing: bool) -> bool:
    """Whether a run may give the model rules to a helper process: --jobs auto, no fixing, two cores, fork."""
    return jobs == 0 and not fixing and cpu_count() > 1 and fork_available()


def early_model_helper(paths: Sequence[str], jobs: int, fixing: bool) -> SplitLinter | None:
    """For a few named files under --jobs auto, the model helper forked at once, before the config and the
    rules are read, so spaCy loads meanwhile (see model_worker). Stopped unused if no document needs it."""
    few = len(paths) < AUTO_JOBS_MIN_FILES and all(p != "-" and not is_jsonl(p) and os.path.isfile(p) for p in paths)
    if few and paths and may_split(jobs, fixing):
        return SplitLinter().start()
    return None


def article_findings(r: FileResult) -> None:
    """Report an archive article's findings under its archive, with the article id and the record's line."""
    if r.article is not None and r.doc is not None:
        extra = {"article": r.article, "record": r.doc.meta.get("record")}
        r.findings = [replace(f, path=r.file, extra={**f.extra, **extra}) for f in r.findings]


def linter_filters(cfg: Config) -> list[FindingFilter]:
    filters: list[FindingFilter] = [confine, suppression_filter]
    if cfg.per_file_ignores:
        filters.append(per_file_ignores_filter(cfg))
    return filters


def rules_key(cfg: Config, extra_packs: Sequence[str] = ()) -> str:
    """What the compiled rules depend on: lintnews' code, the rule packs' content, and the config's choices."""
    parts: list[str | bytes] = [code_fingerprint()]
    for p in collect_pack_paths([*cfg.rule_packs, *extra_packs]):
        parts += [str(p.resolve()), p.read_bytes()]
    settings = sorted(cfg.settings().items())
    parts += [json.dumps([cfg.select, cfg.extend_select, cfg.ignore, cfg.languages, settings], default=str)]
    return digest(parts)


def make_linter(cfg: Config, extra_packs: Sequence[str] = (), cache: Cache | None = None) -> Linter:
    """The rules the config selects, set up; with a cache, unpickled from the compiled form keyed by rules_key
    (loading, validating and compiling ~300 patterns is most of a one-article run)."""
    if cache is None:
        return Linter(select_rules(cfg, extra_packs), settings=cfg.settings(), filters=linter_filters(cfg))
    key = rules_key(cfg, extra_packs)
    linter = cache.get("rules", key)
    if not isinstance(linter, Linter):
        linter = Linter(select_rules(cfg, extra_packs), settings=cfg.settings())
        cache.put("rules", key, linter)
    linter.filters = linter_filters(cfg)
    return linter


def rule_catalog(
    cfg: Config, extra_packs: Sequence[str] = (), cache: Cache | None = None
) -> tuple[list[str], list[str], list[str]]:
    """Every rule id, every source language and every category of the packs (selected or not), from the cache
    when the packs are unchanged (loading them all took 0.2 s here)."""
    paths = collect_pack_paths([*cfg.rule_packs, *extra_packs])
    key = digest([code_fingerprint(), "catalog", *(part for p in paths for part in (str(p.resolve()), p.read_bytes()))])
    found = cache.get("catalog", key) if cache is not None else None
    if isinstance(found, tuple) and len(found) == 3:
        return found
    packs = load_packs(paths)
    catalog = (
        [r.id for p in packs for r in p.rules],
        sorted({lang for p in packs for lang in p.languages}),
        list(known_categories(packs)),
    )
    if cache is not None:
        cache.put("catalog", key, catalog)
    return catalog


def make_run(cfg: Config, opts: RunOptions, extra_packs: Sequence[str] = ()) -> Run:
    """The run for these settings; a rule selector or language that names nothing is a ConfigError first."""
    if cfg.origins:
        check_names(cfg, *rule_catalog(cfg, extra_packs, None if opts.cache_dir is None else Cache(opts.cache_dir)))
    if opts.cache_dir is None:
        return Run(partial(make_linter, cfg, extra_packs), cfg, opts)
    cache = Cache(opts.cache_dir)
    return Run(
        partial(make_linter, cfg, extra_packs, cache), cfg, opts, cache=cache, rules_key=rules_key(cfg, extra_packs)
    )
