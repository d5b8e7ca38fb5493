"""wordfreq's English table read from its own data file, without importing wordfreq: `frequencies()`."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import overload

from .store import cached_value, packed_table

# remembered look-ups are forgotten past this many, so a long run does not grow without end
MEMO_SIZE = 300_000


def _wordfreq_pack_path() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"


def _wordfreq_table_path(lang: str) -> Path | None:
    """The file wordfreq's "best" table of `lang` is read from (large where there is one, else small)."""
    english = _wordfreq_pack_path()
    if english is None:
        return None
    for size in ("large", "small"):
        path = english.parent / f"{size}_{lang}.msgpack.gz"
        if path.exists():
            return path
    return None


@cache
def short_common_words(lang: str, min_zipf: float, max_len: int) -> frozenset[str] | None:
    """The lower-case ASCII words of at most `max_len` letters whose wordfreq.zipf_frequency in `lang` is at
    least `min_zipf`, kept in the cache folder; None where wordfreq has no table for `lang`.

    To ask whether a short word is common in another language, wordfreq loads that language's whole table (a
    quarter of a second each); the answer for every such word is a few hundred words, derived once. For an
    ASCII word wordfreq's own answer is the answer for its lower-case form, which is why only those are kept.
    """
    path = _wordfreq_table_path(lang)
    if path is None:
        return None

    def build() -> tuple[str, ...]:
        from wordfreq import get_frequency_dict, zipf_frequency

        # wordfreq's own answer for each candidate (its tokeniser and rounding), not a re-derivation of it
        return tuple(
            sorted(
                w
                for w in get_frequency_dict(lang)
                if len(w) <= max_len
                and w.isascii()
                and w.isalpha()
                and w.islower()
                and zipf_frequency(w, lang) >= min_zipf
            )
        )

    return frozenset(cached_value(f"wordfreq-{lang}-common-{min_zipf}-{max_len}", path, build))


def _read_cbpack() -> list[list[str]] | None:
    """wordfreq's English table as stored (its "cBpack": a gzipped msgpack list of words by centibel)."""
    path = _wordfreq_pack_path()
    if path is None:
        return None
    try:
        import gzip

        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
    except (OSError, ValueError, ImportError):
        return None
    if not isinstance(data, list) or not data or data[0] != {"format": "cB", "version": 1}:
        return None
    words: list[list[str]] = data[1:]
    return words


def _bucket_of_word() -> dict[str, int]:
    data = _read_cbpack()
    if data is None:
        raise ValueError("wordfreq's English table is in a format this does not read")
    # a word listed twice keeps its last bucket, as wordfreq.get_frequency_dict does
    return {word: index for index, bucket in enumerate(data) for word in bucket}


class Frequencies:
    """wordfreq's English table, lower-case word -> frequency, looked up like a dict (`get`, `in`).

    Answers are remembered: a packed-table look-up costs a microsecond, a remembered one a tenth of that,
    and the words of news copy repeat."""

    def __init__(self, lookup: Callable[[str], float | None]) -> None:
        self._lookup = lookup
        self._memo: dict[str, float | None] = {}

    @overload
    def get(self, word: str) -> float | None: ...
    @overload
    def get(self, word: str, default: float) -> float: ...
    def get(self, word: str, default: float | None = None) -> float | None:
        memo = self._memo
        try:
            freq = memo[word]
        except KeyError:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            freq = memo[word] = self._lookup(word)
        return default if freq is None else freq

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


@cache
def frequencies() -> Frequencies:
    """wordfreq's English table: for callers that screen many words fast.

    It is read from wordfreq's own data file, the way wordfreq.get_frequency_dict("en") reads it, without
    importing the wordfreq package (language tags, text repair: half a second at start-up), and kept as a
    packed table in the cache folder. A file in another format falls back to wordfreq itself.
    """
    path = _wordfreq_pack_path()
    try:
        packed = None if path is None else packed_table("wordfreq-en", path, _bucket_of_word)
    except ValueError:
        packed = None
    if packed is None:
        return Frequencies(_frequency_dict().get)
    get = packed.get
    # the expression of the dict this replaces (and of wordfreq's cB_to_freq), so the same floats
    freqs = [10 ** (-index / 100) for index in range(1000)]

    def lookup(word: str) -> float | None:
        index = get(word)
        if index is None:
            return None
        return freqs[index] if index < len(freqs) else 10 ** (-index / 100)

    return Frequencies(lookup)


def _frequency_dict() -> dict[str, float]:
    data = _read_cbpack()
    if data is None:
        from wordfreq import get_frequency_dict

        fallback: dict[str, float] = get_frequency_dict("en")
        return fallback
    table: dict[str, float] = {}
    for index, bucket in enumerate(data):
        table.update(dict.fromkeys(bucket, 10 ** (-index / 100)))
    return table
