"""The misplaced-mark cue: which commas need the tagger, by the tags a lexicon allows the words around them."""

from __future__ import annotations

import pytest

from lintnews.checkers.misplaced_mark import checker as C
from lintnews.checkers.misplaced_mark import tags as T
from lintnews.core import nlp
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs


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
        ("harbour", "Is", T.Around(), False),  # a capital after the comma: a name or a quotation may start
        ("in", "Paris", T.Around(), True),  # ... but a preposition still governs it
        ("Harbour", "fishermen", T.Around(), False),  # two nouns of one phrase: the first in lower case
        ("reported", "the", T.Around(no_finite_before=True), False),  # a fronted verb: `Reported, the`
        ("quiet", "fishermen", T.Around(marks_after=True), True),  # an adjective and its noun
        ("quiet", "fishermen", T.Around(marks_after=True, verb_before=True), False),  # `was quiet, fishermen`
        ("harbour", "fishermen", T.Around(mark_before=True), False),  # nouns of a list: `the pier, harbour, fishermen`
    ],
)
def test_comma_pairs(left: str, right: str, around: T.Around, may: bool) -> None:
    assert T.comma_may_be_misplaced(left, right, False, around) is may


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("left", "right", "may"),
    [
        ("it", "would", True),  # before a lower-case word a semicolon or colon may cut any clause
        ("said", "The", False),  # before a capital, only a word that governs a phrase is judged
        ("in", "Paris", True),
        ("the", "Government", True),
    ],
)
def test_strong_pairs(left: str, right: str, may: bool) -> None:
    assert T.strong_may_be_misplaced(left, right, False) is may


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "sure"),
    [
        ("In April, the harbour master, said", False),  # the first comma may close an opening phrase
        ("Fishermen say, the harbour master, said", True),  # no opening phrase starts with a noun
        ("In April 45 boats, said", False),  # no mark before it
        ("In April (or May) boats, said", True),
    ],
)
def test_marks_before(text: str, sure: bool) -> None:
    assert C._marks_before(text, text.rindex(",")) is sure


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "sure"),
    [
        ("Fishermen in the north reported, the", True),
        ("The fishermen said harbour masters reported, the", False),  # `said` may be finite
        ("The fishermen's harbour reported, the", False),  # `'s` may be a verb
        ("The G7 harbour reported, the", False),  # a chunk the lexicon cannot read
        ("Fishermen want to reported, the", False),
    ],
)
def test_no_finite_before(text: str, sure: bool) -> None:
    assert C._no_finite_before(text, text.rindex(" ", 0, text.index(",")) + 1) is sure


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "sure"),
    [
        ("The sea was quiet, fishermen", True),
        ("Was quiet, fishermen", True),  # the sentence's capital
        ("The quiet, fishermen", False),
        ("The sea remains quiet, fishermen", False),  # `remains` may be a noun
        ("The sea's quiet, fishermen", False),  # `'s` is a token of its own
        ("The sea was  quiet, fishermen", False),  # two spaces: a token between
        ("The sea (was) quiet, fishermen", False),
    ],
)
def test_verb_before(text: str, sure: bool) -> None:
    mark = next(C._MARK.finditer(text))
    left = C._WORD_BEFORE.search(text, 0, mark.start())
    assert left is not None and C._verb_before(text, left) is sure


@pytest.mark.parametrize(
    ("text", "sure"),
    [
        ("In the north, the harbour, fishermen", True),
        ("In the north: the old harbour, fishermen", True),
        ("North, one two three four harbour, fishermen", True),  # the comma is the 6th token before
        ("North, one two three four five harbour, fishermen", False),  # the 7th
        ("North, one two  three four harbour, fishermen", False),  # two spaces: a token
        ("North, one dont three harbour, fishermen", False),  # `dont` may be three tokens
        ("North, in 2020 the harbour, fishermen", False),  # a number: unsure
    ],
)
def test_mark_near_before(text: str, sure: bool) -> None:
    mark = list(C._MARK.finditer(text))[-1]
    left = C._WORD_BEFORE.search(text, 0, mark.start())
    assert left is not None and C._mark_near_before(text, left) is sure


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


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("the port, the town, was", 3),  # two words and the comma after them
        ("the port, in the north of the new town by the river, was", 11),
        ("the port, dont ask, was", 5),  # `dont` may be two tokens or three, as `said` (`Id`: I|d)
        ("the port,  the town, was", 4),  # two spaces: one of them a token
        ("the port, in 2020, was", None),  # a number: unsure
        ("the port, said officials.", None),  # no aside mark
    ],
)
def test_tokens_to_the_next_aside_mark(text: str, tokens: int | None) -> None:
    mark = next(C._MARK.finditer(text))
    assert C._tokens_to_aside(text, mark) == tokens


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("word", "may"),
    [
        ("and", True),  # a conjunction
        ("their", True),  # a possessive determiner
        ("of", True),  # a preposition (after a noun)
        ("his", False),  # a pronoun too: `the choice was his.`
        ("community", False),  # a noun ends a sentence
        ("people", False),
        ("hed", True),  # the tokenizer makes two tokens of it: unsure
    ],
)
def test_may_not_end(word: str, may: bool) -> None:
    assert T.may_not_end(word) is may


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("The council met the fishermen and their. Families came too.", True),
        ("The council met the fishermen of the. Harbour came too.", True),
        ("The council met the local community. Families came too.", False),  # a noun ends a sentence
        ("The council met the people. Families came too.", False),
    ],
)
def test_a_sentence_ending_on_a_word_that_may_not_end_one(text: str, sent: bool) -> None:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "misplaced-mark"]
    checker = Linter(rules).checkers[0]
    doc = make_document("own.txt", text)
    assert bool(checker.parse_blocks(doc)) is sent
