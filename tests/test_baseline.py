"""Baselines: --write-baseline records findings; --baseline reports and fails only on new ones, as lines move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintnews.commands.cli import main

ONLY = ("--select", "punctuation.doubled-period", "--fail-on", "warning")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    code = main(["check", "--format", "json", *ONLY, *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def test_baseline_survives_moved_lines_and_catches_new_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "news" / "a.txt"
    art.parent.mkdir()
    art.write_text("The city was shelled. .\n\nTalks resumed. . On Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = check(capsys, "--write-baseline", "baseline.json", "news")
    assert code == 0 and "wrote 2 findings" in err
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"news/a.txt"}
    assert all(e["count"] == 1 and e["match"] == ". ." for e in data["findings"])

    code, out, _ = check(capsys, "--baseline", "baseline.json", "news")
    assert code == 0 and out["findings"] == [] and out["summary"]["baselined"] == 2  # type: ignore[index]

    # new paragraphs above move both known findings down; one new artifact appears, and a known one is copied
    art.write_text(
        "A new lead paragraph.\n\nAnd another. . one.\n\n"
        "The city was shelled. .\n\nTalks resumed. . On Monday.\n\nThe city was shelled. .\n",
        encoding="utf-8",
    )
    code, out, _ = check(capsys, "--baseline", "baseline.json", "news")
    new = [(f["line"], f["path"]) for f in out["findings"]]  # type: ignore[index]
    # the copy is the second occurrence of a once-baselined artifact, so it is new
    assert new == [(3, "news/a.txt"), (9, "news/a.txt")]
    assert code == 1 and out["summary"]["baselined"] == 2  # type: ignore[index]

    # a baseline found from another cwd still matches: paths are relative to the baseline file
    monkeypatch.chdir(tmp_path / "news")
    code, out, _ = check(capsys, "--baseline", "../baseline.json", "a.txt")
    assert [f["line"] for f in out["findings"]] == [3, 9]  # type: ignore[index]


def test_text_output_says_how_many_are_baselined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("It fell. .\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", *ONLY, "--write-baseline", "b.json", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["check", *ONLY, "--baseline", "b.json", "a.txt"]) == 0
    out = capsys.readouterr().out
    assert "1 finding in the baseline not shown." in out and "All checked: no findings." in out


@pytest.mark.parametrize(
    "content", ["not json", '{"version": 9, "findings": []}', '{"version": 1, "findings": [{"path": "a"}]}']
)
def test_bad_baseline_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (tmp_path / "a.txt").write_text("It fell. .\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", *ONLY, "--baseline", "b.json", "a.txt"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("lintnews: error: b.json:") and err.count("\n") == 1


def test_missing_baseline_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--baseline", "nope.json", "a.txt"]) == 2
    assert "nope.json: cannot read the baseline" in capsys.readouterr().err
