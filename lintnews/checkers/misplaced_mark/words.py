"""The word classes and tag sets the misplaced-mark checks reason with (Penn tags of the spaCy tagger)."""

from __future__ import annotations

# Articles open a noun phrase and never end one (`the, government`); other determiners can stand alone
# as pronouns (`all, some, that`), so only these are judged.
ARTICLES = frozenset(["a", "an", "the", "every", "another"])
NOUN_PHRASE_START = frozenset(["DT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PDT"])
FINITE = frozenset(["VBD", "VBP", "VBZ", "MD"])
VERB_TAGS = frozenset(["VB", "VBD", "VBP", "VBZ", "VBN", "VBG", "MD", "TO"])
# prepositions that govern a noun phrase and do not also join clauses (`since`, `as`, `after` do)
PREPOSITIONS = frozenset(["of", "in", "on", "at", "for", "with", "from", "by", "into", "during", "between", "among"])
# the forms of `be` and `have` that make tenses with a participle (`has, been`, `was, taken`)
AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had"])
ASIDE_MARKS = frozenset([",", ";", ":", "(", ")", "—", "–", "-"])
SUBJECT_PRONOUNS = frozenset(["i", "he", "she", "we", "they"])
OBJECT_PRONOUNS = frozenset(["me", "him", "us", "them"])
# words that only continue a phrase, which a colon cannot introduce
BOUND = frozenset(["of", "than", "that"])
# determiners that also stand alone as pronouns (`we want all; they want none`)
PRONOUN_DETERMINERS = frozenset(
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
ELLIPSES = frozenset(["...", "…", ".."])
COORDINATORS = frozenset(["and", "or", "but", "nor"])
# the most words of a semicolon's side that has no verb: a longer one may be a verbless clause of a list
SHORT_SIDE = 6
# the tags of a noun phrase, and of the words that can open one as a subject
NOUN_PHRASE = frozenset(
    ["DT", "PDT", "PRP", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH"]
)
# what stands before an adjective that modifies a noun (`the lunar, surface`, `both true, freshmen`): after
# these the adjective and its noun are one phrase even where a clause goes on after it
ATTRIBUTIVE = frozenset(["DT", "PRP$", "POS", "JJ", "JJR"])
SUBJECT_START = frozenset(["DT", "PDT", "PRP", "PRP$", "CD", "NNP", "NNPS", "NN", "NNS"])

# The closed classes: the tags the tagger gives these words, in any context (a word may have several). A word
# not listed is an open-class word, whose tags the model's lemma tables tell (see tags.py); WordNet lists many
# of these as nouns too (`in`: inch, `who`: the WHO, `he`: helium), which the tagger never reads them as.
_CLOSED_BY_TAG = {
    "DT": "the a an this that these those some any all each every another no both either neither half",
    "PDT": "all both half such",
    "PRP": "i you he she it we they me him her us them one myself yourself himself herself itself ourselves themselves",
    "PRP$": "my your his her its our their",
    "WDT": "which that whatever whichever what",
    "WP": "who whom what whoever whatever",
    "WP$": "whose",
    "WRB": "where when why how whenever wherever however",
    "CC": "and or but nor yet so plus either neither",
    "IN": "of in on at for with from by into onto upon during between among amid amongst about against through "
    "throughout over under after before since until till while whilst although though because if unless whether "
    "as than that like despite toward towards without within via across along around behind beyond near off per "
    "up down out outside inside below above beneath besides except so whereas to",
    "RB": "not never so as there however then about over around up down out off in on along across behind before "
    "after since near outside inside below above yet too very also once",
    "RP": "up down out off over in on around about along away back through",
    "EX": "there",
    "TO": "to",
    "MD": "can could will would shall should may might must",
    "CD": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen",
    # nouns and verbs among the closed words (`the will`, `a can`, `like it`, `a million`, `one`)
    "NN": "will can must one like half dozen hundred thousand million billion trillion",
    "NNS": "hundreds thousands millions billions dozens",
    # the auxiliaries `be`, `have` and `do` are a closed class too
    "VB": "like will be have do",
    "VBP": "like am are have do",
    "VBZ": "is has does",
    "VBD": "was were had did",
    "VBN": "been had done",
    "VBG": "being having doing",
    "JJ": "like near such",
}
# the quantifiers: determiners, adjectives, adverbs and pronouns by turns (`many, people`, `much, more`)
_QUANTIFIERS = "many much few little less least more most several enough"
for _tag in ("DT", "PDT", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"):
    _CLOSED_BY_TAG[_tag] = (_CLOSED_BY_TAG.get(_tag, "") + " " + _QUANTIFIERS).strip()


def _closed() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for tag, words in _CLOSED_BY_TAG.items():
        for w in words.split():
            out.setdefault(w, set()).add(tag)
    return {w: frozenset(tags) for w, tags in out.items()}


CLOSED = _closed()
