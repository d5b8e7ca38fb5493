"""The fix engine: choosing, applying, re-linting, line endings, BOM, idempotence, and --fix/--diff on the CLI."""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity
from lintnews.core.sources import make_document
from lintnews.engine.fix import MAX_PASSES, apply_fixes, checked_fix, choose_fixes, fix_text, unified_diff
from lintnews.engine.lint import Linter
from tests.conftest import CYCLE_PACK, CliRunner, engine_args, pack_linter

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def finding(fix: Fix | None, rule: str = "t.r", offset: int = 0) -> Finding:
    return Finding("x.txt", rule, "punctuation", Severity.WARNING, "m", offset, 0, 1, 1, 1, 1, fix=fix)


def fix_of(*edits: tuple[int, int, str], applicability: Applicability = SAFE) -> Fix:
    return Fix(applicability, tuple(Edit(o, n, r) for o, n, r in edits))


def lint_with(linter: Linter, path: str = "x.txt"):  # type: ignore[no-untyped-def]
    return lambda t: linter.lint(make_document(path, t))


# --- choosing and applying ---------------------------------------------------------------


def test_overlapping_fix_waits_and_adjacent_ones_both_apply() -> None:
    a = fix_of((0, 3, "X"))
    b = fix_of((2, 2, "Y"))  # shares characters 2 with a
    c = fix_of((3, 1, "Z"))  # adjacent to a: no shared character
    chosen = choose_fixes([finding(b), finding(c), finding(a)], unsafe=False)
    assert chosen == [a, c]
    assert apply_fixes("abcdefg", chosen) == "XZefg"


def test_insertions_at_one_point_conflict() -> None:
    a = fix_of((2, 0, "X"))
    b = fix_of((2, 0, "Y"))
    c = fix_of((0, 2, "Q"))  # ends where the insertion is: order would be ambiguous
    assert choose_fixes([finding(a), finding(b), finding(c)], unsafe=False) == [c]


def test_a_fix_is_all_or_nothing() -> None:
    first = fix_of((0, 1, "A"))
    multi = fix_of((1, 1, "B"), (5, 1, "F"))  # its first edit collides with nothing, its second with `late`
    late = fix_of((5, 1, "f"))
    chosen = choose_fixes([finding(late, offset=5), finding(first), finding(multi, offset=1)], unsafe=False)
    assert chosen == [first, multi]
    assert apply_fixes("abcdefg", chosen) == "ABcdeFg"


def test_unsafe_fixes_only_when_asked() -> None:
    f = fix_of((0, 1, "X"), applicability=UNSAFE)
    assert choose_fixes([finding(f)], unsafe=False) == []
    assert choose_fixes([finding(f)], unsafe=True) == [f]


def test_same_fix_from_two_findings_is_applied_once() -> None:
    f = fix_of((1, 1, ""))
    chosen = choose_fixes([finding(f, "a.x"), finding(f, "b.y")], unsafe=False)
    assert apply_fixes("abc", chosen) == "ac"


def test_several_suggestions_without_replacement_give_no_fix(engine_linter: Linter) -> None:
    fs = engine_linter.lint(make_document("x.txt", "The strike hit Gazawhich is south."))
    (f,) = [f for f in fs if f.rule == "enginetest.run-together"]
    assert f.suggestions == ("Gaza, which", "Gaza which")
    assert f.fix is None
    assert fix_text("Gazawhich", lint_with(engine_linter), unsafe=True).applied == 0


def test_checked_fix_refuses_what_would_corrupt() -> None:
    text = "\ufeffab\r\ncd"
    assert checked_fix(text, fix_of((0, 1, ""))) is None  # removes the BOM
    assert checked_fix(text, fix_of((0, 0, "x"))) is None  # inserts before the BOM
    assert checked_fix(text, fix_of((3, 1, ""))) is None  # removes the \r of a \r\n
    assert checked_fix(text, fix_of((4, 0, " "))) is None  # inserts between \r and \n
    assert checked_fix(text, fix_of((6, 5, "x"))) is None  # beyond the end
    assert checked_fix(text, fix_of((1, 1, "\ud800"))) is None  # lone surrogate: cannot be written
    assert checked_fix(text, fix_of((1, 2, "x"), (2, 1, "y"))) is None  # a fix whose edits overlap
    assert checked_fix(text, fix_of((3, 2, ""))) is not None  # the whole \r\n pair may go
    ok = checked_fix(text, fix_of((1, 1, "A\nB")))
    assert ok is not None and ok.edits[0].replacement == "A\r\nB"  # CRLF file: \n becomes \r\n
    lf = checked_fix("ab\ncd", fix_of((1, 1, "A\nB")))
    assert lf is not None and lf.edits[0].replacement == "A\nB"


def test_fix_text_relints_until_stable(engine_linter: Linter) -> None:
    # "the the the the": overlapping doubled words need several passes
    r = fix_text("It was the the the the end.", lint_with(engine_linter), unsafe=False)
    assert r.text == "It was the end."
    assert r.passes >= 2
    assert r.notice is None
    assert not [f for f in r.remaining if f.fix is not None]


def test_fix_text_safe_and_unsafe(engine_linter: Linter) -> None:
    text = "The colour changed this Monday."
    assert fix_text(text, lint_with(engine_linter), unsafe=False).text == "The colour changed on Monday."
    assert fix_text(text, lint_with(engine_linter), unsafe=True).text == "The color changed on Monday."


def test_rules_that_undo_each_other_leave_the_text_unchanged() -> None:
    linter = pack_linter(CYCLE_PACK)
    text = "The colour of the flag."
    r = fix_text(text, lint_with(linter), unsafe=False)
    assert r.text == text
    assert r.applied == 0
    assert r.notice is not None and "cycletest.to-color" in r.notice and "cycletest.to-colour" in r.notice
    assert fix_text(r.text, lint_with(linter), unsafe=False).text == r.text


def test_fixes_that_never_settle_are_not_applied() -> None:
    grow = pack_linter(
        r"""
pack: growtest
rules:
  - {id: growtest.x, kind: regex, pattern: 'x+', replacement: '{0}x', fix: safe, message: m, category: grammar,
     examples: {bad: [x], good: [y]}}
"""
    )
    r = fix_text("a x b", lint_with(grow), unsafe=False)
    assert r.text == "a x b"
    assert r.notice is not None and str(MAX_PASSES) in r.notice


# --- properties ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    ["the", " ", "the the", "this Monday", "colour", "Gazawhich", " // ", "\r\n", "\n", "\r", "\ufeff", ".", "é", "a"]
)
TEXTS = st.lists(ALPHABET, max_size=30).map("".join)
LINTER = pack_linter()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.booleans())
@example("this Monday\r\nthe the // x\r\n", True)
@example("\ufeffthis Monday\r\r\n", False)
def test_fix_is_idempotent_and_keeps_line_breaks(text: str, unsafe: bool) -> None:
    once = fix_text(text, lint_with(LINTER), unsafe)
    twice = fix_text(once.text, lint_with(LINTER), unsafe)
    assert twice.text == once.text
    assert twice.applied == 0
    # every \r\n survives: the number of CRLF pairs only grows (a replacement's \n in a CRLF text)
    assert once.text.count("\r\n") >= text.count("\r\n")
    if text.startswith("\ufeff"):
        assert once.text.startswith("\ufeff")  # the BOM stays


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_finding_offsets_slice_back_to_the_text(text: str) -> None:
    doc = make_document("x.txt", text)
    for f in LINTER.lint(doc):
        assert 0 <= f.offset <= f.end <= len(text)
        assert (f.line, f.column) == doc.position(f.offset)
        if f.rule == "enginetest.this-day":
            assert text[f.offset : f.end].startswith("this ")


@st.composite
def text_and_fixes(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(TEXTS)
    n = len(text)
    findings = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 3))):
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, n))
            edits.append(Edit(a, b - a, draw(st.sampled_from(["", "x", "\n", "yy"]))))
        findings.append(finding(Fix(SAFE, tuple(sorted(edits)))))
    return text, findings


@settings(max_examples=200, deadline=None)
@given(text_and_fixes())
def test_one_pass_touches_only_its_edits(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    chosen = choose_fixes(findings, unsafe=False, text=text)
    edits = sorted(e for f in chosen for e in f.edits)
    # no two applied edits touch the same text
    for a, b in itertools.pairwise(edits):
        assert a.end < b.offset or (a.end == b.offset and a.length and b.length)
    out = apply_fixes(text, chosen)
    # rebuild the result from the untouched stretches and the replacements: nothing else changed
    pieces, pos = [], 0
    for e in edits:
        pieces += [text[pos : e.offset], e.replacement]
        pos = e.end
    pieces.append(text[pos:])
    assert out == "".join(pieces)
    assert out.count("\r\n") >= text.count("\r\n") - sum(text[e.offset : e.end].count("\r\n") for e in edits)
    for e in edits:  # no edit boundary between the \r and \n of a line break
        for pos in (e.offset, e.end):
            assert not (0 < pos < len(text) and text[pos - 1 : pos + 1] == "\r\n")


# --- diff ----------------------------------------------------------------------------------------


def test_unified_diff_keeps_cr_and_marks_missing_newline() -> None:
    d = unified_diff("a.txt", "one\r\ntwo\x0cthree", "one\r\n2\x0cthree")
    assert "-two\x0cthree\n\\ No newline at end of file\n+2\x0cthree\n" in d
    assert d.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert unified_diff("a.txt", "same\n", "same\n") == ""


# --- through the command line ---------------------------------------------------------------------


def test_cli_fix_rewrites_and_reports(cli: CliRunner, workdir: Path) -> None:
    art = workdir / "a.txt"
    art.write_bytes(b"He came this Monday and the the end. The colour.\n")
    p = cli(engine_args("--fix", "a.txt"))
    assert p.returncode in (0, 1), p.stderr
    assert art.read_bytes() == b"He came on Monday and the end. The colour.\n"
    assert b"Fixed 2 findings." in p.stdout
    p = cli(engine_args("--fix", "--unsafe-fixes", "a.txt"))
    assert art.read_bytes() == b"He came on Monday and the end. The color.\n"


def test_cli_diff_changes_nothing_and_exits_1(cli: CliRunner, workdir: Path) -> None:
    art = workdir / "a.txt"
    art.write_bytes(b"line one\nHe came this Monday.\n")
    before = os.stat(art)
    p = cli(engine_args("--diff", "a.txt"))
    assert p.returncode == 1, p.stderr
    assert p.stdout.decode() == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n line one\n-He came this Monday.\n+He came on Monday.\n"
    )
    assert art.read_bytes() == b"line one\nHe came this Monday.\n"
    assert os.stat(art).st_mtime_ns == before.st_mtime_ns
    clean = workdir / "b.txt"
    clean.write_bytes(b"He came on Monday.\n")
    p = cli(engine_args("--diff", "b.txt"))
    assert (p.returncode, p.stdout) == (0, b"")
    p = cli(engine_args("--diff", "b.txt", "missing.txt"))
    assert p.returncode == 2
    assert p.stderr.decode().count("\n") == 1 and "missing.txt" in p.stderr.decode()


def test_cli_nothing_to_fix_leaves_file_untouched(cli: CliRunner, workdir: Path) -> None:
    art = workdir / "a.txt"
    art.write_bytes(b"Gazawhich is a run-together word with no single fix.\n")
    os.utime(art, ns=(1_000_000_000, 1_000_000_000))
    ino = os.stat(art).st_ino
    p = cli(engine_args("--fix", "a.txt"))
    assert p.returncode in (0, 1), p.stderr
    st_ = os.stat(art)
    assert (st_.st_mtime_ns, st_.st_ino) == (1_000_000_000, ino)


def test_cli_fix_keeps_crlf_bom_and_mode(cli: CliRunner, workdir: Path) -> None:
    art = workdir / "a.txt"
    art.write_bytes(b"\xef\xbb\xbfTitle\r\nHe came this Monday // then left.\r\nthe the end\r\n")
    art.chmod(0o640)
    p = cli(engine_args("--fix", "a.txt"))
    assert p.returncode in (0, 1), p.stderr
    assert art.read_bytes() == b"\xef\xbb\xbfTitle\r\nHe came on Monday\r\nthen left.\r\nthe end\r\n"
    assert art.stat().st_mode & 0o777 == 0o640
    assert [n for n in os.listdir(workdir) if n.endswith(".lintnews-tmp")] == []


def test_cli_fix_utf16(cli: CliRunner, workdir: Path) -> None:
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        art = workdir / f"{enc}.txt"
        art.write_bytes(bom + "Übung this Tuesday 🙂\r\n".encode(enc))
        p = cli(engine_args("--fix", art.name))
        assert p.returncode in (0, 1), p.stderr
        assert art.read_bytes() == bom + "Übung on Tuesday 🙂\r\n".encode(enc)


def test_cli_json_offsets_count_the_bom(cli: CliRunner, workdir: Path) -> None:
    text = "\ufeffHe came this Monday.\r\n"
    (workdir / "a.txt").write_bytes(text.encode("utf-16-le"))
    p = cli(engine_args("--format", "json", "a.txt"))
    (f,) = [f for f in json.loads(p.stdout)["findings"] if f["rule"] == "enginetest.this-day"]
    assert text[f["offset"] : f["offset"] + f["length"]] == "this Monday"


def test_cli_cycle_warns_and_leaves_file(cli: CliRunner, workdir: Path) -> None:
    art = workdir / "a.txt"
    art.write_bytes(b"The colour.\n")
    p = cli(["check", "--rule-pack", "cycle.yaml", "--select", "cycletest", "--fix", "a.txt"])
    assert art.read_bytes() == b"The colour.\n"
    assert b"do not settle" in p.stderr


def test_cli_fix_stdin_prints_fixed_text(cli: CliRunner) -> None:
    p = cli(engine_args("--fix", "-"), stdin=b"He came this Monday.\r\n")
    assert p.returncode == 0, p.stderr
    assert p.stdout == b"He came on Monday.\r\n"


def test_many_fixes_are_chosen_and_applied_in_linear_time() -> None:
    n = 50_000
    text = "ab" * n
    findings = [finding(fix_of((i, 1, "A"))) for i in range(0, 2 * n, 2)]
    t = time.monotonic()
    chosen = choose_fixes(findings, unsafe=False, text=text)
    assert apply_fixes(text, chosen) == "Ab" * n
    assert time.monotonic() - t < 30  # quadratic choosing took many minutes here


def test_apply_fixes_refuses_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_fixes("abcdef", [fix_of((0, 3, "X")), fix_of((2, 2, "Y"))])
