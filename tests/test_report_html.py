"""The editor's HTML report: escaping, structure, and a real headless Chromium that selects a finding."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.html_report import Article, artifact_score, render_html, render_markdown
from lintnews.lint import Linter
from lintnews.rulepack import load_pack
from lintnews.sources import make_document

PACK = """
pack: house
rules:
  - id: house.this-weekday
    kind: regex
    category: calque
    severity: warning
    pattern: '\\bthis (?P<day>Monday|Tuesday)\\b'
    replacement: 'on {day}'
    fix: safe
    message: "Write 'on {day}', not 'this {day}'."
    source: test pack
    examples: {bad: ["He came this Monday."], good: ["He came on Monday."]}
  - id: house.doubled-period
    kind: regex
    category: punctuation
    severity: error
    pattern: '\\.[ ]\\.'
    replacement: '.'
    fix: safe
    message: "Doubled period."
    source: test pack
    examples: {bad: ["It ended. ."], good: ["It ended."]}
"""

HOSTILE = (
    "The minister arrived this Tuesday in <b>Cairo</b>. .\n\n"
    '</script><script>window.PWNED=1</script> and <img src=x onerror="window.PWNED=2"> stay text.\n'
)


def _articles(tmp_path: Path, texts: dict[str, str]) -> list[Article]:
    pack_path = tmp_path / "house.yaml"
    pack_path.write_text(PACK, encoding="utf-8")
    linter = Linter(list(load_pack(pack_path).rules))
    out = []
    for name, text in texts.items():
        doc = make_document(name, text)
        out.append(Article(name, text, doc.word_count, linter.lint(doc)))
    return out


def test_article_text_is_escaped(tmp_path: Path) -> None:
    page = render_html(_articles(tmp_path, {"evil<script>.txt": HOSTILE}))
    assert "<script>window.PWNED" not in page
    assert "<img src=x" not in page
    assert "<b>Cairo" not in page
    assert "evil<script>" not in page
    # the article data still round-trips exactly through the embedded JSON
    m = re.search(r'<script type="application/json" id="lintnews-data">(.*?)</script>', page, re.S)
    assert m is not None
    assert json.loads(m.group(1))[0]["t"] == HOSTILE


def test_report_is_self_contained(tmp_path: Path) -> None:
    page = render_html(_articles(tmp_path, {"a.txt": HOSTILE}))
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page


def test_size_grows_linearly(tmp_path: Path) -> None:
    small = len(render_html(_articles(tmp_path, {f"{i}.txt": HOSTILE for i in range(10)})))
    big = len(render_html(_articles(tmp_path, {f"{i}.txt": HOSTILE for i in range(100)})))
    fixed = small - (big - small) / 9
    assert (big - fixed) / (small - fixed) == pytest.approx(10, rel=0.05)


def test_score_weights_severity(tmp_path: Path) -> None:
    (art,) = _articles(tmp_path, {"a.txt": HOSTILE})
    # one error (3) and one warning (2) over the article's words
    assert art.score == artifact_score(art.findings, art.words) == round(1000 * 5 / art.words, 1)
    assert artifact_score([], 1000) == 0.0


def test_markdown_summary(tmp_path: Path) -> None:
    md = render_markdown(_articles(tmp_path, {"a|b.txt": HOSTILE, "clean.txt": "All fine here.\n"}))
    lines = md.splitlines()
    assert lines[0].startswith("### lintnews: 2 articles, 2 findings")
    assert any(r"a\|b.txt" in line and "| 2 |" in line for line in lines)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    """Open the report in real Chromium: highlights have their colours, selecting one shows its message."""
    browser_path = _chromium()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (scripts/test.sh installs Debian's chromium)")
        pytest.skip("Chromium is not installed")
    pytest.importorskip("playwright")
    arts = _articles(tmp_path, {"first.txt": HOSTILE, "second.txt": "Nothing wrong here.\n"})
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html(arts), encoding="utf-8")
    shot = tmp_path / "report.png"
    script = Path(__file__).with_name("browser") / "drive_report.py"
    proc = subprocess.run(
        [sys.executable, str(script), browser_path, page_path.as_uri(), str(shot)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["marks"] == 2
    assert result["categories"] == ["calque", "punctuation"]
    assert "Write 'on Tuesday'" in result["detail"]
    assert "on Tuesday" in result["fix"]
    assert result["pwned"] is None
    assert "<script>window.PWNED=1</script>" in result["text"]
    assert result["hidden_after_filter"] == 1
    assert result["sorted_first"] == "second.txt"
    assert shot.stat().st_size > 10_000
