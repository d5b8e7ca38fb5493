"""CI outputs from the real command: GitHub annotations, SARIF 2.1.0, JUnit XML, --statistics, scores, --max-score."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lintnews.cli import main
from lintnews.findings import Finding, Severity
from lintnews.formats import render_github
from lintnews.score import artifact_score

ONLY = ("--select", "punctuation.doubled-period")

# A hand-written subset of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS): the required properties
# and the value constraints of every object lintnews emits, transcribed from the spec's sections 3.13 (sarifLog),
# 3.14 (run), 3.18-3.19 (tool, toolComponent), 3.27 (result), 3.28 (location), 3.29 (physicalLocation),
# 3.4 (artifactLocation), 3.30 (region), 3.49 (reportingDescriptor), 3.55 (fix). The official file is not
# vendored because it cannot be fetched here and must not be retyped from memory.
_MESSAGE = {
    "type": "object",
    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
    "properties": {"text": {"type": "string"}},
}
_ARTIFACT_LOCATION = {
    "type": "object",
    "properties": {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}},
}
_REGION = {
    "type": "object",
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "charOffset": {"type": "integer", "minimum": -1},
        "charLength": {"type": "integer", "minimum": 0},
    },
}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_SUBSET_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": _MESSAGE,
                                                "fullDescription": _MESSAGE,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": _LEVEL},
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {"executionSuccessful": {"type": "boolean"}},
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": _LEVEL,
                                "message": _MESSAGE,
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "anyOf": [
                                                    {"required": ["address"]},
                                                    {"required": ["artifactLocation"]},
                                                ],
                                                "properties": {
                                                    "artifactLocation": _ARTIFACT_LOCATION,
                                                    "region": _REGION,
                                                },
                                            }
                                        },
                                    },
                                },
                                "fixes": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["artifactChanges"],
                                        "properties": {
                                            "artifactChanges": {
                                                "type": "array",
                                                "minItems": 1,
                                                "items": {
                                                    "type": "object",
                                                    "required": ["artifactLocation", "replacements"],
                                                    "properties": {
                                                        "replacements": {
                                                            "type": "array",
                                                            "minItems": 1,
                                                            "items": {
                                                                "type": "object",
                                                                "required": ["deletedRegion"],
                                                                "properties": {"deletedRegion": _REGION},
                                                            },
                                                        }
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
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


def test_sarif_validates_against_the_schema_subset(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "sarif", "news")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SARIF_SUBSET_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    (run_,) = data["runs"]
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["punctuation.doubled-period"] * 3
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a%2Cb.txt"
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 14
    assert run_["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "punctuation.doubled-period"
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "."
    assert results[2]["properties"]["article"] == "x2"
    # the subset schema is not a rubber stamp: a result without a message fails it
    del first["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SARIF_SUBSET_SCHEMA)


def test_junit_one_testcase_per_file_one_failure_per_finding(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "news" / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    code, out, _ = run(capsys, "--format", "junit", "news")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"news/a,b.txt", "news/clean.md", "news/arch.jsonl", "news/bad.txt"}
    assert len(cases["news/a,b.txt"].findall("failure")) == 2
    assert cases["news/clean.md"].findall("failure") == []
    assert len(cases["news/arch.jsonl"].findall("failure")) == 1
    assert "article x2" in (cases["news/arch.jsonl"].find("failure").text or "")  # type: ignore[union-attr]
    assert len(cases["news/bad.txt"].findall("error")) == 1
    assert root.get("tests") == "4" and root.get("failures") == "2" and root.get("errors") == "1"
    assert code == 2  # the unreadable file


def test_statistics_counts_per_rule(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--statistics", "--fail-on", "warning", "news")
    assert code == 1
    assert out.splitlines()[0].split() == ["3", "punctuation.doubled-period", "[warning]", "punctuation"]
    assert "Found 3 findings of 1 rule(s)." in out
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
