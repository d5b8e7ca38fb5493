"""kind: readability: sentences too long for news and paragraphs too long or too dense (textstat grade)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.document import Document, split_sentences
from ..core.errors import RuleError
from ..core.findings import Hit
from ..core.readability import grade, grade_estimate, word_count
from ..rules.rulepack import Rule
from .base import Checker, Option, one_of

UNITS = ("sentence", "paragraph")


_unit = one_of("unit", UNITS)


class ReadabilityChecker(Checker):
    kind = "readability"
    # Defaults were set on 80 professionally edited articles: 99.5% of their sentences have at most
    # 55 words and 99.9% of their paragraphs at most 160, so clean copy rarely trips them.
    options = {
        "unit": Option(_unit, required=True, help="sentence or paragraph"),
        "max_words": Option(int, default=60, help="report a unit with more words than this"),
        "max_grade": Option(
            (int, float), help="report a unit whose Flesch-Kincaid grade is above this (paragraphs of min_words+)"
        ),
        "min_words": Option(int, default=60, help="units shorter than this are never judged by grade"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        for key in ("max_words", "min_words"):
            v = rule.options.get(key)
            if v is not None and v < 1:
                raise RuleError("must be a positive number of words", key=key)

    def check(self, doc: Document) -> Iterator[Hit]:
        blocks = doc.sentences if self.opts["unit"] == "sentence" else doc.paragraphs
        max_words: int = self.opts["max_words"]
        max_grade = self.opts["max_grade"]
        # a word takes a character at least: a unit shorter than this can neither be too long nor be graded
        least = min(max_words + 1, self.opts["min_words"] if max_grade is not None else max_words + 1)
        for b in blocks:
            if len(b.text) < least:
                continue
            n = word_count(b.text)
            if n > max_words:
                yield Hit(b.start, b.end, params=(("words", str(n)), ("limit", str(max_words))))
                continue
            if max_grade is not None and n >= self.opts["min_words"]:
                # the exact grade is costly; most paragraphs are far below any sane threshold
                if grade_estimate(b.text, len(split_sentences(b.text)), n) < max_grade - 3:
                    continue
                g = grade(b.text)
                if g is not None and g > max_grade:
                    yield Hit(
                        b.start,
                        b.end,
                        message=f"Dense paragraph: Flesch-Kincaid grade {g:.0f} (above {max_grade}); "
                        "split long sentences or cut clauses.",
                        params=(("words", str(n)), ("grade", f"{g:.0f}")),
                    )
