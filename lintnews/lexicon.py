"""A small cached view of English word frequencies (wordfreq): `zipf(word)` and `is_known(word)`."""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache, lru_cache
from pathlib import Path

# Zipf 1.0 is about once per billion words: wordfreq lists a word that rare only when it is
# attested in several sources, which covers most names in the news (Barnea 1.7, Rafah 2.3).
KNOWN_ZIPF = 1.0


@cache
def frequencies() -> dict[str, float]:
    """wordfreq's English table, lower-case word -> frequency: for callers that screen many words fast.

    The table is read from wordfreq's own data file (its "cBpack": a gzipped msgpack list of words
    by centibel), the way wordfreq.get_frequency_dict("en") reads it, without importing the wordfreq
    package, whose import (language tags, text repair) costs more than half a second at start-up.
    A file in another format falls back to wordfreq itself.
    """
    data = _read_cbpack()
    if data is None:
        from wordfreq import get_frequency_dict

        fallback: dict[str, float] = get_frequency_dict("en")
        return fallback
    table: dict[str, float] = {}
    for index, bucket in enumerate(data):
        freq = 10 ** (-index / 100)
        for word in bucket:
            table[word] = freq
    return table


def _read_cbpack() -> list[list[str]] | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
    except (OSError, ValueError, ImportError):
        return None
    if not isinstance(data, list) or not data or data[0] != {"format": "cB", "version": 1}:
        return None
    words: list[list[str]] = data[1:]
    return words


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
