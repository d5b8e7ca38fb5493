"""The golden-file form of a bundled article's findings: stable fields only, so diffs read well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lintnews.core.config import Config
from lintnews.engine.runner import RunOptions, make_run

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpus" / "articles"
EXPECTED = ROOT / "corpus" / "expected"


def golden_findings(article: Path) -> list[dict[str, Any]]:
    run = make_run(Config(), RunOptions())
    (result,) = run.execute([str(article)])
    text = article.read_text(encoding="utf-8")
    return [
        {
            "rule": f.rule,
            "category": f.category,
            "severity": f.severity.label,
            "line": f.line,
            "column": f.column,
            "text": text[f.offset : f.end],
            "fix": [e.replacement for e in f.fix.edits] if f.fix else None,
        }
        for f in result.findings
    ]
