"""A small cached view of English word frequencies (wordfreq): `zipf(word)` and `is_known(word)`."""

from __future__ import annotations

import math
from functools import cache, lru_cache

# Zipf 1.0 is about once per billion words: wordfreq lists a word that rare only when it is
# attested in several sources, which covers most names in the news (Barnea 1.7, Rafah 2.3).
KNOWN_ZIPF = 1.0


@cache
def frequencies() -> dict[str, float]:
    """wordfreq's English table, lower-case word -> frequency: for callers that screen many words fast."""
    # wordfreq is imported here so that a run that never asks about words does not pay its
    # import and the ~0.7 s it takes to load the English list.
    from wordfreq import get_frequency_dict

    table: dict[str, float] = get_frequency_dict("en")
    return table


@lru_cache(maxsize=100_000)
def _zipf_slow(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def zipf(word: str) -> float:
    """Zipf frequency of one word in English (0.0 when wordfreq does not know it), case-insensitive.

    A plain ASCII word is looked up directly in wordfreq's table, which gives the same value as
    `wordfreq.zipf_frequency` for such words at a fraction of the cost; anything else (accents,
    apostrophes, digits) goes through wordfreq's own normalisation, cached.
    """
    if not word:
        return 0.0
    low = word.lower()
    if low.isascii() and low.isalpha():
        freq = frequencies().get(low)
        if freq is None:
            return 0.0
        return round(math.log10(freq) + 9, 2)
    return _zipf_slow(low)


def is_known(word: str, min_zipf: float = KNOWN_ZIPF) -> bool:
    """Is `word` an English word (or a name) that wordfreq has seen at least `min_zipf` often?"""
    return zipf(word) >= min_zipf
