"""kind: boilerplate-line: a line scored as page boilerplate by the evidence of its shape, words and place."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from ..core.document import Block, Document
from ..core.errors import RuleError
from ..core.findings import Applicability, Hit, Severity
from ..rules.rulepack import Rule
from .base import Checker, Option, compile_user_regex
from .boilerplate import CLAIMS, content_lines, delete_block_edit
from .boilerplate.lazy import LazyScore, Plan, plan_for
from .boilerplate.lines import words_of
from .boilerplate.model import CONTEXT, shipped_model
from .boilerplate.page import article_facts
from .boilerplate.patterns import load_selector

# doc.cache key: the (start, end) of the table cells of the file's structure, in order
_TABLE_CELLS = "boilerplate-line:table-cells"


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

    def check(self, doc: Document) -> Iterator[Hit]:
        lines = content_lines(doc)
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
            if _in_table(doc, line):
                continue  # the file's structure says a table row: the article's data, not the page's template
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


def _in_table(doc: Document, line: Block) -> bool:
    """Whether a table cell of the file's structure (Markdown or HTML) lies on this line."""
    cells: list[tuple[int, int]] | None = doc.cache.get(_TABLE_CELLS)
    if cells is None:
        cells = doc.cache[_TABLE_CELLS] = sorted((b.start, b.end) for b in doc.blocks or () if b.kind == "table-cell")
    # the last cell starting before the line's end: a row's first characters are markup ('| ')
    k = bisect_left(cells, (line.end, -1)) - 1
    return k >= 0 and cells[k][1] > line.start
