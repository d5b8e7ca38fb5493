"""Word queries are necessary conditions: a document they turn away holds no match of the pattern."""

from __future__ import annotations

import pickle

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.config import Config
from lintnews.document import Document
from lintnews.prefilter import (
    PatternFilter,
    WordFilter,
    char_is_plain,
    doc_index,
    holds,
    pattern_admits,
    pattern_char_is_plain,
    pattern_query,
)
from lintnews.ruleset import select_rules


def index(text: str):  # type: ignore[no-untyped-def]
    return doc_index(Document("t.txt", text))


def admits_all_ways(pattern: str, text: str, flags: int = 0) -> list[bool]:
    ix = index(text)
    q = pattern_query(pattern, flags)
    return [holds(q, ix), WordFilter(q).admits(ix), pattern_admits(pattern, flags, ix)]


def test_words_and_pairs_of_a_pattern() -> None:
    pattern = r"\b(?:hotter|colder) (?P<x>then)\b"
    assert admits_all_ways(pattern, "It was colder then, he said.") == [True] * 3
    # the words are there, but not next to each other
    assert admits_all_ways(pattern, "Colder winters came; then spring.") == [False] * 3
    assert admits_all_ways(pattern, "Nothing to see.") == [False] * 3


def test_words_run_on_past_a_boundary_only_when_the_pattern_says_so() -> None:
    # "reunion" may be the start of a longer word: no word query, only the literal
    assert admits_all_ways(r"reunion", "The reunions went well.") == [True] * 3
    assert admits_all_ways(r"\breunion\b", "The reunions went well.") == [False] * 3
    assert admits_all_ways(r"\bin(?:form|vite)(?:ed|s)\b", "They informed us.") == [True] * 3
    assert admits_all_ways(r"\bin(?:form|vite)(?:ed|s)\b", "They inform us.") == [False] * 3


def test_large_alternations_are_joined_not_multiplied() -> None:
    verbs = "|".join(f"v{i}x" for i in range(30))
    objects = "|".join(f"o{i}y" for i in range(30))
    pattern = rf"\b(?:{verbs}) (?:{objects})\b"
    assert admits_all_ways(pattern, "We v3x o7y today.") == [True] * 3
    assert admits_all_ways(pattern, "We v3x and then o7y today.") == [False] * 3


def test_context_from_outside_a_group_completes_its_words() -> None:
    pattern = r"\b(?:[a-z]+s (?P<x>loose) (?=their\b)|(?:you|we) (?P<x>loose)\b)"
    assert admits_all_ways(pattern, "If we loose, fine.") == [True] * 3
    # "loose" alone is not enough: every branch needs a word next to it
    assert admits_all_ways(pattern, "A loose screw.") == [False] * 3


def test_a_reference_repeats_the_group_text() -> None:
    pattern = r"(?i)\b(?P<w>the|of)\s+(?P=w)\b"
    assert admits_all_ways(pattern, "It was The the best.") == [True] * 3
    assert admits_all_ways(pattern, "The best of the rest.") == [False] * 3


def test_punctuation_is_tested_as_text() -> None:
    pattern = r"[ \t]+(?=[,;])"
    assert admits_all_ways(pattern, "He came , then left.") == [True] * 3
    assert admits_all_ways(pattern, "He came, then left.") == [False] * 3


def test_unknown_syntax_gives_no_query() -> None:
    for pattern in (r"(?|a(b)|c(d))", r"\L<words>", r"a{e<=1}", r"(?V1)[[a-z]--[aeiou]]", r"(?(1)a|b)"):
        assert pattern_query(pattern) is None, pattern
        assert pattern_admits(pattern, 0, index("zzz"))


def test_plain_characters() -> None:
    assert all(pattern_char_is_plain(chr(c)) for c in range(128))
    assert pattern_char_is_plain("é") and char_is_plain("é") and char_is_plain("’")
    # regex matches "s" to the long s and "i" to the dotted capital I; str.lower does not
    assert not char_is_plain("ſ") and not char_is_plain("İ") and not pattern_char_is_plain("ſ")
    # U+00BD is a word character to `re` (isalnum) but not to `regex`
    assert not char_is_plain("½")
    assert not index("İstanbul is big").clean and index("Ankara’s café").clean


def test_pattern_filter_is_worked_out_as_documents_come_and_pickles_its_query() -> None:
    f = PatternFilter(r"\bcolder then\b")
    assert not f.admits(index("warmer now"))  # the first document: read for it alone
    assert f.admits(index("colder then"))  # the second: the compiled query
    g = pickle.loads(pickle.dumps(PatternFilter(r"\bcolder then\b")))
    assert g.admits(index("colder then"))  # the bare query
    assert not g.admits(index("colder and then")) and g.admits(index("It was colder then."))  # compiled


def test_every_bad_example_is_admitted() -> None:
    """Each shipped regex rule's query admits the rule's own bad examples (which the rule must find)."""
    for rule in select_rules(Config()):
        if rule.kind != "regex":
            continue
        flags = regex.IGNORECASE if rule.options.get("ignorecase") else 0
        q = pattern_query(rule.options["pattern"], flags)
        for ex in rule.bad:
            ix = index(ex.text)
            if ix.clean and regex.search(rule.options["pattern"], ex.text, flags | regex.V0):
                assert holds(q, ix), (rule.id, ex.text)
                assert pattern_admits(rule.options["pattern"], flags, ix), (rule.id, ex.text)


WORDS = ["the", "past", "week", "said", "to", "AFP", "informed", "in", "form", "ed", "s", "a", "Then"]
TEXT_PIECES = st.sampled_from([*WORDS, " ", " ", ", ", ". ", "-", "’", "'", "\n"])


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small patterns built from the constructs the analysis models."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 11 if depth < 2 else 6))
        if kind <= 2:
            pieces.append(regex.escape(draw(st.sampled_from(WORDS)), special_only=True))
        elif kind == 3:
            zero_or_class = [r"\b", r"\s+", r"\s*", " ", r"\W", r"[Tt]", r"[’']", r"\w+", ".", r"\K"]
            pieces.append(draw(st.sampled_from(zero_or_class)))
        elif kind == 4 and depth == 0 and draw(st.booleans()):
            pieces.append("(?P=g)")  # a reference, to the named group when there is one
        elif kind == 4:
            pieces.append(
                draw(
                    st.sampled_from(
                        [r"(?<![\w-])", r"(?![\w-])", r"(?=\s)", r"^", "$", r"[,.]", r"(?:^|(?<=[.,]\s))", r"(?:\w+ )?"]
                    )
                )
            )
        elif kind <= 6:
            pieces.append(draw(st.sampled_from(["e?", "s*", "d+", "a{2}", "n{0,2}"])))
        else:
            alts = [draw(patterns(depth + 1)) for _ in range(draw(st.integers(1, 3)))]
            opener = draw(
                st.sampled_from(["(?:", "(", "(?P<g>" if depth == 0 else "(?:", "(?=", "(?!", "(?>", "(?<=", "(?<!"])
            )
            quant = draw(st.sampled_from(["", "", "?", "+", "*", "{1,2}", "{0,2}?"]))
            if opener in ("(?=", "(?!", "(?<=", "(?<!"):
                quant = ""
            pieces.append(opener + "|".join(alts) + ")" + quant)
    return "".join(pieces)


@settings(max_examples=1500, deadline=None)
@given(patterns(), st.lists(TEXT_PIECES, max_size=14), st.booleans())
def test_a_turned_away_text_never_matches(pattern: str, pieces: list[str], ignorecase: bool) -> None:
    text = "".join(pieces)
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        compiled = regex.compile(pattern, flags | regex.V0)
    except regex.error:  # a reference to a group the pattern lacks, for one
        return
    try:
        found = compiled.search(text, timeout=2.0)
    except TimeoutError:  # nested quantifiers the engine backtracks through without end: nothing to compare
        return
    if found is not None:
        assert admits_all_ways(pattern, text, flags) == [True] * 3, (pattern, text)


def regex_rule(pattern: str, **options: object):  # type: ignore[no-untyped-def]
    from lintnews.checkers.regex import RegexChecker
    from lintnews.findings import Severity
    from lintnews.rulepack import Example, Rule

    rule = Rule(
        id="t.rule",
        kind="regex",
        category="grammar",
        severity=Severity.WARNING,
        message="m",
        fix="none",
        source="",
        description="",
        pack="t",
        path="t.yaml",
        line=1,
        bad=(Example("x"),),
        good=(),
        options={"pattern": pattern, **options},
    )
    return RegexChecker(rule)


def test_a_rule_finds_the_same_in_every_document_and_every_way() -> None:
    """First document (read for it alone), later ones (compiled query), and documents with characters the
    word tests cannot speak for (the long s, a dotted capital I: the older substring test) all find alike."""
    checker = regex_rule(
        r"(?x) \b(?P<x>colder) \s+ then\b | \bwarm(?P<x>er)\s+now\b | \bn(?P<x>o)w\s+then\b", group="x"
    )
    texts = [
        "It was colder then, and warmer now.",
        "Nothing here.",
        "İstanbul was colder then.",
        "The ſ was colder then; now then.",
        "Colder  then? Warmer now! Now then.",
    ]
    for _ in range(2):
        for text in texts:
            doc = Document("t.txt", text)
            expected = [m.span("x") for m in regex.finditer(checker.opts["pattern"], text)]
            assert [(h.start, h.end) for h in checker.check(doc)] == expected, text
    assert not index(texts[2]).clean and not index(texts[3]).clean


def test_phrase_buckets_skip_only_documents_without_their_phrases() -> None:
    from lintnews.checkers.phrase import PhraseMatcher

    phrases = ["in the framework of", "despite of", "U.S.", "in-laws", "et al.", "at the level of", "a priori"]
    phrases += [f"filler phrase {i}" for i in range(40)]  # several buckets
    matcher = PhraseMatcher(phrases, ignorecase=True)
    texts = [
        "In the  framework of talks, despite of rain, U.S. in-laws et al. met.",
        "Nothing at all. At the level\nof the sea, a priori.",
        "The ſ: in the framework of İstanbul talks.",
        "framework of, in the, level of",
    ]
    unfiltered = PhraseMatcher(phrases, ignorecase=True)

    class Everything:
        def admits(self, ix: object) -> bool:
            return True

    unfiltered.filters = [Everything() for _ in unfiltered.filters]  # type: ignore[misc]
    unfiltered.factors = [None for _ in unfiltered.factors]
    found = 0
    for _ in range(2):  # the first document is read for itself, later ones use the compiled filters
        for text in texts:
            expected = [m.span() for m in unfiltered.finditer(Document("t.txt", text))]
            assert [m.span() for m in matcher.finditer(Document("t.txt", text))] == expected, text
            found += len(expected)
    assert found >= 14


@settings(max_examples=300, deadline=None)
@given(st.lists(patterns(), min_size=1, max_size=6), st.lists(TEXT_PIECES, max_size=14))
def test_key_index_candidates_are_the_filters_whose_keys_a_document_holds(pats: list[str], pieces: list[str]) -> None:
    from lintnews.prefilter import KeyIndex, _may_hold

    keys = [WordFilter(pattern_query(p)).keys for p in pats]
    ix = index("".join(pieces))
    if ix.clean:
        assert KeyIndex(keys).candidates(ix) == {i for i, k in enumerate(keys) if _may_hold(k, ix)}


def test_the_linter_skips_only_rules_that_cannot_find_anything() -> None:
    """With its key index (from the second document on, or prepared before workers fork) the linter finds
    exactly what it finds calling every rule on every document."""
    from lintnews.lint import Linter

    texts = [
        "The minister said this Tuesday that despite of the talks, a escalation was near.",
        "Nothing to see here.",
        "Leave a Reply\n\nThe million and a half Palestinians sheltered. .",
        "İstanbul said to AFP a source of the movement this Monday.",
        "They participated the head of the delegation, despite of everything.",
    ]
    rules = select_rules(Config())
    every = Linter(rules)
    every._candidates = lambda doc: None  # type: ignore[method-assign]
    expected = [[(f.rule, f.offset) for f in every.lint(Document(f"{i}.txt", t))] for i, t in enumerate(texts)]
    assert any(expected)
    lazy = Linter(rules)
    assert [[(f.rule, f.offset) for f in lazy.lint(Document(f"{i}.txt", t))] for i, t in enumerate(texts)] == expected
    assert lazy._keys is not None
    skipped = lazy._candidates(Document("x.txt", texts[1]))
    assert skipped is not None and len(skipped) < len(lazy.checkers) / 2
    prepared = Linter(rules)
    prepared.prepare()
    assert prepared._keys is not None
    got = [[(f.rule, f.offset) for f in prepared.lint(Document(f"{i}.txt", t))] for i, t in enumerate(texts)]
    assert got == expected
    assert pickle.loads(pickle.dumps(prepared))._keys is None


@settings(max_examples=200, deadline=None)
@given(
    st.frozensets(st.sampled_from(WORDS[:8]), max_size=4),
    st.frozensets(st.sampled_from(WORDS[4:]), max_size=4),
    st.lists(TEXT_PIECES, max_size=14),
)
def test_a_join_compiled_as_word_pairs_holds_where_the_join_does(
    firsts: frozenset[str], seconds: frozenset[str], pieces: list[str]
) -> None:
    from lintnews.prefilter import _compile, _holds

    low = lambda ws: frozenset(w.lower() for w in ws)  # noqa: E731 - the index holds lower-cased words
    join = ("j", (low(firsts), low(seconds)))
    ix = index("".join(pieces))
    if not ix.clean:
        return
    followers = ix.successors()
    expected = any(not join[1][1].isdisjoint(followers.get(w, ())) for w in join[1][0] & ix.words)
    node = _compile(join)
    assert node[0] == "|"  # compiled as its pairs
    assert _holds(node, ix) == expected


def test_keys_for_a_sentence_count_the_words_of_every_document() -> None:
    """'we' and 'they' are in nearly every article, so a document's query leaves them out; a sentence's keys
    keep them, and they are kept between runs apart from the document's."""
    from lintnews.prefilter import every_word_query, pattern_query, text_words, word_keys
    from lintnews.query_memo import memo

    pattern = r"\b(?:we|they)\s+(?:is|was|[a-z]+[^s\W]s)\b"
    assert pattern_query(pattern) is None and word_keys(pattern) is None
    keys = word_keys(pattern, every_word=True)
    assert keys is not None and keys[0] == frozenset({"we", "they"})
    assert every_word_query(pattern) == every_word_query(pattern)
    assert memo().has(pattern, 0) and any(p == pattern and f != 0 for p, f in memo().table())
    import regex

    from lintnews.prefilter import may_hold_words

    sentences = ("Then they was there.", "Now we looks fine.", "The talks was over.", "Nothing here.")
    matched = [s for s in sentences if regex.search(pattern, s)]
    assert matched == list(sentences[:2])
    for sentence in sentences:  # a sentence the pattern matches holds one of its keys; the others need not
        assert may_hold_words(keys, text_words(sentence)) == (sentence in matched)
