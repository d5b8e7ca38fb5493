"""Layout.view, worked out for all characters at once, against the same view made one character at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import FILL
from lintnews.core.readers.layout import MARKUP, SHOWN, TEXT, Layout

# characters whose class matters: line breaks, ASCII and wider white space, marks, letters, beyond the BMP
CHARS = st.sampled_from([*"ab#*<\n\r\t \x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u2060é", "\U0001f600", "\udc80"])


def _by_character(layout: Layout) -> str:
    """The view as Layout.view documents it, one character at a time."""
    raw, kinds = layout.raw, layout.kinds
    inside = [False] * len(raw)
    for b in layout.blocks:
        for k in range(b.start, b.end):
            inside[k] = True
    out: list[str] = []
    k = 0
    while k < len(raw):
        ch = raw[k]
        if kinds[k] == SHOWN:
            value, end = layout.shown[k]
            out.append(value + (FILL if inside[k] else " ") * (end - k - len(value)))
            k = end
            continue
        if kinds[k] == TEXT or ch in "\r\n":
            out.append(ch)
        elif ch.isspace() and not inside[k]:
            out.append(" ")
        else:
            out.append(FILL)
        k += 1
    return "".join(out)


ASCII = st.sampled_from([*"ab#*<\n\r\t \x0b\x0c\x1c\x1f\x00\x7f"])


@st.composite
def layouts(draw: st.DrawFn, chars: st.SearchStrategy[str] = CHARS) -> Layout:
    raw = "".join(draw(st.lists(chars, max_size=60)))
    layout = Layout(raw)
    n = len(raw)
    for _ in range(draw(st.integers(0, 4))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        layout.mark_text(s, e)
    for _ in range(draw(st.integers(0, 3))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        if e > s and all(layout.kinds[k] == MARKUP for k in range(s, e)):
            layout.mark_shown(s, e, draw(st.sampled_from(["&", "é", "\u00a0", "xy"])))
    for _ in range(draw(st.integers(0, 4))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        layout.add_block(draw(st.sampled_from(["paragraph", "heading"])), s, e)
    return layout


@settings(max_examples=400, deadline=None)
@given(layouts())
def test_view_is_the_view_made_one_character_at_a_time(layout: Layout) -> None:
    assert layout.view() == _by_character(layout)


@settings(max_examples=300, deadline=None)
@given(layouts(ASCII))
def test_the_view_of_ascii_text_is_the_view_made_one_character_at_a_time(layout: Layout) -> None:
    assert layout.view() == _by_character(layout)


def test_white_space_beyond_ascii_between_blocks_is_a_space() -> None:
    layout = Layout("#\u00a0a\u3000\n")
    layout.mark_text(2, 3)
    layout.add_block("heading", 2, 3)
    assert layout.view() == f"{FILL} a \n"
