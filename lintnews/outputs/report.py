"""Render findings: text (a caret under each span, like ruff), concise (one line each), statistics and JSON."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from json.encoder import encode_basestring as _escape
from typing import Any, TextIO

from ..core.document import Document
from ..core.findings import Finding, Severity
from ..core.jsontext import compact, indented
from ..core.sources import article_key
from .color import Painter

WINDOW = 100  # characters of context shown around a span on a long line


class _Snippets:
    """Under a finding's heading: its line, cut to a window around the span, between gutters, and the carets
    beneath it. What repeats from one finding to the next (a line's gutters, a caret line) is made once."""

    def __init__(self, paint: Painter) -> None:
        self.paint = paint
        self.gutters: dict[int, tuple[str, str]] = {}  # a line number's two gutters, painted: "12 |" and "   |"
        self.carets: dict[tuple[str, int, int, Severity], str] = {}

    def __call__(self, doc: Document, f: Finding) -> str:
        line_no = f.line
        gutter = self.gutters.get(line_no)
        if gutter is None:
            number = str(line_no)
            pad = " " * len(number)
            gutter = self.gutters[line_no] = (self.paint(f"{number} |", "blue"), self.paint(f"{pad} |", "blue"))
        line = doc.lines[line_no - 1]
        # the window is worked out from the line's length and only it is copied: a finding on a line of a megabyte
        # cost a copy of the whole line, and a quarter of a million of them were most of a run's time
        start = line.start
        length = line.end - start
        col = f.column - 1
        end_col = (f.end_column - 1) if f.end_line == line_no else length
        width = end_col - col if end_col - col > 1 else 1
        left = col - (WINDOW - (width if width < WINDOW else WINDOW)) // 2
        left = left if left > 0 else 0
        right = left + WINDOW if left + WINDOW > end_col else end_col
        right = right if right < length else length
        # the file's own line (not the lintable view, where markup is blanked), as the editor sees it
        shown = doc.raw[start + left : start + right].replace("\t", " ")
        if left > 0:
            shown = "…" + shown
        if right < length:
            shown += "…"
        caret_at = (1 if left > 0 else 0) + col - left
        n = width if width < right - col else right - col
        key = (gutter[1], caret_at, n if n > 1 else 1, f.severity)
        carets = self.carets.get(key)
        if carets is None:
            caret = " " * caret_at + "^" * key[2]
            carets = self.carets[key] = f"{gutter[1]} {self.paint.severity(caret, f.severity)}"
        return f"\n{gutter[1]}\n{gutter[0]} {shown.rstrip(chr(13))}\n{carets}"


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
        where = f"{f.path}:{f.line}:{f.column}:"
        if self.paint.enabled:
            where = self.paint(where, "bold")
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
    snippet = _Snippets(paint)
    out: list[str] = []
    append = out.append
    for f in findings:
        doc = docs.get(doc_key(f) if f.extra else f.path)
        # a finding's lines as one piece ending in the blank line after it: the join puts the breaks between
        chunk = heading(f)
        if doc is not None and 0 < f.line <= len(doc.lines):
            chunk += snippet(doc, f)
        if f.suggestions:
            suggestions = shown_suggestions(f)
            if suggestions:
                chunk += "\n  = suggestion: " + " | ".join(repr(s) for s in suggestions)
        if f.fix is not None:
            chunk += f"\n  = fix ({f.fix.applicability.value})"
        append(chunk + "\n")
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


class FindingLines:
    """Each finding as compact JSON text, `compact(finding_json(f))`, written from a template: the fields up to the
    offset (path, rule, category, severity, message: shared by many findings) are escaped once, the numbers put in
    by formatting, where making a dict per finding and encoding it was most of the cost of a large report."""

    def __init__(self) -> None:
        self.heads: dict[tuple[str, str, str, Severity, str], str] = {}

    def __call__(self, f: Finding) -> str:
        if "article" in f.extra:
            return compact(finding_json(f))
        key = (f.path, f.rule, f.category, f.severity, f.message)
        head = self.heads.get(key)
        if head is None:
            head = self.heads[key] = (
                f'{{"path": {_escape(f.path)}, "rule": {_escape(f.rule)}, "category": {_escape(f.category)}, '
                f'"severity": {_escape(f.severity.label)}, "message": {_escape(f.message)}, "offset": '
            )
        suggestions = compact(list(f.suggestions)) if f.suggestions else "[]"
        fix = "null" if f.fix is None else compact(f.fix.to_json())
        return (
            f'{head}{f.offset}, "length": {f.length}, "line": {f.line}, "column": {f.column}, '
            f'"end_line": {f.end_line}, "end_column": {f.end_column}, "suggestions": {suggestions}, "fix": {fix}}}'
        )


# findings' lines gathered before each write: a write per line cost more, the whole report at once held it all
# (13 MB of text, four copies at its peak, for 30,000 findings over a million words)
CHUNK = 256


def write_json(
    out: TextIO, findings: Sequence[Finding], errors: Sequence[dict[str, str]], summary: dict[str, Any]
) -> None:
    """The JSON report written to `out`, its findings' lines a chunk at a time: one finding per line, as --stream
    writes it. Indenting every field would take json's pure-Python encoder, five times slower than this on a run
    with tens of thousands of findings."""
    line = FindingLines()
    out.write('{\n "version": 1,\n "findings": [')
    for i in range(0, len(findings), CHUNK):
        lead = "," if i else ""
        out.write(lead + ",".join("\n  " + line(f) for f in findings[i : i + CHUNK]))
    tail = indented({"errors": list(errors), "summary": summary})
    out.write(("\n ]" if findings else "]") + ",\n" + tail[2:] + "\n")


def render_json(findings: Sequence[Finding], errors: Sequence[dict[str, str]], summary: dict[str, Any]) -> str:
    """The JSON report as one string (what write_json writes)."""
    out = io.StringIO()
    write_json(out, findings, errors, summary)
    return out.getvalue()
