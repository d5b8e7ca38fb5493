"""Shared helpers of the generated-perturbation tests: the clean news text written for them, and linting a text
with a few rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from lintnews.core.findings import Finding, Severity
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

CLEAN = Path(__file__).parent / "data" / "clean_news_lexical.txt"


def clean_sentences() -> list[str]:
    """The clean text written for these tests, one sentence a line."""
    return [line for line in CLEAN.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def linter(prefix: str) -> Linter:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.startswith(prefix)]
    assert rules, prefix
    return Linter(rules)


def findings(prefix: str, text: str) -> list[Finding]:
    """Findings of warning or error of the rules whose id starts with `prefix`."""
    doc = make_document("perturbed.txt", text)
    return [f for f in linter(prefix).lint(doc) if f.severity >= Severity.WARNING]


def recall(
    prefix: str, texts: Iterable[str], perturb: Callable[[str], tuple[str, int, int] | None]
) -> tuple[float, int, list[str]]:
    """Share of perturbed texts with a finding over the damaged span; the number perturbed; the missed ones.

    `perturb` returns the damaged text and the span of the damage in it, or None when it cannot damage that text.
    """
    hit = total = 0
    missed: list[str] = []
    for text in texts:
        damaged = perturb(text)
        if damaged is None:
            continue
        new, start, end = damaged
        total += 1
        if any(f.offset <= end and start <= f.end for f in findings(prefix, new)):
            hit += 1
        else:
            missed.append(new)
    return (hit / total if total else 0.0), total, missed
