"""verb-form and gerund-after: the verb's form after a modal, do, to, have or passive be, and after 'forward to'."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..base import compile_user_regex
from .flags import Flag, flag
from .inflect import ed_base, gerund, participle
from .words import BASE_OF, ED_BASES, GERUND_VERBS, PARTICIPLE_ONLY, PAST_FORMS, PAST_ONLY, SAME_AS_PARTICIPLE

if TYPE_CHECKING:
    from spacy.tokens import Doc


def check_verb_form(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass"):
            continue
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        if not auxes:
            continue
        near = max(auxes, key=lambda t: t.i)
        low = tok.lower_
        base = BASE_OF.get(low, tok.lemma_.lower())
        nl = near.lower_
        before_aux = sdoc[near.i - 1] if near.i > 0 else None
        if before_aux is not None and (
            before_aux.lower_ in ("nor", "neither", "so", "as", "than", "better", "rather")
            or (before_aux.tag_ in ("DT", "PRP$", "JJ") and nl == "can")
        ):
            continue
        if near.text in ("Will", "May", "Can") and all(t.tag_ == "NNP" for t in sdoc[near.i + 1 : tok.i]):
            continue
        if any(t.lower_ in ("better", "best", "rather", "there") for t in sdoc[near.i + 1 : tok.i]):
            continue
        if near.tag_ == "MD" or (near.lemma_ == "do" and nl not in ("done", "doing")) or nl == "to":
            if nl == "to" and (near.tag_ != "TO" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
                continue
            wrong = tok.tag_ in ("VBD", "VBZ") or (tok.tag_ == "VBN" and (nl == "to" or low in PARTICIPLE_ONLY))
            if tok.tag_ == "VB" and (low in PAST_FORMS or (low.endswith("ed") and low not in ED_BASES)):
                wrong = True
                base = BASE_OF.get(low) or ed_base(low)
            if near.tag_ == "MD" and tok.tag_ == "VBG" and near.i == tok.i - 1 and tok.dep_ == "ROOT":
                wrong = True
            if tok.tag_ in ("VBD", "VBN") and low in SAME_AS_PARTICIPLE | {"put", "set", "cut", "hit", "let"}:
                wrong = low not in BASE_OF or BASE_OF[low] != low
            if not wrong or not tok.is_lower:
                continue
            if low == base or (low in ED_BASES and tok.tag_ == "VB"):
                continue
            if nl == "to" and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
                continue
            if nl == "to" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].tag_ in ("NN", "NNS", "JJ"):
                continue  # linked to decreased demand: an adjective
            yield flag(tok, tok, base, message=f"After '{near.text}' use the base form '{base}', not '{tok.text}'.")
        elif near.lemma_ == "have" and nl not in ("'d", "’d"):
            bad = low in PAST_ONLY or (
                tok.tag_ in ("VB", "VBP", "VBZ") and low == tok.lemma_.lower() and low not in SAME_AS_PARTICIPLE
            )
            if tok.tag_ == "VBZ" and low.endswith("s"):
                bad = True
            if not bad or not tok.is_lower or tok.i - near.i > 3:
                continue
            right = participle(base)
            yield flag(tok, tok, right, message=f"After '{near.text}' use the past participle '{right}'.")
        elif near.lemma_ == "be" and near.dep_ == "auxpass":
            bad = low in PAST_ONLY or (
                tok.tag_ in ("VB",) and low == tok.lemma_.lower() and low not in SAME_AS_PARTICIPLE
            )
            if not bad or not tok.is_lower or tok.i - near.i > 3:
                continue
            right = participle(base)
            yield flag(tok, tok, right, message=f"After '{near.text}' use the past participle '{right}'.")


_GERUND_TO = compile_user_regex(
    r"(?i)^(?:look(?:s|ed|ing)?\s+forward|accustomed|when\s+it\s+comes|with\s+a\s+view|in\s+addition|"
    r"object(?:s|ed)?|(?:am|is|are|was|were|be|been|get|got|getting|'m|’m|'re|’re)\s+used)$"
)


def check_gerund_after(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ != "to" or tok.i + 1 >= len(sdoc) or tok.i < 1:
            continue
        verb = sdoc[tok.i + 1]
        if verb.tag_ != "VB" or not verb.is_lower or verb.lower_ in ("be",):
            continue
        before = sdoc[max(0, tok.i - 3) : tok.i]
        words = [t.text for t in before]
        hit = False
        for k in range(len(words)):
            if _GERUND_TO.match(" ".join(words[k:])):
                hit = True
                if "used" in words[k:]:
                    subj = [t for t in sdoc[: tok.i] if t.dep_ in ("nsubj", "nsubjpass")]
                    hit = bool(subj) and subj[-1].lower_ in ("i", "we", "you", "they", "he", "she")
                break
        prev = sdoc[tok.i - 1]
        if not hit and prev.lemma_.lower() in GERUND_VERBS and prev.pos_ == "VERB" and prev.tag_ != "VBN":
            hit = True
        if hit:
            yield flag(
                tok,
                verb,
                f"to {gerund(verb.lower_)}" if prev.lemma_.lower() not in GERUND_VERBS else gerund(verb.lower_),
            )
