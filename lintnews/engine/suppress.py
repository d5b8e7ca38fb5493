"""Inline suppressions: the Linter filter that drops the findings a document's directives cover (see directives)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

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

    @cached_property
    def _by_selector(self) -> dict[str, tuple[list[int], list[int]]]:
        """Each selector's ranges: their starts in order, and the furthest end of any range up to each. Asking
        every range about every finding was quadratic: a megabyte of disable/enable pairs with a finding
        between each took 80 s; a bisect per selector that can match the finding takes microseconds."""
        out: dict[str, tuple[list[int], list[int]]] = {}
        for a, b, s in sorted(self.ranges):
            starts, reach = out.setdefault(s, ([], []))
            starts.append(a)
            reach.append(max(b, reach[-1]) if reach else b)
        return out

    @cached_property
    def _selecting(self) -> dict[tuple[str, str], list[str]]:
        """The range selectors that pick a rule, by (rule id, category): worked out once per rule."""
        return {}

    def _selectors_for(self, f: Finding) -> list[str]:
        found = self._selecting.get((f.rule, f.category))
        if found is None:
            found = [s for s in self._by_selector if s == ALL or selector_matches(s, f.rule, f.category)]
            self._selecting[(f.rule, f.category)] = found
        return found

    def covers(self, f: Finding) -> bool:
        for s in self.lines.get(f.line, ()):
            if s == ALL or selector_matches(s, f.rule, f.category):
                return True
        for s in self._selectors_for(f):
            starts, reach = self._by_selector[s]
            i = bisect_right(starts, f.offset) - 1  # the last range that starts at or before the finding
            if i >= 0 and reach[i] > f.offset:
                return True
        return False


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
