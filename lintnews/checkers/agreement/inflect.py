"""Inflected forms of English words for suggestions: the irregular verbs of the word tables, then lemminflect."""

from __future__ import annotations

from functools import cache

import regex

from ...core.lexicon import zipf
from .words import PARTICIPLE


@cache
def _inflection(lemma: str, tag: str) -> str | None:
    # imported on the first suggestion that needs a form: 0.4 s and 18 MB once spaCy is loaded, as it is for
    # these checks; its spelling rules double the final consonant of a stressed syllable (stopped, admitted)
    from lemminflect import getInflection

    forms: tuple[str, ...] = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def third_person(base: str) -> str:
    if base in ("be",):
        return "is"
    if base == "have":
        return "has"
    if base in ("do", "go"):
        return base + "es"
    if regex.search(r"(?:s|sh|ch|x|z)$", base):
        return base + "es"
    if regex.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def ed_base(word: str) -> str:
    """The base of a regular -ed form, picking the commonest candidate (lifted -> lift, noticed -> notice)."""
    if word.endswith("ied"):
        return word[:-3] + "y"
    cands = [word[:-2], word[:-1]]
    if len(word) > 4 and word[-3] == word[-4]:
        cands.append(word[:-3])
    return max(cands, key=zipf)


def participle(base: str) -> str:
    """The past participle: gone, decided, stopped, visited."""
    return PARTICIPLE.get(base) or _inflection(base, "VBN") or base + "ed"


def gerund(base: str) -> str:
    """The -ing form: meeting, making, dying, admitting."""
    return _inflection(base, "VBG") or base + "ing"


def plural_of(noun: str) -> str:
    irregular = {"child": "children", "man": "men", "woman": "women", "person": "people", "foot": "feet"}
    if noun in irregular:
        return irregular[noun]
    return third_person(noun)
