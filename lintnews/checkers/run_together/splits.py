"""Where a run of letters breaks into two words: case-less joins (`thewar`, `Gazawhich`) and case changes
(`servicesDavid`, `younisOne`), judged by word frequencies and the document's own vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .vocab import Vocab
from .words import (
    BRAND_PREFIX_LEN,
    CAMEL_ZIPF,
    CONNECTIVES,
    FRAGMENTS,
    FUNCTION_PAIRS,
    FUNCTION_WORDS,
    FUNCTION_ZIPF,
    GLUE_LEFT,
    NAME_PREFIXES,
    NON_FINAL,
    PREFIXES,
    RELATIVE,
    SENTENCE_STARTERS,
    SUFFIXES,
    TITLES,
    TWO_LETTER,
    TWO_LETTER_RIGHT,
)

if TYPE_CHECKING:
    from ...core.lexicon import Frequencies

# Zipf 3.0 as a frequency: a word this common, one letter away, makes the run that word misspelt
_ZIPF3_FREQ = 1e-6
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Inflectional endings and what may stand before them: linkings <- linking, baked <- bake.
_INFLECTIONS = (("s", ("",)), ("es", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("er", ("", "e")), ("ly", ("",)))


@dataclass(frozen=True)
class Split:
    """Where a run of letters breaks, and the text to put between its halves."""

    at: int
    sep: str
    safe: bool = False
    # False when the halves may as well be one word (two content words, PascalCase): reported as info
    certain: bool = True


class Splitter:
    """The split of a run of letters, by the rule's frequency thresholds (wordfreq Zipf)."""

    def __init__(
        self, zipf: Callable[[str], float], frequencies: Callable[[], Frequencies], min_zipf: float, rare_zipf: float
    ) -> None:
        self.zipf = zipf
        # the table itself is loaded on the first document, not when the rule is built
        self.frequencies = frequencies
        self.min_zipf = min_zipf
        self.rare_zipf = rare_zipf

    def part_zipf(self, part: str, vocab: Vocab, *, left: bool) -> float:
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

    def caseless(self, run: str, vocab: Vocab) -> Split | None:
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
            zl = self.part_zipf(left, vocab, left=True)
            # before `the` even a rare or misspelt word is a word (`fullfillthe`): no name ends in -the
            # that wordfreq lacks
            if zl < (1.5 if right == "the" and not capital and len(left) >= 4 else self.rare_zipf):
                continue
            if left == "a" and self.zipf(right) < 4.0:
                continue  # `alent`: the article joins only a common word here
            zr = self.part_zipf(right, vocab, left=False)
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

    def camel(self, run: str, vocab: Vocab) -> Split | None:
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

    def _camel_sep(self, left: str, right: str, vocab: Vocab) -> tuple[str, bool] | None:
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
