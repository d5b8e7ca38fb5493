"""An inference-only forward of the model's tok2vec and tagger: thinc's arithmetic without its per-layer bookkeeping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# how many distinct tokens' embeddings a run keeps (96 floats each: 12 MB at most); a full table starts again
EMBED_ROWS = 1 << 15


@dataclass(frozen=True)
class Maxout:
    """A maxout layer followed by LayerNorm: thinc's product (W as (nO * nP, nI): reordering its rows changes
    OpenBLAS's rounding), the best of each output's nP adjacent columns an elementwise maximum of strided views."""

    W: np.ndarray  # (nO * nP, nI)
    b: np.ndarray  # (nO * nP,)
    pieces: int
    G: np.ndarray  # LayerNorm's scale
    shift: np.ndarray  # LayerNorm's bias

    @classmethod
    def of(cls, maxout: Any, layernorm: Any) -> Maxout:
        nO, nP, nI = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        return cls(
            maxout.get_param("W").reshape(nO * nP, nI),
            maxout.get_param("b").reshape(nO * nP),
            nP,
            layernorm.get_param("G"),
            layernorm.get_param("b"),
        )

    def __call__(self, X: np.ndarray) -> np.ndarray:
        Y = X @ self.W.T
        Y += self.b
        nP = self.pieces
        best = np.maximum(Y[:, 0::nP], Y[:, 1::nP]) if nP > 1 else Y
        for p in range(2, nP):
            np.maximum(best, Y[:, p::nP], out=best)
        return self._normalize(best)

    def _normalize(self, X: np.ndarray) -> np.ndarray:
        """thinc's LayerNorm, its operations those numpy's mean and var make, the difference from the mean made once."""
        n = np.intp(X.shape[1])  # numpy's mean and var divide by an intp count (in float64, rounded to float32)
        mu = np.add.reduce(X, axis=1, keepdims=True)
        np.true_divide(mu, n, out=mu, casting="unsafe")
        dist = X - mu
        var = np.add.reduce(np.multiply(dist, dist), axis=1, keepdims=True)
        np.true_divide(var, n, out=var, casting="unsafe")
        var += 1e-08
        dist *= var ** (-1.0 / 2.0)
        dist *= self.G
        dist += self.shift
        return dist


@dataclass
class FastTagger:
    """The tok2vec (hash embeddings, maxout mixing, a residual window CNN) and the tagger's linear layer, as plain
    numpy over one batch; the embedding of a token, which reads its own features alone, computed once a run."""

    columns: list[Any]
    seeds: list[int]
    tables: list[np.ndarray]
    mix: Maxout
    layers: list[Maxout]
    window: int
    pad: int
    tag_W: np.ndarray
    tag_b: np.ndarray
    # a distinct token's feature columns (as bytes) -> its row of _rows, its mixed embedding
    _known: dict[bytes, int] = field(default_factory=dict, init=False)
    _rows: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self._rows = np.empty((0, len(self.mix.G)), dtype=np.float32)

    def tag(self, nlp: Language, texts: Sequence[str]) -> list[Doc]:
        """The texts tokenized, their tok2vec output and tags set as nlp.pipe with only the tok2vec and tagger sets them
        (the same batches: a token's vector moves in its last bits with the batch's size)."""
        tok2vec: Any = nlp.get_pipe("tok2vec")
        tagger: Any = nlp.get_pipe("tagger")
        docs = [nlp.make_doc(t) for t in texts]
        size = nlp.batch_size
        for i in range(0, len(docs), size):
            batch = docs[i : i + size]
            if not any(len(d) for d in batch):  # thinc's own answer for no tokens at all
                tok2vec.set_annotations(batch, tok2vec.predict(batch))
                tagger.set_annotations(batch, tagger.predict(batch))
                continue
            vectors = self.tokvecs(batch)
            tok2vec.set_annotations(batch, vectors)
            tagger.set_annotations(batch, self.tag_ids(vectors))
        return docs

    def forget(self) -> None:
        """Drop the embeddings kept so far."""
        self._known.clear()

    def tokvecs(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        """Each doc's tok2vec output, as thinc's Tok2Vec.predict gives it."""
        lengths = [len(d) for d in docs]
        feats = np.concatenate(
            [d.to_array(self.columns).reshape(n, len(self.columns)) for d, n in zip(docs, lengths, strict=True)]
        )
        embedded = self._embed(feats.astype(np.uint64, copy=False))
        X, starts = self._flatten(embedded, lengths)
        for layer in self.layers:
            X = X + layer(self._seq2col(X))
        return [X[s : s + n] for s, n in zip(starts, lengths, strict=True)]

    def tag_ids(self, tokvecs: list[np.ndarray]) -> list[np.ndarray]:
        """The tagger's choice for each token: the argmax of its linear layer (unnormalized, as at prediction)."""
        scores = np.concatenate(tokvecs) @ self.tag_W.T
        scores += self.tag_b
        ends = np.cumsum([len(t) for t in tokvecs])[:-1]
        return [s.argmax(axis=1) for s in np.split(scores, ends)]

    def _embed(self, feats: np.ndarray) -> np.ndarray:
        """The mixed embedding of each token, the rows of tokens not met yet this run computed in one product."""
        keys: list[bytes] = np.ascontiguousarray(feats).view(f"V{feats.shape[1] * 8}").ravel().tolist()
        if len(self._known) + len(keys) > EMBED_ROWS:
            self.forget()
        known = self._known
        fresh = {k: i for i, k in enumerate(keys) if k not in known}  # a repeated token: any of its rows will do
        if fresh:
            rows = self.mix(self._hash_embed(feats[list(fresh.values())]))
            base = len(known)
            if base + len(rows) > len(self._rows):  # grown by doubling: each row copied once on average
                grown = np.empty((max(base + len(rows), 2 * len(self._rows)), rows.shape[1]), dtype=rows.dtype)
                grown[:base] = self._rows[:base]
                self._rows = grown
            self._rows[base : base + len(rows)] = rows
            known.update(zip(fresh, range(base, base + len(rows)), strict=True))
        return self._rows[[known[k] for k in keys]]

    def _hash_embed(self, feats: np.ndarray) -> np.ndarray:
        """thinc's HashEmbed per column, concatenated: the sum of four rows of a table chosen by MurmurHash."""
        from thinc.api import NumpyOps

        ops = NumpyOps()
        width = self.tables[0].shape[1]
        out = np.empty((len(feats), width * len(self.tables)), dtype=np.float32)
        for c, (seed, E) in enumerate(zip(self.seeds, self.tables, strict=True)):
            keys = ops.hash(np.ascontiguousarray(feats[:, c]), seed) % E.shape[0]
            part = out[:, c * width : (c + 1) * width]
            np.add(E[keys[:, 0]], E[keys[:, 1]], out=part)
            for k in range(2, keys.shape[1]):
                part += E[keys[:, k]]
        return out

    def _flatten(self, embedded: np.ndarray, lengths: list[int]) -> tuple[np.ndarray, list[int]]:
        """thinc's flatten with padding: `pad` zero rows before each non-empty doc and after the last."""
        pad, starts, at = self.pad, [], 0
        for n in lengths:
            if n:
                at += pad
            starts.append(at)
            at += n
        X = np.zeros((at + pad, embedded.shape[1]), dtype=np.float32)
        taken = 0
        for s, n in zip(starts, lengths, strict=True):
            X[s : s + n] = embedded[taken : taken + n]
            taken += n
        return X, starts

    def _seq2col(self, X: np.ndarray) -> np.ndarray:
        """Each row beside its `window` neighbours on each side (zeros past the ends), as thinc's seq2col."""
        M, w = X.shape
        nW = self.window
        cols = np.zeros((M, 2 * nW + 1, w), dtype=X.dtype)
        cols[:, nW] = X
        for d in range(1, nW + 1):
            cols[d:, nW - d] = X[:-d]
            cols[:-d, nW + d] = X[d:]
        return cols.reshape(M, (2 * nW + 1) * w)


# written for the check at load: words, numbers, punctuation, whitespace and an empty text
_PROBE = ("The council's 12 members voted on Friday -- 7 to 5 -- to reopen the old bridge.  Will it last?", "", " ")
# the ordinary path's own output moves by about 1e-6 with the batch a text is in (OpenBLAS's blocking): a larger
# difference means the fast forward computes something else
_TOLERANCE = 1e-4


def build(nlp: Language) -> FastTagger | None:
    """A FastTagger for the pipeline's tok2vec and tagger where their network is exactly the one it implements, and
    gives the tags and (within the pipeline's own rounding) the vectors the ordinary path gives on a probe."""
    from .fast_tok2vec_net import read_network

    found = read_network(nlp)
    if found is None:
        return None
    fast = FastTagger(**found)
    docs = [nlp.make_doc(t) for t in _PROBE]
    tok2vec: Any = nlp.get_pipe("tok2vec")
    tagger: Any = nlp.get_pipe("tagger")
    want = tok2vec.predict(docs)
    for d, t in zip(docs, want, strict=True):
        d.tensor = t
    tags = tagger.predict(docs)
    got = fast.tokvecs(docs)
    same = all(np.array_equal(a, b) for a, b in zip(tags, fast.tag_ids(got), strict=True))
    close = all(
        a.shape == b.shape and np.allclose(a, b, rtol=0, atol=_TOLERANCE) for a, b in zip(want, got, strict=True)
    )
    fast.forget()
    return fast if same and close else None
