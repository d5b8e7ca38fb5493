"""speed.dialect keeps a positive lookaround at a top-level branch's edge as text: no match or line is lost."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.speed.dialect import prefilter_expression
from lintnews.speed.select import Lines, Selector

_PIECES = ["a", "b", "k", r"\w", r"\s", r"[^\W_]", r"[ \t]+", r"\(", r"\)", "'s", "é", "^", "$", r"\b", "x?", "(?:a|b)"]
_LOOKS = ["(?=", "(?<=", "(?!", "(?<!"]
_ALPHABET = "abkxé'() \t\n_sS1."


@st.composite
def _edge_patterns(draw: st.DrawFn) -> str:
    """Top-level branches, each with lookarounds at its start, middle and end, some quantified."""
    branches = []
    for _ in range(draw(st.integers(1, 3))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            if draw(st.booleans()):
                inner = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=2)))
                parts.append(draw(st.sampled_from(_LOOKS)) + inner + ")" + draw(st.sampled_from(["", "", "?", "*"])))
            else:
                parts.append(draw(st.sampled_from(_PIECES)))
        branches.append("".join(parts))
    return "|".join(branches)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edge_patterns(), st.lists(st.text(alphabet=_ALPHABET, max_size=10), min_size=1, max_size=6))
def test_lookarounds_at_branch_edges_lose_no_match_or_line(pattern: str, texts: list[str]) -> None:
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error:
        return
    whole = Selector([(pattern, 0)])
    for text in texts:
        if compiled.search(text):
            found = whole.candidates(text)
            assert found is None or 0 in found, (pattern, text, prefilter_expression(pattern))
    lines = [t.replace("\n", " ") for t in texts]
    chosen = Selector([(pattern, 0)], per_line=True).by_line(Lines(lines))
    assert chosen is not None
    for k, line in enumerate(lines):
        if compiled.search(line):
            assert chosen[0] is None or k in chosen[0], (pattern, line, prefilter_expression(pattern))


def test_the_edges_are_read_as_text_and_the_rest_dropped() -> None:
    assert prefilter_expression(r"(?<=a)b(?=c)|(?<=d)e") == "(?:a)b(?:c)|(?:d)e"
    assert prefilter_expression(r"a(?=b)c") == "ac"  # a lookahead with more after it overlaps what follows
    assert prefilter_expression(r"(?<=a)*b") == "b"  # quantified: dropped
    assert prefilter_expression(r"(?:(?<=a)b)") == "(?:b)"  # inside a group: dropped
    assert prefilter_expression(r"(?!a)b(?<!c)") == "b"  # negative ones: dropped
