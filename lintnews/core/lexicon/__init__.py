"""Cached English word data: wordfreq frequencies (`zipf`, `is_known`) and CMU dictionary syllable counts.

store.py keeps what is derived from installed data in the cache folder (packed tables, marshalled values);
wordfreq_table.py reads wordfreq's English table, english.py computes a word's Zipf frequency from it as
wordfreq does, syllables.py reads the CMU dictionary.
"""

from __future__ import annotations

from .english import KNOWN_ZIPF, is_known, zipf
from .store import PackedTable, cached_value, packed_table
from .syllables import cmudict_syllables
from .wordfreq_table import Frequencies, frequencies, short_common_words

__all__ = [
    "KNOWN_ZIPF",
    "Frequencies",
    "PackedTable",
    "cached_value",
    "cmudict_syllables",
    "frequencies",
    "is_known",
    "packed_table",
    "short_common_words",
    "zipf",
]
