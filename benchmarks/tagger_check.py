"""The fast tok2vec and tagger against spaCy's own: differing tags, heads and dependencies, and the vectors' difference.

usage: .venv/bin/python benchmarks/tagger_check.py [--batch N] [PATH ...]

Every sentence of the given texts (files, folders, JSON Lines archives: each record's string fields that hold a
space; by default corpus/, tests/data, ../shared/corpus/seeds and ../shared/eval/dev) is tagged both ways in
batches of N (as lintnews sends them: a document's sentences), then parsed on through the rest of the pipeline
(parser, attribute ruler, lemmatizer) from each; prints the count of tokens whose tag, head, dep, pos or lemma
differ (all must be 0), the largest absolute difference of the tok2vec output, and each way's CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# one OpenBLAS thread, as lintnews sets it before numpy's first import (a second thread costs CPU for nothing)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintnews.core import nlp  # noqa: E402
from lintnews.core.fast_tok2vec import build  # noqa: E402
from lintnews.core.sources import make_document  # noqa: E402

SHARED = ROOT.parent.parent / "shared"
DEFAULT = (ROOT / "corpus", ROOT / "tests" / "data", SHARED / "corpus" / "seeds", SHARED / "eval" / "dev")
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of each text under path: a file's, or each string field with a space of each JSON Lines record."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if f.suffix == ".jsonl":
            for line in f.read_text(encoding="utf-8").splitlines():
                record = json.loads(line) if line.strip() else {}
                values = record.values() if isinstance(record, dict) else ()
                yield from ((f"{f.name}.txt", v) for v in values if isinstance(v, str) and " " in v)
        elif f.suffix in SUFFIXES:
            yield f.name, f.read_text(encoding="utf-8", errors="replace")


def sentences(paths: list[Path]) -> list[str]:
    """The distinct sentences of the texts, as lintnews's documents split them."""
    seen: dict[str, None] = {}
    for path in paths:
        for name, text in _texts(path):
            for s in make_document(name, text).sentences:
                seen.setdefault(s.text, None)
    return list(seen)


def _rest(docs: list) -> list:
    model = nlp.model()
    for name, component in model.pipeline:
        if name not in ("tok2vec", "tagger"):
            docs = list(component.pipe(docs))
    return docs


def compare(texts: list[str], batch: int) -> dict[str, float]:
    model = nlp.model()
    fast = build(model)
    assert fast is not None, "the loaded pipeline is not the network the fast forward implements"
    tagger_only = [name for name in model.pipe_names if name not in ("tok2vec", "tagger")]
    counts = dict.fromkeys(("tokens", "tag", "head", "dep", "pos", "lemma", "maxdiff", "cpu_spacy", "cpu_fast"), 0.0)
    for i in range(0, len(texts), batch):
        chunk = texts[i : i + batch]
        ways = {
            "fast": lambda chunk=chunk: fast.tag(model, chunk),
            "spacy": lambda chunk=chunk: list(model.pipe(chunk, disable=tagger_only)),
        }
        done = {}
        # the first way of a batch fills the tokenizer's cache for the second: each goes first every other batch
        for way in sorted(ways, reverse=bool(i // batch % 2)):
            t = time.process_time()
            done[way] = ways[way]()
            counts[f"cpu_{way}"] += time.process_time() - t
        ours, theirs = done["fast"], done["spacy"]
        for a, b in zip(ours, theirs, strict=True):
            counts["tokens"] += len(a)
            counts["tag"] += sum(x.tag_ != y.tag_ for x, y in zip(a, b, strict=True))
            if len(a):
                counts["maxdiff"] = max(counts["maxdiff"], float(np.abs(a.tensor - b.tensor).max()))
        for a, b in zip(_rest(ours), _rest(theirs), strict=True):
            for x, y in zip(a, b, strict=True):
                for attr in ("head", "dep", "pos", "lemma"):
                    key = "i" if attr == "head" else f"{attr}_"
                    ours_v = x.head.i if attr == "head" else getattr(x, key)
                    theirs_v = y.head.i if attr == "head" else getattr(y, key)
                    counts[attr] += ours_v != theirs_v
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--batch", type=int, default=128, help="sentences per call, as a document's batch of blocks")
    args = ap.parse_args()
    texts = sentences(args.paths or [p for p in DEFAULT if p.exists()])
    counts = compare(texts, args.batch)
    print(f"{len(texts)} sentences, {int(counts['tokens'])} tokens")
    for key in ("tag", "head", "dep", "pos", "lemma"):
        print(f"  differing {key:6} {int(counts[key])}")
    print(f"  largest tok2vec difference {counts['maxdiff']:.3g}")
    print(f"  CPU tagging: spaCy {counts['cpu_spacy']:.2f} s, fast {counts['cpu_fast']:.2f} s")


if __name__ == "__main__":
    main()
