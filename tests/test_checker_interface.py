"""A checker declares what it reads (needs_parser, parse_level, parse_blocks); the linter prepares it from that."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from lintnews.checkers.base import Checker
from lintnews.core import nlp
from lintnews.core.document import Block, Document
from lintnews.core.findings import Hit
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter

from .rule_factory import make_rule


class CountingChecker(Checker):
    """Reports each token 'zebra' in the paragraphs that mention one, read through self.parsed."""

    kind = "counting"
    needs_parser = True
    parse_level = nlp.BLANK  # tokens only: the blank tokenizer, never the model

    def setup(self) -> None:
        self.asked: list[str] = []

    def parse_blocks(self, doc: Document) -> list[Block]:
        self.asked.append(doc.path)
        return [p for p in doc.paragraphs if "zebra" in p.text]

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for tok in sdoc:
                if tok.text == "zebra":
                    yield Hit(block.start + tok.idx, block.start + tok.idx + len(tok.text))


RULE = make_rule("test.zebra", "counting", message="a zebra")
TEXT = "No animals here.\n\nA zebra and another zebra.\n\nStill none.\n"


def test_parsed_yields_each_declared_block_with_its_tokens() -> None:
    checker = CountingChecker(RULE)
    doc = make_document("a.txt", TEXT)
    hits = list(checker.check(doc))
    assert [doc.text[h.start : h.end] for h in hits] == ["zebra", "zebra"]
    assert [block.text for block, _ in checker.parsed(doc)] == ["A zebra and another zebra."]


def test_the_blocks_are_worked_out_once_per_document_for_the_linter_and_the_checker() -> None:
    checker = CountingChecker(RULE)
    linter = Linter.of_checkers([checker])
    assert linter.uses_model  # read from the declaration
    findings = linter.lint(make_document("a.txt", TEXT))
    assert [f.rule for f in findings] == ["test.zebra", "test.zebra"]
    # the linter asked for the blocks to parse them ahead (parse_request), the checker read the same list
    assert checker.asked == ["a.txt"]
    assert checker.parse_request(make_document("b.txt", "zebra\n"))[1] == nlp.BLANK


def test_a_checker_without_declarations_reads_no_parse() -> None:
    class Plain(Checker):
        kind = "plain"

        def check(self, doc: Document) -> Iterator[Hit]:
            yield from ()

    plain = Plain(RULE)
    doc = make_document("a.txt", TEXT)
    assert not plain.needs_parser
    assert list(plain.parsed(doc)) == []
    assert not Linter.of_checkers([plain]).uses_model


@pytest.mark.parametrize("kind", ["caption", "repetition", "token"])
def test_options_decide_whether_some_kinds_read_the_parse(kind: str) -> None:
    from lintnews.rules.kinds import checker_class

    options = {
        "caption": ({"mode": "credit"}, {"mode": "noun-phrase"}),
        "repetition": ({"min_words": 2, "max_words": 3}, {"min_words": 1}),
        "token": ({"patterns": [[{"LOWER": "zebra"}]]}, {"patterns": [[{"POS": "NOUN"}]], "trigger": "zebra"}),
    }[kind]
    cls = checker_class(kind)
    without, with_parse = (cls(replace(RULE, kind=kind, options=o)) for o in options)
    assert (without.needs_parser, with_parse.needs_parser) == (False, True)


@pytest.mark.parametrize(
    ("patterns", "level"),
    [
        ([[{"LOWER": "very"}]], nlp.BLANK),
        ([[{"LOWER": "very"}, {"TAG": "JJ"}]], nlp.TAGS),  # the tagger alone gives the tags
        ([[{"LOWER": "very"}, {"TAG": "JJ"}], [{"POS": "ADJ"}]], nlp.FULL),
        ([[{"LEMMA": "be"}]], nlp.FULL),
    ],
)
def test_token_patterns_ask_the_level_they_read(patterns: list[list[dict[str, str]]], level: str) -> None:
    from lintnews.rules.kinds import checker_class

    options = {"patterns": patterns, "trigger": "very"}
    checker = checker_class("token")(replace(RULE, kind="token", options=options))
    assert checker.parse_level == level


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model")
def test_a_tag_pattern_matches_on_the_tagger_alone() -> None:
    from lintnews.rules.kinds import checker_class

    options = {"patterns": [[{"LOWER": "very"}, {"TAG": "JJ"}]], "trigger": "very"}
    checker = checker_class("token")(replace(RULE, kind="token", options=options))
    doc = make_document("t.txt", "The road was very steep. The bus went very slowly.\n")
    assert [doc.text[h.start : h.end] for h in checker.check(doc)] == ["very steep"]
