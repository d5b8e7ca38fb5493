"""`lintnews check --stream` and `--dask`: the JSON report written article by article, holding no documents."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..core.findings import Severity
from ..core.jsontext import compact
from ..engine.results import FileResult, article_findings
from ..outputs.report import finding_json
from .check_render import finding_order, report_over, score_entry
from .progress import Progress


@dataclass
class _Tally:
    """What the streamed report's summary needs, counted as the articles go by."""

    stats: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    files: dict[str, None] = field(default_factory=dict)
    articles: int = 0
    findings: int = 0
    top: float = 0.0
    over: list[dict[str, Any]] = field(default_factory=list)
    failed: bool = False
    first: bool = True


def counted(r: FileResult, bar: Progress | None = None) -> int:
    """The article's words (0 for an input error), added to the progress line if there is one."""
    words = r.doc.word_count if r.doc is not None and not r.error else 0
    if bar is not None and r.doc is not None and not r.error:
        bar.add(1, words, len(r.doc.raw))
    return words


def stream_json(
    items: Iterable[tuple[FileResult, int]],
    notices: Callable[[], list[str]],
    max_score: float | None,
    fail_on: Severity,
) -> int:
    """The JSON report written as the run goes, in input order, never holding the documents or findings.

    `items`: each result, with the words of its article (a Dask worker keeps the document). Same shape as
    --format json; the summary's `scores` lists only the articles above --max-score (the archive may hold
    millions), and cross-document checks do not run: they need every document at once.
    """
    out = sys.stdout
    out.write('{\n "version": 1,\n "findings": [')
    tally = _Tally()
    for r, words in items:
        _stream_result(out, tally, r, words, max_score=max_score, fail_on=fail_on)
    out.write(_closing(tally))
    for notice in dict.fromkeys(notices()):
        print(f"lintnews: warning: {notice}", file=sys.stderr)
    report_over(tally.over, max_score, "json")
    if tally.errors:
        return 2
    return 1 if tally.over or tally.failed else 0


def _stream_result(
    out: TextIO, tally: _Tally, r: FileResult, words: int, *, max_score: float | None, fail_on: Severity
) -> None:
    """One article: its findings written at once, its error and score counted for the summary."""
    tally.files.setdefault(r.file)
    if r.error:
        tally.errors.append({"path": r.file, "message": r.error})
        print(f"lintnews: error: {r.error}", file=sys.stderr)
        return
    article_findings(r)
    for f in sorted(r.findings, key=finding_order):
        out.write(("\n  " if tally.first else ",\n  ") + compact(finding_json(f)))
        tally.first = False
        tally.stats[f.rule] += 1
        tally.findings += 1
        tally.failed = tally.failed or f.severity >= fail_on
    tally.articles += 1
    entry = score_entry(r, words)
    tally.top = max(tally.top, entry["score"])
    if max_score is not None and entry["score"] > max_score:
        tally.over.append(entry)


def _closing(tally: _Tally) -> str:
    """The end of the findings list, then the errors and the summary."""
    summary = {
        "files": len(tally.files),
        "articles": tally.articles,
        "findings": tally.findings,
        "fixed": 0,
        "made_by_fixes": 0,
        "errors": len(tally.errors),
        "baselined": 0,
        "statistics": dict(sorted(tally.stats.items(), key=lambda kv: (-kv[1], kv[0]))),
        "scores": tally.over,
        "max_score": tally.top,
        "streamed": True,
    }
    tail = json.dumps({"errors": tally.errors, "summary": summary}, ensure_ascii=False, indent=1)
    return ("\n ],\n" if not tally.first else "],\n") + tail[2:] + "\n"
