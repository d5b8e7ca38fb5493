"""Generated damage for the detectors of damage raters mark in real MT: an initialism written two ways in one
article, a period-on-period comparison closing a clause, a chain of 'of' phrases. Each is made at words drawn at
random (initialisms, periods and nouns no rule lists) in sentences written for these tests, and each rule stays
silent on the clean text written for the other perturbation tests."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from .perturb import clean_sentences, findings

OWN = Path(__file__).parent / "data" / "clean_news_own.txt"
# sentences that name an organisation, a country or a bloc by its initialism ({X})
_INITIALISM_FRAMES = (
    "The {X} envoy arrived in the capital on Monday.",
    "Officials of the {X} said the talks would resume in May.",
    "A spokesman for the {X} declined to comment on the report.",
    "Farmers said {X} tariffs had cut their exports by a third.",
    "The {X} has promised to send more aid before the winter.",
    "Critics of the {X} plan gathered outside the town hall.",
)
# the changes a report states, with their comparison written the English way ({p}: a period)
_CHANGE_FRAMES = (
    "Sales of new cars rose 4.1% from a {p} earlier, the association said.",
    "Passenger numbers at the airport fell sharply from a {p} earlier.",
    "The price of rice climbed 12% from a {p} earlier in the northern provinces.",
    "Industrial output grew 2.3% from a {p} earlier and beat forecasts.",
    "Exports of timber slipped from a {p} earlier as demand in Europe weakened.",
)
_PERIODS = ("year", "month", "quarter", "week", "day")
# common nouns with no part in any rule: the chains are built of them at random
_NOUNS = """
    repair roofs schools quality training teachers growth number users clinics rules sale shares farms cost
    supply water villages review safety bridges level debt owners management ports protection rights workers
    """.split()  # noqa: SIM905


def _initialism(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(2, 4)))


def _article(rng: random.Random, letters: str, dotted: bool) -> tuple[list[str], list[int]]:
    """Four sentences naming the initialism one way, and where each name starts in their text."""
    form = ".".join(letters) + "." if dotted else letters
    frames = rng.sample(_INITIALISM_FRAMES, 4)
    sentences, starts, at = [], [], 0
    for frame in frames:
        sentence = frame.format(X=form)
        starts.append(at + sentence.index(form))
        sentences.append(sentence)
        at += len(sentence) + 1
    return sentences, starts


def test_initialism_written_the_other_way_is_found_at_any_letters() -> None:
    rng = random.Random(19)
    hits = tries = 0
    for _ in range(60):
        letters, dotted = _initialism(rng), rng.random() < 0.5
        sentences, starts = _article(rng, letters, dotted)
        clean = " ".join(sentences)
        assert findings("mt.initialism-dots", clean) == [], clean
        k = rng.randrange(len(sentences))
        other = letters if dotted else ".".join(letters) + "."
        sentences[k] = sentences[k].replace(".".join(letters) + "." if dotted else letters, other, 1)
        damaged = " ".join(sentences)
        tries += 1
        hits += any(f.offset == starts[k] for f in findings("mt.initialism-dots", damaged))
    # measured 1.00: the odd form out is found whatever the letters
    assert hits / tries >= 0.95


def test_initialism_tie_and_headings_are_left_alone() -> None:
    assert findings("mt.initialism-dots", "The UN envoy met the U.N. team.") == []
    heading = "UN TALKS RESUME\nThe U.N. envoy met U.N. staff in Geneva."
    assert findings("mt.initialism-dots", heading) == []


@pytest.mark.parametrize("period", _PERIODS)
def test_period_on_period_after_a_change_is_found_for_any_period(period: str) -> None:
    for frame in _CHANGE_FRAMES:
        clean = frame.format(p=period)
        assert findings("calque.period-on-period", clean) == [], clean
        calque = f"{period}-on-{period}"
        damaged = clean.replace(f"from a {period} earlier", calque)
        start = damaged.index(calque)
        found = findings("calque.period-on-period", damaged)
        assert [(f.offset, f.end) for f in found] == [(start, start + len(calque))], damaged


def test_period_on_period_before_its_noun_is_english() -> None:
    for period in _PERIODS:
        text = f"The {period}-on-{period} rise in prices was the largest since 2015."
        assert findings("calque.period-on-period", text) == [], text


def test_rules_are_silent_on_clean_text() -> None:
    text = "\n".join(clean_sentences()) + "\n\n" + OWN.read_text(encoding="utf-8")
    for rule in ("mt.initialism-dots", "calque.period-on-period"):
        assert findings(rule, text) == [], rule


@pytest.mark.slow
def test_of_chains_are_found_at_any_nouns() -> None:
    rng = random.Random(19)
    frames = (
        "Officials discussed the {a} of the {b} of the {c} of {d} in the valley.",
        "The report describes the {a} of the {b} of {c} of the {d} near the coast.",
        "Inspectors praised the {a} of the {b} of the {c} of the {d}.",
    )
    hits = 0
    for _ in range(30):
        a, b, c, d = rng.sample(_NOUNS, 4)
        text = rng.choice(frames).format(a=a, b=b, c=c, d=d)
        hits += any(f.rule == "mt.of-chain" for f in findings("mt.of-chain", text))
    # measured 1.00 (30 chains, seed 19)
    assert hits / 30 >= 0.85
    # two links, and a name's own chain, are English
    assert findings("mt.of-chain", "Officials discussed the repair of the roofs of schools in the valley.") == []
    name = "He met a member of the Board of Governors of the Bank of England."
    assert findings("mt.of-chain", name) == []
    text = "\n".join(clean_sentences()) + "\n\n" + OWN.read_text(encoding="utf-8")
    assert findings("mt.of-chain", text) == []
