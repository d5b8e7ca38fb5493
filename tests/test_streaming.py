"""--stream: JSON written as articles are done, one bad line an error for itself, same findings per article."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import CliRunner, engine_args


def _archive(path: Path, n: int, bad_line: int | None = None) -> None:
    lines = []
    for i in range(n):
        lines.append("{not json" if i + 1 == bad_line else json.dumps({"id": f"a{i}", "text": f"{i} this Monday."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_stream_matches_the_whole_report(cli: CliRunner, workdir: Path) -> None:
    _archive(workdir / "arch.jsonl", 30)
    whole = json.loads(cli([*engine_args("--format", "json", "--no-cache"), "arch.jsonl"]).stdout)
    r = cli([*engine_args("--format", "json", "--no-cache", "--stream"), "arch.jsonl"])
    streamed = json.loads(r.stdout)
    assert r.returncode == 0
    assert streamed["findings"] == whole["findings"]
    assert streamed["summary"]["findings"] == 30 and streamed["summary"]["articles"] == 30
    assert streamed["summary"]["statistics"] == whole["summary"]["statistics"]
    assert streamed["summary"]["max_score"] == whole["summary"]["max_score"]


def test_stream_bad_line_is_its_own_error(cli: CliRunner, workdir: Path) -> None:
    _archive(workdir / "arch.jsonl", 10, bad_line=4)
    r = cli([*engine_args("--format", "json", "--no-cache", "--stream", "--jobs", "2"), "arch.jsonl"])
    out = json.loads(r.stdout)
    assert r.returncode == 2
    assert len(out["errors"]) == 1 and "arch.jsonl:4" in out["errors"][0]["message"]
    assert [f["article"] for f in out["findings"]] == [f"a{i}" for i in range(10) if i != 3]


def test_stream_empty_and_refused_combinations(cli: CliRunner, workdir: Path) -> None:
    (workdir / "empty.jsonl").write_text("", encoding="utf-8")
    out = json.loads(cli([*engine_args("--format", "json", "--stream"), "empty.jsonl"]).stdout)
    assert out["findings"] == [] and out["summary"]["articles"] == 0
    assert cli([*engine_args("--stream"), "empty.jsonl"]).returncode == 2  # text format
    assert cli([*engine_args("--format", "json", "--stream", "--fix"), "empty.jsonl"]).returncode == 2
