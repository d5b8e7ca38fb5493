"""kind: letter-case: a sentence begun in lower case, or a letter's case flipped inside a word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.anchored import anchored_finditer, run_back
from ..core.document import Document, is_abbreviation, split_sentences
from ..core.findings import Hit
from ..core.lexicon import short_common_words
from ..core.lexicon import zipf as lexicon_zipf
from .base import Checker, Option, one_of

CHECKS = ("sentence-start", "inner-capital")

# a paragraph or a sentence ends a sentence; what follows it may start one
_FINAL = re.compile(r"""[.!?][”"’'»)\]]*$""")
_FIRST_WORD = re.compile(r"""^[“"‘'(\[«]*([^\W\d_][\w’'.@/#:&-]*)""")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# segments of a mixed-case word: a run of capitals not followed by a lower-case letter, or an optional
# capital and its lower-case letters (`JPMorgan` -> JP, Morgan; `goVernment` -> go, Vernment)
_SEGMENT = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
# a word of several segments that is still one token of prose (no digits, no joiners but a hyphen:
# `anti-goveRnment` is judged on its part)
# A match is a whole run of ASCII letters (a letter after it would be a word character): the run is taken
# whole, without backtracking (`[A-Za-z]*[a-z][A-Z][A-Za-z]*` tried every split of a long run before a `@`:
# quadratic), once a look-ahead has found a lower-case letter before a capital in it.
_MIXED = re.compile(r"(?<![\w@#/.])(?:(?=[A-Za-z]*[a-z][A-Z])[A-Za-z]++|[A-Z]{2}[a-z]{2,})(?![\w@/])")
# what every _MIXED match holds (a lower-case letter and a capital, or two capitals and two lower-case letters),
# found from the capitals alone, whose class the engine scans for in C: most texts have no such word
_MIXED_CORE = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|[A-Z][a-z]{2})")
# a _MIXED match is made of ASCII letters: it is tried only in the run of letters before a _MIXED_CORE hit
_MIXED_BACK = run_back("A-Za-z")


# languages whose particles stand lower-case before a name in English text (de, van, von, al, bin, da)
PARTICLE_LANGUAGES = ("fr", "es", "pt", "it", "nl", "de", "ms")


def _common_abroad(word: str) -> bool:
    """Zipf 6 or more in one of PARTICLE_LANGUAGES (wordfreq's figure; from the derived short-word tables for
    an ASCII word, so no whole table is loaded)."""
    if word.isascii() and word.isalpha() and len(word) <= 3:
        tables = [short_common_words(lang, 6.0, 3) for lang in PARTICLE_LANGUAGES]
        if all(t is not None for t in tables):
            low = word.lower()
            return any(low in t for t in tables if t is not None)
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in PARTICLE_LANGUAGES) >= 6.0


_check_name = one_of("check_name", CHECKS)


class LetterCaseChecker(Checker):
    kind = "letter-case"
    options = {
        "check": Option(_check_name, required=True, help=f"one of: {', '.join(CHECKS)}"),
        "min_zipf": Option(
            (int, float), default=3.0, help="how common (wordfreq Zipf) the lower-case form of a damaged word must be"
        ),
        "min_words": Option(int, default=4, help="sentence-start: the shortest sentence judged"),
    }

    def setup(self) -> None:
        self._particles: dict[str, bool] = {}
        self.check_name: str = self.opts["check"]

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.check_name == "sentence-start":
            yield from self._sentence_starts(doc)
        else:
            yield from self._inner_capitals(doc)

    # ---- a sentence that starts in lower case ------------------------------------------------------
    def _sentence_starts(self, doc: Document) -> Iterator[Hit]:
        paras = doc.paragraphs
        for k, para in enumerate(paras):
            prev = paras[k - 1].text if k else ""
            # a paragraph continuing the previous one (no final mark, a colon, a list) is not a new sentence
            if not prev or _FINAL.search(prev.rstrip()):
                m = _FIRST_WORD.match(para.text)
                if m and self._starts_sentence(para.text, m.start(1), m.group(1)):
                    yield self._lower_start_hit(para.start + m.start(1), m.group(1))

    def _starts_sentence(self, text: str, at: int, word: str) -> bool:
        """A lower-case word opening a sentence of prose, which is not a brand, a handle, a link or a list mark."""
        title = re.fullmatch(r"([a-z]{2,4})\.", word)
        if title and is_abbreviation(word[:-1]) and text[at + len(word) : at + len(word) + 2][-1:].isupper():
            word = title.group(1)  # `ms. Zheng said`: a title, lower-cased
        elif not re.fullmatch(r"[a-z]+(?:['’-][a-z]+)*", word):
            return False  # iPhone, eBay, e.g., www.x.org, @handle
        rest = text[at + len(word) :]
        if (rest[:1] in ")." and not title) or rest[:2] in (" )",):
            return False  # list markers: `a)`, `iv.`
        a, b = split_sentences(text[at:])[0]
        sentence = text[at + a : at + b]
        end = sentence.rstrip()
        if not _FINAL.search(end) or end.endswith(("..", "…")):
            return False  # a caption, a credit line, a label, an excerpt (told before its words are found)
        words = _WORD.findall(sentence)
        if len(words) < int(self.opts["min_words"]):
            return False  # a short caption or label
        nxt = words[1] if len(words) > 1 else ""
        if re.search(r"[a-z]_[a-z]", text):
            return False  # code or a log line (`suppress_warnings`), not prose
        if nxt[:1].isupper() and self._name_particle(word):
            return False  # a name's particle: `de Gaulle said`, `van Gogh's`, `al Assad`
        # a sentence in lower case throughout may be a style (a tagline): only a common first word tells
        # (a text with no capital at all has no capitalised word: its words need not be found)
        capitalised = not text.islower() and any(w[0].isupper() for w in _WORD.findall(text))
        return capitalised or self.zipf(word) >= 3.0

    def _name_particle(self, word: str) -> bool:
        """`de`, `van`, `al`, `bin`: rare in English, among the commonest words of a language names come from.

        Only asked of a short word before a capitalised one at the start of a paragraph, so the other
        languages' tables (a second to load) are read at most once a run, and seldom.
        """
        if len(word) > 3 or self.zipf(word) >= 5.5:
            return False
        if word not in self._particles:
            self._particles[word] = _common_abroad(word)
        return self._particles[word]

    @staticmethod
    def _lower_start_hit(start: int, word: str) -> Hit:
        fixed = word[0].upper() + word[1:]
        return Hit(start, start + len(word), suggestions=(fixed,), params=(("word", word), ("fixed", fixed)))

    # ---- a letter's case flipped inside a word -------------------------------------------------------
    def _inner_capitals(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in anchored_finditer(_MIXED, _MIXED_CORE, _MIXED_BACK, text):
            word = m.group()
            if self._flipped(word) and text.count(word) == 1:
                fixed = self._restored(word, m.start() == 0 or _after_sentence_end(text, m.start()))
                yield Hit(m.start(), m.end(), suggestions=(fixed,), params=(("word", word), ("fixed", fixed)))

    def _flipped(self, word: str) -> bool:
        """`goVernment`, `PResident`, `presiDent`: a common word with a capital no brand or name would put there.

        A brand or a name in camel case is built of parts that are words or a one-letter prefix (`YouTube`,
        `iPhone`, `McDonald`, `JPMorgan`); a letter flipped at random cuts a common word where no part is one.
        """
        floor = float(self.opts["min_zipf"])
        z = self.zipf(word.lower())
        parts = _SEGMENT.findall(word)
        if z < floor or len(parts) < 2 or "".join(parts) != word:
            return False
        if parts[0].isupper() and len(parts[0]) == 1 and parts[1][:1].isupper() and len(parts) == 2:
            return z >= floor + 1  # `PResident`, `GOvernment`: one capital before a capitalised word
        if word[0].islower():
            # `goVernment`, `houseHold`: a common word takes no capital inside; a brand may after one
            # letter (`iPhone`, `eBay`) when the rest is a word, but not the most common words (`sAid`, `tHey`)
            tail = parts[1].lower()
            return len(parts[0]) > 1 or z >= floor + 2 or (len(parts) == 2 and self.zipf(tail) < floor)
        # `GoVernment`, `DeSantis`: a flip leaves a part that is no word; a name's parts are names
        return z >= floor + 1 and any(len(p) > 1 and self.zipf(p.lower()) < 2.5 for p in parts[1:])

    @staticmethod
    def _restored(word: str, starts_sentence: bool) -> str:
        low = word.lower()
        first_upper = word[0].isupper() and (starts_sentence or word[1:2].islower())
        return low[0].upper() + low[1:] if first_upper else low


def _after_sentence_end(text: str, at: int) -> bool:
    before = text[max(0, at - 4) : at].rstrip(" \t“\"‘'(")
    return not before or before[-1] in ".!?\n"
