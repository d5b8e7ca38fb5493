"""A Hugo/Jekyll/HTML content repository through the real pre-commit hook: clean articles pass, MT copies are
refused, and what --fix does to them is exactly the expected diff (markup, front matter, code byte for byte)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from lintnews.core.sources import make_document

from .test_precommit import git_env, hook_from_manifest, sh

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "content-repo"
MT = FIXTURES / "content-repo-mt"
EXPECTED_DIFF = FIXTURES / "content-repo-mt.fixed.diff"
# what the hook must report in the MT copies: rule ids and where
EXPECTED_RULES = {
    "content/posts/harbour-reopens.md": {
        "calque-es.this-weekday", "punctuation.space-before-comma", "mt.repeated-word",
        "boilerplate.caption-credit", "punctuation.doubled-period", "sentence-split.paragraph-continues",
    },
    "static/articles/election-count.html": {
        "calque-es.this-weekday", "punctuation.space-before-comma", "punctuation.doubled-period",
    },
}  # fmt: skip

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _skeleton(path: str, raw: str) -> str:
    """Every character that is not article text, in order, white space left out: what no fix may change
    (a deleted block leaves the markup around it as it was, only closer together)."""
    doc = make_document(path, raw)
    kept, pos = [], 0
    for s, e in doc.text_spans or ():
        kept.append(raw[pos:s])
        pos = e
    kept.append(raw[pos:])
    return "".join("".join(kept).split())


@pytest.mark.slow
def test_content_repository_through_the_pre_commit_hook(tmp_path: Path) -> None:
    lintnews = Path(sys.executable).parent / "lintnews"
    if not lintnews.exists():
        pytest.skip("lintnews is not installed beside this Python")
    env = git_env(tmp_path)
    repo = tmp_path / "site"
    shutil.copytree(CLEAN, repo)
    hook = {**hook_from_manifest(), "language": "system", "entry": f"{lintnews} check --no-cache"}
    hook.pop("additional_dependencies")
    import yaml

    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8"
    )
    # every shipped rule runs; a warning refuses the commit
    (repo / ".lintnews.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert sh(["git", "init", "-q"], repo, env).returncode == 0
    assert sh([sys.executable, "-m", "pre_commit", "install"], repo, env).returncode == 0
    sh(["git", "add", "-A"], repo, env)

    clean = sh(["git", "commit", "-m", "clean articles"], repo, env, timeout=300)
    out = clean.stdout + clean.stderr
    assert clean.returncode == 0, out
    assert "warning" not in out and "error" not in out.replace("errors", ""), out

    for rel in _files(MT):
        shutil.copy2(MT / rel, repo / rel)
    sh(["git", "add", "-A"], repo, env)
    refused = sh(["git", "commit", "-m", "machine-translated copies"], repo, env, timeout=300)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    for rel, rules in EXPECTED_RULES.items():
        reported = {line.split(": ", 2)[1].split(" ", 1)[0] for line in out.splitlines() if line.startswith(rel + ":")}
        assert reported == rules, (rel, out)

    before = {rel: (repo / rel).read_text(encoding="utf-8") for rel in EXPECTED_RULES}
    fixed = sh([str(lintnews), "check", "--no-cache", "--fix", "--unsafe-fixes", *EXPECTED_RULES], repo, env, 300)
    assert fixed.returncode in (0, 1), fixed.stdout + fixed.stderr
    diff = sh(["git", "diff", "--no-color", "--no-ext-diff", "-U1"], repo, env).stdout
    assert diff == EXPECTED_DIFF.read_text(encoding="utf-8")
    for rel, raw in before.items():
        # front matter, markup, link targets, code, shortcodes and comments: byte for byte as they were
        assert _skeleton(rel, (repo / rel).read_text(encoding="utf-8")) == _skeleton(rel, raw)
