"""The line model: a logistic score over the evidence of features.py, its weights read from weights.json."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .features import EVIDENCE, FEATURES, LineEvidence

WEIGHTS_FILE = "weights.json"
# the second stage: the first stage's score of the line and of its neighbours, `CONTEXT_SPAN` lines either side
# (a teaser headline sits among teasers, a subhead among paragraphs)
CONTEXT = ("bias", "own_logit", "near_mean", "near_max")
CONTEXT_SPAN = 2


def _logit(p: float) -> float:
    p = min(1.0 - 1e-6, max(1e-6, p))
    return math.log(p / (1.0 - p))


def context_features(own: float, near: list[float]) -> tuple[float, ...]:
    """CONTEXT values from the first-stage score of the line and those of its neighbours."""
    return (1.0, _logit(own) / 4, sum(near) / len(near) if near else 0.0, max(near, default=0.0))


def _sigmoid(z: float) -> float:
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
        return _sigmoid(sum(w * x for w, x in zip(self.weights, ev.values, strict=True)))

    def with_context(self, own: float, near: list[float]) -> float:
        """The second stage: the line's first-stage score weighed with its neighbours' (own score when none)."""
        if not self.context_weights:
            return own
        values = context_features(own, near)
        return _sigmoid(sum(w * x for w, x in zip(self.context_weights, values, strict=True)))

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
    if not isinstance(ctx, dict) or (ctx and sorted(ctx) != sorted(CONTEXT)):
        raise ValueError(f"{where}: 'context_weights' must name {', '.join(CONTEXT)}")
    t = data.get("threshold", 0.5)
    if not isinstance(t, (int, float)) or not 0.0 < t < 1.0:
        raise ValueError(f"{where}: 'threshold' must be a number between 0 and 1")
    info = {k: v for k, v in data.items() if k not in ("weights", "context_weights")}
    context = tuple(float(ctx[c]) for c in CONTEXT) if ctx else ()
    return LineModel(tuple(float(w[f]) for f in FEATURES), float(t), info, context)


@cache
def shipped_model() -> LineModel:
    """The weights fitted by scripts/fit_boilerplate.py, shipped beside this module."""
    text = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return model_from_mapping(json.loads(text), WEIGHTS_FILE)
