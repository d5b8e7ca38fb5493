"""Generated damage on clean news written for these tests: each mechanism of the mt pack finds it at any word."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import builtin_rules_dir, load_pack

pytestmark = pytest.mark.slow  # the tagger and parser decide several of these rules

CLEAN = (Path(__file__).parent / "data" / "clean_news_own.txt").read_text(encoding="utf-8")
RULES = [
    r
    for name in ("mt.yaml", "sentence-split.yaml", "punctuation.yaml")
    for r in load_pack(builtin_rules_dir() / name).rules
    if r.id != "sentence-split.paragraph-continues"
]
LINTER = Linter(RULES)
_WORD = re.compile(r"[A-Za-z]+")
# (text, offset of the damage): the damage is found when a finding starts within a word of it
Damage = tuple[str, int]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _sentences(para: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", para)]


def repeat_word(rng: random.Random, para: str) -> Damage | None:
    words = [m for m in _WORD.finditer(para) if m.group().lower() not in ("had", "that")]
    m = rng.choice(words)
    return para[: m.end()] + " " + m.group() + para[m.end() :], m.end()


def lower_sentence_start(rng: random.Random, para: str) -> Damage | None:
    s, _ = rng.choice(_sentences(para))
    s += len(para[s:]) - len(para[s:].lstrip())
    return para[:s] + para[s].lower() + para[s + 1 :], s


def flip_letter(rng: random.Random, para: str) -> Damage | None:
    words = [m for m in _WORD.finditer(para) if len(m.group()) >= 4 and m.group().islower()]
    m = rng.choice(words)
    k = m.start() + rng.randrange(1, len(m.group()))
    return para[:k] + para[k].upper() + para[k + 1 :], k


def capitalise_word(rng: random.Random, para: str) -> Damage | None:
    """The first letter of a lower-case word in mid-sentence flipped to a capital."""
    words = [m for m in _WORD.finditer(para) if m.group().islower() and para[m.start() - 2 : m.start()].strip(" ")]
    m = rng.choice(words)
    return para[: m.start()] + para[m.start()].upper() + para[m.start() + 1 :], m.start()


def comma_after_function_word(rng: random.Random, para: str) -> Damage | None:
    """A comma after an article, an auxiliary or a subject pronoun: where English grammar cannot have one."""
    words = [m for m in _WORD.finditer(para) if m.group() in ("the", "a", "an", "will", "would", "they", "he", "can")]
    m = rng.choice(words)
    return para[: m.end()] + "," + para[m.end() :], m.end()


def comma_anywhere(rng: random.Random, para: str) -> Damage | None:
    words = list(_WORD.finditer(para))[:-1]
    m = rng.choice(words)
    if para[m.end()] != " ":
        return None
    return para[: m.end()] + "," + para[m.end() :], m.end()


def strong_mark_anywhere(rng: random.Random, para: str) -> Damage | None:
    """A semicolon or colon after any word but a sentence's last: a semicolon must join two clauses, and a colon
    follow one; inside a phrase, neither can stand."""
    words = [m for m in _WORD.finditer(para) if para[m.end() : m.end() + 1] == " "]
    m = rng.choice(words)
    return para[: m.end()] + rng.choice(";:") + para[m.end() :], m.end()


def period_after_function_word(rng: random.Random, para: str) -> Damage | None:
    """A period after an article, a possessive or a conjunction, before the rest of the sentence (`the. Budget`,
    `and. prices`): no sentence ends on such a word."""
    words = [
        m
        for m in _WORD.finditer(para)
        if m.group() in ("the", "a", "an", "their", "its", "and", "or") and para[m.end() : m.end() + 1] == " "
    ]
    m = rng.choice(words)
    nxt = m.end() + 1
    upper = rng.random() < 0.5  # the next word capitalised as a new sentence, or not
    rest = para[nxt].upper() + para[nxt + 1 :] if upper else para[nxt:]
    return para[: m.end()] + ". " + rest, m.end()


def mark_inside_word(rng: random.Random, para: str) -> Damage | None:
    """A comma, period, semicolon or hyphen inserted between two letters of a word of six letters or more."""
    words = [m for m in _WORD.finditer(para) if len(m.group()) >= 6 and m.group().islower()]
    m = rng.choice(words)
    k = m.start() + rng.randrange(2, len(m.group()) - 1)
    return para[:k] + rng.choice(",.;-") + para[k:], k


def join_sentences(rng: random.Random, para: str) -> Damage | None:
    spans = _sentences(para)
    if len(spans) < 2:
        return None
    k = rng.randrange(len(spans) - 1)
    end = spans[k][1] - 1
    return para[:end] + para[end + 1 :], end


def insert_quote(rng: random.Random, para: str) -> Damage | None:
    """A double quotation mark added at a word boundary, with no partner."""
    m = rng.choice(list(_WORD.finditer(para)))
    at = m.start() if rng.random() < 0.5 else m.end()
    return para[:at] + '"' + para[at:], at


def _found(article: str, para: str, damaged: Damage) -> bool:
    """Is the damage found when the damaged paragraph stands in its article?"""
    base = article.index(para)
    text = article[:base] + damaged[0] + article[base + len(para) :]
    at = base + damaged[1]
    return any(f.offset - 12 <= at <= f.offset + f.length + 12 for f in LINTER.lint(make_document("t.txt", text)))


def recall(perturb: Callable[[random.Random, str], Damage | None], n: int = 60) -> float:
    rng = random.Random(19)
    paras = _paragraphs(CLEAN)
    hits = tries = 0
    while tries < n:
        para = rng.choice(paras)
        damaged = perturb(rng, para)
        if damaged is None:
            continue
        tries += 1
        hits += _found(CLEAN, para, damaged)
    return hits / tries


def test_clean_text_has_no_findings() -> None:
    assert LINTER.lint(make_document("t.txt", CLEAN)) == []


# measured recall on this text (seed 19, 60 damaged paragraphs each); the floors sit just below it
@pytest.mark.parametrize(
    ("perturb", "floor"),
    [
        (repeat_word, 0.95),
        (lower_sentence_start, 0.95),
        (flip_letter, 0.9),
        (comma_after_function_word, 0.95),
        # only verbs, adverbs and function words: a capitalised noun or adjective may be a name or a title
        (capitalise_word, 0.55),
        # missed where the next sentence opens with a name or a capitalised word the article uses elsewhere
        (join_sentences, 0.75),
        # most word boundaries take a comma somewhere in English: only the impossible places are found
        (comma_anywhere, 0.45),
        # a semicolon or colon between clauses, or before a list, is English: the rest are found
        (strong_mark_anywhere, 0.7),
        (period_after_function_word, 0.9),
        (insert_quote, 0.8),
        # missed where the cut leaves a word on each side (`be.fore`, `sing-le`)
        (mark_inside_word, 0.8),
    ],
)
def test_generated_damage_is_found(perturb: Callable[[random.Random, str], Damage | None], floor: float) -> None:
    got = recall(perturb)
    print(f"{perturb.__name__}: recall {got:.2f}")
    assert got >= floor, f"{perturb.__name__}: recall {got:.2f} < {floor}"
