"""CI outputs from the real command: GitHub annotations, SARIF 2.1.0, JUnit XML, --statistics, scores, --max-score."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema

from lintnews.commands.cli import main
from lintnews.core.findings import Finding, Severity
from lintnews.outputs.color import wants_color
from lintnews.outputs.formats import render_github
from lintnews.outputs.score import artifact_score

ONLY = ("--select", "punctuation.doubled-period")

DATA = Path(__file__).with_name("data") / "schemas"
# the official OASIS SARIF 2.1.0 schema (draft-04) and the Apache Ant JUnit XSD, copied with their licences
SARIF_SCHEMA: dict[str, Any] = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def junit_xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "JUnit.xsd"))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # the outputs compared below are the plain ones, whatever the developer's shell asks for
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a,b.txt").write_text("Talks resumed. . In Cairo, the city was shelled. .\n", encoding="utf-8")
    (tmp_path / "news" / "clean.md").write_text("All is well here.\n", encoding="utf-8")
    (tmp_path / "news" / "arch.jsonl").write_text(
        '{"id": "x1", "text": "Fine."}\n{"id": "x2", "text": "It fell. ."}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *ONLY, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_github_annotations_chosen_under_actions(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "news")
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=news/a%2Cb.txt,line=1,col=14,endLine=1,endColumn=17,"
        "title=punctuation.doubled-period::Doubled period '. .': keep one.%0ASuggestion: ."
    )
    assert "%0A" in lines[0] and "\n" not in lines[0]
    # a JSON Lines article points at its line in the archive
    assert any(
        line.startswith("::warning file=news/arch.jsonl,line=2,title=") and "article x2" in line for line in lines
    )
    assert len(lines) == 3 and code == 0
    # --format wins over the environment
    _, out, _ = run(capsys, "--format", "json", "news")
    assert json.loads(out)["summary"]["findings"] == 3


def test_github_escapes_data_and_properties() -> None:
    f = Finding("a:b,c.txt", "x.y", "punctuation", Severity.INFO, "50% off\r\nnow", 0, 1, 1, 1, 1, 2)
    out = render_github([f], ["bad: file"])
    assert out == (
        "::notice file=a%3Ab%2Cc.txt,line=1,col=1,endLine=1,endColumn=2,title=x.y::50%25 off%0D%0Anow\n"
        "::error title=lintnews::bad: file\n"
    )


def test_sarif_validates_against_the_official_schema(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "sarif", "news")
    assert code == 0
    data = json.loads(out)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["$schema"] == SARIF_SCHEMA["id"]
    (run_,) = data["runs"]
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["punctuation.doubled-period"] * 3
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a%2Cb.txt"
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "punctuation.doubled-period"
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "."
    assert results[2]["properties"]["article"] == "x2"
    # the schema is not a rubber stamp: a result without a message, or with an unknown level, fails it
    del first["message"]
    results[1]["level"] = "fatal"
    assert len(list(validator.iter_errors(data))) == 2


def _junit(capsys: pytest.CaptureFixture[str], junit_xsd: xmlschema.XMLSchema, *args: str) -> tuple[int, ET.Element]:
    code, out, _ = run(capsys, "--format", "junit", *args)
    errors = [str(e.reason) for e in junit_xsd.iter_errors(out)]
    assert errors == []
    return code, ET.fromstring(out)


def test_junit_passes_when_the_run_passes(
    tree: Path, capsys: pytest.CaptureFixture[str], junit_xsd: xmlschema.XMLSchema
) -> None:
    """Warnings under the default --fail-on error: exit 0, and no test fails (they are listed in system-out)."""
    code, root = _junit(capsys, junit_xsd, "news")
    assert code == 0
    (suite,) = root.iter("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "0" and suite.get("errors") == "0"
    assert list(root.iter("failure")) == []
    out = suite.findtext("system-out") or ""
    assert out.count("punctuation.doubled-period [warning]") == 3
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["fail-on"] == "error" and props["findings"] == "3" and props["findings.below-fail-on"] == "3"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.get("timestamp") or "")
    assert suite.get("hostname") and float(suite.get("time") or "-1") >= 0


def test_junit_one_failure_per_file_at_the_failing_level(
    tree: Path, capsys: pytest.CaptureFixture[str], junit_xsd: xmlschema.XMLSchema
) -> None:
    (tree / "news" / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    code, root = _junit(capsys, junit_xsd, "--fail-on", "warning", "news")
    assert code == 2  # the unreadable file
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"news/a,b.txt", "news/clean.md", "news/arch.jsonl", "news/bad.txt"}
    (fail,) = cases["news/a,b.txt"].findall("failure")  # two findings, one failure that lists both
    assert fail.get("message") == "2 findings: 2 × punctuation.doubled-period"
    assert fail.get("type") == "warning"
    assert (fail.text or "").splitlines() == [
        "news/a,b.txt:1:14: punctuation.doubled-period [warning] Doubled period '. .': keep one.",
        "news/a,b.txt:1:48: punctuation.doubled-period [warning] Doubled period '. .': keep one.",
    ]
    assert list(cases["news/clean.md"]) == []
    assert "article x2" in (cases["news/arch.jsonl"].findtext("failure") or "")
    assert len(cases["news/bad.txt"].findall("error")) == 1
    (suite,) = root.iter("testsuite")
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"
    assert (suite.findtext("system-out") or "") == ""


def test_junit_max_score_fails_the_file(
    tree: Path, capsys: pytest.CaptureFixture[str], junit_xsd: xmlschema.XMLSchema
) -> None:
    code, root = _junit(capsys, junit_xsd, "--max-score", "500", "news")
    assert code == 1
    (fail,) = root.iter("failure")
    assert fail.get("type") == "max-score"
    assert fail.get("message") == "news/arch.jsonl (article x2) scores 1000.0, above --max-score 500"


def test_junit_xsd_is_not_a_rubber_stamp(junit_xsd: xmlschema.XMLSchema) -> None:
    """What the old report wrote (two failures in a testcase, no time/timestamp/hostname) fails the schema."""
    old = (
        '<testsuites name="lintnews" tests="1" failures="1" errors="0"><testsuite name="lintnews" tests="1" '
        'failures="1" errors="0"><testcase classname="lintnews" name="a.txt" file="a.txt">'
        '<failure message="x" type="y">a</failure><failure message="x" type="y">b</failure>'
        "</testcase></testsuite></testsuites>"
    )
    assert not junit_xsd.is_valid(old)


def test_gitlab_code_quality_fields(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "gitlab", "news")
    assert code == 0
    issues = json.loads(out)
    assert isinstance(issues, list) and len(issues) == 3
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"] == "punctuation.doubled-period"
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == 3
    by_path = [(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in issues]
    assert by_path == [("news/a,b.txt", 1, "minor"), ("news/a,b.txt", 1, "minor"), ("news/arch.jsonl", 2, "minor")]
    assert "article x2" in issues[2]["description"]


def test_gitlab_fingerprint_survives_line_moves(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stable across runs, and across lines added above; identical findings on identical lines stay distinct."""
    article = tree / "news" / "moved.txt"
    article.write_text("It rained. .\nCalm.\nIt rained. .\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "gitlab", str(article.relative_to(tree)))
    before = [(i["fingerprint"], i["location"]["lines"]["begin"]) for i in json.loads(out)]
    _, out, _ = run(capsys, "--format", "gitlab", str(article.relative_to(tree)))
    assert [(i["fingerprint"], i["location"]["lines"]["begin"]) for i in json.loads(out)] == before
    article.write_text("A new lead paragraph.\n\nIt rained. .\nCalm.\nIt rained. .\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "gitlab", str(article.relative_to(tree)))
    after = [(i["fingerprint"], i["location"]["lines"]["begin"]) for i in json.loads(out)]
    assert [line for _, line in before] == [1, 3] and [line for _, line in after] == [3, 5]
    assert [fp for fp, _ in after] == [fp for fp, _ in before]
    assert before[0][0] != before[1][0]


def test_concise_one_line_per_finding(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "concise", "news")
    assert code == 0
    assert out.splitlines() == [
        "news/a,b.txt:1:14: punctuation.doubled-period [warning] Doubled period '. .': keep one.",
        "news/a,b.txt:1:48: punctuation.doubled-period [warning] Doubled period '. .': keep one.",
        "news/arch.jsonl:1:8: (article x2) punctuation.doubled-period [warning] Doubled period '. .': keep one.",
        "Found 3 findings in 2 files. 3 fixable with --fix.",
    ]


def test_text_pluralises_and_hides_empty_suggestions(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "one.txt").write_text("Prices rose ; then they fell.\n", encoding="utf-8")
    _, out, _ = main_out(capsys, "check", "--select", "punctuation.space-before-mark", "one.txt")
    assert "Found 1 finding in 1 file." in out
    assert "suggestion: ''" not in out and "= suggestion" not in out
    assert "= fix (safe)" in out
    _, out, _ = main_out(capsys, "check", "--select", "punctuation.space-before-mark", "--format", "github", "one.txt")
    assert "Suggestion" not in out and out.count("::warning") + out.count("::error") + out.count("::notice") == 1
    _, out, _ = main_out(capsys, "check", "--select", "punctuation.space-before-mark", "--statistics", "one.txt")
    assert "Found 1 finding of 1 rule." in out


def test_summary_never_says_all_checked_when_a_file_was_not_read(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "news" / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    code, out, _ = run(capsys, "news/clean.md", "news/bad.txt")
    assert code == 2
    assert "All checked" not in out
    assert out.strip().endswith("No findings in the files read; 1 file could not be read.")


def main_out(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_max_score_is_an_error_annotation_under_github(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "::error file=news/arch.jsonl,title=lintnews --max-score::news/arch.jsonl (article x2) scores 1000.0, "
    code, out, err = run(capsys, "--format", "github", "--max-score", "500", "news")
    assert code == 1
    assert any(line.startswith(note) for line in out.splitlines()) and "::error" not in err
    # under Actions, with the text report: on stdout, where workflow commands are documented
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, err = run(capsys, "--format", "text", "--max-score", "500", "news")
    assert code == 1 and any(line.startswith(note) for line in out.splitlines())
    # with a machine format on stdout, on stderr (the runner reads commands there too): the JSON stays valid
    code, out, err = run(capsys, "--format", "json", "--max-score", "500", "news")
    assert code == 1 and json.loads(out)["summary"]["findings"] == 3
    assert any(line.startswith(note) for line in err.splitlines())
    # outside Actions: the plain line
    monkeypatch.delenv("GITHUB_ACTIONS")
    _, _, err = run(capsys, "--max-score", "500", "news")
    assert "lintnews: news/arch.jsonl (article x2) scores 1000.0, above --max-score 500" in err
    assert "::error" not in err


def test_statistics_counts_per_rule(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--statistics", "--fail-on", "warning", "news")
    assert code == 1
    assert out.splitlines()[0].split() == ["3", "punctuation.doubled-period", "[warning]", "punctuation"]
    assert "Found 3 findings of 1 rule." in out
    _, out, _ = run(capsys, "--format", "json", "news")
    assert json.loads(out)["summary"]["statistics"] == {"punctuation.doubled-period": 3}


def test_artifact_score_in_json_and_text_and_max_score_gate(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--format", "json", "news")
    scores = {(s["path"], s.get("article")): s for s in json.loads(out)["summary"]["scores"]}
    a = scores[("news/a,b.txt", None)]
    # 2 warnings (weight 2 each) in 8 words: 4 * 1000 / 8
    assert a["words"] == 8 and a["findings"] == 2 and a["score"] == 500.0
    assert scores[("news/clean.md", None)]["score"] == 0.0
    assert scores[("news/arch.jsonl", "x2")]["score"] == 1000.0
    code, out, _ = run(capsys, "news")
    assert "500.0  news/a,b.txt" in out and code == 0
    code, _, err = run(capsys, "--max-score", "500", "news")
    assert code == 1 and "news/arch.jsonl (article x2) scores 1000.0, above --max-score 500" in err
    assert "a,b.txt" not in err  # 500.0 is not above 500
    code, _, _ = run(capsys, "--max-score", "1000", "news")
    assert code == 0


def test_score_weights() -> None:
    def f(sev: Severity) -> Finding:
        return Finding("a", "r.x", "punctuation", sev, "m", 0, 1, 1, 1, 1, 2)

    assert artifact_score([f(Severity.ERROR), f(Severity.WARNING), f(Severity.INFO)], 2000) == 3.0
    assert artifact_score([], 0) == 0.0
    assert artifact_score([f(Severity.INFO)], 0) == 1000.0


ESC = "\x1b["


@pytest.mark.parametrize(
    ("choice", "isatty", "env", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),  # a pipe or a CI log
        ("auto", True, {"TERM": "dumb"}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),  # the flag is the user's word
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_wants_color(choice: str, isatty: bool, env: dict[str, str], expected: bool) -> None:
    assert wants_color(choice, isatty, env) is expected


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_color_from_the_command(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    _, out, _ = run(capsys, "--format", fmt, "news")
    assert ESC not in out  # captured output is not a terminal
    _, out, _ = run(capsys, "--format", fmt, "--color", "always", "news")
    assert f"{ESC}33;1m[warning]{ESC}0m" in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, forced, _ = run(capsys, "--format", fmt, "news")
    assert forced == out
    _, out, _ = run(capsys, "--format", fmt, "--color", "never", "news")
    assert ESC not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "--format", fmt, "news")
    assert ESC not in out
    # colour never reaches the machine formats, whatever is asked
    _, out, _ = run(capsys, "--format", "json", "--color", "always", "news")
    assert ESC not in out


def test_color_on_a_real_terminal(tree: Path) -> None:
    """auto: a pseudo-terminal gets colour, a pipe does not."""
    pty = pytest.importorskip("pty")
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}} | {"TERM": "xterm"}
    cmd = [sys.executable, "-m", "lintnews", "check", "--no-cache", *ONLY, "news"]
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(cmd, stdout=secondary, stderr=subprocess.DEVNULL, env=env, timeout=120, check=False)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    assert proc.returncode == 0
    assert ESC in b"".join(chunks).decode("utf-8")
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert ESC not in piped.stdout and "punctuation.doubled-period" in piped.stdout
