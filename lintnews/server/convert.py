"""Findings as LSP diagnostics, and a text's change as the few text edits that make it."""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from ..core.findings import Finding, Severity
from .positions import LineIndex

SOURCE = "lintnews"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def diagnostic(f: Finding, index: LineIndex) -> types.Diagnostic:
    message = f.message
    if f.suggestions and not f.fix:
        message += "\nSuggestions: " + " | ".join(f.suggestions)
    return types.Diagnostic(
        range=index.range(f.offset, f.end),
        message=message,
        severity=SEVERITIES[f.severity],
        code=f.rule,
        source=SOURCE,
        # what a code action request sends back names the finding exactly, whatever the client did to the range
        data={"rule": f.rule, "offset": f.offset, "length": f.length},
    )


def problem_diagnostic(problem: str, index: LineIndex) -> types.Diagnostic:
    """The one diagnostic of a document that could not be linted, on its first line."""
    return types.Diagnostic(
        range=index.range(0, index.line_end(0)),
        message=problem,
        severity=types.DiagnosticSeverity.Error,
        code="lintnews.not-linted",
        source=SOURCE,
    )


# a block of changed lines up to this long is compared character by character, for edits as small as the fixes
CHAR_DIFF_MAX = 4000


def text_edits(old: str, new: str, index: LineIndex) -> list[types.TextEdit]:
    """Edits turning `old` into `new`: the lines that differ, then within them the characters that differ."""
    a, b = _LINE.findall(old), _LINE.findall(new)
    starts_a, starts_b = _starts(a), _starts(b)
    spans: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        s, e, rs, re_ = starts_a[i1], starts_a[i2], starts_b[j1], starts_b[j2]
        if e - s > CHAR_DIFF_MAX or re_ - rs > CHAR_DIFF_MAX:
            spans.append((s, e, rs, re_))
            continue
        chars = difflib.SequenceMatcher(None, old[s:e], new[rs:re_], autojunk=False)
        spans += [(s + x1, s + x2, rs + y1, rs + y2) for t, x1, x2, y1, y2 in chars.get_opcodes() if t != "equal"]
    return [_edit(old, new, index, span) for span in spans]


def _edit(old: str, new: str, index: LineIndex, span: tuple[int, int, int, int]) -> types.TextEdit:
    s, e, rs, re_ = span
    # never between the \r and the \n of a line break: LSP has no position there
    if s > 0 and old[s - 1 : s + 1] == "\r\n" and rs > 0:
        s, rs = s - 1, rs - 1
    if 0 < e < len(old) and old[e - 1 : e + 1] == "\r\n" and re_ < len(new):
        e, re_ = e + 1, re_ + 1
    return types.TextEdit(range=index.range(s, e), new_text=new[rs:re_])


def _starts(lines: list[str]) -> list[int]:
    out = [0]
    for line in lines:
        out.append(out[-1] + len(line))
    return out
