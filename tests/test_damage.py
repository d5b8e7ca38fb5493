"""The controlled-damage benchmark's generators, and every shipped rule finding each kind of damage at any word
of the clean news written for the tests (benchmarks/damage.py, run in process on tests/data)."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.perturb import findings

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "damage.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("damage_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["damage_bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


damage = _load()
POOL: list[str] = damage.sentences_of(damage.texts_of([]))


def test_the_pool_is_the_tests_own_text() -> None:
    assert len(POOL) >= 80
    assert all(s[0].isupper() and s[-1] in ".!?" for s in POOL)


@pytest.mark.parametrize("kind", sorted(damage.KINDS))
def test_each_damage_changes_only_its_span(kind: str) -> None:
    rng = random.Random(3)
    made = 0
    for s in POOL:
        d = damage.KINDS[kind](rng, s)
        if d is None:
            continue
        made += 1
        assert d.text != s
        assert 0 <= d.start < d.end <= len(d.text)
        # the text before the damage is the original's; after it, the original's end
        assert d.text[: d.start] == s[: d.start] or kind == "lower-start"
        assert d.text.endswith(s[len(s) - (len(d.text) - d.end) :]) or kind == "tokenised"
    assert made >= len(POOL) // 2, kind


def test_foreign_words_come_from_the_table_and_differ_from_english() -> None:
    rng = random.Random(5)
    for s in POOL:
        d = damage.foreign(rng, s)
        if d is not None:
            word = d.text[d.start : d.end].lower()
            assert any(word in row for row in damage.TRANSLATIONS.values())
            assert word not in damage.TRANSLATIONS


def test_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Fine."}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        damage.texts_of([str(bad)])
    assert str(e.value).startswith(f"{bad}:2: not JSON")
    with pytest.raises(SystemExit) as e:
        damage.texts_of([str(tmp_path / "missing.jsonl")])
    assert "missing.jsonl: cannot read" in str(e.value)


def test_the_sides_of_an_mt_set_are_read(tmp_path: Path) -> None:
    rows = [{"mt": "The mt side of the row is read here.", "reference": "So is the reference side of it.", "n": 1}]
    path = tmp_path / "mt.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert damage.texts_of([str(path)]) == [rows[0]["mt"], rows[0]["reference"]]


def test_no_rule_warns_on_the_undamaged_sentences() -> None:
    assert [f for s in POOL for f in findings("", s)] == []


# recall of every shipped rule at the damage (a finding overlapping it, widened by one character), 60 damaged
# sentences per kind, seed 19; the floors sit just below what was measured on this text
FLOORS = {
    "repeat": 0.95,
    "lower-start": 0.9,
    "case-flip": 0.75,
    # commas are found only where grammar cannot have one (a determiner, a preposition, a subject and its verb)
    "punctuation": 0.65,
    "foreign": 0.8,
    "tokenised": 0.95,
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_damage_is_found_at_any_word(kind: str) -> None:
    rng = random.Random(19)
    pool = POOL[:]
    rng.shuffle(pool)
    hit = total = 0
    missed = []
    for s in pool * 2:
        if total == 60:
            break
        d = damage.KINDS[kind](rng, s)
        if d is None:
            continue
        total += 1
        if any(f.offset < d.end + 1 and d.start - 1 < max(f.end, f.offset + 1) for f in findings("", d.text)):
            hit += 1
        else:
            missed.append(d.text)
    recall = hit / total
    print(f"{kind}: recall {recall:.2f} of {total}; missed e.g. {missed[:3]}")
    assert recall >= FLOORS[kind], f"{kind}: {recall:.2f} < {FLOORS[kind]}; missed {missed[:5]}"
