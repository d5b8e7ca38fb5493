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


@dataclass(frozen=True)
class LineModel:
    """Weights per feature (FEATURES order) and the score at which a line is flagged."""

    weights: tuple[float, ...]
    threshold: float
    info: dict[str, Any]

    def probability(self, ev: LineEvidence) -> float:
        z = sum(w * x for w, x in zip(self.weights, ev.values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def reasons(self, ev: LineEvidence, top: int = 3) -> list[str]:
        """The evidence that pushed the score up most, in words ('call to action "Follow"')."""
        parts = [
            (w * x, name)
            for name, w, x in zip(FEATURES, self.weights, ev.values, strict=True)
            if name != "bias" and w * x > 0.05
        ]
        parts.sort(reverse=True)
        out = []
        for _, name in parts[:top]:
            cue = ev.cues.get(name)
            out.append(f"{EVIDENCE[name]} '{cue}'" if cue else EVIDENCE[name])
        return out


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
    t = data.get("threshold", 0.5)
    if not isinstance(t, (int, float)) or not 0.0 < t < 1.0:
        raise ValueError(f"{where}: 'threshold' must be a number between 0 and 1")
    return LineModel(tuple(float(w[f]) for f in FEATURES), float(t), {k: v for k, v in data.items() if k != "weights"})


@cache
def shipped_model() -> LineModel:
    """The weights fitted by scripts/fit_boilerplate.py, shipped beside this module."""
    text = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return model_from_mapping(json.loads(text), WEIGHTS_FILE)
