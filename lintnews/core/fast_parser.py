"""The dependency parser's greedy state loop with each step's hidden layer as numpy over all states at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy's Parser.pipe: documents in batches of this many, each sorted by length and parsed in quarters
BATCH = 256


@dataclass(frozen=True)
class FastParser:
    """spaCy's greedy parse with the same arithmetic, done per step rather than per state.

    spaCy's C loop sums each state's eight precomputed feature rows by eight BLIS saxpy calls of 128 floats: two
    thirds of the parser's time is those calls' overhead. Here a step gathers every unfinished state's rows at once
    and adds them in the same order (a float32 sum, so the same bits), takes the maxout, and scores the states by
    the same BLIS sgemm; spaCy's own transition code then moves the states. `build` returns None for a parser
    unlike the one this reproduces (beam search, no upper layer, no maxout, not on the CPU)."""

    parser: Any
    step_model: Any  # spaCy's ParserStepModel class, whose get_token_ids reads the states' context tokens in C
    gemm: Any  # blis.py.gemm: the BLIS product spaCy's C loop calls

    @classmethod
    def build(cls, parser: Any) -> FastParser | None:
        try:
            import blis.py
            from spacy.ml.parser_model import ParserStepModel
            from thinc.api import NumpyOps

            net = parser.model
            lower = net.get_ref("lower")
            ok = (
                parser.cfg.get("beam_width") == 1
                and net.attrs.get("has_upper")
                and len(net.layers) == 3
                and lower.get_dim("nP") >= 2
                and all(type(node.ops) is NumpyOps for node in net.walk())
            )
            return cls(parser, ParserStepModel, blis.py.gemm) if ok else None
        except Exception:  # a spaCy or thinc unlike 3.8's: keep the parser's own loop
            return None

    def pipe(self, docs: Sequence[Doc]) -> Iterator[Doc]:
        """What Parser.pipe yields: the docs in order, parsed in the same batches."""
        for start in range(0, len(docs), BATCH):
            batch = list(docs[start : start + BATCH])
            by_length = sorted(batch, key=len)
            size = max(BATCH // 4, 2)
            for i in range(0, len(by_length), size):
                sub = by_length[i : i + size]
                self.parser.set_annotations(sub, self.predict(sub))
            yield from batch

    def predict(self, docs: list[Doc]) -> list[Any]:
        """Parser.predict for a greedy parser: the final states."""
        parser = self.parser
        if not any(len(d) for d in docs):
            return list(parser.moves.init_batch(docs))
        parser._ensure_labels_are_added(docs)
        tok2vec, lower, upper = parser.model.layers
        # the precomputable affine over the batch's tokens: row 0 is the padding a missing context token reads
        table = lower.predict(tok2vec.predict(docs))
        rows, feats = table.shape[:2]
        table = table.reshape(rows, feats, -1)
        bias = lower.get_param("b").reshape(-1)
        pieces = lower.get_dim("nP")
        W, b = upper.get_param("W"), upper.get_param("b")
        unseen = sorted(parser.model.attrs.get("unseen_classes") or ())
        batch = list(parser.moves.init_batch(docs))
        states = [s for s in batch if not s.is_final()]
        ids_of = _IdsReader(feats, self.step_model)
        cols = np.arange(feats)
        while states:
            gathered = table[ids_of(states) + 1, cols]  # (states, feats, hidden * pieces)
            # C's loop: zeros, then each feature's row added in order, then the bias
            summed = np.zeros(gathered.shape[::2], dtype=np.float32)
            for f in range(feats):
                summed += gathered[:, f]
            summed += bias
            # maxout: the best of each hidden unit's adjacent pieces (an elementwise maximum of strided views)
            hidden = np.maximum(summed[:, 0::pieces], summed[:, 1::pieces])
            for piece in range(2, pieces):
                np.maximum(hidden, summed[:, piece::pieces], out=hidden)
            scores = self.gemm(hidden, W, trans2=True, beta=0.0)
            scores += b
            if unseen:
                scores[:, unseen] = scores.min()
            states = parser.transition_states(states, scores)
        return batch


@lru_cache(maxsize=4)
def fast_parser(parser: Any) -> FastParser | None:
    """The fast loop for a loaded parser component, built once; None where it would not be spaCy's parse."""
    return FastParser.build(parser)


class _IdsReader:
    """Calls ParserStepModel.get_token_ids (the C that reads each state's context tokens) without building one."""

    def __init__(self, feats: int, step_model: Any):
        self.state2vec = _Feats(feats)
        self._get = step_model.get_token_ids

    def __call__(self, states: list[Any]) -> np.ndarray:
        ids: np.ndarray = self._get(self, states)
        return ids


@dataclass(frozen=True)
class _Feats:
    nF: int
