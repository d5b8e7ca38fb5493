"""Two-step parse requests: tags for all blocks, then the parser only where the rule's choice from the tags says."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from lintnews.checkers.base import Checker
from lintnews.core import nlp
from lintnews.core.document import Block, Document
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import Rule

from .rule_factory import make_rule

# own sentences: whitespace tokens (two spaces, a line break inside a paragraph), a quotation, a passive, a clause
TEXT = (
    "The ministers, who met in the old  capital on Tuesday, agreed to a truce.\n\n"
    'Officials said the "green corridor" would open\nnext week.\n\n'
    "The bridge was closed by engineers after the floods.\n\n"
    "Prices rose sharply, and traders expected more gains."
)


def _analysis(d: Any) -> list[tuple[str, str, str, int, str, str, str]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_, str(t.morph)) for t in d]


def _pick(texts: set[str]) -> Any:
    """A second-step choice that records the first-level Docs it was shown and picks the blocks of these texts."""
    seen: list[list[tuple[str, bool, bool]]] = []  # per call, each block's text and whether it had tags, dependencies

    def choose(first: list[tuple[Block, Any]]) -> list[Block]:
        seen.append([(sd.text, sd.has_annotation("TAG"), sd.has_annotation("DEP")) for _, sd in first])
        return [b for b, _ in first if b.text in texts]

    return choose, seen


@pytest.mark.slow
def test_two_steps_tag_once_and_parse_the_chosen_as_one_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    tagged_texts: list[list[str]] = []
    real = nlp._tag_pass

    def spy(texts: list[str]) -> Any:
        tagged_texts.append(list(texts))
        return real(texts)

    monkeypatch.setattr(nlp, "_tag_pass", spy)
    doc = make_document("a.txt", TEXT)
    a, b, c, d = doc.paragraphs
    choose, seen = _pick({a.text, b.text})
    # one rule in two steps over a, b, c; another wants d in full: one tagger pass over all four
    nlp.prefetch(doc, [([a, b, c], nlp.TAGS, nlp.Then(nlp.FULL, choose)), ([d], nlp.FULL)])
    assert tagged_texts == [[d.text, a.text, b.text, c.text]]
    # the choice read tags only: no dependencies yet
    assert seen == [[(a.text, True, False), (b.text, True, False), (c.text, True, False)]]
    full = nlp.model()
    for block in (a, b, d):
        ours = nlp.parse(doc, [block], nlp.FULL)[0]
        assert _analysis(ours) == _analysis(full(block.text)), block.text
    assert "_SP" in [t.tag_ for t in nlp.parse(doc, [a], nlp.FULL)[0]]
    # the block left out is tagged only, with the tags of the full pipeline
    tags_c = nlp.parse(doc, [c], nlp.TAGS)[0]
    assert not tags_c.has_annotation("DEP")
    assert [t.tag_ for t in tags_c] == [t.tag_ for t in full(c.text)]
    assert len(tagged_texts) == 1  # nothing was tagged again


@pytest.mark.slow
def test_parse_in_steps_gives_each_block_at_the_level_chosen() -> None:
    doc = make_document("a.txt", TEXT)
    a, b, c, _ = doc.paragraphs
    choose, seen = _pick({b.text})
    then = nlp.Then(nlp.FULL, choose)
    pairs = nlp.parse_in_steps(doc, [a, b, c], nlp.TAGS, then)
    assert [blk for blk, _ in pairs] == [a, b, c]
    assert [sd.has_annotation("DEP") for _, sd in pairs] == [False, True, False]
    assert _analysis(pairs[1][1]) == _analysis(nlp.model()(b.text))
    # asked while prefetching, and again on the same tags when read (b parsed by then)
    assert seen == [
        [(a.text, True, False), (b.text, True, False), (c.text, True, False)],
        [(a.text, True, False), (b.text, True, True), (c.text, True, False)],
    ]


@pytest.mark.slow
def test_a_block_parsed_already_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = make_document("a.txt", TEXT)
    a, b, *_ = doc.paragraphs
    done = nlp.parse(doc, [b], nlp.FULL)[0]
    parsed: list[int] = []
    real = nlp._parse_pass

    def spy(full: list[Any], deps: list[Any]) -> Any:
        parsed.append(len(full) + len(deps))
        return real(full, deps)

    monkeypatch.setattr(nlp, "_parse_pass", spy)
    choose, _ = _pick({a.text, b.text})
    pairs = nlp.parse_in_steps(doc, [a, b], nlp.TAGS, nlp.Then(nlp.FULL, choose))
    assert pairs[1][1] is done
    assert parsed == [1]  # only a


@pytest.mark.slow
def test_reading_is_what_the_pipeline_makes_of_a_tag() -> None:
    assert nlp.reading("warned", "VBD") == ("VERB", "warn")
    assert nlp.reading("Said", "VBD") == ("VERB", "say")
    assert nlp.reading("claims", "NNS") == ("NOUN", "claim")


class _TwoStep(Checker):
    kind = "two-step-probe"
    needs_parser = True
    first_level: str | None = nlp.TAGS

    def parse_blocks(self, doc: Document) -> Sequence[Block]:
        return doc.paragraphs

    def next_blocks(self, doc: Document, first: Sequence[tuple[Block, Any]]) -> list[Block]:
        # the blocks whose tags show a past participle
        return [b for b, sd in first if any(t.tag_ == "VBN" for t in sd)]

    def check(self, doc: Document) -> list[Any]:
        return []


def _rule(rid: str) -> Rule:
    return make_rule(rid, "two-step-probe")


def test_a_two_step_rule_requests_its_first_level_and_the_step_after() -> None:
    checker = _TwoStep(_rule("probe.a"))
    doc = make_document("a.txt", "One.\n\nTwo.\n")
    blocks, level = checker.parse_request(doc)
    assert level == nlp.TAGS and list(blocks) == list(doc.paragraphs)
    *_, then = checker.prefetch_request(doc)
    assert isinstance(then, nlp.Then) and then.level == nlp.FULL
    # a rule asking in one step has no step after
    checker.first_level = None
    assert checker.prefetch_request(doc)[2:] == (None,)
    checker.first_level = nlp.FULL  # the same level twice is one step
    assert checker.prefetch_request(doc)[2:] == (None,)


@pytest.mark.slow
def test_the_linter_tags_all_rules_once_and_parses_what_they_choose(monkeypatch: pytest.MonkeyPatch) -> None:
    tag_calls: list[int] = []
    parse_calls: list[int] = []
    real_tag, real_parse = nlp._tag_pass, nlp._parse_pass

    def tag(texts: list[str]) -> Any:
        tag_calls.append(len(texts))
        return real_tag(texts)

    def parse(full: list[Any], deps: list[Any]) -> Any:
        parse_calls.append(len(full) + len(deps))
        return real_parse(full, deps)

    monkeypatch.setattr(nlp, "_tag_pass", tag)
    monkeypatch.setattr(nlp, "_parse_pass", parse)
    linter = Linter.of_checkers([_TwoStep(_rule("probe.a")), _TwoStep(_rule("probe.b"))])
    doc = make_document("a.txt", TEXT)
    linter.prefetch([doc])
    assert tag_calls == [4] and parse_calls == [1]  # only the paragraph with 'closed by engineers'
    c = doc.paragraphs[2]
    pairs = dict(linter.checkers[0].parsed(doc))
    assert pairs[c].has_annotation("DEP") and not pairs[doc.paragraphs[0]].has_annotation("DEP")
    assert tag_calls == [4] and parse_calls == [1]
