"""Duplicate rule: equal paragraphs are fixed safely, pull quotes and repeated sentences are reported."""

from __future__ import annotations

from lintnews.core.findings import Applicability, Severity
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

RULES = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.category == "duplicate"]
LINTER = Linter(RULES)


def lint(text: str) -> list[tuple[str, Severity, Applicability | None]]:
    return [
        (text[f.offset : f.end], f.severity, f.fix.applicability if f.fix else None)
        for f in LINTER.lint(make_document("x.txt", text))
    ]


def test_equal_paragraph_has_a_safe_fix_and_the_later_copy_is_reported() -> None:
    p = "The harbour reopened after a week of repairs to the pier."
    text = f"{p}\n\nShips queued outside.\n\n{p}\n"
    assert lint(text) == [(p, Severity.WARNING, Applicability.SAFE)]


def test_pull_quote_without_punctuation_is_a_warning_with_an_unsafe_fix() -> None:
    text = (
        "“Nobody will be left behind in this crisis,” the governor said on Monday.\n\n"
        "Schools stay closed.\n\nNobody will be left behind in this crisis\n"
    )
    assert lint(text) == [("Nobody will be left behind in this crisis", Severity.WARNING, Applicability.UNSAFE)]


def test_title_repeated_as_the_first_line_is_layout() -> None:
    text = "Storm closes the northern pass\n\nStorm closes the northern pass\n\nSnow fell all night."
    assert lint(text) == []


def test_short_common_sentences_may_recur() -> None:
    text = "The mayor spoke first. Officials did not comment.\n\nThe union spoke next. Officials did not comment."
    assert lint(text) == []


def test_the_index_offers_every_paragraph_that_repeats_another_at_any_near_threshold() -> None:
    # brute force is the oracle: every pair the relation accepts must be among the index's candidates
    import random
    from types import SimpleNamespace

    from lintnews.checkers.duplicate import DuplicateChecker, _Index, norm_words, shingles

    rng = random.Random(3)
    vocab = ["harbour", "ships", "queued", "outside", "the", "pier", "reopened", "after", "week", "storm"]
    relation = DuplicateChecker._relation
    for _ in range(400):
        paras: list[list[str]] = []
        for _ in range(rng.randint(2, 10)):
            if paras and rng.random() < 0.4:
                base = list(rng.choice(paras))
                cut = rng.randint(0, min(3, len(base)))
                paras.append(base[cut:] + [rng.choice(vocab) for _ in range(rng.randint(0, 3))])
            else:
                paras.append([rng.choice(vocab) for _ in range(rng.randint(1, 20))])
        words = [norm_words(" ".join(p)) for p in paras]
        grams = [shingles(w, 4) for w in words]
        joined = [" " + " ".join(w) + " " for w in words]
        index = _Index(words, grams, [False] * len(words))
        near = rng.choice([0.3, 0.6, 0.85, 1.0])
        checker = SimpleNamespace(opts={"near": near})
        for i in range(len(words)):
            if not words[i]:
                continue
            offered = list(index.candidates(i, near))
            assert offered == sorted(set(offered))
            for j in range(len(words)):
                if j != i and relation(checker, words[i], joined[i], joined[j], grams[i], grams[j]) is not None:  # type: ignore[arg-type]
                    assert j in offered, (paras[i], paras[j], near)
