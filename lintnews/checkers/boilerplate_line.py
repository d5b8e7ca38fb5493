"""kind: boilerplate-line: a line scored as page boilerplate by the evidence of its shape, words and place."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from ..core.document import Block, Document
from ..core.errors import RuleError
from ..core.findings import Applicability, Hit, Severity
from ..rules.rulepack import Rule
from .base import Checker, Option, compile_user_regex
from .boilerplate import CLAIMS, delete_block_edit
from .boilerplate.content import content_lines
from .boilerplate.lazy import LazyScore, Plan, plan_for
from .boilerplate.lines import is_body, words_of
from .boilerplate.model import CONTEXT, shipped_model
from .boilerplate.page import article_facts
from .boilerplate.patterns import load_selector

# doc.cache key: the units the model judges (see judged_units)
_UNITS = "boilerplate-line:units"
# the marks one of which ends every line that reads as a paragraph of the story (lines.FINAL, body_shape)
_SENTENCE_MARK = regex.compile(r"[.!?…;]")


def _probability(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value <= 1.0:
        raise ValueError("must be a number in (0, 1]")
    return float(value)


def _patterns(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError("must be a list of regular expressions")
    return value


class BoilerplateLineChecker(Checker):
    kind = "boilerplate-line"
    shares_claims = True
    options = {
        "threshold": Option(_probability, help="flag a line whose score reaches this (default: the fitted one)"),
        "warn_at": Option(_probability, default=0.9, help="a lower score is reported at severity info"),
        "safe_at": Option(_probability, default=1.0, help="a score this high makes the deletion a safe fix"),
        "max_words": Option(int, default=60, help="a longer line is a paragraph of the story"),
        "min_lines": Option(int, default=3, help="a shorter text is not an article with a page around it"),
        "keep": Option(_patterns, default=[], help="regexes of editorial lines the house keeps (a dateline, a credit)"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        for p in rule.options.get("keep", []):
            try:
                compile_user_regex(p)
            except ValueError as e:
                raise RuleError(f"{e} in {p!r}", key="keep") from None

    def setup(self) -> None:
        self.keep = [compile_user_regex(p) for p in self.opts["keep"]]
        self._plan: Plan | None = None

    @property
    def plan(self) -> Plan:
        """The shipped model and the order in which its evidence is worked out."""
        if self._plan is None:
            self._plan = plan_for(shipped_model())
        return self._plan

    def prepare(self) -> None:
        self.plan  # noqa: B018
        load_selector()

    def __getstate__(self) -> dict[str, object]:
        # the plan holds its steps as local functions, which do not pickle: made again from the shipped model
        # where the rules are unpickled (a --jobs worker, the cached rules), so prepared rules pickle whole
        state = dict(self.__dict__)
        state["_plan"] = None
        return state

    def check(self, doc: Document) -> Iterator[Hit]:
        # a line is judged against the story around it, and a story has a paragraph that ends like a sentence
        # (lines.FINAL): a text without one such mark anywhere (a file of headings or table rows) has none
        if _SENTENCE_MARK.search(doc.text) is None:
            return
        lines = judged_units(doc)
        if not lines:
            return
        claims: dict[int, str] = doc.cache.setdefault(CLAIMS, {})
        texts = [b.text for b in lines]
        # lines the pattern rules already report are evidence for their neighbours (a list of teasers after
        # 'Related stories')
        flagged = [b.start in claims for b in lines]
        facts = article_facts(texts)
        # a line is judged against the story around it: a text with no paragraph of a story, or a few lines, has
        # no page template to tell apart
        if len(lines) < self.opts["min_lines"] or not facts.has_body:
            return
        threshold = self.opts["threshold"] or self.plan.model.threshold
        # each line's evidence is worked out only as far as it takes to know the line cannot reach the threshold
        # (or, if it may, in full with its neighbours' and its block's: the two stages' score is then the same)
        scores = LazyScore(self.plan, facts, flagged)
        for i, line in enumerate(lines):
            if flagged[i] or len(line.text.split()) > self.opts["max_words"] or not words_of(line.text):
                continue
            if any(k.search(line.text) for k in self.keep):
                continue
            scored = scores.reaching(i, threshold)
            if scored is None:
                continue
            p, ev = scored.score, scored.evidence
            claims[line.start] = self.rule.id
            reasons = self.plan.model.reasons(ev)
            if scored.context[CONTEXT.index("near_max")] >= threshold and len(reasons) < 3:
                reasons.append("beside other boilerplate")
            why = ", ".join(reasons) or "its overall shape"
            yield Hit(
                line.start,
                line.end,
                params=(("score", f"{p:.2f}"), ("evidence", why)),
                edits=(delete_block_edit(doc.raw, line.start, line.end),),
                severity=None if p >= self.opts["warn_at"] else Severity.INFO,
                applicability=Applicability.SAFE if p >= self.opts["safe_at"] else None,
            )


def judged_units(doc: Document) -> Sequence[Block]:
    """What the model judges one by one: the lines of a plain text (a scraped page puts each block on a line);
    for Markdown and HTML, the lines of the file's blocks, except that a block wrapped over several lines which
    reads as a story paragraph is one unit (its lines are not a run of short lines without final punctuation),
    and a table cell, the article's data, is not judged at all."""
    if doc.blocks is None:
        return content_lines(doc)
    units: list[Block] | None = doc.cache.get(_UNITS)
    if units is None:
        units = []
        for b in doc.blocks:
            if b.kind == "table-cell":
                continue
            lines = _stripped_lines(b)
            if len(lines) > 1 and is_body(joined := " ".join(b.text.split())):
                units.append(Block(lines[0].start, lines[-1].end, joined, b.kind))
            else:
                units.extend(lines)
        doc.cache[_UNITS] = units
    return units


def _stripped_lines(block: Block) -> list[Block]:
    out = []
    pos = block.start
    for piece in block.text.split("\n"):
        stripped = piece.strip()
        if stripped:
            start = pos + len(piece) - len(piece.lstrip())
            out.append(Block(start, start + len(stripped), stripped, block.kind))
        pos += len(piece) + 1
    return out
