"""mode lowercase: a name of the article written in lower case ('khan younis', 'openai'), or a known name
('usa'), or the word after the head of a Romance place name ('Porto alegre')."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any

import regex

from ...core.document import Document
from ...core.findings import Hit
from ...core.lexicon import zipf
from ..base import compile_user_regex
from .names import headline_spans, in_quotes, in_spans, in_term, pairs
from .token_forms import token_forms
from .words import variants

# the second word may run into the next sentence ('khan younisOne'): a capital ends it too
_LOWER_PAIR = compile_user_regex(r"(?<![\w@#/.-])(?P<a>\p{Ll}+) (?P<b>\p{Ll}+)(?=\p{Lu}|(?![\w@-]))")
_LOWER_RUN = compile_user_regex(r"\p{Ll}+")
_MID_PAIR = compile_user_regex(r"(?<=\b\p{Ll}+ |[,;] )")
_LOWER_WORD = compile_user_regex(r"(?<![\w@#/.&=-])\p{Ll}[\p{Ll}'’]+(?![\w@/-]|\.\w)")
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
_HEAD_THEN_LOWER = compile_user_regex(rf"(?<![\w-])({'|'.join(sorted(_PLACE_HEADS))}) (?=\p{{Ll}})")
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


def check(doc: Document, known: dict[str, str], max_zipf: float) -> Iterator[Hit]:
    # the offsets of the words reported as part of a two-word name: not reported again on their own
    taken: set[int] = set()
    yield from _lower_names(doc, max_zipf, taken)
    yield from _lower_words(doc, known, max_zipf, taken)


def _lower_names(doc: Document, max_zipf: float, taken: set[int]) -> Iterator[Hit]:
    """A lower-case copy of a two-word name of the article: 'khan younis' for 'Khan Yunis'."""
    text = doc.text
    caps = pairs(doc)
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
                rare = min(zipf(a), zipf(second)) < max_zipf
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


def _lower_words(doc: Document, known: dict[str, str], max_zipf: float, taken: set[int]) -> Iterator[Hit]:
    """One word in lower case that the rule knows as a name, that the article writes as a name, or that
    follows the head of a Romance place name."""
    text = doc.text
    written = _written_as_names(doc)
    # one scan for the heads of place names followed by a lower-case word, by that word's offset
    heads_before = {h.end(): h for h in _HEAD_THEN_LOWER.finditer(text)}
    # only a word the rule knows as a name, one the article writes as a name, or one after the head of a place
    # name can be reported: the others are passed over without a look (the words alone first, no match objects)
    named_words = known.keys() | written.keys()
    lower_forms = _LOWER_WORD.findall(text)
    if not heads_before and named_words.isdisjoint(lower_forms):
        return  # no lower-case word is a name or follows a place's head (most articles): nothing to report
    lower_words = list(_LOWER_WORD.finditer(text))
    lower_count: Counter[str] = Counter(lower_forms)
    for i in _chosen(lower_forms, lower_words, named_words, heads_before):
        m, w = lower_words[i], lower_forms[i]
        if m.start() in taken:
            continue
        proper = known.get(w)
        if proper is not None:
            yield Hit(
                m.start(),
                m.end(),
                message=f"'{w}' is a name: write '{proper}'.",
                suggestions=(proper,),
                replacement=proper,
            )
            continue
        # the article writes it as a name (capitalised mid-sentence, an acronym, OpenAI) at least as often
        # as in lower case, and it is rare as an ordinary English word
        named = written.get(w)
        if named is not None and _enough(named[1], lower_count[w], text, m.start()) and zipf(w) < max_zipf:
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
            and zipf(w) < max_zipf
        ):
            right = f"{head.group(1)} {w[:1].upper()}{w[1:]}"
            yield Hit(
                head.start(1),
                m.end(),
                message=f"'{head.group(1)} {w}' is a place name: write '{right}'.",
                suggestions=(right,),
                replacement=right,
            )


def _chosen(
    forms: list[str], words: list[regex.Match[str]], named: AbstractSet[str], heads: dict[int, Any]
) -> list[int]:
    """The lower-case words (by number, in order) that may be reported: names, and words after a place's head."""
    chosen = [i for i, w in enumerate(forms) if w in named]
    if heads:
        chosen = sorted(set(chosen).union(i for i, m in enumerate(words) if m.start() in heads))
    return chosen


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


def _written_as_names(doc: Document) -> dict[str, tuple[str, int]]:
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
        # the occurrences that count, the cheapest tests first; a headline is looked for only where there is one
        starts = [o.start for o in tf.occurrences if o.start not in tf.in_term]
        if heads:
            starts = [s for s in starts if not in_spans(s, heads)]
        n = len(starts if inner_capital else [s for s in starts if s not in tf.initial])
        if not inner_capital and not form.isupper():
            n = -n  # a capitalised word, not an acronym: it needs more evidence
        low = form.lower()
        if n and abs(n) > abs(out.get(low, ("", 0))[1]):
            out[low] = (form, n)
    return out
