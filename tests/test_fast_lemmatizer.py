"""The rule lemmatizer's lemmas kept per (word, pos, morphology): spaCy's lemmas, and spaCy's own call elsewhere."""

from __future__ import annotations

from typing import Any

import pytest

from lintnews.core import fast_lemmatizer, nlp
from lintnews.core.fast_parser import faster

TEXTS = [
    "The ministers were informed and the reports are due; has he done it? Those asked had declined.",
    "She's been running faster than the others ran, but they aren't giving up their better chances.",
    "",
    "Rain fell. Rain falls. The falls were fuller than in the wettest years the villagers remembered.",
]


def _lemmatizer(mode: str = "rule") -> Any:
    """An English rule lemmatizer over small tables of our own (no lookups package needed)."""
    import spacy
    from spacy.lookups import Lookups

    nlp_ = spacy.blank("en")
    lem = nlp_.add_pipe("lemmatizer", config={"mode": mode})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]], "verb": [["ed", ""], ["ing", ""], ["s", ""]]})
    lookups.add_table("lemma_index", {"noun": ["report", "fall", "chance"], "verb": ["inform", "fall", "run"]})
    lookups.add_table("lemma_exc", {"verb": {"ran": ["run"], "were": ["be"]}, "noun": {"villagers": ["villager"]}})
    lookups.add_table("lemma_lookup", {"ran": "run"})
    lem.initialize(lookups=lookups)
    return nlp_, lem


def _annotated(nlp_: Any, text: str) -> Any:
    """A Doc with pos and morphology set by a cycle of our own, so words meet several (pos, morph) pairs."""
    doc = nlp_.make_doc(text)
    cycle = [("NOUN", "Number=Plur"), ("VERB", "Tense=Past|VerbForm=Fin"), ("NOUN", "Number=Sing"), ("PROPN", "")]
    cycle += [("VERB", "VerbForm=Inf"), ("ADJ", "Degree=Pos"), ("VERB", "Aspect=Prog|Tense=Pres|VerbForm=Part")]
    for i, token in enumerate(doc):
        token.pos_, morph = cycle[(i + len(text)) % len(cycle)]
        token.set_morph(morph or None)
    if len(doc) > 2:
        doc[1].lemma_ = "kept"  # a lemma already set (by the attribute ruler) is kept unless overwrite
    return doc


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("kept", [1, 1 << 16])
def test_the_memo_gives_spacys_lemmas(monkeypatch: pytest.MonkeyPatch, overwrite: bool, kept: int) -> None:
    monkeypatch.setattr(fast_lemmatizer, "LEMMAS_KEPT", kept)
    nlp_, lem = _lemmatizer()
    lem.overwrite = overwrite
    fast = fast_lemmatizer.FastLemmatizer.build(lem)
    assert fast is not None
    for _ in range(2):  # the second time from the memo
        theirs = [lem(_annotated(nlp_, t)) for t in TEXTS * 2]
        ours = list(fast.pipe(_annotated(nlp_, t) for t in TEXTS * 2))
        assert [[t.lemma_ for t in d] for d in ours] == [[t.lemma_ for t in d] for d in theirs]
    lemmas = {t.lemma_ for d in ours for t in d}
    assert {"be", "chance"} <= lemmas and ("kept" in lemmas) != overwrite
    assert len(fast._memo) <= kept


def test_a_lookup_lemmatizer_keeps_spacys_call() -> None:
    _, lem = _lemmatizer("lookup")
    assert fast_lemmatizer.FastLemmatizer.build(lem) is None


def test_faster_leaves_other_components_as_they_are() -> None:
    _, lem = _lemmatizer()
    assert isinstance(faster("lemmatizer", lem), fast_lemmatizer.FastLemmatizer)
    assert faster("attribute_ruler", lem) is lem


@pytest.mark.slow
def test_the_models_lemmatizer_is_the_memo() -> None:
    assert isinstance(faster("lemmatizer", nlp.model().get_pipe("lemmatizer")), fast_lemmatizer.FastLemmatizer)


def test_the_same_word_and_pos_with_another_morphology_is_another_lemma() -> None:
    """A singular noun is its own base form: its lemma is its text, the plural's is made by the rules."""
    from spacy.tokens import Doc

    nlp_, lem = _lemmatizer()
    fast = fast_lemmatizer.FastLemmatizer.build(lem)
    assert fast is not None
    doc = Doc(nlp_.vocab, words=["reports", "reports", "reports"], pos=["NOUN"] * 3)
    for token, morph in zip(doc, ["Number=Sing", "Number=Plur", "Number=Sing"], strict=True):
        token.set_morph(morph)
    assert [t.lemma_ for t in fast(doc)] == ["reports", "report", "reports"]
