"""The line model: a logistic score over the evidence of features.py, its weights read from weights.json."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .features import EVIDENCE, FEATURES, LineEvidence
from .page import ArticleFacts

WEIGHTS_FILE = "weights.json"
# the second stage: the first stage's score of the line, of its neighbours `CONTEXT_SPAN` lines either side, and
# of the other lines of its block outside the story (a teaser sits among teasers, a subhead among paragraphs, and a
# box of other stories' headlines is scored as a whole)
CONTEXT = ("bias", "own_logit", "near_mean", "near_max", "block_mean")
CONTEXT_SPAN = 2


def logit(p: float) -> float:
    p = min(1.0 - 1e-6, max(1e-6, p))
    return math.log(p / (1.0 - p))


def block_totals(facts: ArticleFacts, first: Sequence[float]) -> dict[int, float]:
    """The sum of the first-stage scores of each block's lines, by the block's first line."""
    totals: dict[int, float] = {}
    for block in facts.blocks:
        if block is not None and block.start not in totals:
            totals[block.start] = block_total(first, block.start, block.end)
    return totals


def block_total(first: Sequence[float], start: int, end: int) -> float:
    return sum(first[start : end + 1])


def line_context(facts: ArticleFacts, first: Sequence[float], i: int, total: float) -> tuple[float, ...]:
    """CONTEXT values of line `i` from the first-stage scores of its neighbours and (`total`) of its block's lines;
    only those entries of `first` are read."""
    n = len(facts.lines)
    near = [first[j] for j in range(max(0, i - CONTEXT_SPAN), min(n, i + CONTEXT_SPAN + 1)) if j != i]
    block = facts.blocks[i]
    size = block.end - block.start if block is not None else 0
    block_mean = (total - first[i]) / size if size else 0.0
    return (1.0, logit(first[i]) / 4, sum(near) / len(near) if near else 0.0, max(near, default=0.0), block_mean)


def context_features(facts: ArticleFacts, first: Sequence[float]) -> list[tuple[float, ...]]:
    """CONTEXT values of every line from the first-stage scores of the article's lines, in linear time."""
    totals = block_totals(facts, first)
    out = []
    for i in range(len(first)):
        block = facts.blocks[i]
        out.append(line_context(facts, first, i, totals[block.start] if block is not None else 0.0))
    return out


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@dataclass(frozen=True)
class LineModel:
    """Weights per feature (FEATURES order) and the score at which a line is flagged."""

    weights: tuple[float, ...]
    threshold: float
    info: dict[str, Any]
    context_weights: tuple[float, ...]

    def probability(self, ev: LineEvidence) -> float:
        """The first stage: the line's own evidence."""
        return sigmoid(sum(w * x for w, x in zip(self.weights, ev.values, strict=True)))

    def with_context(self, values: tuple[float, ...]) -> float:
        """The second stage: the line's first-stage score weighed with its neighbours' (CONTEXT `values`)."""
        return sigmoid(sum(w * x for w, x in zip(self.context_weights, values, strict=True)))

    def reasons(self, ev: LineEvidence, top: int = 3) -> list[str]:
        """The evidence that pushed the score up most, in words; what the line itself shows ('call to action
        'Follow'', a handle, a URL) before its shape and place, which many lines share."""
        parts = [
            (w * x, name)
            for name, w, x in zip(FEATURES, self.weights, ev.values, strict=True)
            if name != "bias" and w * x > 0.05
        ]
        parts.sort(reverse=True)
        cued = [name for _, name in parts if name in ev.cues][: top - 1]
        rest = [name for _, name in parts if name not in cued]
        chosen = [*cued, *rest[: top - len(cued)]]
        return [f"{EVIDENCE[name]} '{ev.cues[name]}'" if name in ev.cues else EVIDENCE[name] for name in chosen]


def model_from_mapping(data: Any, where: str) -> LineModel:
    """Validate a weights mapping ({"weights": {feature: w}, "threshold": t}); ValueError names the problem."""
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise ValueError(f"{where}: expected a mapping with 'weights'")
    w = data["weights"]
    missing = [f for f in FEATURES if f not in w]
    extra = [k for k in w if k not in FEATURES]
    if missing or extra:
        raise ValueError(f"{where}: features missing {missing} or unknown {extra}")
    if not all(isinstance(w[f], (int, float)) for f in FEATURES):
        raise ValueError(f"{where}: every weight must be a number")
    ctx = data.get("context_weights", {})
    if not isinstance(ctx, dict) or sorted(ctx) != sorted(CONTEXT):
        raise ValueError(f"{where}: 'context_weights' must name {', '.join(CONTEXT)}")
    t = data.get("threshold", 0.5)
    if not isinstance(t, (int, float)) or not 0.0 < t < 1.0:
        raise ValueError(f"{where}: 'threshold' must be a number between 0 and 1")
    info = {k: v for k, v in data.items() if k not in ("weights", "context_weights")}
    context = tuple(float(ctx[c]) for c in CONTEXT)
    return LineModel(tuple(float(w[f]) for f in FEATURES), float(t), info, context)


@cache
def shipped_model() -> LineModel:
    """The weights fitted by scripts/fit_boilerplate.py, shipped beside this module."""
    text = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return model_from_mapping(json.loads(text), WEIGHTS_FILE)
