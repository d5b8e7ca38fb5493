"""Speed and scale benchmark: words/s (1 and 2 jobs), peak memory, cold start, cached re-run, proselint ratio, growth.

setup: bash scripts/setup.sh && .venv/bin/pip install -e ".[bench]"   (proselint, the yardstick)
usage: .venv/bin/python benchmarks/speed.py [--words 200000] [--cached-articles 1000] [--growth] [--no-proselint]
       [--repeat 3]

Builds a corpus from corpus/articles (articles recombined paragraph by paragraph, so no two files are
identical and the content-hash cache cannot help the timed runs), then runs the installed
`lintnews` command on it as a user would, and prints the figures. Nothing here is a pass/fail test.
Every figure is given as wall time and as CPU time (user+sys of the process tree): on a loaded machine the
CPU figure is the one that says what lintnews costs; words/s are reported for both.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINTNEWS = ROOT / ".venv" / "bin" / "lintnews"
PYTHON = ROOT / ".venv" / "bin" / "python"
# the articles of the timed first use (enough to meet every derived table and the patterns of every pack)
FIRST_USE_ARTICLES = 20


def paragraphs() -> list[str]:
    out: list[str] = []
    for p in sorted((ROOT / "corpus" / "articles").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        sep = "\n\n" if "\n\n" in text else "\n"
        out.extend(x.strip() for x in text.split(sep) if x.strip())
    return out


def build_corpus(folder: Path, words: int, seed: int = 1, article_words: int = 800) -> tuple[int, int]:
    """Write articles of about `article_words` words until `words` words; returns (files, words)."""
    rng = random.Random(seed)
    paras = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    total = files = 0
    while total < words:
        chosen: list[str] = []
        n = 0
        while n < article_words:
            para = rng.choice(paras)
            chosen.append(para)
            n += len(para.split())
        (folder / f"article_{files:06d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        files += 1
        total += n
    return files, total


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user+sys of the command and its children, e.g. --jobs workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}): {proc.stderr[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def repeated(times: int) -> str:
    return f", median of {times}" if times > 1 else ""


def rate(words: int, wall: float, cpu: float) -> str:
    return f"{words / wall:9.0f} words/s wall ({wall:.1f} s), {words / cpu:9.0f} words/s CPU ({cpu:.1f} s)"


def peak_memory_mb(cmd: list[str]) -> int:
    # getrusage(CHILDREN) keeps the largest child seen so far: measure in a fresh interpreter
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def lint_cmd(folder: Path, *extra: str) -> list[str]:
    return [str(LINTNEWS), "check", "--format", "json", "--no-cache", *extra, str(folder)]


def proselint_available() -> bool:
    return shutil.which("proselint", path=str(LINTNEWS.parent)) is not None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--cached-articles", type=int, default=1000, help="articles in the cached re-run folder")
    ap.add_argument("--growth", action="store_true", help="also measure words/s at 50k, 200k and 1M words")
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of lintnews (1 and 2 jobs) and proselint run in turn; the median of each is shown",
    )
    a = ap.parse_args()
    if not LINTNEWS.exists():
        sys.exit("run `bash scripts/setup.sh` first")
    with tempfile.TemporaryDirectory(prefix="lintnews-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # a private cache: the user's own must neither help nor be touched
        env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp / "cache")}
        corpus = tmp / "corpus"
        files, words = build_corpus(corpus, a.words)
        print(f"corpus: {files} articles, {words} words (built from corpus/articles)")
        print(f"load average     : {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        one = tmp / "one"
        build_corpus(one, 800 * 7, seed=7)
        articles = sorted(one.glob("*.txt"))[:7]
        # the very first use builds what is derived from installed data and from lintnews' own code, once per
        # cache folder and kept even by --no-cache (word tables, syllable counts, the patterns' word queries):
        # a first run over a few articles that call for all of them, timed apart
        first_use = tmp / "first-use"
        build_corpus(first_use, 800 * FIRST_USE_ARTICLES, seed=11)
        fw, fc = run(lint_cmd(first_use, "--jobs", "1"), env=env)
        print(
            f"first run        : {fw:9.2f} s wall, {fc:.2f} s CPU ({FIRST_USE_ARTICLES} articles, empty cache folder: "
            "derived tables built)"
        )

        # lintnews (one process, two) and proselint in turn, `repeat` rounds: a machine that slows down for a
        # minute slows all three alike, so their ratio holds
        timed = {"one": lint_cmd(corpus, "--jobs", "1"), "two": lint_cmd(corpus, "--jobs", "2")}
        prose = not a.no_proselint and proselint_available()
        if prose:
            timed["proselint"] = [str(LINTNEWS.parent / "proselint"), "check", str(corpus)]
        rounds = [
            {k: run(cmd, env=env if k != "proselint" else None) for k, cmd in timed.items()}
            for _ in range(max(1, a.repeat))
        ]
        medians = {
            k: (statistics.median(r[k][0] for r in rounds), statistics.median(r[k][1] for r in rounds)) for k in timed
        }
        (t1, c1), (t2, c2) = medians["one"], medians["two"]
        walls = "; ".join(f"{k} " + " ".join(f"{r[k][0]:.1f}" for r in rounds) for k in timed)
        print(f"rounds (wall s)  : {walls}")
        print(f"one process      : {rate(words, t1, c1)}{repeated(a.repeat)}")
        print(f"--jobs 2         : {rate(words, t2, c2)}{repeated(a.repeat)}")
        mem = peak_memory_mb(lint_cmd(corpus, "--jobs", "2"))
        print(f"peak memory      : {mem:9d} MB (largest process, --jobs 2)")

        nocache = [run([str(LINTNEWS), "check", "--no-cache", str(p)], env=env) for p in articles]
        print(
            f"cold start       : {statistics.median(w for w, _ in nocache):9.2f} s wall, "
            f"{statistics.median(c for _, c in nocache):.2f} s CPU median of {len(nocache)} "
            "(one ~800-word article, --no-cache: rules compiled from the YAML)"
        )
        run([str(LINTNEWS), "check", str(articles[0])], env=env)  # compiles the rules into the cache
        warm = [run([str(LINTNEWS), "check", str(p)], env=env) for p in articles[1:]]
        print(
            f"cold start       : {statistics.median(w for w, _ in warm):9.2f} s wall, "
            f"{statistics.median(c for _, c in warm):.2f} s CPU median of {len(warm)} "
            "(a new ~800-word article each time, compiled rules cached: the pre-commit case)"
        )

        thousand = tmp / "thousand"
        build_corpus(thousand, 800 * a.cached_articles, seed=3)
        n = len(list(thousand.glob("*.txt")))
        cached_cmd = [str(LINTNEWS), "check", "--format", "json", "--jobs", "2", str(thousand)]
        first, first_cpu = run(cached_cmd, env=env)
        second, second_cpu = run(cached_cmd, env=env)
        print(
            f"cached re-run    : {second:9.2f} s wall, {second_cpu:.2f} s CPU for {n} unchanged articles "
            f"(first run {first:.1f} s wall, {first_cpu:.1f} s CPU)"
        )

        if not a.no_proselint:
            if not prose:
                print('proselint        : not installed (.venv/bin/pip install -e ".[bench]") - skipped')
            else:
                tp, cp = medians["proselint"]
                print(f"proselint        : {rate(words, tp, cp)}{repeated(a.repeat)} (run in turn with lintnews)")
                print(
                    f"ratio            : lintnews --jobs 2 is {tp / t2:.2f}x proselint's speed in wall time, "
                    f"lintnews in one process {cp / c1:.2f}x in CPU time"
                )

        if a.growth:
            previous: tuple[int, float, float] | None = None
            for size in (50_000, 200_000, 1_000_000):
                folder = tmp / f"g{size}"
                _, w = build_corpus(folder, size, seed=size)
                t, c = run(lint_cmd(folder, "--jobs", "2"), env=env)
                print(f"growth {size:>9,} : {rate(w, t, c)}")
                if prose:
                    # proselint on the same folder, right after: the ratio at each size (lintnews' start-up is
                    # a fixed cost, so the ratio moves with the size of the run)
                    pt, pc = run([str(LINTNEWS.parent / "proselint"), "check", str(folder)])
                    print(f"  proselint      : {rate(w, pt, pc)}; lintnews --jobs 2 is {pt / t:.2f}x its speed")
                if previous is not None:
                    # the words added over the time added: a fixed start-up (spaCy loaded per worker) cancels out,
                    # so a flat marginal rate means the cost per word does not grow with the corpus
                    pw, pt, pc = previous
                    print(f"  marginal       : {rate(w - pw, t - pt, c - pc)} ({pw:,} -> {w:,} words)")
                previous = (w, t, c)
                shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
