"""kind: agreement: grammar checks on the tagger/parser output, run only on sentences a cheap regex lets through.

Each rule names one `check`: subject-verb (number and person of the subject against the finite verb),
verb-form (the form after a modal, do, to, have and passive be), det-noun (these/many/a/two + a noun of the
wrong number), there-plural (there is + plural), its-possessive (it's used as the possessive), pronoun-case
(me/him in a subject, I/he in an object), of-bare-noun (all of students), gerund-after (look forward to see).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..document import FILL, Block, Document
from ..findings import Hit, Severity
from ..lexicon import zipf
from ..prefilter import Keys, TextWords, doc_index, may_hold_words, text_words, word_keys
from .base import Checker, Option

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# --- word tables -------------------------------------------------------------------------------------------

# base, simple past, past participle of the irregular verbs whose past and participle differ or whose
# participle differs from the base
_IRREGULAR = """
arise arose arisen; awake awoke awoken; be was been; bear bore borne; beat beat beaten; become became become;
begin began begun; bend bent bent; bite bit bitten; blow blew blown; break broke broken; bring brought brought;
build built built; buy bought bought; catch caught caught; choose chose chosen; come came come; dig dug dug;
do did done; draw drew drawn; drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen;
feed fed fed; feel felt felt; fight fought fought; find found found; flee fled fled; fly flew flown;
forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven; freeze froze frozen; get got gotten;
give gave given; go went gone; grow grew grown; hang hung hung; hear heard heard; hide hid hidden; hold held held;
keep kept kept; know knew known; lay laid laid; lead led led; leave left left; lend lent lent; lie lay lain;
lose lost lost; make made made; mean meant meant; meet met met; pay paid paid; ride rode ridden; ring rang rung;
rise rose risen; run ran run; say said said; see saw seen; seek sought sought; sell sold sold; send sent sent;
shake shook shaken; shine shone shone; shoot shot shot; show showed shown; shrink shrank shrunk; sing sang sung;
sink sank sunk; sit sat sat; sleep slept slept; slide slid slid; speak spoke spoken; spend spent spent;
stand stood stood; steal stole stolen; stick stuck stuck; sting stung stung; strike struck struck;
strive strove striven; swear swore sworn; sweep swept swept; swim swam swum; swing swung swung; take took taken;
teach taught taught; tear tore torn; tell told told; think thought thought; throw threw thrown;
understand understood understood; undertake undertook undertaken; wake woke woken; wear wore worn; weave wove woven;
win won won; withdraw withdrew withdrawn; write wrote written; overthrow overthrew overthrown; shrink shrank shrunk;
mistake mistook mistaken; overtake overtook overtaken; foresee foresaw foreseen; rewrite rewrote rewritten
"""
PAST: dict[str, str] = {}
PARTICIPLE: dict[str, str] = {}
BASE_OF: dict[str, str] = {}
for _entry in _IRREGULAR.replace("\n", " ").split(";"):
    _b, _p, _pp = _entry.split()
    PAST[_b], PARTICIPLE[_b] = _p, _pp
    BASE_OF.setdefault(_p, _b)
    BASE_OF.setdefault(_pp, _b)
# simple past forms that are never a past participle: wrong after have and passive be
PAST_ONLY = frozenset(p for b, p in PAST.items() if p != PARTICIPLE[b] and p not in PARTICIPLE.values()) - {
    "lay",
    "got",
}
# participles that are never a simple past: wrong straight after a modal or do
PARTICIPLE_ONLY = frozenset(
    pp for b, pp in PARTICIPLE.items() if pp != PAST[b] and pp != b and pp not in PAST.values()
) - {"born", "borne"}
PAST_FORMS = frozenset(p for b, p in PAST.items() if p != b and p not in PARTICIPLE) - {
    "lay",
    "found",
    "saw",
    "left",
    "fell",
    "bore",
    "ground",
    "wound",
}
# verbs whose base form ends in -ed
ED_BASES = frozenset(
    [
        "need",
        "feed",
        "speed",
        "seed",
        "heed",
        "shed",
        "bleed",
        "breed",
        "proceed",
        "exceed",
        "succeed",
        "embed",
        "shred",
        "wed",
        "bed",
        "weed",
        "plead",
        "concede",
        "precede",
        "recede",
        "impede",
        "supersede",
        "intercede",
        "accede",
        "secede",
        "stampede",
    ]
)
# base forms identical to their participle (have come, has put): a "base" after have is then fine
SAME_AS_PARTICIPLE = frozenset(
    [
        "come",
        "become",
        "overcome",
        "run",
        "outrun",
        "put",
        "cut",
        "set",
        "hit",
        "let",
        "hurt",
        "cost",
        "shut",
        "spread",
        "bet",
        "burst",
        "cast",
        "broadcast",
        "forecast",
        "quit",
        "read",
        "upset",
        "bid",
        "fit",
        "rid",
        "shed",
        "split",
        "thrust",
        "wed",
        "beat",
    ]
)

# verbs whose simple past is their base form: "she let me" is past, not a bare base
BASE_IS_PAST = frozenset(
    [
        "let",
        "put",
        "set",
        "cut",
        "hit",
        "quit",
        "read",
        "shut",
        "cost",
        "hurt",
        "spread",
        "bet",
        "burst",
        "cast",
        "broadcast",
        "forecast",
        "upset",
        "bid",
        "fit",
        "rid",
        "shed",
        "split",
        "thrust",
        "beat",
    ]
)
BE_3SG = {"is", "was", "'s", "’s", "isn't", "wasn't", "isn’t", "wasn’t"}
BE_PL = {"are", "were", "'re", "’re", "aren't", "weren't", "aren’t", "weren’t"}
SG3_VERB = {"is", "was", "has", "does", "doesn't", "isn't", "wasn't", "hasn't", "doesn’t", "isn’t", "wasn’t", "hasn’t"}
PL_VERB = {
    "are",
    "were",
    "have",
    "do",
    "don't",
    "aren't",
    "weren't",
    "haven't",
    "don’t",
    "aren’t",
    "weren’t",
    "haven’t",
}
PRONOUN_PERSON = {
    "i": "1sg",
    "you": "pl",
    "we": "pl",
    "they": "pl",
    "he": "3sg",
    "she": "3sg",
    "it": "3sg",
    "this": "3sg",
    "these": "pl",
    "those": "pl",
    "somebody": "3sg",
    "someone": "3sg",
    "everybody": "3sg",
    "everyone": "3sg",
    "nobody": "3sg",
    "anybody": "3sg",
    "anyone": "3sg",
    "each": "3sg",
    "both": "pl",
}
# nouns that take a singular or a plural verb (the government are, the police is): never judged
COLLECTIVE = frozenset(
    [
        "police",
        "staff",
        "team",
        "government",
        "family",
        "crew",
        "majority",
        "minority",
        "public",
        "audience",
        "committee",
        "council",
        "jury",
        "cabinet",
        "party",
        "board",
        "group",
        "couple",
        "band",
        "class",
        "company",
        "management",
        "enemy",
        "army",
        "navy",
        "press",
        "clergy",
        "youth",
        "personnel",
        "cattle",
        "poultry",
        "livestock",
        "people",
        "folk",
        "rest",
        "remainder",
        "lot",
        "number",
        "variety",
        "host",
        "range",
        "handful",
        "dozen",
        "half",
        "third",
        "quarter",
        "percent",
        "cent",
        "proportion",
        "total",
        "bulk",
        "kind",
        "sort",
        "type",
        "series",
        "species",
        "media",
        "data",
        "opposition",
        "administration",
        "leadership",
        "faculty",
        "population",
        "side",
        "squad",
        "club",
        "union",
        "parliament",
        "congress",
        "senate",
        "electorate",
        "workforce",
        "crowd",
        "family",
        "majority",
        "none",
        "all",
        "most",
        "some",
        "any",
        "each",
        "either",
        "neither",
        "other",
        "another",
        "what",
        "which",
        "who",
        "that",
    ]
)
# plural-looking nouns that are singular or take either number
NOT_PLURAL = frozenset(
    [
        "news",
        "series",
        "species",
        "means",
        "headquarters",
        "crossroads",
        "whereabouts",
        "innings",
        "barracks",
        "gallows",
        "kudos",
        "corps",
        "chassis",
        "data",
        "media",
        "politics",
        "economics",
        "physics",
        "mathematics",
        "statistics",
        "athletics",
        "ethics",
        "aerobics",
        "logistics",
        "measles",
        "diabetes",
        "billiards",
        "darts",
        "lens",
        "bus",
        "gas",
        "thanks",
        "congrats",
        "odds",
    ]
)
# nouns with the same form in both numbers
ZERO_PLURAL = frozenset(
    [
        "aircraft",
        "spacecraft",
        "sheep",
        "deer",
        "fish",
        "offspring",
        "personnel",
        "police",
        "people",
        "staff",
        "crew",
        "cattle",
        "series",
        "species",
        "means",
        "headquarters",
        "swine",
        "moose",
        "bison",
        "salmon",
        "trout",
        "cod",
        "counsel",
        "hovercraft",
    ]
)
# measure nouns: "five years is a long time"
MEASURE = frozenset(
    [
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "seconds",
        "dollars",
        "euros",
        "pounds",
        "yuan",
        "yen",
        "pesos",
        "percent",
        "miles",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "tonnes",
        "tons",
        "litres",
        "liters",
        "points",
        "degrees",
        "cents",
    ]
)
DAY_WORDS = frozenset(
    ["today", "tomorrow", "yesterday", "tonight", "ago", "morning", "evening", "night", "afternoon", "noon", "midnight"]
)
PLURAL_DETS = frozenset(["these", "those", "both", "many", "several", "various", "numerous", "few"])
NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
    ]
)
NOT_COUNTED = frozenset(
    [
        "percent",
        "cent",
        "per",
        "million",
        "billion",
        "trillion",
        "thousand",
        "hundred",
        "dozen",
        "score",
        "times",
        "o'clock",
        "pm",
        "am",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "total",
    ]
)
# verbs after which a bare base verb with an object-like subject is normal (make it work, let it go, insist he go)
CAUSATIVE_OR_MANDATIVE = frozenset(
    [
        "let",
        "make",
        "help",
        "see",
        "watch",
        "hear",
        "feel",
        "have",
        "bid",
        "recommend",
        "suggest",
        "insist",
        "demand",
        "require",
        "ask",
        "urge",
        "propose",
        "request",
        "order",
        "prefer",
        "move",
        "mandate",
        "command",
        "direct",
        "stipulate",
        "decree",
        "advise",
    ]
)
MANDATIVE_ADJ = frozenset(
    ["important", "essential", "vital", "necessary", "imperative", "crucial", "critical", "advisable", "desirable"]
)
# verbs that take a clause: "I think it's funny"
CLAUSE_VERBS = frozenset(
    [
        "think",
        "say",
        "know",
        "believe",
        "hope",
        "guess",
        "mean",
        "reckon",
        "suppose",
        "assume",
        "seem",
        "look",
        "claim",
        "insist",
        "admit",
        "deny",
        "realise",
        "realize",
        "understand",
        "fear",
        "expect",
        "suspect",
        "agree",
        "argue",
        "tell",
        "show",
        "doubt",
        "bet",
        "imagine",
        "wish",
        "pretend",
        "promise",
        "warn",
        "confirm",
    ]
)
GERUND_VERBS = frozenset(
    [
        "enjoy",
        "avoid",
        "finish",
        "mind",
        "postpone",
        "practise",
        "practice",
        "quit",
        "dislike",
        "detest",
        "risk",
        "consider",
    ]
)
NOMINATIVE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
ACCUSATIVE = {"me": "I", "him": "he", "them": "they", "us": "we"}


def third_person(base: str) -> str:
    if base in ("be",):
        return "is"
    if base == "have":
        return "has"
    if base in ("do", "go"):
        return base + "es"
    if regex.search(r"(?:s|sh|ch|x|z)$", base):
        return base + "es"
    if regex.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def _ed_base(word: str) -> str:
    """The base of a regular -ed form, picking the commonest candidate (lifted -> lift, noticed -> notice)."""
    if word.endswith("ied"):
        return word[:-3] + "y"
    cands = [word[:-2], word[:-1]]
    if len(word) > 4 and word[-3] == word[-4]:
        cands.append(word[:-3])
    return max(cands, key=zipf)


def participle(base: str) -> str:
    if base in PARTICIPLE:
        return PARTICIPLE[base]
    if base.endswith("e"):
        return base + "d"
    if regex.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    return base + "ed"


def gerund(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if regex.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", base) and len(base) <= 4:
        return base + base[-1] + "ing"
    return base + "ing"


def plural_of(noun: str) -> str:
    irregular = {"child": "children", "man": "men", "woman": "women", "person": "people", "foot": "feet"}
    if noun in irregular:
        return irregular[noun]
    return third_person(noun)


@dataclass(frozen=True)
class Flag:
    """One finding inside a parsed sentence: character offsets into the sentence and suggestions."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    message: str | None = None
    # lower-confidence cases are reported as info (worth a look, not counted as a warning)
    tentative: bool = False


def _flag(first: Token, last: Token, *sugg: str, message: str | None = None, tentative: bool = False) -> Flag:
    return Flag(first.idx, last.idx + len(last.text), tuple(s for s in sugg if s), message, tentative)


def _match_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# --- subject-verb agreement --------------------------------------------------------------------------------


def _finite(verb: Token) -> Token:
    """The finite word of the verb group headed by `verb`: its first auxiliary, else the verb."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return min(auxes, key=lambda t: t.i) if auxes else verb


def _subject_number(subj: Token) -> str | None:
    """'1sg', '3sg', 'pl' or None when unsure."""
    low = subj.lower_
    if subj.dep_ not in ("nsubj", "nsubjpass"):
        return None
    conj = [c for c in subj.children if c.dep_ == "conj"]
    if conj:
        ccs = {c.lower_ for c in subj.children if c.dep_ == "cc"}
        if ccs & {"or", "nor"}:
            return _bare_number(conj[-1])
        if ccs != {"and"}:
            return None
        parts = [subj, *conj]
        if any(
            p.pos_ not in ("NOUN", "PROPN", "PRON") or p.tag_ in ("DT", "WDT") or p.lower_ in ("that", "this", "what")
            for p in parts
        ):
            return None
        if any(c.lower_ in ("each", "every") for p in parts for c in p.children if c.dep_ == "det"):
            return None
        if all(p.tag_ in ("NNP", "NNPS") for p in parts):
            return None  # Trinidad and Tobago
        if any(
            p.pos_ == "PRON" or p.tag_ == "NNP" or any(c.dep_ in ("det", "poss") for c in p.children) for p in parts
        ):
            return "pl"
        return None
    if low in ("who", "that", "which") and subj.head.dep_ == "relcl":
        ante = subj.head.head
        if (
            ante.head.lower_ == "of"
            or ante.pos_ not in ("NOUN", "PRON")
            or any(c.lower_ == "of" for c in ante.children)
        ):
            return None
        if ante.lower_ in ("one", "each", "who", "what", "those", "all", "any", "some"):
            return None
        return _bare_number(ante)
    return _bare_number(subj)


def _bare_number(tok: Token) -> str | None:
    low = tok.lower_
    if low in PRONOUN_PERSON and (tok.pos_ in ("PRON", "DET") or tok.tag_ in ("PRP", "DT", "NN")):
        if low == "each" and not any(c.lower_ == "of" for c in tok.children):
            return None
        if low == "both" and not any(c.lower_ == "of" for c in tok.children):
            return None
        return PRONOUN_PERSON[low]
    if (
        low == "people"
        and tok.is_lower
        and not any(c.dep_ in ("det", "nummod", "amod") and c.lower_ in ("a", "one") for c in tok.children)
    ):
        return "pl"
    if tok.tag_ == "CD" and low not in ("one", "1") and any(c.lower_ in ("these", "those") for c in tok.children):
        return "pl"
    if tok.pos_ not in ("NOUN",) or low in COLLECTIVE or low in NOT_PLURAL:
        return None
    if not tok.is_lower and tok.i != tok.sent.start:
        return None  # a title or a name
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "among")]
    if tok.tag_ == "NNS":
        if tok.lemma_.lower() == low or low.endswith(("ics", "ss")):
            return None
        if low in MEASURE and any(c.dep_ == "nummod" for c in tok.children):
            return None
        return "pl"
    if tok.tag_ == "NN":
        if any(c.lower_ in PLURAL_DETS or c.like_num for c in tok.children if c.i < tok.i):
            return None  # both child: the noun is the error (det-noun)
        if low.endswith("s") and not low.endswith("ss"):
            return None  # mis-tagged plural or a -s mass noun: unsure
        for p in of:
            if any(
                c.tag_ in ("NNS", "NNPS") or c.lower_ in ("them", "us", "you", "these", "those") for c in p.children
            ):
                return None  # a fleet of ships: either number in use
        return "3sg"
    return None


def _verb_number(fin: Token, has_aux: bool) -> str | None:
    low = fin.lower_
    if low in ("am", "'m", "’m"):
        return "1sg"
    if low in SG3_VERB or (fin.tag_ == "VBZ" and low not in ("'s", "’s")):
        return "3sg"
    if low in ("'s", "’s") and fin.tag_ == "VBZ":
        return "3sg"
    if low in PL_VERB or low in BE_PL:
        return "pl"
    if fin.tag_ == "VBP":
        return "pl"
    if fin.tag_ == "VB" and not has_aux:
        return "base"
    return None


def _subjunctive_context(verb: Token, fin: Token) -> bool:
    sent_words = {t.lower_ for t in verb.sent if t.i < fin.i}
    if fin.lower_ in ("were", "be") and sent_words & {"if", "wish", "though", "whether", "suppose", "as", "unless"}:
        return True
    head = verb.head
    if verb.dep_ in ("ccomp", "xcomp", "advcl") and (
        head.lemma_.lower() in CAUSATIVE_OR_MANDATIVE or head.lower_ in MANDATIVE_ADJ
    ):
        return True
    if verb.dep_ in ("ccomp", "advcl") and head.dep_ == "acomp" and head.lower_ in MANDATIVE_ADJ:
        return True
    if any(c.lower_ == "lest" for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "dobj", "pobj", "amod", "acl")


def check_subject_verb(sdoc: Doc) -> Iterator[Flag]:
    for subj in sdoc:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = subj.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        fin = _finite(verb)
        has_aux = fin is not verb
        if fin.tag_ == "MD" or fin.lower_ in ("'d", "’d", "'s", "’s"):
            continue
        vnum = _verb_number(fin, has_aux)
        if vnum is None:
            continue
        snum = _subject_number(subj)
        if snum is None:
            continue
        prev = sdoc[subj.i - 1] if subj.i > 0 else None
        if prev is not None and (
            prev.lower_ in ("and", "or", "nor", "as", "than")
            or (subj.lower_ in ("you", "it", "i") and prev.pos_ in ("VERB", "ADP", "ADJ", "NOUN", "PROPN", "NUM"))
        ):
            continue
        if fin.i < subj.i and (not sdoc.text.rstrip().endswith("?") or fin.lower_ in ("were", "had")):
            continue
        if any(FILL in t.text for t in sdoc[subj.i + 1 : fin.i]):
            continue  # markup (a code span, a shortcode) stands between: it may be the real subject
        if subj.left_edge.i > 0 and sdoc[subj.left_edge.i - 1].lower_ == "of":
            continue
        if (
            snum == "3sg"
            and vnum == "pl"
            and any(t.lower_ in ("and", "&", "or") for t in sdoc[max(0, subj.left_edge.i - 2) : subj.i])
        ):
            continue
        if any(t.tag_ in ("NNP", "NNPS") for t in sdoc[subj.left_edge.i : subj.i]):
            continue  # part of a name: the Master Builder Series sets
        if (fin is verb and fin.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl")) or (
            not fin.is_lower and fin.i > 0
        ):
            continue
        if vnum == "base" and fin.lower_ in BASE_IS_PAST:
            continue
        if fin is verb and zipf(fin.lower_) < 2.5:
            continue  # a rare word tagged as a verb is more likely a tagging slip
        if sdoc[0].lower_ == "how" and len(sdoc) > 1 and sdoc[1].lower_ in ("many", "much"):
            continue
        if snum == "pl" and subj.tag_ == "NNS" and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in subj.children):
            continue
        if vnum == "base":
            # a bare base form as the finite verb: only after a third-person singular subject, clause-initial
            if snum != "3sg" or fin.i < subj.i or fin.lower_ == "be":
                continue
            if _subjunctive_context(verb, fin) or verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl"):
                continue
            if sdoc.text.rstrip().endswith("!") and subj.lower_ in PRONOUN_PERSON:
                continue
            yield _flag(
                fin, fin, third_person(fin.lower_), message=f"'{subj.text}' takes '{third_person(fin.lower_)}'."
            )
            continue
        if snum == vnum:
            continue
        if snum == "1sg" and (vnum == "pl" and fin.lower_ not in ("are", "were", "aren't", "weren't")):
            continue  # I have, I do
        if snum == "1sg" and fin.lower_ == "was":
            continue
        if vnum == "1sg" and snum == "1sg":
            continue
        if vnum == "pl" and _subjunctive_context(verb, fin):
            continue
        # a plain present form before its singular subject is more often a tagging slip than an error
        plain = fin.tag_ == "VBP" and fin.lower_ not in PL_VERB and fin.lower_ not in BE_PL
        if vnum == "pl" and plain and fin.i < subj.i:
            continue
        if vnum == "3sg" and fin.i < subj.i and snum == "3sg":
            continue
        right = _agreeing_form(fin, snum)
        yield _flag(
            fin,
            fin,
            right,
            message=f"The verb '{fin.text}' does not agree with its subject '{subj.text}'.",
        )


def _agreeing_form(fin: Token, snum: str) -> str:
    low = fin.lower_
    table = {
        ("is", "pl"): "are",
        ("is", "1sg"): "am",
        ("are", "1sg"): "am",
        ("are", "3sg"): "is",
        ("was", "pl"): "were",
        ("were", "3sg"): "was",
        ("were", "1sg"): "was",
        ("has", "pl"): "have",
        ("has", "1sg"): "have",
        ("have", "3sg"): "has",
        ("does", "pl"): "do",
        ("does", "1sg"): "do",
        ("do", "3sg"): "does",
        ("doesn't", "pl"): "don't",
        ("doesn't", "1sg"): "don't",
        ("don't", "3sg"): "doesn't",
        ("isn't", "pl"): "aren't",
        ("aren't", "3sg"): "isn't",
        ("wasn't", "pl"): "weren't",
        ("weren't", "3sg"): "wasn't",
        ("hasn't", "pl"): "haven't",
        ("haven't", "3sg"): "hasn't",
    }
    key = low.replace("’", "'")
    if (key, snum) in table:
        return _match_case(fin.text, table[(key, snum)])
    base = fin.lemma_.lower()
    if snum == "3sg":
        return _match_case(fin.text, third_person(base))
    return _match_case(fin.text, base)


# --- verb form after auxiliaries ---------------------------------------------------------------------------


def check_verb_form(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass"):
            continue
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        if not auxes:
            continue
        near = max(auxes, key=lambda t: t.i)
        low = tok.lower_
        base = BASE_OF.get(low, tok.lemma_.lower())
        nl = near.lower_
        before_aux = sdoc[near.i - 1] if near.i > 0 else None
        if before_aux is not None and (
            before_aux.lower_ in ("nor", "neither", "so", "as", "than", "better", "rather")
            or (before_aux.tag_ in ("DT", "PRP$", "JJ") and nl == "can")
        ):
            continue
        if near.text in ("Will", "May", "Can") and all(t.tag_ == "NNP" for t in sdoc[near.i + 1 : tok.i]):
            continue
        if any(t.lower_ in ("better", "best", "rather", "there") for t in sdoc[near.i + 1 : tok.i]):
            continue
        if near.tag_ == "MD" or (near.lemma_ == "do" and nl not in ("done", "doing")) or nl == "to":
            if nl == "to" and (near.tag_ != "TO" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
                continue
            wrong = tok.tag_ in ("VBD", "VBZ") or (tok.tag_ == "VBN" and (nl == "to" or low in PARTICIPLE_ONLY))
            if tok.tag_ == "VB" and (low in PAST_FORMS or (low.endswith("ed") and low not in ED_BASES)):
                wrong = True
                base = BASE_OF.get(low) or _ed_base(low)
            if near.tag_ == "MD" and tok.tag_ == "VBG" and near.i == tok.i - 1 and tok.dep_ == "ROOT":
                wrong = True
            if tok.tag_ in ("VBD", "VBN") and low in SAME_AS_PARTICIPLE | {"put", "set", "cut", "hit", "let"}:
                wrong = low not in BASE_OF or BASE_OF[low] != low
            if not wrong or not tok.is_lower:
                continue
            if low == base or (low in ED_BASES and tok.tag_ == "VB"):
                continue
            if nl == "to" and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
                continue
            if nl == "to" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].tag_ in ("NN", "NNS", "JJ"):
                continue  # linked to decreased demand: an adjective
            yield _flag(tok, tok, base, message=f"After '{near.text}' use the base form '{base}', not '{tok.text}'.")
        elif near.lemma_ == "have" and nl not in ("'d", "’d"):
            bad = low in PAST_ONLY or (
                tok.tag_ in ("VB", "VBP", "VBZ") and low == tok.lemma_.lower() and low not in SAME_AS_PARTICIPLE
            )
            if tok.tag_ == "VBZ" and low.endswith("s"):
                bad = True
            if not bad or not tok.is_lower or tok.i - near.i > 3:
                continue
            right = participle(base)
            yield _flag(tok, tok, right, message=f"After '{near.text}' use the past participle '{right}'.")
        elif near.lemma_ == "be" and near.dep_ == "auxpass":
            bad = low in PAST_ONLY or (
                tok.tag_ in ("VB",) and low == tok.lemma_.lower() and low not in SAME_AS_PARTICIPLE
            )
            if not bad or not tok.is_lower or tok.i - near.i > 3:
                continue
            right = participle(base)
            yield _flag(tok, tok, right, message=f"After '{near.text}' use the past participle '{right}'.")


# --- determiner and noun number ----------------------------------------------------------------------------


def _is_head_noun(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.dep_ in ("compound", "amod", "nmod"):
        return False
    return not (nxt is not None and (nxt.tag_ in ("NN", "NNS", "NNP", "POS") or nxt.text in ("-", "'", "’")))


def check_det_noun(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.tag_ not in ("NN", "NNS") or not tok.is_lower or not tok.is_alpha or len(tok) < 4:
            continue
        low = tok.lower_
        if low.endswith(("ing", "ae", "is", "us", "ics")) or low in NOT_COUNTED or low in DAY_WORDS:
            continue
        if any(c.dep_ in ("conj", "cc") for c in tok.children):
            continue
        if not _is_head_noun(tok):
            continue
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "nummod", "predet")]
        if any(c.lower_ in ("a", "an", "the", "every", "each", "another") for c in mods) and tok.tag_ == "NN":
            continue
        for m in mods:
            ml = m.lower_
            if (not m.is_lower and m.i > 0) or m.is_upper or (m.i > 0 and sdoc[m.i - 1].text == "-"):
                continue
            between = sdoc[m.i + 1 : tok.i]
            if any(
                t.like_num or t.lower_ in ("few", "lot", "number", "couple", "dozen", "many", "great", "good")
                for t in between
            ):
                continue
            if any(t.text in (",", "and", "or") for t in between):
                continue
            if tok.tag_ == "NN" and low not in ZERO_PLURAL and not (low.endswith("s") and not low.endswith("ss")):
                if ml in ("these", "those") and m.dep_ == "det":
                    if low in ("kind", "sort", "type") and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "of":
                        yield _flag(
                            m,
                            tok,
                            f"{_match_case(m.text, 'this' if ml == 'these' else 'that')} {low}",
                            f"{m.text} {low}s",
                            tentative=True,  # common in speech and informal copy
                        )
                    else:
                        yield _flag(m, tok, f"{m.text} {plural_of(low)}")
                elif ml in ("both", "many", "several", "various", "numerous") and m.dep_ in ("det", "amod", "predet"):
                    if any(c.lower_ == "a" for c in mods):
                        continue  # many a time
                    yield _flag(m, tok, f"{m.text} {plural_of(low)}")
                elif ml in NUMBER_WORDS and m.dep_ == "nummod" and low not in NOT_COUNTED:
                    yield _flag(m, tok, f"{m.text} {plural_of(low)}")
            elif tok.tag_ == "NNS" and low not in NOT_PLURAL and low not in ZERO_PLURAL and tok.lemma_.lower() != low:
                if low.endswith(("ics", "ss")) or any(c.dep_ == "case" for c in tok.children):
                    continue
                if ml == "this" and m.dep_ == "det":
                    yield _flag(m, tok, f"{_match_case(m.text, 'these')} {low}", f"{m.text} {tok.lemma_.lower()}")
                elif ml in ("a", "an") and m.dep_ == "det" and not between.text.strip():
                    # "a doubles", "a tops" are singular in use: a plural after a/an is only worth a look
                    yield _flag(m, tok, low, f"{m.text} {tok.lemma_.lower()}", tentative=True)
                elif (
                    ml in ("a", "an") and m.dep_ == "det" and all(t.tag_ in ("JJ", "JJR", "JJS", "RB") for t in between)
                ):
                    yield _flag(m, tok, f"{sdoc[m.i : tok.i].text} {tok.lemma_.lower()}", tentative=True)
                elif ml == "one" and m.dep_ == "nummod" and tok.i == m.i + 1:
                    yield _flag(m, tok, f"{m.text} {tok.lemma_.lower()}")


# --- there is + plural -------------------------------------------------------------------------------------


def check_there_plural(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ not in ("there", "here") or tok.i + 2 >= len(sdoc):
            continue
        verb = sdoc[tok.i + 1]
        if verb.lower_ not in ("is", "was", "'s", "’s", "isn't", "wasn't", "isn’t", "wasn’t"):
            continue
        if tok.i > 0 and sdoc[tok.i - 1].lower_ in ("is", "was", "are", "were"):
            continue  # is there ...
        if tok.lower_ == "here" and tok.i > 0 and not sdoc[tok.i - 1].is_punct:
            continue
        j = tok.i + 2
        counted = False
        while j < len(sdoc) and (
            sdoc[j].tag_ in ("JJ", "RB", "CD") or sdoc[j].lower_ in ("no", "some", "many", "several", "any", "more")
        ):
            if sdoc[j].tag_ == "CD" and sdoc[j].lower_ not in ("one", "1"):
                counted = True
            if sdoc[j].lower_ in ("than", "of"):
                break
            j += 1
        if j >= len(sdoc):
            continue
        noun = sdoc[j]
        if noun.tag_ != "NNS" or not noun.is_lower or noun.lower_ in NOT_PLURAL | {"lots", "plenty", "loads", "tons"}:
            continue
        if noun.lemma_.lower() == noun.lower_ or noun.lower_.endswith(("ics", "ss")):
            continue
        if j + 1 < len(sdoc) and sdoc[j + 1].tag_ in ("NN", "NNS", "POS"):
            continue  # a communications department
        if any(t.lower_ in ("more", "than") for t in sdoc[tok.i + 2 : j]) and not counted:
            continue
        right = "were" if verb.lower_.startswith("was") else "are"
        if "n" in verb.lower_[2:]:
            right += "n't"
        yield _flag(tok, noun, f"{tok.text} {right} {sdoc[tok.i + 2 : j + 1].text}")


# --- it's for the possessive its ---------------------------------------------------------------------------


def check_its_possessive(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ != "it" or tok.i + 2 >= len(sdoc):
            continue
        aps = sdoc[tok.i + 1]
        if aps.text not in ("'s", "’s") or tok.whitespace_:
            continue
        j = tok.i + 2
        while j < len(sdoc) and sdoc[j].tag_ in ("JJ", "JJS", "JJR") and sdoc[j].lower_ not in ("such", "all", "own"):
            j += 1
        if j >= len(sdoc):
            continue
        noun = sdoc[j]
        first = sdoc[tok.i + 2]
        if noun.tag_ not in ("NN", "NNS") or not noun.is_lower or noun.lower_ in ("time", "fun", "nothing", "business"):
            continue
        if first.lower_ in ("all", "not", "no", "only", "just", "about", "like", "worth", "due", "enough", "so", "too"):
            continue
        after = sdoc[j + 1] if j + 1 < len(sdoc) else None
        if after is not None and after.tag_ in ("NN", "NNS") and noun.tag_ == "NN":
            continue  # it's birthday time
        prev = sdoc[tok.i - 1] if tok.i > 0 else None
        plural = noun.tag_ == "NNS" and noun.lemma_.lower() != noun.lower_
        verb_follows = after is not None and after.pos_ in ("VERB", "AUX") and after.tag_ not in ("VBG",)
        if prev is None or prev.is_punct or prev.lower_ in ("and", "but", "so"):
            ok = verb_follows and after is not None and after.tag_ not in ("WP", "WDT")
        elif prev.pos_ == "ADP" or prev.tag_ == "IN":
            ok = prev.lower_ not in (
                "that", "because", "if", "as", "than", "so", "whether", "until", "although", "though", "while",
                "since", "before", "after", "when", "once", "unless", "like",
            )  # fmt: skip
        elif prev.pos_ in ("VERB", "AUX"):
            ok = (prev.lemma_.lower() not in CLAUSE_VERBS and prev.lemma_.lower() != "be") or plural
        elif prev.lower_ in ("all", "such"):
            ok = True
        else:
            ok = plural
        if not ok:
            continue
        yield _flag(
            tok,
            aps,
            _match_case(tok.text, "its"),
            message="The possessive is 'its' (no apostrophe); \"it's\" is 'it is' or 'it has'.",
        )


# --- pronoun case in coordinations -------------------------------------------------------------------------


def check_pronoun_case(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        low = tok.lower_.rstrip(".")
        if low not in ACCUSATIVE and low not in NOMINATIVE and low != "her":
            continue
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        first = tok.i == 0 or all(t.is_punct for t in sdoc[: tok.i])
        if first and nxt is not None and nxt.lower_ == "and" and tok.i + 2 < len(sdoc):
            after = sdoc[tok.i + 2]
            if low in ACCUSATIVE or (low == "her" and after.lower_ in NOMINATIVE):
                right = ACCUSATIVE.get(low, "she")
                yield _flag(
                    tok, tok, right.capitalize() if right != "I" else right, message=f"In a subject write '{right}'."
                )
                continue
        root = tok
        while root.dep_ == "conj":
            root = root.head
        if root is tok and not any(c.dep_ == "conj" for c in tok.children):
            continue
        if not any(c.lower_ == "and" for c in root.children if c.dep_ == "cc"):
            continue
        acc = low in ACCUSATIVE or (low == "her" and tok.tag_ == "PRP")
        subject_like = root.dep_ in ("nsubj", "nsubjpass") and root.i < root.head.i
        if acc and tok is not root and not subject_like and root.i <= 2 and nxt is not None:
            subject_like = nxt.pos_ in ("VERB", "AUX") and nxt.tag_ not in ("VBG", "VBN")
        if acc and subject_like:
            right = ACCUSATIVE.get(low, "she")
            yield _flag(
                tok, tok, _match_case(tok.text, right), message=f"In a subject write '{right}', not '{tok.text}'."
            )
        elif low in NOMINATIVE and root.dep_ in ("pobj", "dobj", "dative", "iobj") and tok is not root:
            right = NOMINATIVE[low]
            yield Flag(
                tok.idx, tok.idx + len(low), (right,), f"In an object write '{right}', not '{tok.text.rstrip('.')}'."
            )


# --- all of + bare noun ------------------------------------------------------------------------------------


def check_of_bare_noun(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ not in ("all", "most", "some", "many", "much", "none", "each", "several", "few", "any"):
            continue
        if tok.i + 2 >= len(sdoc) or sdoc[tok.i + 1].lower_ != "of":
            continue
        if tok.i > 0 and sdoc[tok.i - 1].lower_ in ("the", "at", "a"):
            continue  # at most of, the most of
        noun = sdoc[tok.i + 2]
        if noun.tag_ not in ("NN", "NNS") or not noun.is_lower or not noun.is_alpha:
            continue
        if noun.lower_ in ("course", "note", "interest", "sudden", "late", "old"):
            continue
        if any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
            continue
        yield _flag(tok, noun, f"{tok.text} {noun.text}", f"{tok.text} of the {noun.text}")


# --- gerund wanted after to / after enjoy ------------------------------------------------------------------

_GERUND_TO = regex.compile(
    r"(?i)^(?:look(?:s|ed|ing)?\s+forward|accustomed|when\s+it\s+comes|with\s+a\s+view|in\s+addition|"
    r"object(?:s|ed)?|(?:am|is|are|was|were|be|been|get|got|getting|'m|’m|'re|’re)\s+used)$"
)


def check_gerund_after(sdoc: Doc) -> Iterator[Flag]:
    for tok in sdoc:
        if tok.lower_ != "to" or tok.i + 1 >= len(sdoc) or tok.i < 1:
            continue
        verb = sdoc[tok.i + 1]
        if verb.tag_ != "VB" or not verb.is_lower or verb.lower_ in ("be",):
            continue
        before = sdoc[max(0, tok.i - 3) : tok.i]
        words = [t.text for t in before]
        hit = False
        for k in range(len(words)):
            if _GERUND_TO.match(" ".join(words[k:])):
                hit = True
                if "used" in words[k:]:
                    subj = [t for t in sdoc[: tok.i] if t.dep_ in ("nsubj", "nsubjpass")]
                    hit = bool(subj) and subj[-1].lower_ in ("i", "we", "you", "they", "he", "she")
                break
        prev = sdoc[tok.i - 1]
        if not hit and prev.lemma_.lower() in GERUND_VERBS and prev.pos_ == "VERB" and prev.tag_ != "VBN":
            hit = True
        if hit:
            yield _flag(
                tok,
                verb,
                f"to {gerund(verb.lower_)}" if prev.lemma_.lower() not in GERUND_VERBS else gerund(verb.lower_),
            )


# --- registry ----------------------------------------------------------------------------------------------

_MODALS = r"(?:can|could|will|would|shall|should|may|might|must|did|does|do|didn['’]t|doesn['’]t|don['’]t|can['’]t|won['’]t|cannot)"  # noqa: E501
_IRREG_FORMS = "|".join(sorted(PAST_ONLY | PARTICIPLE_ONLY | frozenset(PAST.values()), key=len, reverse=True))
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
_PAST_FORMS_RX = "|".join(sorted(PAST_FORMS, key=len, reverse=True))
_PAST_ONLY_RX = "|".join(sorted(PAST_ONLY | {"was", "were"}, key=len, reverse=True))
_SV_BE = r"(?:is|was|has|does|doesn['’]t|isn['’]t|wasn['’]t|hasn['’]t)"
# he didn't, she wouldn't: a modal, a past or a singular form, never wrong after he or she
_NOT_AUX_NT = r"(?!(?:does|is|was|has|did|had|wo|would|ca|could|should|must|might|need)n['’]t)"


@dataclass(frozen=True)
class Cue:
    """One prefilter pattern. `guard`, when given, is a cheaper pattern that every text the pattern matches
    also matches: tried first, it turns most sentences away without running the slow pattern."""

    pattern: str
    guard: str | None = None


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
            r"\b(?:[Bb]oth|[Ee]ach|[Oo]ne|[Nn]either|[Ee]ither) of \w+(?:\s+\w+)?\s+(?:is|are|was|were|has|have|\w+s)\b"
        ),
        Cue(r"^(?:Does|Has|Is|Was|Do|Have)\s"),
        Cue(r"\b(?:[Ww]hat|[Ww]here|[Ww]hen|[Ww]hy|[Hh]ow)\s+(?:does|has|do|have)\s"),
        Cue(r"\b[Tt]his\s+(?:are|were|have|do|don['’]t)\b"),
        Cue(r"\b(?:[Tt]hese|[Tt]hose)\s+(?:\w+\s+)?(?:is|was|has|does|isn['’]t|wasn['’]t|hasn['’]t|doesn['’]t)\b"),
        Cue(r"^(?:\w+\s+){0,2}?\w+\s+and\s+(?:\w+\s+){0,2}?(?:is|was|has|[a-z]+[^s\W'’]s)\b"),
    ),
    "verb-form": (
        Cue(
            rf"^(?i:did|does|do|can|could|will|would|should|may|might|must|didn['’]t|doesn['’]t|don['’]t)\s+(?:\w+\s+){{1,4}}?(?:{_IRREG_FORMS}|\w+ed|\w+[^s\W]s)\b"
        ),
        Cue(
            rf"\b(?i:{_MODALS})\s+(?:(?:not|never|\w+ly|also|even|ever|just|really|still)\s+)?(?:{_IRREG_FORMS}|\w+ed|{_STOP_S}\w+[^s\W]s|been)\b"
        ),
        Cue(r"\b(?i:can|could|will|would|shall|should|may|might|must)\s+\w+ing\b"),
        Cue(rf"\bto\s+(?:not\s+)?(?:{_PAST_FORMS_RX}|\w+ed|{_STOP_S}{_FUNCTION}[a-z]+[^s\W'’]s)\b"),
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


class Prefilter:
    """A check's cues compiled: does a sentence need parsing for this check?

    Each cue also has the words one of which a sentence must hold for it to match, worked out from its
    pattern and its guard (prefilter.word_keys, every word counted: 'they' or 'were' is in most documents but
    in few sentences): given the sentence's words, a cue whose words are all missing is passed over without a
    search.
    """

    def __init__(self, cues: tuple[Cue, ...]):
        self._cues = [
            (
                None if c.guard is None else regex.compile(c.guard, regex.VERSION0),
                regex.compile(c.pattern, regex.VERSION0),
            )
            for c in cues
        ]
        self._sources = [(c.pattern, c.guard) for c in cues]
        self._words: list[list[Keys]] | None = None

    def word_keys(self) -> list[list[Keys]]:
        """Per cue: the words and texts (prefilter.word_keys) of its pattern, and of its guard, which every
        sentence the pattern matches also matches: a sentence it matches holds one of each."""
        if self._words is None:
            self._words = [
                [
                    k
                    for k in (word_keys(source, every_word=True) for source in sources if source is not None)
                    if k is not None
                ]
                for sources in self._sources
            ]
        return self._words

    def admits(self, text: str, words: TextWords | None = None) -> bool:
        """Does a cue match the sentence? `words`: the sentence read for word tests (see sentence_words), None
        when its document's characters are not plain enough for them."""
        if words is None:
            return any((guard is None or guard.search(text)) and pattern.search(text) for guard, pattern in self._cues)
        for needs, (guard, pattern) in zip(self.word_keys(), self._cues, strict=True):
            for keys in needs:  # a plain loop: this runs for every cue of every sentence
                if not may_hold_words(keys, words):
                    break
            else:
                if (guard is None or guard.search(text)) and pattern.search(text):
                    return True
        return False


def sentence_words(doc: Document) -> list[TextWords] | None:
    """Each sentence read for word tests (prefilter.text_words); None when the document's characters are not
    plain enough for them. Shared by the checks of one document."""
    key = "agreement-sentence-words"
    if key not in doc.cache:
        clean = doc_index(doc).clean
        doc.cache[key] = [text_words(s.text) for s in doc.sentences] if clean else None
    words: list[TextWords] | None = doc.cache[key]
    return words


CHECKS: dict[str, Callable[[Doc], Iterator[Flag]]] = {
    "subject-verb": check_subject_verb,
    "verb-form": check_verb_form,
    "det-noun": check_det_noun,
    "there-plural": check_there_plural,
    "its-possessive": check_its_possessive,
    "pronoun-case": check_pronoun_case,
    "of-bare-noun": check_of_bare_noun,
    "gerund-after": check_gerund_after,
}


def _check_name(value: object) -> str:
    if not isinstance(value, str) or value not in CHECKS:
        raise ValueError(f"must be one of: {', '.join(CHECKS)}")
    return value


class AgreementChecker(Checker):
    kind = "agreement"
    needs_model = True
    options = {
        "check": Option(_check_name, required=True, help=f"one of: {', '.join(CHECKS)}"),
        "max_words": Option(int, default=60, help="sentences longer than this are not parsed"),
    }

    def setup(self) -> None:
        self.func = CHECKS[self.opts["check"]]
        self.prefilter = Prefilter(PREFILTERS[self.opts["check"]])

    def warm(self, doc: Document) -> None:
        self.prefilter.word_keys()  # worked out on first use

    def model_blocks(self, doc: Document) -> tuple[list[Block], str]:
        """The sentences this rule parses in `doc` (its cues found them), and what it reads: the full parse."""
        from ..nlp import FULL

        key = f"agreement-blocks:{self.rule.id}"
        blocks: list[Block] | None = doc.cache.get(key)
        if blocks is None:
            most = self.opts["max_words"]
            words = sentence_words(doc)
            admits = self.prefilter.admits
            blocks = [
                s
                for i, s in enumerate(doc.sentences)
                if s.text.count(" ") < most and admits(s.text, None if words is None else words[i])
            ]
            doc.cache[key] = blocks
        return blocks, FULL

    def check(self, doc: Document) -> Iterator[Hit]:
        from .. import nlp

        blocks, level = self.model_blocks(doc)
        if not blocks:
            return
        for block, sdoc in zip(blocks, nlp.parse(doc, blocks, level), strict=True):
            for f in self.func(sdoc):
                yield Hit(
                    block.start + f.start,
                    block.start + f.end,
                    suggestions=f.suggestions,
                    message=f.message,
                    severity=Severity.INFO if f.tentative else None,
                )


CHECKER = AgreementChecker
