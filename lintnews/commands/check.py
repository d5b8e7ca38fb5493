"""`lintnews check`: lint files, folders or stdin; fix, diff, baseline, and report as text, JSON or for CI."""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..core.config import FORMATS
from ..core.errors import LintnewsError
from ..core.findings import Finding, Severity
from ..engine import baseline as bl
from ..engine.results import FileResult, article_findings
from ..engine.runner import Run, RunOptions, make_run
from ..outputs.color import CHOICES as COLOR_CHOICES
from ..outputs.color import wants_color
from ..outputs.formats import github_max_score, render_github, render_sarif
from ..outputs.gitlab import render_gitlab
from ..outputs.junit import render_junit
from ..outputs.report import finding_json, render_concise, render_json, render_statistics, render_text, statistics
from ..outputs.score import artifact_score
from ..speed.cache import CACHE_ENV, choose_cache_dir, default_cache_dir
from ..speed.model_worker import SplitLinter
from ..speed.schedule import AUTO_JOBS_MIN_FILES, early_model_helper
from .options import add_rule_options, resolve_config
from .progress import Progress, wanted


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="lint articles (files, folders, or - for stdin)")
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default text; github when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour text and concise output: auto (a terminal; NO_COLOR, FORCE_COLOR honoured), always, never",
    )
    p.add_argument(
        "--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run (default error)"
    )
    add_rule_options(p)
    p.add_argument(
        "--exclude", action="append", metavar="GLOB", help="skip files and folders matching GLOB (adds to config)"
    )
    p.add_argument("--languagetool-url", metavar="URL", help="LanguageTool server for the grammar rules")
    p.add_argument(
        "--languagetool-path", metavar="DIR", help="a local LanguageTool folder: its server is started (needs Java)"
    )
    p.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline, exit 0")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule, not each one")
    p.add_argument(
        "--max-score",
        type=_score,
        metavar="N",
        help="fail when an article's artifact score (weighted findings per 1,000 words) is above N",
    )
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (alone it only counts them as fixable; it never writes)",
    )
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing")
    p.add_argument(
        "--show-fixes", action="store_true", help="list the fixes applied (with --fix) or available, per file and rule"
    )
    p.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings or a --max-score over (errors still exit 2)"
    )
    p.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--stdin-filename", default="-", metavar="NAME", help="the name to report for text read from stdin")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing in text format when there are no findings")
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help=f"worker processes (default auto: 1 below {AUTO_JOBS_MIN_FILES} files, else one per core)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write cached rules and findings (word tables derived from installed data are kept)",
    )
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"cache folder (default ${CACHE_ENV}, else $XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews)",
    )
    p.add_argument(
        "--stream",
        action="store_true",
        help="with --format json: write each article's findings as it is done, holding no documents "
        "(for archives; no cross-document checks)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="lint on a Dask cluster: a scheduler (tcp://host:8786), or 'local' for one of --jobs processes here; "
        "writes --format json as --stream does",
    )
    p.set_defaults(run=run)


def _score(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not math.isfinite(n) or n < 0:
        raise argparse.ArgumentTypeError(
            f"must be a finite number >= 0 (weighted findings per 1,000 words), not {value!r}"
        )
    return n


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be a number of processes (0 for auto), not {value!r}")
    return n


def _order(f: Finding) -> tuple[str, int, int, int, str]:
    """File, then a JSON Lines article's record line, then position: an archive's articles stay in order."""
    rec = f.extra.get("record")
    return (f.path, rec if isinstance(rec, int) else 0, f.offset, f.length, f.rule)


def _scores(results: list[FileResult]) -> list[dict[str, Any]]:
    return [_score_entry(r, r.doc.word_count) for r in results if r.doc is not None and not r.error]


def _score_entry(r: FileResult, words: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": r.file, "words": words, "findings": len(r.findings)}
    if r.article is not None:
        entry["article"] = r.article
    entry["score"] = artifact_score(r.findings, words)
    return entry


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    if args.cache_dir:
        choose_cache_dir(Path(args.cache_dir))
    with _output(args.output_file) as out, contextlib.redirect_stdout(out):
        # forked before anything else is read, so spaCy loads meanwhile; stopped however the run ends
        helper = early_model_helper(args.paths, args.jobs, bool(args.fix or args.diff))
        try:
            code = _run(args, helper, started)
        finally:
            if helper is not None:
                helper.close()
    if args.exit_zero and code == 1:
        return 0
    return code


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Where the report goes: stdout, or the --output-file (opened first, so a bad path fails before linting)."""
    if path is None:
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below, after the report is written
    except OSError as e:
        raise LintnewsError(f"--output-file {path}: cannot write: {e.strerror or e}") from None
    try:
        yield fh
    finally:
        try:
            fh.close()
        except OSError as e:  # the disk filled as the report was flushed
            raise LintnewsError(f"--output-file {path}: cannot write: {e.strerror or e}") from None


def _run(args: argparse.Namespace, helper: SplitLinter | None, started: float) -> int:
    overrides = {
        "fail-on": args.fail_on,
        "extend-exclude": args.exclude,
        "languagetool-url": args.languagetool_url,
        "languagetool-path": args.languagetool_path,
        "max-score": args.max_score,
    }
    cfg = resolve_config(args, args.paths, **overrides)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    # as ruff: only --fix writes; --unsafe-fixes alone or with --diff only widens what counts as a fix
    fix = bool(args.fix)
    base_known = bl.read(Path(args.baseline)) if args.baseline else None
    stdin_text = None
    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        from ..core.fileio import decode

        stdin_text = decode(data, args.stdin_filename).text
    streamed = args.stream or args.dask
    if streamed and (fmt != "json" or fix or args.diff or args.baseline or args.write_baseline or args.statistics):
        flag = "--dask" if args.dask else "--stream"
        print(
            f"lintnews: error: {flag} works with --format json only, without --fix, --diff, --statistics or baselines",
            file=sys.stderr,
        )
        return 2
    if args.dask and stdin_text is not None:
        print("lintnews: error: --dask lints files, not stdin: its workers read the paths", file=sys.stderr)
        return 2
    opts = RunOptions(
        fix=fix and not args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        stdin_text=stdin_text,
        stdin_name=args.stdin_filename,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else Path(args.cache_dir) if args.cache_dir else default_cache_dir(),
        stream=args.stream,
    )
    run_ = make_run(cfg, opts, args.rule_pack)
    run_.adopt_model_helper(helper)
    bar = _progress(args, run_, stdin_text is None)
    try:
        if args.dask:
            from .cluster import lint_on_dask

            items, notices = lint_on_dask(args.dask, run_, args.paths, args.rule_pack, jobs=args.jobs, bar=bar)
            return _stream_json(items, notices, cfg.max_score, cfg.fail_on)
        if args.stream:
            local = ((r, _counted(r, bar)) for r in run_.iter_results(args.paths))
            return _stream_json(local, lambda: run_.linter_notices() + run_.notices, cfg.max_score, cfg.fail_on)
        if bar is not None:
            opts.on_result = partial(_counted, bar=bar)
        results = run_.execute(args.paths)
    finally:
        if bar is not None:
            bar.close()
    for notice in dict.fromkeys([*run_.linter_notices(), *run_.notices]):
        print(f"lintnews: warning: {notice}", file=sys.stderr)
    errors = [r for r in results if r.error]
    for r in errors:
        print(f"lintnews: error: {r.error}", file=sys.stderr)
    if args.write_baseline:
        target = Path(args.write_baseline)
        base_dir = target.resolve().parent
        keys = [bl.key_for(f, r.doc.raw, base_dir) for r in results if r.doc is not None for f in r.findings]
        n = bl.write(target, keys)
        print(f"lintnews: wrote {n} finding{'s' if n != 1 else ''} to the baseline {target}", file=sys.stderr)
        return 2 if errors else 0
    baselined = 0
    if base_known is not None:
        base_dir = Path(args.baseline).resolve().parent
        for r in results:
            if r.doc is not None and r.findings:
                doc = r.doc
                keyed = [(bl.key_for(f, doc.raw, base_dir), f) for f in sorted(r.findings, key=lambda f: f.sort_key())]
                r.findings, absorbed = bl.new_findings(keyed, base_known)
                baselined += absorbed
    findings = sorted((f for r in results for f in r.findings), key=_order)
    if args.diff:
        for r in results:
            if r.diff:
                sys.stdout.write(r.diff)
        changed = any(r.diff for r in results)
        return 2 if errors else (1 if changed else 0)
    if stdin_text is not None and opts.fix:
        for r in results:
            if r.path == args.stdin_filename:
                sys.stdout.write(r.fixed_text if r.fixed_text is not None else stdin_text)
        return 2 if errors else 0
    scores = _scores(results)
    over = [s for s in scores if cfg.max_score is not None and s["score"] > cfg.max_score]
    files = list(dict.fromkeys(r.file for r in results))
    if fmt == "json":
        summary: dict[str, Any] = {
            "files": len(files),
            "articles": len(scores),
            "findings": len(findings),
            "fixed": sum(r.applied for r in results if r.fixed_text is not None),
            # of the findings listed, those the fixes made (as the text report's "Fixed" line says)
            "made_by_fixes": sum(r.introduced for r in results if r.fixed_text is not None),
            "errors": len(errors),
            "baselined": baselined,
            "statistics": statistics(findings),
            "scores": scores,
            "max_score": max((s["score"] for s in scores), default=0.0),
        }
        errs = [{"path": r.file, "message": r.error or ""} for r in errors]
        sys.stdout.write(render_json(findings, errs, summary))
    elif fmt == "github":
        sys.stdout.write(render_github(findings, [r.error or "" for r in errors]))
    elif fmt == "sarif":
        sys.stdout.write(render_sarif(findings, [r.error or "" for r in errors], run_.linter.rules))
    elif fmt == "junit":
        over_score = {s["path"]: _over_message(s, cfg.max_score) for s in over}
        errs_junit = [(r.file, r.error or "") for r in errors]
        elapsed = time.monotonic() - started
        sys.stdout.write(render_junit(files, findings, errs_junit, cfg.fail_on, over_score=over_score, elapsed=elapsed))
    elif fmt == "gitlab":
        sys.stdout.write(render_gitlab(findings, {r.path: r.doc for r in results if r.doc is not None}))
    elif args.statistics:
        if findings or not args.quiet:
            sys.stdout.write(render_statistics(findings))
    elif findings or not args.quiet:
        color = wants_color(args.color, sys.stdout.isatty())
        unfinished = len(set(run_.linter_notices()))
        if fmt == "concise":
            text = render_concise(findings, [r.error or "" for r in errors], color=color, unfinished=unfinished)
        else:
            docs = {r.path: r.doc for r in results if r.doc is not None}
            text = render_text(
                docs, findings, [r.error or "" for r in errors], color=color, scores=scores, unfinished=unfinished
            )
        if baselined:
            text += f"{baselined} finding{'s' if baselined != 1 else ''} in the baseline not shown.\n"
        if opts.fix:
            text += _fixed_line(results)
        if args.show_fixes:
            text += _show_fixes(results, findings, opts.fix, args.unsafe_fixes)
        sys.stdout.write(text)
    _report_over(over, cfg.max_score, fmt)
    if errors:
        return 2
    return 1 if over or any(f.severity >= cfg.fail_on for f in findings) else 0


def _fixed_line(results: list[FileResult]) -> str:
    """How many findings --fix fixed, and, honestly, how many of those shown above the fixes themselves made."""
    n = sum(r.applied for r in results if r.fixed_text is not None)
    line = f"Fixed {n} finding{'s' if n != 1 else ''}."
    new = sum(r.introduced for r in results if r.fixed_text is not None)
    if new:
        line += f" {new} of the findings above {'are' if new != 1 else 'is'} new, made by the fixes: review them."
    return line + "\n"


def _show_fixes(results: list[FileResult], findings: list[Finding], fixing: bool, unsafe: bool) -> str:
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


def _over_message(s: dict[str, Any], max_score: float | None) -> str:
    name = s["path"] + (f" (article {s['article']})" if "article" in s else "")
    return f"{name} scores {s['score']}, above --max-score {max_score:g}"


# formats whose stdout a program parses: a workflow command among them would break the file
_MACHINE_FORMATS = ("json", "sarif", "junit", "gitlab")


def _report_over(over: list[dict[str, Any]], max_score: float | None, fmt: str) -> None:
    """Each article over --max-score: a line on stderr, or under GitHub Actions (or --format github) an error
    annotation on the file. Workflow commands are documented on stdout, where the annotations go; after a machine
    format's output they go to stderr, which the runner reads for commands too, and the report stays parseable."""
    github = fmt == "github" or os.environ.get("GITHUB_ACTIONS") == "true"
    for s in over:
        message = _over_message(s, max_score)
        if github:
            (sys.stderr if fmt in _MACHINE_FORMATS else sys.stdout).write(github_max_score(s["path"], message))
        else:
            print(f"lintnews: {message}", file=sys.stderr)


def _progress(args: argparse.Namespace, run_: Run, sized: bool) -> Progress | None:
    """The progress line, for a person watching stderr (see progress.wanted); a streamed report on the same
    terminal would be torn by it, so then there is none. The input's size gives the time left."""
    if not wanted(sys.stderr, args.quiet, os.environ):
        return None
    if (args.stream or args.dask) and not args.output_file and sys.__stdout__ is not None and sys.__stdout__.isatty():
        return None
    total = 0
    if sized:
        for source, _ in run_.sources(args.paths):
            with contextlib.suppress(OSError):
                total += os.path.getsize(source.path)
    return Progress(sys.stderr, total or None)


def _counted(r: FileResult, bar: Progress | None = None) -> int:
    """The article's words (0 for an input error), added to the progress line if there is one."""
    words = r.doc.word_count if r.doc is not None and not r.error else 0
    if bar is not None and r.doc is not None and not r.error:
        bar.add(1, words, len(r.doc.raw))
    return words


def _stream_json(
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
    first = True
    stats: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    files: dict[str, None] = {}
    articles = n_findings = 0
    top = 0.0
    over: list[dict[str, Any]] = []
    failed = False
    for r, words in items:
        files.setdefault(r.file)
        if r.error:
            errors.append({"path": r.file, "message": r.error})
            print(f"lintnews: error: {r.error}", file=sys.stderr)
            continue
        article_findings(r)
        for f in sorted(r.findings, key=_order):
            out.write(("\n  " if first else ",\n  ") + json.dumps(finding_json(f), ensure_ascii=False))
            first = False
            stats[f.rule] += 1
            n_findings += 1
            failed = failed or f.severity >= fail_on
        articles += 1
        entry = _score_entry(r, words)
        top = max(top, entry["score"])
        if max_score is not None and entry["score"] > max_score:
            over.append(entry)
    summary = {
        "files": len(files),
        "articles": articles,
        "findings": n_findings,
        "fixed": 0,
        "made_by_fixes": 0,
        "errors": len(errors),
        "baselined": 0,
        "statistics": dict(sorted(stats.items(), key=lambda kv: (-kv[1], kv[0]))),
        "scores": over,
        "max_score": top,
        "streamed": True,
    }
    tail = json.dumps({"errors": errors, "summary": summary}, ensure_ascii=False, indent=1)
    out.write(("\n ],\n" if not first else "],\n") + tail[2:] + "\n")
    for notice in dict.fromkeys(notices()):
        print(f"lintnews: warning: {notice}", file=sys.stderr)
    _report_over(over, max_score, "json")
    if errors:
        return 2
    return 1 if over or failed else 0
