"""The Markdown and HTML readers: blocks and their kinds, what is text, and the damage issue 17 reported."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import cache

import pytest

from lintnews.core.document import FILL
from lintnews.core.findings import Applicability, Edit, Finding, Fix
from lintnews.core.readers import read
from lintnews.core.sources import make_document
from lintnews.engine.fix import confine, fix_text
from lintnews.engine.lint import Linter
from lintnews.engine.suppress import suppression_filter
from lintnews.rules.rulepack import collect_pack_paths, load_packs


@cache
def linter() -> Linter:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules]
    return Linter(rules, filters=[confine, suppression_filter])


def findings(path: str, raw: str) -> list[Finding]:
    return linter().lint(make_document(path, raw))


def fixed(path: str, raw: str, unsafe: bool = False) -> str:
    return fix_text(raw, lambda t: findings(path, t), unsafe=unsafe).text


MD = """---
title: "Talks resume in Cairo"
date: 2024-02-01
---

# Talks resume

The delegations met on *Monday* in [Cairo](https://example.com/cairo).[^1]

| Side | Envoy |
|------|-------|
| Egypt | Abbas Kamel |

- first point
- second point

> A quoted line.

![Envoys at the table](/img/a.jpg)

Envoys at the table on Monday.

[^1]: A footnote.
"""


def test_markdown_blocks_have_kinds_and_exact_offsets() -> None:
    doc = read("a.md", MD)
    assert doc.blocks is not None
    got = [(b.kind, MD[b.start : b.end]) for b in doc.blocks]
    assert got == [
        ("title", "Talks resume in Cairo"),
        ("heading", "Talks resume"),
        ("paragraph", "The delegations met on *Monday* in [Cairo](https://example.com/cairo)."),
        ("table-cell", "Side"),
        ("table-cell", "Envoy"),
        ("table-cell", "Egypt"),
        ("table-cell", "Abbas Kamel"),
        ("list-item", "first point"),
        ("list-item", "second point"),
        ("blockquote", "A quoted line."),
        ("image", "Envoys at the table"),
        ("caption", "Envoys at the table on Monday."),
        ("footnote", "A footnote."),
    ]
    assert doc.paragraphs == doc.blocks
    para = doc.blocks[2]
    # emphasis and link text stay text; the link's brackets and target are a boundary, not spaces
    assert para.text == f"The delegations met on {FILL}Monday{FILL} in {FILL}Cairo{FILL * 28}."
    assert [s.text for s in doc.sentences if s.kind == "table-cell"] == ["Side", "Envoy", "Egypt", "Abbas Kamel"]
    assert doc.meta["title_span"] == (MD.index("Talks resume in"), MD.index('"\ndate'))


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    raw = "Intro line.\n\n## Talks resume\n\n# Later\n"
    assert read("a.md", raw).meta["title_span"] == (raw.index("Talks"), raw.index(" resume") + 7)


def test_disable_next_line_skips_a_line_of_markup() -> None:
    raw = (
        'They met in Rome. <!-- lintnews-disable-next-line -->\n{{< figure src="/a.jpg" >}}\n'
        "They left this Tuesday.\n\nThey came back this Tuesday.\n"
    )
    lines = [f.line for f in findings("a.md", raw) if f.rule == "calque-es.this-weekday"]
    assert lines == [5]


def test_what_is_not_text() -> None:
    raw = (
        'See `code`, <https://x.org/a>, {{< param "siteURL" >}}, {% raw %}, {{ page.url }}, <b>bold</b>,'
        " a note[^1] and &amp;.\n\n```\nfenced\n```\n\n[ref]: https://example.com\n\n[^1]: Said so.\n"
    )
    doc = read("a.md", raw)
    text = "".join(raw[s:e] for s, e in doc.text_spans or ())
    for markup in ("code", "x.org", "siteURL", "raw", "page.url", "<b>", "</b>", "[^1]", "&amp;", "fenced", "ref"):
        assert markup not in text, markup
    assert "bold" in text and "See" in text and "a note" in text


def test_html_blocks_and_kinds() -> None:
    raw = (
        "<html><head><title>Vote count</title><script>var x = 'a , b';</script></head><body>"
        "<h1>Vote count</h1><p>The count <a href='/r'>ended</a> late.</p><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><td>Mayor</td><td>18,406</td></tr></table>"
        "<figure><img src='a.jpg' alt='x'><figcaption>Officials count votes.</figcaption></figure>"
        "<blockquote>Quoted.</blockquote></body></html>"
    )
    doc = read("a.html", raw)
    assert [(b.kind, b.text.replace(FILL, "")) for b in doc.blocks or ()] == [
        ("title", "Vote count"),
        ("heading", "Vote count"),
        ("paragraph", "The count ended late."),
        ("list-item", "One"),
        ("list-item", "Two"),
        ("table-cell", "Mayor"),
        ("table-cell", "18,406"),
        ("caption", "Officials count votes."),
        ("blockquote", "Quoted."),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "See the [official text](https://example.com/x).\n",
        "The picture ![pic](/a.png).\n",
        "Run `foo`.\n",
        "More at <https://example.org/more>.\n",
        "As [Bloomberg][bbg], reported.\n\n[bbg]: https://bloomberg.com\n",
        "A note <!-- c --> .\n",
        'Open {{< param "siteURL" >}} now.\n',
    ],
)
def test_markup_next_to_punctuation_is_left_alone(raw: str) -> None:
    assert fixed("a.md", raw, unsafe=True) == raw


def test_html_tags_next_to_punctuation_are_left_alone() -> None:
    raw = '<p>Read the <a href="/x">full text</a>. Run <code>tally</code>, then stop.</p>\n'
    assert fixed("a.html", raw, unsafe=True) == raw


def test_structure_is_never_joined() -> None:
    raw = "# The bundled corpus\n\n`articles/` holds five articles.\n\n- a list item without end\n\nthen a paragraph.\n"
    assert not [f for f in findings("a.md", raw) if f.rule == "sentence-split.paragraph-continues"]
    table = "| file | what it is |\n|---|---|\n| a.txt | an article |\n\nholds more.\n"
    assert not [f for f in findings("a.md", table) if f.rule == "sentence-split.paragraph-continues"]


def test_paragraphs_are_still_joined() -> None:
    raw = "The minister said the talks would\n\nresume on Monday in Cairo.\n"
    assert fixed("a.md", raw) == "The minister said the talks would resume on Monday in Cairo.\n"


def test_a_caption_goes_alone() -> None:
    raw = (
        "The talks resumed on Monday.\n\n![Envoys](/a.jpg)\n\nEnvoys meet in Cairo on Monday (Reuters)\n\n"
        '{{< figure src="/b.jpg" caption="Envoys meet in Cairo on Monday. Photo: Reuters" >}}\n\nThe talks went on.\n'
    )
    assert fixed("a.md", raw, unsafe=True) == raw.replace("Envoys meet in Cairo on Monday (Reuters)\n\n", "")


def test_confine_drops_fixes_that_touch_markup() -> None:
    raw = "A [link](https://x.org/ab) here.\n"
    doc = read("a.md", raw)
    target = raw.index("x.org")

    def finding(offset: int, length: int, replacement: str) -> Finding:
        fix = Fix(Applicability.SAFE, (Edit(offset, length, replacement),))
        return Finding("a.md", "r.x", "c", 1, "m", offset, length, 1, 1, 1, 1, (), fix)  # type: ignore[arg-type]

    inside_text = finding(raw.index("link"), 4, "page")
    on_target = finding(target, 5, "y.org")
    across = finding(raw.index("link"), 8, "x")
    insert_in_text = finding(raw.index(" here"), 0, ",")
    insert_in_markup = finding(target + 1, 0, "z")
    kept = confine(doc, [inside_text, on_target, across, insert_in_text, insert_in_markup])
    assert [f.fix is not None for f in kept] == [True, False, False, True, False]


def _seconds(build: Callable[[int], str], path: str, n: int) -> float:
    raw = build(n)
    # the collector's full passes over hundreds of thousands of parser tokens grow with the heap, not with
    # the reader's work (the console script raises its thresholds, see tuning.py): time the reader alone
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        read(path, raw)
        return time.perf_counter() - start
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("path", "build"),
    [
        ("a.md", lambda n: '<a href="' * n),
        ("a.md", lambda n: '[x](y "' * n),
        ("a.md", lambda n: "{{< x " * n),
        ("a.md", lambda n: "`a ``b " * n),
        ("a.md", lambda n: "*a **b " * n),
        ("a.html", lambda n: '<a href="' * n),
        ("a.html", lambda n: "<p>Text <b>bold &amp; more</b>" * n),
        ("a.md", lambda n: "word\n" * (8 * n)),  # one paragraph of many lines, each placed on its own
    ],
    ids=[
        "md-open-tags",
        "md-open-links",
        "md-shortcodes",
        "md-backticks",
        "md-emphasis",
        "html-open-tags",
        "html",
        "md-short-lines",
    ],
)
def test_reading_is_linear(path: str, build: Callable[[int], str]) -> None:
    # four times the input must cost about four times the time, not sixteen: quadratic reading fails this
    # however fast or slow the machine is (the best of three runs each, to ride out other load)
    n = 4000
    small = min(_seconds(build, path, n) for _ in range(3))
    large = min(_seconds(build, path, 4 * n) for _ in range(3))
    assert large < 8 * small + 0.05, (small, large)


@pytest.mark.slow
def test_the_projects_own_corpus_readme_is_clean() -> None:
    # headings, a table and code spans: nothing in it is a machine-translation artifact (issue 17)
    from pathlib import Path

    readme = Path(__file__).resolve().parent.parent / "corpus" / "README.md"
    assert findings(str(readme), readme.read_text(encoding="utf-8")) == []


def test_a_boilerplate_block_goes_up_to_the_markup_after_it() -> None:
    # markup between blocks is FILL in the view, so a deletion that takes the white space after a block stops
    # where the markup starts, and the fix applies (with spaces there it ran into the comment and was refused)
    raw = "The vote is expected next week.\n\nAdvertising\n\n<!-- ad slot -->\n\nTurnout was high.\n"
    assert fixed("a.md", raw) == "The vote is expected next week.\n\n<!-- ad slot -->\n\nTurnout was high.\n"


def test_crlf_markdown_is_read_and_fixed_in_place() -> None:
    raw = (
        '---\r\ntitle: "x"\r\n---\r\n\r\n# Head\r\n\r\nThe the minister said , in [Cairo](https://e.com/a).\r\n\r\n'
        "The talks would\r\n\r\nresume in Cairo.\r\n"
    )
    assert fixed("a.md", raw) == (
        '---\r\ntitle: "x"\r\n---\r\n\r\n# Head\r\n\r\nThe minister said, in [Cairo](https://e.com/a).\r\n\r\n'
        "The talks would resume in Cairo.\r\n"
    )


# Inline content dense in marks (hundreds of them, one in four characters or more) is read by the bounded rules
DENSE = {
    "emphasis": "*a **b " * 300,
    "nav-links": "**[Rome](/r)** · " * 100,
    "nested-label": "[a [b] c](/dest/x) *y* " * 60,
    "underscores": "_one __two ___three " * 150,
    "images": "![Ana](/a.jpg) *x* " * 100,
}


@pytest.mark.parametrize("name", sorted(DENSE))
def test_dense_content_is_read_by_the_bounded_rules(name: str) -> None:
    from lintnews.core.readers.markdown_trace import is_dense

    from .test_commonmark import oracle_words, reader_words

    raw = DENSE[name] + "\n"
    assert is_dense(raw.strip())
    doc = read("a.md", raw)
    # no mark is text: emphasis runs, brackets and link destinations are markup, so no fix can touch them
    for i, ch in enumerate(raw):
        if ch in "*_[]()/" or raw.startswith("](", i - 1):
            assert not doc.is_text(i, i + 1), (name, i, raw[max(0, i - 10) : i + 10])
    # and the words are the words a browser shows (link and emphasis text), as with the full parse, but for
    # the difference by design: a delimiter run that pairs with none, or a bracket, is shown, and is markup here
    shown = [w for w in (w.strip("*_~[]") for w in oracle_words(raw)) if w]
    assert reader_words(raw) == shown


def test_prose_with_markup_is_not_dense() -> None:
    from lintnews.core.readers.markdown_trace import is_dense

    para = "The envoy met *officials* in [Cairo](https://example.com/cairo) on `Monday`, an aide said. " * 40
    assert not is_dense(para)


def test_a_fix_next_to_dense_content_leaves_its_marks_alone() -> None:
    raw = "The the minister spoke.\n\n" + "**[Rome](/r)** · " * 100 + "\n"
    assert fixed("a.md", raw) == "The minister spoke.\n\n" + "**[Rome](/r)** · " * 100 + "\n"
