"""kind: boilerplate: whole lines left by scraping (widgets, teasers, credits, metadata), found by line patterns."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...core.document import Block, Document
from ...core.errors import RuleError
from ...core.findings import Edit, Hit
from ...rules.rulepack import Rule
from ...speed.select import Lines, PerLine, Selector
from ..base import Checker, Option, compile_user_regex, list_of_str, one_of
from .content import ContentLines, content_lines

POSITIONS = ("any", "first", "last", "not-first")
SHAPES = ("", "metadata")
# doc.cache key: start offset of a line -> the rule that reported it; one finding per line is enough, the
# first rule of the pack to see a line keeps it
CLAIMS = "boilerplate-claimed"
# doc.cache key: the content lines' word counts, computed once for the pack's rules
_LINE_WORDS = "boilerplate-line-words"
# doc.cache key: the content lines joined for the rules' selectors, one encoding for the pack
_SCAN = "boilerplate-scan-lines"
# A line that ends like a sentence; teaser headlines and list items do not.
_FINAL_PUNCT = regex.compile(r"""[.!…:;]["”’'»)\]]*$""")
_WORD = regex.compile(r"\w+(?:['’]\w+)*")


_shape = one_of("shape", SHAPES)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# a date or a clock time as page headers print them: 17/03/2024, 2024-03-17, 16 Sep 2024, March 3, 2024, 23:41h
_DATE = regex.compile(
    rf"\b(?:\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:]+Z?)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})(?!\w)",
    regex.IGNORECASE,
)
_FULL_DATE = regex.compile(r"\d{4}")
_TIME = regex.compile(
    r"\b\d{1,2}(?::\d{2}(?::\d{2})?\s*(?:h|hrs?|[ap]\.?m\.?)?|h\d{2}|\s*[ap]\.?m\.?)(?!\w)", regex.IGNORECASE
)
_SEPARATOR = regex.compile(r"\s*(?:\||·|•|/|\s[-–—]\s|,)\s*")
# words a page header puts around its date and names
_META_WORDS = frozenset(
    [
        "published",
        "updated",
        "posted",
        "modified",
        "last",
        "first",
        "on",
        "at",
        "by",
        "of",
        "and",
        "from",
        "in",
        "the",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "di",
        "la",
        "le",
        "h",
        "hrs",
        "am",
        "pm",
        "gmt",
        "utc",
        "cet",
        "cest",
        "bst",
        "est",
        "edt",
        "pst",
        "pdt",
        "brt",
        "local",
        "time",
    ]
)
_META_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}.'’-]*")
# a line of a shape holds a match of one of these (a metadata line, a date or a time): the others are not read
SHAPE_NEEDS: dict[str, tuple[regex.Pattern[str], ...]] = {"metadata": (_DATE, _TIME)}


def metadata_line(text: str) -> bool:
    """A page header or footer: a date or a time with names, sections and labels around it, parted by
    separators ('Sports | 17/03/2024 - 23:41h', 'Published on 10/04/2024 09:12 By Ana Lima - Reporter')."""
    # a sentence, or an embedded post's attribution, or opening hours in brackets: not a page header
    if word_count(text) > 25 or text.rstrip()[-1:] in '.!?"”' or regex.search(r"[@#()\[\]]", text):
        return False
    dates = list(_DATE.finditer(text))
    times = list(_TIME.finditer(text))
    if not dates and not times:
        return False
    rest = _TIME.sub(" ", _DATE.sub(" ", text))
    words = _META_WORD.findall(rest)
    names = [w for w in words if w.lower() not in _META_WORDS]
    # what is left is names and labels: capitalised words, no sentence around them
    if any(not w[:1].isupper() for w in names) or regex.search(r"\d", rest.replace(",", " ")):
        return False
    labelled = bool(words) and words[0].lower() in ("published", "updated", "posted", "modified", "last", "first")
    parted = _SEPARATOR.search(text) is not None
    # with no separator, a full date and a short name ('March 3, 2024 Ana Lima') is a byline too
    full = bool(dates) and any(_FULL_DATE.search(d.group()) for d in dates) and 1 <= len(names) <= 4
    # a bare range of dates ('2 May 2023 | 9 July 2023') is an exhibition's or a season's, not a header
    return labelled or (parted and (bool(names) or bool(times)) and len(names) <= 12) or full


_position = one_of("position", POSITIONS)


def _line_words(doc: Document, i: int) -> int:
    """`word_count` of line `i` of `content_lines(doc)`, counted once for all the rules of the pack (and only
    for the lines a rule reads)."""
    counts: dict[int, int] = doc.cache.setdefault(_LINE_WORDS, {})
    n = counts.get(i)
    if n is None:
        n = counts[i] = word_count(content_lines(doc)[i].text)
    return n


def delete_block_edit(text: str, start: int, end: int) -> Edit:
    """Remove [start, end) with the white space that parts it from the next line (or the previous one, at the end).

    `text` is the file's own text (`Document.raw`): in the lintable view an image or a tag is blanked to spaces,
    and would be taken as white space."""
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


def delete_blocks_edits(raw: str, blocks: list[Block]) -> tuple[Edit, ...]:
    """Deletions of consecutive blocks: one per run of blocks with only white space between them in the file's own
    text, so what lies between and is not article text (an image, a tag) stays."""
    runs: list[list[int]] = []
    for b in blocks:
        if runs and not raw[runs[-1][1] : b.start].strip():
            runs[-1][1] = b.end
        else:
            runs.append([b.start, b.end])
    return tuple(delete_block_edit(raw, s, e) for s, e in runs)


# an image in Markdown or HTML source: its alt text is lintable, the image is never part of a teaser list
_IMAGE = regex.compile(r"!\[|<img\b", regex.I)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def looks_like_headline(text: str, max_words: int) -> bool:
    """A short line without a sentence's final period (a question may be a headline): a teaser title or list item."""
    n = word_count(text)
    # a table row or a rule line is content laid out by the page, not a link
    return 0 < n <= max_words and text[:1] not in "|+" and not _FINAL_PUNCT.search(text)


class BoilerplateChecker(Checker):
    kind = "boilerplate"
    shares_claims = True
    options = {
        "patterns": Option(list_of_str, default=[], help="regexes; one matching a line (from its start) flags it"),
        "shape": Option(_shape, default="", help="metadata: a line of dates, times, names and separators"),
        "ignorecase": Option(bool, default=True, help="match the patterns whatever their letter case"),
        "fullmatch": Option(bool, default=False, help="the pattern must match the whole line"),
        "report": Option(str, default="line", help="line: report and delete the whole line; match: only the match"),
        "max_words": Option(int, default=40, help="longer lines are content, whatever they start with"),
        "position": Option(_position, default="any", help="any | first | last | not-first (line of the article)"),
        "then_headlines": Option(int, default=0, help="also flag up to N following headline-like lines (a list)"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        if not rule.options.get("patterns") and not rule.options.get("shape"):
            raise RuleError("kind 'boilerplate' requires 'patterns' or 'shape'", key="patterns")
        for p in rule.options.get("patterns", []):
            try:
                compile_user_regex(p)
            except ValueError as e:
                raise RuleError(f"{e} in {p!r}", key="patterns") from None
        if rule.options.get("report", "line") not in ("line", "match"):
            raise RuleError("must be 'line' or 'match'", key="report")

    def setup(self) -> None:
        self.flags = regex.IGNORECASE if self.opts["ignorecase"] else 0
        # the patterns one by one, the first that matches winning, as in one alternation of them all; one scan of
        # all of a document's lines names the lines each may match in (and those that may have the shape), so a
        # rule reads only those lines and tries only the patterns named in each (see _match)
        self._patterns: list[regex.Pattern[str]] | None = None
        needs = SHAPE_NEEDS.get(self.opts["shape"], ())
        sources = [(p, self.flags) for p in self.opts["patterns"]] + [(n.pattern, n.flags) for n in needs]
        self._shape_ids = range(len(self.opts["patterns"]), len(sources))
        self.selector = Selector(sources, per_line=True)

    @property
    def patterns(self) -> list[regex.Pattern[str]]:
        if self._patterns is None:
            self._patterns = [compile_user_regex(p, self.flags) for p in self.opts["patterns"]]
        return self._patterns

    def warm(self, doc: Document) -> None:
        # compiled (and the selector loaded) on first use, all at once
        self.patterns  # noqa: B018
        self.selector.load()

    def _span(self, line: str, i: int, chosen: PerLine | None) -> tuple[int, int] | None:
        """[start, end) of what flags line `i`, or None."""
        if self.opts["patterns"]:
            m = self._match(line, i, chosen)
            if m is not None and m.end() > 0:
                return m.start(), m.end()
        if self.opts["shape"] == "metadata" and _named(chosen, self._shape_ids, i) and metadata_line(line):
            return 0, len(line)
        return None

    def _match(self, line: str, i: int, chosen: PerLine | None) -> regex.Match[str] | None:
        """What `match` (or `fullmatch`) of the alternation of the patterns gives: the first pattern that matches
        at the start of the line; with `fullmatch`, the first that matches the whole line. A pattern the scan
        does not name in line `i` is passed over: it cannot match there."""
        full = self.opts["fullmatch"]
        for k, pattern in enumerate(self.patterns):
            if chosen is not None and (named := chosen[k]) is not None and i not in named:
                continue
            m = pattern.fullmatch(line, timeout=1.0) if full else pattern.match(line, timeout=1.0)
            if m is not None:
                return m
        return None

    def _visits(self, doc: Document, lines: ContentLines) -> tuple[list[int], PerLine | None]:
        """The lines to read, in order (those of the rule's position that a pattern or the shape may match
        in), and what the scan named in each."""
        n = len(lines)
        position = self.opts["position"]
        allowed = {"first": range(1), "last": range(n - 1, n), "not-first": range(1, n)}.get(position, range(n))
        scan: Lines | None = doc.cache.get(_SCAN)
        if scan is None:
            scan = doc.cache[_SCAN] = Lines(lines.texts)
        chosen = self.selector.by_line(scan)
        if chosen is None or any(c is None for c in chosen):
            return list(allowed), chosen
        named: set[int] = set().union(*chosen)  # type: ignore[arg-type]
        return sorted(i for i in named if i in allowed), chosen

    def check(self, doc: Document) -> Iterator[Hit]:
        lines = content_lines(doc)
        if not lines:
            return
        candidates, chosen = self._visits(doc, lines)
        flagged: set[int] = set()
        claims: dict[int, str] = doc.cache.setdefault(CLAIMS, {})
        me = self.rule.id
        # a prefix (metadata) is removed alone, so a long line after it does not matter
        max_words = self.opts["max_words"] if self.opts["report"] == "line" else None
        for i in candidates:
            if i in flagged or claims.get(lines[i].start, me) != me:
                continue
            line = lines[i]
            if max_words is not None and _line_words(doc, i) > max_words:
                continue
            span = self._span(line.text, i, chosen)
            if span is None:
                continue
            flagged.add(i)
            claims[line.start] = me
            if self.opts["report"] == "match":
                s, e = line.start + span[0], line.start + span[1]
                yield Hit(s, e, replacement="")
                continue
            # a teaser header ("You may also like") is followed by the headlines it announces
            group = []
            for j in range(i + 1, min(len(lines), i + 1 + self.opts["then_headlines"])):
                if not looks_like_headline(lines[j].text, 20) or claims.get(lines[j].start, me) != me:
                    break
                if _IMAGE.search(doc.raw, lines[j].start, lines[j].end):
                    break  # an image's alt text reads like a headline, but the image is the article's
                group.append(lines[j])
                flagged.add(j)
                claims[lines[j].start] = me
            # one fix removes the header and its list, so the fixes do not overlap
            yield Hit(line.start, line.end, edits=delete_blocks_edits(doc.raw, [line, *group]))
            for nxt in group:
                yield Hit(nxt.start, nxt.end)


def _named(chosen: PerLine | None, ids: range, i: int) -> bool:
    """Whether the scan named line `i` for one of these sources (or could not tell)."""
    if chosen is None:
        return True
    return any((named := chosen[k]) is None or i in named for k in ids)
