"""What a run gives back for each linted document (or each article of a JSON Lines archive)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..core.document import Document
from ..core.findings import Finding


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


def article_findings(r: FileResult) -> None:
    """Report an archive article's findings under its archive, with the article id and the record's line."""
    if r.article is not None and r.doc is not None:
        extra = {"article": r.article, "record": r.doc.meta.get("record")}
        r.findings = [replace(f, path=r.file, extra={**f.extra, **extra}) for f in r.findings]
