"""kind: token: spaCy Matcher patterns over tokens (with the tagger and parser only when a pattern needs them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..core.casing import match_case
from ..core.document import Block, Document
from ..core.errors import RuleError
from ..core.findings import Hit
from ..core.nlp import BLANK, FULL, TAGS
from ..rules.rulepack import Rule
from .base import Checker, Option, compile_user_regex, render_template

# Token attributes that only the trained pipeline sets.
MODEL_ATTRS = frozenset(
    {"POS", "TAG", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID", "SENT_START", "IS_SENT_START"}
)


def _patterns(value: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list of token patterns (each a list of token mappings)")
    for p in value:
        if not isinstance(p, list) or not p or not all(isinstance(t, dict) for t in p):
            raise ValueError("each pattern must be a non-empty list of token mappings")
    return value


def _span(value: Any) -> list[int]:
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise ValueError("must be [first_token, end_token] within the match")
    return value


def _attrs(pattern: list[dict[str, Any]]) -> set[str]:
    return {k.upper() for tok in pattern for k in tok if k.upper() not in ("OP",)}


class TokenChecker(Checker):
    kind = "token"
    options = {
        "patterns": Option(_patterns, required=True, help="spaCy Matcher patterns"),
        "span": Option(_span, help="[first, end) tokens of the match to report and replace"),
        "replacement": Option(str, help="template: {match}, {t0}, {t1}... the matched tokens' text"),
        "suggestions": Option(list, default=[], help="templates offered to the editor when there is no replacement"),
        "trigger": Option(str, help="regex a paragraph must contain before it is tokenized or parsed"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        trig = rule.options.get("trigger")
        if trig is not None:
            try:
                compile_user_regex(trig, regex.IGNORECASE)
            except ValueError as e:
                raise RuleError(str(e), key="trigger") from None
        if any(_attrs(p) & MODEL_ATTRS for p in rule.options["patterns"]) and trig is None:
            raise RuleError(
                "a pattern that needs the tagger or parser must give a 'trigger' regex, "
                "so only the paragraphs it can match are parsed",
                key="trigger",
            )

    def setup(self) -> None:
        read = set().union(*(_attrs(p) & MODEL_ATTRS for p in self.opts["patterns"]))
        self.tagged = bool(read)
        self.trigger = compile_user_regex(self.opts["trigger"], regex.IGNORECASE) if self.opts["trigger"] else None
        self._matcher: Any = None
        # a pattern of words alone needs the tokenizer only: the model is loaded for tags and dependencies
        self.needs_parser = self.tagged
        # patterns that read the tags alone need the tagger alone (its tags are the full pipeline's)
        self.parse_level = (TAGS if read == {"TAG"} else FULL) if self.tagged else BLANK

    def matcher(self) -> Any:
        if self._matcher is None:
            from spacy.matcher import Matcher

            from ..core import nlp

            vocab = nlp.model().vocab if self.tagged else nlp.blank().vocab
            m = Matcher(vocab, validate=True)
            try:
                m.add(self.rule.id, self.opts["patterns"])
            except Exception as e:  # spaCy raises several types for a bad pattern
                raise RuleError(
                    f"invalid token pattern: {str(e).splitlines()[0]}",
                    path=self.rule.path,
                    line=self.rule.line,
                    rule=self.rule.id,
                    key="patterns",
                ) from None
            self._matcher = m
        return self._matcher

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The paragraphs the trigger lets through."""
        return [p for p in doc.paragraphs if self.trigger is None or self.trigger.search(p.text)]

    def check(self, doc: Document) -> Iterator[Hit]:
        if not self.parse_request(doc)[0]:
            return
        matcher = self.matcher()
        for block, sdoc in self.parsed(doc):
            spans = matcher(sdoc, as_spans=True)
            for span in spans:
                if self.opts["span"]:
                    a, b = self.opts["span"]
                    toks = span[a:b] if b > a else span[a:]
                    sub = toks
                else:
                    sub = span
                if len(sub) == 0:
                    continue
                start = block.start + sub.start_char
                end = block.start + sub.end_char
                fields = {"match": doc.text[start:end], **{f"t{i}": t.text for i, t in enumerate(span)}}
                repl = None
                if self.opts["replacement"] is not None:
                    repl = match_case(doc.text[start:end], render_template(self.opts["replacement"], fields))
                sugg = tuple(render_template(s, fields) for s in self.opts["suggestions"]) or ((repl,) if repl else ())
                yield Hit(start, end, params=tuple(fields.items()), suggestions=sugg, replacement=repl)
