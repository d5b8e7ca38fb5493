"""Boilerplate rules: widget lines, teaser lists, credits and captions, and what clean text keeps."""

from __future__ import annotations

import pytest

from lintnews.checkers.boilerplate import delete_block_edit, metadata_line
from lintnews.checkers.caption import is_expansion
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

RULES = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.category == "boilerplate"]
# the pattern rules (the line model and the cross-document rule have their own tests: test_boilerplate_model.py)
PATTERN_RULES = [r for r in RULES if r.kind not in ("boilerplate-line", "boilerplate-repeat")]
FAST = Linter([r for r in PATTERN_RULES if r.kind != "caption" or r.options.get("mode") == "credit"])


def flagged(text: str, linter: Linter = FAST) -> list[str]:
    return [text[f.offset : f.end] for f in linter.lint(make_document("x.txt", text)) if f.category == "boilerplate"]


def test_delete_block_edit_takes_the_following_break_or_the_preceding_one_at_the_end() -> None:
    text = "A.\n\nB\n\nC."
    e = delete_block_edit(text, 4, 5)
    assert text[: e.offset] + e.replacement + text[e.end :] == "A.\n\nC."
    text = "A.\n\nB\n"
    e = delete_block_edit(text, 4, 5)
    assert text[: e.offset] + e.replacement + text[e.end :] == "A.\n"


def test_acronym_after_its_expansion_is_not_a_credit() -> None:
    assert is_expansion("EU", "the plan of the European Union ")
    assert not is_expansion("IDF", "strengthened their hold on the city ")


def test_teaser_header_takes_its_headline_list_but_stops_at_text() -> None:
    text = (
        "Prices rose.\n\nMore stories\n\nFloods hit the coast\n\nWho will win the cup?\n\n"
        "The central bank said on Monday that inflation had slowed."
    )
    assert flagged(text) == ["More stories", "Floods hit the coast", "Who will win the cup?"]


def test_metadata_prefix_and_lone_agency_line() -> None:
    text = "date 2023-07-09 The council met on Thursday.\n\nIt voted for the plan.\n\nAFP\n"
    assert flagged(text) == ["date 2023-07-09 ", "AFP"]


def test_clean_article_with_dateline_title_and_subhead_is_quiet() -> None:
    text = (
        "Ministers agree on grain deal\n\nLIMA: Ministers from five countries agreed a grain deal on Monday.\n\n"
        "What comes next\n\nThe deal takes effect in May, the Peruvian minister (MIDAGRI) said.\n\n"
        "Farmers welcomed the news (see page 4)."
    )
    assert flagged(text) == []


@pytest.mark.slow
def test_noun_phrase_caption_between_paragraphs() -> None:
    text = (
        "The river rose overnight.\n\nPresident Ana Costa and Mayor Rui Lima of Porto Alegre.\n\n"
        "Thousands of people left their homes."
    )
    assert flagged(text, Linter(PATTERN_RULES)) == ["President Ana Costa and Mayor Rui Lima of Porto Alegre."]


def test_metadata_line_shape() -> None:
    assert metadata_line("Culture | 02/05/2023 - 18:20h")
    assert metadata_line("Wire | 3 Oct 2023, 07:45")
    assert metadata_line("Published on 02/05/2023 - 18:20 By Rui Sousa - Reporter of Example Wire - Recife")
    assert not metadata_line("Prices rose on 2 May 2023 in Recife")
    assert not metadata_line("2 May 2023 | 9 July 2023")
    assert not metadata_line("Mon – Fri 9AM (Closed on Sat & Sun)")


def test_each_line_is_reported_by_one_rule() -> None:
    text = (
        "The harbour reopened.\n\nPhoto: Example Wire/Ana Lima\n\nLog in to comment\n\n"
        "Share on Facebook Share on X Send by e-mail\n\nWrite your comment\n\nYou must log in to comment.\n"
    )
    findings = FAST.lint(make_document("x.txt", text))
    starts = [f.offset for f in findings]
    assert len(starts) == len(set(starts)) == 5


def test_copyright_labels_and_teasers_anywhere_in_the_article() -> None:
    text = (
        "Tags: Ports, Shipping, Chile\n\nThe harbour reopened on Monday.\n\n"
        "Keep reading: Dockers vote to end the strike\n\nShips queued outside.\n\n"
        "REPRODUCTION RESERVED © Example Wire\n"
    )
    assert flagged(text) == [
        "Tags: Ports, Shipping, Chile",
        "Keep reading: Dockers vote to end the strike",
        "REPRODUCTION RESERVED © Example Wire",
    ]


def test_lines_that_only_start_like_widgets_are_text() -> None:
    text = "Registered voters rose by 4%.\n\nNewsletters are popular, the survey found.\n\nSigned in blood, it said."
    assert flagged(text) == []


def _joined_span(patterns: list[str], flags: int, fullmatch: bool, line: str) -> tuple[int, int] | None:
    """What the rule's patterns did as one alternation: the reference for the pattern-by-pattern matching."""
    import regex

    joined = regex.compile("|".join(f"(?:{p})" for p in patterns), flags | regex.V0)
    m = joined.match(line)
    if m is not None and fullmatch and m.end() != len(line):
        m = joined.fullmatch(line)
    return (m.start(), m.end()) if m is not None and m.end() > 0 else None


def test_patterns_one_by_one_flag_what_their_alternation_flags() -> None:
    """Each pattern is tried alone and only on lines the scan names for it; the spans are those of the alternation,
    with the scan's choice and without one (as with no engine)."""
    from lintnews.checkers.boilerplate import BoilerplateChecker, content_lines

    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "boilerplate"]
    lines = [
        "Photo: Ana Ruiz/AP",
        "Leave a Reply",
        "Share this article on Facebook and Twitter",
        "(AP Photo/Luis Mar)",
        "Firefighters at the scene. REUTERS/Juan Perez",
        "The minister said the photo was taken on Monday.",
        "Related articles",
        "© 2024 Example News. All rights reserved.",
        "Getty Images",
        "By Jane Smith, AFP",
        "Subscribe to our newsletter",
        "President Joe Biden, left, and Prime Minister Keir Starmer, right, meet in Washington.",
    ]
    for rule in rules:
        for ex in rule.bad:
            lines += [b.text for b in content_lines(make_document("x.txt", ex.text))]
        lines += [b.text for g in rule.good for b in content_lines(make_document("x.txt", g))]
    doc = make_document("all.txt", "\n".join(lines))
    checked = 0
    for rule in rules:
        checker = BoilerplateChecker(rule)
        if not checker.opts["patterns"]:
            continue
        lines = content_lines(doc)
        visits, chosen = checker._visits(doc, lines)
        assert chosen is not None
        for i, block in enumerate(lines):
            expected = _joined_span(checker.opts["patterns"], checker.flags, checker.opts["fullmatch"], block.text)
            if expected is None and checker.opts["shape"]:
                continue  # the metadata shape may flag it: not the patterns' doing
            assert expected is None or i in visits or checker.opts["position"] != "any", (rule.id, block.text)
            assert checker._span(block.text, i, chosen) == checker._span(block.text, i, None) == expected
            checked += expected is not None
    assert checked >= 20
