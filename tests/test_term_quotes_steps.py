"""calque.term-quotes in two steps: the tags settle most quoted spans, the parse reads only the sentences left open."""

from __future__ import annotations

import pytest

from lintnews.checkers.term_quotes import TermQuotesChecker
from lintnews.core import nlp
from lintnews.core.config import Config
from lintnews.core.sources import make_document
from lintnews.engine.ruleset import make_linter

# own text: five terms in quotation marks, two remarks attributed by a verb of saying, one spoken as "we"
ARTICLE = (
    'The town council approved the "canal renewal" plan on Monday after a short debate in the chamber.\n\n'
    'Engineers opened a "flood gate" beside the old mill to protect the lower streets this winter.\n\n'
    'The mayor said the scheme was a "bold wager" for the whole town and its many small shops.\n\n'
    'Residents welcomed the "night bazaar" that moved into the empty depot near the station.\n\n'
    'Critics warned that the budget for the "harbour tram" could double within a couple of years.\n\n'
    'Pupils will ride the "school shuttle" for free from the first day of the new term.\n\n'
    'We think the "river path" is the finest part of the whole plan for the old quarter.\n\n'
    'Shops expect the "lantern festival" to bring many more visitors into the centre this spring.\n'
)


def _checker() -> TermQuotesChecker:
    linter = make_linter(Config())
    found = [c for c in linter.checkers if c.rule.id == "calque.term-quotes"]
    assert len(found) == 1 and isinstance(found[0], TermQuotesChecker)
    return found[0]


@pytest.mark.slow
def test_the_tags_settle_the_attributed_and_personal_sentences() -> None:
    checker = _checker()
    doc = make_document("a.txt", ARTICLE)
    blocks, level = checker.parse_request(doc)
    assert level == nlp.TAGS and len(blocks) == 8
    analysed = dict(checker.parsed(doc))
    full = {b.text.split('"')[1] for b, sd in analysed.items() if sd.has_annotation("DEP")}
    # 'bold wager' (said), 'harbour tram' (warned) and 'river path' (we) are settled by their tags
    assert full == {"canal renewal", "flood gate", "night bazaar", "school shuttle", "lantern festival"}
    hits = list(checker.check(doc))
    assert len(hits) == 8  # the habit is shown: every short quotation is reported


@pytest.mark.slow
def test_two_steps_find_what_one_full_parse_finds() -> None:
    two_step = _checker()
    one_step = _checker()
    one_step.first_level = None
    variants = [ARTICLE, ARTICLE.replace("said", "hoped"), ARTICLE.replace("We think", "Many think")]
    # with too few open terms, nothing is parsed in full and nothing is reported
    variants.append("\n\n".join(p for p in ARTICLE.split("\n\n") if "said" in p or "warned" in p or "We" in p))
    for text in variants:
        ours = list(two_step.check(make_document("a.txt", text)))
        usual = list(one_step.check(make_document("a.txt", text)))
        assert ours == usual, text
    few = make_document("b.txt", variants[-1])
    assert list(two_step.check(few)) == []
    assert not any(sd.has_annotation("DEP") for _, sd in two_step.parsed(few))
