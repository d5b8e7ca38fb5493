"""kind: mid-capital: a capital letter in the middle of a sentence where machine translation restarted a segment."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..core.document import Block, Document
from ..core.findings import Hit
from .base import Checker, Option, compile_user_regex


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed-class and very common words: written with a capital in mid-sentence they start a new
# segment (`because Nearly 1.5 million`, `stated that The US envoy`), unless they begin a title.
FUNCTION_WORDS = _words(
    """
    the this that these those an some each every its their his her our my your both another such
    several many most all he she it they we you them there here
    and but or nor because although though while whereas if unless since so as when whether
    in on at for with from to of by after before during between under over into through
    against without within among despite towards toward upon amid
    is are was were be has have had would could should must might shall do does did
    nearly almost also already still just only even very never not however then now more less
    approximately furthermore moreover meanwhile therefore thus instead again too
    which what where how why
    """
)
WEEKDAYS_MONTHS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december
    """
)
# After a capitalised word only these still open a new clause (`Hamas They are moving`, `in Lima The
# ministers left`); other capitalised words there belong to a name or title (`Sony Now`, `We're On It`).
# A determiner opens one only before a lower-case word: `Pink Floyd The Wall` is a title.
CLAUSE_OPENERS = frozenset(["they", "he", "she", "it", "we", "there", "you"])
CLAUSE_DETERMINERS = frozenset(["the", "a", "an", "these", "those", "his", "her", "their", "its", "our"])
# A capitalised word closing its phrase (`resolution Were.`) is a lost segment only if it is a verb.
AUXILIARIES = frozenset(["is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did"])
# After a determiner a capitalised word is a label or a name: `the It girl`, `an About page`.
DETERMINERS = frozenset(["the", "a", "an", "his", "her", "its", "their", "our", "my", "your"])
# Conjunctions after a comma with a capital are verse or a quoted title, not a machine restart.
CONJUNCTIONS = frozenset(["and", "but", "or", "nor", "so", "yet"])
# Determiners that MT capitalises together with a weekday (`At the same time, This Tuesday`).
DAY_DETERMINERS = frozenset(["this", "that", "the", "last", "next", "every", "each"])
# Small words that may sit lower-case inside a title or name (`Get Out the Vote`, `Lord of the Rings`).
TITLE_JOINERS = frozenset(
    ["the", "of", "and", "de", "la", "del", "el", "for", "a", "an", "in", "on", "to", "with", "at"]
)
# Prepositions that follow an abstract common noun far more often than a name: `release of`, `truce between`.
NOUN_HEAD_PREPOSITIONS = frozenset(["of", "for", "between", "among", "against"])
# After these words a capitalised word begins a quoted or named title: `the film It Follows`.
NAMING_WORDS = _words(
    """
    called named titled entitled dubbed film movie book novel song album show series newspaper magazine
    daily weekly paper slogan hashtag word term phrase headline column podcast program programme
    v vs versus
    """
)

_TOKEN = re.compile(r"\S+")
# the word list first, the context after: a leading look-behind would be tried at every character
_STRONG_HINT = compile_user_regex(
    r"\b(?:" + "|".join(sorted(w.capitalize() for w in FUNCTION_WORDS)) + r")(?![\w’'-])"
    r"(?<=(?:[^\W\d_]|[^\W\d_],)[ \t][A-Z][a-z]{0,12})"
)
_CAP_WORD = compile_user_regex(r"\b[A-Z][a-z]{3,}\b(?<=[^\W\d_] [A-Z][a-z]{3,})")
_SPLIT = re.compile(r"^([“\"‘'(\[]*)(.*?)([.,;:!?”\"’')\]…]*)$", re.S)
_TITLE = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z]+)*$")
_LINE_BREAK = re.compile("[\r\n\v\f\u2028\u2029]")
_POSSESSIVE = re.compile(r"[’']s$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_LOWER_WORD = re.compile(r"^[a-z][a-z’'-]*$")
# where a word stands in mid-sentence, and what would make it part of a longer word
_SEEN_BEFORE = re.compile(r"(?:(?<=[^\W\d_] )|(?<=[^\W\d_], ))")
_WORD_GOES_ON = re.compile(r"[\w’'-]")


class _Tok(NamedTuple):
    start: int
    end: int
    lead: str
    core: str
    trail: str
    # only spaces or tabs separate it from the previous token (no line break)
    same_line: bool


def _tokens(doc: Document, para: Block) -> list[_Tok]:
    out: list[_Tok] = []
    prev_end = -1
    text = para.text
    for m in _TOKEN.finditer(text):
        sm = _SPLIT.match(m.group())
        assert sm is not None
        start, end = m.span()
        gap = text[prev_end:start] if prev_end >= 0 else "\n"
        lead, core, trail = sm.groups()
        out.append(
            _Tok(para.start + start, para.start + end, lead, core, trail, gap == " " or not _LINE_BREAK.search(gap))
        )
        prev_end = end
    return out


def _worth_a_look(text: str) -> bool:
    """A cheap test: a capitalised function word after a word, or a capitalised word repeated lower-case."""
    if _STRONG_HINT.search(text):
        return True
    return any(text.find(m.group().lower(), m.end(), m.end() + 40) >= 0 for m in _CAP_WORD.finditer(text))


def _is_title(core: str) -> bool:
    """`Israel`, `High-level`, `Verge’s`; also `I`, which begins a clause rather than ending one."""
    return core == "I" or _TITLE.match(_POSSESSIVE.sub("", core)) is not None


def _mid_sentence(toks: list[_Tok], i: int) -> bool:
    """The token follows a word or a comma on the same line: it cannot start a sentence."""
    if i == 0 or toks[i].lead or not toks[i].same_line:
        return False
    prev = toks[i - 1]
    if not prev.core or prev.core.lower() in NAMING_WORDS or "." in prev.core:
        return False  # `day.Click To Tweet`: a lost space, which the punctuation rules report
    if prev.trail not in ("", ","):
        return False
    return prev.core[-1].isalpha()


def _headline(toks: list[_Tok]) -> bool:
    """A title-case line (`Talks In Cairo Move Forward`) capitalises function words on purpose."""
    words = [t.core for t in toks if len(t.core) >= 4 and t.core[:1].isalpha()]
    if not words:
        return True
    caps = sum(1 for w in words if w[:1].isupper()) / len(words)
    # a headline seldom ends in a period; a short sentence full of names does
    ends_sentence = toks[-1].trail[:1] in (".", "!", "?") if toks else False
    return caps >= (0.9 if ends_sentence else 0.7)


class MidCapitalChecker(Checker):
    kind = "mid-capital"
    options = {
        "min_zipf": Option(
            (int, float),
            default=3.0,
            help="a capitalised content word counts only if its lower-case form is this common",
        ),
    }

    def setup(self) -> None:
        from ..core.lexicon import zipf

        self._zipf = zipf
        self._zipf_cache: dict[str, float] = {}

    def zipf(self, word: str) -> float:
        if word not in self._zipf_cache:
            self._zipf_cache[word] = self._zipf(word)
        return self._zipf_cache[word]

    def _strong(self, toks: list[_Tok], i: int) -> bool:
        """A capitalised function word that does not begin a title or a name."""
        tok = toks[i]
        low = tok.core.lower()
        if low not in FUNCTION_WORDS or not _is_title(tok.core) or tok.core == "I":
            return False
        prev = toks[i - 1]
        if prev.core.lower() in DETERMINERS:
            return False
        if prev.trail == "," and (low in CONJUNCTIONS or low in AUXILIARIES):
            return False  # `asks, Are you sure?` is an inline question
        after_name = prev.core[:1].isupper() and not prev.trail
        if tok.trail:
            return low in AUXILIARIES and not after_name  # `resolution Were.`
        if i + 1 >= len(toks) or toks[i + 1].lead or not toks[i + 1].same_line:
            return False
        nxt = toks[i + 1].core
        if after_name:
            if low in CLAUSE_DETERMINERS:
                # `Lima The ministers left`: the determiner, a lower-case noun, and a lower-case word after it
                after = toks[i + 2].core if i + 2 < len(toks) and not toks[i + 1].trail else ""
                return _LOWER_WORD.match(nxt) is not None and _LOWER_WORD.match(after) is not None
            return low in CLAUSE_OPENERS and _LOWER_WORD.match(nxt) is not None
        after = toks[i + 2].core if i + 2 < len(toks) and not toks[i + 1].trail else ""
        if nxt.lower() in WEEKDAYS_MONTHS:
            return tok.core.lower() in DAY_DETERMINERS
        if _is_title(nxt):
            return False  # `by The New York Times`, `in The Hague`
        if _ACRONYM.match(nxt):
            return not _is_title(after)  # `The US envoy plans` but `The UN Security Council`
        # `Get Out the Vote`
        return not (nxt in TITLE_JOINERS and _is_title(after))

    def _repeat(self, toks: list[_Tok], i: int) -> int:
        """Index of a lower-case repeat of a capitalised word just after it (`Talks High-level talks`), or -1."""
        tok = toks[i]
        if not _is_title(tok.core) or len(tok.core) < 4 or tok.trail:
            return -1
        low = tok.core.lower()
        for j in range(i + 1, min(i + 4, len(toks))):
            core = toks[j].core
            if core[:1].islower() and core.lower().rsplit("-", 1)[-1] == low:
                return j
            if toks[j].trail and toks[j].trail != "-":
                break
        return -1

    def check(self, doc: Document) -> Iterator[Hit]:
        # Tokenising is the slow part: most paragraphs have nothing worth it.
        counts: dict[str, int] = {}
        text = doc.text

        def seen(word: str) -> int:
            """How often the word stands capitalised in mid-sentence: a name keeps its capital every time."""
            if word not in counts:
                # each place the word stands after a letter and a space (or a comma and a space) and ends a word;
                # a token has no space inside, so two such places never overlap
                n = 0
                i = text.find(word)
                while i >= 0:
                    if _SEEN_BEFORE.match(text, i) and not _WORD_GOES_ON.match(text, i + len(word)):
                        n += 1
                    i = text.find(word, i + 1)
                counts[word] = n
            return counts[word]

        if not doc.has_capitals:
            return  # every cheap test (_worth_a_look) and every finding is at a capital
        for p in doc.paragraphs:
            if not _worth_a_look(p.text):
                continue
            toks = _tokens(doc, p)
            if not _headline(toks):
                yield from self._check_paragraph(doc, toks, seen)

    def _check_paragraph(self, doc: Document, toks: list[_Tok], seen: Callable[[str], int]) -> Iterator[Hit]:
        hits: list[tuple[int, int, str]] = []
        for i, tok in enumerate(toks):
            # every finding is at a capitalised word (see _repeat, _strong and _weak): the others, most
            # tokens, are passed over on their first letter
            if not tok.core[:1].isupper() or not _mid_sentence(toks, i):
                continue
            j = self._repeat(toks, i)
            if j >= 0 and self.zipf(tok.core.lower()) >= float(self.opts["min_zipf"]):
                hits.append((i, j, "repeat"))
            elif self._strong(toks, i):
                hits.append((i, i, "strong"))
        if not hits:
            return
        taken = {i for i, _, _ in hits}
        weak = [
            i
            for i in range(1, len(toks))
            if i not in taken and toks[i].core[:1].isupper() and _mid_sentence(toks, i) and self._weak(toks, i, seen)
        ]
        # In a sentence already shown to be garbled, a lone capitalised common noun between
        # lower-case words is another restarted segment (`a new ceasefire Cessation of fighting`).
        sentence_ends = [s.end for s in doc.sentences]
        garbled = {self._sentence_of(toks[i].start, sentence_ends) for i, _, _ in hits}
        hits += [(i, i, "weak") for i in weak if self._sentence_of(toks[i].start, sentence_ends) in garbled]
        for i, j, how in sorted(hits):
            start, end = toks[i].start + len(toks[i].lead), toks[j].end - len(toks[j].trail)
            word = toks[i].core
            if how == "repeat":
                msg = f"'{word}' is repeated in lower case right after: a segment was translated twice or restarted."
            else:
                msg = (
                    f"Capital '{word}' in mid-sentence: machine translation probably restarted a segment here "
                    "(a lost period, or a word that should be lower case)."
                )
            yield Hit(start, end, message=msg, suggestions=(word[:1].lower() + word[1:],))

    @staticmethod
    def _sentence_of(offset: int, ends: list[int]) -> int:
        import bisect

        return bisect.bisect_right(ends, offset)

    def _weak(self, toks: list[_Tok], i: int, seen: Callable[[str], int]) -> bool:
        """A capitalised common noun that heads a phrase (`Release of remaining`, `Truce between`)."""
        tok = toks[i]
        core = tok.core
        if not _is_title(core) or len(core) < 3 or tok.trail:
            return False
        low = core.lower()
        if low in WEEKDAYS_MONTHS or low in FUNCTION_WORDS or i + 2 >= len(toks):
            return False
        nxt, after = toks[i + 1], toks[i + 2]
        if nxt.lead or nxt.trail or nxt.core not in NOUN_HEAD_PREPOSITIONS:
            return False
        if nxt.core in ("of", "for") and not after.core[:1].islower():
            return False  # `Bank of England`, `Ministry for Foreign Affairs`
        prev = toks[i - 1].core
        # after a capitalised word it is the second half of a name, unless that word stands alone elsewhere
        if prev[:1].isupper() and seen(prev) < 2:
            return False
        # a word capitalised more than once in mid-sentence is a name
        return self.zipf(low) >= float(self.opts["min_zipf"]) and seen(core) <= 1
