"""What the tags around a mark say of its sentence: asides, clauses, questions, inversions, lists, cut text."""

from __future__ import annotations

from typing import Any

from .words import (
    ASIDE_MARKS,
    AUXILIARIES,
    BOUND,
    ELLIPSES,
    FINITE,
    NOUN_PHRASE,
    PREPOSITIONS,
    PRONOUN_DETERMINERS,
    SHORT_SIDE,
    STANDALONE_POSSESSIVES,
    SUBJECT_START,
    VERB_TAGS,
)


def aside(sdoc: Any, i: int, reach: int) -> bool:
    """Does a mark within `reach` tokens after i close an aside that the mark at i opens?"""
    return any(aside_mark(sdoc, t) for t in sdoc[i + 1 : i + reach])


def aside_mark(sdoc: Any, t: Any) -> bool:
    # a hyphen inside a word (`less-intimidating`) is a token of its own, but sets nothing off
    if t.text == "-" and t.i > 0 and not sdoc[t.i - 1].whitespace_:
        return False
    return t.text in ASIDE_MARKS or bool(t.is_quote)


def noun_ends_clause(sdoc: Any, k: int) -> bool:
    """Is token k a noun followed by a finite verb (`the cold, people stayed`): a new clause, not a phrase?"""
    return k + 1 < len(sdoc) and sdoc[k + 1].tag_ in FINITE


def object_only(sdoc: Any, i: int) -> bool:
    """Does what follows the mark at i run to the next mark without a finite verb: a phrase, not a clause?"""
    for t in sdoc[i + 1 :]:
        if t.is_punct:
            return True
        if t.tag_ in FINITE:
            return False
    return True


def cannot_end(sdoc: Any, k: int) -> bool:
    """Can no sentence end on the word at k: a possessive determiner, a conjunction, or a preposition after a
    noun (`the University of.`)? (A preposition after a verb or an adjective can: `what it is made of.`,
    `they had not agreed to.`, `to get the most of.`; articles are _ARTICLE_PERIOD's.)"""
    t = sdoc[k]
    if not t.text.islower() or not t.is_alpha:
        return False
    if t.tag_ == "CC":
        return True
    if t.tag_ == "PRP$":
        return t.lower_ not in STANDALONE_POSSESSIVES
    return t.lower_ in PREPOSITIONS and sdoc[k - 1].tag_ in ("NN", "NNS", "NNP", "NNPS")


def open_word(sdoc: Any, k: int, mark: str) -> bool:
    """Does the word at k need words after it: a conjunction, a determiner, 'to', a modal, and before a
    semicolon an auxiliary or a preposition not stranded after a verb? (A colon may follow a copula or a
    preposition that introduces a list: `the question is:`, `such as:`.)"""
    t = sdoc[k]
    if t.tag_ in ("CC", "DT", "PRP$", "TO", "MD", "WDT") or t.lower_ in ("n't", "n’t"):
        return t.lower_ not in PRONOUN_DETERMINERS
    if mark != ";":
        return False
    if t.lower_ in AUXILIARIES and t.tag_ != "VBN":
        return True
    return t.tag_ == "IN" and (k == 0 or sdoc[k - 1].tag_ not in VERB_TAGS)


def cut(sdoc: Any) -> bool:
    """Does the text start or end with an ellipsis: cut from a longer sentence, whose other part is not there?"""
    return len(sdoc) > 0 and (sdoc[0].text in ELLIPSES or sdoc[-1].text in ELLIPSES)


def question(sdoc: Any, k: int) -> bool:
    """Is the verb at k followed by a pronoun (`would you take`, `aren't you`): a question, not a statement?"""
    nxt = [t for t in sdoc[k + 1 : k + 3] if t.lower_ != "n't"]
    return bool(nxt) and nxt[0].tag_ == "PRP"


def bound_word(sdoc: Any, k: int) -> bool:
    """`of`, `than`, `that`: words that only continue a phrase begun before them (but `that is,`)."""
    nxt = sdoc[k + 1].lower_ if k + 1 < len(sdoc) else ""
    return sdoc[k].tag_ == "IN" and sdoc[k].lower_ in BOUND and nxt != "is"


def coordinated(sdoc: Any, k: int) -> bool:
    """Is the word at k joined to the next by a hyphen or a conjunction (`icy, ocean-going`, `federal, state and
    local`): a series of modifiers, which commas separate?"""
    return k + 1 < len(sdoc) and (sdoc[k + 1].tag_ in ("HYPH", "CC") or sdoc[k + 1].text == "-")


def inversion(sdoc: Any, k: int) -> bool:
    """Is the verb at k followed by its subject alone (`..., said the bank.`): a reporting inversion?"""
    rest = []
    for t in sdoc[k + 1 :]:
        if t.is_punct:
            break
        rest.append(t)
    # one noun phrase (`said the bank`), not a verb's two objects (`handed Trump an unambiguous defeat`)
    second = any(t.tag_ in ("DT", "PRP$") for t in rest[1:])
    return bool(rest) and rest[0].tag_ in SUBJECT_START and all(t.tag_ in NOUN_PHRASE for t in rest) and not second


def parallel(sdoc: Any, k: int) -> bool:
    """Does the word at k open the first of several parallel phrases (`by boat, by bike or on foot`): the same
    tag again after a comma or a conjunction?"""
    tag = sdoc[k].tag_
    return any(t.tag_ == tag and sdoc[t.i - 1].text in (",", "or", "and") for t in sdoc[k + 2 :])


def splits_subject(sdoc: Any, i: int) -> bool:
    """Is there no verb before the mark at i (two words or more: not a label), and a finite verb after it
    before any other mark, with no subject of its own (a pronoun, an article) to start a clause?"""
    before = [t for t in sdoc[:i] if not t.is_punct]
    if len(before) < 2 or any(t.tag_ in VERB_TAGS for t in before):
        return False
    for t in sdoc[i + 1 :]:
        if t.is_punct or t.tag_ in ("PRP", "DT", "WDT", "WP", "IN", "CC"):
            return False
        if t.tag_ in FINITE:
            return True
    return False


def after_opening_phrase(sdoc: Any, i: int) -> bool:
    """Is the only mark before i the comma after an opening adverbial (`In April, the government, said`), which
    closes that phrase rather than opening an aside that the mark at i would close (`Smith, 45, said`)?"""
    marks = [t for t in sdoc[:i] if aside_mark(sdoc, t)]
    return (
        len(marks) == 1
        and marks[0].text == ","
        and marks[0].i > 1
        and sdoc[0].tag_ in ("IN", "RB", "VBG", "WRB")
        and sdoc[marks[0].i + 1].tag_ in ("DT", "PRP$")
    )


def subject_and_verb(sdoc: Any, i: int, strong: bool) -> bool:
    """Is the mark at i between a noun and its finite verb? After a comma only where no earlier mark can open an
    aside that this one closes (`Smith, 45, said`), and, for a past or plural verb, where no finite verb came
    before (`that wrecked the economy, bilked savers` is a series of verbs); never before a reporting verb and
    its subject (`..., said the bank`) or in a question (`a fine form, aren't you?`)."""
    right = sdoc[i + 1]
    if right.tag_ not in FINITE or not right.text.islower() or inversion(sdoc, i + 1) or question(sdoc, i + 1):
        return False
    if strong:
        return True
    if cut(sdoc) or (any(aside_mark(sdoc, t) for t in sdoc[:i]) and not after_opening_phrase(sdoc, i)):
        return False
    # a plural present may be an imperative after an opening phrase (`to get a refund, send`)
    return right.tag_ in ("VBZ", "MD") or (right.tag_ == "VBD" and not any(t.tag_ in FINITE for t in sdoc[:i]))


def lone_semicolon(sdoc: Any, i: int) -> str:
    """A single semicolon joins two clauses: a short side with no verb at all is a piece of one (a list of
    several items has more than one semicolon)."""
    if sum(1 for t in sdoc if t.text == ";") > 1 or cut(sdoc):
        return ""
    sides = (sdoc[:i], sdoc[i + 1 :])
    verbless = [not any(t.tag_ in VERB_TAGS and t.tag_ != "TO" for t in side) for side in sides]
    # two verbless sides are parallel notes, as a list item or a table of figures writes them (`Energy: down
    # 0.1% for the month; gasoline up 1.7%`): a clause with a piece of one is what a lost word or mark leaves
    if all(verbless):
        return ""
    for side, no_verb in zip(sides, verbless, strict=True):
        if no_verb and sum(1 for t in side if t.is_alpha) <= SHORT_SIDE:
            return "two parts that are not both clauses"
    # what follows opens no clause: a phrase that goes on from the one before (`a delegation; of 100 people`,
    # `the opportunity; to talk`, `come out; of nowhere`), with no finite verb of its own
    opens = sdoc[i + 1].tag_ in ("IN", "TO", "VBN", "POS") and sdoc[i + 1].text.islower()
    if opens and not any(t.tag_ in FINITE for t in sdoc[i + 1 :]):
        return "two parts that are not both clauses"
    return ""


def after_verb_object(sdoc: Any, i: int) -> bool:
    """Does a phrase, not a clause, follow the mark at i, after a verb that a finite verb or `to` came before
    (so not a fronted infinitive: `to win, the team must`)?"""
    return object_only(sdoc, i) and any(t.tag_ in FINITE or t.tag_ == "TO" for t in sdoc[: i - 1])
