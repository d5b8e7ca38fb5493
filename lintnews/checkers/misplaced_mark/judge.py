"""Why a comma, semicolon or colon cannot stand between two words: the pairs of tags English keeps together."""

from __future__ import annotations

from typing import Any

from .context import (
    after_verb_object,
    aside,
    bound_word,
    coordinated,
    cut,
    lone_semicolon,
    noun_ends_clause,
    object_only,
    open_word,
    parallel,
    splits_subject,
    subject_and_verb,
)
from .words import (
    ARTICLES,
    ATTRIBUTIVE,
    AUXILIARIES,
    COORDINATORS,
    FINITE,
    NOUN_PHRASE_START,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    VERB_TAGS,
)


def misplaced(sdoc: Any, i: int) -> str:
    """Why the mark at token i cannot stand there (empty when it can), by the tags on either side."""
    mark = sdoc[i].text
    # a semicolon or colon opens no aside: it joins clauses or introduces what follows
    strong = mark in (";", ":")
    left, right = sdoc[i - 1], sdoc[i + 1]
    if not (left.is_alpha or left.tag_ == "POS") or not right.is_alpha:
        return ""
    if mark == ":" and i == 1:
        return ""  # a label: `Q:`, `A:`, `Note:`
    if left.tag_ in ("NNP", "NNPS") and not left.text.islower():
        # a name before the mark: only a name as the subject of a verb, before a semicolon or colon (a name before
        # a comma ends many an opening phrase, `For details on Summer Time, refer to`)
        return "a subject and its verb" if strong and subject_and_verb(sdoc, i, strong) else ""
    why = _opens_phrase(left, right)
    if why:
        return why
    if not right.text.islower() and not (left.tag_ == "IN" and right.tag_ in NOUN_PHRASE_START):
        return ""  # a capital after the mark may start a name, a title or a quotation
    why = _preposition(sdoc, i, strong) or (_strong_mark(sdoc, i, mark) if strong else "")
    if why:
        return why
    # an aside between 'to' or a modal and its verb is a word or two (`to, say, double`, `will, indeed, go`)
    why = _before_its_word(sdoc, i, not strong and aside(sdoc, i, 3))
    if why:
        return why
    # an aside (`in, say, 2020`, `will, however, go`) closes with a second mark after it: within a few words
    # inside a phrase, and after a longer one (`had, according to the paper, been`) before a verb
    if not strong and aside(sdoc, i, 5):
        return ""
    far_aside = not strong and aside(sdoc, i, 13)
    why = _auxiliary(sdoc, i, far_aside) or _modifier(sdoc, i, strong) or _argument(sdoc, i, mark, far_aside)
    if why:
        return why
    return lone_semicolon(sdoc, i) if mark == ";" else ""


def _opens_phrase(left: Any, right: Any) -> str:
    """Nothing, not even an aside, comes between an article or a possessive and its phrase, or a number in words
    and what it counts (`two, months`)."""
    if left.lower_ in ARTICLES and right.tag_ in NOUN_PHRASE_START:
        return "an article and its noun"
    if left.tag_ in ("PRP$", "POS") and right.tag_ in NOUN_PHRASE_START and right.text.islower():
        return "a possessive and its noun"
    if left.tag_ == "CD" and left.is_alpha and left.text.islower() and right.tag_ in ("NN", "NNS", "JJ"):
        return "a number and its noun"
    return ""


def _preposition(sdoc: Any, i: int, strong: bool) -> str:
    """A preposition and the noun phrase it governs (`in, the capital`, `amid, a wave`); a stranded one (`what
    they asked for, the`) follows a verb, and an adverb (`shortly after, the troops left`) opens a clause."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    if left.tag_ != "IN" or right.tag_ not in NOUN_PHRASE_START:
        return ""
    after_verb = i >= 2 and (sdoc[i - 2].tag_ in VERB_TAGS or sdoc[i - 2].tag_ in ("RP", "RB", "RBR"))
    if object_only(sdoc, i) or (not after_verb and (left.lower_ in PREPOSITIONS or strong)):
        return "a preposition and its object"
    return ""


def _strong_mark(sdoc: Any, i: int, mark: str) -> str:
    """A semicolon ends a clause and a colon follows one, introducing a phrase, a clause or a quotation."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    if not right.text.islower():
        return ""
    # no function word ends a clause: a conjunction, a determiner, a preposition with its object to come, 'to',
    # an auxiliary (`and; more`, `is; likely`, `off; the road`)
    if open_word(sdoc, i - 1, mark):
        return "a function word and its phrase"
    if mark != ":":
        return ""
    # a colon after a verbless noun phrase, before the rest of that phrase and its verb (`A spy: balloon from
    # China was shot down`) parts a subject from its verb (a label is a word alone: `Note:`)
    if right.tag_ in ("NN", "NNS", "JJ") and splits_subject(sdoc, i):
        return "a subject and its verb"
    # after a verb a colon introduces a clause, a list or a quotation, not its complement (`managed: to improve`)
    if left.tag_ in VERB_TAGS and right.tag_ in ("TO", "JJ", "RB"):
        return "a verb and its complement"
    # no conjunction or bound word opens what a colon introduces, nor a preposition but in a list of phrases
    # that each open with one (`in three ways: by boat, by bike`)
    if right.lower_ in COORDINATORS or bound_word(sdoc, i + 1):
        return "a word and the phrase it governs"
    if right.tag_ == "IN" and not parallel(sdoc, i + 1) and not cut(sdoc):
        return "a word and the phrase it governs"
    return ""


def _before_its_word(sdoc: Any, i: int, near_aside: bool) -> str:
    """'to' or a modal and its verb; a determiner that may stand alone (`this`, `some`) and the rest of its phrase
    (`This, real estate project`): a noun there that starts a clause (`this, experts say,`), or a verb or a
    preposition before it (`aside from those, drivers`), makes the determiner a pronoun."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    if near_aside:
        return ""
    if left.tag_ == "TO" and right.tag_ == "VB":
        return "'to' and its verb"
    if left.tag_ == "MD" and right.tag_ == "VB":
        return "an auxiliary and its verb"
    if (
        left.tag_ == "DT"
        and (i == 1 or (left.text.islower() and sdoc[i - 2].tag_ not in VERB_TAGS and sdoc[i - 2].tag_ != "IN"))
        and right.tag_ in ("JJ", "NN", "NNS")
        and not noun_ends_clause(sdoc, i + 1)
        and not (right.tag_ == "JJ" and noun_ends_clause(sdoc, i + 2))
    ):
        return "a determiner and its noun"
    return ""


def _auxiliary(sdoc: Any, i: int, far_aside: bool) -> str:
    """A conjunction and what it joins (`and, investors`), an auxiliary and its verb (`has, approved`, after which
    the tagger may read the participle as a past tense)."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    if left.tag_ == "CC" and left.text.islower() and right.tag_ in ("NN", "NNS", "JJ") and right.text.islower():
        return "a conjunction and what it joins"
    if far_aside:
        return ""
    if left.tag_ == "MD" and right.tag_ == "RB":
        return "an auxiliary and its verb"
    if left.tag_ in ("VBZ", "VBD", "VBP") and left.lower_ in AUXILIARIES and right.tag_ in ("VBN", "VBG", "VBD"):
        return "an auxiliary and its verb"
    return ""


def _modifier(sdoc: Any, i: int, strong: bool) -> str:
    """An adjective and its noun, a noun and its `of`, two nouns of one phrase."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    before = sdoc[i - 2] if i >= 2 else None
    # coordinate adjectives would need a second adjective after the comma (`a long, cold winter`), a predicate
    # adjective follows a verb (`it was cold, people said`), and a noun before a verb starts a clause (`despite the
    # cold, people stayed`) unless a determiner makes the adjective attributive (`the lunar, surface`)
    attributive = before is not None and before.tag_ in ATTRIBUTIVE
    if (
        left.tag_ in ("JJ", "JJS", "JJR")
        and (left.text.islower() or (strong and i >= 2))
        and right.tag_ in ("NN", "NNS")
        and (before is None or (before.tag_ not in VERB_TAGS and before.tag_ not in ("RB", "RBR", "RBS")))
        and (strong or (before is not None and before.tag_ in ("JJ", "JJR")) or not noun_ends_clause(sdoc, i + 1))
        and (strong or object_only(sdoc, i) or attributive)
        and not coordinated(sdoc, i + 1)
    ):
        return "an adjective and its noun"
    # `of` joins a noun to its complement, after no mark (`the car, of the future`; but `of course`, `of whom`)
    nxt = sdoc[i + 2] if i + 2 < len(sdoc) else None
    complement = nxt is not None and nxt.tag_ in NOUN_PHRASE_START and nxt.lower_ != "course"
    # but a comma may open an aside that a second one closes before the verb (`The occupants, of many
    # nations, were housed`)
    if left.tag_ in ("NN", "NNS") and right.lower_ == "of" and complement and (strong or not aside(sdoc, i, 13)):
        return "a noun and its complement"
    # a comma between nouns makes a list, with a conjunction or another comma near, or an apposition, which
    # opens with a determiner; else they are one phrase (`the wheat, harvest`)
    if (
        left.tag_ in ("NN", "NNS")
        and right.tag_ in ("NN", "NNS")
        and left.text.islower()
        and not noun_ends_clause(sdoc, i + 1)
        and object_only(sdoc, i)
        and not any(t.tag_ == "CC" or (t.is_punct and t.text != ".") for t in sdoc[i + 1 :])
        and not any(t.tag_ == "CC" or t.text in (",", ":") for t in sdoc[max(0, i - 6) : i])
    ):
        return "two nouns of one phrase"
    return ""


def _argument(sdoc: Any, i: int, mark: str, far_aside: bool) -> str:
    """A subject and its verb, a relative pronoun and its verb, a verb and its object."""
    left, right = sdoc[i - 1], sdoc[i + 1]
    strong = mark in (";", ":")
    low = left.lower_
    if low in SUBJECT_PRONOUNS and right.tag_ in FINITE:
        return "a subject and its verb"
    # before a semicolon or colon any personal pronoun (`it: is`); a base form after `you`, `we`, `they` is a
    # present tense the tagger missed (`you: get`)
    base = right.tag_ == "VB" and low in SUBJECT_PRONOUNS | {"you"}
    if strong and left.tag_ == "PRP" and low not in OBJECT_PRONOUNS and (right.tag_ in FINITE or base):
        return "a subject and its verb"
    if left.tag_ in ("NN", "NNS") and len(left.text) > 2 and subject_and_verb(sdoc, i, strong):
        return "a subject and its verb"
    if left.tag_ == "WDT" and right.tag_ in FINITE and i >= 2 and sdoc[i - 2].tag_ in ("NN", "NNS", ","):
        return "a relative pronoun and its verb"
    # a verb and its object (`to stem, the unrest`, `rose, 0.9%`), where no clause follows and the verb is not a
    # fronted infinitive (`to win, the team must`)
    takes = right.lower_ in ARTICLES or right.tag_ in ("PRP$", "CD", "PRP")
    if mark == ";" and right.tag_ in ("JJ", "NN", "NNS"):
        takes = True
    if (
        left.tag_ in ("VB", "VBD", "VBZ", "VBP", "VBG")
        and low not in AUXILIARIES
        and takes
        and (strong or not far_aside)
        and after_verb_object(sdoc, i)
    ):
        return "a verb and its object"
    return ""
