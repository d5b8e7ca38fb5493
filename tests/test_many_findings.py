"""Many findings, long lines: what a finding costs from its hit to its printed line, and that the fast paths write
exactly what the plain ones would."""

from __future__ import annotations

import dataclasses
import gc
import json
import time
from collections import Counter, OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import Document
from lintnews.core.findings import Applicability, Edit, Fix, Hit, Severity
from lintnews.core.jsontext import compact, indented
from lintnews.engine.stamp import format_message, stamp, stamp_hits
from lintnews.outputs.report import render_text
from lintnews.rules.rulepack import Rule

from .rule_factory import make_rule

# --- JSON text: the same bytes as json.dumps ---------------------------------------------------------------

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner)
        | st.tuples(inner, inner)
        | st.dictionaries(_KEYS, inner)
        | st.dictionaries(st.text(), inner).map(OrderedDict)
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(_VALUES, st.integers(0, 3))
def test_json_text_is_what_json_dumps_writes(value: Any, indent: int) -> None:
    assert compact(value) == json.dumps(value, ensure_ascii=False)
    assert indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_json_text_refuses_what_json_refuses() -> None:
    for bad in ({"a": {1, 2}}, [object()], {(1, 2): "tuple key"}):
        with pytest.raises(TypeError):
            json.dumps(bad)
        with pytest.raises(TypeError):
            indented(bad)
        with pytest.raises(TypeError):
            compact(bad)
    # a Counter is a dict, an IntEnum an int: written as json writes them
    value = {"n": Counter(a=2), "s": Severity.ERROR}
    assert indented(value) == json.dumps(value, indent=1)


# --- stamping ------------------------------------------------------------------------------------------------


def _rule(message: str, fix: str = "safe") -> Rule:
    return make_rule(category="punctuation", message=message, fix=fix)


@pytest.mark.parametrize(
    ("template", "fields", "expected"),
    [
        ("Doubled '{match}'.", {"match": ". ."}, "Doubled '. .'."),
        ("{name|upper} and {name|lower_first}", {"name": "Gaza"}, "GAZA and gaza"),
        ("{name|nosuch} stays", {"name": "x"}, "{name|nosuch} stays"),
        ("{missing} stays, {match} does not", {"match": "m"}, "{missing} stays, m does not"),
        ("no fields {at all", {"match": "m"}, "no fields {at all"),
        ("{0}{1}", {"0": "a", "1": "b"}, "ab"),
        ("", {"match": "m"}, ""),
    ],
)
def test_message_templates(template: str, fields: dict[str, str], expected: str) -> None:
    assert format_message(template, fields) == expected


def test_stamped_positions_fields_and_fixes() -> None:
    doc = Document("a.txt", "One line.\nTwo ; lines\r\nand three.")
    rule = _rule("Mark '{mark}' in '{match}'.")
    hits = [
        Hit(14, 15, params=(("mark", ";"),), replacement=""),  # on line 2
        Hit(8, 26, params=(("mark", "."),)),  # from line 1 to line 3
        Hit(len(doc.text), len(doc.text), message="at the very end"),  # an empty span after the last character
        Hit(5, 3),  # backwards: no finding
        Hit(30, 99),  # past the end: no finding
        Hit(0, 3, replacement="One", applicability=Applicability.UNSAFE),  # replaced by itself: no fix
        Hit(0, 3, replacement="Uno", edits=(Edit(20, 1, "x"),)),
    ]
    found = stamp_hits(rule, doc, hits)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [
        (2, 5, 2, 6),
        (1, 9, 3, 4),
        (3, 11, 3, 11),
        (1, 1, 1, 4),
        (1, 1, 1, 4),
    ]
    assert [doc.position(f.offset) + doc.position(f.end) for f in found] == [
        (f.line, f.column, f.end_line, f.end_column) for f in found
    ]
    assert found[0].message == "Mark ';' in ';'." and found[0].fix is not None
    assert found[1].message == "Mark '.' in '.\nTwo ; lines\r\nand'." and found[1].fix is None
    assert found[2].message == "at the very end"
    assert found[3].fix is None
    assert found[4].fix is not None and [e.offset for e in found[4].fix.edits] == [0, 20]
    assert found[4].fix.applicability is Applicability.SAFE
    # a plugin's fields given as a list (not hashable) are still filled in
    listed = Hit(14, 15, params=[("mark", ";")])  # type: ignore[arg-type]
    assert stamp_hits(rule, doc, [listed, listed])[1].message == "Mark ';' in ';'."
    # one hit alone is stamped as in a batch
    assert stamp(rule, doc, hits[1]) == found[1]
    assert stamp_hits(_rule("{match}", fix="none"), doc, hits[:1])[0].fix is None


# --- the text report -----------------------------------------------------------------------------------------


def test_text_report_shows_a_window_of_a_long_line() -> None:
    line = "".join(f"w{i:05d}\t" for i in range(2_000))  # 14,000 characters with tabs
    raw = "Head.\n" + line + "\n"
    doc = Document("long.txt", raw)
    start = 6 + 7_000
    (f,) = stamp_hits(_rule("{match}"), doc, [Hit(start, start + 6)])
    text = render_text({"long.txt": doc}, [f], [])
    _, gutter, shown, caret, *_ = text.splitlines()
    col = start - 6
    left = col - 47  # the 100-character window, the 6-character span in its middle
    assert shown == "2 | …" + line[left : left + 100].replace("\t", " ") + "…"
    assert caret == "  | " + " " * (1 + col - left) + "^" * 6
    assert gutter == "  |"


def _cpu(run: Any) -> float:
    # the collector off while timing: in a full suite's process a collection of the oldest generation walks every
    # object the earlier tests left, a cost of the process, not of the code timed (it made a 2x step read 3.9x)
    best = float("inf")
    for _ in range(2):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.slow
def test_a_finding_costs_the_same_on_a_long_line() -> None:
    # the report of 20,000 findings on one line 40 times longer costs about the same: a finding's line is not
    # copied whole (it was: a quarter of a million findings on one megabyte line took 14 s to print)
    rule = _rule("'{match}' has no partner.")

    def report(unit: str) -> Any:
        doc = Document("a.md", unit * 20_000)
        found = stamp_hits(rule, doc, [Hit(i * len(unit), i * len(unit) + 1) for i in range(20_000)])
        return lambda: render_text({"a.md": doc}, found, [])

    short, long = _cpu(report("(")), _cpu(report("(" + "x" * 39))
    assert long <= 2 * short + 0.05, (short, long)


@pytest.mark.slow
def test_stamping_and_printing_grow_linearly() -> None:
    rule = _rule("'{mark}' has no partner.")

    def work(n: int) -> Any:
        doc = Document("a.md", "](\n" * n)
        hits = [Hit(3 * i + 1, 3 * i + 2, params=(("mark", "("),)) for i in range(n)]
        return lambda: render_text({"a.md": doc}, stamp_hits(rule, doc, hits), [])

    small, large = _cpu(work(30_000)), _cpu(work(60_000))
    assert large <= 3 * small + 0.05, (small, large)


def test_finding_rows_round_trip() -> None:
    # the findings cache stores rows: a stamped finding comes back equal, its fix too
    doc = Document("a.txt", "It fell . Then rose.")
    (f,) = stamp_hits(_rule("{match}"), doc, [Hit(7, 9, replacement=".")])
    back = type(f).from_row(f.to_row())
    assert back == f and dataclasses.asdict(back) == dataclasses.asdict(f)


# --- the HTML reader -----------------------------------------------------------------------------------------


def test_html_addresses_are_not_text_and_a_page_without_one_is_all_text() -> None:
    from lintnews.core.readers import read

    doc = read("a.html", "<p>See https://example.org/a,b now &amp; http://x.io.</p><p>No address: h ttp.</p>")
    assert doc.text_spans is not None
    assert [doc.raw[s:e] for s, e in doc.text_spans] == ["See ", " now ", " ", "No address: h ttp."]
    doc = read("b.html", "<p>See example.org/a now.</p><p>Or <b>ftp</b> there.</p>")
    assert doc.text_spans is not None
    assert [doc.raw[s:e] for s, e in doc.text_spans] == ["See example.org/a now.", "Or ", "ftp", " there."]


# --- baselines -----------------------------------------------------------------------------------------------


def test_baseline_paths_follow_the_working_folder(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # a file's path relative to the baseline is worked out once per file: the working folder is part of that
    from lintnews.engine.baseline import key_for

    doc = Document("a.txt", "It fell . Then rose.")
    (f,) = stamp_hits(_rule("{match}"), doc, [Hit(7, 9)])
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    keys = []
    for folder in ("one", "two", "one"):
        monkeypatch.chdir(tmp_path / folder)
        keys.append(key_for(f, doc.raw, tmp_path))
    assert [k.path for k in keys] == ["one/a.txt", "two/a.txt", "one/a.txt"]
    assert keys[0] == keys[2] and hash(keys[0]) == hash(keys[2])
    assert keys[0].context == "It fell|Then rose."


# --- inline suppressions -------------------------------------------------------------------------------------

_SELECTORS = st.sampled_from(["*", "punctuation", "test", "test.rule", "test.ru", "calque", "other.rule"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), _SELECTORS), max_size=12),
    st.lists(st.integers(0, 80), min_size=1, max_size=20),
)
def test_suppression_ranges_cover_what_a_scan_of_every_range_would(
    ranges: list[tuple[int, int, str]], offsets: list[int]
) -> None:
    from lintnews.core.config import selector_matches
    from lintnews.engine.suppress import Suppressions

    sup = Suppressions({}, tuple((a, a + n, s) for a, n, s in ranges))
    doc = Document("a.txt", "x" * 100)
    for offset in offsets:
        (f,) = stamp_hits(_rule("{match}"), doc, [Hit(offset, offset + 1)])
        expected = any(
            a <= offset < b and (s == "*" or selector_matches(s, f.rule, f.category)) for a, b, s in sup.ranges
        )
        assert sup.covers(f) == expected, (offset, sup.ranges)


@pytest.mark.slow
def test_many_suppression_ranges_and_findings_grow_linearly() -> None:
    # a finding between each disable/enable pair: asking every range about every finding was quadratic
    from lintnews.engine.suppress import suppression_filter

    rule = _rule("{match}")
    unit = "It fell . Then.\n<!-- lintnews-disable calque -->\n<!-- lintnews-enable calque -->\n"

    def work(n: int) -> Any:
        doc = Document("a.md", unit * n)
        found = stamp_hits(rule, doc, [Hit(len(unit) * i + 8, len(unit) * i + 9) for i in range(n)])
        return lambda: suppression_filter(doc, found)

    small, large = _cpu(work(4_000)), _cpu(work(8_000))
    assert large <= 3 * small + 0.05, (small, large)


# --- rules that give way to others ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.booleans()), max_size=14))
def test_deferring_findings_give_way_exactly_where_another_rule_reported(spans: list[tuple[int, int, bool]]) -> None:
    from lintnews.engine.finish import drop_deferred

    doc = Document("a.txt", "y" * 60)
    own_rule, backend = _rule("{match}"), dataclasses.replace(_rule("{match}"), id="backend.rule")
    findings = [stamp_hits(backend if d else own_rule, doc, [Hit(a, a + n)])[0] for a, n, d in spans]
    own = [f for f in findings if f.rule != "backend.rule"]

    def touches(o: Any, f: Any) -> bool:  # an empty span counts as the one character after it
        return bool(o.offset < max(f.end, f.offset + 1) and f.offset < max(o.end, o.offset + 1))

    kept = [f for f in findings if f.rule == "backend.rule" and not any(touches(o, f) for o in own)]
    assert drop_deferred({"backend.rule"}, findings) == own + kept


# --- fixes kept to article text ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab <>\n\t\u2060", min_size=1, max_size=40),
    st.lists(st.integers(0, 40), max_size=10),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_markup_on_a_line_is_found_as_a_scan_of_every_character_would(
    raw: str, cuts: list[int], start: int, end: int
) -> None:
    from lintnews.engine.fix import _markup_between

    bounds = sorted({min(c, len(raw)) for c in cuts})
    spans = tuple((a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=False) if a < b)
    doc = Document("a.md", raw, text_spans=spans)
    start, end = min(start, len(raw)), min(end, len(raw))
    expected = any(not raw[i].isspace() and not doc.is_text(i, i + 1) for i in range(start, end))
    assert _markup_between(doc, start, end) == expected, (spans, start, end)


@pytest.mark.slow
def test_checking_each_fix_against_one_text_grows_linearly() -> None:
    # each fix checked against the same text (as --fix does to count the rules it applied) counted the text's
    # line breaks once per fix: fixes x text length
    from lintnews.engine.fix import checked_fix

    def work(n: int) -> Any:
        text = "It fell . Then.\r\n" * (n * 10)
        fixes = [Fix(Applicability.SAFE, (Edit(170 * i + 7, 1, ""),)) for i in range(n)]
        return lambda: [checked_fix(text, f) for f in fixes]

    small, large = _cpu(work(2_000)), _cpu(work(4_000))
    assert large <= 3 * small + 0.05, (small, large)
