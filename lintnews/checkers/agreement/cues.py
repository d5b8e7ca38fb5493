"""The cheap regex cues that pick the sentences each agreement check parses (a few per cent of news sentences)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import regex

from ...speed.select import Lines, Selector
from ..base import compile_user_regex
from ..word_classes import possible_tags
from .words import PARTICIPLE_ONLY, PAST, PAST_FORMS, PAST_ONLY

_MODALS = r"(?:can|could|will|would|shall|should|may|might|must|did|does|do|didn['’]t|doesn['’]t|don['’]t|can['’]t|won['’]t|cannot)"  # noqa: E501


def _alternation(words: frozenset[str] | set[str]) -> str:
    """The words as one alternation, the longest first, in a fixed order: a set's own order changes with each
    process's string hashing, and so would the pattern and the key of the Hyperscan database compiled from it
    (compiled again, 0.4 s, on every run)."""
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_IRREG_FORMS = _alternation(PAST_ONLY | PARTICIPLE_ONLY | frozenset(PAST.values()))
_STOP_S = (
    r"(?!(?:this|his|its|is|was|has|us|as|yes|thus|plus|less|unless|across|perhaps|always|does|news|series|means|"
    r"Los|Las|Texas|Paris|ours|yours|theirs|hers|sometimes|nevertheless|whereas|besides|afterwards|towards|"
    r"nowadays|regardless)\b)"
)
_FUNCTION = (
    r"(?!(?:of|the|a|an|and|or|to|in|on|at|for|from|with|by|more|other|who|which|that|than|are|were|have|had|"
    r"will|would|could|can|should|may|might|must|do|did|also|such|million|billion|thousand|hundred|percent|per|ago|"
    r"were|was|is|be|been|being|as|if|but|not|so|too|very|less|least|most|all|each|same|there|these|those|this|"
    r"what|when|where|while|how|whom|whose|it|its|their|they|them|we|us|you|your|our|my|his|her|he|she|i|"
    r"alone|else|together|here|now|then|again|later|ahead|away|back|down|up|out|off|over|into|under|after|before|"
    r"just|only|still|even|ever|never|already|around|about|against|within|without|during|since|until|via)\b)"
)
_PAST_FORMS_RX = _alternation(PAST_FORMS)
_PAST_ONLY_RX = _alternation(PAST_ONLY | {"was", "were"})
_SV_BE = r"(?:is|was|has|does|doesn['’]t|isn['’]t|wasn['’]t|hasn['’]t)"
# he didn't, she wouldn't: a modal, a past or a singular form, never wrong after he or she
_NOT_AUX_NT = r"(?!(?:does|is|was|has|did|had|wo|would|ca|could|should|must|might|need)n['’]t)"


# the verb tags a cue's last word must be able to take: an -s verb after a plural subject, any finite verb
_SINGULAR = frozenset(["VBZ"])
_FINITE = frozenset(["VBZ", "VBP", "VBD"])
# verb-form after 'to': the forms check_verb_form finds wrong there are tagged VBD, VBZ or VBN (a VB it finds
# wrong is a past form or ends in -ed, which the lexicon always allows VBD). Not after a modal or 'do': the word
# the cue ends on there is often not the verb the check judges ('does the applications work'), and right after
# them the tagger makes a verb of a plural noun ('do theses', VBZ) that the lexicon knows only as a noun
_WRONG_AFTER_TO = frozenset(["VBD", "VBZ", "VBN"])


@dataclass(frozen=True)
class Cue:
    """One prefilter pattern. `guard`, when given, is a cheaper pattern that every text the pattern matches
    also matches: tried first, it turns most sentences away without running the slow pattern. `verb`, when
    given, the tags the pattern's last word, its verb, must be able to take by the lexicon (word_classes.
    possible_tags): a match that ends on a word that cannot be such a verb (`the groups of products`) has no
    verb to disagree with its subject; one of the words after the match may be that verb too. `last`, when
    given, the tags the last word of a match itself must be able to take (the verb a check judges after the
    auxiliary the cue names: `to negotiations` has none)."""

    pattern: str
    guard: str | None = None
    verb: frozenset[str] | None = None
    last: frozenset[str] | None = None


# Each check parses only the sentences one of its cues finds (a few per cent of news sentences).
PREFILTERS: dict[str, tuple[Cue, ...]] = {
    "subject-verb": (
        Cue(
            rf"\b(?:you|You|we|We|they|They)\s+(?:(?:\w+ly|always|never|often|also|only|just|all|still)\s+)?"
            rf"(?:is|was|has|does|doesn['’]t|isn['’]t|wasn['’]t|hasn['’]t|{_STOP_S}[a-z]+[^s\W'’]s)\b"
        ),
        # not 'I was': the check lets it pass
        Cue(
            rf"\bI\s+(?:(?:\w+ly|always|never|often|also|only|just|all|still)\s+)?"
            rf"(?:is|has|does|doesn['’]t|isn['’]t|hasn['’]t|{_STOP_S}[a-z]+[^s\W'’]s)\b"
        ),
        Cue(r"\b(?:I)\s+(?:(?:\w+ly|always|never|often|also|only|just|still)\s+)?(?:are|were|aren['’]t|weren['’]t)\b"),
        Cue(
            r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Ss]omebody|[Ss]omeone|[Ee]verybody|[Ee]veryone|[Nn]obody|[Aa]nyone|[Aa]nybody)"
            r"\s+(?:(?:\w+ly|always|never|often|else|also|only|just)\s+)?(?:are|were|have|do|don['’]t|aren['’]t|weren['’]t|haven['’]t)\b",
            guard=r"\b(?:are|were|have|do|don['’]t|aren['’]t|weren['’]t|haven['’]t)\b",
        ),
        Cue(
            rf"(?:^|[,;:]\s+|\b(?:that|and|but|because|when|if|who)\s+)(?:[Hh]e|[Ss]he|[Ss]omebody|[Ss]omeone|[Ee]verybody|[Ee]veryone|[Nn]obody|[Aa]nyone|[Aa]nybody)"
            rf"\s+(?:(?:\w+ly|always|never|often|else|also|only|just)\s+)?{_FUNCTION}{_NOT_AUX_NT}(?!(?:said|says|had|has|is|was|will|would|could|should|can|may|might|must|does|did|told|added|noted|wrote|knew|went|got|came|took|made|gave|saw|left|felt|thought|found|became|began|led|kept|held|paid|lost|won|ran|sent|spent|met|sat|stood|let|put|set|cut|hit|quit|read|spoke|broke|chose|drove|grew|threw|wore)\b)[a-z]+(?<![sd]|ed|n['’]t)\b",
            guard=r"\b(?:[Hh]e|[Ss]he|[Ss]omebody|[Ss]omeone|[Ee]verybody|[Ee]veryone|[Nn]obody|[Aa]nyone|[Aa]nybody)\s",
        ),
        Cue(
            rf"(?:^|\b(?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Tt]hese|[Tt]hose|[Mm]any|[Ss]ome|[Aa]ll|[Bb]oth)\s+(?:\w+\s+)?){_STOP_S}[a-z]\w+[^s\W'’]s(?:\s+of\s+\w+)?\s+{_SV_BE}\b",
            guard=rf"s(?:\s+of\s+\w+)?\s+{_SV_BE}\b",
        ),
        # two cues, one at the start of the sentence and one after a determiner: searched apart, each skips
        # faster than one (?:^|...) that the engine tries at every position
        *(
            Cue(
                rf"{start}{_STOP_S}[a-z]+[^s\W'’]s"
                rf"\s+(?:(?:of|in|from|at|on|with|for)\s+(?:\w+\s+){{0,2}}?)?(?:\w+ly\s+)?{_STOP_S}{_FUNCTION}[a-z]+[^s\W'’]s\b",
                # the two -s words (not -ss, not 's) and between them a preposition, two more words, an adverb
                guard=r"[a-z][^s\W'’]s\s+(?:\w+\s+){0,4}?\w*[a-z][^s\W'’]s\b",
                verb=_SINGULAR,
            )
            for start in (
                "^",
                r"\b(?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Mm]any|[Mm]ost|[Ss]ome|[Aa]ll|[Ww]here|[Ww]hether)\s+(?:\w+\s+)?",
            )
        ),
        Cue(
            # not 'that they are', 'if you were', 'that there are': a plural pronoun or 'there' is no error
            r"(?:^|\b(?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat|[Ee]ach|[Ee]very)\s+)(?:\w+\s+)?(?!(?:they|you|we|there|here)\b)[a-z]+[^s\W'’](?:,[^,]{1,40},)?\s+(?:are|were|aren['’]t|weren['’]t)\b",
            guard=r"\s(?:are|were|aren['’]t|weren['’]t)\b",
        ),
        Cue(
            r"\b(?:[Bb]oth|[Ee]ach|[Oo]ne|[Nn]either|[Ee]ither) of \w+(?:\s+\w+)?\s+(?:is|are|was|were|has|have|\w+s)\b",  # noqa: E501
            verb=_FINITE,
        ),
        Cue(r"^(?:Does|Has|Is|Was|Do|Have)\s"),
        Cue(r"\b(?:[Ww]hat|[Ww]here|[Ww]hen|[Ww]hy|[Hh]ow)\s+(?:does|has|do|have)\s"),
        Cue(r"\b[Tt]his\s+(?:are|were|have|do|don['’]t)\b"),
        Cue(r"\b(?:[Tt]hese|[Tt]hose)\s+(?:\w+\s+)?(?:is|was|has|does|isn['’]t|wasn['’]t|hasn['’]t|doesn['’]t)\b"),
        Cue(r"^(?:\w+\s+){0,2}?\w+\s+and\s+(?:\w+\s+){0,2}?(?:is|was|has|[a-z]+[^s\W'’]s)\b"),
    ),
    "verb-form": (
        Cue(
            rf"^(?i:did|does|do|can|could|will|would|should|may|might|must|didn['’]t|doesn['’]t|don['’]t)\s+(?:\w+\s+){{1,4}}?(?:{_IRREG_FORMS}|\w+ed|\w+[^s\W]s)\b",
        ),
        Cue(
            rf"\b(?i:{_MODALS})\s+(?:(?:not|never|\w+ly|also|even|ever|just|really|still)\s+)?(?:{_IRREG_FORMS}|\w+ed|{_STOP_S}\w+[^s\W]s|been)\b",
        ),
        Cue(r"\b(?i:can|could|will|would|shall|should|may|might|must)\s+\w+ing\b"),
        Cue(
            rf"\bto\s+(?:not\s+)?(?:{_PAST_FORMS_RX}|\w+ed|{_STOP_S}{_FUNCTION}[a-z]+[^s\W'’]s)\b",
            last=_WRONG_AFTER_TO,
        ),
        Cue(rf"\b(?i:have|has|had)\s+(?:you|he|she|it|we|they|I)\s+(?:\w+\s+)?(?:{_PAST_ONLY_RX})\b"),
        Cue(
            rf"\b(?:has|have|had|['’]ve)\s+(?:(?:\w+ly|not|never|always|already|just|often|also|ever|recently)\s+)?(?:{_PAST_ONLY_RX})\b"
        ),
        Cue(
            rf"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|always|often|never|not)\s+)?(?:{'|'.join(sorted(PAST_ONLY))})\b"
        ),
    ),
    "det-noun": (
        Cue(
            rf"\b(?:[Tt]hese|[Tt]hose|[Bb]oth|[Mm]any|[Ss]everal|[Vv]arious|[Nn]umerous|[Ff]ew|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+{_FUNCTION}(?!people\b)[a-z]+(?<![^s]s)(?=\s*[.,;:!?)]|\s+(?:is|are|was|were|has|have|had|will|would|can|could|in|on|at|of|for|to|from|with|and|or|that|who|which)\b)"
        ),
        # not 'a business': a noun in -ss is never taken for a plural
        Cue(rf"\b(?:[Tt]his|[Aa]n?|[Oo]ne)\s+{_STOP_S}[a-z]+(?<!is|us|ss|ic|ou)(?<!s)s\b(?!['’-])"),
    ),
    "there-plural": (
        Cue(r"\b[Tt]here(?:['’]s|\s+is|\s+was|\s+isn['’]t|\s+wasn['’]t)\s+(?:\w+\s+){0,2}?[a-z]+[^s\W]s\b"),
        Cue(
            r"\b(?:[Tt]h|[Hh])ere(?:['’]s|\s+is|\s+was)\s+(?:\d+|many|several|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\s"
        ),
    ),
    "its-possessive": (
        Cue(
            r"\b[Ii]t['’]s\s+(?!(?:a|an|the|not|been|also|just|still|only|now|time|clear|important|possible|likely|hard|difficult|expected|unclear|true|going|no|very|too|so|all|about|what|because|up|over|like|as|in|on|that|worth|due|enough)\b)[a-z]"
        ),
    ),
    "pronoun-case": (
        Cue(r"\b(?:[Mm]e|[Hh]im|[Tt]hem|[Uu]s|[Hh]er)\s+and\s+\w+"),
        Cue(r"\band\s+(?:me|him|them|us)\s+(?!and)[a-z]+"),
        Cue(r"\band\s+(?:I|he|she|we|they)\s*(?:[.,;:!?)]|$)"),
    ),
    "of-bare-noun": (
        Cue(
            r"\b(?:[Aa]ll|[Mm]ost|[Ss]ome|[Mm]any|[Mm]uch|[Nn]one|[Ee]ach|[Ss]everal|[Ff]ew|[Aa]ny) of (?!(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|them|us|you|which|whom|what|it|him|me)\b)[a-z]"  # noqa: E501
        ),
    ),
    "gerund-after": (
        Cue(
            # 'used to' only after be or get ('is used to'): 'it used to rain' is no error
            r"(?i)\b(?:look(?:s|ed|ing)? forward|accustomed|(?:am|is|are|was|were|be|been|get|got|getting)\s+used"
            r"|['’](?:m|re)\s+used|when it comes|with a view|in addition|object(?:s|ed)?"
            r"|enjoy(?:s|ed)?|avoid(?:s|ed)?|finish(?:es|ed)?|mind|postpone[sd]?|practi[cs]e[sd]?|quit|dislike[sd]?|detest(?:s|ed)?|risk(?:s|ed)?|consider(?:s|ed)?) to (?!be\b)[a-z]+\b"  # noqa: E501
        ),
    ),
}


# a `^` that anchors (not one that negates a class or is escaped): dropped, it widens the pattern
_ANCHOR = compile_user_regex(r"(?<![\[\\])\^")
# white space inside a text: every check relates two words, and every cue spans a space between them
_INNER_SPACE = compile_user_regex(r"\S\s+\S")
_CHUNK = compile_user_regex(r"\w+")


def _first_of(cues: tuple[Cue, ...]) -> int | None:
    at = 0
    for group in PREFILTERS.values():
        if group is cues:
            return at
        at += len(group)
    return None


@cache
def _every_check() -> Selector:
    """One selector per line of every check's cues: the eight checks of a document share one scan."""
    return Selector([(c.pattern, 0) for cues in PREFILTERS.values() for c in cues], per_line=True)


class SentenceScan:
    """Which cues may match in each of some texts (those with a space inside, each once), by one scan of them
    all: every check's cues (PREFILTERS in order), or one selector's."""

    def __init__(self, texts: Sequence[str], selector: Selector | None = None) -> None:
        spaced = [text for text in dict.fromkeys(texts) if _INNER_SPACE.search(text)]
        self.line = {text: j for j, text in enumerate(spaced)}
        self.per_cue = (selector or _every_check()).by_line(Lines(spaced))


class Prefilter:
    """A check's cues compiled: does a sentence need parsing for this check?

    `admitted` answers for many sentences at once: one scan of them all (speed.select's by_line, every check's
    cues in one selector) names the cues that may match in each, and only those are searched, each guard first;
    a sentence of one word is never searched. `admits` answers for one sentence: one scan of the whole document
    names the cues that may match anywhere in it (their start-of-sentence anchors dropped, as a sentence may start
    anywhere), one scan of the sentence those that may match in it.
    """

    def __init__(self, cues: tuple[Cue, ...]):
        self.cues = cues
        self._compiled: list[tuple[regex.Pattern[str] | None, regex.Pattern[str]]] | None = None
        self._verbs = [c.verb for c in cues]
        self._lasts = [c.last for c in cues]
        self.selector = Selector([(c.pattern, 0) for c in cues])
        self.line_selector = Selector([(c.pattern, 0) for c in cues], per_line=True)
        # where these cues stand among every check's (a SentenceScan's), when they are one check's
        self.first = _first_of(cues)
        self.document_selector = Selector([(_ANCHOR.sub("", c.pattern), 0) for c in cues])

    def load(self) -> None:
        """What parse_blocks scans with, and the cues, loaded (before --jobs workers fork): the one selector of
        every check's cues (this one's own for cues of no check); the others load when admits first scans."""
        (self.line_selector if self.first is None else _every_check()).load()
        self._cues  # noqa: B018

    @property
    def _cues(self) -> list[tuple[regex.Pattern[str] | None, regex.Pattern[str]]]:
        """The cues compiled, on the first sentence searched (through the store of compiled patterns: parsing
        the eight checks' cues cost 0.2 s of every run, most of whose documents need a few of them or none)."""
        if self._compiled is None:
            self._compiled = [
                (None if c.guard is None else compile_user_regex(c.guard), compile_user_regex(c.pattern))
                for c in self.cues
            ]
        return self._compiled

    def in_document(self, text: str) -> set[int] | None:
        """The cues that may match in some sentence of this document text (None: any of them)."""
        return self.document_selector.candidates(text)

    def admits(self, text: str, possible: set[int] | None = None) -> bool:
        """Does a cue match the sentence? `possible`: the cues in_document left, when known."""
        if possible is not None and not possible:
            return False
        if not _INNER_SPACE.search(text):
            return False
        ids = self.selector.candidates(text)
        if possible is not None:
            ids = possible if ids is None else ids & possible
        for i, (guard, pattern) in enumerate(self._cues):
            if ids is not None and i not in ids:
                continue
            if (guard is not None and not guard.search(text)) or not pattern.search(text):
                continue
            if self._verb_may(i, text, pattern) and self._last_may(i, text, pattern):
                return True
        return False

    def admitted(
        self, texts: Sequence[str], possible: set[int] | None = None, scan: SentenceScan | None = None
    ) -> list[bool]:
        """admits(text, possible) for each of these distinct texts, the cues that may match in each named by one
        scan of them all (speed.select's by_line), or by `scan`, made of every check's cues over these texts and
        maybe more, not one scan per text; then each cue is searched in its texts in turn."""
        out = [False] * len(texts)
        if possible is not None and not possible:
            return out
        lines_of = self._lines(texts, scan)
        for i, (guard, pattern) in enumerate(self._cues):
            if possible is not None and i not in possible:
                continue
            for k in lines_of(i):
                text = texts[k]
                if out[k] or (guard is not None and not guard.search(text)) or not pattern.search(text):
                    continue
                out[k] = self._verb_may(i, text, pattern) and self._last_may(i, text, pattern)
        return out

    def _lines(self, texts: Sequence[str], scan: SentenceScan | None) -> Callable[[int], Iterable[int]]:
        """For cue i, the positions of the texts (with a space inside) it may match in, in any order."""
        if scan is None or self.first is None:
            scan, first = SentenceScan(texts, self.line_selector), 0
        else:
            first = self.first
        mine = {j: k for k, text in enumerate(texts) if (j := scan.line.get(text)) is not None}
        per_cue = scan.per_cue

        def lines_of(i: int) -> Iterable[int]:
            lines = None if per_cue is None else per_cue[first + i]
            return mine.values() if lines is None else [mine[j] for j in lines if j in mine]

        return lines_of

    def _last_may(self, i: int, text: str, pattern: regex.Pattern[str]) -> bool:
        """Does some match of cue i (overlapping ones too) end on a word that may take its `last` tags? (A word of
        other than letters, which the lexicon cannot read, may.)"""
        tags = self._lasts[i]
        if tags is None:
            return True
        for m in pattern.finditer(text, overlapped=True):
            words = _CHUNK.findall(m.group())
            if not words or not words[-1].isalpha() or possible_tags(words[-1]) & tags:
                return True
        return False

    def _verb_may(self, i: int, text: str, pattern: regex.Pattern[str]) -> bool:
        """Is there a word that may take cue i's verb tags at the end of one of its matches or after it? (A
        word of other than letters, which the lexicon cannot read, may; the check reads every subject and verb of
        the sentence, and a verb after the cue's own may disagree with a subject inside it.)"""
        tags = self._verbs[i]
        if tags is None:
            return True
        for w in _CHUNK.finditer(text):
            word = w.group()
            if (not word.isalpha() or possible_tags(word) & tags) and pattern.search(text, 0, w.end()):
                return True
        return False
