"""kind: bare-infinitive: a verb followed by a bare verb where English needs 'to' ('tried flee', 'decided resign')."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import compress
from typing import Any

from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.nlp import TAGS
from ..core.text_memo import TextMemo
from .base import Checker, Option, by_text, compile_user_regex
from .word_classes import ANY, adjective_lexicon, could_be_verb, possible_tags, verb_lexicon

# the verbs after which English puts a bare infinitive: modals and 'do' (tagged MD or auxiliaries), causatives
# and perception verbs (let them go, help build, saw him leave), 'go'/'come' (go get), and the semi-modals;
# every other verb takes 'to' before an infinitive. A closed class of the grammar, in all their forms.
_BARE_CLASS = frozenset(
    """
    let lets letting make makes made making help helps helped helping have has had having do does did done doing
    see sees saw seen seeing hear hears heard hearing watch watches watched watching feel feels felt feeling
    notice notices noticed noticing bid bids go come dare dares dared need needs rather better be is are was were
    been being am get gets got gotten getting will would can could shall should may might must
    """.split()  # noqa: SIM905
)
# verbs of saying and thinking take a clause, which may open with an imperative ('saying let them decide')
_CLAUSE_VERBS = frozenset(
    """
    say says said saying think thinks thought thinking know knows knew known knowing believe believes believed
    believing suppose supposes supposed guess guessed reckon reckons reckoned wonder wonders wondered insist insists
    insisted
    """.split()  # noqa: SIM905
)
# words after which a noun, not a verb, follows: a verb-noun there is a noun ('the supply chain')
_NOUN_OPENERS = frozenset(
    """
    the a an this that these those its their his her our my your of in for on at with by from into about
    """.split()  # noqa: SIM905
)
# adverb particles WordNet also lists as verbs ('shot down', 'laid off')
_PARTICLES = frozenset({"down", "off", "up", "out", "over", "back", "away", "in", "on"})
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s", "'re", "’re"})
_OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them"})
# after the bare verb, what makes it an item of a list of nouns
_LIST_GOES_ON = frozenset({",", ";", ":", "and", "or"})
# verb base forms, noun base forms, irregular verb forms, adjectives
Lexicon = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG"})
# the tags _bare_after accepts on the bare verb: a base form, or (misread) a noun or an adjective; after an
# object or an adjective, VB alone
_BASE = frozenset({"VB", "VBP"})
_MISREAD = frozenset({"NN", "NNS", "JJ"})
_VB = frozenset({"VB"})
_ADJECTIVE = frozenset({"JJ"})
_PLURAL = frozenset({"NNS"})
# the tags of the next word that leave the bare verb a bare infinitive (_bare_after: not VBD, VBZ, MD)
_NOT_OWN_CLAUSE = frozenset(possible for possible in ANY if possible not in ("VBD", "VBZ", "MD"))
# the lower-case words of a sentence, in order (a capitalised word is never the bare verb)
_WORDS = compile_user_regex(r"(?<![\w'’-])\p{Ll}+(?![\w'’-])|\S+")


class BareInfinitiveChecker(Checker):
    kind = "bare-infinitive"
    needs_parser = True
    parse_level = TAGS
    options = {"max_words": Option(int, default=60, help="sentences longer than this are not tagged")}

    def setup(self) -> None:
        # the cue's answer per sentence text, across the documents of a run
        self._cues: TextMemo[bool] = TextMemo()

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences holding a verb form followed by a verb's base form: only those are tagged."""
        lexicon: Lexicon = (*verb_lexicon(), adjective_lexicon())
        most = self.opts["max_words"]
        bare = _bare_verbs(lexicon[0])

        def cue(text: str) -> bool:
            # words parted by any white space: a paragraph of one-word lines has no spaces at all
            if text.count(" ") + text.count("\n") + text.count("\t") >= most:
                return False
            words = _WORDS.findall(text)
            # _cue_at asks only at a word that may be the bare verb: found by one set intersection, most
            # sentences have none after their first word
            here = bare.intersection(words[1:])
            if not here:
                return False
            at = compress(range(1, len(words)), map(here.__contains__, words[1:]))
            return any(_cue_at(words, k, lexicon) for k in at)

        remembered = self._cues.get
        return by_text(doc.sentences, lambda text: remembered(text, cue))

    def check(self, doc: Document) -> Iterator[Hit]:
        lexicon: Lexicon = (*verb_lexicon(), adjective_lexicon())
        for block, sdoc in self.parsed(doc):
            for i in range(1, len(sdoc) - 1):
                bare = self._bare_after(sdoc, i, lexicon)
                if bare is None:
                    continue
                head, verb = sdoc[i], sdoc[bare]
                start = block.start + verb.idx
                yield Hit(
                    start,
                    start + len(verb.text),
                    params=(("verb", head.text), ("bare", verb.text)),
                    suggestions=(f"to {verb.text}",),
                    replacement=f"to {verb.text}",
                )

    @staticmethod
    def _bare_after(sdoc: Any, i: int, lexicon: Lexicon) -> int | None:
        """The index of a bare infinitive that needs 'to' after token i ('tried flee', 'asked them leave',
        'is likely continue'), or None."""
        verbs, nouns, irregular, adjectives = lexicon
        first = sdoc[i]
        low1 = first.text.lower()
        if first.whitespace_ != " " or low1 in _BARE_CLASS or low1 in _CLAUSE_VERBS:
            return None
        before = sdoc[i - 1]
        j = i + 1
        if first.tag_ == "JJ" or (first.tag_ == "RB" and low1.endswith("ly") and low1 in adjectives):
            # 'is likely continue', 'were unable leave': an adjective after 'be' that takes an infinitive
            if before.lower_ not in _BE or sdoc[j].tag_ != "VB":
                return None
        elif first.tag_ not in _VERB_TAGS or not could_be_verb(low1, verbs, irregular):
            return None  # not a verb, or a noun the tagger took for one
        elif sdoc[j].tag_ in ("PRP", "NNS") and j + 1 < len(sdoc) and sdoc[j + 1].tag_ == "VB":
            # 'asked patients avoid', 'urged them stay': an object, then the infinitive without its 'to'
            if sdoc[j].tag_ == "PRP" and sdoc[j].lower_ not in _OBJECT_PRONOUNS:
                return None
            j += 1
        second = sdoc[j]
        low2 = second.text.lower()
        if low2 not in verbs or not second.text.islower():
            return None
        # the tagger reads the second word as a verb's base form; one English has no noun or adjective for ('resign',
        # 'steal') it may call a noun or an adjective
        misread = second.tag_ in ("NN", "NNS", "JJ") and low2 not in nouns and low2 not in adjectives
        if second.tag_ not in ("VB", "VBP") and not misread:
            return None
        if low2 in adjectives and low1 in nouns:
            return None  # 'force open', 'set free': a result, not an infinitive
        if before.tag_ in ("MD", "TO") and low1 in nouns:
            return None  # 'can light create', 'to binge eat': a noun or a compound verb after the modal
        nxt = sdoc[j + 1] if j + 1 < len(sdoc) else None
        if before.tag_ == "TO" and nxt is not None and nxt.tag_ in ("NN", "NNS"):
            return None  # 'to learn sign language': after an infinitive, a noun compound, not a second verb
        if nxt is not None and nxt.text in (",", ";", ":", "and", "or"):
            return None  # 'used to select drive, reverse and park': a list of nouns
        # 'the measures announced include': a participle closing a reduced relative before the main verb
        if first.tag_ in ("VBN", "VBD") and before.tag_.startswith("NN") and second.tag_ == "VBP":
            return None
        if nxt is not None and nxt.tag_ in ("VBD", "VBZ", "MD"):
            return None  # 'people affected say': the second verb has its own clause
        return j


@cache
def _bare_verbs(verbs: frozenset[str]) -> frozenset[str]:
    """The words _cue_at may take for the bare verb: a verb's base form, not a particle."""
    return verbs - _PARTICLES


def _may(word: str, tags: frozenset[str]) -> bool:
    """Can the tagger give `word` one of these tags (word_classes.possible_tags)? A chunk of other than letters
    (`Delhi’s`, several tokens) may be anything."""
    return not word.isalpha() or bool(possible_tags(word) & tags)


def _cue_at(words: list[str], k: int, lexicon: Lexicon) -> bool:
    """May _bare_after find words[k] a bare infinitive after the word before it (or after a verb and its object)?
    Each branch asks of the words what _bare_after asks of their tags, by the tags the lexicon allows."""
    verbs, nouns, irregular, adjectives = lexicon
    bare, prev = words[k], words[k - 1]
    if bare not in verbs or prev in _BARE_CLASS or bare in _PARTICLES:
        return False
    after = words[k + 1] if k + 1 < len(words) else ""
    if after in _LIST_GOES_ON:
        return False  # _bare_after: a list of nouns ('select drive, reverse and park')
    if after and not _may(after, _NOT_OWN_CLAUSE):
        return False  # _bare_after: a finite verb or a modal next has a clause of its own ('people affected say')
    before = words[k - 2] if k > 1 else ""
    # _bare_after: a verb's base form (VB, VBP), or a word the tagger misread as a noun or an adjective that
    # English has none of; after an object or an adjective, a base form tagged VB
    plain = _may(bare, _BASE) or (_may(bare, _MISREAD) and bare not in nouns and bare not in adjectives)
    # a verb of saying takes a clause, and a noun and an adjective make a result
    result = bare in adjectives and prev in nouns
    if (
        plain
        and could_be_verb(prev, verbs, irregular)
        and not (prev in nouns and before in _NOUN_OPENERS)
        and prev not in _CLAUSE_VERBS
        and not result
    ):
        return True
    if not _may(bare, _VB):
        return False
    # 'is likely continue': an adjective (or an adverb in -ly that is one) after 'be'
    if before in _BE and prev in adjectives and (_may(prev, _ADJECTIVE) or prev.endswith("ly")):
        return True
    # 'asked them leave', 'urged residents stay': a verb, its object (a pronoun or a plural noun), the bare verb
    obj = prev in _OBJECT_PRONOUNS or (prev.endswith("s") and _may(prev, _PLURAL))
    if not obj or before in _BARE_CLASS:
        return False
    told = before.endswith("ed") or before in irregular
    return told or could_be_verb(before, verbs, irregular)
