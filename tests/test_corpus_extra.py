"""The QA corpus (corpus/extra): recall and precision against its own annotation, as a regression floor.

The articles there were written for this project (never copied from evaluation sets); the scoring
follows the project's gold format: an annotated artifact is found when a finding of an accepted
category overlaps its quote; a finding overlapping no annotation is a false positive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lintnews.core.config import Config
from lintnews.engine.runner import RunOptions, make_run

EXTRA = Path(__file__).resolve().parent.parent / "corpus" / "extra"
# Floors a change may not fall below (measured when the corpus was written, minus a margin for noise).
MIN_RECALL = 0.85
MIN_PRECISION = 0.90


def _span(text: str, quote: str, nth: int) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = text.find(quote, i + 1)
        assert i >= 0, f"annotation quote not found: {quote!r}"
    return i, i + len(quote)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1]:
        return b[0] <= a[0] <= b[1]
    return a[0] < b[1] and b[0] < a[1]


@pytest.fixture(scope="module")
def scored() -> dict[str, Any]:
    gold = yaml.safe_load((EXTRA / "annotations.yaml").read_text(encoding="utf-8"))["items"]
    files = sorted(EXTRA.glob("*.txt"))
    results = make_run(Config(), RunOptions()).execute([str(p) for p in files])
    by_file = {Path(r.path).name: r.findings for r in results}
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    spans = [(g, _span(texts[g["file"]], g["quote"], g.get("nth", 1))) for g in gold]
    found = total = 0
    missed = []
    for g, sp in spans:
        if g.get("optional"):
            continue
        total += 1
        cats = {g["category"], *g.get("also", [])}
        if any(f.category in cats and _overlaps((f.offset, f.end), sp) for f in by_file[g["file"]]):
            found += 1
        else:
            missed.append(g["quote"])
    tp = fp = 0
    false = []
    for name, findings in by_file.items():
        for f in findings:
            if any(g["file"] == name and _overlaps((f.offset, f.end), sp) for g, sp in spans):
                tp += 1
            else:
                fp += 1
                false.append((name, f.rule, texts[name][f.offset : f.end]))
    clean_serious = [
        (name, f.rule)
        for name, fs in by_file.items()
        if name.startswith("clean_")
        for f in fs
        if f.severity.label != "info"
    ]
    return {
        "recall": found / total,
        "precision": tp / max(1, tp + fp),
        "missed": missed,
        "false": false,
        "clean": clean_serious,
    }


@pytest.mark.slow
def test_recall_floor(scored: dict[str, Any]) -> None:
    assert scored["recall"] >= MIN_RECALL, scored["missed"]


@pytest.mark.slow
def test_precision_floor(scored: dict[str, Any]) -> None:
    assert scored["precision"] >= MIN_PRECISION, "\n".join(map(str, scored["false"]))


@pytest.mark.slow
def test_clean_articles_have_no_warnings(scored: dict[str, Any]) -> None:
    assert scored["clean"] == []
