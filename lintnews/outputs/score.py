"""The artifact score of an article: severity-weighted findings per 1,000 words (error 3, warning 2, info 1)."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Finding, Severity

WEIGHTS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


def artifact_score(findings: Iterable[Finding], words: int) -> float:
    """(3 x errors + 2 x warnings + 1 x infos) x 1000 / words, rounded to one decimal.

    An article of fewer than one word counts as one word, so an empty file with a finding still scores.
    """
    weight = sum(WEIGHTS[f.severity] for f in findings)
    return round(weight * 1000 / max(words, 1), 1)
