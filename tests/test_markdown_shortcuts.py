"""The Markdown reader's two shortcuts (lines of text alone, content met again) read what tracing every content
step by step reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.readers import markdown_inline
from lintnews.core.readers.markdown import read_markdown
from lintnews.core.readers.markdown_trace import TracingInline


class _Forgets(dict[str, Any]):
    """A memo that keeps nothing: every content traced anew."""

    def __setitem__(self, key: str, value: Any) -> None:
        pass


@contextmanager
def _traced_in_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as m:
        m.setattr(TracingInline, "text_and_breaks", lambda _self, _src: False)
        init = markdown_inline.Reading.__init__

        def forgetful(self: markdown_inline.Reading, *args: Any) -> None:
            init(self, *args)
            self.traced = _Forgets()

        m.setattr(markdown_inline.Reading, "__init__", forgetful)
        yield


def _reading(raw: str) -> tuple[object, ...]:
    doc = read_markdown("a.md", raw)
    assert doc.blocks is not None
    return doc.text, doc.text_spans, [(b.start, b.end, b.kind) for b in doc.blocks], sorted(doc.meta.items())


_PIECES = [
    "word", "Cairo", " ", "  ", "\t", "\n", "  \n", "\\\n", "*", "**", "_", "~~", "`", "&amp;", "&copy;", "<b>",
    "</b>", "[a](b)", "![pic](p.png)", "[^1]", "^[note]", "{{< x >}}", "\\*", "<http://a.org>", ".", ",",
    "[", "![", "^", "[a]", "![a]",
]  # fmt: skip
_BLOCK = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join)
_PREFIX = st.sampled_from(["", "# ", "- ", "> ", "1. ", "    "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PREFIX, _BLOCK, st.integers(1, 3)), min_size=1, max_size=6), st.sampled_from(["\n", "\n\n"]))
def test_shortcuts_read_what_the_full_trace_reads(blocks: list[tuple[str, str, int]], sep: str) -> None:
    # each block said one to three times: like contents meet the memo, lines of words the line-break shortcut
    raw = sep.join(prefix + body for prefix, body, times in blocks for _ in range(times)) + "\n[^1]: A note.\n"
    fast = _reading(raw)
    with _traced_in_full(pytest.MonkeyPatch()):
        full = _reading(raw)
    assert fast == full, raw


def test_a_paragraph_of_lines_is_text_to_its_hard_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "one  \n  two\nthree\tfour\n\nfive\nsix\n"
    fast = _reading(raw)
    with _traced_in_full(monkeypatch):
        assert _reading(raw) == fast
    assert fast[0] == raw


def test_repeated_emphasis_paragraphs_are_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "\n\n".join(["*a* and **b** &amp; `c`"] * 4) + "\n"
    fast = _reading(raw)
    with _traced_in_full(monkeypatch):
        assert _reading(raw) == fast
    assert len({fast[0][b[0] : b[1]] for b in fast[2]}) == 1  # type: ignore[index]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8),
    st.lists(st.sampled_from(_PIECES), max_size=4),
    st.sampled_from(["", "\n[a]: /url\n", "\n[^1]: A note.\n"]),
)
def test_dense_content_read_by_stretches_as_step_by_step(unit: list[str], tail: list[str], defined: str) -> None:
    # a unit said until the content is dense in marks (if its pieces have any): the stretches the text rule and
    # the dense emphasis marks take, and the links that cannot end, read as the loop's steps read them (with a
    # reference defined, `[a]` and `![a]` are a link and an image without a `)`; with a footnote, `[^1]` is its
    # reference wherever it stands)
    raw = "x " + "".join(unit) * 300 + "".join(tail) + "\n" + defined
    fast = _reading(raw)
    with pytest.MonkeyPatch().context() as m:
        m.setattr(TracingInline, "plain_stretch", lambda _self: None)
        assert _reading(raw) == fast, raw


def test_a_dense_link_without_a_paren_needs_a_reference() -> None:
    # `[a][a]...`: with `[a]` defined each pair is a link whose second label is markup; without, no link, and
    # every `a` is text (a link that cannot end is not tried)
    raw = "x " + "[a]" * 300 + "\n"
    paragraph = len(raw) - 1
    assert _reading(raw)[0][:paragraph].count("a") == 300  # type: ignore[index]
    assert _reading(raw + "\n[a]: /url\n")[0][:paragraph].count("a") == 150  # type: ignore[index]


def test_dense_footnote_references_without_a_paren_are_markup() -> None:
    # no `)` anywhere and no reference: links cannot end, but a footnote reference needs none
    raw = "x " + "[^1]" * 300 + "\n\n[^1]: A note.\n"
    assert "^" not in _reading(raw)[0][: len(raw) - 16]  # type: ignore[index]
