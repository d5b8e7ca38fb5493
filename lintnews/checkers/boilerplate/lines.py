"""What one line is made of: its words and topic words, and whether it reads as a headline, a paragraph or a call
to action."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from ...core.lexicon import zipf
from .words import ACTION_OBJECT, AUX, NOT_ACTION, PRONOUN_SUBJECT

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*")
FINAL = regex.compile(r"""[.!?…;]["”’'»)\]]*\s*$""")
# a word English uses so often that a sentence cannot do without a few (the, of, is, to, and, ...)
FUNCTION_ZIPF = 6.0
# a verb's -ing form is a word English uses: 'share' -> 'sharing', 'follow' -> 'following'; nouns have none
VERB_ING_ZIPF = 3.0
# the most words of a headline-like line, the fewest of a paragraph of the story
HEADLINE_WORDS = 14
BODY_WORDS = 15
# a word rarer than this carries a line's topic
TOPIC_ZIPF = 5.0


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """The words of a line (cached: a line's neighbours ask for it again)."""
    return tuple(filter(None, [w.strip(".'’-") for w in _WORD.findall(text)]))  # each word stripped once


def headline_shape(words: int, final: bool) -> bool:
    """Short, and not ending like a sentence (`final`): a title, a teaser, a widget label."""
    return 0 < words <= HEADLINE_WORDS and not final


def body_shape(words: int, final: bool) -> bool:
    """Long, and ending like a sentence (`final`): a paragraph of the story."""
    return words >= BODY_WORDS and final


@lru_cache(maxsize=8192)
def is_headline_like(text: str) -> bool:
    """A line of headline shape (its end is searched only when it is short enough)."""
    n = len(words_of(text))
    return 0 < n <= HEADLINE_WORDS and not FINAL.search(text)


def is_body(text: str) -> bool:
    """A line of a paragraph's shape."""
    return body_shape(len(words_of(text)), FINAL.search(text) is not None)


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """The words of a line that carry its topic: not the commonest of English."""
    return frozenset(
        w for w in (x.lower() for x in words_of(text)) if len(w) >= 3 and w.isalpha() and zipf(w) < TOPIC_ZIPF
    )


@lru_cache(maxsize=8192)
def _verb_base(word: str) -> bool:
    """A verb's base form, known by its -ing form being an English word ('share' -> 'sharing')."""
    w = word.lower()
    if len(w) < 3 or not w.isalpha() or w.endswith(("ing", "ed")) or (w.endswith("s") and not w.endswith("ss")):
        return False
    forms = [w + "ing"]
    if w.endswith("e") and not w.endswith("ee"):
        forms.append(w[:-1] + "ing")
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms.append(w + w[-1] + "ing")
    return max(zipf(f) for f in forms) >= VERB_ING_ZIPF and zipf(w) < FUNCTION_ZIPF


def imperative_opener(words: Sequence[str]) -> str:
    """The verb of a call to action opening the line ('Follow us', 'Sign up', 'SUBSCRIBE'), or ''."""
    if not words:
        return ""
    i = 1 if words[0].lower() == "please" and len(words) > 1 else 0
    first = words[i]
    if first.lower() in NOT_ACTION or not (i or first[:1].isupper()) or not _verb_base(first):
        return ""
    rest = words[i + 1 :]
    if not rest or len(words) <= 3:
        return first
    nxt = rest[0]
    # 'Follow Tom on Twitter', 'Watch CBSN live': a short line may name what to follow or watch
    if nxt.lower() in ACTION_OBJECT or (nxt[:1].isupper() and len(words) <= 8):
        return first
    return ""


def has_finite_verb(words: Sequence[str]) -> bool:
    """An auxiliary, a pronoun subject, or a lower-case past tense or third person: a clause's verb, mostly."""
    low = [w.lower() for w in words]
    if any(w in AUX for w in low):
        return True
    if low and low[0] in PRONOUN_SUBJECT and len(low) > 1:
        return True
    # past tenses and third persons of lower-case words ('killed', 'rises'): a sentence's verb, mostly
    return any(
        (w.endswith("ed") and len(w) > 4) or (w.endswith("s") and not w.endswith("ss") and zipf(w[:-1]) >= 4.0)
        for w, orig in zip(low, words, strict=True)
        if orig[:1].islower()
    )
