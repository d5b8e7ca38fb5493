"""--fix and --diff on one file: lint, fix until stable, then write the file atomically or show the diff."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.config import Config
from ..core.document import Document
from ..core.errors import InputError
from ..core.fileio import ChangedOnDisk, OutsideTree, encode, read_text, write_atomic
from ..core.findings import Finding
from ..core.inplace import recover
from ..core.sources import Source, jsonl_documents, load, make_document
from .fix import allowed, checked_fix, choose_fixes, fix_text, unified_diff
from .lint import Linter
from .results import FileResult

JSONL_NO_FIX = "--fix and --diff do not rewrite JSON Lines archives; it was linted only, and left as it was"


@dataclass
class FileFixer:
    """Fixes files one at a time with the run's linter (built on first use); what it notices goes to `notices`."""

    linter: Callable[[], Linter]
    cfg: Config
    unsafe_fixes: bool
    diff: bool
    notices: list[str]
    stdin_text: str | None = None
    stdin_name: str = "-"

    def lint_text(self, path: str, text: str) -> list[Finding]:
        return self.linter().lint(make_document(path, text))

    def process(self, source: Source, tree: Path | None = None) -> FileResult:
        """Lint one file; with --fix rewrite it, with --diff show the fixes. `tree` is where a symlink's
        target must lie for the fix to be written through it (see write_atomic)."""
        path = self.stdin_name if source.stdin else source.path
        try:
            if not source.stdin and not self.diff:
                # a torn file from a rewrite killed midway gets its text back before it is read
                self.notices.extend(f"{path}: {line}" for line in recover(Path(source.path)))
            doc, decoded = load(source, self.stdin_text, self.cfg.max_file_size)
        except InputError as e:
            return FileResult(path, error=str(e))
        if source.stdin and path != doc.path:
            doc = make_document(path, doc.raw)
        passes: list[tuple[str, list[Finding]]] = []

        def lint(text: str) -> list[Finding]:
            found = self.lint_text(path, text)
            passes.append((text, found))
            return found

        fixed = fix_text(doc.raw, lint, self.unsafe_fixes)
        if fixed.notice:
            self.notices.append(f"{path}: {fixed.notice}")
        result = FileResult(path, fixed.remaining, doc=make_document(path, fixed.text), applied=fixed.applied)
        if fixed.text == doc.raw:
            return result
        result.fixed_rules = self._applied_rules(passes)
        result.introduced = introduced(passes[0][1], doc.raw, fixed.remaining, fixed.text)
        result.fixed_text = fixed.text
        if self.diff:
            result.diff = unified_diff(path, doc.raw, fixed.text)
            result.findings = self.linter().lint(doc)
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
        result.findings = self.linter().lint(doc)
        result.doc = doc
        result.fixed_text = None
        result.applied = 0
        result.fixed_rules = Counter()
        result.introduced = 0

    def _applied_rules(self, passes: list[tuple[str, list[Finding]]]) -> Counter[str]:
        """The rules whose fixes each pass of fix_text applied (every lint but the last was followed by one)."""
        out: Counter[str] = Counter()
        for text, found in passes[:-1]:
            chosen = set(choose_fixes(found, self.unsafe_fixes, text))
            for f in found:
                if f.fix is not None and allowed(f.fix, self.unsafe_fixes):
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
        self.notices.append(f"{path}: {JSONL_NO_FIX}")
        return [
            FileResult(d.path, self.linter().lint(d), doc=d, file=path, article=str(d.meta["article"])) for d in docs
        ]


def introduced(before: list[Finding], old: str, after: list[Finding], new: str) -> int:
    """How many of the findings left after fixing were not there before: made by the fixes themselves.

    Offsets move as fixes apply, so findings are compared by rule and matched text (as a multiset).
    """
    had = Counter((f.rule, old[f.offset : f.end]) for f in before)
    has = Counter((f.rule, new[f.offset : f.end]) for f in after)
    return sum((has - had).values())
