"""kind: consistency: a name spelled two ways in an article or across a run, or written in lower case."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import regex

from ..document import Document
from ..findings import Hit, Severity
from ..lexicon import zipf
from .base import Checker, Option, list_of_str

MODES = ("particle", "spelling", "lowercase", "joiner", "date-order")
# an Arabic article glued to a name: al-Sisi, el Sisi, Al Thani
_PARTICLE_NAME = regex.compile(r"(?<![\w-])(?P<p>[Aa]l|[Ee]l)(?P<sep>[ -])(?P<head>\p{Lu}\p{Ll}+)(?![\w-])")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_DAY = regex.compile(rf"\b(?P<m>{_MONTHS}) (?P<d>[1-9]|[12]\d|3[01])\b(?![\d:.,]\d)")
_DAY_MONTH = regex.compile(rf"(?<![\d.,:])\b(?P<d>[1-9]|[12]\d|3[01]) (?P<m>{_MONTHS})\b")
# 'May 2023' is a month and a year; 'March 3:15' is not a date
_YEAR_OR_TIME_AFTER = regex.compile(r"\d")
# two parts of a name joined by a hyphen (any case after it) or a space (a capital after it): Jong-un, Jong Un
_JOINED = regex.compile(r"(?<![\w-])(?P<a>\p{Lu}\p{Ll}+)(?:-(?P<b>\p{L}\p{Ll}+)|[ ](?P<b>\p{Lu}\p{Ll}+))(?![\w-])")
# no apostrophe: Trump's and Trump’s are one name, the quote mark is punctuation's business
_NAME = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
_WORD_FIRST = regex.compile(r"(?<!\w)\w")
# preceded by a lower-case word or a comma: capitalised because it is a name, not because a sentence starts
_MID_NAME = regex.compile(rf"(?<=\b\p{{Ll}}+ |[,;] )({_NAME})")
# the second word may run into the next sentence ('khan younisOne'): a capital ends it too
_LOWER_PAIR = regex.compile(r"(?<![\w@#/.-])(?P<a>\p{Ll}+) (?P<b>\p{Ll}+)(?=\p{Lu}|(?![\w@-]))")
_LOWER_RUN = regex.compile(r"\p{Ll}+")
_MID_PAIR = regex.compile(r"(?<=\b\p{Ll}+ |[,;] )")
# a word this common ('State', 'President') is a title or an ordinary word, not the name that anchors a variant
ANCHOR_MAX_ZIPF = 5.0
# a word this common capitalised only at the start of sentences is an ordinary word ('Resume the talks')
COMMON_ZIPF = 4.0
# a one-letter variant of a name is reported only when English sources have (almost) never seen it
MISSPELT_MAX_ZIPF = 1.5
# two capitalised words in a row: a given name and a surname, or a two-word place (Khan Yunis)
_PAIR = regex.compile(rf"(?<![\w@#/.-])(?P<a>{_NAME}) (?P<b>{_NAME})(?![\w@-])")
_LOWER_WORD = regex.compile(r"(?<![\w@#/.&=-])\p{Ll}[\p{Ll}'’]+(?![\w@/-]|\.\w)")
# one word with a capital somewhere (Sánchez, IBGE, OpenAI); not part of an address, a handle or a hyphenated word
_CAP_TOKEN = regex.compile(r"(?<![\w@#/.&=-])(?=\w*\p{Lu})[\p{L}\p{M}]+(?![\w@/-]|\.\w)")
# what sits before a word that starts a sentence, a line or a quotation: its capital says nothing
_INITIAL_BEFORE = regex.compile(r"(?:^|[.!?:;\n•*–—-])[\s\"“‘'«(\[]*$")
# scanning for _CAP_TOKEN: its matches start each \w+ run that holds a capital, so only those runs are tried
_UPPER = regex.compile(r"\p{Lu}")
_RUN_ENDING_HERE = regex.compile(r"(?r)\w+")
_RUN = regex.compile(r"\w+")
# a word run together with the next one: the name is recovered to count as evidence, never reported
_GLUED_WORDS = (
    "and",
    "the",
    "of",
    "in",
    "to",
    "for",
    "with",
    "from",
    "on",
    "at",
    "by",
    "who",
    "which",
    "that",
    "was",
    "is",
    "has",
)
_GLUED_TAIL = regex.compile(rf"(?<=\p{{Ll}}{{3}})(?:{'|'.join(_GLUED_WORDS)})$")
# words before a name that are titles, not given names: they do not tell two people apart
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "president",
        "minister",
        "prime",
        "premier",
        "senator",
        "governor",
        "mayor",
        "judge",
        "coach",
        "general",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sir",
        "lord",
        "lady",
        "chancellor",
        "commissioner",
        "secretary",
        "chief",
        "director",
        "captain",
        "deputy",
        "ambassador",
        "former",
        "leader",
        "spokesman",
        "spokeswoman",
    ]
)
# heads of Romance place names: the word after them is part of the name ('Porto Alegre', 'Gran Canaria')
_PLACE_HEADS = frozenset(
    [
        "Porto",
        "Puerto",
        "Rio",
        "Río",
        "Costa",
        "San",
        "Santa",
        "Santo",
        "São",
        "Sao",
        "Buenos",
        "Gran",
        "Grande",
        "Monte",
        "Villa",
        "Vila",
        "Nueva",
        "Nuevo",
        "Nova",
        "Novo",
        "Belo",
        "Campo",
        "Ponte",
        "Bahía",
        "Ciudad",
        "Cidade",
        "Las",
        "Los",
        "Castel",
        "Castello",
        "Borgo",
        "Isla",
        "Ilha",
        "Punta",
        "Playa",
        "Praia",
        "Cabo",
        "Mar",
    ]
)
_HEAD_THEN_LOWER = regex.compile(rf"(?<![\w-])({'|'.join(sorted(_PLACE_HEADS))}) (?=\p{{Ll}})")
# lower-case particles that stay lower case inside names (Rio de Janeiro, Costa del Sol)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "das",
        "dos",
        "del",
        "della",
        "delle",
        "di",
        "la",
        "le",
        "les",
        "y",
        "e",
        "el",
        "du",
        "van",
        "von",
        "der",
    ]
)


def _mode(value: Any) -> str:
    if value not in MODES:
        raise ValueError(f"must be one of {', '.join(MODES)}")
    return str(value)


def skeleton(word: str) -> str:
    """Consonant outline of a transliterated name: Yunis/Younis -> yns, Mohammed/Mohamed -> md."""
    low = word.lower()
    out = low[0] + regex.sub(r"[aeiouyhw'’-]", "", low[1:])
    return str(regex.sub(r"(.)\1+", r"\1", out))


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


class Occurrence(NamedTuple):
    """Where a spelling occurs (a named tuple: an article makes tens of thousands of them)."""

    start: int
    end: int
    form: str


def title_case(text: str) -> bool:
    """Are most words of the line capitalised (more than half of those that start with a letter)?"""
    # the first characters of the \w+ words, gathered by C code: lines are whole paragraphs
    firsts = "".join(filter(str.isalpha, _WORD_FIRST.findall(text)))
    return len(firsts) > 1 and sum(map(str.isupper, firsts)) / len(firsts) > 0.5


def headline_spans(doc: Document) -> list[tuple[int, int]]:
    """Lines in title case (headlines, product names): their capitals say nothing about names."""
    key = "consistency-headlines"
    if key not in doc.cache:
        # a caption made of names ends with a period; a headline or a product name does not
        doc.cache[key] = [
            (b.start, b.end) for b in doc.lines if not b.text.rstrip().endswith(".") and title_case(b.text)
        ]
    spans: list[tuple[int, int]] = doc.cache[key]
    return spans


def _lower_pairs_from(text: str, firsts: Iterable[str]) -> Iterator[regex.Match[str]]:
    """The matches of `_LOWER_PAIR.finditer(text, overlapped=True)` whose first word is one of `firsts`, in order.

    An overlapped scan tries the pattern at every offset; here it is tried only where one of the words
    (few: the lower-case heads of the article's names) stands before a space."""
    starts: set[int] = set()
    for first in firsts:
        if not _LOWER_RUN.fullmatch(first):
            continue  # the pattern's first word is lower-case letters only: this one is never it
        probe = first + " "
        i = text.find(probe)
        while i >= 0:
            starts.add(i)
            i = text.find(probe, i + 1)
    for i in sorted(starts):
        m = _LOWER_PAIR.match(text, i)
        if m is not None:
            yield m


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


PAIRS_KEY = "consistency-pairs"


def pairs(doc: Document) -> dict[tuple[str, str], list[Occurrence]]:
    """Every two-word capitalised name of the document (outside headlines), by its spelling."""
    key = PAIRS_KEY
    if key in doc.cache:
        cached: dict[tuple[str, str], list[Occurrence]] = doc.cache[key]
        return cached
    out: dict[tuple[str, str], list[Occurrence]] = {}
    heads = headline_spans(doc)
    for m in _PAIR.finditer(doc.text, overlapped=True):
        if in_spans(m.start(), heads):
            continue
        out.setdefault((m.group("a"), m.group("b")), []).append(Occurrence(m.start(), m.end(), m.group()))
    doc.cache[key] = out
    return out


def variant_groups(keys: Iterable[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Names that share one word and spell the other two ways: (Antony, Blinken) ~ (Anthony, Blinken)."""
    by_anchor: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for k in keys:
        if zipf(k[0]) >= ANCHOR_MAX_ZIPF or zipf(k[1]) >= ANCHOR_MAX_ZIPF:
            continue
        by_anchor.setdefault((0, k[0]), []).append(k)
        by_anchor.setdefault((1, k[1]), []).append(k)
    groups: list[list[tuple[str, str]]] = []
    seen: set[frozenset[tuple[str, str]]] = set()
    for (side, _), ks in by_anchor.items():
        other = 1 - side
        for i, x in enumerate(ks):
            group = [x] + [y for y in ks[i + 1 :] if variants(x[other], y[other])]
            key = frozenset(group)
            if len(group) > 1 and key not in seen:
                seen.add(key)
                groups.append(group)
    return groups


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


def _suffixed(a: str, b: str) -> bool:
    """Is one word the other with letters added at its end (Hussein/Husseini, Iraq/Iraqi): another name? A last
    letter written twice (Zelensky/Zelenskyy) is a spelling, not a suffix."""
    short, long = sorted((a, b), key=len)
    if not long.startswith(short):
        return False
    return not (len(long) == len(short) + 1 and long[-1] == short[-1])


def _same_but_ending(a: str, b: str) -> bool:
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
    (regex.compile(r"(\p{Ll})\1+"), r"\1"),
    (regex.compile(r"(?<=.)(?:ou|oo|u)"), "u"),
    (regex.compile(r"(?<=.)(?:ee|ie|ei|ai|ay|ey|iy|yi|ii|y|i|e)(?=[^aeiou]|$)"), "i"),
    (regex.compile(r"(?<=.)(?:sz|sh|ch|tch|zh|cz)"), "s"),
    (regex.compile(r"(?<=[^aeiou])h"), ""),
    (regex.compile(r"(?<=.)(?:f|w)$"), "v"),
    (regex.compile(r"(?<=.)(?:ck|kh|q)"), "k"),
    (regex.compile(r"(?<=.)ph"), "f"),
)


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


@dataclass
class TokenForm:
    """One spelling of a capitalised word in an article, where it occurs and next to which names."""

    form: str
    occurrences: list[Occurrence]
    before: set[str]
    after: set[str]
    glued: bool = False  # recovered from a word run together with the next one: evidence only
    mid: int = 0  # occurrences not at the start of a sentence or a line, where a capital marks a name
    # occurrences followed by a capitalised common word: inside a longer term ('Feather Duvet Lung disease')
    in_term: set[int] = field(default_factory=set)

    @property
    def first(self) -> int:
        return self.occurrences[0].start


_QUOTED = regex.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’(?!\w)")


def in_quotes(text: str, offset: int) -> bool:
    """Is the offset inside a quotation on its line?"""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return any(m.start() < offset < m.end() for m in _QUOTED.finditer(text, start, end))


_NEXT_WORD = regex.compile(r" (\p{Lu}\p{Ll}+)\b")


def in_term(text: str, end: int) -> bool:
    """Is the name ending at `end` followed by a capitalised common word, so part of a longer term?"""
    m = _NEXT_WORD.match(text, end)
    return m is not None and zipf(m.group(1)) >= COMMON_ZIPF


def sentence_initial(text: str, start: int) -> bool:
    if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # after a word and a space, as most words are: the pattern cannot match
    return _INITIAL_BEFORE.search(text, max(0, start - 6), start) is not None


def cap_tokens(text: str) -> list[regex.Match[str]]:
    """`list(_CAP_TOKEN.finditer(text))`, at a third of the cost.

    A match starts a run of word characters (its look-behind rules out one before it) and the run holds a
    capital (its look-ahead), so the pattern is tried only at the start of the runs a capital letter is
    found in, which a plain character-class scan finds; runs without a capital cannot match. The run is
    found by a reverse search from the capital."""
    out: list[regex.Match[str]] = []
    done = 0  # runs before this offset are tried already
    for u in _UPPER.finditer(text):
        at = u.start()
        if at < done:
            continue
        run = _RUN_ENDING_HERE.search(text, 0, at + 1)
        assert run is not None  # a capital is a word character: the run ending with it is there
        m = _CAP_TOKEN.match(text, run.start())
        if m is not None:
            out.append(m)
            done = m.end()
        else:
            whole = _RUN.match(text, run.start())
            assert whole is not None
            done = whole.end()
    return out


def name_neighbour(word: str) -> str | None:
    """A capitalised word next to a name that may be another part of it (not a title, not a common word)."""
    if not word[:1].isupper() or word.lower() in _TITLES or zipf(word) >= ANCHOR_MAX_ZIPF:
        return None
    # accents folded: 'Mónica García' and 'Monica Garcia' have the same neighbour
    return fold(word)


def token_forms(doc: Document) -> dict[str, TokenForm]:
    """Every capitalised word of the document by spelling, with the names just before and after it."""
    key = "consistency-token-forms"
    if key in doc.cache:
        cached: dict[str, TokenForm] = doc.cache[key]
        return cached
    text = doc.text
    matches = cap_tokens(text)
    words = [m.group() for m in matches]
    spans = [m.span() for m in matches]
    neighbours: dict[str, str | None] = {}  # name_neighbour of each word, worked out once

    def neighbour(word: str) -> str | None:
        if word not in neighbours:
            neighbours[word] = name_neighbour(word)
        return neighbours[word]

    forms: dict[str, TokenForm] = {}
    last = len(matches) - 1
    for n, w in enumerate(words):
        start, stop = spans[n]
        prev = words[n - 1] if n and spans[n - 1][1] == start - 1 and text[start - 1] == " " else None
        nxt = words[n + 1] if n < last and spans[n + 1][0] == stop + 1 and text[stop] == " " else None
        initial = sentence_initial(text, start)
        before = neighbour(prev) if prev is not None else None
        tf = forms.get(w)
        if tf is None:
            tf = forms[w] = TokenForm(w, [], set(), set(), False)
        tf.glued = False
        tf.occurrences.append(Occurrence(start, stop, w))
        if not initial:
            tf.mid += 1
        if before:
            tf.before.add(before)
        if nxt is not None:
            if after := neighbour(nxt):
                tf.after.add(after)
            if nxt[1:].islower() and zipf(nxt) >= COMMON_ZIPF:
                tf.in_term.add(start)
        if w.endswith(_GLUED_WORDS) and w[:1].isupper() and (tail := _GLUED_TAIL.search(w)) and zipf(w) == 0.0:
            # the name glued to a short word ('Blinkenwho'): the name is counted too, as evidence only
            form = w[: tail.start()]
            tf = forms.get(form)
            if tf is None:
                tf = forms[form] = TokenForm(form, [], set(), set(), True)
            tf.occurrences.append(Occurrence(start, start + tail.start(), form))
            if not initial:
                tf.mid += 1
            if before:
                tf.before.add(before)
    doc.cache[key] = forms
    return forms


def distinct_people(x: TokenForm, y: TokenForm) -> bool:
    """Two spellings used with different given names (or surnames): two people, not one misspelt."""
    return bool((x.before and y.before and not x.before & y.before) or (x.after and y.after and not x.after & y.after))


def token_variant_pairs(forms: dict[str, TokenForm], max_zipf: float) -> list[tuple[TokenForm, TokenForm, str]]:
    """Pairs of spellings of one name: the same letters but for accents, one inner letter, or an acronym's order."""
    by_key: dict[tuple[str, str], list[str]] = {}
    # a common word capitalised only to start a sentence ('Resume the talks') is not a name
    names = [
        w
        for w, tf in forms.items()
        if not (zipf(w) >= ANCHOR_MAX_ZIPF or (not tf.mid and w[1:].islower() and zipf(w) >= COMMON_ZIPF))
    ]
    # words one inner edit apart share their first and last letters and differ in length by one at most: only
    # a word with such a neighbour can share an edit key, so the others' keys (most words) are not made
    shapes = Counter((w[0], w[-1], len(w)) for w in names if len(w) >= 4 and w.isalpha())
    for w in names:
        by_key.setdefault(("fold", fold(w)), []).append(w)
        if w.isupper() and 2 <= len(w) <= 5:
            by_key.setdefault(("anagram", "".join(sorted(w))), []).append(w)
        elif len(w) >= 4 and w.isalpha():
            first, last, n = w[0], w[-1], len(w)
            if shapes[(first, last, n)] > 1 or shapes[(first, last, n - 1)] or shapes[(first, last, n + 1)]:
                for d in set(inner_deletions(w)):
                    by_key.setdefault(("edit", d), []).append(w)
            if len(w) >= 5:
                by_key.setdefault(("translit", translit_key(w)), []).append(w)
            if len(w) >= 7:
                # two slips in a long name: its first and last letters stay
                by_key.setdefault(("slip2", f"{first}{last}"), []).append(w)
    out: list[tuple[TokenForm, TokenForm, str]] = []
    seen: set[frozenset[str]] = set()
    for (how, _), ws in by_key.items():
        if len(ws) < 2:
            continue  # most keys: one spelling, nothing to pair
        for i, a in enumerate(ws):
            for b in ws[i + 1 :]:
                pair = frozenset((a, b))
                if a == b or pair in seen:
                    continue
                x, y = forms[a], forms[b]
                if how == "edit":
                    # a misspelling is a rare word; two common words one letter apart are two words (Sudan, Sedan)
                    # a case difference ('Airpods', 'AirPods') is house style, not a misspelt name
                    ok = a[0] == b[0] and a.lower() != b.lower() and (one_inner_edit(a, b) or inner_transposition(a, b))
                    ok = ok and min(zipf(a), zipf(b)) < max_zipf
                elif how == "translit":
                    # two romanisations of one name (Younis/Yunis): both may be attested, so both must be used as
                    # names (capitalised inside a sentence), not ordinary words starting a sentence (Dinner/Diner)
                    ok = a[0] == b[0] and a.lower() != b.lower() and damerau(a.lower(), b.lower()) <= 2
                    ok = ok and (min(zipf(a), zipf(b)) < max_zipf or (x.mid > 0 and y.mid > 0))
                    ok = ok and not _suffixed(a.lower(), b.lower())
                elif how == "slip2":
                    # two letters slipped in a long name that English sources never saw
                    ok = abs(len(a) - len(b)) <= 1 and damerau(a.lower(), b.lower()) == 2
                    ok = ok and min(zipf(a), zipf(b)) < MISSPELT_MAX_ZIPF
                elif how == "anagram":
                    # 'IA' for 'AI', 'UE' for 'EU': the source language's order of the initials
                    ok = len(a) >= 3 or bool(x.before & y.before) or min(zipf(a), zipf(b)) < max_zipf + 0.5
                else:
                    ok = True
                if ok and not distinct_people(x, y) and not (x.glued and y.glued):
                    seen.add(pair)
                    out.append((x, y, how))
    return out


def pick_spelling(x: TokenForm, y: TokenForm) -> tuple[TokenForm, TokenForm]:
    """(winner, loser): a clear majority wins; otherwise the spelling of the first mention, which introduces the
    name in full; a spelling English has never seen loses to one it knows."""
    cx, cy = len(x.occurrences), len(y.occurrences)
    if max(cx, cy) >= 3 and max(cx, cy) >= 2 * min(cx, cy):
        return (x, y) if cx > cy else (y, x)
    zx, zy = zipf(x.form), zipf(y.form)
    if (zx == 0.0) != (zy == 0.0) and x.form == fold(x.form) and y.form == fold(y.form):
        return (y, x) if zx == 0.0 else (x, y)
    return (x, y) if x.first <= y.first else (y, x)


class ConsistencyChecker(Checker):
    kind = "consistency"
    cross_document = True
    corpus_facts = (PAIRS_KEY,)
    options = {
        "mode": Option(_mode, required=True, help="particle | spelling | lowercase"),
        "canonical": Option(list_of_str, default=[], help="spellings that win a tie (Antony Blinken)"),
        "known_names": Option(dict, default={}, help="lower-case form -> proper form (usa: USA)"),
        "max_zipf": Option(float, default=3.0, help="a lower-case word more common than this is an ordinary word"),
    }

    def setup(self) -> None:
        self.canonical = {tuple(c.split(" ", 1)) for c in self.opts["canonical"] if " " in c}
        self.known = {str(k): str(v) for k, v in self.opts["known_names"].items()}

    def check(self, doc: Document) -> Iterator[Hit]:
        mode = self.opts["mode"]
        if mode == "particle":
            yield from self._particle(doc)
        elif mode == "spelling":
            yield from self._spelling(doc)
        elif mode == "joiner":
            yield from self._joiner(doc)
        elif mode == "date-order":
            yield from self._date_order(doc)
        else:
            yield from self._lowercase(doc)

    def check_corpus(self, docs: list[Document]) -> Iterator[tuple[Document, Hit]]:
        if self.opts["mode"] != "spelling":
            return
        table = {d.path: pairs(d) for d in docs}
        by_path = {d.path: d for d in docs}
        for path, hit in self._spelling_corpus(docs, table):
            yield by_path[path], hit

    def _winner(self, counts: Counter[tuple[str, str]], order: list[tuple[str, str]]) -> tuple[str, str]:
        """The majority spelling; a tie goes to a known canonical spelling, else to the one seen first."""
        best = max(counts.values())
        tied = [k for k in order if counts[k] == best]
        for k in tied:
            if k in self.canonical:
                return k
        return tied[0]

    def _spelling(self, doc: Document) -> Iterator[Hit]:
        found = pairs(doc)
        taken: list[tuple[int, int]] = []
        for group in variant_groups(found):
            counts = Counter({k: len(found[k]) for k in group})
            order = sorted(group, key=lambda k: found[k][0].start)
            win = self._winner(counts, order)
            for k in group:
                if k == win:
                    continue
                for occ in found[k]:
                    taken.append((occ.start, occ.end))
                    yield self._spelling_hit(occ, " ".join(win), "in this article")
        yield from self._token_spelling(doc, taken)

    def _token_spelling(self, doc: Document, taken: list[tuple[int, int]]) -> Iterator[Hit]:
        """One word of a name spelled two ways: accents dropped, one inner letter, initials swapped."""
        forms = token_forms(doc)
        wrong: dict[int, tuple[Occurrence, str, bool]] = {}
        for x, y, how in token_variant_pairs(forms, self.opts["max_zipf"]):
            win, lose = pick_spelling(x, y)
            # a spelling English sources attest (Zelensky, Garett) may be another transliteration or another
            # person: only a spelling never seen is reported as a one-letter slip; two attested romanisations
            # of one sound (Mohamed/Mohammed, Yunis/Younis) are a note: the article may quote another source
            romanised = translit_key(lose.form) == translit_key(win.form)
            attested = zipf(lose.form) >= MISSPELT_MAX_ZIPF
            if lose.glued or (how in ("edit", "slip2") and attested and not romanised):
                continue
            # the ending of a romanised name is house style (Zelensky, Zelenskyy, Zelenskiy: one wire each)
            ending = how == "translit" and _same_but_ending(lose.form.lower(), win.form.lower())
            note = (attested or ending) and how in ("edit", "translit", "slip2")
            for occ in lose.occurrences:
                if not any(s < occ.end and occ.start < e for s, e in taken):
                    wrong.setdefault(occ.start, (occ, win.form, note))
        # 'Monica Garcia' for 'Mónica García': one finding for the name, not one per word
        run: list[tuple[Occurrence, str, bool]] = []
        for start in sorted(wrong):
            occ, right, note = wrong[start]
            if run and doc.text[run[-1][0].end : occ.start] != " ":
                yield self._token_hit(run)
                run = []
            run.append((occ, right, note))
        if run:
            yield self._token_hit(run)

    def _token_hit(self, run: list[tuple[Occurrence, str, bool]]) -> Hit:
        occ = Occurrence(run[0][0].start, run[-1][0].end, " ".join(o.form for o, _, _ in run))
        hit = self._spelling_hit(occ, " ".join(r for _, r, _ in run), "in this article")
        return replace(hit, severity=Severity.INFO) if all(note for _, _, note in run) else hit

    def _spelling_corpus(
        self, docs: list[Document], table: dict[str, dict[tuple[str, str], list[Occurrence]]]
    ) -> Iterator[tuple[str, Hit]]:
        doc_count: Counter[tuple[str, str]] = Counter()
        first_seen: dict[tuple[str, str], int] = {}
        for n, d in enumerate(docs):
            for k in table[d.path]:
                doc_count[k] += 1
                first_seen.setdefault(k, n)
        for group in variant_groups(doc_count):
            order = sorted(group, key=lambda k: first_seen[k])
            win = self._winner(Counter({k: doc_count[k] for k in group}), order)
            for d in docs:
                present = [k for k in group if k in table[d.path]]
                # an article that mixes spellings is reported by the single-article check
                if len(present) != 1 or present[0] == win:
                    continue
                # unrelated articles may follow different house styles (Zelensky, Zelenskyy): only a known
                # spelling makes the difference an error, otherwise it is a note
                sure = win in self.canonical
                for occ in table[d.path][present[0]]:
                    hit = self._spelling_hit(occ, " ".join(win), "in other files of this run")
                    yield d.path, hit if sure else replace(hit, severity=Severity.INFO)

    def _spelling_hit(self, occ: Occurrence, win: str, where: str) -> Hit:
        return Hit(
            occ.start,
            occ.end,
            message=f"'{occ.form}' is spelled '{win}' {where}: use one spelling.",
            suggestions=(win,),
            replacement=win,
        )

    def _joiner(self, doc: Document) -> Iterator[Hit]:
        """Two parts of a name joined two ways in one article: 'Kim Jong Un' and 'Kim Jong-un', 'Coca Cola'."""
        heads = headline_spans(doc)
        forms: dict[str, list[regex.Match[str]]] = {}
        for m in _JOINED.finditer(doc.text, overlapped=True):
            if in_spans(m.start(), heads):
                continue
            forms.setdefault((m.group("a") + m.group("b")).lower(), []).append(m)
        for matches in forms.values():
            spelled = Counter(m.group() for m in matches)
            if len(spelled) < 2:
                continue
            # the majority; a tie goes to the spelling of the first mention, which introduces the name
            best = max(spelled.values())
            win = next(m.group() for m in matches if spelled[m.group()] == best)
            for m in matches:
                if m.group() == win:
                    continue
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{m.group()}' is written '{win}' elsewhere in this article: use one spelling.",
                    suggestions=(win,),
                    replacement=win,
                )

    def _date_order(self, doc: Document) -> Iterator[Hit]:
        """Dates written 'March 3' and '3 March' in one article: the minority order is reported, in the other."""
        month_day = [m for m in _MONTH_DAY.finditer(doc.text) if not _YEAR_OR_TIME_AFTER.match(doc.text, m.end())]
        day_month = list(_DAY_MONTH.finditer(doc.text))
        # a tie says nothing about the house order (wires differ: AP 'March 3', Reuters '3 March')
        if not month_day or not day_month or len(month_day) == len(day_month):
            return
        minority, to_day_month = (month_day, True) if len(month_day) < len(day_month) else (day_month, False)
        for m in minority:
            right = f"{m.group('d')} {m.group('m')}" if to_day_month else f"{m.group('m')} {m.group('d')}"
            yield Hit(
                m.start(),
                m.end(),
                message=f"'{m.group()}': this article writes its other dates as '{right}': use one order.",
                suggestions=(right,),
                replacement=right,
            )

    def _particle(self, doc: Document) -> Iterator[Hit]:
        forms: dict[str, list[regex.Match[str]]] = {}
        for m in _PARTICLE_NAME.finditer(doc.text):
            forms.setdefault(m.group("head"), []).append(m)
        for matches in forms.values():
            # the article's case follows the sentence (Al-Sisi at the start), so only letters and joiner count
            spelled = Counter(m.group("p").lower() + m.group("sep") for m in matches)
            if len(spelled) < 2:
                continue
            # news style joins the article with a hyphen (al-Sisi); otherwise the majority wins
            best = max(spelled.values())
            tied = [s for s in spelled if spelled[s] == best]
            win = min(tied, key=lambda s: (s[-1] != "-", s != "al-"))
            for m in matches:
                if m.group("p").lower() + m.group("sep") == win:
                    continue
                right = (win.capitalize() if m.group("p")[0].isupper() else win) + m.group("head")
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{m.group()}' is written '{right}' elsewhere in this article: use one spelling.",
                    suggestions=(right,),
                    replacement=right,
                )

    def _lowercase(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        caps = pairs(doc)
        lower_words = list(_LOWER_WORD.finditer(text))
        lower_forms = [m.group() for m in lower_words]
        lower_count: Counter[str] = Counter(lower_forms)
        written = self._written_as_names(doc)
        # one scan for the heads of place names followed by a lower-case word, by that word's offset
        heads_before = {h.end(): h for h in _HEAD_THEN_LOWER.finditer(text)}
        taken: set[int] = set()
        # a lower-case copy of a two-word name of the article: 'khan younis' for 'Khan Yunis'
        by_first: dict[str, list[tuple[str, str]]] = {}
        for (a, b), occs in caps.items():
            # a name, not a heading or a nickname in quotes: written capitalised inside a sentence
            # ... and a whole name, not the start of a longer term ('Feather Duvet Lung disease')
            if any(_MID_PAIR.match(text, o.start) for o in occs) and not all(in_term(text, o.end) for o in occs):
                by_first.setdefault(a.lower(), []).append((a, b))
        if by_first:
            for m in _lower_pairs_from(text, by_first):
                first, second = m.group("a"), m.group("b")
                for a, b in by_first.get(first, ()):
                    # an ordinary phrase ('national security') is not a name in lower case: one word must be rare
                    rare = min(zipf(a), zipf(second)) < self.opts["max_zipf"]
                    # a term quoted in lower case ('the "three amigos"') against one capitalised use is a quotation
                    quoted = len(caps[(a, b)]) < 2 and in_quotes(text, m.start())
                    if rare and not quoted and (second == b.lower() or variants(second, b)):
                        right = f"{a} {b}"
                        # the fix restores the capitals only: which spelling is right is the editor's call,
                        # and a respelling would also undo other rules' fixes on the same words
                        as_written = f"{a} {second[:1].upper()}{second[1:]}"
                        # both words: the second one is not reported again on its own
                        taken.update((m.start(), m.start("b")))
                        yield Hit(
                            m.start(),
                            m.end(),
                            message=f"'{m.group()}' is a name, written '{right}' elsewhere in this article.",
                            suggestions=tuple(dict.fromkeys((as_written, right))),
                            replacement=as_written,
                        )
                        break
        # only a word the rule knows as a name, one the article writes as a name, or one after the head of a
        # place name can be reported: the others are passed over without a look
        named_words = self.known.keys() | written.keys()
        chosen = [i for i, w in enumerate(lower_forms) if w in named_words]
        if heads_before:
            chosen = sorted(set(chosen).union(i for i, m in enumerate(lower_words) if m.start() in heads_before))
        for i in chosen:
            m = lower_words[i]
            w = lower_forms[i]
            if m.start() in taken:
                continue
            known = self.known.get(w)
            if known is not None:
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{w}' is a name: write '{known}'.",
                    suggestions=(known,),
                    replacement=known,
                )
                continue
            # the article writes it as a name (capitalised mid-sentence, an acronym, OpenAI) at least as often
            # as in lower case, and it is rare as an ordinary English word
            named = written.get(w)
            if (
                named is not None
                and self._enough(named[1], lower_count[w], text, m.start())
                and zipf(w) < self.opts["max_zipf"]
            ):
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{w}' is written '{named[0]}' elsewhere in this article.",
                    suggestions=(named[0],),
                    replacement=named[0],
                )
                continue
            # 'Porto alegre': the word after the head of a Romance place name belongs to the name
            head = heads_before.get(m.start())
            if (
                head is not None
                and w not in _PARTICLES
                and len(w) >= 3
                and not w.endswith(("ed", "ing", "ly"))
                and zipf(w) < self.opts["max_zipf"]
            ):
                right = f"{head.group(1)} {w[:1].upper()}{w[1:]}"
                yield Hit(
                    head.start(1),
                    m.end(),
                    message=f"'{head.group(1)} {w}' is a place name: write '{right}'.",
                    suggestions=(right,),
                    replacement=right,
                )

    @staticmethod
    def _enough(named: int, lower: int, text: str, start: int) -> bool:
        """Is a name written `named` times (negative: capitalised words, not acronyms) against `lower` times in
        lower case enough to call this lower-case one a slip?"""
        # only the white space before `start` is walked (a slice back to the line's start made this quadratic
        # on a one-line file of megabytes)
        before = start
        while before > 0 and text[before - 1].isspace() and text[before - 1] != "\n":
            before -= 1
        if before == 0 or text[before - 1] == "\n":
            return False  # a line that opens in lower case is an address or a fragment, not a sentence
        if named > 0:
            return named >= lower
        # a capitalised word: more often capitalised, or as often and not a term quoted in lower case
        return -named > lower or (-named == lower and not in_quotes(text, start))

    def _written_as_names(self, doc: Document) -> dict[str, tuple[str, int]]:
        """Lower-case form -> its usual spelling as a name in the article and how often it is written so.

        A capital at the start of a sentence or in a headline says nothing; an acronym (IBGE) or a capital
        inside a word (OpenAI) does, anywhere but in a line of capitals."""
        heads = headline_spans(doc)
        out: dict[str, tuple[str, int]] = {}
        for form, tf in token_forms(doc).items():
            if tf.glued or form.islower() or len(form) < 3:
                continue
            inner_capital = any(c.isupper() for c in form[1:])
            if form.isupper() and len(form) > 6:
                continue
            n = sum(
                1
                for o in tf.occurrences
                if not in_spans(o.start, heads)
                and (inner_capital or not sentence_initial(doc.text, o.start))
                and o.start not in tf.in_term
            )
            if not inner_capital and not form.isupper():
                n = -n  # a capitalised word, not an acronym: it needs more evidence
            low = form.lower()
            if n and abs(n) > abs(out.get(low, ("", 0))[1]):
                out[low] = (form, n)
        return out
