"""Linear time on adversarial Markdown and HTML: a whole lint of twice the input costs about twice the CPU."""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Iterator
from functools import cache

import pytest

from lintnews.core.sources import make_document
from lintnews.engine.fix import confine
from lintnews.engine.lint import Linter
from lintnews.engine.suppress import suppression_filter
from lintnews.rules.rulepack import collect_pack_paths, load_packs


def _repeat(unit: str) -> Callable[[int], Iterator[str]]:
    return lambda _size: itertools.repeat(unit)


def _growing_backticks(_size: int) -> Iterator[str]:
    # runs of 1, 2, 3, ... backticks, none with a partner of its length: each run looks ahead for one
    for k in itertools.count(1):
        yield "`" * k + " a "


def _nested_lists(_size: int) -> Iterator[str]:
    # each item one level deeper than the one before, to the parser's nesting limit and far beyond it
    for depth in itertools.cycle(range(200)):
        yield "  " * depth + "- a\n"


def _table(_size: int) -> Iterator[str]:
    yield "| a | b |\n|---|---|\n"
    yield from itertools.repeat("| c | d |\n")


def _many_attributes(size: int) -> Iterator[str]:
    yield "<p"
    for k in itertools.count():
        yield f' a{k}="v"'
        if k * 8 > size:
            break
    yield ">Text.</p>\n"


# name -> (file suffix, the pieces that make the input; `build` takes them until there are enough characters)
INPUTS: dict[str, tuple[str, Callable[[int], Iterator[str]]]] = {
    "md-emphasis": (".md", _repeat("*a **b ")),
    "md-underscores": (".md", _repeat("_a __b ")),
    "md-triple-openers": (".md", _repeat("***a ")),
    "md-triple-both": (".md", _repeat("a***")),
    "md-link-titles": (".md", _repeat('[x](y "')),
    "md-brackets": (".md", _repeat("[")),
    "md-close-open": (".md", _repeat("](")),
    "md-image-openers": (".md", _repeat("![a ")),
    "md-backticks": (".md", _repeat("`a ``b ")),
    "md-growing-backticks": (".md", _growing_backticks),
    "md-open-tags": (".md", _repeat('<a href="')),
    "md-shortcodes": (".md", _repeat("{{< x ")),
    "md-blockquotes": (".md", _repeat("> " * 60 + "a\n")),
    "md-quote-line": (".md", _repeat("> ")),
    "md-nested-lists": (".md", _nested_lists),
    "md-list-line": (".md", _repeat("- ")),
    "md-entities": (".md", _repeat("&amp;")),
    "md-headings": (".md", _repeat("# a\n")),
    "md-table-rows": (".md", _table),
    "md-small-paragraphs": (".md", _repeat("*a **b " * 8 + "\n\n")),
    "md-one-line": (".md", _repeat("word ")),
    # one paragraph of many lines: each line of an inline token is placed in the file on its own
    "md-short-lines": (".md", _repeat("word\n")),
    "md-periods": (".md", _repeat("a. ")),
    "html-open-tags": (".html", _repeat('<a href="')),
    "html-unclosed": (".html", _repeat("<b>x <p>y <div>")),
    "html-attributes": (".html", _many_attributes),
    "html-entities": (".html", _repeat("&amp;")),
    "html-one-line": (".html", _repeat("word ")),
    "html-text": (".html", _repeat("<p>Text <b>bold &amp; more</b>")),
}


def build(pieces: Callable[[int], Iterator[str]], size: int) -> str:
    """The input of about `size` characters: whole pieces, up to the first that reaches the size."""
    out: list[str] = []
    n = 0
    for piece in pieces(size):
        out.append(piece)
        n += len(piece)
        if n >= size:
            break
    return "".join(out)


@cache
def _linter() -> Linter:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules]
    return Linter(rules, filters=[confine, suppression_filter])


def _cpu_seconds(path: str, raw: str) -> float:
    """CPU time of reading and linting `raw` as the file `path`, as `lintnews check` does it."""
    linter = _linter()
    # the collector's full passes grow with the heap, not with the lint's work (the console script raises its
    # thresholds, see tuning.py): time the lint alone
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        linter.lint(make_document(path, raw))
        return time.process_time() - start
    finally:
        gc.enable()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_linting_grows_linearly(name: str) -> None:
    # twice the input must cost about twice the CPU time, not four times: a quadratic step anywhere in reading
    # or in a rule fails this however fast the machine is (the best of two runs each, to ride out other load)
    suffix, pieces = INPUTS[name]
    _cpu_seconds("warm" + suffix, build(pieces, 5_000))  # rules compiled, tables loaded
    size = 60_000
    small = min(_cpu_seconds("a" + suffix, build(pieces, size)) for _ in range(2))
    large = min(_cpu_seconds("a" + suffix, build(pieces, 2 * size)) for _ in range(2))
    assert large <= 3 * small + 0.05, (small, large)
