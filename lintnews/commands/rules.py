"""`lintnews rules`: list the rules, or explain one with its examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import resolve
from ..errors import LintnewsError
from ..rulepack import Rule
from ..runner import select_rules


def add_parser(sub: Any) -> None:
    p = sub.add_parser("rules", help="list the rules, or --explain ID")
    p.add_argument("--explain", metavar="ID", help="show one rule: what it finds, why, its examples")
    p.add_argument("--rule-pack", action="append", default=[], metavar="PATH")
    p.add_argument("--config", metavar="FILE")
    p.set_defaults(run=run)


def explain(rule: Rule) -> str:
    lines = [
        f"{rule.id}",
        f"  kind: {rule.kind}   category: {rule.category}   severity: {rule.severity.label}   fix: {rule.fix}",
    ]
    if rule.languages:
        lines.append(f"  source language: {', '.join(rule.languages)}")
    lines.append(f"  pack: {rule.pack} ({rule.path}:{rule.line})")
    lines.append("")
    lines.append(f"  {rule.message}")
    if rule.description:
        lines += ["", *("  " + x for x in rule.description.splitlines())]
    if rule.source:
        lines += ["", "  Why: " + rule.source]
    lines += ["", "  Bad:"]
    for ex in rule.bad:
        lines.append(f"    - {ex.text!r}")
        if ex.fixed is not None:
            lines.append(f"      fixed: {ex.fixed!r}")
    lines += ["", "  Good:"]
    lines += [f"    - {g!r}" for g in rule.good]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    cfg = resolve(args.config, Path.cwd())
    rules = select_rules(cfg, args.rule_pack)
    if args.explain:
        for r in rules:
            if r.id == args.explain:
                sys.stdout.write(explain(r))
                return 0
        near = [r.id for r in rules if args.explain in r.id][:5]
        hint = f" (did you mean: {', '.join(near)})" if near else ""
        raise LintnewsError(f"no rule '{args.explain}'{hint}")
    width = max((len(r.id) for r in rules), default=10)
    for r in sorted(rules, key=lambda r: r.id):
        fix = {"safe": "fix", "unsafe": "fix*", "none": ""}[r.fix]
        sys.stdout.write(
            f"{r.id:<{width}}  {r.category:<14} {r.severity.label:<8} {fix:<5} {r.message.splitlines()[0][:80]}\n"
        )
    sys.stdout.write(f"{len(rules)} rules\n")
    return 0
