"""det-noun, there-plural and of-bare-noun: the number of a noun against its determiner, 'there is' and 'all of'."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .flags import Flag, flag, match_case
from .inflect import plural_of
from .words import DAY_WORDS, NOT_COUNTED, NOT_PLURAL, NUMBER_WORDS, ZERO_PLURAL

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _is_head_noun(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.dep_ in ("compound", "amod", "nmod"):
        return False
    return not (nxt is not None and (nxt.tag_ in ("NN", "NNS", "NNP", "POS") or nxt.text in ("-", "'", "’")))


def check_det_noun(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.tag_ not in ("NN", "NNS") or not tok.is_lower or not tok.is_alpha or len(tok) < 4:
            continue
        low = tok.lower_
        if low.endswith(("ing", "ae", "is", "us", "ics")) or low in NOT_COUNTED or low in DAY_WORDS:
            continue
        if any(c.dep_ in ("conj", "cc") for c in tok.children):
            continue
        if not _is_head_noun(tok):
            continue
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "nummod", "predet")]
        if any(c.lower_ in ("a", "an", "the", "every", "each", "another") for c in mods) and tok.tag_ == "NN":
            continue
        for m in mods:
            ml = m.lower_
            if (not m.is_lower and m.i > 0) or m.is_upper or (m.i > 0 and sdoc[m.i - 1].text == "-"):
                continue
            between = sdoc[m.i + 1 : tok.i]
            if any(
                t.like_num or t.lower_ in ("few", "lot", "number", "couple", "dozen", "many", "great", "good")
                for t in between
            ):
                continue
            if any(t.text in (",", "and", "or") for t in between):
                continue
            if tok.tag_ == "NN" and low not in ZERO_PLURAL and not (low.endswith("s") and not low.endswith("ss")):
                if ml in ("these", "those") and m.dep_ == "det":
                    if low in ("kind", "sort", "type") and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "of":
                        yield flag(
                            m,
                            tok,
                            f"{match_case(m.text, 'this' if ml == 'these' else 'that')} {low}",
                            f"{m.text} {low}s",
                            tentative=True,  # common in speech and informal copy
                        )
                    else:
                        yield flag(m, tok, f"{m.text} {plural_of(low)}")
                elif ml in ("both", "many", "several", "various", "numerous") and m.dep_ in ("det", "amod", "predet"):
                    if any(c.lower_ == "a" for c in mods):
                        continue  # many a time
                    yield flag(m, tok, f"{m.text} {plural_of(low)}")
                elif ml in NUMBER_WORDS and m.dep_ == "nummod" and low not in NOT_COUNTED:
                    yield flag(m, tok, f"{m.text} {plural_of(low)}")
            elif tok.tag_ == "NNS" and low not in NOT_PLURAL and low not in ZERO_PLURAL and tok.lemma_.lower() != low:
                if low.endswith(("ics", "ss")) or any(c.dep_ == "case" for c in tok.children):
                    continue
                if ml == "this" and m.dep_ == "det":
                    yield flag(m, tok, f"{match_case(m.text, 'these')} {low}", f"{m.text} {tok.lemma_.lower()}")
                elif ml in ("a", "an") and m.dep_ == "det" and not between.text.strip():
                    # "a doubles", "a tops" are singular in use: a plural after a/an is only worth a look
                    yield flag(m, tok, low, f"{m.text} {tok.lemma_.lower()}", tentative=True)
                elif (
                    ml in ("a", "an") and m.dep_ == "det" and all(t.tag_ in ("JJ", "JJR", "JJS", "RB") for t in between)
                ):
                    yield flag(m, tok, f"{sdoc[m.i : tok.i].text} {tok.lemma_.lower()}", tentative=True)
                elif ml == "one" and m.dep_ == "nummod" and tok.i == m.i + 1:
                    yield flag(m, tok, f"{m.text} {tok.lemma_.lower()}")


# --- there is + plural -------------------------------------------------------------------------------------


def check_there_plural(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ not in ("there", "here") or tok.i + 2 >= len(sdoc):
            continue
        verb = sdoc[tok.i + 1]
        if verb.lower_ not in ("is", "was", "'s", "’s", "isn't", "wasn't", "isn’t", "wasn’t"):
            continue
        if tok.i > 0 and sdoc[tok.i - 1].lower_ in ("is", "was", "are", "were"):
            continue  # is there ...
        if tok.lower_ == "here" and tok.i > 0 and not sdoc[tok.i - 1].is_punct:
            continue
        j = tok.i + 2
        counted = False
        while j < len(sdoc) and (
            sdoc[j].tag_ in ("JJ", "RB", "CD") or sdoc[j].lower_ in ("no", "some", "many", "several", "any", "more")
        ):
            if sdoc[j].tag_ == "CD" and sdoc[j].lower_ not in ("one", "1"):
                counted = True
            if sdoc[j].lower_ in ("than", "of"):
                break
            j += 1
        if j >= len(sdoc):
            continue
        noun = sdoc[j]
        if noun.tag_ != "NNS" or not noun.is_lower or noun.lower_ in NOT_PLURAL | {"lots", "plenty", "loads", "tons"}:
            continue
        if noun.lemma_.lower() == noun.lower_ or noun.lower_.endswith(("ics", "ss")):
            continue
        if j + 1 < len(sdoc) and sdoc[j + 1].tag_ in ("NN", "NNS", "POS"):
            continue  # a communications department
        if any(t.lower_ in ("more", "than") for t in sdoc[tok.i + 2 : j]) and not counted:
            continue
        right = "were" if verb.lower_.startswith("was") else "are"
        if "n" in verb.lower_[2:]:
            right += "n't"
        yield flag(tok, noun, f"{tok.text} {right} {sdoc[tok.i + 2 : j + 1].text}")


def check_of_bare_noun(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ not in ("all", "most", "some", "many", "much", "none", "each", "several", "few", "any"):
            continue
        if tok.i + 2 >= len(sdoc) or sdoc[tok.i + 1].lower_ != "of":
            continue
        if tok.i > 0 and sdoc[tok.i - 1].lower_ in ("the", "at", "a"):
            continue  # at most of, the most of
        noun = sdoc[tok.i + 2]
        if noun.tag_ not in ("NN", "NNS") or not noun.is_lower or not noun.is_alpha:
            continue
        if noun.lower_ in ("course", "note", "interest", "sudden", "late", "old"):
            continue
        if any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
            continue
        yield flag(tok, noun, f"{tok.text} {noun.text}", f"{tok.text} of the {noun.text}")
