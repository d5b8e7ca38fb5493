"""Render findings: text (grouped by file, a caret under each span, like ruff) and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .document import Document
from .findings import Finding

WINDOW = 100  # characters of context shown around a span on a long line


def _snippet(doc: Document, f: Finding) -> tuple[str, str]:
    """The finding's line, cut to a window around the span, and the caret line beneath it."""
    line = doc.lines[f.line - 1]
    text = line.text.replace("\t", " ")
    col = f.column - 1
    end_col = (f.end_column - 1) if f.end_line == f.line else len(text)
    width = max(1, end_col - col)
    left = max(0, col - (WINDOW - min(width, WINDOW)) // 2)
    right = min(len(text), max(end_col, left + WINDOW))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    shown = prefix + text[left:right] + suffix
    caret_at = len(prefix) + col - left
    caret = " " * caret_at + "^" * max(1, min(width, right - col))
    return shown.rstrip("\r"), caret


def render_text(
    docs: dict[str, Document], findings: Sequence[Finding], errors: Sequence[str], color: bool = False
) -> str:
    out: list[str] = []
    for f in findings:
        doc = docs.get(f.path)
        out.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {f.message}")
        if doc is not None and 0 < f.line <= len(doc.lines):
            shown, caret = _snippet(doc, f)
            gutter = str(f.line)
            pad = " " * len(gutter)
            out.append(f"{pad} |")
            out.append(f"{gutter} | {shown}")
            out.append(f"{pad} | {caret}")
        if f.suggestions:
            out.append("  = suggestion: " + " | ".join(repr(s) for s in f.suggestions[:5]))
        if f.fix is not None:
            out.append(f"  = fix ({f.fix.applicability.value})")
        out.append("")
    n = len(findings)
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.applicability.value == "safe")
    summary = f"Found {n} finding{'s' if n != 1 else ''} in {len({f.path for f in findings})} file(s)."
    if fixable:
        summary += f" {fixable} fixable with --fix."
    out.append(summary if n else "All checked: no findings.")
    return "\n".join(out) + "\n"


def render_json(findings: Sequence[Finding], errors: Sequence[dict[str, str]], summary: dict[str, Any]) -> str:
    data = {
        "version": 1,
        "findings": [f.to_json() for f in findings],
        "errors": list(errors),
        "summary": summary,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
