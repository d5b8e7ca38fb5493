"""Every capitalised word of an article by spelling, with the names next to it: what the spelling mode compares."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ...core.document import Document
from ...core.lexicon import zipf
from ..base import compile_user_regex
from .names import ANCHOR_MAX_ZIPF, COMMON_ZIPF, Occurrence, sentence_initial
from .words import fold

# one word with a capital somewhere (Sánchez, IBGE, OpenAI); not part of an address, a handle or a hyphenated word
_CAP_TOKEN = compile_user_regex(r"(?<![\w@#/.&=-])(?=\w*\p{Lu})[\p{L}\p{M}]+(?![\w@/-]|\.\w)")
# what sits before a word that starts a sentence, a line or a quotation: its capital says nothing
_INITIAL_BEFORE = compile_user_regex(r"(?:^|[.!?:;\n•*–—-])[\s\"“‘'«(\[]*$")
# scanning for _CAP_TOKEN: its matches start each \w+ run that holds a capital, so only those runs are tried
_UPPER = compile_user_regex(r"\p{Lu}")
_RUN_ENDING_HERE = compile_user_regex(r"(?r)\w+")
_RUN = compile_user_regex(r"\w+")
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
_GLUED_TAIL = compile_user_regex(rf"(?<=\p{{Ll}}{{3}})(?:{'|'.join(_GLUED_WORDS)})$")
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


@dataclass(slots=True)
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
    # the starts of the occurrences at the start of a sentence or a line (sentence_initial), found once here
    initial: set[int] = field(default_factory=set)

    @property
    def first(self) -> int:
        return self.occurrences[0].start


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
        if initial:
            tf.initial.add(start)
        else:
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
            if initial:
                tf.initial.add(start)
            else:
                tf.mid += 1
            if before:
                tf.before.add(before)
    doc.cache[key] = forms
    return forms


def distinct_people(x: TokenForm, y: TokenForm) -> bool:
    """Two spellings used with different given names (or surnames): two people, not one misspelt."""
    return bool((x.before and y.before and not x.before & y.before) or (x.after and y.after and not x.after & y.after))
