"""its-possessive and pronoun-case: "it's" for the possessive, and me/him in a subject or I/he in an object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .flags import Flag, flag, match_case
from .words import ACCUSATIVE, CLAUSE_VERBS, NOMINATIVE

if TYPE_CHECKING:
    from spacy.tokens import Doc


def check_its_possessive(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ != "it" or tok.i + 2 >= len(sdoc):
            continue
        aps = sdoc[tok.i + 1]
        if aps.text not in ("'s", "’s") or tok.whitespace_:
            continue
        j = tok.i + 2
        while j < len(sdoc) and sdoc[j].tag_ in ("JJ", "JJS", "JJR") and sdoc[j].lower_ not in ("such", "all", "own"):
            j += 1
        if j >= len(sdoc):
            continue
        noun = sdoc[j]
        first = sdoc[tok.i + 2]
        if noun.tag_ not in ("NN", "NNS") or not noun.is_lower or noun.lower_ in ("time", "fun", "nothing", "business"):
            continue
        if first.lower_ in ("all", "not", "no", "only", "just", "about", "like", "worth", "due", "enough", "so", "too"):
            continue
        after = sdoc[j + 1] if j + 1 < len(sdoc) else None
        if after is not None and after.tag_ in ("NN", "NNS") and noun.tag_ == "NN":
            continue  # it's birthday time
        prev = sdoc[tok.i - 1] if tok.i > 0 else None
        plural = noun.tag_ == "NNS" and noun.lemma_.lower() != noun.lower_
        verb_follows = after is not None and after.pos_ in ("VERB", "AUX") and after.tag_ not in ("VBG",)
        if prev is None or prev.is_punct or prev.lower_ in ("and", "but", "so"):
            ok = verb_follows and after is not None and after.tag_ not in ("WP", "WDT")
        elif prev.pos_ == "ADP" or prev.tag_ == "IN":
            ok = prev.lower_ not in (
                "that", "because", "if", "as", "than", "so", "whether", "until", "although", "though", "while",
                "since", "before", "after", "when", "once", "unless", "like",
            )  # fmt: skip
        elif prev.pos_ in ("VERB", "AUX"):
            ok = (prev.lemma_.lower() not in CLAUSE_VERBS and prev.lemma_.lower() != "be") or plural
        elif prev.lower_ in ("all", "such"):
            ok = True
        else:
            ok = plural
        if not ok:
            continue
        yield flag(
            tok,
            aps,
            match_case(tok.text, "its"),
            message="The possessive is 'its' (no apostrophe); \"it's\" is 'it is' or 'it has'.",
        )


# --- pronoun case in coordinations -------------------------------------------------------------------------


def check_pronoun_case(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        low = tok.lower_.rstrip(".")
        if low not in ACCUSATIVE and low not in NOMINATIVE and low != "her":
            continue
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        first = tok.i == 0 or all(t.is_punct for t in sdoc[: tok.i])
        if first and nxt is not None and nxt.lower_ == "and" and tok.i + 2 < len(sdoc):
            after = sdoc[tok.i + 2]
            if low in ACCUSATIVE or (low == "her" and after.lower_ in NOMINATIVE):
                right = ACCUSATIVE.get(low, "she")
                yield flag(
                    tok, tok, right.capitalize() if right != "I" else right, message=f"In a subject write '{right}'."
                )
                continue
        root = tok
        while root.dep_ == "conj":
            root = root.head
        if root is tok and not any(c.dep_ == "conj" for c in tok.children):
            continue
        if not any(c.lower_ == "and" for c in root.children if c.dep_ == "cc"):
            continue
        acc = low in ACCUSATIVE or (low == "her" and tok.tag_ == "PRP")
        subject_like = root.dep_ in ("nsubj", "nsubjpass") and root.i < root.head.i
        if acc and tok is not root and not subject_like and root.i <= 2 and nxt is not None:
            subject_like = nxt.pos_ in ("VERB", "AUX") and nxt.tag_ not in ("VBG", "VBN")
        if acc and subject_like:
            right = ACCUSATIVE.get(low, "she")
            yield flag(
                tok, tok, match_case(tok.text, right), message=f"In a subject write '{right}', not '{tok.text}'."
            )
        elif low in NOMINATIVE and root.dep_ in ("pobj", "dobj", "dative", "iobj") and tok is not root:
            right = NOMINATIVE[low]
            yield Flag(
                tok.idx, tok.idx + len(low), (right,), f"In an object write '{right}', not '{tok.text.rstrip('.')}'."
            )
