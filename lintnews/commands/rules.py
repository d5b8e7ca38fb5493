"""`lintnews rules`: list the rules, explain one, list the kinds and their options, or test the packs' examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..checkers.base import Checker, Option
from ..core.config import resolve
from ..core.errors import LintnewsError
from ..engine.ruleset import select_rules
from ..rules.examples import example_failures, needs_backend
from ..rules.kinds import available_kinds, checker_class
from ..rules.rulepack import Pack, Rule, collect_pack_paths, load_packs


def add_parser(sub: Any) -> None:
    p = sub.add_parser("rules", help="list the rules, --explain ID, --kinds, or --test the packs' examples")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--explain", metavar="ID", help="show one rule: what it finds, why, its examples")
    what.add_argument("--kinds", action="store_true", help="list the rule kinds with their options")
    what.add_argument(
        "--test",
        nargs="*",
        metavar="PACK",
        help="run the examples of these packs (names or files; all packs in use when none): exit 1 on a failure",
    )
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


def _type_name(spec: Option) -> str:
    t = spec.type
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    # a validating function is named after what it accepts: list_of_str, str_map
    return str(getattr(t, "__name__", "value")).strip("_").replace("_", " ")


def describe_kind(cls: type[Checker]) -> str:
    """A kind's one-line summary (its module's docstring) and each option: type, default, help."""
    doc = (sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
    summary = doc[0].removeprefix(f"kind: {cls.kind}:").strip() if doc else ""
    lines = [f"{cls.kind}: {summary}" if summary else cls.kind]
    if cls.needs_parser:
        lines.append("  (uses the spaCy tagger/parser)")
    for name, spec in cls.options.items():
        state = "required" if spec.required else f"default {spec.default!r}"
        lines.append(f"  {name} ({_type_name(spec)}, {state}): {spec.help}")
    if not cls.options:
        lines.append("  (no options)")
    return "\n".join(lines) + "\n"


def _is_path(word: str) -> bool:
    return word.endswith((".yaml", ".yml")) or Path(word).exists()


def _packs_to_test(cfg_packs: list[str], extra: list[str], wanted: list[str]) -> list[Pack]:
    """The packs in use (built-in, config, --rule-pack), plus pack files or folders named on the command line;
    only the wanted ones (by name, file or folder) when any are named."""
    paths = collect_pack_paths([*cfg_packs, *extra])
    known = {p.resolve() for p in paths}
    named_files = collect_pack_paths([w for w in wanted if _is_path(w)], builtin=False)
    paths += [f for f in named_files if f.resolve() not in known]
    packs = load_packs(paths)
    if not wanted:
        return packs
    names = {w for w in wanted if not _is_path(w)}
    chosen = {f.resolve() for f in named_files}
    missing = names - {p.name for p in packs}
    if missing:
        have = ", ".join(sorted(p.name for p in packs))
        raise LintnewsError(f"no pack named {', '.join(sorted(missing))} (packs: {have})")
    return [p for p in packs if p.name in names or Path(p.path).resolve() in chosen]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run_pack_examples(args: argparse.Namespace, cfg_packs: list[str]) -> int:
    packs = _packs_to_test(cfg_packs, args.rule_pack, args.test)
    rules = [r for p in packs for r in p.rules]
    runnable = [r for r in rules if not needs_backend(r)]
    failed = 0
    for failure in example_failures(runnable):
        failed += 1
        sys.stdout.write(failure.line() + "\n")
    examples = sum(len(r.bad) + len(r.good) for r in runnable)
    skipped = len(rules) - len(runnable)
    note = f"; {_count(skipped, 'rule')} skipped: a server is needed to run them" if skipped else ""
    sys.stdout.write(
        f"{_count(examples, 'example')} of {_count(len(runnable), 'rule')} in {_count(len(packs), 'pack')}: "
        f"{failed} failed{note}\n"
    )
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    cfg = resolve(args.config, Path.cwd())
    if args.kinds:
        sys.stdout.write("\n".join(describe_kind(checker_class(k)) for k in available_kinds()))
        return 0
    if args.test is not None:
        return run_pack_examples(args, list(cfg.rule_packs))
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
