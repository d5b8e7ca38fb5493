"""kind: boilerplate: whole lines left by scraping (widgets, teasers, credits, metadata), found by line patterns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..document import Block, Document
from ..errors import RuleError
from ..findings import Edit, Hit
from ..rulepack import Rule
from .base import Checker, Option, compile_user_regex, list_of_str

POSITIONS = ("any", "first", "last", "not-first")
# A line that ends like a sentence; teaser headlines and list items do not.
_FINAL_PUNCT = regex.compile(r"""[.!…:;]["”’'»)\]]*$""")
_WORD = regex.compile(r"\w+(?:['’]\w+)*")


def _position(value: Any) -> str:
    if value not in POSITIONS:
        raise ValueError(f"must be one of {', '.join(POSITIONS)}")
    return str(value)


def content_lines(doc: Document) -> list[Block]:
    """Non-blank lines of the lintable view, stripped of surrounding white space."""
    out = []
    for b in doc.lines:
        stripped = b.text.strip()
        if stripped:
            lead = len(b.text) - len(b.text.lstrip())
            out.append(Block(b.start + lead, b.start + lead + len(stripped), stripped))
    return out


def delete_block_edit(text: str, start: int, end: int) -> Edit:
    """Remove [start, end) with the white space that parts it from the next line (or the previous one, at the end)."""
    after = end
    while after < len(text) and text[after] in " \t\r\n\f\v":
        after += 1
    if after < len(text):
        return Edit(start, after - start, "")
    # the last line: take the break before it instead, so the file's own ending stays as it was
    before = start
    while before > 0 and text[before - 1] in " \t\r\n\f\v":
        before -= 1
    return Edit(before, end - before, "")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def looks_like_headline(text: str, max_words: int) -> bool:
    """A short line without a sentence's final period (a question may be a headline): a teaser title or list item."""
    n = word_count(text)
    # a table row or a rule line is content laid out by the page, not a link
    return 0 < n <= max_words and text[:1] not in "|+" and not _FINAL_PUNCT.search(text)


class BoilerplateChecker(Checker):
    kind = "boilerplate"
    options = {
        "patterns": Option(list_of_str, required=True, help="regexes; one matching a line (from its start) flags it"),
        "ignorecase": Option(bool, default=True),
        "fullmatch": Option(bool, default=False, help="the pattern must match the whole line"),
        "report": Option(str, default="line", help="line: report and delete the whole line; match: only the match"),
        "max_words": Option(int, default=40, help="longer lines are content, whatever they start with"),
        "position": Option(_position, default="any", help="any | first | last | not-first (line of the article)"),
        "then_headlines": Option(int, default=0, help="also flag up to N following headline-like lines (a list)"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        for p in rule.options["patterns"]:
            try:
                compile_user_regex(p)
            except ValueError as e:
                raise RuleError(f"{e} in {p!r}", key="patterns") from None
        if rule.options.get("report", "line") not in ("line", "match"):
            raise RuleError("must be 'line' or 'match'", key="report")

    def setup(self) -> None:
        flags = regex.IGNORECASE if self.opts["ignorecase"] else 0
        # one alternation, so each line is searched once
        joined = "|".join(f"(?:{p})" for p in self.opts["patterns"])
        self.pattern = compile_user_regex(joined, flags)

    def _match(self, line: str) -> regex.Match[str] | None:
        m = self.pattern.match(line, timeout=1.0)
        if m is None:
            return None
        if self.opts["fullmatch"] and m.end() != len(line):
            m2 = self.pattern.fullmatch(line, timeout=1.0)
            return m2
        return m

    def check(self, doc: Document) -> Iterator[Hit]:
        lines = content_lines(doc)
        if not lines:
            return
        position = self.opts["position"]
        if position == "first":
            candidates = [0]
        elif position == "last":
            candidates = [len(lines) - 1]
        elif position == "not-first":
            candidates = list(range(1, len(lines)))
        else:
            candidates = list(range(len(lines)))
        flagged: set[int] = set()
        for i in candidates:
            if i in flagged:
                continue
            line = lines[i]
            # a prefix (metadata) is removed alone, so a long line after it does not matter
            if self.opts["report"] == "line" and word_count(line.text) > self.opts["max_words"]:
                continue
            m = self._match(line.text)
            if m is None or m.end() == 0:
                continue
            flagged.add(i)
            if self.opts["report"] == "match":
                s, e = line.start + m.start(), line.start + m.end()
                yield Hit(s, e, replacement="")
                continue
            # a teaser header ("You may also like") is followed by the headlines it announces
            group = []
            for j in range(i + 1, min(len(lines), i + 1 + self.opts["then_headlines"])):
                if not looks_like_headline(lines[j].text, 20):
                    break
                group.append(lines[j])
                flagged.add(j)
            # one edit removes the header and its list, so the fixes do not overlap
            end = group[-1].end if group else line.end
            yield Hit(line.start, line.end, edits=(delete_block_edit(doc.text, line.start, end),))
            for nxt in group:
                yield Hit(nxt.start, nxt.end)


CHECKER = BoilerplateChecker
