"""Adversarial Markdown and HTML: CPU seconds of a whole `lintnews check` on 1 MB of each pathological input.

usage: .venv/bin/python benchmarks/adversarial.py [--size 1000000] [--only NAME,...] [--reader] [--jobs N]

Each input is one family of constructs that a parser or a sentence rule can be made to rescan: emphasis
delimiter runs, link openers, backtick runs of growing length, unclosed tags, nested containers, entities, one
line with no sentence end. Each is written to a file of about `--size` characters and checked by the installed
console script in a child process, with a cache folder of its own in which a first run on the bundled corpus/ has
already compiled the rules and built the derived word tables (so the figure is the lint of that file, not a first
run's compilation: the CMU dictionary's table alone takes 0.8 s to build); the CPU time is the child's user+sys.
The floor line is the same command on a one-sentence file: what any check costs before reading anything.
`--reader` adds the CPU time of the reader alone (lintnews.core.readers.read) in this process. `--jobs N` is
passed to the check: by default (auto) one file is linted beside a model helper process that loads spaCy at
once and runs the model rules on its own copy of the document, whose CPU time is counted too; `--jobs 1` lints
in one process.
Nothing here is a pass/fail test: tests/test_linear_time.py checks the growth with input size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_linear_time import INPUTS, build  # noqa: E402

LINTNEWS = ROOT / ".venv" / "bin" / "lintnews"


def _child_cpu(argv: list[str]) -> tuple[float, int]:
    """User+sys CPU seconds of one child process, and its exit status."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {proc.returncode}: {err.decode(errors='replace').strip()}")
    return usage.ru_utime + usage.ru_stime, proc.returncode


def _reader_cpu(path: str, raw: str) -> float:
    from lintnews.core.readers import read

    start = time.process_time()
    read(path, raw)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="characters per input (default 1,000,000)")
    ap.add_argument("--only", default="", help="comma-separated input names")
    ap.add_argument("--reader", action="store_true", help="also time the reader alone, in this process")
    ap.add_argument("--jobs", default="", help="passed to `lintnews check --jobs` (default: its own, auto)")
    args = ap.parse_args()
    chosen = [n for n in args.only.split(",") if n] or list(INPUTS)
    unknown = [n for n in chosen if n not in INPUTS]
    if unknown:
        sys.exit(f"unknown input(s): {', '.join(unknown)}; known: {', '.join(INPUTS)}")
    with tempfile.TemporaryDirectory(prefix="lintnews-adversarial-") as tmp:
        cache = Path(tmp) / "cache"
        floor_file = Path(tmp) / "floor.md"
        floor_file.write_text("The minister spoke in Cairo on Monday.\n", encoding="utf-8")
        base = [str(LINTNEWS), "check", "--cache-dir", str(cache), "--exit-zero"]
        if args.jobs:
            base += ["--jobs", args.jobs]
        # compile and cache the rules and build every derived table once, as any earlier run would have
        _child_cpu([*base, str(ROOT / "corpus")])
        floor_file.write_text("The minister spoke in Cairo on Tuesday.\n", encoding="utf-8")
        floor, _ = _child_cpu([*base, str(floor_file)])
        head = f"{'input':<22}{'chars':>10}{'check CPU s':>13}{'minus floor':>13}"
        print(head + (f"{'reader CPU s':>14}" if args.reader else ""))
        print(f"{'floor (one sentence)':<22}{'':>10}{floor:>13.2f}")
        for name in chosen:
            suffix, unit = INPUTS[name]
            # a first line of its own: two inputs whose views are the same would share the findings cache
            raw = f"<!-- {name} -->\n" + build(unit, args.size)
            path = Path(tmp) / f"{name}{suffix}"
            path.write_text(raw, encoding="utf-8")
            cpu, _ = _child_cpu([*base, str(path)])
            line = f"{name:<22}{len(raw):>10}{cpu:>13.2f}{cpu - floor:>13.2f}"
            if args.reader:
                line += f"{_reader_cpu(str(path), raw):>14.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
