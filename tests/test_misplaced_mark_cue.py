"""The misplaced-mark cue: which commas need the tagger, by the tags a lexicon allows the words around them."""

from __future__ import annotations

import pytest

from lintnews.checkers.misplaced_mark import tags as T
from lintnews.core import nlp
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs


def test_closed_class_words_keep_their_own_tags() -> None:
    assert T.possible_tags("and") == {"CC"}
    assert T.possible_tags("which") == {"WDT"}
    assert "TO" in T.possible_tags("to") and "IN" in T.possible_tags("to")
    # WordNet's nouns `in` (inch) and `he` (helium) are no tags the tagger gives them
    assert "NN" not in T.possible_tags("in") and "NN" not in T.possible_tags("he")


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
def test_open_class_words_take_their_tables_tags() -> None:
    assert {"NN", "NNS"} <= T.possible_tags("harvest") and "VBP" in T.possible_tags("harvest")
    assert T.possible_tags("recently") == T.ADVERBS  # an adverb is never read as a noun
    assert "VBZ" in T.possible_tags("approves") and "VBD" in T.possible_tags("approved")
    # a word no table knows may be anything; capitalised, a name or a word made of one
    assert T.possible_tags("zorblat") == T.ANY
    assert "IN" not in T.possible_tags("Zorblat") and "NNP" in T.possible_tags("Zorblat")


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("left", "right", "around", "may"),
    [
        ("the", "bridge", T.Around(), True),  # an article and its noun
        ("two", "weeks", T.Around(), True),  # a number and its noun
        ("has", "approved", T.Around(), True),  # an auxiliary and its verb
        ("would", "resume", T.Around(), True),
        ("new", "budget", T.Around(), True),
        ("they", "expected", T.Around(), True),
        ("harvest", "and", T.Around(), False),  # nothing is judged before a conjunction
        ("week", "which", T.Around(), False),
        ("year", "the", T.Around(), False),  # a noun that is no verb before an article
        ("year", "it", T.Around(), False),
        ("reported", "the", T.Around(), True),  # a verb and its object
        ("reported", "the", T.Around(far=True), False),  # ... but an aside closes soon after
        ("reported", "the", T.Around(after_article=True), False),  # `the reported, the`: no verb after an article
        ("Commission", "the", T.Around(in_name=True), False),  # a name before a comma ends a phrase
        ("harbour", "fishermen", T.Around(), True),  # two nouns of one phrase
        ("harbour", "fishermen", T.Around(marks_after=True), False),  # ... not in a list
        ("harbour", "fishermen", T.Around(conjunction_after=True), False),
        ("harbour", "is", T.Around(), True),  # a noun and its verb
        ("harbour", "is", T.Around(marks_before=True), False),  # ... not where an aside closes
        ("harbours", "remain", T.Around(marks_after=True), False),  # a plural present after a comma is let be
    ],
)
def test_comma_pairs(left: str, right: str, around: T.Around, may: bool) -> None:
    assert T.comma_may_be_misplaced(left, right, False, around) is may


# sentences written for this test; a comma is put after each word in turn
_OWN = [
    "The harbour master said the new pier would open before the summer season.",
    "Fishermen in the northern villages have asked the council for a larger share of the quota.",
    "Two weeks after the storm, the road to the coast is still closed to heavy lorries.",
    "She told reporters that the budget will cover three new schools and a clinic.",
    "Prices of bread and milk rose sharply in March, the statistics office reported.",
    "The minister, who visited the site on Monday, promised that repairs would start soon.",
    "Their plan to widen the canal has divided farmers who depend on its water.",
    "A spokesman for the port authority declined to comment on the dispute with the unions.",
    "Local traders expect more visitors once the festival returns to the old market square.",
    "The court will hear the appeal next month, according to lawyers for the family.",
]


def _with_commas() -> list[str]:
    out = []
    for s in _OWN:
        words = s.split(" ")
        for k in range(1, len(words) - 1):
            if words[k][-1].isalpha():
                out.append(" ".join([*words[:k], words[k] + ",", *words[k + 1 :]]))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model")
def test_the_cue_keeps_every_sentence_with_a_finding() -> None:
    """Parsing every sentence instead of the cue's: the same findings (and most sentences not parsed)."""
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "misplaced-mark"]
    checker = Linter(rules).checkers[0]
    texts = _with_commas()
    picked = found = 0
    for text in texts:
        doc = make_document("own.txt", text)
        blocks = checker.parse_blocks(doc)
        picked += len(blocks)
        every = make_document("own.txt", text)
        every.cache[f"parse-blocks:{checker.rule.id}"] = [s for s in every.sentences if s.text.endswith(".")]
        everywhere = list(checker.check(every))
        found += bool(everywhere)
        assert [(h.start, h.end) for h in checker.check(doc)] == [(h.start, h.end) for h in everywhere], text
    assert found >= 20  # the test has findings to lose
    assert picked < 0.85 * len(texts)  # 92 of 118 when written; every one before
