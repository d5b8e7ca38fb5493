"""The model's floor: what the spaCy model costs a run at least, for the sentences the default rules send it.

usage: .venv/bin/python benchmarks/model_floor.py FOLDER [--json]

In this process: the model's load (spaCy's import included), then the rules' cues over the folder's articles (as
`lintnews check` runs them, default rules and config) pick the texts to tag; those texts are tagged again as a run
tags them (tok2vec and tagger, model warm), and the tok2vec's and tagger's matrix products alone are timed as numpy
products of the same shapes over the same number of tokens. The products are a floor no implementation of this
model escapes: every tagged token passes through every layer's weights. The parser's products are left out, so
the floor is lower than the truth. CPU seconds (time.process_time); nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lintnews.core import nlp
from lintnews.core.config import resolve
from lintnews.core.sources import make_document
from lintnews.engine.ruleset import make_linter

if TYPE_CHECKING:
    from spacy.tokens import Doc


def sent_texts(folder: Path) -> list[str]:
    """The texts the default rules send to the tagger (any level) for the folder's articles."""
    linter = make_linter(resolve(None, Path.cwd()))
    linter.prepare()
    docs = [make_document(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    sent: list[str] = []
    tag_pass = nlp._tag_pass

    def recording(texts: list[str]) -> list[Doc]:
        sent.extend(texts)
        return tag_pass(texts)

    nlp._tag_pass = recording
    try:
        linter.prefetch(docs)
    finally:
        nlp._tag_pass = tag_pass
    return sent


def product_shapes(model: Any) -> list[tuple[int, int]]:
    """(inputs, outputs) of each matrix product a token goes through in the tok2vec and tagger: a Maxout layer's
    W is (nO, nP, nI), a Softmax's or Linear's (nO, nI)."""
    shapes: list[tuple[int, int]] = []
    for name in ("tok2vec", "tagger"):
        for node in model.get_pipe(name).model.walk():
            if node.name.startswith(("maxout", "softmax", "linear")) and node.has_param("W"):
                w = node.get_param("W")
                shapes.append((int(w.shape[-1]), int(np.prod(w.shape[:-1]))))
    return shapes


def products_seconds(tokens: int, shapes: list[tuple[int, int]], rounds: int = 3) -> float:
    """CPU seconds of one product per shape over `tokens` rows of float32, the best of `rounds`."""
    rng = np.random.default_rng(0)
    pairs = [
        (rng.standard_normal((tokens, i), dtype=np.float32), rng.standard_normal((i, o), dtype=np.float32))
        for i, o in shapes
    ]
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for x, w in pairs:
            x @ w
        best = min(best, time.process_time() - t0)
    return best


def measure(folder: Path) -> dict[str, float]:
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    t0 = time.process_time()
    model = nlp.model()
    load = time.process_time() - t0
    texts = sent_texts(folder)
    t0 = time.process_time()
    docs = nlp._tag_pass(texts)
    tagging = time.process_time() - t0
    tokens = sum(len(d) for d in docs)
    return {
        "words": words,
        "load": load,
        "sent_words": sum(len(t.split()) for t in texts),
        "tokens": tokens,
        "tagging": tagging,
        "products": products_seconds(tokens, product_shapes(model)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args()
    f = measure(a.folder)
    if a.json:
        print(json.dumps(f))
        return 0
    print(
        f"model load {f['load']:.2f} s; the rules send {f['sent_words']:,.0f} of {f['words']:,.0f} words "
        f"({f['tokens']:,.0f} tokens) to the tagger: tagging {f['tagging']:.2f} s, its matrix products alone "
        f"{f['products']:.2f} s CPU"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
