"""kind: misplaced-mark: a comma, semicolon, colon or period inside a phrase, where English grammar cannot put one.

The tags on both sides decide (an article, a possessive, `to`, an auxiliary, a subject pronoun before the word it
must join; a semicolon needs a clause on each side, a colon a complete phrase before it); the tagger alone is a
third of a full parse, and a parse of a sentence with a stray comma in it is unreliable where the comma is.
checker.py chooses the sentences and reports; judge.py says why a mark cannot stand between two words, from
the sentence facts of context.py and the word classes of words.py; tags.py tells, before any tagging, the
commas whose words no tags the lexicon allows them can make misplaced (their sentences are not tagged).
"""

from __future__ import annotations

from .checker import MisplacedMarkChecker

__all__ = ["MisplacedMarkChecker"]
