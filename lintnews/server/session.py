"""The open documents and their findings: each linted as `check` would, then the cross-document pass over them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from ..core.document import Document
from ..core.errors import InputError
from ..core.fileio import decode
from ..core.findings import Finding
from ..core.sources import is_jsonl, make_document
from ..engine.finish import merge_cross
from ..engine.fix import FixResult, fix_text
from ..engine.lint import Linter
from .positions import apply_change
from .projects import Project, Projects


@dataclass
class OpenDoc:
    """One document the client has open: its latest text, and what the last lint of it found."""

    uri: str
    path: str
    text: str
    version: int | None
    # the last lint: the text it read, its version, the document built, own and published findings
    linted_text: str | None = None
    linted_version: int | None = None
    doc: Document | None = None
    project: Project | None = None
    own: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # why the document could not be linted (a broken config, a binary file): shown as one diagnostic
    problem: str | None = None

    @property
    def current(self) -> bool:
        """Whether the findings belong to the text the client has now."""
        return self.linted_text is not None and self.linted_text == self.text


class Session:
    """Everything the server knows; used from one thread only (the linting one), so no locks."""

    def __init__(self, cwd: Path) -> None:
        self.projects = Projects(cwd)
        self.docs: dict[str, OpenDoc] = {}
        self._fixed: dict[str, tuple[str, FixResult]] = {}

    def put(self, uri: str, path: str, text: str, version: int | None) -> None:
        known = self.docs.get(uri)
        if known is None:
            self.docs[uri] = OpenDoc(uri, path, text, version)
        else:
            known.text, known.version = text, version

    def change(
        self, uri: str, changes: Sequence[types.TextDocumentContentChangeEvent], encoding: str, version: int | None
    ) -> None:
        """Apply the client's changes, in order, to an open document's text (positions in its units)."""
        od = self.docs.get(uri)
        if od is None:
            return  # a change to a document never opened: nothing to apply it to
        text = od.text
        for change in changes:
            text = apply_change(text, change, encoding)
        od.text, od.version = text, version

    def close(self, uri: str) -> list[str]:
        """Forget a document; returns the others whose findings changed (a name it spelled another way)."""
        gone = self.docs.pop(uri, None)
        self._fixed.pop(uri, None)
        if gone is None or gone.project is None or gone.project.linter is None:
            return []
        return self._cross(gone.project.linter)

    def lint(self, uri: str, again: bool = False) -> tuple[list[str], list[str]]:
        """Lint a document's latest text; returns the open documents whose findings changed, and the notices
        the rules gave (a rule turned off). A version already linted is not linted twice unless `again`
        (its config may have changed): changes queued behind a long lint cost one lint, not one each."""
        od = self.docs.get(uri)
        if od is None or (not again and od.current and od.linted_version == od.version):
            return [], []
        text, version = od.text, od.version
        od.project = project = self.projects.for_path(od.path)
        od.linted_text, od.linted_version = text, version
        od.own, od.findings, od.doc, od.problem = [], [], None, None
        notices: list[str] = []
        if project.problem is not None:
            od.problem = project.problem
        elif project.cfg is not None and project.linter is not None and not project.cfg.excluded(od.path):
            od.problem = self._readable(od.path, text, project.cfg.max_file_size)
            if od.problem is None:
                notices = self._lint_own(od, project.linter, text)
        changed = [uri]  # always published: the client learns which version these findings are for
        if project.linter is not None:
            changed += [u for u in self._cross(project.linter) if u not in changed]
        return changed, notices

    @staticmethod
    def _readable(path: str, text: str, max_bytes: int) -> str | None:
        """What `check` would say of this text as a file (binary, not UTF-8, too large), or None."""
        if is_jsonl(path):
            return f"{path}: JSON Lines archives are linted with `lintnews check`, not in the editor"
        data = text.encode("utf-8", "surrogatepass")
        if max_bytes and len(data) > max_bytes:
            return f"{path}: {len(data)} bytes, over the size limit of {max_bytes} bytes (max-file-size)"
        try:
            decode(data, path)
        except InputError as e:
            return str(e)
        return None

    def _lint_own(self, od: OpenDoc, linter: Linter, text: str) -> list[str]:
        seen = len(linter.notices)
        try:
            doc = make_document(od.path, text)
            od.own = od.findings = linter.lint(doc)
        except Exception as e:  # a bug met on one document must not stop the server
            od.problem = f"{od.path}: internal error, document not linted: {e!r}"
            return []
        od.doc = doc
        return linter.notices[seen:]

    def _cross(self, linter: Linter) -> list[str]:
        """The cross-document pass over the open documents that share these rules; the ones whose findings
        changed."""
        group = [od for od in self.docs.values() if od.doc is not None and od.project and od.project.linter is linter]
        docs = [od.doc for od in group if od.doc is not None]
        try:
            extra = linter.cross_findings(docs)
        except Exception:  # as for one document: the own findings still stand
            extra = {}
        merged = merge_cross(linter.filters, docs, {od.path: od.own for od in group}, extra)
        changed = []
        for od in group:
            findings = merged.get(od.path, od.own)
            if findings != od.findings:
                od.findings = findings
                changed.append(od.uri)
        return changed

    def fix_all(self, uri: str) -> FixResult | None:
        """What `lintnews check --fix` makes of the document's latest text (safe fixes, re-linted until stable)."""
        od = self.docs.get(uri)
        if od is None or od.project is None or od.project.linter is None or od.problem is not None:
            return None
        cached = self._fixed.get(uri)
        if cached is not None and cached[0] == od.text:
            return cached[1]
        linter = od.project.linter
        result = fix_text(od.text, lambda t: linter.lint(make_document(od.path, t)), unsafe=False)
        self._fixed[uri] = (od.text, result)
        return result

    def invalidate(self) -> None:
        """A config or house pack changed: every folder's settings and rules are read again on next lint."""
        self.projects.invalidate()
        self._fixed.clear()
