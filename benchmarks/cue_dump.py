"""Every model rule's requested blocks, (start, end, level) per document, written one line per document and rule:
dump before and after a change to a cue and compare the files (they must be byte-identical).

usage: .venv/bin/python benchmarks/cue_dump.py [--damage N] [--then] [--rule PREFIX] PATH... > dump.tsv

A PATH is a text or Markdown file, a folder of them, or a JSON Lines archive (each row's `text`, `mt`,
`reference`, `corrupt` and `correct`). `--damage N` adds damage.py's damages with N seeds (as cue_check.py does).
Every rule that reads spaCy is asked, whether or not the engine's selection would run it on the document (a
stricter check than the engine needs). `--then` also tags a two-step rule's first blocks and writes the blocks its
next step picks (this loads the model).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(1, str(HERE))

KEYS = ("text", "mt", "reference", "corrupt", "correct")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def texts(paths: list[Path], seeds: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every document, in a fixed order."""
    rows: list[str] = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
                    row = json.loads(line)
                    for key in KEYS:
                        if isinstance(row.get(key), str):
                            rows.append(row[key])
                            yield f"{f.name}:{i}:{key}.txt", row[key]
            elif f.suffix in SUFFIXES:
                yield str(f), f.read_text(encoding="utf-8", errors="replace")
    if seeds:
        import random

        import damage

        sentences = damage.sentences_of(rows + [p.read_text(encoding="utf-8") for p in damage.OWN_TEXT])
        kinds = (damage.repeat, damage.lower_start, damage.case_flip, damage.punctuation, damage.foreign)
        for seed in range(1, seeds + 1):
            rng = random.Random(seed)
            for j, s in enumerate(sentences):
                for kind in (*kinds, damage.tokenised):
                    d = kind(rng, s)
                    if d is not None:
                        yield f"damage:{seed}:{j}:{kind.__name__}.txt", d.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--damage", type=int, default=0, help="add damage.py's damages with this many seeds")
    ap.add_argument("--then", action="store_true", help="tag a two-step rule's blocks and write its next step")
    ap.add_argument("--rule", default="", help="only the rules whose id starts so")
    a = ap.parse_args()
    from lintnews.core import nlp
    from lintnews.core.config import Config
    from lintnews.core.sources import make_document
    from lintnews.engine.ruleset import make_linter

    linter = make_linter(Config())
    model = [c for c in linter.checkers if c.needs_parser and c.rule.id.startswith(a.rule)]
    out = sys.stdout
    for name, text in texts(a.paths, a.damage):
        doc = make_document(name, text)
        for checker in model:
            blocks, level, then = checker.prefetch_request(doc)
            spans = " ".join(f"{b.start}-{b.end}" for b in blocks)
            out.write(f"{name}\t{checker.rule.id}\t{level}\t{spans}\n")
            if a.then and then is not None and blocks:
                first = nlp.parse(doc, blocks, level)
                chosen = then.choose(list(zip(blocks, first, strict=True)))
                spans = " ".join(f"{b.start}-{b.end}" for b in chosen)
                out.write(f"{name}\t{checker.rule.id}\t{then.level}\t{spans}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
