"""Render findings: text (a caret under each span, like ruff), concise (one line each), statistics and JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..core.document import Document
from ..core.findings import Finding, Severity
from ..core.jsontext import compact, indented
from ..core.sources import article_key
from .color import Painter

WINDOW = 100  # characters of context shown around a span on a long line


def _snippet(doc: Document, f: Finding) -> tuple[str, str]:
    """The finding's line, cut to a window around the span, and the caret line beneath it."""
    line = doc.lines[f.line - 1]
    # the window is worked out from the line's length and only it is copied: a finding on a line of a megabyte
    # cost a copy of the whole line, and a quarter of a million of them were most of a run's time
    length = line.end - line.start
    col = f.column - 1
    end_col = (f.end_column - 1) if f.end_line == f.line else length
    width = max(1, end_col - col)
    left = max(0, col - (WINDOW - min(width, WINDOW)) // 2)
    right = min(length, max(end_col, left + WINDOW))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < length else ""
    # the file's own line (not the lintable view, where markup is blanked), as the editor sees it
    shown = prefix + doc.raw[line.start + left : line.start + right].replace("\t", " ") + suffix
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


class _Headings:
    """The first line of each finding: `path:line:col: rule [severity] message`. What repeats from one finding to
    the next (a rule's id and a severity's tag, painted) is made once."""

    def __init__(self, paint: Painter) -> None:
        self.paint = paint
        self.tags = {s: paint.severity(f"[{s.label}]", s) for s in Severity}
        self.rules: dict[str, str] = {}

    def __call__(self, f: Finding) -> str:
        art = f" (article {f.extra['article']})" if "article" in f.extra else ""
        where = self.paint(f"{f.path}:{f.line}:{f.column}:", "bold")
        rule = self.rules.get(f.rule)
        if rule is None:
            rule = self.rules[f.rule] = self.paint(f.rule, "bold")
        return f"{where}{art} {rule} {self.tags[f.severity]} {f.message}"


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
    heading = _Headings(paint)
    gutters: dict[int, tuple[str, str]] = {}  # a line number's two gutters, painted: "12 |" and "   |"
    out: list[str] = []
    for f in findings:
        doc = docs.get(doc_key(f))
        out.append(heading(f))
        if doc is not None and 0 < f.line <= len(doc.lines):
            shown, caret = _snippet(doc, f)
            gutter = gutters.get(f.line)
            if gutter is None:
                number = str(f.line)
                pad = " " * len(number)
                gutter = gutters[f.line] = (paint(f"{number} |", "blue"), paint(f"{pad} |", "blue"))
            out.append(gutter[1])
            out.append(f"{gutter[0]} {shown}")
            out.append(f"{gutter[1]} {paint.severity(caret, f.severity)}")
        if f.suggestions:
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
    heading = _Headings(Painter(color))
    out = [heading(f) for f in findings]
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
    body = ",".join("\n  " + compact(finding_json(f)) for f in findings)
    tail = indented({"errors": list(errors), "summary": summary})
    return '{\n "version": 1,\n "findings": [' + body + ("\n ]" if findings else "]") + ",\n" + tail[2:] + "\n"
