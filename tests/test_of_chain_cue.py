"""The of-chain cue: only 'of's close enough to be links of one chain, each before a word that may be a common noun,
send a sentence to the parser."""

from __future__ import annotations

import pytest

from lintnews.checkers.of_chain import _LINK_WORDS, _longest_run
from lintnews.core import nlp

pytestmark = pytest.mark.skipif(not nlp.model_available(), reason="the lexicon is the spaCy model's lemma tables")


def test_a_chain_of_nearby_ofs_is_one_run() -> None:
    assert _longest_run("the cost of the repair of the roof of the school") == 3
    assert _longest_run("no such word here") == 0
    # a link's object is a lower-case common noun: not a pronoun, not a name
    assert _longest_run("one of them") == 0
    assert _longest_run("the Bank of the Republic of Korea of the year") == 1


def test_ofs_far_apart_belong_to_different_phrases() -> None:
    gap = " ".join(["word"] * (_LINK_WORDS + 1))
    assert _longest_run(f"the head of the end of {gap} of the talks") == 2
    assert _longest_run(f"the head of {gap} of {gap} of the talks") == 1
    near = " ".join(["word"] * _LINK_WORDS)
    assert _longest_run(f"the head of {near} of {near} of the talks") == 3
