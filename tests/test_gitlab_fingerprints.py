"""GitLab fingerprints: one per finding, stable when lines move, and made in time linear in the report."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from lintnews.core.findings import Finding, Severity
from lintnews.core.sources import make_document
from lintnews.outputs import gitlab


def _findings(path: str, raw: str, every: int) -> list[Finding]:
    return [
        Finding(path, "test.rule", "punctuation", Severity.WARNING, "m", i, 1, 1, i + 1, 1, i + 2)
        for i in range(0, len(raw) - 1, every)
    ]


def _hashed_bytes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    fed = [0]
    real = hashlib.md5

    def counting(data: bytes = b"", **kw: Any) -> Any:
        fed[0] += len(data)
        return real(data, **kw)

    monkeypatch.setattr(gitlab.hashlib, "md5", counting)
    return fed


@pytest.mark.parametrize("length", [20_000, 80_000])
def test_many_findings_on_one_long_line_hash_the_line_once(monkeypatch: pytest.MonkeyPatch, length: int) -> None:
    raw = "word " * (length // 5) + "\n"
    doc = make_document("a.txt", raw)
    findings = _findings("a.txt", raw, 50)
    fed = _hashed_bytes(monkeypatch)
    report = json.loads(gitlab.render_gitlab(findings, {"a.txt": doc}))
    assert len(report) == len(findings)
    # the line once, then a short base per finding: not the line again for each of them
    assert fed[0] < len(raw) + 200 * len(findings)
    assert len({r["fingerprint"] for r in report}) == len(findings)


def test_the_fingerprint_follows_the_line_not_its_number() -> None:
    body = "One line of news.\nA second line.\n"
    moved = "A new first line.\n\n" + body
    a, b = make_document("a.txt", body), make_document("a.txt", moved)
    fa = Finding("a.txt", "test.rule", "punctuation", Severity.WARNING, "m", 18, 1, 2, 1, 2, 2)
    fb = Finding("a.txt", "test.rule", "punctuation", Severity.WARNING, "m", 18 + 19, 1, 4, 1, 4, 2)
    other = Finding("a.txt", "test.rule", "punctuation", Severity.WARNING, "m", 0, 1, 1, 1, 1, 2)
    first = json.loads(gitlab.render_gitlab([fa], {"a.txt": a}))[0]["fingerprint"]
    second = json.loads(gitlab.render_gitlab([fb], {"a.txt": b}))[0]["fingerprint"]
    elsewhere = json.loads(gitlab.render_gitlab([other], {"a.txt": a}))[0]["fingerprint"]
    assert first == second
    assert first != elsewhere
