"""kind: run-together: two words joined by a missing space (`Gazawhich`, `servicesDavid`, `inthe`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Document
from ..findings import Applicability, Hit, Severity
from .base import Checker, Option

if TYPE_CHECKING:
    from ..lexicon import Frequencies


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Whitespace-separated tokens; a token is screened as a whole, then its runs of letters are examined.
_TOKEN = re.compile(r"\S+")
_RUN = re.compile(r"[^\W\d_]+")
_RUN3 = re.compile(r"[^\W\d_]{3,}")
# Longer tokens are data, not prose (and are not scanned, so a huge one costs nothing).
_MAX_TOKEN = 200
# Up to this many characters scanned in all, candidates are located with str.find (fast in C).
_FIND_BUDGET = 2_000_000
# Zipf 2.0 as a frequency: a word at least this common is taken as it stands.
_COMMON_FREQ = 1e-7
_ZIPF3_FREQ = 1e-6
# What may surround a word standing on its own (`(Gaza),`); `compt` in `compt,tational` does not.
_EDGE_PUNCT = "([{“\"‘'.,;:!?)]}”’"
_HYPHENS = frozenset("-\u00ad\u2010\u2011")
# Tokens that are not prose: URLs, e-mail addresses, @handles, hashtags, paths, code, markup.
_NOT_PROSE = re.compile(r"@|#|://|^www\.|[_\\/=<>{}|~^*$&+]|[a-z]\.[a-z]{2,}")

# Joins at punctuation or digits (checked only in tokens where one of _GLUE_HINTS matches).
# (Three patterns, each starting with a narrow character class, which `re` scans for quickly.)
_GLUE_HINTS = (
    re.compile(r"[,;:(][^\W_]|\)[^\W\d_]"),
    re.compile(r"\d(?:[^\W\d_]|(?<=[^\W\d_]\d))"),
    re.compile(r"[A-Z]{2}[a-z]"),
)
_PUNCT_GLUE = re.compile(r"([^\W\d_]+)([)\]\"”’]?[,;:])([^\W\d_]+)")
# `Neumann,2003`, `May 23,2004`: a year glued after a comma (never a thousands group: four digits)
_COMMA_YEAR = re.compile(r"(?<![\w,.])([^\W\d_]{2,}|\d{1,2})(,)(?:1[89]|20)\d\d(?![\w,.])")
# `friends(Linguistic`, `Apple(AAPL)`: a bracket glued to the word before it; `f(x)`, `item(s)` are not
_OPEN_PAREN = re.compile(r"(?<![\w.])([^\W\d_]{2,})\([A-Z][^\W\d_]*")
# `Padmanabhan,G.`, `Washington,D.C.`, `base,e.g.`: a comma glued to an initial or an abbreviation
_COMMA_INITIAL = re.compile(r"([^\W\d_]{3,})(,)(?:[A-Z]\.|(?:e\.g|i\.e)\.)")
# `Table 4:The`, `910.2:World`: a number, a colon and a word
_NUM_COLON = re.compile(r"(\d+)([:;])([A-Z][^\W\d_]{2,})(?![\w])")
# `(2002)are`, `(AFP)said`: a word glued after a bracket; `(s)he`, `(multi)media` are words
_CLOSE_PAREN = re.compile(r"\(([^()\s]{2,})\)([a-z]{2,})(?![\w])")
_NUM_WORD = re.compile(r"(?<![\w.,])(\d+)([^\W\d_]{2,})(?![\w])")
_WORD_NUM = re.compile(r"(?<![\w])([^\W\d_]{2,})(\d{1,4}(?:st|nd|rd|th)?)(?![\w])")
_ACRONYM_WORD = re.compile(r"(?<![\w])([A-Z]{2,})(and|the|for|with|that|which|was|were|from|who|has|had|have)(?![\w])")
# After a number only these are joins: `1990and`, `8the`; `5bn`, `10km`, `3rd`, `1980s` are not.
GLUE_AFTER_NUMBER = _words("and the for with that which was were from but who than said")
# Units and abbreviations of four letters or more written against a number (and `£38million`, a house style).
UNITS = _words("mins secs hrs mbps gbps kbps tbps kmph sqft sqm bbls bpd mpg ppmv yrs million billion trillion")
# Before a number: months (`September30`) and prepositions (`of18th`, `since1990`); `COVID19`, `Win10` are names.
GLUE_BEFORE_NUMBER = _words(
    "january february march april may june july august september october november december sept "
    "of in on at by to from since until between than about around nearly almost over under the and"
)
# Real two-letter words; other two-letter strings that wordfreq knows (th, ed, ms) are fragments.
TWO_LETTER = _words("am an as at be by do go he if in is it me my no of on or so to up us we")
# Three-letter strings wordfreq lists mostly as suffixes or contraction halves, never as parts of a join.
FRAGMENTS = _words(
    "ing ion ers ies ent ment ness ity isn doesn didn wasn aren hasn haven weren couldn wouldn "
    "shouldn ll ve re tion ous ive est ism ist ful ble ely ally ology ish ized ise ize ted ers"
)
# Productive prefixes: `subsolution`, `hyperpersonalized`, `upsample` are words, not joins.
PREFIXES = _words(
    "sub super post pre auto con inter intra over under up out down back off counter cross self "
    "ultra trans micro macro mega multi hyper tele electro cyber eco bio geo neo pro anti non semi "
    "mid mis dis re un co de ex extra para meta mini tri bi poly mono pseudo quasi retro socio "
    "psycho photo thermo hydro aero agro petro narco nano giga here there where"
)
# Suffix-like endings that wordfreq also lists as words: `datives`, `signhood` are not joins.
SUFFIXES = _words(
    "ives ions ing ings ness ment ments hood hoods ship ships able ible less ful wise ward wards "
    "like fold dom doms ism isms ist ists ity ities ally ology ed er ers"
)
# Two-letter words that can follow a word after a lost space (`scopingin`, `Workshopon`).
TWO_LETTER_RIGHT = _words("of in on to by at as is it an or if")
# Name particles that start a capital inside a name: McGurk, MacArthur, DeSantis, LaGuardia, vanDyke.
NAME_PREFIXES = _words("mc mac de di da du la le lo van von der den ten o d l al el ja ke sha ty bin ibn abu st")
# Titles put before a name (`President Lula`); no brand or name is built on one of them.
TITLES = _words(
    "president minister governor senator congressman congresswoman deputy mayor judge general colonel "
    "commander captain admiral sergeant lieutenant chancellor secretary ambassador spokesman spokeswoman "
    "spokesperson pope cardinal bishop archbishop king queen prince princess sheikh emir ayatollah"
)
# Function words a sentence can start with: after a lower-case word, a capitalised one of these
# means the join swallowed a sentence boundary (`younisOne`, `RefaTo`).
SENTENCE_STARTERS = _words(
    "the a an one to in on at he she it they we this that these those his her their its but and "
    "however meanwhile after according as for with while when if although there some many most "
    "several since during despite also yet so then thus still"
)
# Words that cannot end a sentence, so no period is restored after them (`ofThe` -> `of The`).
NON_FINAL = _words(
    "the a an of in on at to by for from with and or but as into onto upon about over under "
    "after before than that which who whose whom is was are were be been his her their its our "
    "my your this these those"
)
# Lower-case words that glued to a capitalised word mean a lost space even when the dictionary lacks the
# word (`andCastellón`, `ofGuimarães`): brands are built on 'in', 'e', 'i' (inVentiv, eBay), not on these.
GLUE_LEFT = _words("and of the to for with from by at on or but said says which who that than")
# Lower-case words a proper noun can be glued to when a space is lost (`Gazawhich`).
CONNECTIVES = _words(
    "which who whom whose that the and with from for was were has had have will would could "
    "should said says but after while when where since than amid during between before because "
    "about against also into their his her its they there this these those"
)
# Closed-class words: a join with one of them is far less likely to be a compound than two nouns.
FUNCTION_WORDS = (
    TWO_LETTER
    | NON_FINAL
    | CONNECTIVES
    | SENTENCE_STARTERS
    | _words(
        "can will may might must shall not per via has had have does did was were are also only "
        "them him she you they what who how why all any each both such other more most some no"
    )
)
# The case change is itself evidence, so the word after it may be rarer (`ofBergamo`).
CAMEL_ZIPF = 2.0
# the longest lower-case first part of a camel-case brand (`easy`, `smart`, `money`) and the frequency from
# which a word counts as a function word (`the`, `of`, `for`, `see`), which no brand starts with
BRAND_PREFIX_LEN = 5
FUNCTION_ZIPF = 6.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Inflectional endings and what may stand before them: linkings <- linking, baked <- bake.
_INFLECTIONS = (("s", ("",)), ("es", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("er", ("", "e")), ("ly", ("",)))
RELATIVE = frozenset({"which", "who", "whom", "whose"})
# Pairs of function words whose join is a frequent typo (wordfreq lists `inthe` at zipf 2.6, so
# the whole-word test alone would let it through).
_PAIR_LEFT = "in of on to at by for and from with is was as that into but or onto upon about over after under"
_PAIR_RIGHT = "the his their its this these those our my your which that a an"
# Joins of those that are words or names in their own right.
_PAIR_WORDS = frozenset({"fora", "atan", "onan", "oran", "froman", "ata", "isa", "ora"})
# Of the three-letter ones, `ata` (OCR for `data`), `isa` (the ISA relation) and `ora` are not joins.
FUNCTION_PAIRS = {
    a + b: (a, b)
    for a in _PAIR_LEFT.split()
    for b in _PAIR_RIGHT.split()
    if a + b not in _PAIR_WORDS and (len(a + b) >= 4 or b == "a")
}


class _Vocab:
    """How often each word stands on its own in the document (`Gaza` in `(Gaza),`, not in `Gazawhich`).

    A word the article uses on its own is a word even when wordfreq lacks it, and a token the
    article repeats is meant as it stands.
    """

    def __init__(self, text: str) -> None:
        self.counts: Counter[str] = Counter()
        # split and count in C; strip punctuation once per distinct token
        for token, n in Counter(text.lower().split()).items():
            self.counts[token.strip(_EDGE_PUNCT)] += n

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word, 0)


@dataclass(frozen=True)
class Split:
    """Where a run of letters breaks, and the text to put between its halves."""

    at: int
    sep: str
    safe: bool = False
    # False when the halves may as well be one word (two content words, PascalCase): reported as info
    certain: bool = True


@dataclass(frozen=True)
class _Join:
    """One join found in a token: its span there, the fixed text first, and how sure it is."""

    start: int
    end: int
    suggestions: tuple[str, ...]
    safe: bool
    certain: bool


class RunTogetherChecker(Checker):
    kind = "run-together"
    options = {
        "min_zipf": Option(
            (int, float), default=3.0, help="how common (wordfreq zipf) each half of a case-less join must be"
        ),
        "rare_zipf": Option(
            (int, float), default=2.5, help="how common the other half must be when one half is a function word"
        ),
        "min_length": Option(int, default=4, help="shortest run of letters examined"),
    }

    def setup(self) -> None:
        from .. import lexicon

        self.zipf = lexicon.zipf
        # the table itself is loaded on the first document, not when the rule is built
        self.frequencies = lexicon.frequencies
        self.min_zipf = float(self.opts["min_zipf"])
        self.rare_zipf = float(self.opts["rare_zipf"])
        self.min_length = int(self.opts["min_length"])

    # ---- the document's own vocabulary -------------------------------------------------
    @staticmethod
    def _vocab(doc: Document) -> _Vocab:
        vocab: _Vocab | None = doc.cache.get("run_together.vocab")
        if vocab is None:
            vocab = doc.cache["run_together.vocab"] = _Vocab(doc.text)
        return vocab

    def _known(self, word: str, vocab: _Vocab, min_zipf: float = 1.0) -> bool:
        return self.zipf(word) >= min_zipf or vocab[word.lower()] > 0

    def _part_zipf(self, part: str, vocab: _Vocab, *, left: bool) -> float:
        """How plausible `part` is as one half of a case-less join (0 when it is not a word)."""
        n = len(part)
        if n == 1:
            return 7.0 if left and part == "a" else 0.0
        if part in FRAGMENTS or (part in PREFIXES if left else part in SUFFIXES):
            return 0.0
        if n == 2:
            return self.zipf(part) if part in (TWO_LETTER if left else TWO_LETTER_RIGHT) else 0.0
        z = self.zipf(part)
        if n == 3:
            return z if z >= 3.5 else 0.0
        if z < self.min_zipf and vocab[part] > 0:
            return self.min_zipf
        return z

    # ---- case-less joins: thewar, inthe, Gazawhich ---------------------------------------
    def _split_caseless(self, run: str, vocab: _Vocab) -> Split | None:
        low = run.lower()
        capital = run[0].isupper()
        if not capital and low in FUNCTION_PAIRS:
            a, _ = FUNCTION_PAIRS[low]
            return Split(len(a), " ", safe=True)
        whole = self.zipf(low)
        if whole >= 2.0 or vocab[low] > 1:
            return None
        best: tuple[float, float, int] | None = None
        freqs = self.frequencies()
        for i in range(1, len(low)):
            left, right = low[:i], low[i:]
            if (left not in freqs and left != "a" and not vocab[left]) or (right not in freqs and not vocab[right]):
                continue  # the quick test: one half is no word at all
            if (left in PREFIXES and self.zipf(right) >= self.min_zipf) or (
                right in SUFFIXES and self.zipf(left) >= self.min_zipf
            ):
                return None  # a prefixed or suffixed word: upsample, datives
            zl = self._part_zipf(left, vocab, left=True)
            # before `the` even a rare or misspelt word is a word (`fullfillthe`): no name ends in -the
            # that wordfreq lacks
            if zl < (1.5 if right == "the" and not capital and len(left) >= 4 else self.rare_zipf):
                continue
            if left == "a" and self.zipf(right) < 4.0:
                continue  # `alent`: the article joins only a common word here
            zr = self._part_zipf(right, vocab, left=False)
            function_word = left in FUNCTION_WORDS or right in FUNCTION_WORDS
            if zr < self.rare_zipf or (min(zl, zr) < self.min_zipf and not function_word):
                # two content words must both be common; next to a function word (`ourparser`,
                # `scopingin`) a rarer word will do
                continue
            if capital and not self._capital_join_ok(left, right, zl, zr):
                # two capitalised content words are as often a name or a brand (`Flexport`,
                # `Singleframe`) as a join (`Researchstatus`): left alone
                continue
            if whole > 0 and zl + zr - 9 < whole + 2.0:
                # wordfreq lists the whole word: keep it unless the two words together are far more
                # likely than it (`thepolice` 1.0 against `the` 7.7 + `police` 5.2, but not `bigram`)
                continue
            score = (min(zl, zr), zl + zr, -i)
            if best is None or score > best:
                best = score
        if best is None or self._inflected_or_misspelt(low):
            return None
        at = -best[2]
        sep = ", " if capital and low[at:] in RELATIVE else " "
        certain = low[:at] in FUNCTION_WORDS or low[at:] in FUNCTION_WORDS
        return Split(at, sep, certain=certain)

    def _inflected_or_misspelt(self, low: str) -> bool:
        """Is `low` a known word inflected (`linkings`) or missing one letter (`modifed`)?

        Either way it is one word the lexicon lacks, not two words joined."""
        for suffix, stems in _INFLECTIONS:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                base = low[: -len(suffix)]
                if any(self.zipf(base + e) >= 2.0 for e in stems):
                    return True
        freqs = self.frequencies()
        for i in range(1, len(low)):
            # letters inserted inside the word only: one added at either end would turn a real
            # join such as `amachine` back into `machine`
            head, tail = low[:i], low[i:]
            if any(freqs.get(head + c + tail, 0.0) >= _ZIPF3_FREQ for c in _LETTERS):
                return True
        return False

    @staticmethod
    def _capital_join_ok(left: str, right: str, zl: float, zr: float) -> bool:
        """An unknown capitalised word is most often a name: split it only when what follows is a
        function word no name ends with (`Gazawhich`), or when it starts with one (`Thewar`)."""
        if right in CONNECTIVES:
            return True
        if right in TWO_LETTER_RIGHT or right == "and":
            # names do end in -on, -by, -and (Garzon, Ashby): ask for a common first word
            return zl >= 4.0
        return left in NON_FINAL and zr >= 3.5 and len(right) >= 3

    # ---- case-change joins: servicesDavid, younisOne, RefaTo, theDEDB -------------------------
    def _split_camel(self, run: str, vocab: _Vocab) -> Split | None:
        transitions = [i for i in range(1, len(run)) if run[i - 1].islower() and run[i].isupper()]
        if not transitions:
            return None
        if len(transitions) > 1 and run[0].islower():
            return None  # camelCase identifiers: getElementById
        if self.zipf(run) >= 1.0 or vocab[run.lower()] > 1:
            return None  # a brand or name wordfreq or the article knows: YouTube, McGurk, TheHill
        for i in transitions:
            found = self._camel_sep(run[:i], run[i:], vocab)
            if found is not None:
                return Split(i, found[0], certain=found[1])
        return None

    def _camel_sep(self, left: str, right: str, vocab: _Vocab) -> tuple[str, bool] | None:
        low_left = left.lower()
        if left == "a":
            # the article glued to a capitalised word: aStatistical (but not aTyr)
            return (" ", True) if len(right) >= 4 and self.zipf(right) >= self.min_zipf else None
        if len(left) == 1 or low_left in NAME_PREFIXES or low_left in PREFIXES:
            return None  # iPhone, eBay, mRNA, McDonald, DeSantis, subRegion
        if len(left) == 2 and low_left not in TWO_LETTER:
            return None
        starter = right.lower() in SENTENCE_STARTERS and right[1:].islower()
        if left == "The" and not starter:
            return None  # TheHill, TheStreet: brands built on "The"
        if low_left in TITLES and len(right) >= 3 and right[1:].islower():
            return " ", True  # a title glued to the name it introduces: PresidentAndrés, ministerJoão
        if right.isupper():
            # an acronym after a common lower-case word: theUN, ofNATO
            if len(right) >= 2 and left.islower() and self.zipf(left) >= self.min_zipf:
                return " ", True
            return None
        if left in GLUE_LEFT and len(right) >= 3 and right[1:].islower():
            return " ", True  # a name the dictionary lacks, after a word no brand is built on: andCastellón
        if not starter and (len(right) < 3 or (self.zipf(right) < CAMEL_ZIPF and vocab[right.lower()] == 0)):
            return None  # OCR debris such as hapEens, subRl
        if left[0].isupper():
            if len(left) == 2 and low_left not in TWO_LETTER_RIGHT:
                return None  # GoBank, MyTaxi; but InProceedings
            if starter and len(left) >= 3:
                return (". " if low_left not in NON_FINAL else " "), True
            # PascalCase of two common words: a lost space in a title (InformationRetrieval) or a
            # brand (BundleHunt); reported, but only as information
            if self.zipf(left) >= self.min_zipf and self.zipf(right) >= self.min_zipf:
                return " ", False
            return None
        if self.zipf(left) < 2.0 and vocab[low_left] == 0:
            return None
        if starter and low_left not in NON_FINAL:
            return ". ", True
        if len(left) <= BRAND_PREFIX_LEN and self.zipf(left) < FUNCTION_ZIPF and vocab[right.lower()] == 0:
            # `easyJet`, `smartTrade`, `moneyLion`: a short content word before a common word the article
            # never writes alone is how brands are built; a lost space most often follows a function word
            # (`theInput`, `ofTense`) or a longer word that ends a phrase (`servicesDavid`)
            return " ", False
        return " ", True

    # ---- joins across punctuation and digits: used,which  September30  3The  VMand ---------------
    def _glued(self, token: str, vocab: _Vocab) -> Iterator[tuple[int, int, str, bool]]:
        """(start, end, replacement, safe) of each join inside `token` at a comma, digit or acronym."""
        for m in _PUNCT_GLUE.finditer(token):
            left, punct, right = m.group(1), m.group(2), m.group(3)
            if punct[-1] == ":" and (len(left) < 3 or not right[0].isupper()):
                continue  # key:value, re:Invent; a colon is glued only before a capital (`note:The`)
            if left.isupper() or (len(right) > 1 and right.isupper()):
                continue  # lists of codes: (PATID,SEX,AGE); TL;DR
            if right not in ("a", "A", "I") and self._part_zipf(right.lower(), vocab, left=True) < self.min_zipf:
                continue
            if len(left) < 2 or self._part_zipf(left.lower(), vocab, left=True) < self.min_zipf:
                continue  # OCR debris: ui;ions
            # a comma or semicolon between two words always takes a space after it
            safe = punct[-1] != ":" and left.islower() and right.islower()
            yield _spaced(token, m.start(), m.end(), m.end(2), safe)
        for m in _COMMA_YEAR.finditer(token):
            yield _spaced(token, m.start(), m.end(), m.end(2))
        for m in _COMMA_INITIAL.finditer(token):
            yield _spaced(token, m.start(), m.end(), m.end(2))
        for m in _NUM_COLON.finditer(token):
            if self._part_zipf(m.group(3).lower(), vocab, left=True) >= self.min_zipf:
                yield _spaced(token, m.start(), m.end(), m.end(2))
        for m in _CLOSE_PAREN.finditer(token):
            inside = m.group(1)
            if inside.isalpha() and inside.islower():
                continue  # (s)he, (multi)media
            if self._part_zipf(m.group(2), vocab, left=True) >= self.min_zipf:
                yield _spaced(token, m.start(), m.end(), m.start(2))
        for m in _OPEN_PAREN.finditer(token):
            if not m.group(1).isupper() and self._part_zipf(m.group(1).lower(), vocab, left=True) >= self.min_zipf:
                yield _spaced(token, m.start(), m.end(), m.end(1))
        for m in _NUM_WORD.finditer(token):
            word = m.group(2)
            # `1990and`, `3The`, `30soldiers`; never a unit or an abbreviation (`5bn`, `10kph`, `3rd`)
            if (
                word in GLUE_AFTER_NUMBER
                or (word.lower() in SENTENCE_STARTERS and word[1:].islower() and word[0].isupper())
                or (word.islower() and len(word) >= 4 and word not in UNITS and self.zipf(word) >= 3.5)
            ):
                yield m.start(1), m.end(), f"{m.group(1)} {word}", False
        for m in _WORD_NUM.finditer(token):
            word = m.group(1)
            if word.lower() in GLUE_BEFORE_NUMBER and (word.islower() or word[1:].islower()):
                yield m.start(), m.end(), f"{word} {m.group(2)}", False
        for m in _ACRONYM_WORD.finditer(token):
            yield m.start(), m.end(), f"{m.group(1)} {m.group(2)}", False

    def _candidate_tokens(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of the tokens worth a close look, in order.

        Each distinct token is screened once, mostly by one dictionary look-up (C-level splitting
        does the rest); the few that go on (a token with an unknown word, an inner capital, or a
        glued comma, bracket or digit) are then located in the text.
        """
        freqs = self.frequencies()
        wanted: list[str] = []
        for token in set(text.split()):
            size = len(token)
            core = token.strip(_EDGE_PUNCT)
            if len(core) < 3 or size > _MAX_TOKEN:
                continue
            if core.isalpha():
                if not _worth_a_look(core, freqs):
                    continue
            elif not any(p.search(token) for p in _GLUE_HINTS) and not any(
                _worth_a_look(run, freqs) for run in _RUN3.findall(core)
            ):
                continue
            wanted.append(token)
        out: list[tuple[int, int]] = []
        n = len(text)
        if len(wanted) * n > _FIND_BUDGET:
            # many candidates in a long text: one pass over all tokens keeps the work linear
            chosen = set(wanted)
            return [m.span() for m in _TOKEN.finditer(text) if m.group() in chosen]
        for token in wanted:
            size = len(token)
            i = text.find(token)
            while i >= 0:
                end = i + size
                if (i == 0 or text[i - 1].isspace()) and (end == n or text[end].isspace()):
                    out.append((i, end))
                i = text.find(token, end)
        out.sort()
        return out

    def _analyse(self, token: str, vocab: _Vocab) -> Iterator[_Join]:
        """Every join inside one token, with offsets into the token."""
        if any(p.search(token) for p in _GLUE_HINTS):
            for a, b, fixed, safe in self._glued(token, vocab):
                yield _Join(a, b, (fixed,), safe, True)
        freqs = self.frequencies()
        for m in _RUN.finditer(token):
            run = m.group()
            if run.isupper() or (len(run) < self.min_length and run not in FUNCTION_PAIRS):
                continue
            if not _worth_a_look(run, freqs):
                continue
            hyphenated = token[m.start() - 1 : m.start()] in _HYPHENS or token[m.end() : m.end() + 1] in _HYPHENS
            caseless = run[1:].islower()
            if hyphenated and not caseless:
                continue
            split = self._split_caseless(run, vocab) if caseless else self._split_camel(run, vocab)
            if split is None:
                continue
            if hyphenated and min(split.at, len(run) - split.at) < 4:
                # a piece of a hyphenated word, or of one broken at a line end (`ex-isting`), is
                # split only into two full words: `finite-statecomposition`
                continue
            fixed = run[: split.at] + split.sep + run[split.at :]
            plain = run[: split.at] + " " + run[split.at :]
            suggestions = (fixed,) if fixed == plain else (fixed, plain)
            yield _Join(m.start(), m.end(), suggestions, split.safe, split.certain)

    def check(self, doc: Document) -> Iterator[Hit]:
        vocab: _Vocab | None = None
        text = doc.text
        # a token repeated in the document is analysed once
        memo: dict[str, list[_Join]] = {}
        for tok_start, tok_end in self._candidate_tokens(text):
            token = text[tok_start:tok_end]
            joins = memo.get(token)
            if joins is None:
                if _NOT_PROSE.search(token):
                    joins = []
                else:
                    if vocab is None:
                        vocab = self._vocab(doc)
                    joins = list(self._analyse(token, vocab))
                memo[token] = joins
            for j in joins:
                yield Hit(
                    tok_start + j.start,
                    tok_start + j.end,
                    params=(("split", j.suggestions[0]),),
                    suggestions=j.suggestions,
                    replacement=j.suggestions[0],
                    applicability=Applicability.SAFE if j.safe else None,
                    severity=None if j.certain else Severity.INFO,
                )


def _spaced(token: str, start: int, end: int, gap: int, safe: bool = False) -> tuple[int, int, str, bool]:
    """The span [start, end) of `token` with a space put back at `gap`, as `_glued` yields it."""
    return start, end, token[start:gap] + " " + token[gap:end], safe


def _worth_a_look(run: str, freqs: Frequencies) -> bool:
    """False for a word wordfreq knows well (zipf >= 2) that is not a typo like `inthe`."""
    low = run.lower()
    freq = freqs.get(low)
    return freq is None or freq < _COMMON_FREQ or low in FUNCTION_PAIRS
