"""`lintnews rules --test` runs any pack's examples; `--kinds` lists the kinds with each option's help."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.commands.cli import main

HOUSE = """\
pack: house
categories: {tone: "words our desk avoids"}
defaults: {category: tone, severity: info}
rules:
  - id: house.utilise
    kind: swap
    fix: safe
    message: "Write '{right}' for '{match}': it is shorter."
    source: "House style."
    swap: {utilise: use}
    examples:
      bad:
        - {text: "They utilise drones.", fixed: "They use drones."}
      good:
        - "They use drones."
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_house_pack_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, HOUSE)
    assert main(["rules", "--test", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "2 examples of 1 rule in 1 pack: 0 failed"


def test_house_pack_by_name_from_rule_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, HOUSE)
    assert main(["rules", "--rule-pack", str(path), "--test", "house"]) == 0
    assert "in 1 pack: 0 failed" in capsys.readouterr().out


def test_each_failing_example_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = HOUSE.replace('fixed: "They use drones."', 'fixed: "They employ drones."').replace(
        '- "They use drones."', '- "We utilise it."'
    )
    path = _write(tmp_path, broken)
    assert main(["rules", "--test", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{path}:5: house.utilise: bad 1: fixed to 'They use drones.'")
    assert lines[1].startswith(f"{path}:5: house.utilise: good 1: flagged 'utilise'")
    assert lines[2].endswith("2 failed")


def test_an_unknown_pack_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--test", "no-such-pack"]) == 2
    err = capsys.readouterr().err
    assert "no pack named no-such-pack" in err and len(err.strip().splitlines()) == 1


def test_a_shipped_pack_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--test", "style"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("in 1 pack: 0 failed")


def test_kinds_lists_options_with_their_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--kinds"]) == 0
    out = capsys.readouterr().out
    assert "swap: a mapping of wrong words" in out
    assert "  ignorecase (bool, default True): match the wrong forms whatever their letter case" in out
    assert "  pattern (str, required): the regular expression" in out


def test_a_folder_of_house_packs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, HOUSE)
    assert main(["rules", "--test", str(tmp_path)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("2 examples of 1 rule in 1 pack: 0 failed")


def test_a_missing_pack_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--test", str(tmp_path / "nope.yaml")]) == 2
    assert "no such rule pack file or folder" in capsys.readouterr().err
