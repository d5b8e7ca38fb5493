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

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.outputs.html_report import Article, artifact_score, render_html, render_markdown
from lintnews.rules.rulepack import load_pack

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
        out.append(Article.of(doc, linter.lint(doc)))
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


FRONT = (
    "---\ntitle: 'Floods close the port'\ndate: 2026-11-02\nauthor: Desk\n---\n\n"
    "The port closed this Monday after two days of rain. .\n\nOfficials expect the water to recede by Friday.\n"
)
LONG_PATH = "desk/2026/11/regional-coverage-from-the-eastern-provinces/floods-close-the-port-after-two-days-of-rain.txt"


def _table(md: str) -> list[list[str]]:
    rows = [line for line in md.splitlines() if line.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", r.strip())[1:-1]] for r in rows]


def test_markdown_summary(tmp_path: Path) -> None:
    md = render_markdown(
        _articles(tmp_path, {"a|b.txt": HOSTILE, "clean.txt": "All fine here.\n", "one.txt": "It ended. .\n"}),
        "Desk review",
    )
    lines = md.splitlines()
    assert lines[0] == "### Desk review"
    assert "3 articles, 3 findings." in lines
    table = _table(md)
    assert len({len(r) for r in table}) == 1  # header, delimiter and rows: the same number of cells
    assert table[0] == ["article", "words", "score", "findings", "punctuation", "calque"]
    # worst score first
    assert [r[0] for r in table[2:]] == ["`one.txt`", r"`a\|b.txt`", "`clean.txt`"]


def test_markdown_without_findings_is_valid_and_titled(tmp_path: Path) -> None:
    md = render_markdown(_articles(tmp_path, {"clean.txt": "All fine here.\n"}), "Monday desk")
    assert md.splitlines()[0] == "### Monday desk"
    assert "1 article, 0 findings." in md and "No findings." in md
    table = _table(md)
    assert table == [] or len({len(r) for r in table}) == 1
    assert render_markdown([], "Empty").splitlines()[0] == "### Empty"


def test_markdown_report_command_honours_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lintnews.commands.cli import main

    (tmp_path / "clean.txt").write_text("All fine here.\n", encoding="utf-8")
    code = main(["report", "--format", "markdown", "--title", "Night shift", str(tmp_path / "clean.txt")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "### Night shift" and "1 article, 0 findings." in out


def test_html_opens_sorted_by_score_and_hides_front_matter(tmp_path: Path) -> None:
    arts = _articles(tmp_path, {"first.txt": HOSTILE, "second.txt": "Nothing wrong here.\n", "front.md": FRONT})
    page = render_html(arts)
    tbody = page[page.index("<tbody>") : page.index("</tbody>")]
    shown = re.findall(r'<tr data-i="(\d)"', tbody)
    by_score = sorted(range(3), key=lambda i: (-arts[i].score, arts[i].path))
    assert [int(i) for i in shown] == by_score and by_score[-1] == 1
    assert re.findall(r'<section class="article" id="a(\d)"', page) == shown
    assert 'class="num sorted-desc" data-k="2"' in page
    assert "1 findings" not in page and "1 words" not in page
    assert "<h2>Floods close the port <small" in page
    # the embedded text is the view: front matter blanked (same length, offsets hold), the title kept
    data = json.loads(re.search(r'id="lintnews-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert len(data[2]["t"]) == len(FRONT) and "date:" not in data[2]["t"] and "Floods close the port" in data[2]["t"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    """Open the report in real Chromium at 1,400 px: highlights have their colours, selecting one shows its
    message; it opens worst first and the sections follow the table's sort; the table fits; the sticky header
    leaves the detail panel visible; front matter is not shown. Look at report.png and report-scrolled.png."""
    browser_path = _chromium()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (scripts/test.sh installs Debian's chromium)")
        pytest.skip("Chromium is not installed")
    pytest.importorskip("playwright")
    texts = {"first.txt": HOSTILE, "second.txt": "Nothing wrong here.\n", "front.md": FRONT, LONG_PATH: HOSTILE * 3}
    arts = _articles(tmp_path, texts)
    page_path = tmp_path / "report.html"
    page_path.write_text(render_html(arts), encoding="utf-8")
    shot = Path(os.environ.get("LINTNEWS_SCREENSHOT_DIR", tmp_path)) / "report.png"
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
    # opens worst first, the sections in the table's order, and they follow a new sort
    by_score = sorted(range(len(arts)), key=lambda i: (-arts[i].score, arts[i].path))
    assert result["opened"]["rowIndex"] == [str(i) for i in by_score]
    assert result["opened"]["sections"] == result["opened"]["rowIndex"]
    by_findings = result["sorted_by_findings"]
    assert by_findings["rows"][0] == "second.txt"
    assert by_findings["sections"] == by_findings["rowIndex"] != result["opened"]["rowIndex"]
    # at 1,400 px nothing scrolls sideways and the last column is whole
    lay = result["layout"]
    assert lay["wrapScroll"] <= lay["wrapClient"] and lay["pageScroll"] <= lay["viewport"]
    assert lay["lastRight"] <= lay["wrapRight"] + 0.5 and lay["lastCellRight"] <= lay["wrapRight"] + 0.5
    # scrolled down, the detail panel starts below the sticky header
    over = result["overlap"]
    assert over["scrollY"] > 0 and over["detailTop"] >= over["headerBottom"]
    # front matter: the article's text and its title, not the raw block
    assert "The port closed" in result["front_text"]
    assert "date:" not in result["front_text"] and "---" not in result["front_text"]
    assert result["front_heading"].startswith("Floods close the port")
    assert shot.stat().st_size > 10_000
