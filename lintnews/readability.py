"""Article-level readability figures (Flesch-Kincaid grade, reading ease) for reports and the JSON summary."""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_VOWEL_GROUP = re.compile(r"[aeiouyàâäéèêëîïôöùûü]+", re.I)


def grade_estimate(text: str, sentences: int) -> float:
    """A quick, generous Flesch-Kincaid estimate (vowel groups as syllables, plus 20%), without textstat.

    It lets a checker skip the exact grade, whose first call loads a pronunciation dictionary, for the
    many paragraphs that come nowhere near a threshold.
    """
    words = max(1, word_count(text))
    syllables = 1.2 * max(words, len(_VOWEL_GROUP.findall(text)))
    return 0.39 * words / max(1, sentences) + 11.8 * syllables / words - 15.59


def grade(text: str) -> float | None:
    """Flesch-Kincaid grade level of a text, or None when it has too few words to say."""
    if word_count(text) < 3:
        return None
    import textstat

    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def article_readability(text: str) -> dict[str, Any]:
    """Figures for one article: words, sentences, Flesch-Kincaid grade and Flesch reading ease (None if empty)."""
    from .document import split_sentences

    sentences = sum(len(split_sentences(p)) for p in re.split(r"\n\s*\n", text) if p.strip())
    words = word_count(text)
    if words < 3:
        return {"words": words, "sentences": sentences, "grade": None, "reading_ease": None}
    import textstat

    return {
        "words": words,
        "sentences": sentences,
        "grade": round(float(textstat.flesch_kincaid_grade(text)), 1),
        "reading_ease": round(float(textstat.flesch_reading_ease(text)), 1),
    }
