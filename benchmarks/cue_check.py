"""Same findings for a narrowed cue: the blocks each model rule sends here and in a reference checkout, and what
the rule finds in the blocks this checkout no longer sends (there must be nothing).

usage: .venv/bin/python benchmarks/cue_check.py --reference DIR [--rule PREFIX] [--damage SEEDS] PATH...

DIR holds the code to compare with (`git archive main | tar -x -C DIR`). A PATH is a text or Markdown file, a
folder of them, or a JSON Lines archive (each row's `text`, `mt` and `reference`). `--damage 2` adds, for two
seeds, each of damage.py's damages applied to every sentence of the JSON Lines archives and tests/data (one
document each: where the findings are). Both checkouts run only their cues, with the default rules, as
`lintnews check` selects them per document; then the blocks this checkout drops are parsed and the rule
checked on them alone. Prints, per rule, the blocks each side sends, those dropped, those sent here only (a
cue should only narrow) and the findings in the dropped ones; exit 1 if any. A rule that chooses its blocks
outside parse_blocks (lone-capital keeps candidates of its own) is not judged here.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Blocks = dict[str, tuple[str, list[tuple[int, int]]]]


def texts(paths: list[Path], seeds: int, keys: tuple[str, ...] = ("text", "mt", "reference")) -> list[tuple[str, str]]:
    """(name, text) of every document, in a fixed order: the same in both checkouts; a JSON Lines row gives a
    document for each of `keys` it holds."""
    out: list[tuple[str, str]] = []
    rows: list[str] = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                for i, line in enumerate(_read(f).splitlines()):
                    try:
                        row = json.loads(line)
                    except ValueError:
                        row = None
                    if not isinstance(row, dict):
                        raise ValueError(f"{f}:{i + 1}: not a JSON object")
                    for key in keys:
                        if isinstance(row.get(key), str):
                            out.append((f"{f.name}:{i}:{key}", row[key]))
                            rows.append(row[key])
            elif f.suffix in (".txt", ".md", ".markdown", ".html", ".htm"):
                out.append((str(f), _read(f)))
    if seeds:
        sys.path.insert(1, str(HERE))
        import damage

        sentences = damage.sentences_of(rows + [p.read_text(encoding="utf-8") for p in damage.OWN_TEXT])
        kinds = (damage.repeat, damage.lower_start, damage.case_flip, damage.punctuation, damage.foreign)
        for seed in range(1, seeds + 1):
            rng = random.Random(seed)
            for j, s in enumerate(sentences):
                for kind in (*kinds, damage.tokenised):
                    d = kind(rng, s)
                    if d is not None:
                        out.append((f"damage:{seed}:{j}:{kind.__name__}.txt", d.text))
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None


def dump(paths: list[Path], seeds: int) -> list[tuple[str, Blocks]]:
    """Each document's blocks per model rule, by the lintnews first on sys.path."""
    from lintnews.core.config import Config
    from lintnews.core.sources import make_document
    from lintnews.engine.ruleset import make_linter

    linter = make_linter(Config())
    linter.prepare()
    out = []
    for name, text in texts(paths, seeds):
        doc = make_document(name if name.endswith((".txt", ".md")) else name + ".txt", text)
        row: Blocks = {}
        for i in linter._active_ids(doc, linter._candidates(doc)):
            checker = linter.checkers[i]
            if checker.needs_parser:
                blocks, level = checker.parse_request(doc)
                row[checker.rule.id] = (level, sorted({(b.start, b.end) for b in blocks}))
        out.append((name, row))
    return out


def compare(paths: list[Path], seeds: int, ours: list[tuple[str, Blocks]], ref: list[Any], only: str) -> int:
    from lintnews.checkers.base import PARSE_BLOCKS
    from lintnews.core.config import Config
    from lintnews.core.sources import make_document
    from lintnews.engine.ruleset import make_linter

    by_id = {c.rule.id: c for c in make_linter(Config()).checkers}
    tally: dict[str, Counter[str]] = {}
    for (name, text), (_, here), (_, there) in zip(texts(paths, seeds), ours, ref, strict=True):
        for rid in sorted(set(here) | set(there)):
            if not rid.startswith(only):
                continue
            new = set(here.get(rid, ("", []))[1])
            old = {tuple(span) for span in there.get(rid, ("", []))[1]}
            t = tally.setdefault(rid, Counter())
            t["reference"] += len(old)
            t["here"] += len(new)
            t["here only"] += len(new - old)
            dropped = old - new
            if not dropped:
                continue
            t["dropped"] += len(dropped)
            doc = make_document(name if name.endswith((".txt", ".md")) else name + ".txt", text)
            blocks = {(b.start, b.end): b for b in (*doc.paragraphs, *doc.sentences) if (b.start, b.end) in dropped}
            doc.cache[f"{PARSE_BLOCKS}{rid}"] = list(blocks.values())
            for hit in by_id[rid].check(doc):
                t["found in dropped"] += 1
                print(f"{rid}: {name}: {doc.text[hit.start : hit.end]!r} in a dropped block")
    bad = 0
    for rid, t in tally.items():
        bad += t["found in dropped"] + t["here only"]
        print(
            f"{rid:40} reference {t['reference']:6}  here {t['here']:6}  dropped {t['dropped']:6}  "
            f"here only {t['here only']:4}  found in dropped {t['found in dropped']:3}"
        )
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--reference", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--rule", default="", help="only the rules whose id starts so")
    ap.add_argument("--damage", type=int, default=0, help="add damage.py's damages with this many seeds")
    ap.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    for p in (*a.paths, a.reference / "lintnews"):
        if not p.exists():
            print(f"cue_check: {p}: no such file or folder", file=sys.stderr)
            return 2
    try:
        texts(a.paths, 0)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"cue_check: {e}", file=sys.stderr)
        return 2
    if a.dump:  # the reference's side, in its own process: its lintnews first on the path
        sys.path.insert(0, str(a.reference))
        json.dump(dump(a.paths, a.damage), sys.stdout)
        return 0
    cmd = [sys.executable, __file__, "--dump", "--reference", str(a.reference), "--damage", str(a.damage)]
    done = subprocess.run([*cmd, *map(str, a.paths)], check=False, capture_output=True, text=True)
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"cue_check: {a.reference}: the reference's cues did not run ({why})", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE.parent))
    return compare(a.paths, a.damage, dump(a.paths, a.damage), json.loads(done.stdout), a.rule)


if __name__ == "__main__":
    sys.exit(main())
