"""Apply fixes: choose non-overlapping ones, apply them all at once, re-lint until nothing changes."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from ..core.document import Block, Document
from ..core.findings import Applicability, Edit, Finding, Fix

# Overlapping fixes wait for the next pass, so a cluster of n overlapping fixes needs n passes;
# a real cycle between rules is caught earlier by remembering every text seen.
MAX_PASSES = 16
BOM = "\ufeff"


def confine(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The one rule that keeps fixes to article text (a Linter filter, first of all): a finding whose fix would
    change a character that is not article text (front matter, markup, a link target, code, a shortcode, an
    entity) is still reported, without a fix. An insertion must sit next to text."""
    if doc.text_spans is None or not findings:
        return findings
    blocks = _Blocks(doc.blocks or [])
    return [f if f.fix is None or _keeps_markup_whole(doc, f.fix, blocks) else replace(f, fix=None) for f in findings]


class _Blocks:
    """A document's blocks, found by offset: each finding asks for the few its edits touch, not all of them (a
    file of 20,000 small paragraphs with a fix in each was quadratic)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = list(blocks)
        self.starts = [b.start for b in self.blocks]
        # bisection needs blocks in order, apart; a reader that nests them is searched block by block
        self.apart = all(a.end <= b.start for a, b in pairwise(self.blocks))

    def touching(self, deleted: list[tuple[int, int]]) -> list[Block]:
        if not self.apart:
            return [b for b in self.blocks if any(s < b.end and b.start < e for s, e in deleted)]
        found: dict[int, None] = {}
        for s, e in deleted:
            for i in range(max(0, bisect.bisect_right(self.starts, s) - 1), bisect.bisect_left(self.starts, e)):
                if self.blocks[i].end > s:
                    found[i] = None
        return [self.blocks[i] for i in sorted(found)]


_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts


def _words_left(raw: str, block: Block, deleted: list[tuple[int, int]]) -> bool:
    """Does a letter or digit of the block stay outside the deleted ranges? (The first one found answers.)"""
    pos = block.start
    for s, e in sorted(deleted):
        if e <= pos:
            continue
        if s >= block.end:
            break
        if s > pos and _ALNUM.search(raw, pos, s):
            return True
        pos = e
    return pos < block.end and _ALNUM.search(raw, pos, block.end) is not None


def _keeps_markup_whole(doc: Document, fix: Fix, blocks: _Blocks) -> bool:
    """Every edit changes article text only, and none deletes every word of a block whose lines hold markup that
    would stay behind, emptied (a heading's link text deleted leaves `## [](url)`)."""
    if not all(doc.is_text(e.offset, e.end) for e in fix.edits):
        return False
    deleted = [(e.offset, e.end) for e in fix.edits if e.length and not any(c.isalnum() for c in e.replacement)]
    if not deleted or not blocks.blocks:
        return True
    raw = doc.raw
    for block in blocks.touching(deleted):
        if _words_left(raw, block, deleted):
            continue  # words of the block are left: it stays a block
        first = raw.rfind("\n", 0, block.start) + 1
        last = raw.find("\n", block.end)
        last = len(raw) if last < 0 else last
        if _markup_between(doc, first, last):
            return False
    return True


_NOT_SPACE = re.compile(r"\S")


def _markup_between(doc: Document, start: int, end: int) -> bool:
    """Is a character of [start, end) that is not white space also not article text? Each gap between the text
    spans there is asked by one search (it was a Python call per character of the line, for each finding)."""
    spans = doc.text_spans
    if spans is None:
        return False
    raw = doc.raw
    i = bisect.bisect_right(spans, (start, len(raw) + 1)) - 1  # the last span that starts at or before start
    pos = spans[i][1] if i >= 0 and spans[i][1] > start else start  # inside it: the gap begins at its end
    i += 1  # the spans are sorted and apart: each gap runs from one's end to the next one's start
    while pos < end:
        gap_end = min(end, spans[i][0]) if i < len(spans) else end
        if _NOT_SPACE.search(raw, pos, gap_end):
            return True
        if gap_end == end:
            return False
        pos = spans[i][1]
        i += 1
    return False


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def _splits_crlf(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1] == "\r" and text[pos] == "\n"


@lru_cache(maxsize=8)
def _uses_crlf(text: str) -> bool:
    # kept for the last few texts: a caller that checks each finding's fix against one text (the rules a --fix
    # pass applied, fix_file) counted the whole text once per fix, 8,600 times on a 250 KB file
    crlf = text.count("\r\n")
    return crlf > 0 and crlf >= text.count("\n") - crlf


def _crlf_replacement(replacement: str) -> str:
    # a bare \n written into a CRLF file would leave it with mixed line endings
    return replacement.replace("\r\n", "\n").replace("\n", "\r\n")


def checked_fix(text: str, fix: Fix, crlf: bool | None = None) -> Fix | None:
    """The fix as it may be applied to `text`, or None when applying it could corrupt the file.

    Refused: edits outside the text, edits of one fix that touch each other, an edit that removes
    or inserts before the byte-order mark, an edit boundary between the \\r and \\n of a line break,
    and replacements that cannot be encoded (lone surrogates). Bare \\n in a replacement becomes
    \\r\\n in a file whose line breaks are \\r\\n.
    """
    if not fix.edits:
        return None
    edits = sorted(fix.edits)
    if crlf is None:
        crlf = _uses_crlf(text)
    out: list[Edit] = []
    for e in edits:
        if e.length < 0 or e.offset < 0 or e.end > len(text):
            return None
        if text.startswith(BOM) and e.offset < 1:
            return None
        if _splits_crlf(text, e.offset) or _splits_crlf(text, e.end):
            return None
        try:
            e.replacement.encode("utf-8")
        except UnicodeEncodeError:
            return None
        if out and _touches(out[-1].offset, out[-1].end, e.offset, e.end):
            return None
        if "\n" in e.replacement and (crlf or "\r\n" in text[e.offset : e.end]):
            out.append(replace(e, replacement=_crlf_replacement(e.replacement)))
        else:
            out.append(e)
    return Fix(fix.applicability, tuple(out))


class _Taken:
    """Spans already edited in this pass, sorted; they never overlap, so their ends are sorted too."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def touches(self, s: int, e: int) -> bool:
        # only spans starting at or before e can touch; walking back, stop at the first that ends before s
        i = bisect.bisect_right(self.starts, e) - 1
        while i >= 0 and self.ends[i] >= s:
            if _touches(s, e, self.starts[i], self.ends[i]):
                return True
            i -= 1
        return False

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def _choose(findings: Sequence[Finding], unsafe: bool, text: str | None) -> list[tuple[Finding, Fix]]:
    chosen: list[tuple[Finding, Fix]] = []
    seen: set[Fix] = set()
    taken = _Taken()
    candidates: list[tuple[Finding, Fix]] = []
    crlf = text is not None and _uses_crlf(text)  # once per pass: counting per fix would be quadratic
    for f in findings:
        if f.fix is None or not allowed(f.fix, unsafe):
            continue
        fix = checked_fix(text, f.fix, crlf) if text is not None else f.fix
        if fix is not None:
            candidates.append((f, fix))
    candidates.sort(key=lambda c: (c[1].start, c[1].end))
    for finding, fix in candidates:
        if fix in seen:
            continue  # the same fix from two findings is applied once
        if any(taken.touches(e.offset, e.end) for e in fix.edits):
            continue  # overlaps an earlier fix: it waits for the next pass, after re-linting
        chosen.append((finding, fix))
        seen.add(fix)
        for e in fix.edits:
            taken.add(e.offset, e.end)
    return chosen


def choose_fixes(findings: Sequence[Finding], unsafe: bool, text: str | None = None) -> list[Fix]:
    """Fixes to apply in one pass: the earliest first; one that touches text another already touches waits.

    With `text`, fixes that could corrupt it are dropped and line breaks in replacements follow the text's.
    """
    return [fix for _, fix in _choose(findings, unsafe, text)]


def _touches(s1: int, e1: int, s2: int, e2: int) -> bool:
    # two insertions at one point, or ranges sharing a character, conflict
    if s1 == e1 or s2 == e2:
        return s2 <= s1 <= e2 or s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """Apply fixes whose edits do not overlap (as choose_fixes returns them), in one linear sweep."""
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: (e.offset, e.end))
    pieces: list[str] = []
    pos = 0
    for e in edits:
        if e.offset < pos:
            raise ValueError(f"overlapping edits at offset {e.offset}")
        pieces += [text[pos : e.offset], e.replacement]
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass
class FixResult:
    text: str
    applied: int
    passes: int
    remaining: list[Finding]
    # set when the fixes did not settle (rules undoing each other): the text is then left unchanged
    notice: str | None = None


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool) -> FixResult:
    """Lint, apply a pass of fixes, re-lint; stop when no fix applies.

    The result is either a text on which no allowed fix applies any more, or, when the fixes cycle or
    do not settle within MAX_PASSES, the original text unchanged: either way fixing it again changes
    nothing, so `--fix` is idempotent whatever the rules do.
    """
    original = text
    first = findings = lint(text)
    history = [text]
    rules_per_pass: list[set[str]] = []
    applied = 0
    while True:
        chosen = _choose(findings, unsafe, text)
        if not chosen:
            return FixResult(text, applied, len(rules_per_pass), findings)
        new = apply_fixes(text, [fix for _, fix in chosen])
        rules_per_pass.append({f.rule for f, _ in chosen})
        if new in history or len(rules_per_pass) >= MAX_PASSES:
            # the cycle's rules: those applied since the text first looked like this
            since = history.index(new) if new in history else 0
            rules = sorted(set[str]().union(*rules_per_pass[since:]))
            why = "rules undo each other" if new in history else f"still changing after {MAX_PASSES} passes"
            notice = f"fixes not applied: they do not settle ({why}: {', '.join(rules)})"
            return FixResult(original, 0, 0, first, notice=notice)
        history.append(new)
        text = new
        applied += len(chosen)
        findings = lint(text)


def _lines(text: str) -> list[str]:
    # split on \n only: \r stays with its line and form feeds or U+2028 do not start new diff lines
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
