"""The progress line: drawn only for a person at a terminal, with counts, rate and time left; erased at the end."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TextIO

import pytest

from lintnews.commands import check
from lintnews.commands.cli import main
from lintnews.commands.progress import Progress, in_ci, wanted

from .conftest import CliRunner, engine_args


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_wanted_only_on_a_terminal_outside_ci_and_not_quiet() -> None:
    assert wanted(FakeTTY(), quiet=False, env={})
    assert not wanted(io.StringIO(), quiet=False, env={})  # a pipe or a file
    assert not wanted(FakeTTY(), quiet=True, env={})
    assert not wanted(FakeTTY(), quiet=False, env={"CI": "true"})
    assert not wanted(FakeTTY(), quiet=False, env={"TF_BUILD": "True"})
    assert not wanted(FakeTTY(), quiet=False, env={"TERM": "dumb"})
    assert wanted(FakeTTY(), quiet=False, env={"CI": "false"})
    assert not in_ci({"CI": ""}) and in_ci({"JENKINS_URL": "http://ci"})


def test_a_short_run_draws_nothing() -> None:
    out, clock = FakeTTY(), Clock()
    bar = Progress(out, 1000, clock=clock, delay=1.0)
    clock.now += 0.5
    bar.add(1, 120, 600)
    bar.close()
    assert out.getvalue() == ""


def test_counts_rate_share_and_time_left() -> None:
    out, clock = FakeTTY(), Clock()
    bar = Progress(out, 1000, clock=clock, delay=1.0)
    clock.now += 2.0
    bar.add(3, 400, 250)
    line = out.getvalue()
    assert line.startswith("\r") and "3 articles" in line and "400 words" in line and "200 words/s" in line
    # a quarter of the input in 2 s: 6 s to go
    assert "25%" in line and "0:06 left" in line
    clock.now += 0.05
    bar.add(1, 10, 10)
    assert out.getvalue() == line  # redrawn at most every EVERY seconds
    clock.now += 1.0
    bar.add(1, 10, 10)
    assert "5 articles" in out.getvalue()
    bar.close()
    assert out.getvalue().endswith("\r")
    assert out.getvalue().rsplit("\r", 2)[-2].strip() == ""  # the line is blanked


def test_without_a_size_there_is_no_time_left() -> None:
    out, clock = FakeTTY(), Clock()
    bar = Progress(out, None, clock=clock, delay=0.0)
    clock.now += 1.0
    bar.add(2, 50, 300)
    assert "2 articles" in out.getvalue() and "left" not in out.getvalue()


def test_nothing_on_a_piped_stderr(cli: CliRunner, workdir: Path) -> None:
    for i in range(3):
        (workdir / f"a{i}.txt").write_text("He came this Monday.\n", encoding="utf-8")
    r = cli([*engine_args("--no-cache"), "a0.txt", "a1.txt", "a2.txt"])
    assert b"enginetest.this-day" in r.stdout
    assert b"\r" not in r.stderr and b"articles" not in r.stderr


def test_check_counts_each_article_on_a_terminal(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` on a terminal: the bar is told of every article, sized by the input, and erased before the report."""
    for i in range(3):
        (workdir / f"a{i}.txt").write_text("He came this Monday.\n", encoding="utf-8")
    tty = FakeTTY()
    made: list[Progress] = []

    def progress(stream: TextIO, total: int | None) -> Progress:
        made.append(Progress(stream, total, delay=0.0))
        return made[-1]

    monkeypatch.chdir(workdir)
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(check, "Progress", progress)
    for k in ("CI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION", "GITHUB_ACTIONS"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    code = main([*engine_args("--no-cache", "--jobs", "1"), "a0.txt", "a1.txt", "a2.txt"])
    assert code == 0
    (bar,) = made
    assert (bar.articles, bar.words, bar.total) == (3, 12, 3 * len("He came this Monday.\n"))
    assert "1 article, 4 words" in tty.getvalue() and tty.getvalue().endswith("\r")
    assert main([*engine_args("--no-cache", "--quiet"), "a0.txt"]) == 0
    assert len(made) == 1  # --quiet: no bar
