"""The early exits of the per-block rules: a block passed over cheaply is one the full reading finds nothing in."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers import lone_capital, of_chain, term_quotes
from lintnews.checkers.base import Checker
from lintnews.checkers.quotes import QuotesChecker
from lintnews.checkers.repetition import find_repeats
from lintnews.core.sources import make_document
from lintnews.rules.rulepack import collect_pack_paths, load_packs

_QUOTES = next(r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "quotes")


def _quote_hits(text: str) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in QuotesChecker(_QUOTES).check(make_document("q.txt", text))]


def test_paragraphs_without_quotes_still_count_between_an_opening_and_its_close() -> None:
    """A quotation opened and left open, closed a few paragraphs later: the paragraphs between hold no mark,
    and still count towards how far back an open quotation is looked for."""
    opening = 'He spoke for an hour. "We will stay here until the end.'
    closing = 'Nobody will move us from this square," he told the crowd.'
    near = "\n\n".join([opening, "The crowd cheered.", closing])
    far = "\n\n".join([opening, *[f"The crowd cheered for the {n} time." for n in range(7)], closing])
    assert (near.rindex('"'), near.rindex('"') + 1) not in _quote_hits(near)
    assert (far.rindex('"'), far.rindex('"') + 1) in _quote_hits(far)


_VOCABULARY = ["the", "The", "region", "region's", "REGION", "on", "a", "talks", "in"]


def _repeats_by_definition(low: list[str], min_words: int, max_words: int) -> bool:
    """Some unit of min..max words said twice in a row, not itself a repeat of a shorter unit."""
    for size in range(min_words, max_words + 1):
        for i in range(len(low) - 2 * size + 1):
            unit = low[i : i + size]
            periodic = any(size % p == 0 and unit == unit[:p] * (size // p) for p in range(1, size // 2 + 1))
            if unit == low[i + size : i + 2 * size] and not periodic:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=14), st.integers(1, 3), st.integers(0, 3))
def test_a_paragraph_passed_over_has_no_repeat(words: list[str], min_words: int, extra: int) -> None:
    max_words = min_words + extra
    low = [w.lower().removesuffix("'s") for w in words]
    _, found = find_repeats(" ".join(words), min_words, max_words)
    assert bool(found) == _repeats_by_definition(low, min_words, max_words), words


def test_words_parted_only_by_markup_do_not_repeat() -> None:
    """Copies must be joined by spaces (or a comma): where markup parts every pair of words, nothing repeats, and
    one pair joined by a space is still found."""
    fill = "\u2060"  # what the Markdown reader's view holds in place of markup (`*a **a`)
    assert find_repeats(fill.join(["talks"] * 6), 1, 4)[1] == []
    assert find_repeats(fill + " ".join(["talks", "talks"]) + fill + "talks", 1, 4)[1] != []
    # a clause said twice, set off by a comma, its own words parted by markup: the comma alone joins the copies
    clause = fill.join(["the", "talks", "went", "on"])
    assert find_repeats(f"{clause}, {clause}", 1, 4)[1] != []


# documents where the document-level exits of the sentence rules may or may not fire: a trigger ('of', a capital
# between small words, a quotation mark) present once, at a sentence's edge, or not at all
_PIECES = [
    "the talks ended and",
    "The ministers left",
    "in the region",
    "The",
    "government said",
    "the cost of the loss of the use of the land",
    "of",
    "OF",
    'a "price floor" and a "trade war" and the "red line"',
    "“term”",
    '"',
    ".",
    "\n\n",
]


@cache
def _sentence_checkers() -> list[Checker]:
    makers = {
        m.kind: m for m in (lone_capital.LoneCapitalChecker, of_chain.OfChainChecker, term_quotes.TermQuotesChecker)
    }
    return [makers[r.kind](r) for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind in makers]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["a.txt", "a.md"]))
def test_the_document_level_exits_drop_no_candidate(words: list[str], path: str) -> None:
    text = " ".join(words)
    fast = [c.parse_blocks(make_document(path, text)) for c in _sentence_checkers()]
    exits = (lone_capital, "may_be_lone"), (of_chain, "may_chain"), (term_quotes, "may_quote")
    saved = [getattr(module, name) for module, name in exits]
    try:
        for module, name in exits:
            setattr(module, name, lambda _: True)  # the exit never taken: every sentence read
        slow = [c.parse_blocks(make_document(path, text)) for c in _sentence_checkers()]
    finally:
        for (module, name), was in zip(exits, saved, strict=True):
            setattr(module, name, was)
    assert fast == slow, text


class _FindsAlways:
    """A pattern whose search always finds: the exit it guards never taken."""

    def search(self, _text: str) -> bool:
        return True


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["talks", "talks's", "a", "B"]), max_size=12),
    st.lists(st.sampled_from([" ", ", ", "\u2060", " \u2060", "\u2060 ", "\t", "\n", ". ", "_"]), max_size=12),
)
def test_a_paragraph_without_two_words_side_by_side_has_no_repeat(words: list[str], gaps: list[str]) -> None:
    from lintnews.checkers import repetition

    text = "".join(w + (gaps[k] if k < len(gaps) else "\u2060") for k, w in enumerate(words))
    fast = find_repeats(text, 1, 4)[1]
    saved = repetition._SIDE_BY_SIDE
    repetition._SIDE_BY_SIDE = _FindsAlways()  # type: ignore[assignment]
    try:
        assert fast == find_repeats(text, 1, 4)[1], text
    finally:
        repetition._SIDE_BY_SIDE = saved
