"""`lintnews check`: lint files, folders or stdin; fix, diff, baseline, and report as text, JSON or for CI."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..core.config import Config
from ..core.errors import LintnewsError
from ..engine import baseline as bl
from ..engine.results import FileResult
from ..engine.runner import Run, RunOptions, make_run
from ..speed.cache import choose_cache_dir, default_cache_dir
from ..speed.cache_bound import cache_limit, sweep_if_due
from .check_args import add_check_arguments
from .check_render import Outcome, article_scores, finding_order, report_over, write_report
from .check_stream import counted, stream_json
from .options import resolve_config
from .progress import Progress, wanted


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="lint articles (files, folders, or - for stdin)")
    add_check_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    limit = cache_limit()  # a bad $LINTNEWS_CACHE_MAX fails before the linting, not after
    if args.cache_dir:
        choose_cache_dir(Path(args.cache_dir))
    with _output(args.output_file) as out, contextlib.redirect_stdout(out):
        code = _run(args, started)
    # after the report: the sweep, when one is due, delays no output (and --jobs workers never sweep)
    sweep_if_due(Path(args.cache_dir) if args.cache_dir else default_cache_dir(), limit)
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


def _run(args: argparse.Namespace, started: float) -> int:
    cfg = _config(args)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    # as ruff: only --fix writes; --unsafe-fixes alone or with --diff only widens what counts as a fix
    fix = bool(args.fix)
    base_known = bl.read(Path(args.baseline)) if args.baseline else None
    stdin_text = _read_stdin(args)
    if _refused(args, fmt, fix, stdin_text):
        return 2
    opts = _run_options(args, fix, stdin_text)
    run_ = make_run(cfg, opts, args.rule_pack)
    linted = _lint(args, run_, opts, cfg, _progress(args, run_, stdin_text is None))
    if isinstance(linted, int):
        return linted
    results = linted
    for notice in dict.fromkeys([*run_.linter_notices(), *run_.notices]):
        print(f"lintnews: warning: {notice}", file=sys.stderr)
    errors = [r for r in results if r.error]
    for r in errors:
        print(f"lintnews: error: {r.error}", file=sys.stderr)
    if args.write_baseline:
        return _write_baseline(Path(args.write_baseline), results, errors)
    baselined = _apply_baseline(Path(args.baseline), results, base_known) if base_known is not None else 0
    findings = sorted((f for r in results for f in r.findings), key=finding_order)
    if args.diff:
        return _print_diff(results, errors)
    if stdin_text is not None and opts.fix:
        return _print_fixed_stdin(args.stdin_filename, stdin_text, results, errors)
    outcome = Outcome(results, findings, errors, baselined, article_scores(results))
    return _report(args, fmt, cfg, run_, outcome, fixing=opts.fix, started=started)


def _config(args: argparse.Namespace) -> Config:
    overrides = {
        "fail-on": args.fail_on,
        "extend-exclude": args.exclude,
        "languagetool-url": args.languagetool_url,
        "languagetool-path": args.languagetool_path,
        "max-score": args.max_score,
    }
    return resolve_config(args, args.paths, **overrides)


def _read_stdin(args: argparse.Namespace) -> str | None:
    """The text on stdin, decoded, when a path is `-`."""
    if "-" not in args.paths:
        return None
    data = sys.stdin.buffer.read()
    from ..core.fileio import decode

    return decode(data, args.stdin_filename).text


def _refused(args: argparse.Namespace, fmt: str, fix: bool, stdin_text: str | None) -> bool:
    """Whether --stream or --dask is asked for with what they cannot do (said on stderr)."""
    streamed = args.stream or args.dask
    if streamed and (fmt != "json" or fix or args.diff or args.baseline or args.write_baseline or args.statistics):
        flag = "--dask" if args.dask else "--stream"
        print(
            f"lintnews: error: {flag} works with --format json only, without --fix, --diff, --statistics or baselines",
            file=sys.stderr,
        )
        return True
    if args.dask and stdin_text is not None:
        print("lintnews: error: --dask lints files, not stdin: its workers read the paths", file=sys.stderr)
        return True
    return False


def _run_options(args: argparse.Namespace, fix: bool, stdin_text: str | None) -> RunOptions:
    return RunOptions(
        fix=fix and not args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        stdin_text=stdin_text,
        stdin_name=args.stdin_filename,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else Path(args.cache_dir) if args.cache_dir else default_cache_dir(),
        stream=args.stream,
    )


def _lint(
    args: argparse.Namespace, run_: Run, opts: RunOptions, cfg: Config, bar: Progress | None
) -> int | list[FileResult]:
    """The results; or, streamed (--stream, --dask), the exit code once the report is written."""
    try:
        if args.dask:
            from .cluster import lint_on_dask

            items, notices = lint_on_dask(args.dask, run_, args.paths, args.rule_pack, jobs=args.jobs, bar=bar)
            return stream_json(items, notices, cfg.max_score, cfg.fail_on)
        if args.stream:
            local = ((r, counted(r, bar)) for r in run_.iter_results(args.paths))
            return stream_json(local, lambda: run_.linter_notices() + run_.notices, cfg.max_score, cfg.fail_on)
        if bar is not None:
            opts.on_result = partial(counted, bar=bar)
        return run_.execute(args.paths)
    finally:
        if bar is not None:
            bar.close()


def _write_baseline(target: Path, results: list[FileResult], errors: list[FileResult]) -> int:
    """--write-baseline: record every finding's key."""
    base_dir = target.resolve().parent
    keys = [bl.key_for(f, r.doc.raw, base_dir) for r in results if r.doc is not None for f in r.findings]
    n = bl.write(target, keys)
    print(f"lintnews: wrote {n} finding{'s' if n != 1 else ''} to the baseline {target}", file=sys.stderr)
    return 2 if errors else 0


def _apply_baseline(path: Path, results: list[FileResult], base_known: Counter[bl.Key]) -> int:
    """--baseline: drop the findings it holds from each result; how many were dropped."""
    base_dir = path.resolve().parent
    baselined = 0
    for r in results:
        if r.doc is not None and r.findings:
            doc = r.doc
            keyed = [(bl.key_for(f, doc.raw, base_dir), f) for f in sorted(r.findings, key=lambda f: f.sort_key())]
            r.findings, absorbed = bl.new_findings(keyed, base_known)
            baselined += absorbed
    return baselined


def _print_diff(results: list[FileResult], errors: list[FileResult]) -> int:
    """--diff: the fixes as a unified diff; 1 when there is any."""
    for r in results:
        if r.diff:
            sys.stdout.write(r.diff)
    changed = any(r.diff for r in results)
    return 2 if errors else (1 if changed else 0)


def _print_fixed_stdin(name: str, stdin_text: str, results: list[FileResult], errors: list[FileResult]) -> int:
    """--fix on stdin: the fixed text (or the text as read) goes back out on stdout."""
    for r in results:
        if r.path == name:
            sys.stdout.write(r.fixed_text if r.fixed_text is not None else stdin_text)
    return 2 if errors else 0


def _report(
    args: argparse.Namespace, fmt: str, cfg: Config, run_: Run, o: Outcome, *, fixing: bool, started: float
) -> int:
    """The report, the --max-score notes, and the exit code."""
    over = [s for s in o.scores if cfg.max_score is not None and s["score"] > cfg.max_score]
    write_report(
        args, fmt, run_, o, over=over, max_score=cfg.max_score, fail_on=cfg.fail_on, fixing=fixing, started=started
    )
    report_over(over, cfg.max_score, fmt)
    if o.errors:
        return 2
    return 1 if over or any(f.severity >= cfg.fail_on for f in o.findings) else 0


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
