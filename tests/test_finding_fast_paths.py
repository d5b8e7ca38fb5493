"""The per-finding fast paths (findings built at once, JSON lines from a template, de-duplication of neighbours,
text snippets with shared carets) give exactly what the plain ones gave."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core.document import Document
from lintnews.core.findings import Applicability, Edit, Finding, Fix, Hit, Severity
from lintnews.core.jsontext import compact
from lintnews.engine.finish import dedupe, drop_deferred
from lintnews.outputs.report import FindingLines, finding_json, render_text
from lintnews.rules.rulepack import Rule

from .rule_factory import make_rule

_RULE = make_rule("p.r", category="grammar", severity=Severity.ERROR, fix="safe")

_FIELDS = (
    "a/b.md",
    "punctuation.unpaired-bracket",
    "punctuation",
    Severity.WARNING,
    "'(' has \"no\" partner: é\\n",
    7,
    1,
    2,
    3,
    2,
    4,
    ("x", ""),
    Fix(Applicability.SAFE, (Edit(7, 1, "ü"),)),
    "why",
)


def _generated(cls: type) -> type:
    """A frozen dataclass of `cls`'s fields with the __init__ dataclasses would write for it."""
    specs = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            specs.append((f.name, f.type))
    return dataclasses.make_dataclass("Generated", specs, frozen=True)


@pytest.mark.parametrize("cls", [Hit, Finding])
def test_the_own_init_takes_what_the_generated_one_took(cls: type) -> None:
    ours = list(inspect.signature(cls.__init__).parameters.values())
    theirs = list(inspect.signature(_generated(cls).__init__).parameters.values())
    assert [(p.name, p.kind) for p in ours] == [(p.name, p.kind) for p in theirs]
    for p, q in zip(ours, theirs, strict=True):
        # a default_factory shows as a marker in the generated signature: ours takes None for it
        assert p.default == q.default or (p.default is None and repr(q.default) == "<factory>"), p.name


def test_a_finding_is_what_the_generated_init_made() -> None:
    ref = _generated(Finding)
    for args, kwargs in [(_FIELDS, {}), (_FIELDS[:11], {}), (_FIELDS[:11], {"source": "s", "extra": {"a": 1}})]:
        ours, theirs = Finding(*args, **kwargs), ref(*args, **kwargs)
        assert vars(ours) == vars(theirs) and list(vars(ours)) == list(vars(theirs))
    fast, plain = Finding(*_FIELDS), Finding(*_FIELDS)
    assert fast == plain and hash(fast) == hash(plain)
    assert dataclasses.replace(fast, offset=9).offset == 9 and dataclasses.replace(fast, offset=9).line == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.offset = 3  # type: ignore[misc]
    fast.extra["article"] = "one"  # each finding has its own extra
    assert plain.extra == {} and Finding(*_FIELDS).extra == {}
    back = Finding.from_row(fast.to_row())
    assert back == fast and back.extra == {"article": "one"} and back.extra is not fast.extra
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_a_hit_is_what_the_generated_init_made() -> None:
    ref = _generated(Hit)
    for args, kwargs in [
        ((3, 4), {"params": (("mark", "("),)}),
        ((1, 1, "m"), {"severity": Severity.INFO}),
        ((0, 2), {}),
    ]:
        assert vars(Hit(*args, **kwargs)) == vars(ref(*args, **kwargs))
    assert Hit(3, 4) == Hit(3, 4) and hash(Hit(3, 4)) == hash(Hit(3, 4)) and Hit(3, 4) != Hit(3, 5)
    assert repr(Hit(3, 4)).startswith("Hit(start=3, end=4, message=None")


_TEXT = st.text(alphabet='ab"\\\n\té\u2028(', max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    _TEXT, _TEXT, st.lists(_TEXT, max_size=3), st.sampled_from(list(Severity)), st.tuples(st.booleans(), st.booleans())
)
def test_json_lines_are_what_the_encoder_writes(
    path: str, message: str, suggestions: list[str], severity: Severity, flags: tuple[bool, bool]
) -> None:
    fixed, article = flags
    fix = Fix(Applicability.UNSAFE, (Edit(0, 2, message),)) if fixed else None
    f = Finding(path, "r.x", "grammar", severity, message, 0, 2, 1, 1, 1, 3, tuple(suggestions), fix)
    if article:
        f.extra.update(article="a1", record=4)
    line = FindingLines()
    assert line(f) == compact(finding_json(f))
    assert line(f) == compact(finding_json(f))  # the second time from the shared head


def _f(path: str, offset: int, rule: str = "p.r", length: int = 1) -> Finding:
    return Finding(path, rule, "punctuation", Severity.INFO, "m", offset, length, 1, offset + 1, 1, offset + 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 4), st.sampled_from(["p.r", "p.s"])), max_size=12))
def test_dedupe_keeps_the_first_of_each_rule_and_span(keys: list[tuple[str, int, str]]) -> None:
    findings = [_f(path, offset, rule) for path, offset, rule in keys]
    seen: set[tuple[str, int, int]] = set()
    expected = []
    for f in sorted(findings, key=lambda f: f.sort_key()):
        if (f.rule, f.offset, f.length) not in seen:  # whatever the path, as it always was
            seen.add((f.rule, f.offset, f.length))
            expected.append(f)
    assert dedupe(findings) == expected


def test_drop_deferred_returns_the_list_when_no_deferring_rule_found_anything() -> None:
    findings = [_f("a", 1), _f("a", 2, "p.s")]
    assert drop_deferred({"backend.x"}, findings) is findings
    deferring = _f("a", 1, "backend.x")
    assert drop_deferred({"backend.x"}, [*findings, deferring]) == findings


def _plain_snippet(doc: Document, f: Finding) -> tuple[str, str]:
    """The snippet as the report wrote it before it was made per line: the line cut to a window, the carets."""
    line = doc.lines[f.line - 1]
    length = line.end - line.start
    col = f.column - 1
    end_col = (f.end_column - 1) if f.end_line == f.line else length
    width = max(1, end_col - col)
    left = max(0, col - (100 - min(width, 100)) // 2)
    right = min(length, max(end_col, left + 100))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < length else ""
    shown = prefix + doc.raw[line.start + left : line.start + right].replace("\t", " ") + suffix
    caret = " " * (len(prefix) + col - left) + "^" * max(1, min(width, right - col))
    return shown.rstrip("\r"), caret


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 420), st.integers(0, 260), st.sampled_from(list(Severity))), max_size=8))
def test_text_snippets_are_the_window_and_carets_of_each_finding(spans: list[tuple[int, int, Severity]]) -> None:
    raw = "Head (\n" + "x" * 300 + "\t(y)\r\n" + "short\t line\nend"
    doc = Document("a.md", raw)
    findings = []
    for at, n, severity in sorted(spans):
        start = min(at, len(raw))
        end = min(start + n, len(raw))
        (line, column), (end_line, end_column) = doc.position(start), doc.position(end)
        findings.append(
            Finding("a.md", "p.r", "punctuation", severity, "m", start, end - start, line, column, end_line, end_column)
        )
    blocks = render_text({"a.md": doc}, findings, [], color=False).split("\n\n")
    for f, block in zip(findings, blocks, strict=False):
        shown, caret = _plain_snippet(doc, f)
        pad = " " * len(str(f.line))
        assert block.splitlines()[1:] == [f"{pad} |", f"{f.line} | {shown}", f"{pad} | {caret}"]


def _plain_sarif(findings: list[Finding], rules: list[Rule]) -> str:
    from lintnews.core.jsontext import indented
    from lintnews.outputs import formats

    log = json.loads(formats.render_sarif([], [], rules))
    uris: dict[str, tuple[str, bool]] = {}
    index = {r.id: i for i, r in enumerate(rules)}
    log["runs"][0]["results"] = [formats._sarif_result(f, index, uris) for f in findings]
    return indented(log) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a.md", "/abs/b.md", "c d.md"]),
            st.sampled_from(["p.r", "p.s", "other.x"]),
            st.sampled_from(["m", 'q"\n', "\0startLine\0", "\0results\0"]),
            st.integers(0, 30),
            st.lists(_TEXT, max_size=2),
            st.tuples(st.booleans(), st.booleans()),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_sarif_results_written_as_text_are_what_the_plain_log_holds(
    rows: list[tuple[str, str, str, int, list[str], tuple[bool, bool]]], placeholder_rule: bool
) -> None:
    from lintnews.outputs.formats import render_sarif

    rules = [dataclasses.replace(_RULE, id="p.r"), dataclasses.replace(_RULE, id="p.s", message="\0charLength\0")]
    if placeholder_rule:  # a rule whose own text holds the results' placeholder: the log is written plainly
        rules.append(dataclasses.replace(_RULE, id="q.t", message="\0results\0"))
    findings = []
    for path, rule, message, offset, suggestions, (fixed, article) in rows:
        fix = Fix(Applicability.SAFE, (Edit(offset, 1, "x"),)) if fixed else None
        f = Finding(path, rule, "grammar", Severity.ERROR, message, offset, 1, 1, offset + 1, 1, offset + 2)
        f = dataclasses.replace(f, suggestions=tuple(suggestions), fix=fix)
        if article:
            f.extra.update(article="a1", record=3)
        findings.append(f)
    assert render_sarif(findings, [], rules) == _plain_sarif(findings, rules)
