"""Generated perturbations of the clean test text for the small-word mechanisms: a dropped 'to' before an
infinitive, and 'a'/'an' flipped, at whatever words the text has."""

from __future__ import annotations

import pytest
import regex

from lintnews.checkers.bare_infinitive import _BARE_CLASS
from lintnews.checkers.word_classes import verb_lexicon

from .perturb import clean_sentences, findings, recall

_TO_VERB = regex.compile(r"\b(\p{Ll}+) to (\p{Ll}+)\b")
_ARTICLE = regex.compile(r"(?<![\w'-])(a|an|A|An)(?= \w)")


def _drop_to(sentence: str) -> tuple[str, int, int] | None:
    """Drop the 'to' of the first to-infinitive after a verb (not after a verb taking a bare one: helped evacuate)."""
    verbs, nouns, _ = verb_lexicon()
    for m in _TO_VERB.finditer(sentence):
        if m.group(1) in _BARE_CLASS or m.group(2) not in verbs or (m.group(1) in verbs and m.group(1) in nouns):
            continue
        new = sentence[: m.start(2) - 3] + sentence[m.start(2) :]
        start = m.start(2) - 3
        return new, start, start + len(m.group(2))
    return None


def _flip_articles(sentence: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _ARTICLE.finditer(sentence):
        art = m.group(1)
        flipped = {"a": "an", "an": "a", "A": "An", "An": "A"}[art]
        new = sentence[: m.start()] + flipped + sentence[m.end() :]
        out.append((new, m.start(), m.start() + len(flipped)))
    return out


def test_a_an_flips_are_found_at_every_article() -> None:
    assert findings("grammar.a-an", "\n".join(clean_sentences())) == []
    damaged = [d for s in clean_sentences() for d in _flip_articles(s)]
    assert len(damaged) >= 20
    hits = [d for d in damaged if any(f.offset <= d[2] and d[1] <= f.end for f in findings("grammar.a-an", d[0]))]
    # measured 1.00: every article of the text, before words, initialisms (FBI, UN, MP) and numbers alike
    assert len(hits) / len(damaged) >= 0.9, [d[0] for d in damaged if d not in hits]


@pytest.mark.slow
def test_dropped_to_is_found_after_any_verb() -> None:
    sentences = clean_sentences()
    assert findings("grammar.missing-to-infinitive", "\n".join(sentences)) == []
    rec, n, missed = recall("grammar.missing-to-infinitive", sentences, _drop_to)
    assert n >= 12
    assert rec >= 0.8, missed
