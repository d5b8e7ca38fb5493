"""How two spellings of one word relate: accents, one inner letter, a transliteration, an edit distance."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ..base import compile_user_regex

_VOWELISH = compile_user_regex(r"[aeiouyhw'’-]")
_DOUBLED = compile_user_regex(r"(.)\1+")


def skeleton(word: str) -> str:
    """Consonant outline of a transliterated name: Yunis/Younis -> yns, Mohammed/Mohamed -> md."""
    low = word.lower()
    out = low[0] + _VOWELISH.sub("", low[1:])
    return str(_DOUBLED.sub(r"\1", out))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def variants(a: str, b: str) -> bool:
    """Two spellings of one transliterated name (Antony/Anthony), not two names (Iran/Iraq, Maria/Mario)."""
    if a == b or a.lower() == b.lower() or min(len(a), len(b)) < 4:
        return False
    if a[0].lower() != b[0].lower() or a[-1].lower() != b[-1].lower():
        return False
    return skeleton(a) == skeleton(b) and edit_distance(a.lower(), b.lower()) <= 2


def fold(word: str) -> str:
    """The word without its accents: Sánchez -> Sanchez, Bâ -> Ba."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def one_inner_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped inside the word (Pellegrini/Pelegrini, Clavijo/Clavigo).

    A change at the first or the last letter makes another word rather than a misspelling: a plural, a
    demonym, the other gender of a given name (Democrat/Democrats, Iraq/Iraqi, Mario/Maria, Carl/Karl)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    # the letters that differ are a[i:len(a)-j] and b[i:len(b)-j]: at most one each, none at either end
    if len(a) - i - j > 1 or len(b) - i - j > 1:
        return False
    return i >= 1 and j >= 1


def inner_transposition(a: str, b: str) -> bool:
    """Two adjacent inner letters swapped (Olufsen/Olusfen), the first and last letters kept."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and diff[0] > 0
        and diff[1] < len(a) - 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def suffixed(a: str, b: str) -> bool:
    """Is one word the other with letters added at its end (Hussein/Husseini, Iraq/Iraqi): another name? A last
    letter written twice (Zelensky/Zelenskyy) is a spelling, not a suffix."""
    short, long = sorted((a, b), key=len)
    if not long.startswith(short):
        return False
    return not (len(long) == len(short) + 1 and long[-1] == short[-1])


def same_but_ending(a: str, b: str) -> bool:
    """Do the words differ only in their last two letters (Zelensky/Zelenskyy/Zelenskiy, Peskov/Peskoff)?"""
    n = min(len(a), len(b)) - 2
    return n >= 4 and a[:n] == b[:n]


def damerau(a: str, b: str) -> int:
    """Edits (a letter changed, added, dropped, or two adjacent letters swapped) that turn a into b."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


# spellings one sound takes in the romanisation of names: Younis/Yunis, Mohammed/Mohamed, Tomasz/Tomash,
# Zelenskiy/Zelenskyy, Peskoff/Peskov, Gadhafi/Gaddafi, Husain/Hussein
_TRANSLIT = (
    (compile_user_regex(r"(\p{Ll})\1+"), r"\1"),
    (compile_user_regex(r"(?<=.)(?:ou|oo|u)"), "u"),
    (compile_user_regex(r"(?<=.)(?:ee|ie|ei|ai|ay|ey|iy|yi|ii|y|i|e)(?=[^aeiou]|$)"), "i"),
    (compile_user_regex(r"(?<=.)(?:sz|sh|ch|tch|zh|cz)"), "s"),
    (compile_user_regex(r"(?<=[^aeiou])h"), ""),
    (compile_user_regex(r"(?<=.)(?:f|w)$"), "v"),
    (compile_user_regex(r"(?<=.)(?:ck|kh|q)"), "k"),
    (compile_user_regex(r"(?<=.)ph"), "f"),
)


@lru_cache(maxsize=1 << 16)  # a name recurs across the articles of a run: its eight substitutions made once
def translit_key(word: str) -> str:
    """The word with the spellings a romanised sound takes reduced to one: variants of one name share it."""
    key = fold(word).lower()
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key


def inner_deletions(word: str) -> Iterator[str]:
    """The word and each form of it with one inner letter dropped: words one inner edit apart share one."""
    yield word
    for i in range(1, len(word) - 1):
        yield word[:i] + word[i + 1 :]
