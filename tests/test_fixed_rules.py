"""Three rules that fired on good English (issue 21), held to the sentences that showed it."""

from __future__ import annotations

import pytest

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

RULES = {r.id: r for p in load_packs(collect_pack_paths()) for r in p.rules}


def _found(rule_id: str, text: str) -> list[str]:
    linter = Linter([RULES[rule_id]])
    return [text[f.offset : f.offset + f.length] for f in linter.lint(make_document("t.txt", text))]


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("calque-es.thousand-million-decimal", "Production reached 1.250 million barrels."),
        ("calque-it.shock-of-magnitude", "It was a shock with a magnitude comparable to 1973."),
        ("usage.whose-whos", "Whose next move matters most?"),
    ],
)
def test_good_english_is_left_alone(rule_id: str, text: str) -> None:
    assert _found(rule_id, text) == []


@pytest.mark.parametrize(
    ("rule_id", "text", "match"),
    [
        ("calque-es.thousand-million-decimal", "Production reached 1,250 million barrels.", "1,250 million"),
        ("calque-it.shock-of-magnitude", "A shock of magnitude 4.2 hit the coast.", "shock"),
        ("usage.whose-whos", "Whose next?", "Whose"),
    ],
)
def test_the_artifact_is_still_found(rule_id: str, text: str, match: str) -> None:
    assert _found(rule_id, text) == [match]
