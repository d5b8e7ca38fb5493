"""GitLab Code Quality report (the Code Climate issue subset GitLab reads): a JSON array, one object per finding."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core.document import Document
from ..core.findings import Finding, Severity
from ..core.jsontext import indented
from .report import doc_key

# GitLab's scale is info, minor, major, critical, blocker. critical and blocker are kept for what GitLab's own
# scanners mean by them (security, a broken build); a copy-editing error is a major issue, a warning minor.
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _repo_path(path: str, cwd: str) -> str:
    """The path relative to the working folder (GitLab links it to the repository's file), '/'-separated."""
    p = os.path.normpath(path)
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p, cwd)
        except ValueError:  # another drive on Windows
            return Path(p).as_posix()
        if not rel.startswith(".."):
            p = rel
    return Path(p).as_posix()


def _context(f: Finding, doc: Document | None, line_digests: dict[tuple[int, int, int], str]) -> str:
    """The text of the lines the finding spans and where on its first line it starts: what a fingerprint is made
    of, so that lines added or removed elsewhere in the file leave it unchanged (the line number is not in it).
    The lines' text enters as its digest, made once per document and span of lines: hashing a megabyte's line
    again for each of its findings took minutes for a quarter of a million of them."""
    if doc is None:
        return f"{f.column}\0{f.message}"
    first = doc.line_starts[f.line - 1] if 0 < f.line <= len(doc.line_starts) else f.offset
    last = f.end_line if 0 < f.end_line <= len(doc.line_starts) else len(doc.line_starts)
    end = doc.line_starts[last] if last < len(doc.line_starts) else len(doc.raw)
    key = (id(doc), first, end)
    lines = line_digests.get(key)
    if lines is None:
        lines = hashlib.md5(doc.raw[first:end].strip().encode(), usedforsecurity=False).hexdigest()
        line_digests[key] = lines
    return f"{f.offset - first}\0{lines}"


def render_gitlab(findings: Sequence[Finding], docs: Mapping[str, Document], cwd: str | None = None) -> str:
    """`docs`: the linted documents by report.doc_key, for the fingerprints' context."""
    cwd = cwd or os.getcwd()
    seen: Counter[bytes] = Counter()
    line_digests: dict[tuple[int, int, int], str] = {}
    out: list[dict[str, Any]] = []
    for f in findings:
        path = _repo_path(f.path, cwd)
        article = f.extra.get("article")
        record = f.extra.get("record")
        base = "\0".join((path, f.rule, str(article or ""), _context(f, docs.get(doc_key(f)), line_digests)))
        # the same rule on two identical lines: the n-th occurrence keeps each its own fingerprint, counted by the
        # digest of what precedes the number
        digest = hashlib.md5(base.encode(), usedforsecurity=False)
        key = digest.digest()
        seen[key] += 1
        digest.update(f"\0{seen[key]}".encode())
        fingerprint = digest.hexdigest()
        if isinstance(record, int):
            lines = {"begin": record, "end": record}
            where = f" (article {article}, line {f.line}, column {f.column} of its text)"
        else:
            lines = {"begin": f.line, "end": max(f.end_line, f.line)}
            where = ""
        out.append(
            {
                "type": "issue",
                "description": f.message + where,
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": GITLAB_SEVERITY[f.severity],
                "categories": ["Duplication" if f.category == "duplicate" else "Style"],
                "location": {"path": path, "lines": lines},
            }
        )
    return indented(out) + "\n"
