"""Inline suppressions: the Linter filter that drops the findings a document's directives cover (see directives)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.config import selector_matches
from ..core.directives import DIRECTIVE, LINE_MARKER
from ..core.document import FILL, Document
from ..core.findings import Finding

ALL = "*"


def _selectors(arg: str | None) -> tuple[str, ...]:
    ids = tuple(s for s in re.split(r"[\s,]+", arg or "") if s)
    return ids or (ALL,)


@dataclass(frozen=True)
class Suppressions:
    """What an article's directives switch off: whole lines, and offset ranges."""

    lines: dict[int, tuple[str, ...]]
    ranges: tuple[tuple[int, int, str], ...]

    def __bool__(self) -> bool:
        return bool(self.lines or self.ranges)

    def covers(self, f: Finding) -> bool:
        for s in self.lines.get(f.line, ()):
            if s == ALL or selector_matches(s, f.rule, f.category):
                return True
        return any(
            a <= f.offset < b and (s == ALL or selector_matches(s, f.rule, f.category)) for a, b, s in self.ranges
        )


def parse(doc: Document) -> Suppressions:
    raw = doc.raw
    lines: dict[int, tuple[str, ...]] = {}
    ranges: list[tuple[int, int, str]] = []
    if "lintnews" not in raw:
        return Suppressions(lines, ())
    for m in LINE_MARKER.finditer(raw):
        line = doc.position(m.start())[0]
        lines[line] = lines.get(line, ()) + _selectors(m.group("ids"))
    open_: dict[str, int] = {}
    for m in DIRECTIVE.finditer(raw):
        cmd = m.group("c1") or m.group("c2")
        sels = _selectors(m.group("a1") if m.group("c1") else m.group("a2"))
        if cmd == "disable-next-line":
            target = _next_text_line(doc, doc.position(m.end())[0])
            if target is not None:
                lines[target] = lines.get(target, ()) + sels
        elif cmd == "disable":
            for s in sels:
                open_.setdefault(s, m.end())
        else:
            closing = list(open_) if sels == (ALL,) else [s for s in sels if s in open_]
            for s in closing:
                ranges.append((open_.pop(s), m.start(), s))
    ranges.extend((start, len(raw), s) for s, start in open_.items())
    return Suppressions(lines, tuple(ranges))


def _next_text_line(doc: Document, after: int) -> int | None:
    """The number of the first line after `after` whose lintable text is not blank."""
    for block in doc.lines[after:]:
        if block.text.replace(FILL, "").strip():  # a line of markup inside a paragraph has no text
            return doc.position(block.start)[0]
    return None


def suppression_filter(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A Linter filter: drop the findings the article's own directives switch off."""
    if not findings:
        return findings
    sup = parse(doc)
    if not sup:
        return findings
    return [f for f in findings if not sup.covers(f)]
