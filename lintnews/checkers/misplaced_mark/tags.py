"""Whether a mark between two words can be one judge.py reports, by the tags the lexicon allows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..word_classes import ADJECTIVES, NAMES, NOUNS, VERBS, one_token, possible_tags
from .words import (
    ARTICLES,
    AUXILIARIES,
    FINITE,
    NOUN_PHRASE_START,
    PREPOSITIONS,
    STANDALONE_POSSESSIVES,
    SUBJECT_PRONOUNS,
)

# the verb tags a word right after an article or a possessive cannot take: it heads or modifies a noun there
_NOT_AFTER_ARTICLE = frozenset(["VB", "VBD", "VBP", "VBZ"])


@dataclass(frozen=True)
class Around:
    """What the text around a comma says for sure, without the tagger (each False when unsure): an aside mark
    among the next 4 tokens (`near`) or the next 12 (`far`), any mark after it in the sentence (`marks_after`),
    an aside mark before it that a comma after an opening phrase cannot be (`marks_before`: more than one, one
    that is no comma, or a comma whose sentence opens with no word that may be a preposition, an adverb, a
    gerund or a wh-adverb, or that no word that may be a determiner follows)."""

    near: bool = False
    far: bool = False
    marks_after: bool = False
    marks_before: bool = False
    # the word before the comma follows a determiner (`the commission, the`), or a capitalised word when it is
    # capitalised itself: a name (`the European Commission, the`)
    after_article: bool = False
    in_name: bool = False
    # a coordinating conjunction (`and`, `or`) after the comma
    conjunction_after: bool = False
    # no word before the left one may be a finite verb or `to` (each word by its tags; False where a token may hide
    # in a word, an apostrophe's, or a word is no plain letters or digits)
    no_finite_before: bool = False
    # the word before the left one is a token of its own that may only be a verb or an adverb (`was volatile,
    # officials`): judge._modifier reads no adjective after those as modifying a noun
    verb_before: bool = False
    # a comma or colon among the 6 tokens before the comma (judge._modifier: nouns of a list)
    mark_before: bool = False


class Facts(Protocol):
    """What comma_may_be_misplaced reads of a comma's surroundings: an Around, or facts each read from the text
    only when asked (the checker's)."""

    @property
    def near(self) -> bool: ...
    @property
    def far(self) -> bool: ...
    @property
    def marks_after(self) -> bool: ...
    @property
    def marks_before(self) -> bool: ...
    @property
    def after_article(self) -> bool: ...
    @property
    def in_name(self) -> bool: ...
    @property
    def conjunction_after(self) -> bool: ...
    @property
    def no_finite_before(self) -> bool: ...
    @property
    def verb_before(self) -> bool: ...
    @property
    def mark_before(self) -> bool: ...


def _opens_phrase(lt: frozenset[str], rt: frozenset[str], low: str) -> bool:
    """judge._opens_phrase and judge._preposition: an article, a possessive, a preposition or a number before
    what it governs, the only pairs judged before the capital of the right word ends the judging."""
    if (low in ARTICLES or lt & {"PRP$", "POS", "IN"}) and rt & NOUN_PHRASE_START:
        return True
    return "CD" in lt and bool(rt & {"NN", "NNS", "JJ"})


def _tags(left: str, right: str, possessive: bool) -> tuple[frozenset[str], frozenset[str]]:
    lt = possible_tags(left)
    return (lt | {"POS"} if possessive else lt), possible_tags(right)


def strong_may_be_misplaced(left: str, right: str, possessive: bool) -> bool:
    """Can judge.misplaced report a semicolon or colon between these words? Before a word with a capital only as
    an article, a possessive, a preposition or a number and its phrase (judge.py stops at the capital: a name, a
    title or a quotation may start there); before a lower-case word, any pair may be a clause cut in two."""
    lt, rt = _tags(left, right, possessive)
    return right.islower() or _opens_phrase(lt, rt, left.lower())


def comma_may_be_misplaced(left: str, right: str, possessive: bool, around: Facts = Around()) -> bool:
    """Can judge.misplaced report a comma between these words, for some tags the lexicon allows them? Each
    clause is one of judge.py's findings, with its conditions on the left and right token and on the marks
    around (`possessive`: the left word ends with 's, a POS token). False means no tags can make the comma
    misplaced: the sentence need not be tagged for it."""
    lt, rt = _tags(left, right, possessive)
    if around.after_article:
        lt = lt - _NOT_AFTER_ARTICLE
    if around.in_name:
        lt = NAMES
    low, rlow = left.lower(), right.lower()
    if _opens_phrase(lt, rt, low):
        return True
    if not right.islower():
        return False  # judge.py judges nothing else before a capital
    # _before_its_word: its own reach for an aside is shorter than `near`
    if ("TO" in lt and "VB" in rt) or ("MD" in lt and "VB" in rt) or ("DT" in lt and rt & {"JJ", "NN", "NNS"}):
        return True
    if around.near:
        return False  # an aside closes within a few words: nothing else is judged
    # _modifier reads an adjective before a comma in lower case only
    if ("CC" in lt and rt & {"NN", "NNS", "JJ"}) or (
        lt & ADJECTIVES and rt & NOUNS and left.islower() and not around.verb_before
    ):
        return True
    finite = bool(rt & FINITE)
    if finite and (low in SUBJECT_PRONOUNS or "WDT" in lt):
        return True
    # a noun and its verb after a comma: a singular, modal or past verb only, and no aside before
    if lt & NOUNS and rt & {"VBZ", "MD", "VBD"} and not around.marks_before:
        return True
    if around.far:
        return False  # the rest needs no aside within a dozen words
    if ("MD" in lt and "RB" in rt) or (low in AUXILIARIES and lt & FINITE and rt & {"VBN", "VBG", "VBD"}):
        return True
    # two nouns of one phrase: the left one in lower case
    if lt & NOUNS and (
        rlow == "of"
        or (
            rt & NOUNS
            and left.islower()
            and not around.marks_after
            and not around.conjunction_after
            and not around.mark_before
        )
    ):
        return True
    # a verb and its object: after a finite verb or `to` (judge.after_verb_object: no fronted infinitive)
    takes_object = rlow in ARTICLES or bool(rt & {"PRP$", "CD", "PRP"})
    verb = bool(lt & (VERBS - {"VBN"})) and low not in AUXILIARIES
    return verb and takes_object and not around.no_finite_before


def may_not_end(word: str) -> bool:
    """Can context.cannot_end find that a sentence cannot end on this word, before its period? Only on a
    conjunction, a possessive determiner that is no pronoun too, or a preposition (after a noun), by the tags the
    lexicon allows it; a chunk the tokenizer may split (word_classes.one_token) is unsure."""
    low = word.lower()
    if low in PREPOSITIONS or not one_token(word):
        return True
    tags = possible_tags(word)
    return "CC" in tags or ("PRP$" in tags and low not in STANDALONE_POSSESSIVES)
