"""The Zipf frequency of an English word as wordfreq computes it (`zipf`, `is_known`), mostly without wordfreq."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import cache

from .wordfreq_table import MEMO_SIZE, frequencies

# Zipf 1.0 is about once per billion words: wordfreq lists a word that rare only when it is
# attested in several sources, which covers most names in the news (Barnea 1.7, Rafah 2.3).
KNOWN_ZIPF = 1.0

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
# and it leaves punctuation at either end of a word out of its tokens too: `level,` `(efe)` `“gaza.”` have the
# bare word's value (tested against wordfreq with each mark before, after and around 8,000 words of its table),
# so a word as it stands in the text, split at spaces, needs no wordfreq import (0.2 s with its first lookup)
_OUTER = _QUOTES + ',.;:!?()[]"“”‘«»…–—'
_DIGITS = frozenset("0123456789")
# ASCII only: wordfreq normalises some letters beside a digit (`00º`) in ways not restated here
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz") | _DIGITS
# wordfreq.numbers.MULTI_DIGIT_RE: the digit sequences it writes as 0s (a lone digit is left as it is)
_MULTI_DIGIT = re.compile(r"[0-9][0-9.,]+")
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
    """wordfreq.numbers.digit_freq of one digit sequence (digits, with . or , between runs)."""
    freq = 1.0
    for run in number.replace(",", ".").split("."):
        freq *= _year_freq(run) if len(run) == 4 else _benford_freq(run)
    return freq


def _is_alphanumeric(part: str) -> bool:
    """ASCII letters and digits in one token (`g7`, `m23`, `5g`, `h1n1`): wordfreq keeps them whole."""
    return _ALNUM.issuperset(part) and not _DIGITS.isdisjoint(part) and not _DIGITS.issuperset(part)


def _is_number(part: str) -> bool:
    """Runs of ASCII digits joined by single . or , (`7`, `250`, `1.4`, `1,000`)."""
    runs = part.replace(",", ".").split(".")
    return all(r and _DIGITS.issuperset(r) for r in runs)


# wordfreq splits a French elision off (`l'état` is `l`, `état`): one or two letters, an apostrophe, a vowel or h
_ELIDED_BEFORE = frozenset("aehiouyáéíóúàèìòùâêîôûåïöœ")


def _is_word(part: str) -> bool:
    """Plain letters, with single apostrophes inside (`country's`, `rock'n'roll`) or periods between two letters
    (`u.n`, `a.m`: wordfreq keeps an abbreviation whole), not an elision."""
    if "." in part:
        pieces = part.split(".")
        return all(pieces) and all(_is_word(p) for p in pieces) and "'" not in part
    if not _INNER.issuperset(part) or part[0] == "'" or part[-1] == "'" or "''" in part:
        return False
    i = part.find("'")
    return not (i in (1, 2) and part[i + 1] in _ELIDED_BEFORE)


def _plain_tokens(low: str) -> list[str] | None:
    """wordfreq's tokens of a lower-case word of plain letters (inner apostrophes allowed) or numbers, joined by
    hyphens, with outer quote marks and punctuation; None for anything else."""
    core = low.strip(_OUTER).replace("’", "'")
    if not _PLAIN.issuperset(core):
        parts = [t for t in core.split("-") if t]
        if all(_is_word(t) or _is_number(t) or _is_alphanumeric(t) for t in parts):
            return parts
        return None
    return [t for t in core.split("-") if t]


def _zipf_of_tokens(tokens: list[str]) -> float:
    """wordfreq.zipf_frequency's arithmetic (minimum 0) over tokens found by `_plain_tokens`."""
    minimum = 10**0.0 / 1e9
    freqs = frequencies()
    one_over = 0.0
    for token in tokens:
        if _DIGITS.isdisjoint(token):  # most tokens: no digit run to write as 0s (the two scans found nothing)
            f = freqs.get(token)
            if f is None:
                one_over = 0.0
                break
            one_over += 1.0 / f
            continue
        runs = _MULTI_DIGIT.findall(token)
        smashed = _MULTI_DIGIT.sub(lambda m: "".join("0" if c in _DIGITS else c for c in m[0]), token)
        f = freqs.get(smashed)
        if f is None:
            one_over = 0.0
            break
        if smashed != token:
            for run in runs:
                f *= _digit_freq(run)
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
    if len(_ZIPF_MEMO) >= MEMO_SIZE:
        _ZIPF_MEMO.clear()
    _ZIPF_MEMO[word] = z
    return z


def is_known(word: str, min_zipf: float = KNOWN_ZIPF) -> bool:
    """Is `word` an English word (or a name) that wordfreq has seen at least `min_zipf` often?"""
    return zipf(word) >= min_zipf
