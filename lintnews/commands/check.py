"""`lintnews check`: lint files, folders or stdin; fix, diff, and report in text or JSON."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..config import resolve
from ..report import render_json, render_text
from ..runner import RunOptions, make_run


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="lint articles (files, folders, or - for stdin)")
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run (default error)"
    )
    p.add_argument(
        "--select", action="append", metavar="ID", help="only these rules (id, id prefix or category); repeatable"
    )
    p.add_argument(
        "--ignore", action="append", metavar="ID", help="skip these rules (id, id prefix or category); repeatable"
    )
    p.add_argument(
        "--language",
        action="append",
        metavar="LANG",
        help="source language of the copy (es, fr, pt, it): picks calque packs",
    )
    p.add_argument(
        "--rule-pack", action="append", default=[], metavar="PATH", help="extra rule pack file or folder; repeatable"
    )
    p.add_argument(
        "--config", metavar="FILE", help="a .lintnews.toml or pyproject.toml to use instead of the one found"
    )
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing")
    p.add_argument("--stdin-filename", default="-", metavar="NAME", help="the name to report for text read from stdin")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing in text format when there are no findings")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    overrides = {
        "select": args.select,
        "ignore": args.ignore,
        "fail-on": args.fail_on,
        "languages": args.language,
    }
    cfg = resolve(args.config, Path.cwd(), overrides)
    fix = args.fix or (args.unsafe_fixes and not args.diff)
    stdin_text = None
    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        from ..fileio import decode

        stdin_text = decode(data, args.stdin_filename).text
    opts = RunOptions(
        fix=fix and not args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        stdin_text=stdin_text,
        stdin_name=args.stdin_filename,
    )
    run_ = make_run(cfg, opts, args.rule_pack)
    results = run_.execute(args.paths)
    for notice in dict.fromkeys(run_.linter.notices):
        print(f"lintnews: warning: {notice}", file=sys.stderr)
    errors = [r for r in results if r.error]
    for r in errors:
        print(f"lintnews: error: {r.error}", file=sys.stderr)
    findings = sorted((f for r in results for f in r.findings), key=lambda f: f.sort_key())
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
    if args.format == "json":
        summary = {
            "files": len(results),
            "findings": len(findings),
            "fixed": sum(r.applied for r in results if r.fixed_text is not None),
            "errors": len(errors),
        }
        errs = [{"path": r.path, "message": r.error or ""} for r in errors]
        sys.stdout.write(render_json(findings, errs, summary))
    elif findings or not args.quiet:
        docs = {r.path: r.doc for r in results if r.doc is not None}
        text = render_text(docs, findings, [r.error or "" for r in errors], color=os.isatty(1))
        if opts.fix:
            n = sum(r.applied for r in results if r.fixed_text is not None)
            text += f"Fixed {n} finding{'s' if n != 1 else ''}.\n"
        sys.stdout.write(text)
    if errors:
        return 2
    return 1 if any(f.severity >= cfg.fail_on for f in findings) else 0
