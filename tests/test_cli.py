"""Command-line exit codes and one-line errors: bad flags, missing paths, malformed rule packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


def test_unknown_flag(cli: CliRunner) -> None:
    p = cli(["check", "--no-such-flag", "a.txt"])
    assert p.returncode == 2
    assert one_line(p.stderr) == "lintnews: error: unrecognized arguments: --no-such-flag (see --help)"


def test_unknown_command(cli: CliRunner) -> None:
    p = cli(["chekc"])
    assert p.returncode == 2
    assert "invalid choice: 'chekc'" in one_line(p.stderr)


def test_missing_path_is_exit_2_and_others_are_checked(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_bytes(b"Here. .\n")
    p = cli(["check", "--select", "punctuation.doubled-period", "missing.txt", "a.txt"])
    assert p.returncode == 2
    assert one_line(p.stderr) == "lintnews: error: missing.txt: no such file or folder"
    assert b"a.txt:1:5: punctuation.doubled-period" in p.stdout


def test_python_m_lintnews_runs(cli: CliRunner) -> None:
    p = cli(["--version"])
    assert p.returncode == 0
    assert p.stdout.startswith(b"lintnews ")


RULE = """  - id: house.{name}
    kind: regex
    pattern: '{pattern}'
    category: grammar
    message: "m"
    examples: {{bad: [x], good: [y]}}
"""


def pack(*rules: str) -> str:
    return "pack: house\nrules:\n" + "".join(rules)


MALFORMED = {
    # name: (pack text, what the one line must say)
    "bad-yaml": (
        "pack: house\nrules:\n  - id: house.x\n    message: 'unclosed\n",
        "house.yaml:5: invalid YAML",
    ),
    "python-tag": (
        "pack: house\nrules: !!python/object/new:os.system [echo hi]\n",
        "house.yaml:2: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/",
    ),
    "unknown-key": (
        pack(RULE.format(name="x", pattern="x").replace("    message:", "    colour: red\n    message:")),
        "house.yaml:3: rule house.x: key 'colour': unknown key for kind 'regex'",
    ),
    "unknown-pack-key": (
        "pack: house\nauthor: me\nrules: []\n",
        "house.yaml:1: key 'author': unknown pack key",
    ),
    "bad-kind": (
        pack(RULE.format(name="x", pattern="x").replace("kind: regex", "kind: telepathy")),
        "house.yaml:3: rule house.x: key 'kind': unknown kind 'telepathy'",
    ),
    "missing-message": (
        pack(RULE.format(name="x", pattern="x").replace('    message: "m"\n', "")),
        "house.yaml:3: rule house.x: key 'message': 'message' is required",
    ),
    "bad-regex": (
        pack(RULE.format(name="x", pattern="(unclosed")),
        "house.yaml:3: rule house.x: key 'pattern': invalid regular expression",
    ),
    "duplicate-id": (
        pack(RULE.format(name="x", pattern="x"), RULE.format(name="x", pattern="y")),
        "house.yaml:9: rule house.x: key 'id': duplicate rule id",
    ),
    "duplicate-key": (
        pack(RULE.format(name="x", pattern="x").replace("    category:", "    pattern: 'z'\n    category:")),
        "house.yaml:6: key 'pattern': duplicate key",
    ),
    "not-a-mapping": ("- a\n- list\n", "house.yaml: a rule pack must be a mapping"),
    "not-utf8": ("pack: caf\udce9\n", "house.yaml: rule pack is not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_pack_is_one_line_naming_file_line_and_key(cli: CliRunner, workdir: Path, case: str) -> None:
    text, expected = MALFORMED[case]
    (workdir / "house.yaml").write_bytes(text.encode("utf-8", "surrogateescape"))
    (workdir / "a.txt").write_bytes(b"Text.\n")
    p = cli(["check", "--rule-pack", "house.yaml", "a.txt"])
    assert p.returncode == 2
    line = one_line(p.stderr)
    assert line.startswith("lintnews: error: " + expected), line
    assert p.stdout == b""


def test_the_console_script_tunes_the_process_and_exits_without_teardown(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from lintnews.commands import cli
    from lintnews.speed import tuning

    class Exited(Exception):
        pass

    def fake_exit(code: int) -> None:
        raise Exited(code)

    before = gc.get_threshold()
    monkeypatch.setattr(cli, "main", lambda: 1)
    monkeypatch.setattr(tuning, "_exit", fake_exit)
    monkeypatch.setattr(tuning, "observed", lambda: False)  # as when no profiler or coverage watches
    ran: list[str] = []
    monkeypatch.setattr(tuning.atexit, "_run_exitfuncs", lambda: ran.append("atexit"))
    try:
        with pytest.raises(Exited) as done:
            cli.entry()
        assert done.value.args == (1,)
        assert gc.get_threshold() == tuning.GC_THRESHOLDS
        assert ran == ["atexit"]
    finally:
        gc.set_threshold(*before)
