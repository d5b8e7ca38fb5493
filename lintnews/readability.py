"""Article-level readability figures (Flesch-Kincaid grade, reading ease) for reports and the JSON summary."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .lexicon import cmudict_syllables

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_VOWEL_GROUP = re.compile(r"[aeiouyàâäéèêëîïôöùûü]+", re.I)


def grade_estimate(text: str, sentences: int, words: int | None = None) -> float:
    """A quick, generous Flesch-Kincaid estimate (vowel groups as syllables, plus 20%), without textstat.

    It lets a checker skip the exact grade, whose first call loads a pronunciation dictionary, for the
    many paragraphs that come nowhere near a threshold. `words` is `word_count(text)` when the caller has it.
    """
    words = max(1, word_count(text) if words is None else words)
    syllables = 1.2 * max(words, len(_VOWEL_GROUP.findall(text)))
    return 0.39 * words / max(1, sentences) + 11.8 * syllables / words - 15.59


# textstat 0.7.8's English word and sentence rules (remove_punctuation, list_words, count_sentences)
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _without_punctuation(text: str) -> str:
    """textstat's remove_punctuation: all of it but the apostrophe of a contraction ("don't", "it's")."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _textstat_words(text: str) -> list[str]:
    return _without_punctuation(text).split()


def _textstat_sentences(text: str) -> int:
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for s in found if len(_textstat_words(s)) <= 2))


@cache
def _pyphen() -> Any:
    from pyphen import Pyphen  # type: ignore[import-untyped]

    return Pyphen(lang="en_US")


def _syllables(word: str) -> int:
    n = cmudict_syllables(word)
    # a word the CMU dictionary lacks is hyphenated, as textstat does
    return len(_pyphen().positions(word)) + 1 if n is None else n


def _per_sentence_and_word(text: str) -> tuple[float, float]:
    """textstat's words per sentence and syllables per word."""
    bare = _without_punctuation(text)
    words = len(bare.split())
    sentences = _textstat_sentences(text)
    per_sentence = words / sentences if sentences else 0.0
    if not words:
        return per_sentence, 0.0
    # lower case only now, as textstat does: the apostrophe of "DON'T" is gone, not kept as in "don't"
    return per_sentence, sum(_syllables(w) for w in bare.lower().split()) / words


def flesch_kincaid_grade(text: str) -> float:
    """textstat.flesch_kincaid_grade (0.7.8, English), to the last bit, without loading the CMU dictionary.

    textstat builds a dict of the whole dictionary on its first call (two seconds per process); the
    syllable counts come here from a table made once from the same data (lexicon.cmudict_syllables)."""
    per_sentence, per_word = _per_sentence_and_word(text)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def flesch_reading_ease(text: str) -> float:
    """textstat.flesch_reading_ease (0.7.8, English), computed as `flesch_kincaid_grade` is."""
    per_sentence, per_word = _per_sentence_and_word(text)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def grade(text: str) -> float | None:
    """Flesch-Kincaid grade level of a text, or None when it has too few words to say."""
    if word_count(text) < 3:
        return None
    return round(flesch_kincaid_grade(text), 1)


def article_readability(text: str) -> dict[str, Any]:
    """Figures for one article: words, sentences, Flesch-Kincaid grade and Flesch reading ease (None if empty)."""
    from .document import split_sentences

    sentences = sum(len(split_sentences(p)) for p in re.split(r"\n\s*\n", text) if p.strip())
    words = word_count(text)
    if words < 3:
        return {"words": words, "sentences": sentences, "grade": None, "reading_ease": None}
    return {
        "words": words,
        "sentences": sentences,
        "grade": round(flesch_kincaid_grade(text), 1),
        "reading_ease": round(flesch_reading_ease(text), 1),
    }
