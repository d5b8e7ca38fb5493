"""Long texts are searched in bounded pieces: the same matches as one search, and no search scans megabytes."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from typing import Any

import pytest
import regex

from lintnews.checkers import base
from lintnews.checkers import regex as regex_checker
from lintnews.checkers.base import LOOKAHEAD_CHARS, PIECE_CHARS, pieces, search_with_timeout
from lintnews.core.document import Document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

WORDS = ["this", "Tuesday", "the", "the", "a", ".", ". .", "\n", "\n\n", "word,", "Gaza", "which", "  ", "x" * 30, "”."]
PATTERNS = [
    r"\bthis Tuesday\b",
    r"\b(\w+) \1\b",
    r"\.[ \t]*\.(?![ \t]*\.)",
    r"\n{2,}",
    r"(?<=\w) +(?=\.)",
    r"\s*\Z",
    r"(?m)^\w+",
    r"",
    r"\w*",
]


def _text(seed: int, n: int, words: list[str] = WORDS) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(n))


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_piecewise_search_finds_what_one_search_finds(seed: int, pattern: str) -> None:
    text = _text(seed, 120_000)
    assert len(text) > 3 * PIECE_CHARS
    p = regex.compile(pattern, regex.VERSION0)
    assert [m.span() for m in search_with_timeout(p, text)] == [m.span() for m in p.finditer(text)]


def test_pieces_tile_the_text_and_cut_at_breaks() -> None:
    text = _text(3, 150_000)
    spans = list(pieces(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(e - s <= PIECE_CHARS + 50 for s, e in spans)
    # each cut follows a paragraph or line break (this text has them), never a word
    assert all(text[s - 1].isspace() and not text[s].isspace() for s, _ in spans[1:])
    line = _text(4, 200_000, ["this", "Tuesday.", "word", "said", "“Yes.”"])
    assert "\n" not in line
    cuts = [s for s, _ in pieces(line)][1:]
    assert cuts and all(line[s - 1] == " " for s in cuts)


class _Recording:
    """A compiled pattern that records how much text each search may scan."""

    def __init__(self, pattern: regex.Pattern[str], spans: list[int]) -> None:
        self.pattern = pattern
        self.spans = spans

    def finditer(self, text: str, pos: int, endpos: int, **kw: Any) -> Iterator[regex.Match[str]]:
        self.spans.append(endpos - pos)
        return self.pattern.finditer(text, pos, endpos, **kw)


def test_no_search_over_a_long_text_scans_more_than_a_piece() -> None:
    text = _text(5, 400_000)  # about 2.4 MB
    spans: list[int] = []
    p = _Recording(regex.compile(r"\.[ \t]*\.(?![ \t]*\.)"), spans)
    found = list(search_with_timeout(p, text))  # type: ignore[arg-type]
    assert found
    assert max(spans) <= PIECE_CHARS + LOOKAHEAD_CHARS + 50


def test_a_literal_rule_is_not_stopped_on_a_long_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # a clock that has run out after the first search over the whole text: only bounded searches get through
    (pack,) = [p for p in load_packs(collect_pack_paths()) if p.name == "punctuation"]
    (rule,) = [r for r in pack.rules if r.id == "punctuation.doubled-period"]
    linter = Linter([rule])
    body = "A sentence that ends well. " * 200_000  # 5.4 MB
    text = "He left. . Then.\n\n" + body + "\n\nShe came. . Late.\n"
    real = regex.Pattern.finditer

    def finditer(self: regex.Pattern[str], string: str, pos: int = 0, endpos: int | None = None, **kw: Any) -> Any:
        if (endpos if endpos is not None else len(string)) - pos > PIECE_CHARS + LOOKAHEAD_CHARS + 50:
            raise TimeoutError("regex timed out")
        return real(self, string, pos, endpos, **kw)

    monkeypatch.setattr(regex_checker, "search_with_timeout", _bounded_wrapper(base.search_with_timeout, finditer))
    findings = linter.lint(Document("big.txt", text))
    assert [f.line for f in findings] == [1, 5]
    assert linter.notices == []


def _bounded_wrapper(search: Any, finditer: Any) -> Any:
    """search_with_timeout with patterns whose searches over more than a piece time out."""

    class Strict:
        def __init__(self, p: regex.Pattern[str]) -> None:
            self.p = p

        def finditer(self, text: str, pos: int = 0, endpos: int | None = None, **kw: Any) -> Any:
            return finditer(self.p, text, pos, endpos, **kw)

    def wrapped(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return search(Strict(pattern), text, pos, endpos)

    return wrapped


def test_a_runaway_pattern_is_stopped_naming_where_and_why() -> None:
    text = "Fine words.\n" * 20_000 + "a" * 30_000 + "!\n"
    with pytest.raises(base.PatternTimeout) as stopped:
        list(search_with_timeout(regex.compile(r"(a+)+$"), text))
    # the piece it ran on: bounded, and holding the run of a's on line 20001
    m = regex.fullmatch(
        r"its pattern ran over 1 s on ([\d,]+) characters from line (\d+) \(catastrophic backtracking: .*\)",
        str(stopped.value),
    )
    assert m, str(stopped.value)
    size, line = int(m[1].replace(",", "")), int(m[2])
    assert size <= PIECE_CHARS + LOOKAHEAD_CHARS and line <= 20_001 < line + size // 12
