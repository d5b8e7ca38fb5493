"""Calque families on generated text: the clean test sentences followed by a reporting clause in Romance order,
at any verb, listener and speaker; the same clauses in English order stay quiet."""

from __future__ import annotations

import itertools

import pytest

from .perturb import clean_sentences, findings

VERBS = ["said", "declared", "explained", "confirmed", "warned", "insisted", "revealed", "stated", "assured", "noted"]
LISTENERS = ["Radio Hartwell", "the Valley Herald", "this newspaper", "Kyodo", "Nordic Wire", "the BBC"]
SPEAKERS = [
    "a spokesman for the council",
    "the regional governor",
    "two engineers who asked not to be named",
    "several residents of the valley",
    "an official of the water board",
]


def _clauses() -> list[tuple[str, str, str]]:
    combos = itertools.product(VERBS, LISTENERS, SPEAKERS)
    return [c for n, c in enumerate(combos) if n % 7 == 0]  # a spread of 43 combinations


@pytest.mark.slow
def test_reporting_inversion_at_any_verb_listener_and_speaker() -> None:
    sentences = clean_sentences()
    inverted, english = [], []
    for n, (verb, listener, speaker) in enumerate(_clauses()):
        base = sentences[n % len(sentences)].rstrip(".")
        inverted.append((f"{base}, {verb} to {listener} {speaker}.", len(base) + 2))
        told = "told" if verb == "said" else f"{verb} to"
        english.append(f"{base}, {speaker} {told} {listener}.")
    assert findings("calque.", "\n".join(english)) == []
    hits = [t for t, at in inverted if any(f.offset == at for f in findings("calque.reporting-inversion", t))]
    # measured 1.00 (43/43)
    assert len(hits) / len(inverted) >= 0.9, [t for t, _ in inverted if t not in hits]


QUANTITIES = ["two", "a few", "several", "thirty-one", "12", "dozens of", "more than three", "nearly forty"]
UNITS = ["days", "weeks", "months", "years", "decades", "hours"]
DAYS = ["Monday", "Friday", "Sunday", "January", "May", "October"]


def test_since_duration_and_the_past_at_any_quantity_unit_and_day() -> None:
    sentences = clean_sentences()
    damaged, english = [], []
    for n, (q, u) in enumerate(itertools.product(QUANTITIES, UNITS)):
        base = sentences[n % len(sentences)].rstrip(".")
        damaged.append((f"{base} since {q} {u}.", len(base) + 1))
        english.append(f"{base} for {q} {u}.")
    for n, day in enumerate(DAYS):
        base = sentences[n].rstrip(".")
        damaged.append((f"{base} the past {day}.", len(base) + 1))
        english.append(f"{base} last {day}.")
    assert findings("calque.", "\n".join(english)) == []
    hits = [t for t, at in damaged if any(f.offset == at for f in findings("calque.", t))]
    # measured 1.00 (54/54)
    assert len(hits) == len(damaged), [t for t, _ in damaged if t not in hits]
