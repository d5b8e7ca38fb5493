"""The line model's two-stage score worked out lazily: a line's evidence step by step, cheapest first, stopped as soon
as what the remaining steps could add no longer lets the score reach the threshold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from .features import FEATURES, STEPS, Cues, Line, LineEvidence, Step, Values, evidence_of, line_of
from .model import CONTEXT, CONTEXT_SPAN, LineModel, block_total, line_context, logit, sigmoid
from .page import ArticleFacts

# the bounds add the same products in another order than the score does: a line this close to the threshold is
# worked out in full rather than trust the last bits of a sum
MARGIN = 1e-6
OWN = CONTEXT.index("own_logit")


@dataclass(frozen=True, eq=False)
class Plan:
    """The order of the steps for one model: by cost, then by how much each can take off the score's upper bound
    (a step whose features weigh for boilerplate, found absent, lowers it by their weight)."""

    model: LineModel
    steps: tuple[Step, ...]
    # per feature: its weight, and what it could add at most and at least while unknown (a feature of a step after
    # the first lies in [0, 1])
    terms: dict[str, tuple[float, float, float]]
    up: float  # what the features can add at most to a score, all unknown
    down: float  # ... and at least
    loose: float  # the most the second stage's neighbours and block can add, whatever their scores (in [0, 1])


def plan_for(model: LineModel) -> Plan:
    terms = {f: (w, max(0.0, w), min(0.0, w)) for f, w in zip(FEATURES, model.weights, strict=True)}
    steps = sorted(STEPS, key=lambda s: (s.cost, -sum(terms[f][1] for f in {*s.features, *s.also})))
    up = sum(t[1] for t in terms.values())
    down = sum(t[2] for t in terms.values())
    bias, _, *others = model.context_weights
    return Plan(model, tuple(steps), terms, up, down, bias + sum(max(0.0, w) for w in others))


@lru_cache(maxsize=64)
def own_cutoff(plan: Plan, threshold: float) -> float | None:
    """The first-stage sum of a line's evidence below which its score cannot reach `threshold`, whatever its
    neighbours' and its block's: the bound of `LazyScore._upper` with `plan.loose`, solved for the line's own term
    once (None where it cannot be: the own term not weighed up, or the threshold out of the logit's range)."""
    w = plan.model.context_weights[OWN]
    if w <= 0.0 or not 1e-6 < threshold < 1.0 - 1e-6:
        return None
    cut = 4.0 * (math.log(threshold / (1.0 - threshold)) - plan.loose - MARGIN) / w - MARGIN
    # below it the model clips a score's logit (model.logit), and the own term stops falling with the sum
    return cut if cut > logit(0.0) + 1.0 else None


class _Partial:
    """A line's evidence so far: the sum of the weighed features known, and what the unknown ones can add."""

    __slots__ = ("cues", "done", "down", "known", "line", "up", "values")

    def __init__(self, plan: Plan, line: Line) -> None:
        self.line = line
        self.values: Values = {}
        self.cues: Cues = {}
        self.done = 0
        self.known = 0.0
        self.up = plan.up
        self.down = plan.down

    def advance(self, plan: Plan) -> bool:
        """Run the next step; False when none is left."""
        if self.done == len(plan.steps):
            return False
        step = plan.steps[self.done]
        self.done += 1
        values = self.values
        before = len(values)
        step.run(self.line, values, self.cues)
        # the features it settled are the keys it added (a step never changes a value once set; it may settle one
        # of a later step's, as a long line has no short call to action)
        terms = plan.terms
        known = up = down = 0.0
        for f in islice(values, before, None):
            w, most, least = terms[f]
            known += w * values[f]
            up += most
            down += least
        self.known += known
        self.up -= up
        self.down -= down
        return True


@dataclass(frozen=True)
class Scored:
    """A line whose score reaches the threshold: its score, its CONTEXT values and its own evidence."""

    score: float
    context: tuple[float, ...]
    evidence: LineEvidence


class LazyScore:
    """The scores of one article's lines, each line's evidence worked out only as far as a decision needs."""

    def __init__(self, plan: Plan, facts: ArticleFacts, flagged: Sequence[bool]) -> None:
        self.plan = plan
        self.facts = facts
        self.flagged = flagged
        n = len(facts.lines)
        # a line another rule reported counts as boilerplate for its neighbours: a first-stage score of 1
        self.first: list[float | None] = [1.0 if flagged[j] else None for j in range(n)]
        self.evidence: dict[int, LineEvidence] = {}
        self.partial: list[_Partial | None] = [None] * n

    def _partial(self, j: int) -> _Partial:
        p = self.partial[j]
        if p is None:
            p = self.partial[j] = _Partial(self.plan, line_of(self.facts, j, self.flagged))
            p.advance(self.plan)  # the page's facts: what every other step is weighed against
        return p

    def bounds(self, j: int) -> tuple[float, float]:
        """The least and the most line `j`'s first-stage score can be, from what is known of its evidence."""
        exact = self.first[j]
        if exact is not None:
            return exact, exact
        p = self._partial(j)
        return sigmoid(p.known + p.down), sigmoid(p.known + p.up)

    def settle(self, j: int) -> float:
        """Line `j`'s first-stage score, its evidence worked out in full."""
        exact = self.first[j]
        if exact is not None:
            return exact
        p = self._partial(j)
        while p.advance(self.plan):
            pass
        ev = self.evidence[j] = evidence_of(p.values, p.cues)
        score = self.first[j] = self.plan.model.probability(ev)
        return score

    def _rest(self, i: int) -> float:
        """The most the second stage's sum for line `i` can be without its own term: its neighbours' and its
        block's bounds."""
        facts = self.facts
        n = len(facts.lines)
        near = [self.bounds(j) for j in range(max(0, i - CONTEXT_SPAN), min(n, i + CONTEXT_SPAN + 1)) if j != i]
        block = facts.blocks[i]
        size = block.end - block.start if block is not None else 0
        others = [self.bounds(j) for j in range(block.start, block.end + 1) if j != i] if block and size else []
        ranges = (
            (1.0, 1.0),
            (0.0, 0.0),
            (sum(b[0] for b in near) / len(near), sum(b[1] for b in near) / len(near)) if near else (0.0, 0.0),
            (max(b[0] for b in near), max(b[1] for b in near)) if near else (0.0, 0.0),
            (sum(b[0] for b in others) / size, sum(b[1] for b in others) / size) if others else (0.0, 0.0),
        )
        return sum(w * (r[1] if w >= 0 else r[0]) for w, r in zip(self.plan.model.context_weights, ranges, strict=True))

    def _upper(self, i: int, rest: float) -> float:
        """The most line `i`'s second-stage score can be: `rest` and the bound of its own first-stage score."""
        lo, hi = self.bounds(i)
        w = self.plan.model.context_weights[OWN]
        return sigmoid(rest + w * logit(hi if w >= 0 else lo) / 4 + MARGIN)

    def reaching(self, i: int, threshold: float) -> Scored | None:
        """Line `i`'s score if it reaches `threshold` (its evidence, its neighbours' and its block's worked out in
        full), or None as soon as the bounds tell it cannot."""
        # the line's own evidence first, against the most its neighbours could add: most lines stop here
        partial = self._partial(i) if self.first[i] is None else None
        cut = own_cutoff(self.plan, threshold)
        while True:
            if partial is not None and cut is not None:
                if partial.known + partial.up < cut:
                    return None
            elif self._upper(i, self.plan.loose) < threshold:
                return None
            if partial is None or not partial.advance(self.plan):
                break
        self.settle(i)
        # then against what its neighbours can add, each worked out in full in turn
        n = len(self.facts.lines)
        for j in (i, *range(max(0, i - CONTEXT_SPAN), min(n, i + CONTEXT_SPAN + 1))):
            self.settle(j)
            if self._upper(i, self._rest(i)) < threshold:
                return None
        block = self.facts.blocks[i]
        if block is not None:
            for j in range(block.start, block.end + 1):
                self.settle(j)
        first = [x if x is not None else 0.0 for x in self.first]  # the lines read below are all settled
        total = block_total(first, block.start, block.end) if block is not None else 0.0
        context = line_context(self.facts, first, i, total)
        score = self.plan.model.with_context(context)
        ev = self.evidence.get(i)
        if score < threshold or ev is None:  # (a line another rule reported has no evidence: not a candidate)
            return None
        return Scored(score, context, ev)
