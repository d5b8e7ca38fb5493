"""Shared fixtures: a small engine-test rule pack and a runner for the real command line."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import parse_pack
from lintnews.speed.cache import CACHE_ENV


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Keep the tests' cache out of the user's cache folder (and the user's cache out of the tests)."""
    old = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("lintnews-cache"))
    yield
    if old is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = old


# Rules that exercise the fix engine, independent of the packs shipped in rules/.
ENGINE_PACK = r"""
pack: enginetest
defaults: {category: punctuation, severity: warning}
rules:
  - id: enginetest.this-day
    kind: regex
    pattern: '\bthis (?P<day>Monday|Tuesday)\b'
    replacement: 'on {day}'
    fix: safe
    message: "Write 'on {day}'."
    examples: {bad: ["He came this Monday."], good: ["He came on Monday."]}
  - id: enginetest.doubled-word
    kind: regex
    pattern: '\b(\w+) \1\b'
    replacement: '{1}'
    fix: safe
    message: "Doubled word."
    examples: {bad: ["the the"], good: ["the"]}
  - id: enginetest.colour
    kind: regex
    pattern: '\bcolour\b'
    replacement: 'color'
    fix: unsafe
    message: "US spelling."
    examples: {bad: ["colour"], good: ["color"]}
  - id: enginetest.run-together
    kind: regex
    pattern: '\bGazawhich\b'
    suggestions: ['Gaza, which', 'Gaza which']
    fix: safe
    message: "Run-together words."
    examples: {bad: ["Gazawhich"], good: ["Gaza, which"]}
  - id: enginetest.slashes
    kind: regex
    pattern: ' // '
    replacement: "\n"
    fix: safe
    message: "A line break, not slashes."
    examples: {bad: ["a // b"], good: ["a / b"]}
  - id: enginetest.bare-cr
    kind: regex
    pattern: '\r'
    replacement: ''
    fix: safe
    message: "A rule that would break CRLF line endings: the engine must refuse its fix."
    examples: {bad: ["a\rb"], good: ["a b"]}
"""

# Two rules that undo each other: the engine must notice and leave the text alone.
CYCLE_PACK = r"""
pack: cycletest
defaults: {category: punctuation, severity: warning, kind: regex, fix: safe}
rules:
  - id: cycletest.to-color
    pattern: '\bcolour\b'
    replacement: 'color'
    message: "to color"
    examples: {bad: ["colour"], good: ["color"]}
  - id: cycletest.to-colour
    pattern: '\bcolor\b'
    replacement: 'colour'
    message: "to colour"
    examples: {bad: ["color"], good: ["colour"]}
"""

ROOT = Path(__file__).resolve().parent.parent


def pack_linter(text: str = ENGINE_PACK) -> Linter:
    return Linter(list(parse_pack(yaml.safe_load(text), "test.yaml").rules))


@pytest.fixture
def engine_linter() -> Linter:
    return pack_linter()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with the engine and cycle packs and an empty config, so no project config is picked up."""
    (tmp_path / ".lintnews.toml").write_text("", encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    (tmp_path / "cycle.yaml").write_text(CYCLE_PACK, encoding="utf-8")
    return tmp_path


CliRunner = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def cli(workdir: Path) -> CliRunner:
    """Run `python -m lintnews ARGS` in the work folder; returns the completed process (bytes)."""

    def run(args: Sequence[str], stdin: bytes | None = None, timeout: float = 120, **kw: Any) -> Any:
        return subprocess.run(
            [sys.executable, "-m", "lintnews", *args],
            cwd=kw.pop("cwd", workdir),
            input=stdin,
            capture_output=True,
            timeout=timeout,
            check=False,
            **kw,
        )

    return run


def engine_args(*extra: str) -> list[str]:
    """`check` with only the engine-test rules."""
    return ["check", "--rule-pack", "packs/enginetest.yaml", "--select", "enginetest", *extra]


# a process that rewrites a file with write_atomic, two versions in turn, until it is killed
_WRITER = """
import sys
from lintnews.core.fileio import write_atomic
path, n = sys.argv[1], int(sys.argv[2])
versions = [b"B" * n, b"A" * n]
print("ready", flush=True)
i = 0
while True:
    write_atomic(path, versions[i % 2])
    i += 1
"""


def kill_a_writer(target: Path, size: int, rng: random.Random) -> None:
    """Start a process rewriting `target` (all 'A's or all 'B's, `size` bytes), SIGKILL it at a random moment."""
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(size)], stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"ready\n"
    time.sleep(rng.uniform(0.0, 0.15))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
