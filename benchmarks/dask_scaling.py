"""Dask scaling curve: `check --dask local` on a LocalCluster of 1, 2 and 4 processes against `check --jobs 2`.

usage: .venv/bin/python benchmarks/dask_scaling.py [--words 200000] [--workers 1,2,4] [--repeat 1] [--shards 0]

The MT copy of corpus/articles recombined into ~800-word articles (as benchmarks/speed.py builds it), written as
plain files, or with --shards N as N JSON Lines shards. Each run is the installed `lintnews` command with a
private cache folder and --no-cache (the derived word tables are built by a first run, not timed). Wall time
and CPU time (user+sys of the process tree) are printed, with the words/s of each and the wall ratio to
`--jobs 2`. The local workers are forked by a fork server that outlives the command: this process adopts and
reaps them (PR_SET_CHILD_SUBREAPER), so their CPU time is counted. Processes beyond the machine's cores cannot
go faster: the curve then says what the cluster itself costs. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import LINTNEWS, build_corpus, run

PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans() -> bool:
    """Make this process the reaper of its descendants (Linux): the workers of `--dask local` are forked by a
    fork server that outlives the command, and their CPU time counts only once someone waits for them."""
    try:
        import ctypes

        return ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return False


def reap(seconds: float = 20.0) -> None:
    """Wait for the orphans a run left (see adopt_orphans), so their CPU time is in RUSAGE_CHILDREN."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def timed_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """speed.run, with the CPU time of the run's orphans (the fork server and its workers) counted in."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = run(cmd, env=env)
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shard(folder: Path, n: int, out: Path) -> list[Path]:
    """The articles of `folder` as `n` JSON Lines shards of about equal size (the archive case)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(folder.glob("*.txt"))
    shards = [out / f"shard_{i:03d}.jsonl" for i in range(n)]
    handles = [s.open("w", encoding="utf-8") for s in shards]
    try:
        for i, p in enumerate(paths):
            row = {"id": p.stem, "text": p.read_text(encoding="utf-8")}
            handles[i % n].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for h in handles:
            h.close()
    return shards


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--workers", default="1,2,4", help="LocalCluster sizes (processes of one thread)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds, run in turn; medians shown")
    ap.add_argument("--shards", type=int, default=0, help="write the corpus as this many JSON Lines shards")
    a = ap.parse_args()
    if not LINTNEWS.exists():
        sys.exit("run `bash scripts/setup.sh --dev` first (the dev extra brings Dask)")
    sizes = [int(x) for x in a.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="lintnews-dask-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp / "cache")}
        folder = tmp / "mt"
        files, words = build_corpus(folder, a.words)
        target = folder
        what = f"{files} files"
        if a.shards:
            target = tmp / "shards"
            shard(folder, a.shards, target)
            what = f"{a.shards} JSON Lines shards"
        print(f"load average     : {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        print(f"corpus           : {words:,} words of MT copy in {what}")
        base = [str(LINTNEWS), "check", "--format", "json", "--no-cache"]
        run([*base, "--jobs", "1", str(sorted(folder.glob("*.txt"))[0])], env=env)  # the derived tables, untimed
        timed = {"--jobs 2": [*base, "--stream", "--jobs", "2", str(target)]}
        for n in sizes:
            timed[f"--dask local, {n} proc"] = [*base, "--dask", "local", "--jobs", str(n), str(target)]
        if not adopt_orphans():
            print("CPU time         : the local workers' CPU time cannot be counted here (no PR_SET_CHILD_SUBREAPER)")
        rounds = [{k: timed_run(cmd, env) for k, cmd in timed.items()} for _ in range(max(1, a.repeat))]
        med = {
            k: (statistics.median(r[k][0] for r in rounds), statistics.median(r[k][1] for r in rounds)) for k in timed
        }
        ref_wall = med["--jobs 2"][0]
        one = med.get("--dask local, 1 proc", (0.0, 0.0))[0]
        for k, (wall, cpu) in med.items():
            line = (
                f"{k:22s}: {wall:6.1f} s wall {words / wall:8.0f} words/s, {cpu:6.1f} s CPU {words / cpu:8.0f} words/s"
            )
            line += f"; {ref_wall / wall:.2f}x --jobs 2"
            if one and k.startswith("--dask"):
                line += f", {one / wall:.2f}x one process"
            print(line)
        print(f"load average     : {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
