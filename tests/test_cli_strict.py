"""A typo never turns the gate off: bad selectors, languages, numbers, globs and config files are exit 2, one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lintnews.commands import cli
from lintnews.speed import cache as cache_module

ARTICLE = b"He left. . Then he came back.\n"


@pytest.fixture
def here(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (workdir / "a.txt").write_bytes(ARTICLE)
    return workdir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as e:  # a usage error, found by argparse
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert "internal error" not in lines[0] and "Traceback" not in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--select", "nonexistent"], "lintnews: error: --select: 'nonexistent' is no rule id, id prefix or category"),
        (["--select", "punctuation.doubled-period,nonexistent"], "--select: 'nonexistent' is no rule id"),
        (["--ignore", "bogus"], "--ignore: 'bogus' is no rule id"),
        (
            ["--extend-select", "punctuaton"],
            "--extend-select: 'punctuaton' is no rule id, id prefix or category; did you mean 'punctuation'?",
        ),
        (["--select", ""], "--select: '' is not a rule id"),
        (["--language", "xx"], "--language: unknown language 'xx' (known: es, fr, it, pt)"),
        (["--language", "es,xx"], "--language: unknown language 'xx'"),
        (["--max-score", "nan"], "argument --max-score: must be a finite number >= 0"),
        (["--max-score", "inf"], "argument --max-score: must be a finite number >= 0"),
        (["--max-score", "-1"], "argument --max-score: must be a finite number >= 0"),
        (["--exclude", "[z-a]"], "--exclude: bad glob '[z-a]'"),
        (["--config", "/etc"], "/etc: a folder, not a config file"),
        (["--config", "/dev/null"], "/dev/null: not a regular file, not a config file"),
        (["--config", "missing.toml"], "missing.toml: config file not found"),
    ],
)
def test_bad_flags_are_one_line_errors(
    here: Path, capsys: pytest.CaptureFixture[str], flags: list[str], expected: str
) -> None:
    line = one_error(capsys, "check", *flags, "a.txt")
    assert expected in line, line


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["nonexistent-rule"]\n', "key 'select': 'nonexistent-rule' is no rule id"),
        ('ignore = ["punctuation.nope"]\n', "key 'ignore': 'punctuation.nope' is no rule id"),
        ('extend-select = ["nope"]\n', "key 'extend-select': 'nope' is no rule id"),
        ('[per-file-ignores]\n"*.txt" = ["nope"]\n', "key 'per-file-ignores.*.txt': 'nope' is no rule id"),
        ('[per-file-ignores]\n"[z-a]" = ["punctuation"]\n', "key 'per-file-ignores': bad glob '[z-a]'"),
        ('languages = ["xx"]\n', "key 'languages': unknown language 'xx'"),
        ("max-score = nan\n", "key 'max-score' must be a finite number >= 0"),
        ("max-score = inf\n", "key 'max-score' must be a finite number >= 0"),
        ("max-score = -2\n", "key 'max-score' must be a finite number >= 0"),
        (
            "max-file-size = 100000000000000000000\n",
            "key 'max-file-size' is 100000000000000000000 bytes, over the largest",
        ),
        ('exclude = ["[z-a]"]\n', "key 'exclude': bad glob '[z-a]'"),
        ('include = ["*.[z-a]"]\n', "key 'include': bad glob '*.[z-a]'"),
    ],
)
def test_bad_config_values_are_one_line_errors_naming_the_file(
    here: Path, capsys: pytest.CaptureFixture[str], toml: str, expected: str
) -> None:
    (here / "house.toml").write_text(toml, encoding="utf-8")
    line = one_error(capsys, "check", "--config", "house.toml", "a.txt")
    assert line.startswith("lintnews: error: house.toml: "), line
    assert expected in line, line


def test_non_utf8_config_is_one_short_line(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "latin.toml").write_bytes(b"# caf\xe9\n" + b"x" * 8000)
    line = one_error(capsys, "check", "--config", "latin.toml", "a.txt")
    assert line == "lintnews: error: latin.toml: not a UTF-8 TOML file (byte 0xe9 at offset 5)"


def test_comma_separated_selectors_are_two(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "b.txt").write_bytes(b"He arrived this Tuesday. .\n")
    _, out, _ = run(
        capsys, "check", "--format", "json", "--select", "punctuation.doubled-period,calque-es.this-weekday", "b.txt"
    )
    assert sorted(f["rule"] for f in json.loads(out)["findings"]) == [
        "calque-es.this-weekday",
        "punctuation.doubled-period",
    ]


def test_extend_select_adds_to_the_configs_select(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / ".lintnews.toml").write_text('select = ["calque-es.this-weekday"]\n', encoding="utf-8")
    (here / "b.txt").write_bytes(b"He arrived this Tuesday. .\n")
    _, out, _ = run(capsys, "check", "--format", "json", "b.txt")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["calque-es.this-weekday"]
    _, out, _ = run(capsys, "check", "--format", "json", "--extend-select", "punctuation.doubled-period", "b.txt")
    assert sorted(f["rule"] for f in json.loads(out)["findings"]) == [
        "calque-es.this-weekday",
        "punctuation.doubled-period",
    ]


def test_unreadable_files_never_print_all_clear(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "clean.txt").write_bytes(b"A clean line.\n")
    (here / "binary.txt").write_bytes(b"\x00\x01")
    code, out, err = run(capsys, "check", "--select", "punctuation", "clean.txt", "binary.txt")
    assert code == 2
    assert "All checked" not in out
    assert out == "No findings in the files read; 1 file could not be read.\n"
    assert "binary.txt: binary file" in err


# --- flags users of ruff expect ----------------------------------------------------------------


def test_short_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["-V"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("lintnews ")


def test_exit_zero_keeps_errors_as_errors(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sel = ["check", "--select", "punctuation.doubled-period", "--fail-on", "warning"]
    assert run(capsys, *sel, "a.txt")[0] == 1
    assert run(capsys, *sel, "--exit-zero", "a.txt")[0] == 0
    assert run(capsys, *sel, "--exit-zero", "--max-score", "0", "a.txt")[0] == 0
    assert run(capsys, *sel, "--exit-zero", "a.txt", "missing.txt")[0] == 2


def test_output_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--select", "punctuation", "--format", "json", "-o", "report.json", "a.txt")
    assert out == ""
    assert json.loads((here / "report.json").read_text(encoding="utf-8"))["summary"]["findings"] == 1
    line = one_error(capsys, "check", "--select", "punctuation", "--output-file", "no/such/folder/r.txt", "a.txt")
    assert line == "lintnews: error: --output-file no/such/folder/r.txt: cannot write: No such file or directory"


# --- the cache command -------------------------------------------------------------------------


def test_cache_info_and_clean(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setattr(cache_module, "_CHOSEN", [])  # --cache-dir sets a process-wide folder: undone after
    code, _, _ = run(capsys, "check", "--cache-dir", str(cache), "--select", "punctuation", "a.txt")
    assert (cache / "CACHEDIR.TAG").is_file()
    code, out, _ = run(capsys, "cache", "info", "--cache-dir", str(cache))
    assert code == 0
    files = int(out.split(": ")[1].split()[0])
    assert files >= 3, out
    code, out, _ = run(capsys, "cache", "clean", "--cache-dir", str(cache))
    assert code == 0 and out.startswith(f"{cache}: removed {files} files, ")
    assert list(cache.iterdir()) == []


def test_cache_clean_leaves_what_lintnews_did_not_write(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # a --cache-dir pointed at a folder of the user's by mistake: not tagged, so only lintnews' own entries go
    (tmp_path / "thesis.txt").write_text("years of work", encoding="utf-8")
    (tmp_path / "findings").mkdir()
    (tmp_path / "findings" / "x.pickle").write_bytes(b"x")
    code, _, err = run(capsys, "cache", "clean", "--cache-dir", str(tmp_path))
    assert code == 0
    assert os.listdir(tmp_path) == ["thesis.txt"]
    assert "left what lintnews did not write: thesis.txt" in err
