"""Article-level readability figures (Flesch-Kincaid grade, reading ease) for reports and the JSON summary."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .lexicon import cached_value, cmudict_syllables

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


def _pyphen_dictionary() -> Path | None:
    """The file textstat's Pyphen(lang="en_US") reads, found without importing pyphen."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"


def _read_hyphenation(path: Path) -> tuple[dict[str, tuple[int, tuple[int, ...]]], int]:
    """Pyphen's parsed patterns for the file (pattern -> first offset, values) and the longest pattern."""
    from pyphen import HyphDict  # type: ignore[import-untyped]

    hd = HyphDict(path)
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for key, (start, values) in hd.patterns.items():
        if any(getattr(v, "data", None) is not None for v in values):
            raise ValueError("nonstandard hyphenation: left to pyphen itself")
        patterns[key] = (int(start), tuple(int(v) for v in values))
    return patterns, int(hd.maxlen)


@cache
def _hyphen_count() -> Callable[[str], int]:
    """A function giving len(Pyphen(lang="en_US").positions(word)), as textstat counts syllables it cannot look up.

    Pyphen parses its pattern file on first use (a fifth of a second); the parsed patterns are kept in
    the cache folder instead, and its Liang hyphenation is done here the same way, step for step."""
    path = _pyphen_dictionary()
    try:
        data = None if path is None else cached_value("pyphen-en_US", path, lambda: _read_hyphenation(path))
    except (OSError, ValueError):
        data = None
    if data is None:
        from pyphen import Pyphen

        hyphenator = Pyphen(lang="en_US")
        return lambda word: len(hyphenator.positions(word))
    patterns, maxlen = data
    left = right = 2  # Pyphen's defaults, which textstat keeps

    def count(word: str) -> int:
        pointed = f".{word.lower()}."
        references = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            stop = min(i + maxlen, len(pointed)) + 1
            for j in range(i + 1, stop):
                pattern = patterns.get(pointed[i:j])
                if not pattern:
                    continue
                offset, values = pattern
                where = slice(i + offset, i + offset + len(values))
                references[where] = map(max, values, references[where])
        last = len(word) - right
        return sum(1 for i, ref in enumerate(references) if ref % 2 and left <= i - 1 <= last)

    return count


@lru_cache(maxsize=100_000)
def _syllables(word: str) -> int:
    n = cmudict_syllables(word)
    # a word the CMU dictionary lacks is hyphenated, as textstat does
    return _hyphen_count()(word) + 1 if n is None else n


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
