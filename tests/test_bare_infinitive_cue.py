"""The bare-infinitive cue: sentences are tagged only where a verb may stand bare after a word that can take one."""

from __future__ import annotations

import pytest

from lintnews.core import nlp
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

pytestmark = pytest.mark.skipif(not nlp.model_available(), reason="the lexicon is the spaCy model's lemma tables")


def _picked(text: str) -> bool:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "bare-infinitive"]
    return bool(Linter(rules).checkers[0].parse_blocks(make_document("own.txt", text)))


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("The villagers tried flee before the water rose.", True),
        ("The workers decided stay at the plant overnight.", True),
        # a verb of saying takes a clause, which may open with an imperative
        ("The coach said move the bus to the gate.", False),
        # an item of a list of nouns: the bare verb's next word is a comma or a conjunction
        ("The driver can then select drive, reverse or park.", False),
        # a modal after a verb-noun is no bare verb: 'can' is never tagged a base form
        ("Shoppers hope prices can fall soon.", False),
        # an object is a pronoun or a plural noun: 'his' is neither
        ("The coach praised his work.", False),
        # a finite verb next gives the word before it a clause of its own ('supply is'): no bare infinitive
        ("The village water supply is low.", False),
        ("The judge ordered them leave the court.", True),
        ("Rescuers were unable reach the village.", True),
    ],
)
def test_picked(text: str, picked: bool) -> None:
    assert _picked(text) is picked
