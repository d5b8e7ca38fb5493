"""Reads the loaded pipeline's tok2vec and tagger weights, where the network is exactly the one fast_tok2vec runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

_HASH = "ints-getitem>>hashembed"
_MIX = "maxout>>layernorm>>dropout"
_BLOCK = f"residual(expand_window>>{_MIX})"
_TAGGER = "tok2vec-listener>>with_array(softmax)"


def expected_name(columns: int, depth: int) -> str:
    """The name thinc gives spaCy's Tok2Vec.v2 of MultiHashEmbed.v2 (no static vectors) and MaxoutWindowEncoder.v2."""
    embed = f"extract_features>>list2ragged>>with_array({'|'.join([_HASH] * columns)})>>with_array({_MIX})>>ragged2list"
    return f"{embed}>>with_array({'>>'.join([_BLOCK] * depth)})"


class Mismatch(Exception):
    """The network differs from the one the fast forward implements."""


def _only(node: Any, name: str) -> Any:
    found = [n for n in node.walk() if n.name == name]
    if len(found) != 1:
        raise Mismatch(f"{len(found)} {name} under {node.name}")
    return found[0]


def _on_cpu(*components: Any) -> None:
    for component in components:
        if any(type(n.ops).__name__ != "NumpyOps" for n in component.model.walk()):
            raise Mismatch("not on numpy")


def _embeddings(embed: Any, columns: int) -> tuple[list[int], list[np.ndarray]]:
    seeds, tables = [], []
    for c, part in enumerate(_only(embed, f"with_array({'|'.join([_HASH] * columns)})").layers[0].layers):
        getter, table = _only(part, "ints-getitem"), _only(part, "hashembed")
        if getter.attrs.get("index") != (slice(0, None, None), c) or table.attrs.get("column") != c:
            raise Mismatch(f"hash embedding {c} reads another column")
        seeds.append(int(table.attrs["seed"]))
        tables.append(table.get_param("E"))
    return seeds, tables


def _encoder(encode: Any) -> tuple[list[tuple[Any, Any]], int]:
    blocks = [n for n in encode.walk() if n.name == _BLOCK]
    windows = {_only(b, "expand_window").attrs["window_size"] for b in blocks}
    if len(windows) != 1 or encode.attrs.get("pad") != len(blocks) * (window := windows.pop()):
        raise Mismatch("the encoder's padding is not its receptive field")
    return [(_only(b, "maxout"), _only(b, "layernorm")) for b in blocks], int(window)


def _softmax(tagger: Any) -> tuple[np.ndarray, np.ndarray]:
    if tagger.model.name != _TAGGER or tagger.model.layers[0].upstream_name != "tok2vec":
        raise Mismatch("the tagger is not a linear layer on the tok2vec")
    softmax = _only(tagger.model, "softmax")
    if softmax.attrs.get("softmax_normalize") or softmax.attrs.get("softmax_temperature") != 1.0:
        raise Mismatch("the tagger normalizes its scores")
    return softmax.get_param("W"), softmax.get_param("b")


def read_network(nlp: Language) -> dict[str, Any] | None:
    """The fast forward's weights and settings, or None where the network is not exactly spaCy's standard tok2vec
    (hash embeddings, maxout mixing, residual window CNN, on numpy) feeding a linear tagger."""
    from .fast_tok2vec import Maxout

    if "tok2vec" not in nlp.pipe_names or "tagger" not in nlp.pipe_names:
        return None
    tok2vec: Any = nlp.get_pipe("tok2vec")
    tagger: Any = nlp.get_pipe("tagger")
    try:
        _on_cpu(tok2vec, tagger)
        model = tok2vec.model
        columns = list(_only(model, "extract_features").attrs["columns"])
        depth = sum(1 for n in model.walk() if n.name == _BLOCK)
        if model.name != expected_name(len(columns), depth) or len(model.layers) != 2:
            raise Mismatch("another architecture")
        embed, encode = model.layers
        seeds, tables = _embeddings(embed, len(columns))
        mix = _only(embed, f"with_array({_MIX})")
        layers, window = _encoder(encode)
        tag_W, tag_b = _softmax(tagger)
        return {
            "columns": columns,
            "seeds": seeds,
            "tables": tables,
            "mix": Maxout.of(_only(mix, "maxout"), _only(mix, "layernorm")),
            "layers": [Maxout.of(m, ln) for m, ln in layers],
            "window": window,
            "pad": depth * window,
            "tag_W": tag_W,
            "tag_b": tag_b,
        }
    except (Mismatch, KeyError, AttributeError, ValueError, IndexError):
        return None
