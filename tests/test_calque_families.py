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


MONTHS = ["January", "March", "May", "July", "September", "November", "February", "December"]


def test_source_dates_at_any_day_month_and_year() -> None:
    """A spelled date turned into the source's numerals (ISO year-month-day, or the day's ordinal alone) is found
    at any date; the English date it came from stays quiet."""
    sentences = clean_sentences()
    damaged, english = [], []
    for n, (month, day) in enumerate(itertools.product(MONTHS, (1, 2, 3, 9, 11, 12, 22, 28, 30))):
        if month == "February" and day == 30:
            continue
        year = 1994 + n % 31
        base = sentences[n % len(sentences)].rstrip(".")
        iso = f"{year}-{MONTHS.index(month) * 2 % 12 + 1:02d}-{day:02d}"
        damaged.append((f"{base} on {iso}.", len(base) + 4))
        suffix = "th" if 10 < day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        damaged.append((f"{base} on the {day}{suffix}, officials said.", len(base) + 1))
        damaged.append((f"{base} on the evening of the {day}{suffix} to mark the day.", len(base) + 1))
        english.append(f"{base} on {month} {day}, {year}, and on the {day}{suffix} floor.")
    assert findings("calque.", "\n".join(english)) == []
    hits = [t for t, at in damaged if any(f.offset <= at + 4 < f.end + 4 for f in findings("calque.", t))]
    # measured 1.00 (213/213)
    assert len(hits) / len(damaged) >= 0.95, [t for t, _ in damaged if t not in hits]
