"""Fixes edit article text only: generated Markdown and HTML full of artifacts, fixed with --unsafe-fixes,
keep every non-text byte (front matter, markup, link targets, code, shortcodes) and their block structure."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.core.sources import make_document
from lintnews.engine.fix import confine, fix_text
from lintnews.engine.lint import Linter
from lintnews.engine.suppress import suppression_filter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

WORDS = ["the", "minister", "said", "talks", "would", "resume", "in", "Cairo", "on", "Monday", "after", "a", "long"]
# artifacts the shipped rules fix (safe and unsafe): doubled words and periods, stray spaces, calques, splits
ARTIFACTS = ["the the", "said ,", "Cairo . .", "this Tuesday", "an minister", "talks ,", "resume. ."]


@cache
def linter() -> Linter:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules]
    lt = Linter(rules, filters=[confine, suppression_filter])
    # the tagger is slow and adds nothing here: markup is the same to every rule
    lt._set_checkers([c for c in lt.checkers if not c.uses_model()])
    return lt


def lint(path: str):  # type: ignore[no-untyped-def]
    return lambda text: linter().lint(make_document(path, text))


word = st.sampled_from(WORDS)
phrase = st.lists(st.one_of(word, st.sampled_from(ARTIFACTS)), min_size=1, max_size=6).map(" ".join)


def _md_inline(p: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            f"[{p}](https://example.com/a-b?x=1)",
            f"![{p}](/img/a.png)",
            f"`{p}`",
            f"*{p}*",
            f"**{p}**",
            "<https://example.org/more>",
            '{{< param "siteURL" >}}',
            "{% include note.html %}",
            "[^1]",
            f"<span>{p}</span>",
            "&amp;",
            f"[{p}][ref]",
            "<!-- note -->",
        ]
    )


md_sentence = st.tuples(phrase, phrase, st.booleans()).flatmap(
    lambda t: _md_inline(t[1]).map(lambda inline: f"{t[0].capitalize()} {inline} {t[0]}." if t[2] else f"{inline}.")
)
md_paragraph = st.lists(md_sentence, min_size=1, max_size=3).map(" ".join)
md_block = st.one_of(
    md_paragraph,
    md_paragraph.map(lambda p: "## " + p.rstrip(".")),
    st.lists(md_paragraph, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.tuples(phrase, phrase).map(lambda t: f"| {t[0]} | {t[1]} |\n|---|---|\n| {t[1]} | {t[0]} . |"),
    phrase.map(lambda p: f"```\n{p} ,\n```"),
    md_paragraph.map(lambda p: "> " + p),
    phrase.map(lambda p: f'{{{{< figure src="/a.jpg" caption="{p} (Reuters)" >}}}}'),
    phrase.map(lambda p: f"![{p}](/b.png)\n\n{p.capitalize()} in Cairo (EFE)"),
    phrase.map(lambda p: f"<!-- {p} , -->"),
)
front = st.one_of(
    phrase.map(lambda p: f'---\ntitle: "{p}"\ntags: [a . b, {p}]\n---\n\n'),
    phrase.map(lambda p: f'+++\ntitle = "{p}"\ntags = ["a . b", "{p}"]\n+++\n\n'),
    phrase.map(lambda p: f"---\nlayout: post\ntitle: {p}\n---\n\n{{% include byline.html %}}\n\n"),
)
markdown_docs = st.tuples(front, st.lists(md_block, min_size=1, max_size=6)).map(
    lambda t: t[0] + "\n\n".join(t[1]) + "\n\n[ref]: https://example.com/ref\n[^1]: " + "A note here.\n"
)


def _html_inline(p: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            f'<a href="https://example.com/x">{p}</a>',
            f"<code>{p} ,</code>",
            f"<em>{p}</em>",
            "&amp;",
            "&nbsp;",
            "<!-- c , -->",
            "<br>",
        ]
    )


html_sentence = st.tuples(phrase, phrase).flatmap(
    lambda t: _html_inline(t[1]).map(lambda inline: f"{t[0].capitalize()} {inline} {t[0]}.")
)
html_block = st.one_of(
    html_sentence.map(lambda s: f"<p>{s}</p>"),
    html_sentence.map(lambda s: f"<h2>{s.rstrip('.')}</h2>"),
    st.lists(html_sentence, min_size=1, max_size=3).map(
        lambda ss: "<ul>" + "".join(f"<li>{s}</li>" for s in ss) + "</ul>"
    ),
    phrase.map(lambda p: f'<figure><img src="/a.jpg" alt="{p}"><figcaption>{p} (AFP)</figcaption></figure>'),
    phrase.map(lambda p: f"<script>var a = '{p} ,';</script>"),
    phrase.map(lambda p: f"<pre>{p} . .</pre>"),
)
html_docs = st.lists(html_block, min_size=1, max_size=6).map(
    lambda bs: "<html><head><title>Talks resume</title></head><body>\n" + "\n".join(bs) + "\n</body></html>\n"
)


def _markup_runs(path: str, raw: str) -> list[str]:
    doc = make_document(path, raw)
    runs, pos = [], 0
    for s, e in doc.text_spans or ():
        runs.append(raw[pos:s])
        pos = e
    runs.append(raw[pos:])
    return [r.strip() for r in runs if r.strip()]


def _kinds(path: str, raw: str) -> list[str]:
    # a caption is the paragraph just after an image: deleting one makes the paragraph after it the caption
    return [b.kind.replace("caption", "paragraph") for b in make_document(path, raw).blocks or ()]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(k in it for k in small)


def _check(path: str, raw: str) -> None:
    result = fix_text(raw, lint(path), unsafe=True)
    fixed = result.text
    # every run of non-text characters is still there, byte for byte and in order
    pos = 0
    for run in _markup_runs(path, raw):
        at = fixed.find(run, pos)
        assert at >= 0, (run, raw, fixed)
        pos = at + len(run)
    # the same blocks, but for those a fix deleted or joined to the paragraph before
    before, after = _kinds(path, raw), _kinds(path, fixed)
    assert _is_subsequence(after, before), (before, after, raw, fixed)
    assert before.count("heading") == after.count("heading") and before.count("table-cell") == after.count("table-cell")
    assert before.count("list-item") == after.count("list-item")
    # and fixing again changes nothing
    assert fix_text(fixed, lint(path), unsafe=True).text == fixed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_docs)
def test_fixes_never_touch_markdown_markup(raw: str) -> None:
    _check("a.md", raw)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_docs)
def test_fixes_never_touch_html_markup(raw: str) -> None:
    _check("a.html", raw)


def test_a_fix_never_empties_a_block_whose_markup_stays() -> None:
    # the heading repeats the title: deleting its words would leave `## [](url)`, so the finding keeps no fix
    raw = '---\ntitle: "Ferry sails again"\n---\n\n## [Ferry sails again](https://e.com/a)\n\nThe ferry left.\n'
    assert fix_text(raw, lint("a.md"), unsafe=True).text == raw
    # a caption line holds no markup: deleting it whole is still allowed
    plain = "![Boats](/b.png)\n\nBoats in Cairo (EFE)\n\nThe ferry left.\n"
    assert "Boats in Cairo" not in fix_text(plain, lint("a.md"), unsafe=True).text


def test_the_generated_files_are_fixed_at_all() -> None:
    # the property means something only if fixes do apply to such files
    raw = '---\ntitle: "x"\n---\n\nThe the minister said , in [Cairo](https://e.com/a) this Tuesday.\n'
    # every rule, the tagger's too: a repeated word is told from emphasis by its tags
    full = Linter([r for p in load_packs(collect_pack_paths()) for r in p.rules], filters=[confine, suppression_filter])
    fixed = fix_text(raw, lambda text: full.lint(make_document("a.md", text)), unsafe=True).text
    assert fixed == '---\ntitle: "x"\n---\n\nThe minister said, in [Cairo](https://e.com/a) on Tuesday.\n'
