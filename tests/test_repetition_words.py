"""repetition: a paragraph's words read once and shared by the repetition rules give what each reads alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers.repetition import ParaWords, find_repeats

_PARAGRAPHS = st.lists(
    st.tuples(
        st.sampled_from(["talks", "Talks", "talks's", "on", "the", "a", "B"]), st.sampled_from([" ", ", ", ". ", "\t"])
    ),
    max_size=30,
).map(lambda pairs: "".join(w + g for w, g in pairs))


@settings(max_examples=300, deadline=None)
@given(_PARAGRAPHS)
def test_shared_words_find_what_each_rule_finds_alone(text: str) -> None:
    known: dict[str, ParaWords | None] = {}
    for sizes in ((1, 1), (2, 8), (1, 4)):
        shared = find_repeats(text, *sizes, known)
        assert shared[1] == find_repeats(text, *sizes)[1], (text, sizes)
        assert list(shared[0]) == list(find_repeats(text, *sizes)[0])


@settings(max_examples=300, deadline=None)
@given(_PARAGRAPHS)
def test_run_counts_the_same_word_from_each_token(text: str) -> None:
    words = ParaWords(text)
    low = words.low
    for i in range(len(low)):
        plain = 1
        while i + plain < len(low) and low[i + plain] == low[i]:
            plain += 1
        assert words.run(i) == plain


def test_a_paragraph_is_read_once_per_document() -> None:
    known: dict[str, ParaWords | None] = {}
    find_repeats("the the talks", 1, 1, known)
    first = known["the the talks"]
    assert first is not None and first.low == ["the", "the", "talks"] and not first.distinct
    find_repeats("the the talks", 2, 8, known)
    assert known["the the talks"] is first  # the second rule reads the words the first made
    find_repeats("the,the.", 1, 1, known)
    assert known["the,the."] is None  # no two words side by side: nothing kept to read
