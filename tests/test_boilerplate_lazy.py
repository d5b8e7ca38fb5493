"""The lazy score of the boilerplate line model: the same lines and scores as the model worked out in full, with
less of the evidence."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lintnews.checkers.boilerplate.features import FEATURES, STEPS, line_evidence, line_of
from lintnews.checkers.boilerplate.lazy import LazyScore, own_cutoff, plan_for
from lintnews.checkers.boilerplate.model import (
    CONTEXT,
    LineModel,
    context_features,
    logit,
    model_from_mapping,
    shipped_model,
    sigmoid,
)
from lintnews.checkers.boilerplate.page import article_facts
from lintnews.checkers.boilerplate.patterns import SEARCHED, may_match

EXAMPLES = Path(__file__).parent / "data" / "boilerplate_examples.txt"


def _articles() -> list[list[str]]:
    out: list[list[str]] = []
    for raw in EXAMPLES.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# article:"):
            out.append([])
        elif raw[:2] in ("B|", "C|"):
            out[-1].append(raw[2:].strip())
    return out


def _full(model: LineModel, lines: list[str], flagged: list[bool], threshold: float) -> dict[int, float]:
    """The lines the two stages flag, each evidence worked out in full (as scripts/fit_boilerplate.py does)."""
    facts = article_facts(lines)
    first = [1.0 if flagged[i] else model.probability(line_evidence(facts, i, flagged)) for i in range(len(lines))]
    context = context_features(facts, first)
    scores = {i: model.with_context(c) for i, c in enumerate(context) if not flagged[i]}
    return {i: p for i, p in scores.items() if p >= threshold}


def _lazy(model: LineModel, lines: list[str], flagged: list[bool], threshold: float) -> dict[int, float]:
    scores = LazyScore(plan_for(model), article_facts(lines), flagged)
    reached = {i: scores.reaching(i, threshold) for i in range(len(lines)) if not flagged[i]}
    return {i: s.score for i, s in reached.items() if s is not None}


def _random_model(seed: int) -> LineModel:
    """Weights of either sign on every feature, the second stage's too: the bounds may not lean on the fitted signs."""
    rng = random.Random(seed)
    return model_from_mapping(
        {
            "weights": {f: rng.uniform(-4.0, 4.0) for f in FEATURES},
            "context_weights": {c: rng.uniform(-4.0, 4.0) for c in CONTEXT},
            "threshold": 0.5,
        },
        "random.json",
    )


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.83, 0.95])
def test_lazy_score_flags_the_lines_the_full_model_flags_with_the_same_scores(threshold: float) -> None:
    model = shipped_model()
    flagged_any = 0
    for k, lines in enumerate(_articles()):
        # some lines reported by other rules, as the checker sees them
        flagged = [(k + i) % 7 == 0 for i in range(len(lines))]
        full = _full(model, lines, flagged, threshold)
        assert _lazy(model, lines, flagged, threshold) == full
        flagged_any += len(full)
    assert flagged_any >= 10


@pytest.mark.parametrize("seed", range(12))
def test_lazy_score_holds_for_weights_of_any_sign(seed: int) -> None:
    model = _random_model(seed)
    for lines in _articles()[:8]:
        flagged = [i % 5 == 1 for i in range(len(lines))]
        for threshold in (0.1, 0.6, 0.9):
            assert _lazy(model, lines, flagged, threshold) == _full(model, lines, flagged, threshold)


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.83, 0.95])
def test_the_own_cutoff_is_the_bound_solved_for_the_lines_own_evidence(threshold: float) -> None:
    """Below the cutoff no line reaches the threshold whatever its neighbours; a little above it one may."""
    plan = plan_for(shipped_model())
    cut = own_cutoff(plan, threshold)
    assert cut is not None
    own = plan.model.context_weights[CONTEXT.index("own_logit")]

    def most(z: float) -> float:
        return sigmoid(plan.loose + own * logit(sigmoid(z)) / 4)

    assert most(cut - 1e-9) < threshold <= most(cut + 1e-3)
    assert own_cutoff(plan_for(_random_model(6)), threshold) is None  # the own term weighed down: no cutoff


def test_a_paragraph_of_the_story_is_decided_before_its_costliest_evidence() -> None:
    """The bound stops the work: a long sentence of the story is never searched for every pattern or counted
    character by character."""
    lines = _articles()[0]
    plan = plan_for(shipped_model())
    scores = LazyScore(plan, article_facts(lines), [False] * len(lines))
    body = next(i for i, t in enumerate(lines) if len(t.split()) > 25)
    assert scores.reaching(body, shipped_model().threshold) is None
    partial = scores.partial[body]
    assert partial is not None and 0 < partial.done < len(plan.steps)
    assert "digit_share" not in partial.values


def test_evidence_after_the_page_facts_lies_in_the_unit_interval() -> None:
    """The lazy score bounds what a step has not worked out yet by [0, 1] per feature: every step but the first keeps
    to it."""
    later = {f for s in STEPS if s.cost > 0 for f in (*s.features, *s.also)}
    for lines in _articles():
        facts = article_facts(lines)
        for i in range(len(lines)):
            values = dict(zip(FEATURES, line_evidence(facts, i).values, strict=True))
            assert all(0.0 <= values[f] <= 1.0 for f in later), lines[i]


def test_the_scan_never_rules_out_a_pattern_that_matches() -> None:
    for lines in _articles():
        facts = article_facts(lines)
        for i, text in enumerate(lines):
            possible = may_match(line_of(facts, i).text)
            if possible is None:
                pytest.skip("no scan engine: every pattern is searched")
            assert {n for n, p in SEARCHED.items() if p.search(text)} <= possible, text
