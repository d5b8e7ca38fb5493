"""scripts/release.sh makes the tag the docs' pre-commit `rev:` names, and only after its checks pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def test_the_docs_rev_is_the_tag_of_this_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    revs = re.findall(r"^\s*rev: (\S+)", (ROOT / "docs" / "usage.md").read_text(encoding="utf-8"), re.M)
    assert revs == [f"v{version}"]


def _env(tmp: Path, tests: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(tmp),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        LINTNEWS_RELEASE_TESTS=tests,
    )
    return env


def _project(tmp: Path, version: str, rev: str) -> Path:
    repo = tmp / "repo"
    (repo / "scripts").mkdir(parents=True)
    (repo / "docs").mkdir()
    shutil.copy(ROOT / "scripts" / "release.sh", repo / "scripts" / "release.sh")
    (repo / "pyproject.toml").write_text(f'[project]\nname = "lintnews"\nversion = "{version}"\n', encoding="utf-8")
    (repo / "docs" / "usage.md").write_text(f"```yaml\n    rev: {rev}   # a tag\n```\n", encoding="utf-8")
    env = _env(tmp, "true")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "init"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True, capture_output=True)
    return repo


def release(repo: Path, tmp: Path, tests: str = "true") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/release.sh"],
        cwd=repo,
        env=_env(tmp, tests),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def tags(repo: Path, tmp: Path) -> list[str]:
    out = subprocess.run(["git", "tag"], cwd=repo, env=_env(tmp, "true"), capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_release_makes_an_annotated_tag_once(tmp_path: Path) -> None:
    repo = _project(tmp_path, "0.3.1", "v0.3.1")
    p = release(repo, tmp_path)
    assert p.returncode == 0, p.stderr
    kind = subprocess.run(["git", "cat-file", "-t", "v0.3.1"], cwd=repo, capture_output=True, text=True, check=False)
    assert kind.stdout.strip() == "tag"  # annotated, not a lightweight tag
    again = release(repo, tmp_path)
    assert again.returncode == 2 and "tag v0.3.1 already exists" in again.stderr


@pytest.mark.parametrize(
    ("version", "rev", "tests", "dirty", "problem"),
    [
        ("0.3.1", "v0.3.0", "true", False, "docs/usage.md: the pre-commit 'rev:' does not name v0.3.1"),
        ("0.3.1", "v0.3.1", "false", False, "the tests failed: no tag made"),
        ("0.3.1", "v0.3.1", "true", True, "uncommitted changes"),
        ("latest", "vlatest", "true", False, "version 'latest' is not N.N.N"),
    ],
)
def test_release_refuses(tmp_path: Path, *, version: str, rev: str, tests: str, dirty: bool, problem: str) -> None:
    repo = _project(tmp_path, version, rev)
    if dirty:
        (repo / "docs" / "usage.md").write_text("edited\n", encoding="utf-8")
    p = release(repo, tmp_path, tests)
    assert p.returncode == 2
    assert problem in p.stderr
    assert tags(repo, tmp_path) == []
