"""The JSON report written a chunk of findings at a time is the text written in one piece, byte for byte."""

from __future__ import annotations

import io
import json

import pytest

from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity
from lintnews.outputs import report


def _finding(offset: int, path: str = "dir/a.txt") -> Finding:
    fix = Fix(Applicability.SAFE, (Edit(offset, 2, 'é\n"x"'),)) if offset % 2 else None
    return Finding(
        path, "p.r", "calque", Severity.WARNING, "say «this»", offset, 2, 1, offset + 1, 1, offset + 3, ("a",), fix
    )


@pytest.mark.parametrize("count", [0, 1, 3, 4, 7, 9])
def test_same_text_as_one_piece(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = [_finding(i, f"d/{i % 2}.txt") for i in range(count)]
    errors = [{"path": "b.txt", "message": "b.txt: broken"}] if count % 2 else []
    summary = {"files": 2, "statistics": {"p.r": count}, "scores": [{"path": "a", "score": 0.5}]}
    whole = io.StringIO()
    report.write_json(whole, findings, errors, summary)  # every finding in one chunk
    # chunks of 3: a chunk's first line follows the one before it with a comma, as the joined list has it
    monkeypatch.setattr(report, "CHUNK", 3)
    out = io.StringIO()
    report.write_json(out, findings, errors, summary)
    assert out.getvalue() == whole.getvalue()
    data = json.loads(whole.getvalue())
    assert data["findings"] == [report.finding_json(f) for f in findings]
    assert data["errors"] == errors and data["summary"] == summary
