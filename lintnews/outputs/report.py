"""Render findings: text (a caret under each span, like ruff), concise (one line each), statistics and JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..core.document import Document
from ..core.findings import Finding
from ..core.sources import article_key
from .color import Painter

WINDOW = 100  # characters of context shown around a span on a long line


def _snippet(doc: Document, f: Finding) -> tuple[str, str]:
    """The finding's line, cut to a window around the span, and the caret line beneath it."""
    line = doc.lines[f.line - 1]
    # the file's own line (not the lintable view, where markup is blanked), as the editor sees it
    text = doc.raw[line.start : line.end].replace("\t", " ")
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


def doc_key(f: Finding) -> str:
    """The key of the document a finding was found in (a JSON Lines article has its own)."""
    rec = f.extra.get("record")
    return article_key(f.path, rec) if isinstance(rec, int) else f.path


def finding_json(f: Finding) -> dict[str, Any]:
    data = f.to_json()
    if "article" in f.extra:
        data["article"] = f.extra["article"]
        data["record_line"] = f.extra.get("record")
    return data


def plural(n: int, word: str) -> str:
    """'1 finding', '2 findings'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def shown_suggestions(f: Finding) -> list[str]:
    """The suggestions worth printing: an empty one (a deletion) says nothing the fix line does not."""
    return [s for s in f.suggestions[:5] if s.strip()]


def _heading(f: Finding, paint: Painter) -> str:
    art = f" (article {f.extra['article']})" if "article" in f.extra else ""
    where = paint(f"{f.path}:{f.line}:{f.column}:", "bold")
    return f"{where}{art} {paint(f.rule, 'bold')} {paint.severity(f'[{f.severity.label}]', f.severity)} {f.message}"


def _summary(findings: Sequence[Finding], errors: Sequence[str], unfinished: int = 0) -> str:
    n = len(findings)
    # a rule that was turned off or stopped did not check its part: the run is not "all checked"
    gap = f" {plural(unfinished, 'rule')} did not run to the end (see the warnings)." if unfinished else ""
    if not n:
        # "all checked" only when it is true: a file that could not be read was not checked
        if errors:
            return f"No findings in the files read; {plural(len(errors), 'file')} could not be read.{gap}"
        return f"No findings.{gap}" if gap else "All checked: no findings."
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.applicability.value == "safe")
    summary = f"Found {plural(n, 'finding')} in {plural(len({f.path for f in findings}), 'file')}."
    if fixable:
        summary += f" {fixable} fixable with --fix."
    if errors:
        summary += f" {plural(len(errors), 'file')} could not be read."
    return summary + gap


def render_text(
    docs: dict[str, Document],
    findings: Sequence[Finding],
    errors: Sequence[str],
    color: bool = False,
    scores: Sequence[dict[str, Any]] = (),
    *,
    unfinished: int = 0,
) -> str:
    paint = Painter(color)
    out: list[str] = []
    for f in findings:
        doc = docs.get(doc_key(f))
        out.append(_heading(f, paint))
        if doc is not None and 0 < f.line <= len(doc.lines):
            shown, caret = _snippet(doc, f)
            gutter = str(f.line)
            pad = " " * len(gutter)
            out.append(paint(f"{pad} |", "blue"))
            out.append(f"{paint(f'{gutter} |', 'blue')} {shown}")
            out.append(f"{paint(f'{pad} |', 'blue')} {paint.severity(caret, f.severity)}")
        suggestions = shown_suggestions(f)
        if suggestions:
            out.append("  = suggestion: " + " | ".join(repr(s) for s in suggestions))
        if f.fix is not None:
            out.append(f"  = fix ({f.fix.applicability.value})")
        out.append("")
    out.extend(render_scores(scores))
    out.append(_summary(findings, errors, unfinished))
    return "\n".join(out) + "\n"


def render_concise(
    findings: Sequence[Finding], errors: Sequence[str], color: bool = False, *, unfinished: int = 0
) -> str:
    """One line per finding, `path:line:col: rule [severity] message`, as ruff's concise format; then the summary."""
    paint = Painter(color)
    out = [_heading(f, paint) for f in findings]
    out.append(_summary(findings, errors, unfinished))
    return "\n".join(out) + "\n"


SCORES_SHOWN = 10


def render_scores(scores: Sequence[dict[str, Any]]) -> list[str]:
    """The highest artifact scores (weighted findings per 1,000 words), for the text report."""
    shown = sorted((s for s in scores if s["score"] > 0), key=lambda s: -s["score"])
    if not shown:
        return []
    out = ["Artifact score (error 3, warning 2, info 1, per 1,000 words):"]
    for s in shown[:SCORES_SHOWN]:
        name = s["path"] + (f" (article {s['article']})" if s.get("article") is not None else "")
        out.append(f"  {s['score']:7.1f}  {name}  ({plural(s['findings'], 'finding')}, {plural(s['words'], 'word')})")
    if len(shown) > SCORES_SHOWN:
        out.append(f"  ... and {len(shown) - SCORES_SHOWN} more (see --format json)")
    out.append("")
    return out


def statistics(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings per rule, most frequent first."""
    counts = Counter(f.rule for f in findings)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def render_statistics(findings: Sequence[Finding]) -> str:
    sev = {f.rule: f.severity.label for f in findings}
    cat = {f.rule: f.category for f in findings}
    stats = statistics(findings)
    width = max((len(r) for r in stats), default=0)
    lines = [f"{n:6d}  {rule:<{width}}  [{sev[rule]}] {cat[rule]}" for rule, n in stats.items()]
    total = sum(stats.values())
    lines.append(f"Found {plural(total, 'finding')} of {plural(len(stats), 'rule')}.")
    return "\n".join(lines) + "\n"


def render_json(findings: Sequence[Finding], errors: Sequence[dict[str, str]], summary: dict[str, Any]) -> str:
    """The JSON report: one finding per line, as --stream writes it. Indenting every field would take json's
    pure-Python encoder, five times slower than this on a run with tens of thousands of findings."""
    body = ",".join("\n  " + json.dumps(finding_json(f), ensure_ascii=False) for f in findings)
    tail = json.dumps({"errors": list(errors), "summary": summary}, ensure_ascii=False, indent=1)
    return '{\n "version": 1,\n "findings": [' + body + ("\n ]" if findings else "]") + ",\n" + tail[2:] + "\n"
