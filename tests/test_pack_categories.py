"""A category a house pack declares works end to end: selected, ignored, checked for typos, shown in the report."""

from __future__ import annotations

import json
from pathlib import Path

from lintnews.core.findings import CATEGORIES
from lintnews.core.sources import make_document
from lintnews.outputs.html_report import Article, category_colour, render_html, render_markdown, report_categories
from lintnews.rules.rulepack import known_categories, load_pack
from tests.conftest import CliRunner

HOUSE = """\
pack: house
categories:
  tone: "words our desk keeps out of news copy"
defaults: {category: tone, severity: warning}
rules:
  - id: house.slammed
    kind: phrase
    message: "'{match}' is a tabloid verb: say what was said."
    phrases: [slammed]
    examples:
      bad: ["The minister slammed the plan."]
      good: ["The minister criticised the plan."]
"""
TEXT = "The minister slammed the plan on Monday.\n"


def _house(workdir: Path) -> None:
    (workdir / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (workdir / "a.txt").write_text(TEXT, encoding="utf-8")


def _rules_found(stdout: bytes) -> list[tuple[str, str]]:
    return [(f["rule"], f["category"]) for f in json.loads(stdout)["findings"]]


def test_selecting_a_declared_category_runs_its_rules(cli: CliRunner, workdir: Path) -> None:
    _house(workdir)
    p = cli(["check", "--no-cache", "--format", "json", "--rule-pack", "house.yaml", "--select", "tone", "a.txt"])
    assert p.returncode == 0, p.stderr  # a warning does not fail the run (fail-on: error)
    assert _rules_found(p.stdout) == [("house.slammed", "tone")]


def test_ignoring_a_declared_category_drops_its_rules(cli: CliRunner, workdir: Path) -> None:
    _house(workdir)
    p = cli(["check", "--no-cache", "--format", "json", "--rule-pack", "house.yaml", "--ignore", "tone", "a.txt"])
    assert p.returncode == 0, p.stderr
    assert ("house.slammed", "tone") not in _rules_found(p.stdout)


def test_a_misspelt_declared_category_is_refused_with_a_hint(cli: CliRunner, workdir: Path) -> None:
    _house(workdir)
    p = cli(["check", "--no-cache", "--rule-pack", "house.yaml", "--select", "tonne", "a.txt"])
    assert p.returncode == 2
    assert b"'tonne' is no rule id, id prefix or category; did you mean 'tone'?" in p.stderr
    # without the pack the category is unknown
    p = cli(["check", "--no-cache", "--select", "tone", "a.txt"])
    assert p.returncode == 2
    assert b"'tone' is no rule id" in p.stderr


def test_the_report_shows_a_declared_category(cli: CliRunner, workdir: Path) -> None:
    _house(workdir)
    p = cli(["report", "--rule-pack", "house.yaml", "--select", "tone", "a.txt"])
    assert p.returncode == 0, p.stderr
    page = p.stdout.decode("utf-8")
    assert '<input type="checkbox" class="fcat" value="tone" checked>' in page
    assert '<th class="num cat" data-k="13" title="tone">' in page  # after the nine built-in columns
    palette = json.loads(page.split('id="lintnews-palette">', 1)[1].split("</script>", 1)[0])
    assert palette["tone"] == category_colour("tone") and palette["tone"].startswith("hsl(")
    p = cli(["report", "--format", "markdown", "--rule-pack", "house.yaml", "--select", "tone", "a.txt"])
    assert "| article | words | score | findings | tone |" in p.stdout.decode("utf-8")


def test_report_columns_are_the_known_categories_then_those_found(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(HOUSE, encoding="utf-8")
    pack = load_pack(path)
    from lintnews.engine.lint import Linter

    doc = make_document("a.txt", TEXT)
    article = Article.of(doc, Linter(list(pack.rules)).lint(doc))
    assert report_categories([article]) == [*CATEGORIES, "tone"]
    assert report_categories([article], known_categories([pack])) == [*CATEGORIES, "tone"]
    assert report_categories([], known_categories([pack]))[-1] == "tone"
    assert 'value="tone"' in render_html([article])
    assert "| tone |" in render_markdown([article])
    # a built-in category keeps its colour
    assert category_colour("calque") == "#669bbc"
