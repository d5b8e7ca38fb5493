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
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(1, str(HERE))

from cue_check import texts  # noqa: E402 - benchmarks/ on the path above

KEYS = ("text", "mt", "reference", "corrupt", "correct")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


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
    try:
        documents = texts(a.paths, a.damage, KEYS)
    except (OSError, ValueError) as e:  # a file not UTF-8, a row not a JSON object: said in one line
        print(f"cue_dump: {e}", file=sys.stderr)
        return 2
    for found, text in documents:
        # a JSON Lines row's document is read as plain text, a file by its own kind
        name = found if found.endswith(SUFFIXES) else found + ".txt"
        doc = make_document(name, text)
        for checker in model:
            blocks, level, *rest = checker.prefetch_request(doc)
            then = rest[0] if rest else None
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
