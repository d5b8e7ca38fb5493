"""The fast tok2vec, tagger and parser loop against spaCy's own: differing tags, heads, dependencies, pos, lemmas and
morphology, and the vectors' difference.

usage: .venv/bin/python benchmarks/tagger_check.py [--batch N] [PATH ...]

Every sentence of the given texts (files, folders, JSON Lines archives: each record's string fields that hold a
space; by default corpus/, tests/data, ../shared/corpus/seeds and ../shared/eval/dev) is tagged both ways in
batches of N (as lintnews sends them: a document's sentences), then parsed on through the rest of the pipeline
(parser, attribute ruler, lemmatizer) from each: spaCy's way by spaCy's components, the fast way by lintnews's
_parse_pass (the fast parser loop); prints the count of tokens whose tag, head, dep, sentence start, pos, lemma or
morph differ (all must be 0), the largest absolute difference of the tok2vec output, and each way's CPU seconds.
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
    """spaCy's own components after the tagger."""
    model = nlp.model()
    for name, component in model.pipeline:
        if name not in ("tok2vec", "tagger"):
            docs = list(component.pipe(docs))
    return docs


def _ours(docs: list) -> list:
    """lintnews's parse after the tagger (the whole pipeline's components where it cannot split the pipeline)."""
    if not nlp.tagger_only():
        return _rest(docs)
    full, _ = nlp._parse_pass(docs, [])
    return full


# what each token must agree on, read the same from both ways' tokens
ATTRS = {
    "head": lambda t: t.head.i,
    "dep": lambda t: t.dep_,
    "sent": lambda t: t.is_sent_start,
    "pos": lambda t: t.pos_,
    "lemma": lambda t: t.lemma_,
    "morph": lambda t: str(t.morph),
}


def compare(texts: list[str], batch: int) -> dict[str, float]:
    model = nlp.model()
    fast = build(model)
    assert fast is not None, "the loaded pipeline is not the network the fast forward implements"
    tagger_only = [name for name in model.pipe_names if name not in ("tok2vec", "tagger")]
    counts = dict.fromkeys(("tokens", "tag", *ATTRS, "maxdiff", "cpu_spacy", "cpu_fast"), 0.0)
    counts.update(cpu_parse_spacy=0.0, cpu_parse_fast=0.0)
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
        # each way's parse after the tagger, from spaCy's tags (tok2vec output and all): the same input both ways
        done = {}
        for way, rest in sorted({"fast": _ours, "spacy": _rest}.items(), reverse=bool(i // batch % 2)):
            copies = [d.copy() for d in theirs]
            t = time.process_time()
            done[way] = rest(copies)
            counts[f"cpu_parse_{way}"] += time.process_time() - t
        parsed = [*zip(_rest(ours), done["spacy"], strict=True), *zip(done["fast"], done["spacy"], strict=True)]
        for a, b in parsed:
            for x, y in zip(a, b, strict=True):
                for attr, read in ATTRS.items():
                    counts[attr] += read(x) != read(y)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--batch", type=int, default=128, help="sentences per call, as a document's batch of blocks")
    args = ap.parse_args()
    texts = sentences(args.paths or [p for p in DEFAULT if p.exists()])
    counts = compare(texts, args.batch)
    print(f"{len(texts)} sentences, {int(counts['tokens'])} tokens")
    for key in ("tag", *ATTRS):
        print(f"  differing {key:6} {int(counts[key])}")
    print(f"  largest tok2vec difference {counts['maxdiff']:.3g}")
    print(f"  CPU tagging: spaCy {counts['cpu_spacy']:.2f} s, fast {counts['cpu_fast']:.2f} s")
    print(f"  CPU after the tagger: spaCy {counts['cpu_parse_spacy']:.2f} s, lintnews {counts['cpu_parse_fast']:.2f} s")


if __name__ == "__main__":
    main()
