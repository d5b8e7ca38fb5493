"""The report of a finished `lintnews check` run in each format, with its fix lines and --max-score notes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..core.findings import Finding, Severity
from ..engine.results import FileResult
from ..engine.runner import Run
from ..outputs.color import wants_color
from ..outputs.report import render_concise, render_statistics, render_text, statistics, write_json
from ..outputs.score import artifact_score

# formats whose stdout a program parses: a workflow command among them would break the file
_MACHINE_FORMATS = ("json", "sarif", "junit", "gitlab")


@dataclass
class Outcome:
    """A finished run: its results, their findings in report order, the input errors, what the baseline hid,
    and each article's score."""

    results: list[FileResult]
    findings: list[Finding]
    errors: list[FileResult]
    baselined: int
    scores: list[dict[str, Any]]


def finding_order(f: Finding) -> tuple[str, int, int, int, str]:
    """File, then a JSON Lines article's record line, then position: an archive's articles stay in order."""
    rec = f.extra.get("record") if f.extra else None
    return (f.path, rec if isinstance(rec, int) else 0, f.offset, f.length, f.rule)


def article_scores(results: list[FileResult]) -> list[dict[str, Any]]:
    return [score_entry(r, r.doc.word_count) for r in results if r.doc is not None and not r.error]


def score_entry(r: FileResult, words: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": r.file, "words": words, "findings": len(r.findings)}
    if r.article is not None:
        entry["article"] = r.article
    entry["score"] = artifact_score(r.findings, words)
    return entry


def write_report(
    args: argparse.Namespace,
    fmt: str,
    run_: Run,
    o: Outcome,
    *,
    over: list[dict[str, Any]],
    max_score: float | None,
    fail_on: Severity,
    fixing: bool,
    started: float,
) -> None:
    """The report on stdout, in the chosen format (text: only with findings, or without --quiet)."""
    # the formats for CI are imported by the run that writes one (JUnit's brings the XML library)
    if fmt == "json":
        # written as it is made: the report of a large run is not held whole beside its findings
        write_json(sys.stdout, o.findings, [{"path": r.file, "message": r.error or ""} for r in o.errors], _summary(o))
    elif fmt in ("github", "sarif"):
        from ..outputs.formats import render_github, render_sarif

        if fmt == "github":
            sys.stdout.write(render_github(o.findings, _messages(o.errors)))
        else:
            sys.stdout.write(render_sarif(o.findings, _messages(o.errors), run_.linter.rules))
    elif fmt == "junit":
        sys.stdout.write(_junit_report(o, over, max_score, fail_on, started))
    elif fmt == "gitlab":
        from ..outputs.gitlab import render_gitlab

        sys.stdout.write(render_gitlab(o.findings, {r.path: r.doc for r in o.results if r.doc is not None}))
    elif args.statistics:
        if o.findings or not args.quiet:
            sys.stdout.write(render_statistics(o.findings))
    elif o.findings or not args.quiet:
        sys.stdout.write(_text_report(args, fmt, run_, o, fixing))


def _messages(errors: list[FileResult]) -> list[str]:
    return [r.error or "" for r in errors]


def _files(results: list[FileResult]) -> list[str]:
    return list(dict.fromkeys(r.file for r in results))


def _summary(o: Outcome) -> dict[str, Any]:
    """The JSON report's summary of the run."""
    fixed = [r for r in o.results if r.fixed_text is not None]
    summary: dict[str, Any] = {
        "files": len(_files(o.results)),
        "articles": len(o.scores),
        "findings": len(o.findings),
        "fixed": sum(r.applied for r in fixed),
        # of the findings listed, those the fixes made (as the text report's "Fixed" line says)
        "made_by_fixes": sum(r.introduced for r in fixed),
        "errors": len(o.errors),
        "baselined": o.baselined,
        "statistics": statistics(o.findings),
        "scores": o.scores,
        "max_score": max((s["score"] for s in o.scores), default=0.0),
    }
    return summary


def _junit_report(
    o: Outcome, over: list[dict[str, Any]], max_score: float | None, fail_on: Severity, started: float
) -> str:
    from ..outputs.junit import render_junit

    over_score = {s["path"]: over_message(s, max_score) for s in over}
    errs_junit = [(r.file, r.error or "") for r in o.errors]
    elapsed = time.monotonic() - started
    return render_junit(_files(o.results), o.findings, errs_junit, fail_on, over_score=over_score, elapsed=elapsed)


def _text_report(args: argparse.Namespace, fmt: str, run_: Run, o: Outcome, fixing: bool) -> str:
    """The text or concise report, with the baseline, --fix and --show-fixes lines under it."""
    color = wants_color(args.color, sys.stdout.isatty())
    unfinished = len(set(run_.linter_notices()))
    if fmt == "concise":
        text = render_concise(o.findings, _messages(o.errors), color=color, unfinished=unfinished)
    else:
        docs = {r.path: r.doc for r in o.results if r.doc is not None}
        text = render_text(docs, o.findings, _messages(o.errors), color=color, scores=o.scores, unfinished=unfinished)
    if o.baselined:
        text += f"{o.baselined} finding{'s' if o.baselined != 1 else ''} in the baseline not shown.\n"
    if fixing:
        text += fixed_line(o.results)
    if args.show_fixes:
        text += show_fixes(o.results, o.findings, fixing, args.unsafe_fixes)
    return text


def fixed_line(results: list[FileResult]) -> str:
    """How many findings --fix fixed, and, honestly, how many of those shown above the fixes themselves made."""
    n = sum(r.applied for r in results if r.fixed_text is not None)
    line = f"Fixed {n} finding{'s' if n != 1 else ''}."
    new = sum(r.introduced for r in results if r.fixed_text is not None)
    if new:
        line += f" {new} of the findings above {'are' if new != 1 else 'is'} new, made by the fixes: review them."
    return line + "\n"


def show_fixes(results: list[FileResult], findings: list[Finding], fixing: bool, unsafe: bool) -> str:
    """--show-fixes: per file, the rules whose fixes were applied (--fix) or are available, with counts."""
    per_file: dict[str, Counter[str]] = {}
    if fixing:
        for r in results:
            if r.fixed_text is not None and r.fixed_rules:
                per_file[r.file] = r.fixed_rules
        head = "Fixes applied"
    else:
        for f in findings:
            if f.fix is not None and (unsafe or f.fix.applicability.value == "safe"):
                per_file.setdefault(f.path, Counter())[f"{f.rule} ({f.fix.applicability.value})"] += 1
        head = "Fixes available with --fix" + (" --unsafe-fixes" if unsafe else "")
    if not per_file:
        return f"{head}: none.\n"
    lines = [f"{head}:"]
    for path in sorted(per_file):
        lines.append(f"  {path}:")
        lines.extend(f"    {n} × {rule}" for rule, n in sorted(per_file[path].items()))
    return "\n".join(lines) + "\n"


def over_message(s: dict[str, Any], max_score: float | None) -> str:
    name = s["path"] + (f" (article {s['article']})" if "article" in s else "")
    return f"{name} scores {s['score']}, above --max-score {max_score:g}"


def report_over(over: list[dict[str, Any]], max_score: float | None, fmt: str) -> None:
    """Each article over --max-score: a line on stderr, or under GitHub Actions (or --format github) an error
    annotation on the file. Workflow commands are documented on stdout, where the annotations go; after a machine
    format's output they go to stderr, which the runner reads for commands too, and the report stays parseable."""
    github = fmt == "github" or os.environ.get("GITHUB_ACTIONS") == "true"
    for s in over:
        message = over_message(s, max_score)
        if github:
            from ..outputs.formats import github_max_score

            (sys.stderr if fmt in _MACHINE_FORMATS else sys.stdout).write(github_max_score(s["path"], message))
        else:
            print(f"lintnews: {message}", file=sys.stderr)
