"""A web address written out in Markdown is markup; an entity it cuts into is markup whole, never half shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.readers import read
from lintnews.core.readers.markdown import _BARE_URL

_PIECES = ["http://", "https://a.org/", "&#5;", "&amp;", "&nbsp;", "&#x41;", "a", "b", " ", ";", ".", "?", "/", "\n"]


def test_an_entity_at_the_end_of_a_web_address_is_markup_whole() -> None:
    raw = "See http://&#5; now.\n"
    doc = read("a.md", raw)
    assert len(doc.text) == len(raw)
    assert doc.text.startswith("See ") and doc.text.endswith(" now.\n")
    # the address and the entity it reached into are not text: no rule reads them, no fix edits them
    assert all(not (s < 15 and e > 4) for s, e in doc.text_spans or ())


def test_an_entity_before_a_web_address_still_shows_what_it_stands_for() -> None:
    doc = read("a.md", "Fish &amp; chips at http://a.org/x&amp;y now.\n")
    assert doc.text.startswith("Fish &")
    assert doc.text.endswith(" now.\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_any_run_of_addresses_and_entities_reads(pieces: list[str]) -> None:
    raw = "Para " + "".join(pieces) + " end.\n"
    doc = read("a.md", raw)
    assert len(doc.text) == len(raw)
    # no text span holds a character of a web address the reader found
    for m in _BARE_URL.finditer(raw):
        assert all(e <= m.start() or s >= m.end() for s, e in doc.text_spans or ())
