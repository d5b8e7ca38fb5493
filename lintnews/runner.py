"""One lint run: load the rules the config selects, read each source, lint, fix or diff, collect results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import Config, selector_matches
from .document import Document
from .errors import InputError
from .fileio import encode, read_text, write_atomic
from .findings import Finding
from .fix import fix_text, unified_diff
from .lint import FindingFilter, Linter
from .rulepack import Rule, collect_pack_paths, load_packs
from .sources import Source, expand, is_jsonl, jsonl_documents, load, make_document
from .suppress import suppression_filter

JSONL_NO_FIX = "--fix and --diff do not rewrite JSON Lines archives; it was linted only, and left as it was"


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

    def __post_init__(self) -> None:
        self.file = self.file or self.path


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_text: str | None = None
    stdin_name: str = "-"


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


@dataclass
class Run:
    linter: Linter
    cfg: Config
    opts: RunOptions
    results: list[FileResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def lint_text(self, path: str, text: str) -> list[Finding]:
        return self.linter.lint(make_document(path, text))

    def process(self, source: Source) -> FileResult:
        path = self.opts.stdin_name if source.stdin else source.path
        try:
            doc, decoded = load(source, self.opts.stdin_text, self.cfg.max_file_size)
        except InputError as e:
            return FileResult(path, error=str(e))
        if source.stdin and path != doc.path:
            doc = make_document(path, doc.raw)
        if not (self.opts.fix or self.opts.diff):
            return FileResult(path, self.linter.lint(doc), doc=doc)
        fixed = fix_text(doc.raw, lambda t: self.lint_text(path, t), self.opts.unsafe_fixes)
        if fixed.notice:
            self.notices.append(f"{path}: {fixed.notice}")
        result = FileResult(path, fixed.remaining, doc=make_document(path, fixed.text), applied=fixed.applied)
        if fixed.text != doc.raw:
            result.fixed_text = fixed.text
            if self.opts.diff:
                result.diff = unified_diff(path, doc.raw, fixed.text)
                result.findings = self.linter.lint(doc)
                result.doc = doc
            elif not source.stdin:
                try:
                    write_atomic(Path(source.path), encode(fixed.text, decoded.encoding))
                except OSError as e:
                    result.error = f"{path}: not fixed, the file is left as it was: {e.strerror or e}"
                    result.findings = self.linter.lint(doc)
                    result.doc = doc
                    result.fixed_text = None
        return result

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

    def execute(self, paths: Sequence[str]) -> list[FileResult]:
        for source in expand(list(paths), self.cfg):
            try:
                if not source.stdin and is_jsonl(source.path):
                    self.results.extend(self.process_jsonl(source))
                else:
                    self.results.append(self.process(source))
            except Exception as e:  # a bug met on one file must not stop the others nor show a traceback
                name = self.opts.stdin_name if source.stdin else source.path
                self.results.append(FileResult(name, error=f"{name}: internal error, file skipped: {e!r}"))
        docs = [r.doc for r in self.results if r.doc is not None and r.error is None]
        if len(docs) > 1 and not self.opts.fix:
            current = {r.path: r.findings for r in self.results}
            updated = self.linter.cross_document(docs, current)
            for r in self.results:
                if r.path in updated:
                    r.findings = updated[r.path]
        for r in self.results:
            if r.article is not None and r.doc is not None:
                # report an article's findings under its archive, with the article id and the record's line
                extra = {"article": r.article, "record": r.doc.meta.get("record")}
                r.findings = [replace(f, path=r.file, extra={**f.extra, **extra}) for f in r.findings]
        return self.results


def make_linter(cfg: Config, extra_packs: Sequence[str] = ()) -> Linter:
    filters: list[FindingFilter] = [suppression_filter]
    if cfg.per_file_ignores:
        filters.append(per_file_ignores_filter(cfg))
    return Linter(select_rules(cfg, extra_packs), settings=cfg.settings(), filters=filters)


def make_run(cfg: Config, opts: RunOptions, extra_packs: Sequence[str] = ()) -> Run:
    return Run(make_linter(cfg, extra_packs), cfg, opts)
