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
