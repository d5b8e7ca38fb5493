"""kind: misplaced-mark: a comma, semicolon, colon or period inside a phrase, where English grammar cannot put one."""
# The tags on both sides decide (an article, a possessive, `to`, an auxiliary, a subject pronoun before the
# word it must join; a semicolon needs a clause on each side, a colon a complete phrase before it); the tagger
# alone is a third of a full parse, and a parse of a sentence with a stray comma in it is unreliable where the
# comma is.

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Block, Document
from ..findings import Hit
from ..lexicon import zipf as lexicon_zipf
from ..nlp import TAGS
from .base import Checker, Option

# a mark between two words: the word before it is what the tagger and parser judge
_MARK = re.compile(r"(?<=[^\W\d_])([,;:])[ \t]+(?=[^\W\d_])")
_FINAL = re.compile(r"""[.!?][”"’'»)\]]*\s*$""")
# a sentence ending in a period after a lower-case word, and the same paragraph going on after it
_FUNCTION_WORD_END = re.compile(r"(?<![\w.'’-])([a-z]+)\.$")
# an article with a period after it, anywhere in a sentence (`a. majority`, `the. Government`): spaCy reads
# `a.` as one token, an abbreviation, so the article is found by its letters
_ARTICLE_PERIOD = re.compile(r"(?<![\w.'’&-])(a|an|the|The|An)\.(?![\w.])")
_GOES_ON = re.compile(r"[ \t]+[^\s]")
_ENDS_PHRASE = "a word that needs the rest of its phrase and the rest"
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
# Articles open a noun phrase and never end one (`the, government`); other determiners can stand alone
# as pronouns (`all, some, that`), so only these are judged.
ARTICLES = frozenset(["a", "an", "the", "every", "another"])
_NOUN_PHRASE_START = frozenset(["DT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PDT"])
_FINITE = frozenset(["VBD", "VBP", "VBZ", "MD"])
_VERB_TAGS = frozenset(["VB", "VBD", "VBP", "VBZ", "VBN", "VBG", "MD", "TO"])
# prepositions that govern a noun phrase and do not also join clauses (`since`, `as`, `after` do)
_PREPOSITIONS = frozenset(["of", "in", "on", "at", "for", "with", "from", "by", "into", "during", "between", "among"])
# the forms of `be` and `have` that make tenses with a participle (`has, been`, `was, taken`)
_AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had"])
_ASIDE_MARKS = frozenset([",", ";", ":", "(", ")", "—", "–", "-"])
_SUBJECT_PRONOUNS = frozenset(["i", "he", "she", "we", "they"])
_OBJECT_PRONOUNS = frozenset(["me", "him", "us", "them"])
# words that only continue a phrase, which a colon cannot introduce
_BOUND = frozenset(["of", "than", "that"])
# determiners that also stand alone as pronouns (`we want all; they want none`)
_PRONOUN_DETERMINERS = frozenset(
    [
        "all",
        "both",
        "each",
        "either",
        "neither",
        "none",
        "some",
        "any",
        "this",
        "that",
        "these",
        "those",
        "half",
        "another",
    ]
)
_ELLIPSES = frozenset(["...", "…", ".."])
_COORDINATORS = frozenset(["and", "or", "but", "nor"])
# the most words of a semicolon's side that has no verb: a longer one may be a verbless clause of a list
_SHORT_SIDE = 6
# the tags of a noun phrase, and of the words that can open one as a subject
_NOUN_PHRASE = frozenset(
    ["DT", "PDT", "PRP", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH"]
)
# what stands before an adjective that modifies a noun (`the lunar, surface`, `both true, freshmen`): after
# these the adjective and its noun are one phrase even where a clause goes on after it
_ATTRIBUTIVE = frozenset(["DT", "PRP$", "POS", "JJ", "JJR"])
_SUBJECT_START = frozenset(["DT", "PDT", "PRP", "PRP$", "CD", "NNP", "NNPS", "NN", "NNS"])


class MisplacedMarkChecker(Checker):
    kind = "misplaced-mark"
    needs_parser = True
    parse_level = TAGS
    options = {
        "min_zipf": Option(
            (int, float),
            default=5.3,
            help="a comma before a capital is judged only after a word this common (a function word)",
        ),
        "max_words": Option(int, default=80, help="sentences longer than this are not parsed"),
    }

    # lexicon.zipf remembers every word it has looked up: no memo of our own
    zipf = staticmethod(lexicon_zipf)

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences where a mark may stand inside a phrase: before a lower-case word, after a function
        word (`The, government`, `in, Paris`), a semicolon or colon anywhere between words, or a period after a
        function word that ends a sentence the paragraph goes on from (`the. Government`)."""
        floor = float(self.opts["min_zipf"])
        most = int(self.opts["max_words"])
        blocks: list[Block] = []
        for s in doc.sentences:
            if s.text.count(" ") >= most or not _FINAL.search(s.text):
                continue  # a headline or a label (no final mark) punctuates by other conventions
            end = _FUNCTION_WORD_END.search(s.text)
            if _ARTICLE_PERIOD.search(s.text) or (
                end and self.zipf(end.group(1)) >= floor and _GOES_ON.match(doc.text, s.end)
            ):
                blocks.append(s)  # a period after a function word, and the paragraph goes on
                continue
            for m in _MARK.finditer(s.text):
                w = _WORD_BEFORE.search(s.text, 0, m.start())
                if w and (m.group(1) != "," or s.text[m.end()].islower() or self.zipf(w.group(1).lower()) >= floor):
                    blocks.append(s)
                    break
        return blocks

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for m in _ARTICLE_PERIOD.finditer(block.text, 1):  # `a.` opening a sentence marks an item of a list
                if _GOES_ON.match(doc.text, block.start + m.end()):
                    at = block.start + m.end() - 1
                    yield Hit(
                        at,
                        at + 1,
                        replacement="",
                        params=(("mark", "."), ("before", m.group(1)), ("why", _ENDS_PHRASE)),
                    )
            k = len(sdoc) - 2
            if k >= 1 and sdoc[-1].text == "." and _cannot_end(sdoc, k) and _GOES_ON.match(doc.text, block.end):
                start = block.start + sdoc[-1].idx
                yield Hit(
                    start,
                    start + 1,
                    replacement="",
                    params=(("mark", "."), ("before", sdoc[k].text), ("why", _ENDS_PHRASE)),
                )
            for tok in sdoc:
                if tok.text in (",", ";", ":") and 0 < tok.i < len(sdoc) - 1:
                    why = _misplaced(sdoc, tok.i)
                    if why:
                        start = block.start + tok.idx
                        left = sdoc[tok.i - 1]
                        yield Hit(
                            start,
                            start + 1,
                            replacement="",
                            params=(("mark", tok.text), ("before", left.text), ("why", why)),
                        )


def _aside(sdoc: Any, i: int, reach: int) -> bool:
    """Does a mark within `reach` tokens after i close an aside that the mark at i opens?"""
    return any(_aside_mark(sdoc, t) for t in sdoc[i + 1 : i + reach])


def _aside_mark(sdoc: Any, t: Any) -> bool:
    # a hyphen inside a word (`less-intimidating`) is a token of its own, but sets nothing off
    if t.text == "-" and t.i > 0 and not sdoc[t.i - 1].whitespace_:
        return False
    return t.text in _ASIDE_MARKS or bool(t.is_quote)


def _noun_ends_clause(sdoc: Any, k: int) -> bool:
    """Is token k a noun followed by a finite verb (`the cold, people stayed`): a new clause, not a phrase?"""
    return k + 1 < len(sdoc) and sdoc[k + 1].tag_ in _FINITE


def _object_only(sdoc: Any, i: int) -> bool:
    """Does what follows the mark at i run to the next mark without a finite verb: a phrase, not a clause?"""
    for t in sdoc[i + 1 :]:
        if t.is_punct:
            return True
        if t.tag_ in _FINITE:
            return False
    return True


def _cannot_end(sdoc: Any, k: int) -> bool:
    """Can no sentence end on the word at k: a possessive determiner, a conjunction, or a preposition after a
    noun (`the University of.`)? (A preposition after a verb or an adjective can: `what it is made of.`,
    `they had not agreed to.`, `to get the most of.`; articles are _ARTICLE_PERIOD's.)"""
    t = sdoc[k]
    if not t.text.islower() or not t.is_alpha:
        return False
    if t.tag_ == "CC":
        return True
    if t.tag_ == "PRP$":
        return t.lower_ not in ("his", "her")  # also pronouns: `the choice was his.`
    return t.lower_ in _PREPOSITIONS and sdoc[k - 1].tag_ in ("NN", "NNS", "NNP", "NNPS")


def _open_word(sdoc: Any, k: int, mark: str) -> bool:
    """Does the word at k need words after it: a conjunction, a determiner, 'to', a modal, and before a
    semicolon an auxiliary or a preposition not stranded after a verb? (A colon may follow a copula or a
    preposition that introduces a list: `the question is:`, `such as:`.)"""
    t = sdoc[k]
    if t.tag_ in ("CC", "DT", "PRP$", "TO", "MD", "WDT") or t.lower_ in ("n't", "n’t"):
        return t.lower_ not in _PRONOUN_DETERMINERS
    if mark != ";":
        return False
    if t.lower_ in _AUXILIARIES and t.tag_ != "VBN":
        return True
    return t.tag_ == "IN" and (k == 0 or sdoc[k - 1].tag_ not in _VERB_TAGS)


def _cut(sdoc: Any) -> bool:
    """Does the text start or end with an ellipsis: cut from a longer sentence, whose other part is not there?"""
    return len(sdoc) > 0 and (sdoc[0].text in _ELLIPSES or sdoc[-1].text in _ELLIPSES)


def _question(sdoc: Any, k: int) -> bool:
    """Is the verb at k followed by a pronoun (`would you take`, `aren't you`): a question, not a statement?"""
    nxt = [t for t in sdoc[k + 1 : k + 3] if t.lower_ != "n't"]
    return bool(nxt) and nxt[0].tag_ == "PRP"


def _bound_word(sdoc: Any, k: int) -> bool:
    """`of`, `than`, `that`: words that only continue a phrase begun before them (but `that is,`)."""
    nxt = sdoc[k + 1].lower_ if k + 1 < len(sdoc) else ""
    return sdoc[k].tag_ == "IN" and sdoc[k].lower_ in _BOUND and nxt != "is"


def _coordinated(sdoc: Any, k: int) -> bool:
    """Is the word at k joined to the next by a hyphen or a conjunction (`icy, ocean-going`, `federal, state and
    local`): a series of modifiers, which commas separate?"""
    return k + 1 < len(sdoc) and (sdoc[k + 1].tag_ in ("HYPH", "CC") or sdoc[k + 1].text == "-")


def _inversion(sdoc: Any, k: int) -> bool:
    """Is the verb at k followed by its subject alone (`..., said the bank.`): a reporting inversion?"""
    rest = []
    for t in sdoc[k + 1 :]:
        if t.is_punct:
            break
        rest.append(t)
    # one noun phrase (`said the bank`), not a verb's two objects (`handed Trump an unambiguous defeat`)
    second = any(t.tag_ in ("DT", "PRP$") for t in rest[1:])
    return bool(rest) and rest[0].tag_ in _SUBJECT_START and all(t.tag_ in _NOUN_PHRASE for t in rest) and not second


def _misplaced(sdoc: Any, i: int) -> str:
    """Why the mark at token i cannot stand there (empty when it can), by the tags on either side."""
    mark = sdoc[i].text
    # a semicolon or colon opens no aside: it joins clauses or introduces what follows
    strong = mark in (";", ":")
    left, right = sdoc[i - 1], sdoc[i + 1]
    if not (left.is_alpha or left.tag_ == "POS") or not right.is_alpha:
        return ""
    low = left.lower_
    if mark == ":" and i == 1:
        return ""  # a label: `Q:`, `A:`, `Note:`
    if left.tag_ in ("NNP", "NNPS") and not left.text.islower():
        # a name before the mark: only a name as the subject of a verb, before a semicolon or colon (a name before
        # a comma ends many an opening phrase, `For details on Summer Time, refer to`)
        return "a subject and its verb" if strong and _subject_and_verb(sdoc, i, strong) else ""
    # nothing, not even an aside, comes between an article or a possessive and its phrase
    if low in ARTICLES and right.tag_ in _NOUN_PHRASE_START:
        return "an article and its noun"
    if left.tag_ in ("PRP$", "POS") and right.tag_ in _NOUN_PHRASE_START and right.text.islower():
        return "a possessive and its noun"
    # a number in words and what it counts (`two, months`, `three; days`)
    if left.tag_ == "CD" and left.is_alpha and left.text.islower() and right.tag_ in ("NN", "NNS", "JJ"):
        return "a number and its noun"
    if not right.text.islower() and not (left.tag_ == "IN" and right.tag_ in _NOUN_PHRASE_START):
        return ""  # a capital after the mark may start a name, a title or a quotation
    # a preposition and the noun phrase it governs (`in, the capital`, `amid, a wave`); a stranded one (`what
    # they asked for, the`) follows a verb, and an adverb (`shortly after, the troops left`) opens a clause
    if left.tag_ == "IN" and right.tag_ in _NOUN_PHRASE_START:
        after_verb = i >= 2 and (sdoc[i - 2].tag_ in _VERB_TAGS or sdoc[i - 2].tag_ in ("RP", "RB", "RBR"))
        if _object_only(sdoc, i) or (not after_verb and (low in _PREPOSITIONS or strong)):
            return "a preposition and its object"
    # a semicolon or colon ends a clause, which no function word ends: a conjunction, a determiner, a
    # preposition with its object to come, 'to', an auxiliary (`and; more`, `is; likely`, `off; the road`)
    if strong and right.text.islower() and _open_word(sdoc, i - 1, mark):
        return "a function word and its phrase"
    # a colon after a noun phrase that has no verb, before the rest of that phrase and its verb (`A spy: balloon
    # from China was shot down`): the colon parts a subject from its verb (a label is a word alone: `Note:`)
    if mark == ":" and right.tag_ in ("NN", "NNS", "JJ") and right.text.islower() and _splits_subject(sdoc, i):
        return "a subject and its verb"
    # a verb and its complement (`managed: to improve`, `stay: relevant`): what a colon introduces after a verb
    # is a clause, a list or a quotation
    if mark == ":" and left.tag_ in _VERB_TAGS and right.tag_ in ("TO", "JJ", "RB") and right.text.islower():
        return "a verb and its complement"
    # a colon introduces a phrase, a clause or a quotation, which no conjunction or preposition opens
    if mark == ":" and (right.lower_ in _COORDINATORS or _bound_word(sdoc, i + 1)):
        return "a word and the phrase it governs"
    # ... nor a preposition, but in a list of phrases that each open with one (`in three ways: by boat, by bike`)
    if mark == ":" and right.tag_ == "IN" and right.text.islower() and not _parallel(sdoc, i + 1) and not _cut(sdoc):
        return "a word and the phrase it governs"
    # an aside (`in, say, 2020`, `will, however, go`) closes with a second mark after it: within a few words
    # inside a phrase, and after a longer one (`had, according to the paper, been`) before a verb
    # an aside between 'to' or a modal and its verb is a word or two (`to, say, double`, `will, indeed, go`)
    near_aside = not strong and _aside(sdoc, i, 3)
    if left.tag_ == "TO" and right.tag_ == "VB" and not near_aside:
        return "'to' and its verb"
    if left.tag_ == "MD" and right.tag_ == "VB" and not near_aside:
        return "an auxiliary and its verb"
    # a determiner that may stand alone (`this`, `some`) before the rest of its phrase (`This, real estate
    # project`); a noun there that starts a clause (`this, experts say,`), or a verb or a preposition before it
    # (`aside from those, drivers`), makes the determiner a pronoun
    if (
        left.tag_ == "DT"
        and (i == 1 or (left.text.islower() and sdoc[i - 2].tag_ not in _VERB_TAGS and sdoc[i - 2].tag_ != "IN"))
        and right.tag_ in ("JJ", "NN", "NNS")
        and not near_aside
        and not _noun_ends_clause(sdoc, i + 1)
        and not (right.tag_ == "JJ" and _noun_ends_clause(sdoc, i + 2))
    ):
        return "a determiner and its noun"
    if not strong and _aside(sdoc, i, 5):
        return ""
    far_aside = not strong and _aside(sdoc, i, 13)
    # a conjunction and what it joins (`and, investors`): only an aside, closed within a few words, goes between
    if left.tag_ == "CC" and left.text.islower() and right.tag_ in ("NN", "NNS", "JJ") and right.text.islower():
        return "a conjunction and what it joins"
    if left.tag_ == "MD" and right.tag_ == "RB" and not far_aside:
        return "an auxiliary and its verb"
    # after `has,` the tagger may read the participle as a past tense (`has, approved`)
    if (
        left.tag_ in ("VBZ", "VBD", "VBP")
        and low in _AUXILIARIES
        and right.tag_ in ("VBN", "VBG", "VBD")
        and not far_aside
    ):
        return "an auxiliary and its verb"
    before = sdoc[i - 2] if i >= 2 else None
    # an adjective before its noun (`the new, measures`, `public, entrances`); coordinate adjectives would need a
    # second adjective after the comma (`a long, cold winter`), and a predicate adjective follows a verb
    # (`it was cold, people said`), as a noun before a verb starts a clause (`despite the cold, people stayed`)
    if (
        left.tag_ in ("JJ", "JJS", "JJR")
        and (left.text.islower() or (strong and i >= 2))
        and right.tag_ in ("NN", "NNS")
        and (before is None or (before.tag_ not in _VERB_TAGS and before.tag_ not in ("RB", "RBR", "RBS")))
        and (strong or (before is not None and before.tag_ in ("JJ", "JJR")) or not _noun_ends_clause(sdoc, i + 1))
        and (strong or _object_only(sdoc, i) or (before is not None and before.tag_ in _ATTRIBUTIVE))
        and not _coordinated(sdoc, i + 1)
    ):
        return "an adjective and its noun"
    # `of` joins a noun to its complement, after no mark (`the car, of the future`; but `of course`, `of whom`)
    if (
        left.tag_ in ("NN", "NNS")
        and right.lower_ == "of"
        and i + 2 < len(sdoc)
        and sdoc[i + 2].tag_ in _NOUN_PHRASE_START
        and sdoc[i + 2].lower_ != "course"
    ):
        return "a noun and its complement"
    # a subject pronoun and its verb; before a semicolon or colon any personal pronoun (`you; get`, `it: is`)
    if low in _SUBJECT_PRONOUNS and right.tag_ in _FINITE:
        return "a subject and its verb"
    # two nouns of one phrase (`the wheat, harvest`, `the roof, spoiler`): a comma between nouns makes a list,
    # with a conjunction or another comma near, or an apposition, which opens with a determiner
    if (
        left.tag_ in ("NN", "NNS")
        and right.tag_ in ("NN", "NNS")
        and left.text.islower()
        and not _noun_ends_clause(sdoc, i + 1)
        and _object_only(sdoc, i)
        and not any(t.tag_ == "CC" or (t.is_punct and t.text != ".") for t in sdoc[i + 1 :])
        and not any(t.tag_ == "CC" or t.text in (",", ":") for t in sdoc[max(0, i - 6) : i])
    ):
        return "two nouns of one phrase"
    # (a base form after `you`, `we`, `they` is a present tense the tagger missed: `you: get`)
    base = right.tag_ == "VB" and low in _SUBJECT_PRONOUNS | {"you"}
    if strong and left.tag_ == "PRP" and low not in _OBJECT_PRONOUNS and (right.tag_ in _FINITE or base):
        return "a subject and its verb"
    if left.tag_ in ("NN", "NNS") and len(left.text) > 2 and _subject_and_verb(sdoc, i, strong):
        return "a subject and its verb"
    if left.tag_ == "WDT" and right.tag_ in _FINITE and i >= 2 and sdoc[i - 2].tag_ in ("NN", "NNS", ","):
        return "a relative pronoun and its verb"
    # a verb and its object (`to stem, the unrest`, `rose, 0.9%`, `will have: a lot`), where no clause follows
    # and the verb is not a fronted infinitive (`to win, the team must`)
    if (
        left.tag_ in ("VB", "VBD", "VBZ", "VBP", "VBG")
        and low not in _AUXILIARIES
        and (
            right.lower_ in ARTICLES
            or right.tag_ in ("PRP$", "CD", "PRP")
            or (mark == ";" and right.tag_ in ("JJ", "NN", "NNS"))
        )
        and (strong or not far_aside)
        and _object_only(sdoc, i)
        and any(t.tag_ in _FINITE or t.tag_ == "TO" for t in sdoc[: i - 1])
    ):
        return "a verb and its object"
    if mark == ";":
        return _lone_semicolon(sdoc, i)
    return ""


def _parallel(sdoc: Any, k: int) -> bool:
    """Does the word at k open the first of several parallel phrases (`by boat, by bike or on foot`): the same
    tag again after a comma or a conjunction?"""
    tag = sdoc[k].tag_
    return any(t.tag_ == tag and sdoc[t.i - 1].text in (",", "or", "and") for t in sdoc[k + 2 :])


def _splits_subject(sdoc: Any, i: int) -> bool:
    """Is there no verb before the mark at i (two words or more: not a label), and a finite verb after it
    before any other mark, with no subject of its own (a pronoun, an article) to start a clause?"""
    before = [t for t in sdoc[:i] if not t.is_punct]
    if len(before) < 2 or any(t.tag_ in _VERB_TAGS for t in before):
        return False
    for t in sdoc[i + 1 :]:
        if t.is_punct or t.tag_ in ("PRP", "DT", "WDT", "WP", "IN", "CC"):
            return False
        if t.tag_ in _FINITE:
            return True
    return False


def _after_opening_phrase(sdoc: Any, i: int) -> bool:
    """Is the only mark before i the comma after an opening adverbial (`In April, the government, said`), which
    closes that phrase rather than opening an aside that the mark at i would close (`Smith, 45, said`)?"""
    marks = [t for t in sdoc[:i] if _aside_mark(sdoc, t)]
    return (
        len(marks) == 1
        and marks[0].text == ","
        and marks[0].i > 1
        and sdoc[0].tag_ in ("IN", "RB", "VBG", "WRB")
        and sdoc[marks[0].i + 1].tag_ in ("DT", "PRP$")
    )


def _subject_and_verb(sdoc: Any, i: int, strong: bool) -> bool:
    """Is the mark at i between a noun and its finite verb? After a comma only where no earlier mark can open an
    aside that this one closes (`Smith, 45, said`), and, for a past or plural verb, where no finite verb came
    before (`that wrecked the economy, bilked savers` is a series of verbs); never before a reporting verb and
    its subject (`..., said the bank`) or in a question (`a fine form, aren't you?`)."""
    right = sdoc[i + 1]
    if right.tag_ not in _FINITE or not right.text.islower() or _inversion(sdoc, i + 1) or _question(sdoc, i + 1):
        return False
    if strong:
        return True
    if _cut(sdoc) or (any(_aside_mark(sdoc, t) for t in sdoc[:i]) and not _after_opening_phrase(sdoc, i)):
        return False
    # a plural present may be an imperative after an opening phrase (`to get a refund, send`)
    return right.tag_ in ("VBZ", "MD") or (right.tag_ == "VBD" and not any(t.tag_ in _FINITE for t in sdoc[:i]))


def _lone_semicolon(sdoc: Any, i: int) -> str:
    """A single semicolon joins two clauses: a short side with no verb at all is a piece of one (a list of
    several items has more than one semicolon)."""
    if sum(1 for t in sdoc if t.text == ";") > 1 or _cut(sdoc):
        return ""
    for side in (sdoc[:i], sdoc[i + 1 :]):
        words = [t for t in side if t.is_alpha]
        if len(words) <= _SHORT_SIDE and not any(t.tag_ in _VERB_TAGS and t.tag_ != "TO" for t in side):
            return "two parts that are not both clauses"
    # what follows opens no clause: a phrase that goes on from the one before (`a delegation; of 100 people`,
    # `the opportunity; to talk`, `come out; of nowhere`), with no finite verb of its own
    opens = sdoc[i + 1].tag_ in ("IN", "TO", "VBN", "POS") and sdoc[i + 1].text.islower()
    if opens and not any(t.tag_ in _FINITE for t in sdoc[i + 1 :]):
        return "two parts that are not both clauses"
    return ""
