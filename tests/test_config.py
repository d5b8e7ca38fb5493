"""Configuration: discovery from the files' folder, every key, bad values as one-line errors, house rule packs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from lintnews.commands.cli import main
from lintnews.core.config import Config, from_mapping, glob_match, resolve
from lintnews.core.errors import ConfigError
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import make_linter
from lintnews.engine.runner import RunOptions, make_run

HOUSE_PACK = r"""
pack: house
defaults: {kind: regex, fix: none, severity: warning}
rules:
  - id: house.this-weekday
    category: calque
    pattern: '\bthis (?P<day>Monday|Tuesday|Wednesday)\b'
    suggestions: ['on {day}']
    message: "House style: 'on Tuesday', not 'this Tuesday'."
    examples: {bad: ["He came this Monday."], good: ["He came on Monday."]}
  - id: house.khan-younis
    category: consistency
    pattern: '\bKhan Yunis\b'
    suggestions: ['Khan Younis']
    message: "House spelling is Khan Younis."
    examples: {bad: ["in Khan Yunis"], good: ["in Khan Younis"]}
  - id: house.leave-a-reply
    category: boilerplate
    severity: error
    pattern: '(?m)^Leave a Reply\s*$'
    message: "Scraped page furniture: delete."
    examples: {bad: ["Leave a Reply"], good: ["Leave a reply to the minister."]}
"""
ARTICLE = "He arrived this Tuesday in Khan Yunis. .\n\nLeave a Reply\n"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("LINTNEWS_LANGUAGETOOL_URL", raising=False)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def json_findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = cli(capsys, "check", "--format", "json", *args)
    return code, json.loads(out)["findings"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_is_found_from_the_files_folder_not_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "content"
    write(repo / ".lintnews.toml", 'ignore = ["punctuation"]\n')
    art = write(repo / "news" / "a.txt", "It fell. .\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, findings = json_findings(capsys, str(art))
    assert findings == [] and code == 0
    # without the config (a sibling folder), the same text is flagged
    other = write(tmp_path / "other" / "a.txt", "It fell. .\n")
    _, findings = json_findings(capsys, str(other))
    assert [f["rule"] for f in findings] == ["punctuation.doubled-period"]


def test_pyproject_section_and_fail_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.lintnews]\nfail-on = "warning"\n')
    write(tmp_path / "a.txt", "It fell. .\n")
    monkeypatch.chdir(tmp_path)
    code, _, _ = cli(capsys, "check", "a.txt")
    assert code == 1  # the doubled period is a warning, and fail-on is warning
    code, _, _ = cli(capsys, "check", "--fail-on", "error", "a.txt")
    assert code == 0  # the flag overrides the file


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('colour = "red"\n', "colour"),
        ('fail-on = "fatal"\n', "fail-on"),
        ("max-file-size = -1\n", "max-file-size"),
        ('per-file-ignores = ["a"]\n', "per-file-ignores"),
        ('per-file-ignores = {"*.md" = 3}\n', "per-file-ignores.*.md"),
        ('languagetool-url = "localhost:8081"\n', "languagetool-url"),
        ('jsonl-text-field = ""\n', "jsonl-text-field"),
        ('max-score = "high"\n', "max-score"),
        ("include = []\n", "include"),
        ("exclude = [1]\n", "exclude"),
    ],
)
def test_bad_keys_and_values_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], toml: str, key: str
) -> None:
    cfg = write(tmp_path / ".lintnews.toml", toml)
    write(tmp_path / "a.txt", "Fine.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "check", "a.txt")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(cfg) in err and f"'{key}'" in err


def test_invalid_toml_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".lintnews.toml", "select = [\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "check", ".")
    assert code == 2 and ".lintnews.toml: invalid TOML" in err


def test_house_rule_pack_from_config_and_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "house" / "house.yaml", HOUSE_PACK)
    write(tmp_path / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    # only the house pack and the one shipped rule tests may rely on
    only = ("--select", "house", "--select", "punctuation.doubled-period")
    _, findings = json_findings(capsys, "--rule-pack", "house", *only, "a.txt")
    rules = sorted(f["rule"] for f in findings)
    assert rules == ["house.khan-younis", "house.leave-a-reply", "house.this-weekday", "punctuation.doubled-period"]
    weekday = next(f for f in findings if f["rule"] == "house.this-weekday")
    assert weekday["suggestions"] == ["on Tuesday"]
    # the same pack named in the config, relative to the config file, from another cwd
    write(tmp_path / ".lintnews.toml", 'rule-packs = ["house"]\nselect = ["house"]\n')
    monkeypatch.chdir(tmp_path.parent)
    code, findings = json_findings(capsys, str(tmp_path / "a.txt"))
    assert sorted(f["rule"] for f in findings) == ["house.khan-younis", "house.leave-a-reply", "house.this-weekday"]
    assert code == 1  # house.leave-a-reply is an error
    # selecting by category keeps only that category
    code, findings = json_findings(capsys, "--select", "consistency", str(tmp_path / "a.txt"))
    assert [f["rule"] for f in findings] == ["house.khan-younis"] and code == 0


def test_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "house.yaml", HOUSE_PACK)
    write(
        tmp_path / ".lintnews.toml",
        """\
        rule-packs = ["house.yaml"]
        select = ["house", "punctuation.doubled-period"]
        [per-file-ignores]
        "wire/**" = ["house.this-weekday", "boilerplate"]
        "*.md" = ["punctuation"]
        """,
    )
    write(tmp_path / "wire" / "efe" / "a.txt", ARTICLE)
    write(tmp_path / "desk" / "a.txt", ARTICLE)
    write(tmp_path / "desk" / "b.md", ARTICLE)
    monkeypatch.chdir(tmp_path)
    _, findings = json_findings(capsys, ".")
    by_path: dict[str, list[str]] = {}
    for f in findings:
        by_path.setdefault(Path(f["path"]).as_posix().removeprefix("./"), []).append(f["rule"])
    assert sorted(by_path["wire/efe/a.txt"]) == ["house.khan-younis", "punctuation.doubled-period"]
    assert len(by_path["desk/a.txt"]) == 4
    assert "punctuation.doubled-period" not in by_path["desk/b.md"] and len(by_path["desk/b.md"]) == 3


def test_languagetool_url_from_config_env_and_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".lintnews.toml", 'languagetool-url = "http://config:8081/"\n')
    cfg = resolve(None, tmp_path)
    assert cfg.languagetool_url == "http://config:8081"
    assert make_linter(cfg).settings == {"languagetool-url": "http://config:8081"}
    cfg = resolve(None, tmp_path, env={"LINTNEWS_LANGUAGETOOL_URL": "http://env:8010"})
    assert cfg.languagetool_url == "http://env:8010"
    cfg = resolve(
        None, tmp_path, {"languagetool-url": "https://flag"}, env={"LINTNEWS_LANGUAGETOOL_URL": "http://env:8010"}
    )
    assert cfg.languagetool_url == "https://flag"
    with pytest.raises(ConfigError, match="LINTNEWS_LANGUAGETOOL_URL: key 'languagetool-url'"):
        resolve(None, tmp_path, env={"LINTNEWS_LANGUAGETOOL_URL": "not a url"})
    assert Linter([]).settings == {} and Config().settings() == {}


def test_languages_pick_packs(tmp_path: Path) -> None:
    write(tmp_path / "es.yaml", HOUSE_PACK.replace("pack: house", "pack: house\nlanguage: es"))
    cfg = from_mapping({"languages": ["fr"], "rule-packs": [str(tmp_path / "es.yaml")]}, "test")
    run = make_run(cfg, RunOptions())
    assert not any(r.id.startswith("house.") for r in run.linter.rules)
    cfg = from_mapping({"languages": ["es"], "rule-packs": [str(tmp_path / "es.yaml")]}, "test")
    assert any(r.id.startswith("house.") for r in make_run(cfg, RunOptions()).linter.rules)


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("*.md", "a/b/c.md", True),
        ("*.md", "a/b/c.txt", False),
        ("drafts", "content/drafts/a.txt", True),
        ("drafts/", "content/drafts/a.txt", True),
        ("drafts/", "content/drafts", False),
        ("archive/**/*.jsonl", "archive/2024/05/x.jsonl", True),
        ("archive/**/*.jsonl", "archive/x.jsonl", True),
        ("archive/*.jsonl", "archive/2024/x.jsonl", False),
        ("wire/**", "wire/efe/a.txt", True),
        ("wire", "newswire/a.txt", False),
        ("a?.txt", "ab.txt", True),
        ("[ab].txt", "c.txt", False),
    ],
)
def test_glob_match(pattern: str, path: str, hit: bool) -> None:
    assert glob_match(pattern, path) is hit
