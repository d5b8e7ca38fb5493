"""CPU per checker: one in-process lint of folders of articles (no cache), each rule's check timed (Linter.timings).

usage: .venv/bin/python benchmarks/checker_cpu.py FOLDER... [--kinds regex,duplicate] [--top 25] [--json OUT]

The rules are set up and the parses the model rules read are made first (both reported apart), so the rows are
what each rule costs once a run is under way: the CPU time of this thread inside `check`, by kind and by rule.
With --kinds only the rules of those kinds run (and no parse unless one of them reads the model). Build a corpus
with benchmarks/speed.py's build_corpus; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from lintnews.core.config import resolve
from lintnews.core.document import Document
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import make_linter
from lintnews.speed.tuning import tune


def load(folders: list[Path]) -> list[Document]:
    return [make_document(str(p), p.read_text(encoding="utf-8")) for f in folders for p in sorted(f.glob("*.txt"))]


def linter_for(kinds: set[str]) -> Linter:
    linter = make_linter(resolve(None, Path.cwd()))
    if kinds:
        linter = Linter.of_checkers([c for c in linter.checkers if c.kind in kinds])
    linter.prepare()
    return linter


def measure(linter: Linter, docs: list[Document]) -> dict[str, float]:
    """Seconds of CPU: the parse ahead, the whole lint, the rules' share of it."""
    clock = time.thread_time
    t0 = clock()
    linter.prefetch(docs)
    parsed = clock() - t0
    linter.timings = {}
    t0 = clock()
    for doc in docs:
        linter.lint(doc)
    linted = clock() - t0
    return {"parse": parsed, "lint": linted, "rules": sum(linter.timings.values())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--kinds", default="", help="only the rules of these kinds (comma-separated)")
    ap.add_argument("--top", type=int, default=25, help="rules listed one by one")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    a = ap.parse_args()
    tune()  # the console script's collector thresholds: without them collections land in whichever rule runs
    t0 = time.thread_time()
    linter = linter_for({k for k in a.kinds.split(",") if k})
    setup = time.thread_time() - t0
    docs = load(a.folders)
    words = sum(len(d.text.split()) for d in docs)
    totals = measure(linter, docs)
    timings = linter.timings or {}
    kind_of = {c.rule.id: c.kind for c in linter.checkers}
    by_kind: defaultdict[str, float] = defaultdict(float)
    rules_of: defaultdict[str, int] = defaultdict(int)
    for rid, seconds in timings.items():
        by_kind[kind_of[rid]] += seconds
        rules_of[kind_of[rid]] += 1
    print(
        f"{len(docs)} documents, {words:,} words, {len(linter.checkers)} rules: set-up {setup:.2f} s, "
        f"parse ahead {totals['parse']:.2f} s, lint {totals['lint']:.2f} s CPU "
        f"(rules {totals['rules']:.2f} s, the engine around them {totals['lint'] - totals['rules']:.2f} s)"
    )
    for kind, seconds in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:24} {rules_of[kind]:4d} rules ran {seconds:7.3f} s")
    print("rules:")
    for rid, seconds in sorted(timings.items(), key=lambda kv: -kv[1])[: a.top]:
        print(f"  {rid:52} {kind_of[rid]:20} {seconds:7.3f} s")
    if a.json:
        a.json.write_text(json.dumps({"words": words, **totals, "kinds": by_kind, "rules": timings}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
