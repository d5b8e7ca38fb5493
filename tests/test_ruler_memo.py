"""The fast attribute-ruler matcher's memo of what each distinct token row starts: spaCy's matches, reused or not."""

from __future__ import annotations

from typing import Any

import pytest

from lintnews.core import ruler_matcher


def _ruler() -> Any:
    import spacy

    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "be"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"})
    ruler.add([[{"LOWER": "gon"}]], {"POS": "VERB"})
    ruler.add([[{"TAG": "RB"}], [{"LOWER": "there"}]], {"POS": "ADV"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], {"POS": "AUX"})
    return ruler


def _doc(vocab: Any) -> Any:
    from spacy.tokens import Doc

    # the same first tokens ("ai", "gon", "there") followed by what completes a two-token pattern and by what does not
    words = ["ai", "n't", "ai", "not", "gon", "na", "gon", "go", "there", "there", "Ai", "nt", "will"]
    tags = ["VBP", "RB", "VBP", "RB", "VBG", "TO", "VBG", "VB", "RB", "EX", "VBZ", "RB", "MD"]
    deps = ["ROOT", "neg", "aux", "neg", "ROOT", "aux", "aux", "xcomp", "advmod", "expl", "aux", "neg", "aux"]
    return Doc(vocab, words=words, tags=tags, deps=deps)


@pytest.mark.parametrize("kept", [1, 2, 1 << 15])
def test_the_memo_gives_spacys_matches_however_much_it_keeps(monkeypatch: pytest.MonkeyPatch, kept: int) -> None:
    monkeypatch.setattr(ruler_matcher, "STARTS_KEPT", kept)
    ruler = _ruler()
    fast = ruler_matcher.RulerMatcher.build(ruler)
    assert fast is not None
    doc = _doc(ruler.vocab)
    expected = ruler.match(doc)
    assert {(s, e) for _, _, s, e in expected} >= {(0, 2), (4, 6), (10, 12), (8, 9), (9, 10)}
    assert (2, 4) not in {(s, e) for _, _, s, e in expected}
    for _ in range(3):  # the second and third time from the memo (where it kept the rows)
        assert fast.match(doc) == expected
    assert len(fast._starts) <= kept
