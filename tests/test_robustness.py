"""Bad input through the real CLI: one clear line per bad file, exit 2, the other files still checked."""

from __future__ import annotations

import errno
import json
import os
import resource
import time
from pathlib import Path

import pytest

from lintnews.checkers.regex import RegexChecker
from lintnews.commands import cli
from lintnews.core import fileio
from tests.conftest import CliRunner

DOUBLED = ["check", "--select", "punctuation.doubled-period"]


def _bad_folder(root: Path) -> Path:
    d = root / "articles"
    d.mkdir()
    (d / "good.txt").write_bytes(b"He left. . Then he came back.\n")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "latin1.txt").write_bytes("Le caf\u00e9. . Fin.\n".encode("latin-1"))
    (d / "nul.txt").write_bytes(b"Fine text. .\n" * 100 + b"\x00tail")
    (d / "empty.txt").write_bytes(b"")
    (d / "utf16.txt").write_bytes("\ufeffShe spoke. . Then.\r\n".encode("utf-16-le"))
    (d / "crlf.txt").write_bytes(b"One. .\r\nTwo.\r\n")
    (d / "mixed.txt").write_bytes(b"One. .\r\nTwo. .\nThree. .\rFour.")
    (d / "loop.txt").symlink_to(d / "loop2.txt")
    (d / "loop2.txt").symlink_to(d / "loop.txt")
    (d / "folder.txt").mkdir()
    (d / "folder.txt" / "inner.txt").write_bytes(b"Inside. .\n")
    return d


BAD = {
    "binary.txt": "binary file",
    "latin1.txt": "not valid UTF-8",
    "nul.txt": "NUL byte at offset 1300",
    "loop.txt": "symlink loop",
    "loop2.txt": "symlink loop",
}


def test_bad_files_each_get_one_line_and_the_rest_is_checked(cli: CliRunner, workdir: Path) -> None:
    d = _bad_folder(workdir)
    p = cli([*DOUBLED, "--format", "json", "articles"])
    assert p.returncode == 2
    lines = p.stderr.decode().splitlines()
    assert len(lines) == len(BAD), lines
    for name, problem in BAD.items():
        (line,) = [ln for ln in lines if f"{name}:" in ln]
        assert line.startswith("lintnews: error: ") and problem in line
    found = {(Path(f["path"]).name, f["offset"]) for f in json.loads(p.stdout)["findings"]}
    assert found == {
        ("good.txt", 7),
        ("utf16.txt", 10),  # the BOM counts as a character
        ("crlf.txt", 3),
        ("mixed.txt", 3),
        ("mixed.txt", 11),
        ("mixed.txt", 20),
        ("inner.txt", 6),
    }
    assert "Traceback" not in p.stderr.decode()
    # the same run with --fix fixes the good files and leaves the bad ones byte for byte
    before = {n: (d / n).read_bytes() for n in ("binary.txt", "latin1.txt", "nul.txt")}
    mtimes = {n: os.stat(d / n).st_mtime_ns for n in before}
    p = cli([*DOUBLED, "--fix", "articles"])
    assert p.returncode == 2
    assert {n: (d / n).read_bytes() for n in before} == before
    assert {n: os.stat(d / n).st_mtime_ns for n in before} == mtimes
    assert (d / "good.txt").read_bytes() == b"He left. Then he came back.\n"
    assert (d / "crlf.txt").read_bytes() == b"One.\r\nTwo.\r\n"
    assert (d / "mixed.txt").read_bytes() == b"One.\r\nTwo.\nThree.\rFour."
    assert (d / "utf16.txt").read_bytes() == "\ufeffShe spoke. Then.\r\n".encode("utf-16-le")
    assert (d / "empty.txt").read_bytes() == b""


def test_size_limit_refuses_quickly(cli: CliRunner, workdir: Path) -> None:
    big = workdir / "big.txt"
    big.write_bytes(b"x" * 3000 + b". .\n")
    small = workdir / "small.txt"
    small.write_bytes(b"Small. .\n")
    (workdir / ".lintnews.toml").write_text("max-file-size = 2000\n", encoding="utf-8")
    p = cli([*DOUBLED, "--fix", "big.txt", "small.txt"])
    assert p.returncode == 2
    (line,) = p.stderr.decode().splitlines()
    assert "big.txt" in line and "max-file-size" in line
    assert big.read_bytes().endswith(b". .\n")
    assert small.read_bytes() == b"Small.\n"


@pytest.mark.slow
def test_50mb_file_refused_by_default_and_checked_when_allowed(cli: CliRunner, workdir: Path) -> None:
    para = b"The minister spoke in the capital on Tuesday about the new budget. " * 15 + b"\n\n"
    big = workdir / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50_000_000 // len(para)):
            fh.write(para)
        fh.write(b"Last line. .\n")
    t = time.monotonic()
    p = cli([*DOUBLED, "big.txt"])
    assert p.returncode == 2 and b"max-file-size" in p.stderr
    assert time.monotonic() - t < 30
    (workdir / ".lintnews.toml").write_text("max-file-size = 60_000_000\n", encoding="utf-8")
    t = time.monotonic()
    p = cli([*DOUBLED, "--format", "json", "big.txt"], timeout=300)
    assert p.returncode == 0, p.stderr  # a warning does not fail the run
    assert len(json.loads(p.stdout)["findings"]) == 1
    assert time.monotonic() - t < 240


def test_very_long_line(cli: CliRunner, workdir: Path) -> None:
    f = workdir / "long.txt"
    f.write_bytes(b"word " * 400_000 + b"end. .")
    t = time.monotonic()
    p = cli([*DOUBLED, "--format", "json", "long.txt"])
    assert p.returncode == 0, p.stderr
    (finding,) = json.loads(p.stdout)["findings"]
    assert finding["offset"] == 2_000_003
    assert time.monotonic() - t < 60


def test_read_only_file_is_not_replaced(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    f = workdir / "ro.txt"
    f.write_bytes(b"Read only. .\n")
    f.chmod(0o444)
    ok = workdir / "ok.txt"
    ok.write_bytes(b"Writable. .\n")
    # The superuser may write any file, and the tests run as root here: have the system answer for
    # an ordinary user, to whom a file without write bits is read-only. In-process, so the patch holds.
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **kw: False if mode & os.W_OK and str(p).endswith("ro.txt") else real_access(p, mode),
    )
    monkeypatch.chdir(workdir)
    code = cli.main([*DOUBLED, "--no-cache", "--fix", "ro.txt", "ok.txt"])
    assert code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == "lintnews: error: ro.txt: not fixed, the file is left as it was: the file is read-only"
    assert f.read_bytes() == b"Read only. .\n"
    assert f.stat().st_mode & 0o777 == 0o444
    assert ok.read_bytes() == b"Writable.\n"


def _small_fsize_limit() -> None:
    # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, as a full disk fails with ENOSPC
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_fix_on_a_full_disk_leaves_the_original(cli: CliRunner, workdir: Path) -> None:
    f = workdir / "a.txt"
    original = b"Too long to write back. .\n" * 2000  # 52 kB: over the limit
    f.write_bytes(original)
    p = cli([*DOUBLED, "--fix", "a.txt"], preexec_fn=_small_fsize_limit)
    assert p.returncode == 2
    (line,) = p.stderr.decode().splitlines()
    assert line.startswith("lintnews: error: a.txt: not fixed, the file is left as it was: ")
    assert f.read_bytes() == original
    assert sorted(os.listdir(workdir)) == sorted([".lintnews.toml", "a.txt", "cycle.yaml", "packs"])


def test_enospc_in_process(workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(workdir)
    f = workdir / "a.txt"
    f.write_bytes(b"Full disk. .\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    assert cli.main([*DOUBLED, "--fix", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert err == "lintnews: error: a.txt: not fixed, the file is left as it was: No space left on device\n"
    assert f.read_bytes() == b"Full disk. .\n"


def test_unreadable_file(workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(workdir)
    (workdir / "secret.txt").write_bytes(b"Secret. .\n")
    (workdir / "open.txt").write_bytes(b"Open. .\n")
    if os.geteuid() == 0:
        # root can read a chmod 000 file: fail its open as it fails for everyone else
        real_open = open

        def guarded(path: object, *args: object, **kw: object) -> object:
            if str(path).endswith("secret.txt"):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, *args, **kw)  # type: ignore[call-overload]

        monkeypatch.setattr(fileio, "open", guarded, raising=False)
    else:
        (workdir / "secret.txt").chmod(0)
    assert cli.main([*DOUBLED, "--format", "json", "secret.txt", "open.txt"]) == 2
    out, err = capsys.readouterr()
    assert err == "lintnews: error: secret.txt: permission denied\n"
    assert [f["path"] for f in json.loads(out)["findings"]] == ["open.txt"]


def test_a_crash_in_one_file_is_one_line(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(workdir)
    (workdir / "boom.txt").write_bytes(b"Boom. .\n")
    (workdir / "fine.txt").write_bytes(b"Fine. .\n")
    real_check = RegexChecker.check

    def check(self: RegexChecker, doc):  # type: ignore[no-untyped-def]
        if doc.path.endswith("boom.txt"):
            raise ValueError("a checker bug")
        return real_check(self, doc)

    monkeypatch.setattr(RegexChecker, "check", check)
    assert cli.main([*DOUBLED, "--format", "json", "boom.txt", "fine.txt"]) == 2
    out, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith("lintnews: error: boom.txt: internal error") and "a checker bug" in line
    assert [f["path"] for f in json.loads(out)["findings"]] == ["fine.txt"]


# The look-ahead keeps the candidate scan (which drops zero-width assertions) from ruling the rule out, so the
# pattern itself runs and backtracks; '(a+)+$' the scan proves cannot match before "!" and never runs
CATASTROPHIC = r"""
pack: house
rules:
  - id: house.runaway
    kind: regex
    pattern: '(a|aa)+(?=b)'
    category: grammar
    message: "runaway"
    examples: {bad: ["aab"], good: ["b"]}
"""


def test_catastrophic_regex_is_stopped_and_reported(cli: CliRunner, workdir: Path) -> None:
    (workdir / "house.yaml").write_text(CATASTROPHIC, encoding="utf-8")
    # an "ab" further on: the prefilter that reads the look-ahead lets the rule run, into the run of a's first
    (workdir / "a.txt").write_bytes(b"a" * 20_000 + b"!\nab\n")
    t = time.monotonic()
    p = cli(["check", "--rule-pack", "house.yaml", "--select", "house", "a.txt"])
    assert time.monotonic() - t < 60
    assert p.returncode == 0, p.stderr
    (line,) = p.stderr.decode().splitlines()
    assert line.startswith("lintnews: warning: a.txt: rule house.runaway stopped")
    # the rule did not check the file: the summary may not say all was checked
    assert p.stdout.decode().strip() == "No findings. 1 rule did not run to the end (see the warnings)."


def test_python_tags_in_a_pack_are_refused(cli: CliRunner, workdir: Path) -> None:
    marker = workdir / "pwned"
    (workdir / "evil.yaml").write_text(
        f"pack: evil\nrules: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    (workdir / "a.txt").write_bytes(b"Text.\n")
    p = cli(["check", "--rule-pack", "evil.yaml", "a.txt"])
    assert p.returncode == 2
    (line,) = p.stderr.decode().splitlines()
    assert line.startswith("lintnews: error: evil.yaml:2: invalid YAML") and "python/object" in line
    assert not marker.exists()
