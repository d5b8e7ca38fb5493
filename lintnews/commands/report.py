"""`lintnews report`: the editor's report for a batch of articles, as one HTML page or a Markdown summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import LintnewsError
from .options import add_rule_options, resolve_config


def add_parser(sub: Any) -> None:
    p = sub.add_parser("report", help="write the editor's report (self-contained HTML, or a Markdown summary)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write the report (default: stdout)")
    p.add_argument("--format", choices=("html", "markdown"), default="html")
    p.add_argument("--title", default="lintnews report")
    add_rule_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported here: every command's parser is built on each run, `lintnews check` included
    from ..core.fileio import write_atomic
    from ..engine.runner import RunOptions, make_run
    from ..outputs.html_report import Article, render_html, render_markdown
    from ..outputs.report import plural

    cfg = resolve_config(args, args.paths)
    results = make_run(cfg, RunOptions(), args.rule_pack).execute(args.paths)
    errors = [r for r in results if r.error]
    for r in errors:
        print(f"lintnews: error: {r.error}", file=sys.stderr)
    articles = [Article.of(r.doc, r.findings) for r in results if r.doc is not None and not r.error]
    out = render_html(articles, args.title) if args.format == "html" else render_markdown(articles, args.title)
    if args.output:
        target = Path(args.output)
        try:
            if target.exists():
                write_atomic(target, out.encode("utf-8"))
            else:
                target.write_text(out, encoding="utf-8")
        except OSError as e:
            raise LintnewsError(f"{args.output}: cannot write the report: {e.strerror or e}") from None
        print(f"wrote {args.output}: {plural(len(articles), 'article')}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 2 if errors else 0
