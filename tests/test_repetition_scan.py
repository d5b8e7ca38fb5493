"""repetition.find_repeats against a plain reading of every token at every size, on generated paragraphs."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers.repetition import _BREAK, _CLAUSE_SEP, _POSSESSIVE_ENDS, _SPACE, _WORD, Repeat, find_repeats


def _joins(gap: str) -> int:
    return 2 if _SPACE.fullmatch(gap) else 1 if _CLAUSE_SEP.fullmatch(gap) else 0


def _plain(text: str, min_words: int, max_words: int) -> tuple[list[tuple[int, int, str]], list[Repeat]]:
    """Every token tried at every size, longest first, each repeat extended copy by copy: what find_repeats
    must find without its exits, jumps and candidate positions."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    low = [w[:-2] if w.endswith(_POSSESSIVE_ENDS) else w for w in (t[2].lower() for t in toks)]
    gaps = [text[a[1] : b[0]] for a, b in pairwise(toks)]

    def copies_join(i: int, size: int) -> bool:
        join = _joins(gaps[i + size - 1])
        if join == 0 or (join == 1 and size < 4):
            return False
        last = i + size - 1
        return gaps[i:last] == gaps[i + size : last + size] and not any(_BREAK.search(g) for g in gaps[i:last])

    def periodic(words: list[str]) -> bool:
        n = len(words)
        return any(n % p == 0 and words == words[:p] * (n // p) for p in range(1, n // 2 + 1))

    found: list[Repeat] = []
    i = 0
    while i < len(toks):
        hit = None
        for size in range(max_words, min_words - 1, -1):
            if i + 2 * size > len(toks):
                continue
            unit = low[i : i + size]
            # a unit inside a run of one word repeats that word (it is periodic): the word is the unit
            if unit == low[i + size : i + 2 * size] and copies_join(i, size) and not periodic(unit):
                hit = size
                break
        if hit is None:
            i += 1
            continue
        times = 1
        while (
            i + (times + 2) * hit <= len(toks)
            and low[i : i + hit] == low[i + (times + 1) * hit : i + (times + 2) * hit]
            and copies_join(i + times * hit, hit)
        ):
            times += 1
        found.append(Repeat(i, hit, times))
        i += (times + 1) * hit
    return toks, found


_WORDS = st.sampled_from(["talks", "Talks", "talks's", "a", "on", "the", "B", "9"])
_GAPS = st.sampled_from([" ", "  ", ", ", " , ", "\t", "\n", ". ", "\u2060", " \u2060", "_", "-", "'"])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, _GAPS, st.integers(1, 6)), max_size=14),
    st.integers(1, 3),
    st.integers(0, 5),
)
def test_find_repeats_as_the_plain_reading(runs: list[tuple[str, str, int]], min_words: int, extra: int) -> None:
    # runs of one word (a word said k times) between other words and gaps: the jumps through runs, the
    # candidate positions and the one-word extension must each find what the plain reading finds
    text = "".join((w + g) * k for w, g, k in runs)
    max_words = min(8, min_words + extra)
    toks, found = find_repeats(text, min_words, max_words)
    want_toks, want = _plain(text, min_words, max_words)
    assert found == want, text
    if found:
        assert [tuple(t) for t in toks] == want_toks


def test_a_long_run_of_one_word_is_one_repeat_of_the_word() -> None:
    text = " ".join(["word"] * 5000) + " end"
    assert find_repeats(text, 1, 1)[1] == [Repeat(0, 1, 4999)]
    assert find_repeats(text, 2, 8)[1] == []  # every longer unit in it is periodic


def test_a_comma_parts_the_copies_of_a_short_unit() -> None:
    toks, found = find_repeats("go go go, go go", 1, 1)
    assert found == [Repeat(0, 1, 2), Repeat(3, 1, 1)]
    assert [t.text for t in toks[3:5]] == ["go", "go"]
    assert re.sub(r"\W", "", "".join(t.text for t in toks)) == "gogogogogo"


def test_a_unit_may_begin_inside_a_run_of_its_first_word() -> None:
    # the run's first word starts no unit (each it starts is `on` repeated or differs); its second starts one
    text = "on on on on the on on on the"
    assert find_repeats(text, 2, 4)[1] == _plain(text, 2, 4)[1] == [Repeat(1, 4, 1)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, _GAPS), min_size=2, max_size=5),
    st.integers(1, 40),
    st.lists(st.tuples(st.integers(0, 200), _WORDS, _GAPS), max_size=2),
)
def test_a_phrase_said_many_times_as_the_plain_reading(
    unit: list[tuple[str, str]], times: int, changes: list[tuple[int, str, str]]
) -> None:
    # a unit of words and gaps said again and again, a word or gap here and there changed: the copies counted
    # many at a time must stop where the plain reading's copy-by-copy count stops
    pieces = unit * times
    for at, word, gap in changes:
        if at < len(pieces):
            pieces[at] = (word, gap)
    text = "".join(w + g for w, g in pieces)
    for min_words, max_words in ((2, 8), (2, 3), (1, 4)):
        assert find_repeats(text, min_words, max_words)[1] == _plain(text, min_words, max_words)[1], text


def test_copies_counted_many_at_a_time_stop_at_a_comma_or_a_break() -> None:
    for cut in (", ", ". ", " \u2060"):
        text = "talks in " * 13 + "talks in" + cut + "talks in " * 9 + "end"
        assert find_repeats(text, 2, 8)[1] == _plain(text, 2, 8)[1], cut
        assert len(find_repeats(text, 2, 8)[1]) == 2, cut
