"""possible_tags: the tags a lexicon allows a word before any tagging (checkers/word_classes.py)."""

from __future__ import annotations

import pytest

from lintnews.checkers import word_classes as W
from lintnews.core import nlp


def test_closed_class_words_keep_their_own_tags() -> None:
    assert W.possible_tags("and") == {"CC"}
    assert W.possible_tags("which") == {"WDT"}
    assert "TO" in W.possible_tags("to") and "IN" in W.possible_tags("to")
    # WordNet's nouns `in` (inch) and `he` (helium) are no tags the tagger gives them
    assert "NN" not in W.possible_tags("in") and "NN" not in W.possible_tags("he")


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
def test_open_class_words_take_their_tables_tags() -> None:
    assert {"NN", "NNS"} <= W.possible_tags("harvest") and "VBP" in W.possible_tags("harvest")
    assert W.possible_tags("recently") == W.ADVERBS  # an adverb is never read as a noun
    assert "VBZ" in W.possible_tags("approves") and "VBD" in W.possible_tags("approved")
    # a word no table knows may be anything; capitalised, a name or a word made of one
    assert W.possible_tags("zorblat") == W.ANY
    assert "IN" not in W.possible_tags("Zorblat") and "NNP" in W.possible_tags("Zorblat")


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's tokenizer")
def test_every_chunk_of_letters_the_tokenizer_splits_ends_as_most_tokens_expects() -> None:
    """The cues trust that the tokenizer leaves a chunk of letters whole unless it ends in one of SPLIT_ENDINGS,
    and then makes at most three tokens of it, the last in lower case: each of its exceptions must agree."""
    from spacy.symbols import ORTH

    rules = nlp.model().tokenizer.rules
    split = {k: [p[ORTH] for p in v] for k, v in rules.items() if k.isalpha() and len(v) > 1}
    assert len(split) > 100  # the table the test reads is there
    wrong = [k for k, pieces in split.items() if W.most_tokens(k) < len(pieces) or not pieces[-1].islower()]
    assert wrong == []
    assert W.most_tokens("Force") == 1 and W.most_tokens("Dont") == 3


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's tokenizer")
def test_a_chunk_split_before_d_or_s_follows_a_function_word() -> None:
    """one_token trusts that the tokenizer splits a chunk ending in `d` or `s` only as a closed-class word and that
    letter (`hed`: he|d, `whats`: what|s)."""
    from spacy.symbols import ORTH

    rules = nlp.model().tokenizer.rules
    split = {k: [p[ORTH] for p in v] for k, v in rules.items() if k.isalpha() and len(v) > 1}
    ending = {k: pieces for k, pieces in split.items() if k.lower().endswith(("d", "s"))}
    assert len(ending) > 30
    assert [k for k, pieces in ending.items() if pieces != [k[:-1], k[-1]] or k[:-1].lower() not in W.CLOSED] == []
    assert [k for k in split if W.one_token(k)] == []
    assert W.one_token("stated") and W.one_token("years") and W.one_token("Force")
    assert not W.one_token("wont") and not W.one_token("Hed")
