"""Speed and scale benchmark: lintnews against proselint and against the floor, on MT and on clean news.

setup: bash scripts/setup.sh && .venv/bin/pip install -e ".[bench]"   (proselint, the yardstick)
usage: .venv/bin/python benchmarks/speed.py [--quick] [--words 200000] [--cached-articles 1000] [--growth]
       [--no-proselint] [--repeat 3] [--memory-sizes 200000,1000000] [--archive ARTICLES.jsonl ...]

Builds two corpora, articles recombined paragraph by paragraph (so no two files are identical and the
content-hash cache cannot help the timed runs): the MT copy from corpus/articles, and clean news from the
clean English text the project ships (corpus/articles/004_*, tests/data/clean_news_*.txt). Each is run with
the installed `lintnews` command as a user would, and with proselint in turn, and set against the floor:
reading the files plus one compiled regex pass, and the spaCy tokeniser alone, in this process. Then the
pre-commit case (one article, compiled rules cached; as a new process, and made by the warm server of
`check --warm`, whose start is timed apart) and peak memory at two sizes. Every ratio is from
this one run. Nothing here is a pass/fail test. `--quick` (50k words, one round, memory at 50k and 250k,
100 cached articles) took 100-140 s on this 2-core machine at load 3-5.
Every figure is given as wall time and as CPU time (user+sys of the process tree): on a loaded machine the
CPU figure is the one that says what lintnews costs; words/s are reported for both.
The recombined corpora repeat their paragraphs (each corpus's heading says how many are repeats), which favours
whatever a run remembers per text; `--archive` adds the same comparison on real articles, each once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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


# the shipped clean English news: the control article and the project's own clean test texts
CLEAN_SOURCES = (
    *sorted((ROOT / "corpus" / "articles").glob("004_*.txt")),
    ROOT / "tests" / "data" / "clean_news_own.txt",
    ROOT / "tests" / "data" / "clean_news_lexical.txt",
)


def paragraphs(sources: tuple[Path, ...] | None = None) -> list[str]:
    out: list[str] = []
    for p in sources if sources is not None else tuple(sorted((ROOT / "corpus" / "articles").glob("*.txt"))):
        text = p.read_text(encoding="utf-8")
        sep = "\n\n" if "\n\n" in text else "\n"
        out.extend(x.strip() for x in text.split(sep) if x.strip())
    return out


def build_corpus(
    folder: Path, words: int, seed: int = 1, article_words: int = 800, sources: tuple[Path, ...] | None = None
) -> tuple[int, int]:
    """Write articles of about `article_words` words until `words` words; returns (files, words)."""
    rng = random.Random(seed)
    paras = paragraphs(sources)
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


def write_archive(folder: Path, archive: Path) -> tuple[int, int]:
    """Each article of a JSON Lines archive (one object a line, its `text`) written once as a file of its own;
    returns (files, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = words = 0
    for line in archive.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        (folder / f"article_{files:06d}.txt").write_text(text, encoding="utf-8")
        files += 1
        words += len(text.split())
    return files, words


def repeats(folder: Path) -> float:
    """The share of the folder's paragraphs that are repeats of another: a run that remembers per text gains on them."""
    paras = [p.strip() for f in folder.glob("*.txt") for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return 1 - len(set(paras)) / max(1, len(paras))


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


# one pass a linter cannot do without: every word found by a compiled regex
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def floor(folder: Path) -> tuple[float, float]:
    """CPU seconds of reading the files plus one compiled regex pass, and of the spaCy tokeniser alone (its
    start-up apart: see spacy_start)."""
    paths = sorted(folder.glob("*.txt"))
    c0 = time.process_time()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n = sum(1 for t in texts for _ in WORD.finditer(t))
    read_regex = time.process_time() - c0
    assert n > 0
    import spacy

    nlp = spacy.blank("en")
    c0 = time.process_time()
    for t in texts:
        nlp.tokenizer(t)
    return read_regex, time.process_time() - c0


def spacy_start() -> float:
    """CPU seconds of importing spaCy and building its blank English pipeline, in a fresh interpreter."""
    code = "import time;t=time.process_time();import spacy;spacy.blank('en');print(time.process_time()-t)"
    out = subprocess.run([str(PYTHON), "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def model_floor(folder: Path) -> dict[str, float]:
    """benchmarks/model_floor.py's figures for `folder`, in a fresh interpreter (so the model's load is timed whole)."""
    script = Path(__file__).with_name("model_floor.py")
    out = subprocess.run([str(PYTHON), str(script), str(folder), "--json"], capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def compare(label: str, folder: Path, words: int, a: argparse.Namespace, *, env: dict[str, str], prose: bool) -> None:
    """lintnews (one process, two) and proselint in turn on `folder`, then the floor; ratios of this run."""
    print(
        f"\n== {label}: {len(list(folder.glob('*.txt')))} articles, {words} words, "
        f"{repeats(folder):.0%} of paragraphs repeats of another"
    )
    # `repeat` rounds in turn: a machine that slows down for a minute slows all three alike, so their ratio holds
    timed = {"one": lint_cmd(folder, "--jobs", "1"), "two": lint_cmd(folder, "--jobs", "2")}
    if prose:
        timed["proselint"] = [str(LINTNEWS.parent / "proselint"), "check", str(folder)]
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
    if prose:
        tp, cp = medians["proselint"]
        print(f"proselint        : {rate(words, tp, cp)}{repeated(a.repeat)} (run in turn with lintnews)")
        print(
            f"ratio            : lintnews one process {cp / c1:.2f}x proselint's speed per CPU second; "
            f"--jobs 2 {tp / t2:.2f}x its wall speed"
        )
    read_regex, tok = floor(folder)
    load = spacy_start()
    print(
        f"floor            : read + one regex pass {read_regex:.3f} s CPU ({words / read_regex:,.0f} words/s); "
        f"spaCy tokeniser alone {tok:.3f} s CPU ({words / tok:,.0f} words/s; import + blank('en') {load:.2f} s more)"
    )
    print(
        f"ratio to floor   : lintnews one process costs {c1 / read_regex:.0f}x the read + regex floor, "
        f"{c1 / tok:.1f}x the tokeniser ({c1 / (tok + load):.1f}x with its load)"
    )
    m = model_floor(folder)
    least = m["load"] + m["products"]
    print(
        f"model floor      : the rules send {m['sent_words'] / words:.0%} of the words to the tagger; its load "
        f"{m['load']:.2f} s + tagging them {m['tagging']:.2f} s CPU, of which the matrix products alone "
        f"{m['products']:.2f} s; load + products {least:.2f} s"
    )
    if prose:
        budget = cp / 2
        print(
            f"  vs the target  : 2x proselint's speed allows {budget:.2f} s CPU for the whole run; the model's "
            f"load and products alone take {least / budget:.1f}x that; lintnews one process costs "
            f"{c1 / least:.1f}x them"
        )


def server_ticks(pid: int) -> float:
    """CPU seconds of the server and of the children it has reaped: utime, stime, cutime, cstime of /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def warm_status(env: dict[str, str]) -> dict[str, float] | None:
    """The warm server's figures (`lintnews warm status`), read from its one line; None if none is serving."""
    out = subprocess.run([str(LINTNEWS), "warm", "status"], env=env, capture_output=True, text=True, check=False)
    found = re.search(r"pid (\d+).* (\d+) MB resident, ([\d.]+) s CPU own", out.stdout)
    if out.returncode != 0 or found is None:
        return None
    return {"pid": int(found[1]), "rss_mb": int(found[2]), "cpu": float(found[3])}


def warm_runs(tmp: Path, articles: list[Path], env: dict[str, str]) -> float | None:
    """The pre-commit case made by the warm server (`check --warm`), its CPU counted whole: this client's and
    the forked run's, which the server reaps, so that it joins the server's cutime and cstime. Prints the
    server's start (CPU until it serves, resident memory) and the runs on articles[1:]; returns their median CPU.
    A cache folder of its own, its rules compiled by a run on articles[0] as the cold row's were: the findings
    the cold row cached must not serve these runs."""
    if not sys.platform.startswith("linux"):
        print("pre-commit, warm : needs Linux - skipped")
        return None
    folder = tmp / "run"
    folder.mkdir(mode=0o700)
    wenv = {**env, "XDG_RUNTIME_DIR": str(folder), "LINTNEWS_WARM_IDLE": "600", "LINTNEWS_CACHE_DIR": str(tmp / "wc")}
    run([str(LINTNEWS), "check", str(articles[0])], env=wenv)
    t0 = time.perf_counter()
    started = subprocess.run([str(LINTNEWS), "warm", "start"], env=wenv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    status = warm_status(wenv)
    if started.returncode != 0 or status is None:
        print(f"pre-commit, warm : the server did not start - skipped ({started.stderr.strip()[-200:]})")
        return None
    pid = int(status["pid"])
    print(
        f"warm server start: {wall:9.2f} s wall until it serves, {status['cpu']:.2f} s CPU (imports, model, "
        f"warm-up run), {status['rss_mb']:.0f} MB resident"
    )
    runs = []
    for p in articles[1:]:
        before = server_ticks(pid)
        w, client = run([str(LINTNEWS), "check", "--warm", str(p)], env=wenv)
        runs.append((w, client, server_ticks(pid) - before))
    subprocess.run([str(LINTNEWS), "warm", "stop"], env=wenv, capture_output=True, check=False)
    cpu = statistics.median(c + s for _, c, s in runs)
    print(
        f"pre-commit, warm : {statistics.median(w for w, _, _ in runs):9.2f} s wall, {cpu:.2f} s CPU median of "
        f"{len(runs)} (the same articles, `check --warm`: client {statistics.median(c for _, c, _ in runs):.2f} s "
        f"+ the forked run {statistics.median(s for _, _, s in runs):.2f} s, from the server's cutime)"
    )
    return cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="50k words, one round, memory at 50k and 250k")
    ap.add_argument("--words", type=int, default=None, help="words per corpus (200000; 50000 with --quick)")
    ap.add_argument("--cached-articles", type=int, default=None, help="articles in the cached re-run folder")
    ap.add_argument("--growth", action="store_true", help="also measure words/s at 50k, 200k and 1M words")
    ap.add_argument("--no-proselint", action="store_true")
    ap.add_argument(
        "--archive",
        type=Path,
        action="append",
        default=[],
        help="also compare on the articles of this JSON Lines archive, each once (the built corpora repeat their "
        "paragraphs, which favours whatever is remembered per text)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="rounds of lintnews (1 and 2 jobs) and proselint run in turn; the median of each is shown (3; 1 quick)",
    )
    ap.add_argument("--memory-sizes", default=None, help="two corpus sizes for peak memory (200000,1000000)")
    a = ap.parse_args()
    a.words = a.words or (50_000 if a.quick else 200_000)
    a.repeat = a.repeat or (1 if a.quick else 3)
    a.cached_articles = a.cached_articles or (100 if a.quick else 1000)
    sizes = [int(x) for x in (a.memory_sizes or ("50000,250000" if a.quick else "200000,1000000")).split(",")]
    if not LINTNEWS.exists():
        sys.exit("run `bash scripts/setup.sh` first")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lintnews-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # a private cache: the user's own must neither help nor be touched
        env = {**os.environ, "LINTNEWS_CACHE_DIR": str(tmp / "cache")}
        print(f"load average     : {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        prose = not a.no_proselint and proselint_available()
        if not a.no_proselint and not prose:
            print('proselint        : not installed (.venv/bin/pip install -e ".[bench]") - skipped')

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

        mt = tmp / "mt"
        _, mt_words = build_corpus(mt, a.words)
        compare("MT copy (corpus/articles recombined)", mt, mt_words, a, env=env, prose=prose)
        clean = tmp / "clean"
        _, clean_words = build_corpus(clean, a.words, seed=2, sources=CLEAN_SOURCES)
        compare("clean news (shipped clean text recombined)", clean, clean_words, a, env=env, prose=prose)
        for archive in a.archive:
            folder = tmp / f"archive-{archive.stem}"
            _, archive_words = write_archive(folder, archive)
            compare(f"{archive.name} (each article once)", folder, archive_words, a, env=env, prose=prose)

        print("\n== one article, the pre-commit case")
        one = tmp / "one"
        build_corpus(one, 800 * 7, seed=7)
        articles = sorted(one.glob("*.txt"))[:7]
        nocache = [run([str(LINTNEWS), "check", "--no-cache", str(p)], env=env) for p in articles[:3]]
        print(
            f"cold start       : {statistics.median(w for w, _ in nocache):9.2f} s wall, "
            f"{statistics.median(c for _, c in nocache):.2f} s CPU median of {len(nocache)} "
            "(one ~800-word article, --no-cache: rules compiled from the YAML)"
        )
        run([str(LINTNEWS), "check", str(articles[0])], env=env)  # compiles the rules into the cache
        warm = [run([str(LINTNEWS), "check", str(p)], env=env) for p in articles[1:]]
        ww, wc = statistics.median(w for w, _ in warm), statistics.median(c for _, c in warm)
        print(
            f"pre-commit       : {ww:9.2f} s wall, {wc:.2f} s CPU median of {len(warm)} "
            "(a new ~800-word article each time, compiled rules cached)"
        )
        hot = warm_runs(tmp, articles, env)
        if prose:
            pw = [run([str(LINTNEWS.parent / "proselint"), "check", str(p)]) for p in articles[1:]]
            pww, pwc = statistics.median(w for w, _ in pw), statistics.median(c for _, c in pw)
            print(f"  proselint      : {pww:9.2f} s wall, {pwc:.2f} s CPU; lintnews takes {wc / pwc:.1f}x its CPU time")
            if hot is not None:
                print(f"  warm vs prose  : lintnews --warm takes {hot / pwc:.1f}x proselint's CPU time")

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
        shutil.rmtree(thousand)

        print("\n== peak memory (largest process, --jobs 2, MT copy)")
        mems: list[int] = []
        for size in sizes:
            folder = tmp / f"m{size}"
            _, w = build_corpus(folder, size, seed=size)
            mems.append(peak_memory_mb(lint_cmd(folder, "--jobs", "2")))
            print(f"peak memory      : {mems[-1]:9d} MB at {w:,} words")
            shutil.rmtree(folder)
        if len(mems) > 1:
            print(f"  growth         : {mems[-1] / mems[0]:.2f}x from {sizes[0]:,} to {sizes[-1]:,} words")

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
                    pw_, pt_, pc_ = previous
                    print(f"  marginal       : {rate(w - pw_, t - pt_, c - pc_)} ({pw_:,} -> {w:,} words)")
                previous = (w, t, c)
                shutil.rmtree(folder)
        print(
            f"\nload average     : {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end; "
            f"benchmark took {time.perf_counter() - started:.0f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
