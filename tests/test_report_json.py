"""The JSON report's layout: valid JSON, one finding per line, the same envelope with and without findings."""

from __future__ import annotations

import json

from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity
from lintnews.outputs.report import render_json


def _finding(offset: int) -> Finding:
    fix = Fix(Applicability.SAFE, (Edit(offset, 2, 'é\n"x"'),))
    return Finding(
        "dir/a.txt",
        "p.r",
        "calque",
        Severity.WARNING,
        "say «this»",
        offset,
        2,
        1,
        offset + 1,
        1,
        offset + 3,
        ("a",),
        fix,
    )


def test_one_finding_per_line() -> None:
    text = render_json([_finding(0), _finding(5)], [{"path": "b.txt", "error": "b.txt: broken"}], {"files": 2})
    data = json.loads(text)
    assert [f["offset"] for f in data["findings"]] == [0, 5]
    assert data["findings"][0]["fix"]["edits"][0]["replacement"] == 'é\n"x"'
    assert data["errors"] == [{"path": "b.txt", "error": "b.txt: broken"}] and data["summary"] == {"files": 2}
    lines = text.splitlines()
    assert sum(1 for line in lines if line.startswith('  {"path": ')) == 2
    assert "é" in text  # not escaped to \\u00e9


def test_no_findings() -> None:
    data = json.loads(render_json([], [], {"files": 0}))
    assert data == {"version": 1, "findings": [], "errors": [], "summary": {"files": 0}}
