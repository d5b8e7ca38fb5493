"""The JSON report written a chunk of findings at a time is render_json's text, byte for byte."""

from __future__ import annotations

import io

import pytest

from lintnews.commands import json_out
from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity
from lintnews.outputs.report import render_json


def _finding(offset: int, path: str = "dir/a.txt") -> Finding:
    fix = Fix(Applicability.SAFE, (Edit(offset, 2, 'é\n"x"'),)) if offset % 2 else None
    return Finding(
        path, "p.r", "calque", Severity.WARNING, "say «this»", offset, 2, 1, offset + 1, 1, offset + 3, ("a",), fix
    )


@pytest.mark.parametrize("count", [0, 1, 3, 4, 7, 9])
def test_same_text_as_render_json(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # chunks of 3: a chunk's first line follows the one before it with a comma, as the joined list has it
    monkeypatch.setattr(json_out, "CHUNK", 3)
    findings = [_finding(i, f"d/{i % 2}.txt") for i in range(count)]
    errors = [{"path": "b.txt", "message": "b.txt: broken"}] if count % 2 else []
    summary = {"files": 2, "statistics": {"p.r": count}, "scores": [{"path": "a", "score": 0.5}]}
    out = io.StringIO()
    json_out.write_json(out, findings, errors, summary)
    assert out.getvalue() == render_json(findings, errors, summary)
