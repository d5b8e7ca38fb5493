"""The parser's state loop a step at a time in numpy: spaCy's own parse, and spaCy's loop where it could differ."""

from __future__ import annotations

from typing import Any

import pytest

from lintnews.core import fast_parser, nlp

TEXTS = [
    "The harbour board met on Thursday and agreed, after a long debate, to lease the old pier to a fishing firm.",
    "Fares will rise by 4.5% in March -- the third rise in two years, the operator said.",
    "",
    "   ",
    "Rain.\n\nThe ferry left late; nobody on board seemed to mind it much, since the sea was calm.",
    "A committee of seven (three of them new) will review the plan's costs before it goes to the council.",
    "Rain.",
    "He said that she had told them that the mayor, who was away, would not have approved of it.",
]


def _pipeline(pieces: int = 2, upper: bool = True, beam: int = 1, seen: bool = False) -> Any:
    """A blank English pipeline with a parser (its own small tok2vec) of random weights: spaCy starts its upper layer
    at zeros, which scores every action alike. `seen`: every action counts as seen in training."""
    import numpy as np
    import spacy
    from spacy.training import Example

    nlp_ = spacy.blank("en")
    tok2vec = {"@architectures": "spacy.HashEmbedCNN.v2", "width": 24, "depth": 1, "embed_size": 500}
    tok2vec |= {"window_size": 1, "maxout_pieces": 2, "subword_features": True, "pretrained_vectors": None}
    model = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "parser", "tok2vec": tok2vec}
    model |= {"extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": pieces, "use_upper": upper}
    config = {"model": model, "min_action_freq": 1} | ({"beam_width": beam} if beam > 1 else {})
    parser = nlp_.add_pipe("beam_parser" if beam > 1 else "parser", name="parser", config=config)
    for label in ("det", "nsubj", "prep", "pobj", "dobj", "amod", "punct"):
        parser.add_label(label)
    words = ["the", "board", "met", "on", "Thursday"]
    example = Example.from_dict(
        nlp_.make_doc(" ".join(words)), {"heads": [1, 2, 2, 2, 3], "deps": ["det", "nsubj", "ROOT", "prep", "pobj"]}
    )
    nlp_.initialize(lambda: [example])
    rng = np.random.default_rng(7)
    for node in nlp_.get_pipe("parser").model.walk():
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, rng.normal(size=node.get_param(name).shape).astype(np.float32))
    if seen:
        nlp_.get_pipe("parser").model.attrs["unseen_classes"] = set()
    return nlp_


def _arcs(docs: list[Any]) -> list[list[tuple[int, str, bool]]]:
    return [[(t.head.i, t.dep_, bool(t.is_sent_start)) for t in d] for d in docs]


def _both_ways(nlp_: Any, texts: list[str]) -> tuple[list[Any], list[Any]]:
    parser = nlp_.get_pipe("parser")
    fast = fast_parser.FastParser.build(parser)
    assert fast is not None
    theirs = list(parser.pipe(nlp_.make_doc(t) for t in texts))
    ours = list(fast.pipe([nlp_.make_doc(t) for t in texts]))
    return ours, theirs


def test_a_random_parser_parses_the_same_both_ways() -> None:
    ours, theirs = _both_ways(_pipeline(seen=True), TEXTS * 3)
    assert _arcs(ours) == _arcs(theirs)
    assert any(t.dep_ not in ("", "ROOT") for d in ours for t in d)  # the parse made arcs to compare


def test_more_pieces_and_batches_larger_than_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three maxout pieces; batches smaller than the texts, so several calls each sort and split their own."""
    monkeypatch.setattr(fast_parser, "BATCH", 4)
    ours, theirs = _both_ways(_pipeline(pieces=3, seen=True), TEXTS * 2)
    assert _arcs(ours) == _arcs(theirs)
    assert [d.text for d in ours] == TEXTS * 2


@pytest.mark.parametrize("group_tokens", [1, 10**6])
def test_unseen_classes_score_lowest_as_in_spacy(monkeypatch: pytest.MonkeyPatch, group_tokens: int) -> None:
    """The lowest score is each sub-batch's own, whether its states move alone or with other sub-batches'."""
    monkeypatch.setattr(fast_parser, "BATCH", 8)  # sub-batches of two docs
    monkeypatch.setattr(fast_parser, "GROUP_TOKENS", group_tokens)
    nlp_ = _pipeline()
    parser = nlp_.get_pipe("parser")
    parser.model.attrs["unseen_classes"] = set(range(1, parser.moves.n_moves, 2))
    ours, theirs = _both_ways(nlp_, TEXTS)
    assert _arcs(ours) == _arcs(theirs)
    assert _arcs(ours) != _arcs(_both_ways(_pipeline(seen=True), TEXTS)[0])  # the unseen actions changed the parse


@pytest.mark.parametrize("kind", [{"pieces": 1}, {"upper": False}, {"beam": 4}])
def test_a_parser_unlike_the_one_reproduced_keeps_spacys_loop(kind: dict[str, Any]) -> None:
    assert fast_parser.FastParser.build(_pipeline(**kind).get_pipe("parser")) is None


def test_only_empty_docs_give_their_initial_states() -> None:
    nlp_ = _pipeline()
    fast = fast_parser.FastParser.build(nlp_.get_pipe("parser"))
    assert fast is not None
    docs = list(fast.pipe([nlp_.make_doc(""), nlp_.make_doc("")]))
    assert [len(d) for d in docs] == [0, 0]


@pytest.mark.slow
def test_the_models_parse_after_the_tagger_is_spacys() -> None:
    """The model's parser, attribute ruler and lemmatizer by lintnews's pass and by spaCy's components, from the same
    tagged Docs: the same heads, dependencies, sentence starts, tags, pos, lemmas and morphology."""
    model = nlp.model()
    assert fast_parser.fast_parser(model.get_pipe("parser")) is not None
    tagged = nlp._tag_pass(TEXTS * 2)
    ours, _ = nlp._parse_pass([d.copy() for d in tagged], [])
    theirs = [d.copy() for d in tagged]
    for name, component in model.pipeline:
        if name not in ("tok2vec", "tagger"):
            theirs = list(component.pipe(theirs))  # type: ignore[attr-defined]

    def rows(docs: list[Any]) -> list[list[tuple[Any, ...]]]:
        return [[(t.head.i, t.dep_, t.is_sent_start, t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in d] for d in docs]

    assert rows(ours) == rows(theirs)


def test_sub_batches_move_together_up_to_a_budget_and_parsed_ones_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    monkeypatch.setattr(fast_parser, "GROUP_TOKENS", 5)
    blank = spacy.blank("en")
    subs = [[blank("one two")], [blank("three four five")], [blank("six")], [blank("a b c d e f")], [blank("g")]]
    subs.append([blank("h")])  # 1 + 1 tokens after the last: together
    assert [len(g) for g in fast_parser._groups(subs)] == [2, 1, 1, 2]  # 2 + 3 tokens; 1; 6; 1 + 1
    subs[1][0][0].dep_ = "ROOT"  # dependencies already set: spaCy may add their labels before going on
    assert [len(g) for g in fast_parser._groups(subs)] == [1, 1, 1, 1, 2]
