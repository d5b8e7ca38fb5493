"""The lone-capital cue: a capitalised word is tagged only where the tags a lexicon allows it can make a finding."""

from __future__ import annotations

import pytest

from lintnews.core import nlp
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

pytestmark = pytest.mark.skipif(not nlp.model_available(), reason="the lexicon is the spaCy model's lemma tables")


def _checker(check: str):  # type: ignore[no-untyped-def]
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "lone-capital"]
    return next(c for c in Linter(rules).checkers if c.opts["check"] == check)


@pytest.mark.parametrize(
    ("text", "stray", "lost"),
    [
        # a verb or an adverb capitalised in mid-sentence: a stray capital (by the lexicon, `will` may be a noun
        # and `Begin` one, followed by `talks` as a verb: a break, which the tagger rules out)
        ("The ministers will Begin talks with the unions next week.", True, True),
        # after an article a word is no finite verb, and a noun there names something (`the State`)
        ("Officials of the State said little about the plan.", False, False),
        # `this` is a pronoun too: a verb may follow it
        ("When this Happens twice the drivers stop at the gate.", True, False),
        # a noun after a noun, and a finite verb after it: the break a lost period leaves
        ("The council approved the budget Officials said it was fair.", True, True),
        # ... but no verb can follow within three words: no break
        ("The council approved the budget Officials quietly and slowly.", True, False),
    ],
)
def test_candidates(text: str, stray: bool, lost: bool) -> None:
    doc = make_document("own.txt", text)
    assert bool(_checker("capital").parse_blocks(doc)) is stray
    assert bool(_checker("sentence-break").parse_blocks(doc)) is lost
