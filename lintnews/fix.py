"""Apply fixes: choose non-overlapping ones, apply right to left, re-lint until nothing changes."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .findings import Applicability, Finding, Fix

MAX_PASSES = 10


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def choose_fixes(findings: Sequence[Finding], unsafe: bool) -> list[Fix]:
    """Fixes to apply in one pass: the earliest first; one that touches text another already touches waits."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    fixes = [f.fix for f in findings if f.fix is not None and allowed(f.fix, unsafe)]
    candidates = sorted(fixes, key=lambda x: (x.start, x.end))
    for fix in candidates:
        if fix in chosen:
            continue
        if any(_touches(e.offset, e.end, a, b) for e in fix.edits for a, b in taken):
            continue
        chosen.append(fix)
        taken.extend((e.offset, e.end) for e in fix.edits)
    return chosen


def _touches(s1: int, e1: int, s2: int, e2: int) -> bool:
    # two insertions at one point, or ranges sharing a character, conflict
    if s1 == e1 or s2 == e2:
        return s2 <= s1 <= e2 or s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: (e.offset, e.end), reverse=True)
    for e in edits:
        text = text[: e.offset] + e.replacement + text[e.end :]
    return text


@dataclass
class FixResult:
    text: str
    applied: int
    passes: int
    remaining: list[Finding]


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool) -> FixResult:
    """Lint, apply a pass of fixes, re-lint; stop when no fix applies or after MAX_PASSES."""
    applied = 0
    findings = lint(text)
    passes = 0
    seen = {text}
    while passes < MAX_PASSES:
        fixes = choose_fixes(findings, unsafe)
        if not fixes:
            break
        new = apply_fixes(text, fixes)
        if new in seen:  # a cycle between rules: stop rather than flip-flop
            break
        passes += 1
        seen.add(new)
        text = new
        applied += len(fixes)
        findings = lint(text)
    return FixResult(text, applied, passes, findings)


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
