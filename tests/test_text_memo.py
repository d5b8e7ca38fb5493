"""TextMemo: a cue's answers per text, kept across documents, and the model rules' cues that read it."""

from __future__ import annotations

import pickle
from pathlib import Path

from lintnews.core.config import Config
from lintnews.core.sources import make_document
from lintnews.core.text_memo import TextMemo
from lintnews.engine.ruleset import make_linter

ROOT = Path(__file__).resolve().parent.parent


def test_get_computes_each_text_once() -> None:
    asked: list[str] = []
    memo: TextMemo[int] = TextMemo()

    def length(text: str) -> int:
        asked.append(text)
        return len(text)

    assert [memo.get(t, length) for t in ["ab", "abc", "ab", "abc", "a"]] == [2, 3, 2, 3, 1]
    assert asked == ["ab", "abc", "a"]


def test_get_many_asks_the_new_texts_in_one_call_and_answers_in_order() -> None:
    calls: list[list[str]] = []
    memo: TextMemo[int] = TextMemo()

    def lengths(texts: list[str]) -> list[int]:
        calls.append(texts)
        return [len(t) for t in texts]

    assert memo.get_many(["ab", "c", "ab"], lengths) == [2, 1, 2]
    assert memo.get_many(["xyz", "c", "ab", "xyz"], lengths) == [3, 1, 2, 3]
    assert memo.get_many([], lengths) == []
    assert calls == [["ab", "c"], ["xyz"]]


def test_a_full_memo_is_emptied_and_keeps_answering() -> None:
    memo: TextMemo[int] = TextMemo(size=3)
    for n in range(10):
        assert memo.get("x" * n, len) == n
        assert len(memo) <= 3
    assert memo.get_many(["a", "bb", "ccc", "dddd"], lambda ts: [len(t) for t in ts]) == [1, 2, 3, 4]
    assert len(memo) <= 4


def test_pickled_empty() -> None:
    memo: TextMemo[int] = TextMemo(size=7)
    memo.get("abc", len)
    back = pickle.loads(pickle.dumps(memo))
    assert len(back) == 0 and back.size == 7
    assert back.get("abc", lambda t: -1) == -1  # asked again: nothing carried over


def _texts() -> list[str]:
    files = [*sorted((ROOT / "corpus").rglob("*.txt")), *sorted((ROOT / "tests" / "data").glob("*.txt"))]
    return [f.read_text(encoding="utf-8") for f in files]


def test_remembered_cues_ask_the_same_blocks_in_any_order() -> None:
    """Each model rule asks for the same blocks of a document whether its memo is empty, holds the answers of
    other documents (the shipped texts, read first forwards then backwards), or holds this one's."""
    texts = _texts()
    fresh = make_linter(Config())
    used = make_linter(Config())
    model = [i for i, c in enumerate(fresh.checkers) if c.needs_parser]

    def blocks(linter, text: str, i: int):  # type: ignore[no-untyped-def]
        found, level = linter.checkers[i].parse_request(make_document("own.txt", text))
        return [(b.start, b.end) for b in found], level

    for text in [*texts, *reversed(texts)]:
        for i in model:
            for v in vars(fresh.checkers[i]).values():  # no memory: each answer worked out anew
                if isinstance(v, TextMemo):
                    v._seen.clear()
            assert blocks(used, text, i) == blocks(fresh, text, i), fresh.checkers[i].rule.id
