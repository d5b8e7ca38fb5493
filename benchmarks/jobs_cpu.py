"""Where the CPU of a --jobs run goes: this process, the rules child, each worker (its first batch apart).

usage: .venv/bin/python benchmarks/jobs_cpu.py FOLDER [--jobs 2] [--repeat 3]

Runs `lintnews check --format json --no-cache --jobs N FOLDER` in a fresh interpreter per round, with the pool
of speed/parallel.py watched from inside: the CPU seconds of this process while it loads the rules and the
model (Pool._load) and in all, of the child that loads the rules, and of each worker per batch. A worker's first
batch costs more per document than its later ones by what it derives on first use (tables, caches): that excess,
per worker, is what forking with it already derived would save. Printed figures, never pass/fail; on a loaded
machine read the ratios (first batch per document against the later ones) rather than the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# runs in the child interpreter: the pool's functions wrapped to log CPU seconds, one JSON line per event
PROBE = r"""
import contextlib, io, json, os, resource, sys, time
from lintnews.commands import cli
from lintnews.speed import parallel, tuning

LOG = sys.argv[1]

def log(*row):
    with open(f"{LOG}/{os.getpid()}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")

real_batch, real_rules, real_load = parallel._lint_batch, parallel._rules_in_child, parallel.Pool._load

def batch(docs):
    t = time.process_time()
    out = real_batch(docs)
    log("batch", time.process_time() - t, len(docs))
    return out

def rules(*args):
    real_rules(*args)
    log("rules", time.process_time())

def load(self):
    t = time.process_time()
    linter = real_load(self)
    log("load", time.process_time() - t)
    return linter

batch.__qualname__ = "batch"
parallel._lint_batch, parallel._rules_in_child, parallel.Pool._load = batch, rules, load
tuning.tune()
with contextlib.redirect_stdout(io.StringIO()):
    cli.main(sys.argv[2:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
log("parent", me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime)
"""


def one_round(folder: Path, jobs: int) -> dict[str, float]:
    """The figures of one run, from the events its processes logged."""
    with tempfile.TemporaryDirectory(prefix="jobs-cpu-") as tmp:
        cmd = [sys.executable, "-c", PROBE, tmp, "check", "--format", "json", "--no-cache", "--jobs", str(jobs)]
        subprocess.run([*cmd, str(folder)], check=False, stdout=subprocess.DEVNULL)
        rows = {p.stem: [json.loads(x) for x in p.read_text().splitlines()] for p in Path(tmp).glob("*.jsonl")}
    out: dict[str, float] = {"first excess": 0.0, "workers": 0.0, "rules child": 0.0}
    for events in rows.values():
        for name, *values in events:
            if name == "parent":
                out["parent"], out["children"] = values
            elif name == "load":
                out["parent load"] = values[0]
            elif name == "rules":
                out["rules child"] = values[0]
        batches = [(cpu, n) for name, cpu, n in (e for e in events if e[0] == "batch")]
        if len(batches) > 1:
            later = sum(c for c, _ in batches[1:]) / sum(n for _, n in batches[1:])
            out["first excess"] += batches[0][0] - later * batches[0][1]
            out["workers"] += sum(c for c, _ in batches)
    out["total"] = out.get("parent", 0.0) + out.get("children", 0.0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    rounds = [one_round(a.folder, a.jobs) for _ in range(a.repeat)]
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; CPU seconds, median of {a.repeat}")
    labels = {
        "total": "the process tree",
        "parent": "this process",
        "parent load": "  of which rules + model (Pool._load)",
        "rules child": "the rules child",
        "workers": "the workers, in their batches",
        "first excess": "  of which their first batches' excess",
    }
    for key, label in labels.items():
        values = [r.get(key, 0.0) for r in rounds]
        print(f"{label:40s} {statistics.median(values):6.2f}   ({' '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
