"""The fast tok2vec and tagger forward: the tags and vectors of spaCy's own, and the ordinary path elsewhere."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from lintnews.core import fast_tok2vec, nlp
from lintnews.core.fast_tok2vec_net import expected_name, read_network

TEXTS = [
    "The harbour board met on Thursday and agreed, after a long debate, to lease the old pier.",
    "Fares will rise by 4.5% in March -- the third rise in two years.",
    "",
    "   ",
    "Rain.\n\nThe ferry left late; nobody on board seemed to mind it much.",
    "A committee of seven (three of them new) will review the plan's costs before it goes to the council.",
    "Rain.",
]


def _pipeline(tagger_tok2vec: str = "listener", window: int = 1, depth: int = 2) -> Any:
    """A blank English pipeline with a tok2vec and a tagger of random weights, of the architecture asked for."""
    import spacy
    from spacy.training import Example

    nlp_ = spacy.blank("en")
    encode = {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32, "depth": depth}
    encode |= {"window_size": window, "maxout_pieces": 3}
    embed = {"@architectures": "spacy.MultiHashEmbed.v2", "width": 32, "attrs": ["NORM", "PREFIX", "SHAPE"]}
    embed |= {"rows": [300, 100, 50], "include_static_vectors": False}
    nlp_.add_pipe("tok2vec", config={"model": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}})
    own = {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"}
    tok2vec = listener if tagger_tok2vec == "listener" else own
    nlp_.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": tok2vec}})
    words = ["the", "pier", "board", "met", "fares", "rise", "rain", "ferry"]
    tags = ["DT", "NN", "NN", "VBD", "NNS", "VBP", "NN", "NN"]
    doc = nlp_.make_doc(" ".join(words))
    nlp_.initialize(lambda: [Example.from_dict(doc, {"tags": tags})])
    softmax = nlp_.get_pipe("tagger").model.get_ref("output_layer")
    rng = np.random.default_rng(7)
    softmax.set_param("W", rng.normal(size=softmax.get_param("W").shape).astype("float32"))
    nlp._numpy_matmul(nlp_)  # as the model is loaded: the products by numpy, as the fast forward makes them
    return nlp_


def _ordinary(nlp_: Any, texts: list[str]) -> list[Any]:
    return list(nlp_.pipe(texts))


@pytest.mark.parametrize(("window", "depth"), [(1, 2), (2, 3)])
def test_fast_forward_gives_spacys_tags_and_vectors(window: int, depth: int) -> None:
    pipeline = _pipeline(window=window, depth=depth)
    fast = fast_tok2vec.build(pipeline)
    assert fast is not None
    texts = TEXTS * 3  # repeated tokens come from the kept embeddings
    ours, theirs = fast.tag(pipeline, texts), _ordinary(pipeline, texts)
    assert [[t.tag_ for t in d] for d in ours] == [[t.tag_ for t in d] for d in theirs]
    assert len({t.tag_ for d in theirs for t in d}) > 2  # the random weights tell tokens apart
    for a, b in zip(ours, theirs, strict=True):
        assert a.tensor.shape == b.tensor.shape
        np.testing.assert_allclose(a.tensor, b.tensor, rtol=0, atol=1e-5)


def test_every_layer_is_thincs_own_arithmetic() -> None:
    """A batch of distinct tokens embedded from scratch (the products as large as thinc's): thinc's very bits."""
    pipeline = _pipeline()
    fast = fast_tok2vec.build(pipeline)
    assert fast is not None
    docs = [pipeline.make_doc(t) for t in ("Seven harbour officials quietly approved new fares.", "Rain fell")]
    fast.forget()
    ours, theirs = fast.tokvecs(docs), pipeline.get_pipe("tok2vec").predict(docs)
    np.testing.assert_array_equal(np.concatenate(ours), np.concatenate(theirs))


def test_the_kept_embeddings_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = _pipeline()
    fast = fast_tok2vec.build(pipeline)
    assert fast is not None
    monkeypatch.setattr(fast_tok2vec, "EMBED_ROWS", 40)
    theirs = _ordinary(pipeline, TEXTS)
    for text, want in zip(TEXTS, theirs, strict=True):
        (doc,) = fast.tag(pipeline, [text])
        assert [t.tag_ for t in doc] == [t.tag_ for t in want]
        assert len(fast._known) <= 40


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.remove_pipe("tagger"),
        lambda p: p.get_pipe("tagger").model.get_ref("output_layer").attrs.update(softmax_normalize=True),
        lambda p: p.get_pipe("tok2vec").model.layers[1].attrs.update(pad=0),
    ],
    ids=["no tagger", "normalized tagger", "other padding"],
)
def test_another_network_keeps_the_ordinary_path(change: Any) -> None:
    pipeline = _pipeline()
    change(pipeline)
    assert fast_tok2vec.build(pipeline) is None


def test_a_tagger_with_its_own_tok2vec_keeps_the_ordinary_path() -> None:
    assert read_network(_pipeline(tagger_tok2vec="own")) is None


def test_expected_name_is_the_name_spacy_builds() -> None:
    pipeline = _pipeline(depth=3)
    assert pipeline.get_pipe("tok2vec").model.name == expected_name(3, 3)


def test_a_probe_the_fast_forward_gets_wrong_keeps_the_ordinary_path(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = _pipeline()
    wrong = fast_tok2vec.FastTagger.tokvecs
    monkeypatch.setattr(fast_tok2vec.FastTagger, "tokvecs", lambda self, docs: [v + 1e-3 for v in wrong(self, docs)])
    assert fast_tok2vec.build(pipeline) is None


@pytest.mark.slow
def test_the_models_tags_and_parse_are_the_ordinary_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """lintnews's passes with the fast forward and without it: the same tags, heads, dependencies, pos and lemmas."""
    assert nlp._fast_tagger() is not None  # the model is the network the fast forward implements

    def passes() -> list[list[tuple[str, ...]]]:
        full, deps, tagged = nlp._parse_model(TEXTS[:3], TEXTS[3:5], TEXTS[5:])
        only_full, _, _ = nlp._parse_model(TEXTS, [], [])
        rows = []
        for d in [*full, *deps, *tagged, *only_full]:
            rows.append([(t.tag_, t.dep_, str(t.head.i), t.pos_, t.lemma_) for t in d])
        return rows

    fast = passes()
    monkeypatch.setattr(nlp, "_fast_tagger", lambda: None)
    assert fast == passes()
