"""Candidate selection (lintnews.speed): a scan never loses a match, and without the engine every rule runs."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs
from lintnews.speed import select
from lintnews.speed.dialect import prefilter_expression
from lintnews.speed.select import Lines, Selector

ROOT = Path(__file__).resolve().parent.parent
PACKS = load_packs(collect_pack_paths())
RULES = [r for p in PACKS for r in p.rules]
SOURCES = [
    (r.options["pattern"], regex.IGNORECASE if r.options.get("ignorecase") else 0) for r in RULES if r.kind == "regex"
]
# characters where the engines could part: case variants outside ASCII (the Kelvin sign matches "k" without
# case, the long s "s"), letters and digits outside ASCII (\w, \d), white space outside ASCII (\s), quotes
TRICKY = "kKKsSſiIİıéÉñÑßẞ٣\u00a0\u2009’'“”-–—.,;:!?()[]{}\n\t _0123456789"


def _texts() -> list[str]:
    """Every example of every shipped rule and the shipped corpus: text each pattern was written to meet."""
    texts = [ex.text for r in RULES for ex in r.bad] + [g for r in RULES for g in r.good]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    return texts


@pytest.fixture(scope="module")
def shipped() -> tuple[Selector, list[regex.Pattern[str]]]:
    return Selector(SOURCES), [regex.compile(p, f | regex.V0) for p, f in SOURCES]


def test_every_shipped_pattern_is_modelled_and_selective(shipped: tuple[Selector, list[regex.Pattern[str]]]) -> None:
    """The rewrite reads every shipped pattern; a news article names a small share of the rules."""
    selector, _ = shipped
    assert all(prefilter_expression(p, bool(f)) is not None for p, f in SOURCES)
    article = (ROOT / "corpus" / "articles").glob("*.txt").__next__().read_text(encoding="utf-8")
    found = selector.candidates(article)
    assert found is not None
    assert len(found) < len(SOURCES) / 4


def test_no_match_of_a_shipped_pattern_is_lost(shipped: tuple[Selector, list[regex.Pattern[str]]]) -> None:
    selector, patterns = shipped
    checked = 0
    for text in _texts():
        found = selector.candidates(text)
        assert found is not None
        for i, pattern in enumerate(patterns):
            if pattern.search(text):
                assert i in found, (SOURCES[i][0], text[:200])
                checked += 1
    assert checked > 1000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_rules_and_documents(shipped: tuple[Selector, list[regex.Pattern[str]]], data: st.DataObject) -> None:
    """Shipped patterns against documents built from their examples with characters the engines may part on."""
    selector, patterns = shipped
    texts = _TEXTS
    pieces = data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=3))
    noise = data.draw(st.text(alphabet=TRICKY, max_size=6))
    at = data.draw(st.integers(0, max(len(p) for p in pieces)))
    doc = "\n\n".join(pieces)
    doc = doc[:at] + noise + doc[at:]
    found = selector.candidates(doc)
    assert found is not None
    for i in data.draw(st.lists(st.integers(0, len(patterns) - 1), min_size=20, max_size=60)):
        if patterns[i].search(doc):
            assert i in found, (SOURCES[i][0], doc)


_TEXTS = _texts()

# Small patterns from the constructs the rewrite handles, over the characters where the engines could part.
_ATOMS = [
    r"\w",
    r"\W",
    r"\d",
    r"\D",
    r"\s",
    r"\S",
    r"\b",
    r"\B",
    r"[^\W\d_]",
    r"[^s\W'’]",
    r"[’']",
    r"[a-z]",
    r"[^a-z]",
    r"[[:alpha:]]",
    r"\p{L}",
    ".",
    "^",
    "$",
    "k",
    "s",
    "i",
    "é",
    "ß",
    "’",
    r"\.",
    r"\N{LATIN SMALL LETTER E WITH ACUTE}",
    r"\u00e9",
    r"\x41",
    r"(?=\w)",
    r"(?<!\w)",
    r"(?<=k)",
    r"(?!s)",
    r"\K",
]
_QUANTIFIERS = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{,2}", "*?", "++", "{2,}"]


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    def sequence(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.integers(0, 5 if depth < 2 else 3))
            if kind <= 3:
                atom = draw(st.sampled_from(_ATOMS))
            elif kind == 4:
                opening = draw(st.sampled_from(["(", "(?:", "(?P<n>", "(?i:", "(?>"]))
                atom = opening + sequence(depth + 1) + "|" + sequence(depth + 1) + ")"
            else:
                atom = "(?P<d>" + sequence(depth + 1) + ")" + draw(st.sampled_from(["(?P=d)", r"\1", ""]))
            quantifier = draw(st.sampled_from(_QUANTIFIERS))
            if atom in ("^", "$", r"\b", r"\B", r"\K") or atom.startswith("(?=") or atom.startswith("(?<"):
                quantifier = ""
            out.append(atom + quantifier)
        return "".join(out)

    return draw(st.sampled_from(["", "", "(?i)", "(?s)", "(?m)", "(?x)"])) + sequence(0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_patterns(), st.lists(st.text(alphabet=TRICKY + "abcdeklmnst", max_size=12), min_size=1, max_size=8))
def test_random_patterns_never_lose_a_match(pattern: str, texts: list[str]) -> None:
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error:
        return  # not a pattern a pack could hold
    selector = Selector([(pattern, 0)])
    for text in texts:
        if compiled.search(text):
            found = selector.candidates(text)
            assert found is None or 0 in found, (pattern, text, prefilter_expression(pattern))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_patterns(), st.lists(st.text(alphabet=TRICKY.replace("\n", "") + "abcdeklmnst", max_size=12), max_size=8))
def test_random_patterns_by_line_never_lose_a_line(pattern: str, lines: list[str]) -> None:
    """One scan of the lines joined names every line the pattern matches in alone: anchors and assertions
    at a line's bounds included."""
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error:
        return
    chosen = Selector([(pattern, 0)], per_line=True).by_line(Lines(lines))
    assert chosen is not None
    for k, line in enumerate(lines):
        if compiled.search(line):
            assert chosen[0] is None or k in chosen[0], (pattern, line, prefilter_expression(pattern))


def test_by_line_names_the_lines_of_each_pattern() -> None:
    selector = Selector([("^needle", 0), ("thread$", regex.I), ("x*", 0), (r"(a)?(?(1)b|c)", 0)], per_line=True)
    lines = ["a needle", "needle é", "ÉÉ THREAD", "thread é", "", "needle"]
    # bytes are not characters here: each match is placed by the byte it ends at
    assert selector.by_line(Lines(lines)) == [{1, 5}, {2}, None, None]
    assert selector.by_line(Lines([])) == [set(), set(), None, None]
    assert selector.by_line(Lines(["needle \ud800"])) is None  # no UTF-8 to scan: no selection
    with pytest.raises(ValueError):
        Selector([("needle", 0)]).by_line(Lines(["needle"]))


def test_by_line_on_the_boilerplate_patterns_loses_no_line() -> None:
    """Every pattern of the line rules (and the shapes' needs) against every line of the corpus and examples."""
    from lintnews.checkers.boilerplate import SHAPE_NEEDS

    sources = {
        (p, regex.I if r.options.get("ignorecase", True) else 0)
        for r in RULES
        if r.kind == "boilerplate"
        for p in r.options.get("patterns", [])
    }
    sources |= {(n.pattern, n.flags & regex.I) for needs in SHAPE_NEEDS.values() for n in needs}
    ordered = sorted(sources)
    lines = [line.strip() for text in _TEXTS for line in text.split("\n") if line.strip()]
    chosen = Selector(ordered, per_line=True).by_line(Lines(lines))
    assert chosen is not None
    checked = 0
    for k, (pattern, flags) in enumerate(ordered):
        compiled = regex.compile(pattern, flags | regex.V0)
        named = chosen[k]
        for i, line in enumerate(lines):
            if compiled.search(line):
                assert named is None or i in named, (pattern, line)
                checked += 1
        assert named is None or len(named) < len(lines) / 2, pattern  # and it selects
    assert checked > 300


def test_what_the_rewrite_does_not_model_is_always_a_candidate() -> None:
    unmodelled = [r"(a)?(?(1)b|c)", r"(?:news){e<=1}", r"a(?R)?b", r"a(?x:  b)", r"\q"]
    for pattern in unmodelled:
        assert prefilter_expression(pattern) is None, pattern
    selector = Selector([*((p, 0) for p in unmodelled), ("needle", 0), None])
    assert selector.candidates("hay") == {0, 1, 2, 3, 4, 6}
    assert selector.candidates("a needle") == set(range(7))


def test_a_pattern_hyperscan_refuses_is_always_a_candidate() -> None:
    """Found by compiling halves: the others are still selected."""
    refused = r"a{40000}"  # widened to {40000,}: too large a repeat for the engine
    selector = Selector([("alpha", 0), (refused, 0), ("omega", 0)])
    assert selector.candidates("the omega") == {1, 2}
    assert selector.candidates("neither") == {1}


@pytest.mark.parametrize("pattern", [r"(\w)\w?\1", r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)\12", r"(?P<x>o)\1"])
def test_a_back_reference_at_the_end_of_a_pattern_is_not_a_character(pattern: str) -> None:
    """`\\1` closing a pattern refers to a group (only three octal digits make a character): it may match any text."""
    text = "abcdefghijkll" if "(l)" in pattern else "xoo"
    assert regex.search(pattern, text)
    assert Selector([(pattern, 0)]).candidates(text) == {0}
    chosen = Selector([(pattern, 0)], per_line=True).by_line(Lines([text]))
    assert chosen is not None
    assert chosen[0] is None or 0 in chosen[0]


def test_a_long_expression_hyperscan_refuses_is_found_without_halving(tmp_path: Path) -> None:
    """A phrase list too large for the engine is tried alone, so the database of the others compiles once."""
    words = [f"w{i}x{i * 7919 % 10007}" for i in range(4000)]
    refused = "|".join(["a{40000}", *words[200:800]])  # a long list with one repeat too large for the engine
    assert len(prefilter_expression(refused, False) or "") >= select.LONG_EXPRESSION
    sources: list[tuple[str, int] | None] = [(f"\\b{w}\\b", 0) for w in words[:200]]
    sources.insert(100, (refused, 0))
    compiles = []
    real = select._Database._compile

    def counted(self: select._Database, hs: object, positions: list[int]) -> object:
        compiles.append(len(positions))
        return real(self, hs, positions)  # type: ignore[arg-type]

    with (
        mock.patch("lintnews.speed.cache.default_cache_dir", return_value=tmp_path),
        mock.patch.object(select._Database, "_compile", counted),
    ):
        selector = Selector(sources)
        assert selector.candidates(f"say {words[5]} now") == {5, 100}
    assert compiles == [200]  # the 200 others, once: no halving


def test_the_database_is_kept_and_a_damaged_one_rebuilt(tmp_path: Path) -> None:
    with mock.patch("lintnews.speed.cache.default_cache_dir", return_value=tmp_path):
        assert Selector([("needle", 0), ("thread", regex.I)]).candidates("a THREAD") == {1}
        stored = list((tmp_path / "lexicon").glob("hyperscan-*.db"))
        assert len(stored) == 1
        assert Selector([("needle", 0), ("thread", regex.I)]).candidates("a needle") == {0}
        stored[0].write_bytes(b"\x05\x00\x00\x00junk")
        assert Selector([("needle", 0), ("thread", regex.I)]).candidates("a needle") == {0}
        assert Selector([("needle", 0), ("thread", regex.I)]).candidates("none") == set()


def test_a_selector_pickles_without_its_database() -> None:
    import pickle

    selector = Selector([("needle", 0)], ["shipped"])
    assert selector.candidates("needle") == {0}
    copy = pickle.loads(pickle.dumps(selector))
    assert copy.candidates("a needle") == {0}
    assert copy.candidates("hay") == set()


def test_house_patterns_have_their_own_database() -> None:
    selector = Selector([("alpha", 0), ("beta", 0), ("gamma", 0)], ["shipped", "house", "shipped"])
    assert [sorted(db.ids) for db in selector.databases] == [[1], [0, 2]]
    assert selector.candidates("beta gamma") == {1, 2}


def test_without_the_engine_every_rule_runs_with_the_same_findings() -> None:
    """The path where hyperscan does not import: no selection, the same findings."""
    # the kinds that select: by the document's scan (regex, phrase) or by one scan of its lines (boilerplate)
    rules = [r for r in RULES if r.enabled and r.kind in ("regex", "phrase", "swap", "boilerplate")]
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))[:12]]

    def findings() -> str:
        linter = Linter(rules)
        out = [linter.lint(make_document(f"d{i}.txt", text)) for i, text in enumerate(docs)]
        return json.dumps([[f.rule, f.offset, f.length, f.message] for fs in out for f in fs])

    with_engine = findings()
    with mock.patch.object(select, "engine", return_value=None):
        assert Selector([("x", 0)]).candidates("x") is None
        assert findings() == with_engine
    assert json.loads(with_engine)


def test_phrase_buckets_find_what_one_alternation_finds() -> None:
    """Swap and phrase lists run as buckets a scan picks: the matches of one longest-first alternation, with the
    engine and without it."""
    from lintnews.checkers.phrase import PhraseMatcher, phrase_pattern

    lists = [(list(r.options["swap"]), r.options.get("ignorecase", True)) for r in RULES if r.kind == "swap"]
    lists += [(r.options["phrases"], r.options.get("ignorecase", True)) for r in RULES if r.kind == "phrase"]
    doc = make_document("all.txt", "\n\n".join(_TEXTS))
    found = 0
    for phrases, ignorecase in lists:
        matcher = PhraseMatcher(phrases, ignorecase)
        expected = [m.span() for m in phrase_pattern(phrases, ignorecase).finditer(doc.text)]
        assert [m.span() for m in matcher.finditer(doc)] == expected
        with mock.patch.object(select, "engine", return_value=None):
            assert [m.span() for m in matcher.finditer(doc)] == expected
        found += len(expected)
    assert len(lists) >= 10 and found >= 20
