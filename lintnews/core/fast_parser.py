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
# the tokens of the sub-batches whose states move together: fewer steps, each over more states
GROUP_TOKENS = 8192


@dataclass(frozen=True)
class FastParser:
    """spaCy's greedy parse with the same arithmetic, done per step rather than per state.

    spaCy's C loop sums each state's eight precomputed feature rows by eight BLIS saxpy calls of 128 floats, a call
    each, and scores a step's few states by one small sgemm: on real MT over half the parser's CPU went to that
    loop's per-call costs. Here a step gathers every unfinished state's rows at once
    and adds them in the same order (a float32 sum, so the same bits), takes the maxout, and scores the states by
    the same BLIS sgemm; spaCy's own transition code then moves the states. `build` returns None for a parser
    unlike the one this reproduces (beam search, no upper layer, no maxout, not on the CPU)."""

    parser: Any
    step_model: Any  # spaCy's ParserStepModel class, whose get_token_ids reads the states' context tokens in C
    gemm: Any  # blis.py.gemm: the BLIS product spaCy's C loop calls

    @classmethod
    def build(cls, parser: Any) -> FastParser | None:
        try:
            import blis.py  # type: ignore[import-untyped]
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
        """What Parser.pipe yields: the docs in order, parsed in spaCy's sub-batches (each sub-batch's features
        precomputed apart, as their vectors' last bits depend on the batch), the states of several moved together."""
        subs: list[list[Doc]] = []
        for start in range(0, len(docs), BATCH):
            by_length = sorted(docs[start : start + BATCH], key=len)
            size = max(BATCH // 4, 2)
            subs += [by_length[i : i + size] for i in range(0, len(by_length), size)]
        for group in _groups(subs):
            for sub, states in zip(group, self.predict(group), strict=True):
                self.parser.set_annotations(sub, states)
        yield from docs

    def predict(self, subs: list[list[Doc]]) -> list[list[Any]]:
        """Parser.predict of each sub-batch, for a greedy parser: its final states."""
        parser = self.parser
        tok2vec, lower, _ = parser.model.layers
        batches, tables, states, offsets, which = [], [], [], [], []
        base = 0
        for k, sub in enumerate(subs):
            batches.append(list(parser.moves.init_batch(sub)))
            if not any(len(d) for d in sub):
                continue
            parser._ensure_labels_are_added(sub)
            # the precomputable affine over the sub-batch's tokens: row 0 the padding a missing context token reads
            table = lower.predict(tok2vec.predict(sub))
            tables.append(table.reshape(table.shape[0], table.shape[1], -1))
            live = [s for s in batches[-1] if not s.is_final()]
            states += live
            offsets += [base] * len(live)
            which += [k] * len(live)
            base += table.shape[0]
        if states:
            self._loop(np.concatenate(tables), states, np.array(offsets), np.array(which))
        return batches

    def _loop(self, table: np.ndarray, states: list[Any], offsets: np.ndarray, which: np.ndarray) -> None:
        """Move the states to their end: each step scores every unfinished state as spaCy's C loop does."""
        parser = self.parser
        _, lower, upper = parser.model.layers
        feats, pieces = table.shape[1], lower.get_dim("nP")
        bias = lower.get_param("b").reshape(-1)
        W, b = upper.get_param("W"), upper.get_param("b")
        unseen = sorted(parser.model.attrs.get("unseen_classes") or ())
        ids_of = _IdsReader(feats, self.step_model)
        rows = table.reshape(-1, table.shape[2])  # (token, feature) -> its row: one take gathers a step's rows
        cols = np.arange(feats)[:, None]
        while states:
            # a state's token ids are within its sub-batch (-1 none): its table's rows start after the padding row
            ids = ids_of(states).T + 1
            ids += offsets
            ids *= feats
            ids += cols
            gathered = rows.take(ids, axis=0)  # (feats, states, hidden * pieces): each feature's rows adjacent
            # C's loop: zeros, then each feature's row added in order, then the bias
            summed = np.zeros(gathered.shape[1:], dtype=np.float32)
            for f in range(feats):
                summed += gathered[f]
            summed += bias
            # maxout: the best of each hidden unit's adjacent pieces (an elementwise maximum of strided views)
            hidden = np.maximum(summed[:, 0::pieces], summed[:, 1::pieces])
            for piece in range(2, pieces):
                np.maximum(hidden, summed[:, piece::pieces], out=hidden)
            scores = self.gemm(hidden, W, trans2=True, beta=0.0)
            scores += b
            if unseen:  # the lowest score of the step, as C takes it over one sub-batch's states
                scores[:, unseen] = _lowest_by_sub(scores, which)[:, None]
            moved = parser.transition_states(states, scores)
            if len(moved) != len(states):
                going = np.fromiter((not s.is_final() for s in states), dtype=bool, count=len(states))
                offsets, which = offsets[going], which[going]
            states = moved


def _lowest_by_sub(scores: np.ndarray, which: np.ndarray) -> np.ndarray:
    """Each row's lowest score over all the rows of its sub-batch (the rows of one sub-batch are adjacent)."""
    starts = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
    lowest = np.minimum.reduceat(scores.min(axis=1), starts)
    return np.repeat(lowest, np.diff(np.r_[starts, len(which)]))


def _groups(subs: list[list[Doc]]) -> Iterator[list[list[Doc]]]:
    """Consecutive sub-batches moved together, up to GROUP_TOKENS tokens (their precomputed features take 4 kB a
    token). A sub-batch with dependencies already set goes alone: spaCy may add their labels, resizing the parser
    before the sub-batches after it are scored."""
    group: list[list[Doc]] = []
    tokens = 0
    for sub in subs:
        alone = any(d.has_annotation("DEP") for d in sub)
        size = sum(len(d) for d in sub)
        if group and (alone or tokens + size > GROUP_TOKENS):
            yield group
            group, tokens = [], 0
        group.append(sub)
        tokens += size
        if alone:
            yield group
            group, tokens = [], 0
    if group:
        yield group


@lru_cache(maxsize=4)
def fast_parser(parser: Any) -> FastParser | None:
    """The fast loop for a loaded parser component, built once; None where it would not be spaCy's parse."""
    return FastParser.build(parser)


@lru_cache(maxsize=8)
def faster(name: str, component: Any) -> Any:
    """What runs a pipeline component after the tagger: the fast parser loop or the lemmatizer's memo where they
    give spaCy's analysis, else the component itself (its pipe)."""
    if name == "parser":
        return fast_parser(component) or component
    if name == "lemmatizer":
        from .fast_lemmatizer import FastLemmatizer

        return FastLemmatizer.build(component) or component
    return component


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
