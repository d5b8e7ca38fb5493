"""Fuzzing: random and mutated news-like articles never crash, keep offsets inside the text, fix idempotently.

`python -m tests.test_fuzz [N] [SECONDS]` runs the bounded corpus run by hand and prints its figures.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.core.findings import Finding
from lintnews.engine.fix import fix_text
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs
from tests.conftest import ENGINE_PACK, pack_linter

# Our own news-like vocabulary (no sentences from the evaluation sets), with the artifacts machine
# translation and scraping leave: weekday calques, doubled periods, run-together words, stray quotes,
# broken paragraphs, doubled words.
SUBJECTS = [
    "The minister",
    "A spokesman for the ministry",
    "The central bank",
    "Officials in the capital",
    "The opposition leader",
    "Rescue teams",
    "The company",
    "Local residents",
    "The mayor of Valparaíso",
    "Prime Minister Jane Doe",
    "The U.S. envoy",
    "Dr. Smith",
]
VERBS = [
    "said",
    "announced",
    "denied",
    "confirmed this Tuesday",
    "reported this Monday",
    "warned",
    "declared to the press",
    "explained",
]
OBJECTS = [
    "that the talks would resume",
    "a exchange of prisoners",
    "the new budget for 2025",
    "that 1.4 million people had fled",
    "the the agreement",
    "“a historic day”",
    "that the border remained closed",
    "an investigation into the fire",
    "the results of the vote",
    "despite of the protests",
]
TAILS = [".", ". .", "..", ".", "!", "?", ".”", "", " .", ";", "...", "."]
JOINERS = [" ", " ", " ", "  ", "", "\n", "\r\n", "\n\n", "\r\n\r\n", " \t", "\u00a0"]
NOISE = [
    "\ufeff",
    "\u200b",
    "\u2028",
    "\u0301",
    "🙂",
    "\u05d0",
    "\r",
    "\t",
    "Gazawhich",
    "servicesDavid",
    "“",
    "”",
    "'",
    '"',
    "(",
    ")",
    "[",
    "—",
    "-",
    "#",
    "*",
    "`",
    "<b>",
    "</p>",
    "&amp;",
    "a" * 200,
    "x" * 3000,
    "Photo: AFP",
    "Read more:",
    "EFE",
    "\f",
    "\x0b",
    "\x1b[0m",
    "\ud7ff",
    "\U0010ffff",
]


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
    return s if rng.random() > 0.1 else s.lower()


def article(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 6)):
        parts.append(sentence(rng))
        parts.append(rng.choice(JOINERS))
    text = "".join(parts)
    if rng.random() < 0.1:
        text = "\ufeff" + text
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    return text


def mutate(text: str, rng: random.Random) -> str:
    """Insert, delete, duplicate, swap or cut at random places."""
    for _ in range(rng.randint(1, 6)):
        n = len(text)
        i = rng.randint(0, n)
        j = rng.randint(i, min(n, i + 40))
        op = rng.randrange(7)
        if op == 0:
            text = text[:i] + rng.choice(NOISE) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:j] + text[i:j] + text[j:]
        elif op == 3:
            text = text[:i] + text[i:j].swapcase() + text[j:]
        elif op == 4:
            text = text[:i]
        elif op == 5:
            text = text[:i] + chr(rng.randint(1, 0xD7FF)) + text[i:]
        else:
            text = text[:i] + rng.choice(JOINERS) + text[i:]
    return text


def document(rng: random.Random) -> str:
    text = article(rng)
    return mutate(text, rng) if rng.random() < 0.7 else text


@cache
def shipped_linter() -> Linter:
    """Every shipped rule that needs no spaCy model, plus the engine-test rules (fixes with line breaks)."""
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules]
    full = Linter(rules)
    fast = [c.rule for c in full.checkers if not c.uses_model()]
    return Linter([*fast, *pack_linter(ENGINE_PACK).rules])


def check_document(linter: Linter, text: str, path: str = "fuzz.txt") -> list[str]:
    """Every property the fuzz run checks on one text; returns what is wrong (empty when all hold).

    Every text the fix engine lints on the way (the input, each pass, the result) has its findings checked.
    """
    from lintnews.core.sources import make_document

    problems: list[str] = []
    seen: dict[str, list[Finding]] = {}

    def lint(t: str) -> list[Finding]:
        if t not in seen:  # the linter is deterministic: lint each distinct text once
            doc = make_document(path, t)
            seen[t] = linter.lint(doc)
            problems.extend(_offsets(seen[t], doc.position, len(t)))
        return seen[t]

    for unsafe in (False, True):
        once = fix_text(text, lint, unsafe)
        if once.text == text:
            continue
        seen.pop(once.text)  # lint the result afresh: the second run must find nothing to fix
        twice = fix_text(once.text, lint, unsafe)
        if twice.text != once.text:
            problems.append(f"fix not idempotent (unsafe={unsafe}): {once.text!r} -> {twice.text!r}")
        if text.startswith("\ufeff") and not once.text.startswith("\ufeff"):
            problems.append("fix removed the BOM")
        if "\r\n" in text and once.text.replace("\r\n", "").count("\n") > text.replace("\r\n", "").count("\n"):
            problems.append(f"fix left a bare \\n in a CRLF text: {once.text!r}")
    return problems


def _offsets(findings: list[Finding], position: Callable[[int], tuple[int, int]], n: int) -> list[str]:
    out = []
    for f in findings:
        if not 0 <= f.offset <= f.end <= n:
            out.append(f"{f.rule}: span {f.offset}+{f.length} outside a text of {n}")
        elif (f.line, f.column) != position(f.offset):
            out.append(f"{f.rule}: line/column {f.line}:{f.column} is not offset {f.offset}")
        if f.fix is not None and not all(0 <= e.offset <= e.end <= n for e in f.fix.edits):
            out.append(f"{f.rule}: fix edits outside the text")
    return out


@dataclass
class FuzzReport:
    documents: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _run_range(first: int, stop: int, seed: int, deadline: float) -> FuzzReport:
    linter = shipped_linter()
    report = FuzzReport()
    for i in range(first, stop):
        if time.monotonic() > deadline:
            break
        text = document(random.Random(f"{seed}-{i}"))  # each document replayable from (seed, i) alone
        path = "fuzz.md" if i % 5 == 0 else "fuzz.txt"  # the Markdown view too
        try:
            problems = check_document(linter, text, path)
        except Exception as e:  # recorded with its input so it can be replayed
            problems = [f"crash {e!r}"]
        report.documents += 1
        report.failures += [f"doc {seed}-{i} {text[:300]!r}: {p}" for p in problems]
    return report


def run_fuzz(n: int, seconds: float, seed: int = 20240, workers: int = 1) -> FuzzReport:
    """Check documents 0..n-1 of `seed`, in `workers` processes, stopping after `seconds`."""
    start = time.monotonic()
    deadline = start + seconds
    if workers <= 1:
        report = _run_range(0, n, seed, deadline)
    else:
        shipped_linter()  # load the packs once, before the fork
        step = -(-n // workers)
        ctx = multiprocessing.get_context("fork")  # the workers inherit the loaded modules
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            parts = list(
                pool.map(
                    _run_range,
                    range(0, n, step),
                    [min(n, i + step) for i in range(0, n, step)],
                    [seed] * workers,
                    [deadline] * workers,
                )
            )
        report = FuzzReport(sum(p.documents for p in parts), [f for p in parts for f in p.failures])
    report.seconds = time.monotonic() - start
    return report


# --- hypothesis: arbitrary text, fast -----------------------------------------------------------

NEWSY = st.lists(
    st.one_of(
        st.sampled_from([*SUBJECTS, *VERBS, *OBJECTS, *TAILS, *JOINERS, *NOISE[:-3]]),
        st.text(max_size=5),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_hypothesis_texts_lint_and_fix_cleanly(text: str) -> None:
    assert check_document(shipped_linter(), text) == []


def test_generated_articles_small_run() -> None:
    report = run_fuzz(60, seconds=120, seed=7)
    assert report.documents > 0
    assert report.failures == [], report.failures[:5]


@pytest.mark.slow
def test_fuzz_ten_thousand_documents() -> None:
    # 10,000 generated documents here; the hypothesis test and the small run add more
    report = run_fuzz(10_000, seconds=2400, seed=1, workers=os.cpu_count() or 1)
    assert report.failures == [], report.failures[:5]
    assert report.documents == 10_000, f"only {report.documents} documents in {report.seconds:.0f}s"


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 1500
    r = run_fuzz(n, budget, workers=os.cpu_count() or 1)
    print(f"{r.documents} documents in {r.seconds:.0f}s: {len(r.failures)} problems")
    for f in r.failures[:20]:
        print(" ", f)
    sys.exit(1 if r.failures else 0)
