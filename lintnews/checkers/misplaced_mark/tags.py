"""Whether a mark between two words can be one judge.py reports, by the tags the lexicon allows them."""

from __future__ import annotations

from dataclasses import dataclass

from ..word_classes import ADJECTIVES, NAMES, NOUNS, VERBS, possible_tags
from .words import (
    ARTICLES,
    AUXILIARIES,
    FINITE,
    NOUN_PHRASE_START,
    SUBJECT_PRONOUNS,
)

# the verb tags a word right after an article or a possessive cannot take: it heads or modifies a noun there
_NOT_AFTER_ARTICLE = frozenset(["VB", "VBD", "VBP", "VBZ"])


@dataclass(frozen=True)
class Around:
    """What the text around a comma says for sure, without the tagger (each False when unsure): an aside mark
    among the next 4 tokens (`near`) or the next 12 (`far`), any mark after it in the sentence (`marks_after`),
    more than one aside mark before it, or one that is not a comma (`marks_before`)."""

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


def comma_may_be_misplaced(left: str, right: str, possessive: bool, around: Around = Around()) -> bool:
    """Can judge.misplaced report a comma between these words, for some tags the lexicon allows them? Each
    clause is one of judge.py's findings, with its conditions on the left and right token and on the marks
    around (`possessive`: the left word ends with 's, a POS token). False means no tags can make the comma
    misplaced: the sentence need not be tagged for it."""
    lt, rt = possible_tags(left), possible_tags(right)
    if possessive:
        lt = lt | {"POS"}
    if around.after_article:
        lt = lt - _NOT_AFTER_ARTICLE
    if around.in_name:
        lt = NAMES
    low, rlow = left.lower(), right.lower()
    noun_phrase = bool(rt & NOUN_PHRASE_START)
    # _opens_phrase and _preposition: before any aside is looked for
    if (low in ARTICLES or lt & {"PRP$", "POS", "IN"}) and noun_phrase:
        return True
    if "CD" in lt and rt & {"NN", "NNS", "JJ"}:
        return True
    # _before_its_word: its own reach for an aside is shorter than `near`
    if ("TO" in lt and "VB" in rt) or ("MD" in lt and "VB" in rt) or ("DT" in lt and rt & {"JJ", "NN", "NNS"}):
        return True
    if around.near:
        return False  # an aside closes within a few words: nothing else is judged
    # _modifier reads an adjective before a comma in lower case only
    if ("CC" in lt and rt & {"NN", "NNS", "JJ"}) or (lt & ADJECTIVES and rt & NOUNS and left.islower()):
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
    if lt & NOUNS and (rlow == "of" or (rt & NOUNS and not around.marks_after and not around.conjunction_after)):
        return True
    takes_object = rlow in ARTICLES or bool(rt & {"PRP$", "CD", "PRP"})
    return bool(lt & (VERBS - {"VBN"})) and low not in AUXILIARIES and takes_object
