"""The bundled corpus against its golden files: a behaviour change shows up as a diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import ARTICLES, EXPECTED, golden_findings

ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))


def test_every_article_has_a_golden_file() -> None:
    assert ARTICLE_FILES, "corpus/articles is empty"
    missing = [a.name for a in ARTICLE_FILES if not (EXPECTED / (a.stem + ".json")).is_file()]
    assert not missing, f"no golden file for {missing}: run scripts/update_golden.py"


@pytest.mark.slow
@pytest.mark.parametrize("article", ARTICLE_FILES, ids=lambda p: p.name)
def test_findings_match_golden(article: Path) -> None:
    expected = json.loads((EXPECTED / (article.stem + ".json")).read_text(encoding="utf-8"))
    actual = golden_findings(article)
    assert actual == expected, "findings changed: review, then run scripts/update_golden.py"


def test_clean_control_article_has_no_warnings() -> None:
    data = json.loads((EXPECTED / "004_f2d41bd56846e03b.json").read_text(encoding="utf-8"))
    assert [f for f in data if f["severity"] in ("error", "warning")] == []
