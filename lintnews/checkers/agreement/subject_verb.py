"""subject-verb: the number and person of the subject against the finite verb."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...core.document import FILL
from ...core.lexicon import zipf
from .flags import Flag, flag, match_case
from .inflect import third_person
from .words import (
    BASE_IS_PAST,
    BE_PL,
    CAUSATIVE_OR_MANDATIVE,
    COLLECTIVE,
    MANDATIVE_ADJ,
    MEASURE,
    NOT_PLURAL,
    PL_VERB,
    PLURAL_DETS,
    PRONOUN_PERSON,
    SG3_VERB,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _finite(verb: Token) -> Token:
    """The finite word of the verb group headed by `verb`: its first auxiliary, else the verb."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return min(auxes, key=lambda t: t.i) if auxes else verb


def _subject_number(subj: Token) -> str | None:
    """'1sg', '3sg', 'pl' or None when unsure."""
    low = subj.lower_
    if subj.dep_ not in ("nsubj", "nsubjpass"):
        return None
    conj = [c for c in subj.children if c.dep_ == "conj"]
    if conj:
        ccs = {c.lower_ for c in subj.children if c.dep_ == "cc"}
        if ccs & {"or", "nor"}:
            return _bare_number(conj[-1])
        if ccs != {"and"}:
            return None
        parts = [subj, *conj]
        if any(
            p.pos_ not in ("NOUN", "PROPN", "PRON") or p.tag_ in ("DT", "WDT") or p.lower_ in ("that", "this", "what")
            for p in parts
        ):
            return None
        if any(c.lower_ in ("each", "every") for p in parts for c in p.children if c.dep_ == "det"):
            return None
        if all(p.tag_ in ("NNP", "NNPS") for p in parts):
            return None  # Trinidad and Tobago
        if any(
            p.pos_ == "PRON" or p.tag_ == "NNP" or any(c.dep_ in ("det", "poss") for c in p.children) for p in parts
        ):
            return "pl"
        return None
    if low in ("who", "that", "which") and subj.head.dep_ == "relcl":
        ante = subj.head.head
        if (
            ante.head.lower_ == "of"
            or ante.pos_ not in ("NOUN", "PRON")
            or any(c.lower_ == "of" for c in ante.children)
        ):
            return None
        if ante.lower_ in ("one", "each", "who", "what", "those", "all", "any", "some"):
            return None
        return _bare_number(ante)
    return _bare_number(subj)


def _bare_number(tok: Token) -> str | None:
    low = tok.lower_
    if low in PRONOUN_PERSON and (tok.pos_ in ("PRON", "DET") or tok.tag_ in ("PRP", "DT", "NN")):
        if low == "each" and not any(c.lower_ == "of" for c in tok.children):
            return None
        if low == "both" and not any(c.lower_ == "of" for c in tok.children):
            return None
        return PRONOUN_PERSON[low]
    if (
        low == "people"
        and tok.is_lower
        and not any(c.dep_ in ("det", "nummod", "amod") and c.lower_ in ("a", "one") for c in tok.children)
    ):
        return "pl"
    if tok.tag_ == "CD" and low not in ("one", "1") and any(c.lower_ in ("these", "those") for c in tok.children):
        return "pl"
    if tok.pos_ not in ("NOUN",) or low in COLLECTIVE or low in NOT_PLURAL:
        return None
    if not tok.is_lower and tok.i != tok.sent.start:
        return None  # a title or a name
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "among")]
    if tok.tag_ == "NNS":
        if tok.lemma_.lower() == low or low.endswith(("ics", "ss")):
            return None
        if low in MEASURE and any(c.dep_ == "nummod" for c in tok.children):
            return None
        return "pl"
    if tok.tag_ == "NN":
        if any(c.lower_ in PLURAL_DETS or c.like_num for c in tok.children if c.i < tok.i):
            return None  # both child: the noun is the error (det-noun)
        if low.endswith("s") and not low.endswith("ss"):
            return None  # mis-tagged plural or a -s mass noun: unsure
        for p in of:
            if any(
                c.tag_ in ("NNS", "NNPS") or c.lower_ in ("them", "us", "you", "these", "those") for c in p.children
            ):
                return None  # a fleet of ships: either number in use
        return "3sg"
    return None


def _verb_number(fin: Token, has_aux: bool) -> str | None:
    low = fin.lower_
    if low in ("am", "'m", "’m"):
        return "1sg"
    if low in SG3_VERB or (fin.tag_ == "VBZ" and low not in ("'s", "’s")):
        return "3sg"
    if low in ("'s", "’s") and fin.tag_ == "VBZ":
        return "3sg"
    if low in PL_VERB or low in BE_PL:
        return "pl"
    if fin.tag_ == "VBP":
        return "pl"
    if fin.tag_ == "VB" and not has_aux:
        return "base"
    return None


def _subjunctive_context(verb: Token, fin: Token) -> bool:
    sent_words = {t.lower_ for t in verb.sent if t.i < fin.i}
    if fin.lower_ in ("were", "be") and sent_words & {"if", "wish", "though", "whether", "suppose", "as", "unless"}:
        return True
    head = verb.head
    if verb.dep_ in ("ccomp", "xcomp", "advcl") and (
        head.lemma_.lower() in CAUSATIVE_OR_MANDATIVE or head.lower_ in MANDATIVE_ADJ
    ):
        return True
    if verb.dep_ in ("ccomp", "advcl") and head.dep_ == "acomp" and head.lower_ in MANDATIVE_ADJ:
        return True
    if any(c.lower_ == "lest" for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "dobj", "pobj", "amod", "acl")


def _verb_and_numbers(subj: Token) -> tuple[Token, Token, str, str] | None:
    """The subject's verb, its finite word, the subject's number and the verb's; None when either is unsure."""
    if subj.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = subj.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    fin = _finite(verb)
    if fin.tag_ == "MD" or fin.lower_ in ("'d", "’d", "'s", "’s"):
        return None
    vnum = _verb_number(fin, fin is not verb)
    if vnum is None:
        return None
    snum = _subject_number(subj)
    if snum is None:
        return None
    return verb, fin, snum, vnum


def _unsure_pair(subj: Token, verb: Token, fin: Token, snum: str, vnum: str) -> bool:
    """Shapes where the parse of subject and verb is too often wrong to judge their agreement."""
    sdoc = subj.doc
    prev = sdoc[subj.i - 1] if subj.i > 0 else None
    if prev is not None and (
        prev.lower_ in ("and", "or", "nor", "as", "than")
        or (subj.lower_ in ("you", "it", "i") and prev.pos_ in ("VERB", "ADP", "ADJ", "NOUN", "PROPN", "NUM"))
    ):
        return True
    if fin.i < subj.i and (not sdoc.text.rstrip().endswith("?") or fin.lower_ in ("were", "had")):
        return True
    if any(FILL in t.text for t in sdoc[subj.i + 1 : fin.i]):
        return True  # markup (a code span, a shortcode) stands between: it may be the real subject
    if subj.left_edge.i > 0 and sdoc[subj.left_edge.i - 1].lower_ == "of":
        return True
    if (
        snum == "3sg"
        and vnum == "pl"
        and any(t.lower_ in ("and", "&", "or") for t in sdoc[max(0, subj.left_edge.i - 2) : subj.i])
    ):
        return True
    if any(t.tag_ in ("NNP", "NNPS") for t in sdoc[subj.left_edge.i : subj.i]):
        return True  # part of a name: the Master Builder Series sets
    if (fin is verb and fin.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl")) or (
        not fin.is_lower and fin.i > 0
    ):
        return True
    if vnum == "base" and fin.lower_ in BASE_IS_PAST:
        return True
    if fin is verb and zipf(fin.lower_) < 2.5:
        return True  # a rare word tagged as a verb is more likely a tagging slip
    if sdoc[0].lower_ == "how" and len(sdoc) > 1 and sdoc[1].lower_ in ("many", "much"):
        return True
    return snum == "pl" and subj.tag_ == "NNS" and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in subj.children)


def _bare_base_is_wrong(sdoc: Doc, subj: Token, verb: Token, fin: Token, snum: str) -> bool:
    """A bare base form as the finite verb: wrong only after a third-person singular subject, clause-initial."""
    if snum != "3sg" or fin.i < subj.i or fin.lower_ == "be":
        return False
    if _subjunctive_context(verb, fin) or verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl"):
        return False
    return not (sdoc.text.rstrip().endswith("!") and subj.lower_ in PRONOUN_PERSON)


def _numbers_fit(subj: Token, verb: Token, fin: Token, snum: str, vnum: str) -> bool:
    """Do the subject's and the verb's numbers go together (I have, I was, a subjunctive were)?"""
    if snum == vnum:
        return True
    if snum == "1sg" and (vnum == "pl" and fin.lower_ not in ("are", "were", "aren't", "weren't")):
        return True  # I have, I do
    if snum == "1sg" and fin.lower_ == "was":
        return True
    if vnum == "1sg" and snum == "1sg":
        return True
    if vnum == "pl" and _subjunctive_context(verb, fin):
        return True
    # a plain present form before its singular subject is more often a tagging slip than an error
    plain = fin.tag_ == "VBP" and fin.lower_ not in PL_VERB and fin.lower_ not in BE_PL
    if vnum == "pl" and plain and fin.i < subj.i:
        return True
    return vnum == "3sg" and fin.i < subj.i and snum == "3sg"


def check_subject_verb(sdoc: Doc) -> Iterator[Flag]:
    for subj in sdoc:
        found = _verb_and_numbers(subj)
        if found is None:
            continue
        verb, fin, snum, vnum = found
        if _unsure_pair(subj, verb, fin, snum, vnum):
            continue
        if vnum == "base":
            if _bare_base_is_wrong(sdoc, subj, verb, fin, snum):
                right = third_person(fin.lower_)
                yield flag(fin, fin, right, message=f"'{subj.text}' takes '{right}'.")
            continue
        if _numbers_fit(subj, verb, fin, snum, vnum):
            continue
        right = _agreeing_form(fin, snum)
        yield flag(fin, fin, right, message=f"The verb '{fin.text}' does not agree with its subject '{subj.text}'.")


def _agreeing_form(fin: Token, snum: str) -> str:
    low = fin.lower_
    table = {
        ("is", "pl"): "are",
        ("is", "1sg"): "am",
        ("are", "1sg"): "am",
        ("are", "3sg"): "is",
        ("was", "pl"): "were",
        ("were", "3sg"): "was",
        ("were", "1sg"): "was",
        ("has", "pl"): "have",
        ("has", "1sg"): "have",
        ("have", "3sg"): "has",
        ("does", "pl"): "do",
        ("does", "1sg"): "do",
        ("do", "3sg"): "does",
        ("doesn't", "pl"): "don't",
        ("doesn't", "1sg"): "don't",
        ("don't", "3sg"): "doesn't",
        ("isn't", "pl"): "aren't",
        ("aren't", "3sg"): "isn't",
        ("wasn't", "pl"): "weren't",
        ("weren't", "3sg"): "wasn't",
        ("hasn't", "pl"): "haven't",
        ("haven't", "3sg"): "hasn't",
    }
    key = low.replace("’", "'")
    if (key, snum) in table:
        return match_case(fin.text, table[(key, snum)])
    base = fin.lemma_.lower()
    if snum == "3sg":
        return match_case(fin.text, third_person(base))
    return match_case(fin.text, base)


# --- verb form after auxiliaries ---------------------------------------------------------------------------
