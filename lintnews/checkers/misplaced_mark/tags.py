"""The tags a word may take, by a lexicon, and whether a comma between two words can be one judge.py reports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .words import (
    ARTICLES,
    AUXILIARIES,
    CLOSED,
    FINITE,
    NOUN_PHRASE_START,
    SUBJECT_PRONOUNS,
)

VERBS = frozenset(["VB", "VBD", "VBP", "VBZ", "VBN", "VBG"])
NOUNS = frozenset(["NN", "NNS"])
ADJECTIVES = frozenset(["JJ", "JJR", "JJS"])
ADVERBS = frozenset(["RB", "RBR", "RBS"])
NAMES = frozenset(["NNP", "NNPS"])
# what the tagger may make of a word no table knows (a name, a foreign word, a typo): anything
ANY = frozenset().union(*CLOSED.values(), VERBS, NOUNS, ADJECTIVES, ADVERBS, NAMES, {"POS", "FW", "UH"})
# an open-class word is read as a noun in many a context its lexicon entry does not list (`the vote`, `a
# must-see`), and a participle as an adjective (`the rescued`)
_OPEN_FALLBACK = NOUNS
# a capitalised word no table knows is a name, or an adjective of one (`Jiangbei`, `Kurdish`)
_UNKNOWN_CAPITALISED = NAMES | NOUNS | {"JJ"}
# the verb tags a word right after an article or a possessive cannot take: it heads or modifies a noun there
_NOT_AFTER_ARTICLE = frozenset(["VB", "VBD", "VBP", "VBZ"])


@cache
def _open_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(verb base forms, irregular verb forms, nouns, adjectives, adverbs) of the model's lemma tables."""
    from ..bare_infinitive import adjective_lexicon, adverb_lexicon, noun_form_lexicon, verb_lexicon

    verbs, nouns, irregular = verb_lexicon()
    return verbs, irregular, nouns | noun_form_lexicon(), adjective_lexicon(), adverb_lexicon()


def _stems(word: str, suffixes: tuple[tuple[str, str], ...]) -> list[str]:
    return [word[: -len(s)] + back for s, back in suffixes if word.endswith(s) and len(word) > len(s) + 2]


_PLURAL = (("s", ""), ("es", ""), ("ies", "y"), ("men", "man"))
_GRADED = (("er", ""), ("er", "e"), ("est", ""), ("est", "e"), ("ier", "y"), ("iest", "y"))


def _verb_tags(low: str, verbs: frozenset[str], irregular: frozenset[str]) -> set[str]:
    """The verb tags a word's form allows: a base form VB or VBP, -s VBZ, -ed VBD or VBN, -ing VBG; an irregular
    form (`went`, `is`, `put`) any finite tag or a participle."""
    from ..bare_infinitive import could_be_verb

    tags: set[str] = set()
    if low in irregular:
        tags |= {"VB", "VBD", "VBN", "VBP", "VBZ"}
    if low in verbs:
        tags |= {"VB", "VBP"}
    if low.endswith("ing"):
        tags.add("VBG")
    if low.endswith("ed"):
        tags |= {"VBD", "VBN"}
    if low.endswith("s") and could_be_verb(low, verbs, irregular):
        tags.add("VBZ")
    return tags


@cache
def possible_tags(word: str) -> frozenset[str]:
    """Every Penn tag the tagger may give `word` (letters only) in some sentence: a closed-class word's own
    tags, an open-class word's by the lemma tables, ANY for a word they do not know or without the tables."""
    low = word.lower()
    capital = NAMES if word[:1].isupper() else frozenset()
    if low in CLOSED:
        # a function word capitalised in mid-sentence (`instead Of weekly`) throws the tagger off: anything
        return ANY if capital and low != "i" else CLOSED[low]
    verbs, irregular, nouns, adjectives, adverbs = _open_classes()
    if not nouns:
        return ANY  # no tables: nothing can be ruled out
    tags: set[str] = set()
    if low in nouns or any(s in nouns for s in _stems(low, _PLURAL)):
        tags |= NOUNS
    tags |= _verb_tags(low, verbs, irregular)
    if low in adjectives or any(s in adjectives for s in _stems(low, _GRADED)):
        tags |= ADJECTIVES
    if low.endswith(("ed", "ing")):
        tags.add("JJ")
    if low in adverbs or low.endswith("ly"):
        tags |= ADVERBS
    if not tags:
        return _UNKNOWN_CAPITALISED if capital else ANY
    # a verb's base form, an adjective or a participle may be read as a noun (`the vote`, `the poor`, `the
    # bombing`); an adverb (`especially`) or an irregular verb form (`is`, `went`) is not
    if low in verbs or tags & ADJECTIVES:
        tags |= _OPEN_FALLBACK
    return frozenset(tags) | capital


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
