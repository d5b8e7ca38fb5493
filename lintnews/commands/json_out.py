"""The JSON report of a finished run written to its stream a finding at a time (render_json's text, unbuilt)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from ..core.findings import Finding
from ..core.jsontext import indented
from ..outputs.report import FindingLines

# findings' lines gathered before each write: a write per line cost more, the whole report at once held it all
# (13 MB of text, four copies at its peak, for 30,000 findings over a million words)
CHUNK = 256


def write_json(
    out: TextIO, findings: Sequence[Finding], errors: Sequence[dict[str, str]], summary: dict[str, Any]
) -> None:
    """Write what outputs.report.render_json returns, its findings' lines a chunk at a time."""
    line = FindingLines()
    out.write('{\n "version": 1,\n "findings": [')
    for i in range(0, len(findings), CHUNK):
        lead = "," if i else ""
        out.write(lead + ",".join("\n  " + line(f) for f in findings[i : i + CHUNK]))
    tail = indented({"errors": list(errors), "summary": summary})
    out.write(("\n ]" if findings else "]") + ",\n" + tail[2:] + "\n")
