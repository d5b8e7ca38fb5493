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
# possessive determiners that are pronouns too, which a sentence may end on (`the choice was his.`)
STANDALONE_POSSESSIVES = frozenset(["his", "her"])
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
